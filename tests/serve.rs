//! `serve` end to end, without a browser: rebuild and live reload, the 404s, builds run in a
//! child process that a newer change stops, a failed build (the first one too) that leaves
//! the previous site served, and edits applied by that process that leave the same output as a
//! full build.

mod common;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Events, generation, get, request, serve};
use rtcm_report::worker::Answer;

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
    // No browser needed: the page's script listens to `/__livereload`, which must announce it.
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let server = serve(site.path(), &out, true);

    // Served pages carry the reload script; the built files do not.
    let (status, body) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 200);
    assert!(body.contains("new EventSource(\"/__livereload\")"), "{body}");
    assert!(
        !std::fs::read_to_string(out.join("en/intro/tables/index.html"))
            .unwrap()
            .contains("__livereload")
    );
    let (status, body) = get(server.port, "/en/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    assert_eq!(get(server.port, "/../site.toml").0, 404);

    let mut events = Events::open(server.port);
    let first = events.next(Duration::from_secs(10)).expect("the state at once");
    let before = first["generation"].as_u64().unwrap();
    assert_eq!(first["problems"], serde_json::json!([]));
    // The page knows the generation it was served at: a change it missed reloads it.
    let (_, body) = get(server.port, "/en/intro/tables/");
    assert!(body.contains(&format!("var served = {before};")), "{body}");
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("See [the other page]", "Now see [the other page]");
    std::fs::write(&page, text).unwrap();
    let event = events.until(Duration::from_secs(30), "an event for the rebuild", |e| e["generation"].as_u64() != Some(before));
    assert_eq!(event["reload_at"], event["generation"], "a page changed: pages reload");
    let (_, html) = get(server.port, "/en/intro/tables/");
    assert!(html.contains("Now see"), "the rebuilt page is served when the event comes");
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
    let before = generation(server.port);

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
    assert_eq!(generation(server.port), before);
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
            && generation(server.port) != before
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
    // The page lists the build's errors, with their lines of source, and reloads itself.
    assert!(body.contains("content/intro/tables.en.md:"), "{body}");
    assert!(body.contains("nope()"), "{body}");
    assert!(body.contains("/__livereload"), "{body}");
    // In the reader's language.
    let ru = request(server.port, "GET", "/en/intro/tables/", &[("Accept-Language", "ru-RU,ru;q=0.9")]);
    assert!(ru.text().contains("<html lang=\"ru\"") && ru.text().contains("Сайт ещё не собран"), "{}", ru.text());

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
    /// The last answer read (the one before `indexed`, for `updated`).
    last: Option<Answer>,
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
        let mut w = Worker { child, stdin, stdout, last: None };
        assert_eq!(w.answer(), "built");
        w
    }

    /// The next answer's reply (a line of JSON; the answer is kept in `last`).
    fn answer(&mut self) -> String {
        use std::io::BufRead;
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let answer = Answer::parse(&line).unwrap_or_else(|| panic!("not an answer: {line:?}"));
        let reply = answer.reply.word().to_string();
        self.last = Some(answer);
        reply
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
            let updated = self.last.take();
            assert_eq!(self.answer(), "indexed");
            self.last = updated;
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
    // With the print page of its language, which shows it.
    assert!(log_text.contains("updated en/intro/tables/index.html, en/print/index.html in "), "{log_text}");

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
    // The site's warnings come with the answer, for `serve` to print those it has not yet.
    let warnings = &worker.last.as_ref().unwrap().warnings;
    assert!(warnings.iter().any(|w| w.message.contains("heading ids differ from the `az` file")), "{warnings:?}");

    // An anchor that another page links to, gone: refused, and nothing written.
    let before = common::tree(&out);
    let broken = rewrite("only-source.az.md", "{#details}", "{#detallar}");
    assert_eq!(worker.changed(&[&broken]), "rejected");
    assert!(common::tree(&out) == before, "a refused edit wrote nothing");
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.contains("tables.en.md:9:10: error: broken anchor `@/intro/only-source.md#details`"), "{log_text}");
    // The answer carries the errors, for the pages' overlay.
    let errors: Vec<String> = worker.last.as_ref().unwrap().errors.iter().map(|d| d.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("tables.en.md:9:10: error: broken anchor `@/intro/only-source.md#details`")), "{errors:?}");
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
    let errors = &worker.last.as_ref().unwrap().errors;
    assert!(!errors.is_empty() && errors.iter().all(|d| d.path.ends_with("content/glossary.yaml") && d.line == Some(2)), "{errors:?}");
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
    let root = common::report_copy(work.path());
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

/// The fixture site served with its pages' script, and the folder holding its output.
fn served() -> (tempfile::TempDir, tempfile::TempDir, common::Server) {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let server = serve(site.path(), &work.path().join("public"), true);
    (site, work, server)
}

#[test]
fn only_get_and_head_are_answered() {
    let (_site, _work, server) = served();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        for path in ["/en/intro/tables/", "/static/style.css", "/__livereload", "/nowhere"] {
            let r = request(server.port, method, path, &[("Content-Length", "0")]);
            assert_eq!(r.status, 405, "{method} {path}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method} {path}");
        }
    }
}

/// A browser that accepts gzip gets pages, style sheets and scripts gzipped, as from a static
/// host; the event stream is not (a compressor would hold its events back).
#[test]
fn text_is_gzipped_for_a_browser_that_asks_and_the_event_stream_is_not() {
    use std::io::Read;
    let (_site, _work, server) = served();
    for path in ["/en/intro/tables/", "/static/style.css", "/static/search.js"] {
        let plain = request(server.port, "GET", path, &[]);
        let gzipped = request(server.port, "GET", path, &[("Accept-Encoding", "gzip")]);
        assert_eq!(plain.header("content-encoding"), None, "{path}");
        assert_eq!(gzipped.header("content-encoding"), Some("gzip"), "{path}");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gzipped.body[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, plain.body, "{path}");
        assert!(gzipped.body.len() < plain.body.len(), "{path}");
    }
    let s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    std::io::Write::write_all(&mut &s, b"GET /__livereload HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n").unwrap();
    let mut head = String::new();
    let mut reader = std::io::BufReader::new(s);
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut reader, &mut line).unwrap();
        if line.trim_end().is_empty() {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    assert!(head.contains("content-type: text/event-stream") && !head.contains("content-encoding"), "{head}");
}

#[test]
fn head_answers_what_get_would_without_the_body_and_types_come_from_a_table() {
    let (_site, _work, server) = served();
    for (path, kind) in [
        ("/en/intro/tables/", "text/html; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/search.js", "text/javascript; charset=utf-8"),
        ("/en/pagefind/pagefind-entry.json", "application/json; charset=utf-8"),
        ("/static/fonts/noto-serif-400-normal.woff2", "font/woff2"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/nowhere/", "text/html; charset=utf-8"),
    ] {
        let get = request(server.port, "GET", path, &[]);
        let head = request(server.port, "HEAD", path, &[]);
        assert_eq!(head.status, get.status, "{path}");
        assert_eq!(get.header("content-type"), Some(kind), "{path}");
        assert_eq!(head.header("content-type"), Some(kind), "{path}");
        assert_eq!(head.header("content-length"), Some(get.body.len().to_string().as_str()), "{path}");
        assert!(!get.body.is_empty() && head.body.is_empty(), "{path}");
    }
}

#[test]
fn conditional_requests_get_304() {
    let (site, _work, server) = served();
    let port = server.port;
    // A page: its ETag.
    let page = request(port, "GET", "/en/intro/tables/", &[]);
    let etag = page.header("etag").expect("an ETag").to_string();
    assert_eq!(page.header("cache-control"), Some("no-cache"), "checked each time");
    let again = request(port, "GET", "/en/intro/tables/", &[("If-None-Match", &etag)]);
    assert_eq!((again.status, again.body.len()), (304, 0));
    assert_eq!(request(port, "GET", "/en/intro/tables/", &[("If-None-Match", "\"other\"")]).status, 200);
    // A stylesheet: ETag and Last-Modified.
    let css = request(port, "GET", "/static/style.css", &[]);
    let (css_etag, modified) = (css.header("etag").unwrap(), css.header("last-modified").unwrap());
    assert_eq!(request(port, "GET", "/static/style.css", &[("If-None-Match", css_etag)]).status, 304);
    assert_eq!(request(port, "GET", "/static/style.css", &[("If-Modified-Since", modified)]).status, 304);
    assert_eq!(request(port, "GET", "/static/style.css", &[("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")]).status, 200);
    // The page changed: its old ETag gets the new page.
    let source = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&source).unwrap();
    edit(&source, &text.replace("See [the other page]", "Now see [the other page]"));
    wait_for(Duration::from_secs(30), "the edit is served", || get(port, "/en/intro/tables/").1.contains("Now see"));
    let changed = request(port, "GET", "/en/intro/tables/", &[("If-None-Match", &etag)]);
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

#[test]
fn unknown_paths_get_the_sites_404_page_or_a_plain_404() {
    let (_site, work, server) = served();
    let r = request(server.port, "GET", "/en/nowhere/", &[]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Page not found") && r.text().contains("/__livereload"), "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    // The report's PDF, which `serve` does not make: the 404 says what does.
    let r = request(server.port, "GET", "/en/rtcm-report-2021-en.pdf", &[]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("run `rtcm-report pdf"), "{}", r.text());
    // A folder without its `/` is sent to it.
    let r = request(server.port, "GET", "/en/intro", &[]);
    assert!(matches!(r.status, 301 | 307 | 308), "{}", r.status);
    assert_eq!(r.header("location"), Some("/en/intro/"));
    // A site without a 404 page.
    std::fs::remove_file(work.path().join("public/404.html")).unwrap();
    let r = request(server.port, "GET", "/en/nowhere/", &[]);
    assert_eq!((r.status, r.text().as_str()), (404, "404: not found\n"));
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
}

#[test]
fn path_traversal_is_refused_in_every_spelling() {
    let (_site, work, server) = served();
    // Beside the output: what a path leaving it would reach.
    std::fs::write(work.path().join("secret.txt"), "SECRET").unwrap();
    let absolute = work.path().join("secret.txt").display().to_string();
    let mut spellings: Vec<String> = [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/en/../../secret.txt",
        "/en/%2e%2e/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/./../secret.txt",
        "//../secret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%af../secret.txt",
        "/..%00/secret.txt",
        "/..;/secret.txt",
        "/....//secret.txt",
        "/%u002e%u002e/secret.txt",
        "../secret.txt",
        "http://127.0.0.1/../secret.txt",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    spellings.push(format!("/{absolute}"));
    spellings.push(format!("/{}", absolute.replace('/', "%2f")));
    for path in &spellings {
        // As written on the request line: no client tidies it first.
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        use std::io::{Read, Write};
        write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(!answer.contains("SECRET"), "{path}: {answer}");
        let status = answer.split_whitespace().nth(1).unwrap_or("none");
        assert!(matches!(status, "400" | "404"), "{path}: {status}");
    }
    assert_eq!(get(server.port, "/en/intro/tables/").0, 200, "still serving");
}

/// The resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn an_oversized_request_head_is_refused_without_being_read_whole() {
    use std::io::{Read, Write};
    let (_site, _work, server) = served();
    let before = rss_kib(server.child.id());
    // A header of a few kilobytes (cookies) is fine.
    let cookie = "c".repeat(16 * 1024);
    assert_eq!(request(server.port, "GET", "/en/intro/tables/", &[("Cookie", &cookie)]).status, 200);
    // One of 100 MB is refused once the limit is read: the writes fail long before the end.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /en/intro/tables/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0;
    while sent < 100 && s.write_all(&chunk).is_ok() {
        sent += 1;
    }
    assert!(sent < 100, "the server read a 100 MB header");
    // What it answered, if the reset did not lose it: 431.
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    if !answer.is_empty() {
        assert!(answer.starts_with(b"HTTP/1.1 431 "), "{}", String::from_utf8_lossy(&answer[..answer.len().min(200)]));
    }
    let after = rss_kib(server.child.id());
    assert!(after < before + 20 * 1024, "memory grew from {before} KiB to {after} KiB");
    assert_eq!(get(server.port, "/en/intro/tables/").0, 200, "still serving");
}

#[test]
fn connections_are_kept_alive_for_http_1_1_and_http_1_0_clients() {
    use std::io::{BufReader, Read, Write};
    let (_site, _work, server) = served();
    // HTTP/1.1: two requests, one connection.
    let s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    for path in ["/en/intro/tables/", "/static/style.css"] {
        write!(&s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let r = common::read_response(&mut reader, false);
        assert_eq!(r.status, 200, "{path}");
        assert!(!r.body.is_empty());
    }
    // HTTP/1.0 asking for keep-alive, as `ab -k` does: answered, and kept.
    let s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    for path in ["/en/intro/tables/", "/static/style.css", "/en/intro/tables/"] {
        write!(&s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: Keep-Alive\r\n\r\n").unwrap();
        let r = common::read_response(&mut reader, false);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("connection").map(str::to_ascii_lowercase).as_deref(), Some("keep-alive"), "{path}");
    }
    // HTTP/1.0 without it: closed after the answer.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /static/style.css HTTP/1.0\r\n\r\n").unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    assert!(all.starts_with(b"HTTP/1.0 200 ") || all.starts_with(b"HTTP/1.1 200 "));
}

#[test]
fn an_idle_connection_is_closed() {
    use std::io::{BufReader, Read, Write};
    let (_site, _work, server) = served();
    let limit = rtcm_report::serve::IDLE;
    // One that never sends a request, and one kept alive after a request.
    let silent = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let kept = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(&kept, "GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut reader = BufReader::new(kept.try_clone().unwrap());
    assert_eq!(common::read_response(&mut reader, false).status, 200);
    let started = Instant::now();
    for mut s in [silent, kept] {
        s.set_read_timeout(Some(limit + Duration::from_secs(20))).unwrap();
        let mut rest = Vec::new();
        // Closed: the end of the stream (or a reset), not the read timeout.
        let closed = match s.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        };
        assert!(closed && !String::from_utf8_lossy(&rest).contains(" 200 "), "{rest:?}");
    }
    let waited = started.elapsed();
    assert!(waited < limit + Duration::from_secs(10), "{waited:?}");
}

#[test]
fn saving_site_toml_by_renaming_a_new_file_over_it_rebuilds_every_time() {
    let (site, _work, server) = served();
    let config = site.path().join("site.toml");
    let original = std::fs::read_to_string(&config).unwrap();
    assert!(get(server.port, "/en/intro/tables/").1.contains("Test report"));
    for title in ["Renamed once", "Renamed twice", "Renamed thrice"] {
        let temp = site.path().join("site.toml.tmp");
        std::fs::write(&temp, original.replace("en = \"Test report\"", &format!("en = \"{title}\""))).unwrap();
        std::fs::rename(&temp, &config).unwrap();
        wait_for(Duration::from_secs(30), &format!("the site rebuilt with the title {title}"), || {
            get(server.port, "/en/intro/tables/").1.contains(title)
        });
    }
}

#[test]
fn the_event_stream_announces_each_change_and_whether_only_stylesheets_changed() {
    let (site, _work, server) = served();
    let mut events = Events::open(server.port);
    let first = events.next(Duration::from_secs(10)).unwrap();
    let g = first["generation"].as_u64().unwrap();
    // A page's text: pages reload.
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    edit(&page, &text.replace("See [the other page]", "Now see [the other page]"));
    let e = events.until(Duration::from_secs(30), "the edit announced", |e| e["generation"].as_u64() > Some(g));
    let g = e["generation"].as_u64().unwrap();
    assert_eq!(e["reload_at"].as_u64(), Some(g));
    // A stylesheet: only it changed, pages swap it.
    let css = site.path().join("themes/default/static/style.css");
    let style = std::fs::read_to_string(&css).unwrap();
    edit(&css, &format!("{style}\n.restyled {{ color: red; }}\n"));
    let e = events.until(Duration::from_secs(30), "the stylesheet announced", |e| e["generation"].as_u64() > Some(g));
    assert_eq!(e["reload_at"].as_u64(), Some(g), "only a stylesheet changed: {e}");
    assert!(get(server.port, "/static/style.css").1.contains(".restyled{color:red}"), "served minified");
    // Saved as it was: no news.
    edit(&page, &text.replace("See [the other page]", "Now see [the other page]"));
    assert!(events.next(Duration::from_secs(2)).is_none(), "nothing changed");
}

#[test]
fn a_failed_rebuild_sends_its_diagnostics_with_file_and_line_and_a_good_save_clears_them() {
    let (site, _work, server) = served();
    let mut events = Events::open(server.port);
    let first = events.next(Duration::from_secs(10)).unwrap();
    let g = first["generation"].as_u64().unwrap();
    let (_, before) = get(server.port, "/en/intro/tables/");
    // Data that no longer parses: a full build fails.
    let yaml = site.path().join("content/countries/az.yaml");
    let original = std::fs::read_to_string(&yaml).unwrap();
    edit(&yaml, &original.replace("order: 1", "order: one"));
    let e = events.until(Duration::from_secs(30), "the errors sent", |e| e["problems"].as_array().is_some_and(|p| !p.is_empty()));
    assert_eq!(e["generation"].as_u64(), Some(g), "the site stays as it was");
    let p = &e["problems"][0];
    assert!(p["file"].as_str().unwrap().ends_with("content/countries/az.yaml"), "{p}");
    assert_eq!((p["line"].as_u64(), p["column"].as_u64()), (Some(2), Some(8)), "{p}");
    assert!(p["message"].as_str().unwrap().contains("order: invalid type"), "{p}");
    assert_eq!(p["source"][1], serde_json::json!({"line": 2, "text": "order: one"}), "{p}");
    assert_eq!(get(server.port, "/en/intro/tables/").1, before, "the last good site is served");
    // Fixed: the errors are gone (the site is the same as before: no reload needed).
    edit(&yaml, &original);
    let e = events.until(Duration::from_secs(30), "the errors cleared", |e| e["problems"] == serde_json::json!([]));
    assert_eq!(e["generation"].as_u64(), Some(g));
    // A Markdown edit refused: its errors, at the line of the text.
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    edit(&page, &text.replace("See [the other page]", "See [a page](@/intro/nowhere.md)"));
    let e = events.until(Duration::from_secs(30), "the refused edit's errors", |e| e["problems"].as_array().is_some_and(|p| !p.is_empty()));
    let p = &e["problems"][0];
    assert!(p["file"].as_str().unwrap().ends_with("content/intro/tables.en.md"), "{p}");
    assert_eq!(p["line"].as_u64(), Some(9), "{p}");
    edit(&page, &text.replace("See [the other page]", "So see [the other page]"));
    let e = events.until(Duration::from_secs(30), "the good save", |e| e["problems"] == serde_json::json!([]));
    assert!(e["generation"].as_u64() > Some(g), "the page changed: {e}");
}

#[test]
fn a_first_build_that_fails_serves_the_previous_site_with_its_errors() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_rtcm-report")).arg("--root").arg(site.path()).args(["build", "--out"]).arg(&out).output().unwrap();
    assert!(built.status.success());
    let yaml = site.path().join("content/countries/az.yaml");
    let original = std::fs::read_to_string(&yaml).unwrap();
    edit(&yaml, &original.replace("order: 1", "order: one"));
    let server = serve(site.path(), &out, true);
    assert!(server.log().contains("build failed; still serving the previous site"), "{}", server.log());
    let (status, html) = get(server.port, "/en/intro/tables/");
    assert_eq!(status, 200);
    assert!(html.contains("/__livereload"), "the previous site, with the script");
    let mut events = Events::open(server.port);
    let first = events.next(Duration::from_secs(10)).unwrap();
    let p = &first["problems"][0];
    assert!(p["file"].as_str().unwrap().ends_with("content/countries/az.yaml") && p["line"] == 2, "{first}");
    let g = first["generation"].as_u64().unwrap();
    edit(&yaml, &original);
    let e = events.until(Duration::from_secs(30), "a build that succeeds", |e| e["generation"].as_u64() > Some(g));
    assert_eq!(e["problems"], serde_json::json!([]));
    // The new build is for serve's address.
    assert!(get(server.port, "/en/intro/tables/").1.contains("<a href=\"/en/intro/only-source/#details\">"));
}

#[test]
fn warnings_are_printed_in_full_once_each() {
    let (site, _work, server) = served();
    let warnings = || server.log().lines().filter(|l| l.contains(": warning: ")).map(String::from).collect::<Vec<_>>();
    let at_start = warnings();
    assert!(!at_start.is_empty(), "the fixture has untranslated pages: {}", server.log());
    assert!(at_start.iter().all(|w| w.contains(".md") || w.contains(".yaml")), "each names its file: {at_start:?}");
    // An edit: the same warnings, not printed again.
    let page = site.path().join("content/intro/tables.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    edit(&page, &text.replace("See [the other page]", "Now see [the other page]"));
    wait_for(Duration::from_secs(30), "the edit", || get(server.port, "/en/intro/tables/").1.contains("Now see"));
    // A new one: printed, alone.
    let ru = site.path().join("content/intro/tables.ru.md");
    let text = std::fs::read_to_string(&ru).unwrap();
    edit(&ru, &text.replace("{#authorities}", "{#vlasti}"));
    wait_for(Duration::from_secs(30), "the new warning", || warnings().len() > at_start.len());
    std::thread::sleep(Duration::from_millis(500));
    let now = warnings();
    assert_eq!(now.len(), at_start.len() + 1, "{now:#?}");
    assert!(now.last().unwrap().contains("heading ids differ"), "{now:#?}");
}

#[test]
fn another_interface_than_loopback_is_served_with_a_warning() {
    let site = common::fixture(None);
    let work = tempfile::tempdir().unwrap();
    let server = common::serve_with(site.path(), &work.path().join("public"), &["--bind", "0.0.0.0"]);
    let log = server.log();
    assert!(log.contains("warning: serving on 0.0.0.0, not on the loopback address"), "{log}");
    assert_eq!(get(server.port, "/en/intro/tables/").0, 200);
    let loopback = serve(site.path(), &work.path().join("public2"), true);
    assert!(!loopback.log().contains("not on the loopback address"));
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
    // The answer carries the site's warnings, the two stale translations among them.
    let warnings = &worker.last.as_ref().expect("the answer").warnings;
    for lang in ["en", "ru"] {
        assert!(warnings.iter().any(|w| w.message.starts_with(&format!("stale `{lang}` translation"))), "{warnings:#?}");
    }
}
