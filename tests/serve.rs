//! `serve` end to end, without a browser: rebuild and live reload, the 404s, builds run in a
//! child process that a newer change stops, a failed build (the first one too) that leaves
//! the previous site served, and edits applied by that process that leave the same output as a
//! full build.

mod common;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{get, serve};

/// Poll `ready` every 100 ms until it holds; fail, saying what did not happen, after `limit`.
fn wait_for(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The processes other than `server` that build the site at `root`: a `build` with `root` in its
/// command line.
fn builds_of(root: &Path, server: u32) -> Vec<u32> {
    let root = root.to_str().unwrap();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().map_while(Result::ok) {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // A process may end while the list is read.
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        if pid != server && args.contains(&root.as_bytes()) && args.contains(&&b"build"[..]) {
            pids.push(pid);
        }
    }
    pids
}

/// Overwrite a file of the fixture site, as an editor saving it would.
fn edit(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn serve_rebuilds_when_a_source_changes() {
    // No browser needed: the page's reload script polls `/__reload`, which must change.
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let server = serve(site.path(), &out, true);

    // Served pages carry the reload script; the built files do not.
    let (status, body) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 200);
    assert!(body.contains("fetch(\"/__reload\""), "{body}");
    assert!(
        !std::fs::read_to_string(out.join("en/intro/tables/index.html"))
            .unwrap()
            .contains("__reload")
    );
    let (status, body) = get(server.port, "/en/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    assert_eq!(get(server.port, "/../site.toml").0, 404);

    let (_, before) = get(server.port, "/__reload");
    // The page knows the generation it was served at: a change before its first poll reloads it.
    let (_, body) = get(server.port, "/en/intro/tables/");
    assert!(body.contains(&format!("var g=\"{before}\"")), "{body}");
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("See [the other page]", "Now see [the other page]");
    std::fs::write(&page, text).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, now) = get(server.port, "/__reload");
        if now != before {
            break;
        }
        assert!(Instant::now() < deadline, "no rebuild after a change");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, html) = get(server.port, "/en/intro/tables/");
    assert!(html.contains("Now see"), "the rebuilt page is served");
    // serve writes links for its own address, not the configured base_url's path.
    assert!(
        html.contains("<a href=\"/en/intro/only-source/#details\">"),
        "{html}"
    );
}

#[test]
fn serve_comes_back_after_a_build_that_never_ends() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let server = serve(site.path(), &work.path().join("public"), true);
    let pid = server.child.id();
    let (status, html) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 200);
    assert!(!html.contains("<!-- fixed -->"));
    let (_, generation) = get(server.port, "/__reload");

    // A template that never finishes: three nested loops of 100 000 turns, printing nothing.
    let template = site.path().join("themes/default/templates/page.html");
    let original = std::fs::read_to_string(&template).unwrap();
    let block = "{% block main %}";
    assert!(original.contains(block));
    let endless = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
        {% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}";
    edit(
        &template,
        &original.replacen(block, &format!("{block}{endless}"), 1),
    );
    wait_for(Duration::from_secs(10), "a build starts", || {
        !builds_of(site.path(), pid).is_empty()
    });
    std::thread::sleep(Duration::from_secs(1));
    let endless = builds_of(site.path(), pid);
    assert!(
        !endless.is_empty(),
        "the endless build ended:\n{}",
        server.log()
    );
    assert_eq!(get(server.port, "/__reload").1, generation);
    assert_eq!(
        get(server.port, "/en/intro/tables/"),
        (200, html),
        "the previous site is served"
    );

    // Fixed: the endless build is stopped, and a new one serves the fixed page.
    edit(
        &template,
        &original.replacen(block, &format!("{block}<!-- fixed -->"), 1),
    );
    wait_for(Duration::from_secs(30), "the fixed page is served", || {
        get(server.port, "/en/intro/tables/")
            .1
            .contains("<!-- fixed -->")
            && get(server.port, "/__reload").1 != generation
    });
    // One build process stays, keeping the site for the next edit; the endless one is gone.
    let left = builds_of(site.path(), pid);
    assert_eq!(left.len(), 1, "build processes: {left:?}");
    assert!(!endless.contains(&left[0]), "the endless build is left running: {left:?}");
    let log = server.log();
    assert!(
        log.contains("build stopped: a source changed; building again"),
        "{log}"
    );
}

#[test]
fn serve_keeps_serving_the_previous_site_when_its_first_build_fails() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .arg("--root")
        .arg(site.path())
        .args(["build", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let page = site.path().join("content/intro/tables.en.md");
    let original = std::fs::read_to_string(&page).unwrap();
    edit(&page, &format!("{original}\n{{{{ nope() }}}}\n"));

    let mut server = serve(site.path(), &out, false);
    let log = server.log();
    assert!(
        log.contains("nope"),
        "the build's own diagnostics are shown: {log}"
    );
    assert!(
        log.contains("build failed; still serving the previous site"),
        "{log}"
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "serve ended:\n{log}"
    );
    // The previous build's page: its links are for site.toml's base_url, not serve's address.
    let (status, html) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 200);
    assert!(
        html.contains("<a href=\"/report/en/intro/only-source/#details\">"),
        "{html}"
    );

    edit(
        &page,
        &original.replace("See [the other page]", "Now see [the other page]"),
    );
    wait_for(Duration::from_secs(30), "the fixed page is served", || {
        get(server.port, "/en/intro/tables/").1.contains("Now see")
    });
    let (_, html) = get(server.port, "/en/intro/tables/");
    assert!(
        html.contains("<a href=\"/en/intro/only-source/#details\">"),
        "{html}"
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "serve ended:\n{}",
        server.log()
    );
}

#[test]
fn serve_without_a_site_says_it_has_not_been_built_yet() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let page = site.path().join("content/intro/tables.en.md");
    let original = std::fs::read_to_string(&page).unwrap();
    edit(&page, &format!("{original}\n{{{{ nope() }}}}\n"));

    let mut server = serve(site.path(), &work.path().join("public"), true);
    let log = server.log();
    assert!(
        log.contains("pages will appear once a build succeeds"),
        "{log}"
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "serve ended:\n{log}"
    );
    let (status, body) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 404);
    assert!(body.contains("has not been built yet"), "{body}");

    edit(&page, &original);
    wait_for(Duration::from_secs(30), "the page is served", || {
        get(server.port, "/en/intro/tables/").0 == 200
    });
}

/// `serve`'s build process (`build --serve-worker`), driven as `serve` drives it: the changed
/// files on its stdin, a blank line after each batch, one answer a batch on its stdout.
struct Worker {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
}

const WORKER_BASE_URL: &str = "http://127.0.0.1:9/";

impl Worker {
    fn start(root: &Path, out: &Path, log: &Path) -> Worker {
        Worker::start_in(Path::new("."), root, out, log)
    }

    /// Started in the folder `cwd`, with `--root root`.
    fn start_in(cwd: &Path, root: &Path, out: &Path, log: &Path) -> Worker {
        Worker::start_with(cwd, root, out, log, &[])
    }

    /// [`Worker::start_in`], with more arguments for `build`.
    fn start_with(cwd: &Path, root: &Path, out: &Path, log: &Path, args: &[&str]) -> Worker {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
            .current_dir(cwd)
            .arg("--root")
            .arg(root)
            .args(["build", "--base-url", WORKER_BASE_URL, "--serve-worker"])
            .args(args)
            .arg("--out")
            .arg(out)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut w = Worker { child, stdin, stdout };
        assert_eq!(w.answer(), "built");
        w
    }

    fn answer(&mut self) -> String {
        use std::io::BufRead;
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        line.trim().to_string()
    }

    /// Send one batch of changed files; its answer (after `updated`, once the search indexes
    /// are written too; `building` is followed by the answer).
    fn changed(&mut self, paths: &[&Path]) -> String {
        use std::io::Write;
        for p in paths {
            writeln!(self.stdin, "{}", p.display()).unwrap();
        }
        writeln!(self.stdin).unwrap();
        self.stdin.flush().unwrap();
        let mut answer = self.answer();
        if answer == "building" {
            answer = self.answer();
            assert!(answer == "built" || answer == "failed", "{answer}");
        }
        if answer == "updated" {
            assert_eq!(self.answer(), "indexed");
        }
        answer
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The output of a full build of the site at `root`, as the worker's own address sees it.
fn full_build(root: &Path) -> common::Tree {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .arg("--root")
        .arg(root)
        .args(["build", "--base-url", WORKER_BASE_URL, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    common::tree(&out)
}

#[test]
fn an_edit_under_serve_leaves_what_a_full_build_writes() {
    let site = common::fixture(None);
    let root = site.path();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let log = work.path().join("worker.log");
    let mut worker = Worker::start(root, &out, &log);
    assert_eq!(common::tree(&out), full_build(root));
    let intro = root.join("content/intro");
    let rewrite = |file: &str, from: &str, to: &str| {
        let path = intro.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    };
    let same_as_a_full_build = |what: &str| {
        let (got, want) = (common::tree(&out), full_build(root));
        let differ: Vec<_> = got.keys().chain(want.keys()).filter(|p| got.get(*p) != want.get(*p)).collect();
        let log = std::fs::read_to_string(&log).unwrap();
        assert!(differ.is_empty(), "{what}: these differ from a full build's: {differ:?}\n{log}");
    };

    // A body edited: that page, and its search index.
    let tables_en = rewrite("tables.en.md", "See [the other page]", "Now see [the other page]");
    assert_eq!(worker.changed(&[&tables_en]), "updated");
    same_as_a_full_build("an English text edited");
    let html = std::fs::read_to_string(out.join("en/intro/tables/index.html")).unwrap();
    assert!(html.contains("Now see"), "{html}");
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("updated en/intro/tables/index.html in "), "{log_text}");

    // The source text of a page without translations: the fallbacks in every language too.
    let only = rewrite("only-source.az.md", "Bu səhifənin", "Artıq bu səhifənin");
    assert_eq!(worker.changed(&[&only]), "updated");
    same_as_a_full_build("an untranslated source text edited");
    for lang in ["az", "en", "ru"] {
        let html = std::fs::read_to_string(out.join(format!("{lang}/intro/only-source/index.html"))).unwrap();
        assert!(html.contains("Artıq bu səhifənin"), "{lang}: {html}");
    }

    // Two texts in one batch, one of them now with other heading ids than its source: a warning.
    let tables_ru = rewrite("tables.ru.md", "## Authorities {#authorities}", "## Authorities {#vlasti}");
    let tables_en = rewrite("tables.en.md", "Now see", "Then see");
    assert_eq!(worker.changed(&[&tables_ru, &tables_en]), "updated");
    same_as_a_full_build("two texts edited at once");
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("heading ids differ from the `az` file"), "{log_text}");

    // An anchor that another page links to, gone: refused, and nothing written.
    let before = common::tree(&out);
    let broken = rewrite("only-source.az.md", "{#details}", "{#detallar}");
    assert_eq!(worker.changed(&[&broken]), "rejected");
    assert!(common::tree(&out) == before, "a refused edit wrote nothing");
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("tables.en.md:9:10: error: broken anchor `@/intro/only-source.md#details`"), "{log_text}");
    // Put back as the site has it: nothing to do.
    rewrite("only-source.az.md", "{#detallar}", "{#details}");
    assert_eq!(worker.changed(&[&broken]), "unchanged");

    // A Markdown error: refused; an editor's backup file and a hidden file: not sources.
    let bad = rewrite("tables.en.md", "Then see", "{{ nope() }}\n\nThen see");
    assert_eq!(worker.changed(&[&bad]), "rejected");
    assert!(common::tree(&out) == before, "a refused edit wrote nothing");
    rewrite("tables.en.md", "{{ nope() }}\n\nThen see", "Then see");
    let backup = intro.join("tables.en.md~");
    std::fs::write(&backup, "old").unwrap();
    let hidden = intro.join(".tables.en.md.swp");
    std::fs::write(&hidden, "swap").unwrap();
    assert_eq!(worker.changed(&[&backup, &hidden, &bad]), "unchanged");

    // A batch with a good edit and a refused one: the good one is written all the same.
    let good = rewrite("tables.ru.md", "See [the other page]", "Смотрите [the other page]");
    let bad = rewrite("tables.en.md", "Then see", "{{ nope() }}\n\nThen see");
    assert_eq!(worker.changed(&[&good, &bad]), "updated");
    let ru = std::fs::read_to_string(out.join("ru/intro/tables/index.html")).unwrap();
    assert!(ru.contains("Смотрите"), "the good edit is live: {ru}");
    let en = std::fs::read_to_string(out.join("en/intro/tables/index.html")).unwrap();
    assert!(en.contains("Then see") && !en.contains("nope"), "the refused one is not: {en}");
    rewrite("tables.en.md", "{{ nope() }}\n\nThen see", "Then see");
    assert_eq!(worker.changed(&[&bad]), "unchanged", "the site kept the text it had");
    same_as_a_full_build("a batch with a refused edit, then put back");

    // What an edit changes elsewhere is built in full: a title (the sidebars), a new page, a
    // template, data.
    let title = rewrite("tables.en.md", "title: \"Tables\"", "title: \"The tables\"");
    assert_eq!(worker.changed(&[&title]), "built");
    same_as_a_full_build("a title changed");
    let new_page = intro.join("new.en.md");
    std::fs::write(&new_page, "---\ntitle: New\nweight: 30\n---\n\nNew page.\n").unwrap();
    let new_az = intro.join("new.az.md");
    std::fs::write(&new_az, "---\ntitle: Yeni\nweight: 30\n---\n\nYeni səhifə.\n").unwrap();
    assert_eq!(worker.changed(&[&new_page, &new_az]), "built");
    same_as_a_full_build("a page added");
    let template = root.join("themes/default/templates/page.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, text.replacen("{% block main %}", "{% block main %}<!-- t -->", 1)).unwrap();
    assert_eq!(worker.changed(&[&template]), "built");
    same_as_a_full_build("a template changed");

    // After a full build, edits are applied again.
    let edited = rewrite("tables.en.md", "Then see", "So see");
    assert_eq!(worker.changed(&[&edited]), "updated");
    same_as_a_full_build("an edit after a full build");

    // A full build that fails ends the worker, after saying so; the output stays.
    let before = common::tree(&out);
    let glossary = root.join("content/glossary.yaml");
    std::fs::write(&glossary, "- [unclosed\n").unwrap();
    assert_eq!(worker.changed(&[&glossary]), "failed");
    assert!(worker.child.wait().unwrap().code() == Some(1));
    assert!(common::tree(&out) == before, "a failed build wrote nothing");
}

/// `serve` run in the site's folder (`--root .`, as the README's command does): the watcher names
/// files from the current folder, `/site/./content/…`, and they are still the site's texts.
#[test]
fn an_edit_is_applied_when_the_root_is_relative() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let log = work.path().join("worker.log");
    let mut worker = Worker::start_in(site.path(), Path::new("."), &out, &log);
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("See [the other page]", "Now see [the other page]", 1)).unwrap();
    let as_named = site.path().join(".").join("content/intro/tables.en.md");
    assert_eq!(worker.changed(&[&as_named]), "updated", "{}", std::fs::read_to_string(&log).unwrap());
    std::fs::write(&page, text.replacen("See [the other page]", "Then see [the other page]", 1)).unwrap();
    assert_eq!(worker.changed(&[Path::new("content/intro/tables.en.md")]), "updated");
    let html = std::fs::read_to_string(out.join("en/intro/tables/index.html")).unwrap();
    assert!(html.contains("Then see"), "{html}");
}

/// With `--strict`, an edit that brings a warning is refused as an error; the real report has
/// none, so it is the site here.
#[test]
fn a_strict_worker_refuses_an_edit_that_brings_a_warning() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    std::fs::create_dir(&root).unwrap();
    for dir in ["content", "themes", "locales"] {
        common::copy_dir(&common::repo().join(dir), &root.join(dir));
    }
    std::fs::copy(common::repo().join("site.toml"), root.join("site.toml")).unwrap();
    let out = work.path().join("public");
    let log = work.path().join("worker.log");
    let mut worker = Worker::start_with(Path::new("."), &root, &out, &log, &["--strict"]);
    let ru = root.join("content/introduction/context.ru.md");
    let text = std::fs::read_to_string(&ru).unwrap();
    let (at, _) = text.match_indices("{#").next().expect("a heading with an id");
    let end = at + text[at..].find('}').unwrap();
    // The Russian text's first heading id, no longer the Azerbaijani one.
    std::fs::write(&ru, format!("{}{{#other-id{}", &text[..at], &text[end..])).unwrap();
    assert_eq!(worker.changed(&[&ru]), "rejected");
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("context.ru.md: error: heading ids differ from the `az` file"), "{log_text}");
    std::fs::write(&ru, text.replacen("\n\n", "\n\nОдно предложение.\n\n", 1)).unwrap();
    assert_eq!(worker.changed(&[&ru]), "updated");
    let html = std::fs::read_to_string(out.join("ru/introduction/context/index.html")).unwrap();
    assert!(html.contains("Одно предложение."), "{html}");
}

/// With translations tracked, an edit of a source text under `serve` renders its translations
/// again too: their stale notice appears as a full build would show it.
#[test]
fn a_source_edit_under_serve_marks_its_translations_stale_as_a_full_build_does() {
    let site = common::fixture(None);
    let root = site.path();
    let recorded = Command::new(env!("CARGO_BIN_EXE_rtcm-report")).current_dir(root).args(["translated", "--all"]).output().unwrap();
    assert!(recorded.status.success(), "{}", String::from_utf8_lossy(&recorded.stderr));
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let log = work.path().join("worker.log");
    let mut worker = Worker::start(root, &out, &log);
    let path = root.join("content/intro/tables.az.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("See [the other page]", "Now see [the other page]", 1)).unwrap();
    assert_eq!(worker.changed(&[&path]), "updated");
    let (got, want) = (common::tree(&out), full_build(root));
    let differ: Vec<_> = got.keys().chain(want.keys()).filter(|p| got.get(*p) != want.get(*p)).collect();
    assert!(differ.is_empty(), "these differ from a full build's: {differ:?}\n{}", std::fs::read_to_string(&log).unwrap());
    let en = std::fs::read_to_string(out.join("en/intro/tables/index.html")).unwrap();
    assert!(en.contains("notice-stale"), "{en}");
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("stale `ru` translation"), "{log}");
}
