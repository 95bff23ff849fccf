//! Bad input, as a careless editor gives it, through the real binary. Each case builds the good
//! fixture site into an output folder, breaks one thing, builds again and checks what the editor
//! sees (exit code 1, the error at the file, line and column that wrote it, no panic) and what is
//! kept (the previous output byte for byte, no temporary trees left beside it).

mod common;
use common::{tree, Entry, Tree};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Not a speed goal (those are benchmarks): a guard against a build that hangs, since bounded
/// inputs and the render time limit must end every case below on their own.
const HANG: Duration = Duration::from_secs(60);

const BIN: &str = env!("CARGO_BIN_EXE_rtcm-report");

/// Assert two trees are equal, naming the paths that differ (not printing megabytes of bytes).
fn assert_same(now: &Tree, before: &Tree, what: &str) {
    let differ: Vec<&PathBuf> = before
        .keys()
        .chain(now.keys())
        .filter(|p| now.get(*p) != before.get(*p))
        .collect();
    assert!(differ.is_empty(), "{what} changed: {differ:?}");
}

/// The 1-based line and column (in characters) where `needle` starts in `text`; it must occur
/// exactly once.
fn at(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "`{needle}` once in the text"
    );
    first(text, needle)
}

/// The 1-based line and column where `needle` first occurs in `text`.
fn first(text: &str, needle: &str) -> (usize, usize) {
    let before = &text[..text.find(needle).unwrap()];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// What a run of the binary printed and how it ended.
struct Run {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    /// The lines reporting an error.
    fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect()
    }

    fn assert_errors(&self, n: usize) {
        assert_eq!(self.errors().len(), n, "{n} error(s):\n{}", self.stderr);
    }

    fn assert_has(&self, needle: &str) {
        assert!(
            self.stderr.contains(needle),
            "expected `{needle}` in:\n{}",
            self.stderr
        );
    }

    fn assert_ok(&self) {
        assert_eq!(self.code, Some(0), "{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }
}

/// A fixture site (theme, locales, `tests/fixtures/basic`) and an output folder `public` in a
/// work folder of its own, outside the site.
struct Site {
    dir: TempDir,
    work: TempDir,
    out: PathBuf,
    /// The output of the last good build.
    built: Tree,
}

impl Site {
    /// A fresh site, not built yet.
    fn new() -> Site {
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("public");
        Site {
            dir: common::fixture(None),
            work,
            out,
            built: Tree::new(),
        }
    }

    /// A fresh site, built once.
    fn built() -> Site {
        let mut site = Site::new();
        site.build_good();
        site
    }

    /// Build into the output, which must succeed, and remember what it wrote.
    fn build_good(&mut self) {
        self.build(&[]).assert_ok();
        assert!(self.out.join(".rtcm-report").is_file());
        assert!(self.out.join("en/intro/tables/index.html").is_file());
        self.built = tree(&self.out);
        self.assert_no_debris();
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap();
    }

    /// Replace the first `from` in `rel` by `to`; the text after.
    fn replace(&self, rel: &str, from: &str, to: &str) -> String {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` in {rel}");
        let text = text.replacen(from, to, 1);
        self.write(rel, &text);
        text
    }

    /// Add `more` at the end of `rel`; the text after.
    fn append(&self, rel: &str, more: &str) -> String {
        let text = self.read(rel) + more;
        self.write(rel, &text);
        text
    }

    /// Put back the fixture's own copy of `rel`.
    fn restore(&self, rel: &str) {
        let repo = common::repo();
        let from = if rel.starts_with("themes/") || rel.starts_with("locales/") {
            repo.join(rel)
        } else {
            repo.join("tests/fixtures/basic").join(rel)
        };
        fs::copy(from, self.path(rel)).unwrap();
    }

    /// Set a top-level key of site.toml: a line before its first `[table]`.
    fn top_level(&self, line: &str) {
        let text = self.read("site.toml");
        let table = text.lines().position(|l| l.starts_with('[')).unwrap_or(0);
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(table, line);
        self.write("site.toml", &(lines.join("\n") + "\n"));
    }

    /// A template that never finishes: three nested loops of 100,000 in `page.html`'s main
    /// block, and the time limit of site.toml set to `limit` seconds.
    fn runaway(&self, limit: u64) {
        let l = |v| format!("{{% for {v} in range(end=100000) %}}");
        let e = "{% endfor %}";
        let loops = format!("{}{}{}{e}{e}{e}\n", l("i"), l("j"), l("k"));
        self.replace(
            "themes/default/templates/page.html",
            "{% block main %}\n",
            &format!("{{% block main %}}\n{loops}"),
        );
        self.top_level(&format!("render_time_limit = {limit}"));
    }

    /// The binary with `args`, run in the site's folder (so messages name `content/…`).
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(self.root()).args(args);
        c
    }

    /// Run the binary with `args` in the site's folder.
    fn run(&self, args: &[&str]) -> Run {
        let start = Instant::now();
        let out = self.command(args).output().unwrap();
        Run {
            code: out.status.code(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            elapsed: start.elapsed(),
        }
    }

    /// `build --out <out>` and `args`.
    fn build(&self, args: &[&str]) -> Run {
        let out = self.out.to_str().unwrap();
        self.run(&[&["build", "--out", out][..], args].concat())
    }

    /// `build` with `args` fails as a build must fail: exit code 1, every one of `expected` in
    /// stderr, no panic, the previous output byte-identical and nothing left beside it.
    fn fails(&self, args: &[&str], expected: &[&str]) -> Run {
        let run = self.build(args);
        self.assert_failed(&run, expected);
        run
    }

    fn assert_failed(&self, run: &Run, expected: &[&str]) {
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        for e in expected {
            run.assert_has(e);
        }
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        self.assert_kept();
    }

    /// The output is the last good build's, byte for byte, with no temporary tree beside it.
    fn assert_kept(&self) {
        self.assert_output_kept();
        self.assert_no_debris();
    }

    /// The output is the last good build's, byte for byte.
    fn assert_output_kept(&self) {
        assert_same(&tree(&self.out), &self.built, "the previous output");
    }

    /// No `.public.new-*` or `.public.old-*` beside the output.
    fn assert_no_debris(&self) {
        let name = self.out.file_name().unwrap().to_str().unwrap();
        let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
        for e in fs::read_dir(self.out.parent().unwrap()).unwrap() {
            let e = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !e.starts_with(&new) && !e.starts_with(&old),
                "debris left: {e}"
            );
        }
    }

    /// Start `build` with `args` and leave it running; it is killed when the guard is dropped.
    fn spawn(&self, args: &[&str]) -> Running {
        let out = self.out.to_str().unwrap();
        let child = self
            .command(&[&["build", "--out", out][..], args].concat())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Running(child)
    }

    /// Wait until a build holds the output's lock (seen in /proc/locks, without taking it;
    /// where there is no /proc/locks, a second is taken to be enough).
    fn wait_for_lock(&self, running: &mut Running) {
        let Ok(_) = fs::metadata("/proc/locks") else {
            std::thread::sleep(Duration::from_secs(1));
            return;
        };
        let name = self.out.file_name().unwrap().to_str().unwrap();
        let lock = self.out.with_file_name(format!(".{name}.lock"));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(
                running.0.try_wait().unwrap().is_none(),
                "the build ended early"
            );
            if let Ok(meta) = fs::metadata(&lock) {
                use std::os::unix::fs::MetadataExt;
                let ino = format!(":{} ", meta.ino());
                let locks = fs::read_to_string("/proc/locks").unwrap();
                if locks
                    .lines()
                    .any(|l| l.contains("FLOCK") && l.contains(&ino))
                {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "the build never took its lock");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A build left running; killed (SIGKILL) and reaped when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

// --- The output folder -------------------------------------------------------------------

/// `--out <out>` is refused with `expected` (the whole line), and nothing is touched: neither
/// the site's sources nor the previous output.
fn refused_out(out: &str, expected: &str) {
    let site = Site::built();
    if out == "src" {
        fs::create_dir(site.path("src")).unwrap();
    }
    let sources = tree(site.root());
    let run = site.run(&["build", "--out", out]);
    site.assert_failed(&run, &[expected]);
    run.assert_errors(1);
    assert_same(&tree(site.root()), &sources, "the site's sources");
}

fn source_refused(out: &str) {
    refused_out(
        out,
        &format!(
            "{out}: error: refusing to build into this folder: it is the site's sources \
             (./{out}), and building would replace them; choose another --out"
        ),
    );
}

#[test]
fn out_content_is_refused() {
    source_refused("content");
}

#[test]
fn out_themes_is_refused() {
    source_refused("themes");
}

#[test]
fn out_locales_is_refused() {
    source_refused("locales");
}

#[test]
fn out_site_toml_is_refused() {
    source_refused("site.toml");
}

#[test]
fn out_src_is_refused() {
    source_refused("src");
}

#[test]
fn out_inside_content_is_refused() {
    refused_out(
        "content/countries",
        "content/countries: error: refusing to build into this folder: it is inside the site's \
         sources (./content), and building would write into them; choose another --out",
    );
}

#[test]
fn out_the_root_is_refused() {
    refused_out(
        ".",
        ".: error: refusing to build into this folder: it is the site's root (.), and building \
         would replace its sources; choose another --out, such as ./public",
    );
}

#[test]
fn out_a_foreign_folder_is_refused_unless_forced() {
    let site = Site::built();
    let photos = site.work.path().join("photos");
    fs::create_dir(&photos).unwrap();
    fs::write(photos.join("keep.txt"), "mine").unwrap();
    let theirs = tree(&photos);
    let out = photos.to_str().unwrap();
    let run = site.run(&["build", "--out", out]);
    site.assert_failed(
        &run,
        &[&format!(
            "{out}: error: refusing to replace this folder: it is not empty and rtcm-report did \
             not write it (it has no .rtcm-report file)"
        )],
    );
    run.assert_errors(1);
    assert_same(&tree(&photos), &theirs, "the foreign folder");

    site.run(&["build", "--out", out, "--force"]).assert_ok();
    assert!(photos.join(".rtcm-report").is_file());
    assert!(photos.join("en/intro/tables/index.html").is_file());
}

#[test]
fn debris_of_killed_builds_is_removed_by_the_next_build() {
    let site = Site::built();
    for debris in [".public.new-abc123", ".public.old-def456"] {
        let dir = site.work.path().join(debris);
        fs::create_dir_all(dir.join("en")).unwrap();
        fs::write(dir.join("en/index.html"), "half a site").unwrap();
    }
    site.build(&[]).assert_ok();
    assert!(!site.work.path().join(".public.new-abc123").exists());
    assert!(!site.work.path().join(".public.old-def456").exists());
    site.assert_kept();
}

#[test]
fn a_build_killed_mid_way_keeps_the_previous_output() {
    let site = Site::built();
    site.runaway(60);
    let mut running = site.spawn(&["--jobs", "1"]);
    site.wait_for_lock(&mut running);
    std::thread::sleep(Duration::from_secs(1));
    assert!(running.0.try_wait().unwrap().is_none(), "still rendering");
    drop(running);
    // Pages are written into `.public.new-*` as they are rendered: a killed build leaves it,
    // the previous output stays whole, and the next build removes the tree.
    site.assert_output_kept();

    site.restore("themes/default/templates/page.html");
    site.restore("site.toml");
    site.build(&[]).assert_ok();
    site.assert_kept();
}

#[test]
fn a_second_build_into_the_same_output_is_refused_at_once() {
    let site = Site::built();
    // Long enough to outlast the test; short enough that a second build let in by mistake
    // fails the test in seconds, not minutes.
    site.runaway(30);
    let mut first = site.spawn(&["--jobs", "1"]);
    site.wait_for_lock(&mut first);
    let out = site.out.display();
    // Refused as a failed build is, except that the first build's `.public.new-*` tree is there.
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    run.assert_has(&format!("{out}: error: another build is writing {out}"));
    run.assert_errors(1);
    site.assert_output_kept();
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
    drop(first);
    // The first build, killed, may leave its `.public.new-*` tree (see the test above).
    site.assert_output_kept();
}

// --- Two sources for one address ---------------------------------------------------------

#[test]
fn a_page_beside_a_section_of_the_same_name_is_refused() {
    let site = Site::built();
    site.write(
        "content/intro.en.md",
        "---\ntitle: \"Intro page\"\n---\n\nText.\n",
    );
    let expected = "content/intro.en.md: error: this file and content/intro/_index.en.md have \
                    the same address (`intro`)";
    site.fails(&[], &[expected]).assert_errors(1);
    site.fails(&["--strict"], &[expected]);
}

#[test]
fn a_page_named_like_the_generated_glossary_is_refused() {
    let site = Site::built();
    for lang in ["az", "en", "ru"] {
        let file = format!("content/glossary.{lang}.md");
        site.write(&file, "---\ntitle: \"Glossary\"\n---\n\nMy own glossary.\n");
    }
    let expected: Vec<String> = ["az", "en", "ru"]
        .iter()
        .map(|lang| {
            format!(
                "content/glossary.{lang}.md: error: its address `/report/{lang}/glossary/` is \
                 also that of the glossary page, which the site generates (content/glossary.yaml)"
            )
        })
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    site.fails(&[], &expected).assert_errors(3);
}

#[test]
fn a_heading_id_the_template_uses_is_refused_at_its_line() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let text = site.append(page, "\n## Main {#main}\n\nText.\n");
    let (line, _) = at(&text, "## Main");
    let expected = format!("{page}:{line}:1: error: heading id `main` is also used by the page's");
    site.fails(&[], &[&expected]).assert_errors(1);
}

// --- Raw HTML and links ------------------------------------------------------------------

const RAW_HTML: &str = "\n<script>alert(1)</script>\n\nSee <img src=x onerror=alert(1)> here.\n\n\
                        <iframe src=\"https://example.org/\"></iframe>\n";

#[test]
fn raw_html_is_refused_at_its_line_and_column_even_with_strict() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let text = site.append(page, RAW_HTML);
    let expected: Vec<String> = [
        ("<script>alert", "<script>"),
        ("<img", "<img src=x onerror=alert(1)>"),
        ("<iframe", "<iframe src=\"https://example.org/\">"),
    ]
    .iter()
    .map(|(needle, tag)| {
        let (line, column) = at(&text, needle);
        format!("{page}:{line}:{column}: error: raw HTML `{tag}` in Markdown is not published")
    })
    .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    site.fails(&[], &expected).assert_errors(3);
    site.fails(&["--strict"], &expected);
}

#[test]
fn an_html_comment_alone_is_accepted_and_not_published() {
    let mut site = Site::built();
    let page = "content/intro/tables.en.md";
    site.append(
        page,
        "\n<!-- a note for editors -->\n\nText <!-- inline note --> more.\n",
    );
    site.build_good();
    let html = fs::read_to_string(site.out.join("en/intro/tables/index.html")).unwrap();
    assert!(html.contains("Text  more."), "the text is published");
    assert!(!html.contains("note for editors") && !html.contains("inline note"));
}

#[test]
fn allow_html_publishes_raw_html() {
    let mut site = Site::built();
    site.append("content/intro/tables.en.md", RAW_HTML);
    site.top_level("allow_html = true");
    site.build_good();
    let html = fs::read_to_string(site.out.join("en/intro/tables/index.html")).unwrap();
    for raw in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://example.org/\"></iframe>",
    ] {
        assert!(html.contains(raw), "{raw} published");
    }
    // Without it again, the same page is refused and the output kept.
    site.restore("site.toml");
    site.fails(&[], &["raw HTML `<script>`"]).assert_errors(3);
}

#[test]
fn a_javascript_link_is_refused_at_its_line() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let text = site.append(page, "\nPlease [click here](javascript:alert(1)).\n");
    let (line, column) = at(&text, "[click here]");
    let expected = format!(
        "{page}:{line}:{column}: error: a link to a `javascript:` address is not published"
    );
    site.fails(&[], &[&expected]).assert_errors(1);
}

#[test]
fn text_from_yaml_is_escaped() {
    let mut site = Site::built();
    site.replace(
        "content/countries/ua.yaml",
        "en: Only a sectoral document exists.",
        "en: \"<script>alert(1)</script>\"",
    );
    site.build_good();
    let profile = fs::read_to_string(site.out.join("en/countries/ua/index.html")).unwrap();
    assert!(profile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for (path, entry) in &site.built {
        if let (Some("html"), Entry::File(bytes)) =
            (path.extension().and_then(|e| e.to_str()), entry)
        {
            let html = String::from_utf8_lossy(bytes);
            assert!(
                !html.contains("<script>alert(1)"),
                "{} holds the script",
                path.display()
            );
        }
    }
}

#[test]
fn a_broken_anchor_and_a_broken_relative_link_are_reported_where_they_are_written() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let text = site.append(
        page,
        "\nSee [x](@/intro/curriculum.md#nope) and [y](../nowhere/).\n",
    );
    let (line, anchor) = at(&text, "[x]");
    let (_, link) = at(&text, "[y]");
    let run = site.fails(
        &[],
        &[
            &format!("{page}:{line}:{anchor}: error: broken anchor `@/intro/curriculum.md#nope`"),
            &format!("{page}:{line}:{link}: error: broken link `../nowhere/`"),
        ],
    );
    run.assert_errors(2);
    assert!(
        !run.stderr.contains(site.out.to_str().unwrap()),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("index.html:"), "{}", run.stderr);
}

#[test]
fn a_broken_link_and_another_pages_error_are_reported_together() {
    let site = Site::built();
    let a = "content/intro/tables.en.md";
    let b = "content/intro/curriculum.en.md";
    let text_a = site.append(a, "\nSee [y](../nowhere/).\n");
    let text_b = site.append(b, "\n{{ nope() }}\n");
    let (la, ca) = at(&text_a, "[y]");
    let (lb, cb) = at(&text_b, "{{ nope() }}");
    site.fails(
        &[],
        &[
            &format!("{a}:{la}:{ca}: error: broken link `../nowhere/`"),
            &format!("{b}:{lb}:{cb}: error: unknown shortcode `nope`"),
        ],
    )
    .assert_errors(2);
}

// --- Inputs too deep, too large, too slow ------------------------------------------------

#[test]
fn front_matter_nested_100000_levels_is_refused_quickly() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let n = 100_000;
    let deep = format!("weight: 10\nextra: {}{}\n", "[".repeat(n), "]".repeat(n));
    let text = site.replace(page, "weight: 10\n", &deep);
    let (line, _) = at(&text, "extra:");
    let run = site.fails(
        &[],
        &[
            &format!("{page}:{line}:"),
            "nested more than 32 levels deep",
        ],
    );
    run.assert_errors(1);
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

#[test]
fn a_country_file_nested_too_deep_is_refused_quickly() {
    let site = Site::built();
    let file = "content/countries/az.yaml";
    // 100,000 levels of flow sequences on one line.
    let n = 100_000;
    let text = site.append(
        file,
        &format!("notes: {}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    let (line, _) = at(&text, "notes:");
    let run = site.fails(
        &[],
        &[
            &format!("{file}:{line}:"),
            "nested more than 32 levels deep",
        ],
    );
    run.assert_errors(1);
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);

    // A block mapping, one level more on each line, wrapped at 300 columns, as much of it as
    // stays under the 1 MiB a text input may have. The top-level mapping is level 1, so the line
    // indented by 32 opens level 33.
    site.restore(file);
    let mut block = String::new();
    let mut i = 0;
    while block.len() < 900 * 1024 {
        block.push_str(&format!("{}a:\n", " ".repeat(i % 300)));
        i += 1;
    }
    let text = site.append(file, &block);
    let indent = " ".repeat(32);
    let (line, _) = first(&text, &format!("\n{indent}a:\n"));
    let (line, column) = (line + 1, indent.len() + 1);
    let expected = format!("{file}:{line}:{column}: error: nested more than 32 levels deep");
    let run = site.fails(&[], &[&expected]);
    run.assert_errors(1);
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

#[test]
fn an_alias_bomb_in_a_country_file_is_refused_quickly() {
    let site = Site::built();
    let file = "content/countries/az.yaml";
    let mut bomb = String::from("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("lol{i}: &a{i} [{refs}]\n"));
    }
    let text = site.append(file, &bomb);
    let (line, _) = at(&text, "lol0:");
    let run = site.fails(&[], &[&format!("{file}:{line}:")]);
    run.assert_errors(1);
    // Every key of a country file is checked, so the first anchor's key is refused before any
    // alias is expanded; were the keys read, the expansion would stop at yaml_serde's limit.
    let refused = [
        "repetition limit exceeded",
        "nested more than",
        "unknown field `lol0`",
    ];
    assert!(
        refused.iter().any(|r| run.stderr.contains(r)),
        "{}",
        run.stderr
    );
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

#[test]
fn a_markdown_file_over_1_mib_is_refused() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
    site.append(page, &line.repeat(2 * 1024 * 1024 / line.len() + 1));
    let expected = format!("{page}: error: file is 2.0 MiB; this kind of input may be at most 1 MiB");
    let run = site.fails(&[], &[&expected]);
    run.assert_errors(1);
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

#[test]
fn a_template_that_never_finishes_is_stopped_by_render_time_limit() {
    let site = Site::built();
    site.runaway(2);
    let run = site.fails(
        &[],
        &["did not finish in 2 s, the `render_time_limit` of site.toml"],
    );
    run.assert_errors(1);
    let error = run.errors()[0];
    assert!(error.starts_with("themes/default/templates/"), "{error}");
    assert!(
        error.contains(" (from content/") && error.contains(".md)"),
        "{error}"
    );
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

#[test]
fn a_template_recursion_is_an_error_naming_the_template() {
    let site = Site::built();
    site.append(
        "themes/default/templates/components.html",
        "\n{% component forever(n) %}{{ <forever n={n}/> }}{% endcomponent forever %}\n",
    );
    site.replace(
        "themes/default/templates/page.html",
        "{% block main %}",
        "{% block main %}{{ <forever n={1}/> }}",
    );
    let run = site.fails(&[], &["recursion"]);
    let named = run
        .errors()
        .iter()
        .all(|e| e.starts_with("themes/default/templates/"));
    assert!(!run.errors().is_empty() && named, "{}", run.stderr);
    assert!(run.elapsed < HANG, "{:?}", run.elapsed);
}

// --- Links that leave the site -----------------------------------------------------------

/// A file outside the site that no message may print.
fn secret() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, "SECRET-TEXT\n").unwrap();
    (dir, path)
}

/// `link` (relative to the site) replaced by a symbolic link to `target`, then the build fails
/// with one error, `expected`, naming the link; nothing outside the site is printed.
#[cfg(unix)]
fn refused_link(link: &str, target: &Path, expected: &str) {
    let site = Site::built();
    let _ = fs::remove_file(site.path(link));
    std::os::unix::fs::symlink(target, site.path(link)).unwrap();
    let run = site.fails(&[], &[&format!("{link}: error: symbolic link"), expected]);
    run.assert_errors(1);
    assert!(!run.stderr.contains("SECRET-TEXT"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_data_file_linked_outside_the_site_is_refused() {
    let (_dir, secret) = secret();
    refused_link("content/glossary.yaml", &secret, "leads outside the site");
}

#[cfg(unix)]
#[test]
fn a_locale_linked_outside_the_site_is_refused() {
    let (_dir, secret) = secret();
    refused_link("locales/en.ftl", &secret, "leads outside the site");
}

#[cfg(unix)]
#[test]
fn a_page_linked_outside_the_site_is_refused() {
    let (_dir, secret) = secret();
    refused_link(
        "content/intro/extra.en.md",
        &secret,
        "leads outside the site",
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_refused() {
    let target = Path::new("nowhere.en.md");
    refused_link(
        "content/intro/dangling.en.md",
        target,
        "which does not exist",
    );
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_refused() {
    let site = Site::built();
    fs::create_dir(site.path("content/x")).unwrap();
    std::os::unix::fs::symlink(site.path("content"), site.path("content/x/loop")).unwrap();
    let expected = "content/x/loop: error: symbolic link loops back to `content`";
    site.fails(&[], &[expected]).assert_errors(1);
}

#[cfg(unix)]
#[test]
fn a_page_linked_inside_the_site_builds() {
    let mut site = Site::built();
    for lang in ["az", "en", "ru"] {
        let link = site.path(&format!("content/intro/inside.{lang}.md"));
        std::os::unix::fs::symlink(format!("tables.{lang}.md"), link).unwrap();
    }
    site.build_good();
    let inside = fs::read(site.out.join("en/intro/inside/index.html")).unwrap();
    assert!(String::from_utf8_lossy(&inside).contains("table-consultation"));
}

// --- One mistake, one error --------------------------------------------------------------

#[test]
fn one_bad_country_value_is_one_error() {
    let site = Site::built();
    let file = "content/countries/az.yaml";
    let text = site.replace(file, "order: 1\n", "order: two\n");
    let (line, column) = at(&text, "order: two");
    let column = column + "order: ".len();
    let run = site.fails(
        &[],
        &[&format!(
            "{file}:{line}:{column}: error: order: invalid type"
        )],
    );
    run.assert_errors(1);
    assert!(!run.stderr.contains("training-needs") && !run.stderr.contains("tables.yaml"));
}

#[test]
fn a_base_url_that_is_not_an_address_is_one_error() {
    let site = Site::built();
    let expected = "--base-url: error: `not a url` does not start with `https://` or `http://`";
    site.fails(&["--base-url", "not a url"], &[expected])
        .assert_errors(1);
}

#[test]
fn a_fluent_syntax_error_is_reported_at_its_message() {
    let site = Site::built();
    let file = "locales/en.ftl";
    let text = site.read(file);
    let mut lines: Vec<&str> = text.lines().collect();
    // Between two entries in the middle of the file.
    let middle = (lines.len() / 2..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| c.is_ascii_alphabetic() || c == '#'))
        .unwrap();
    lines.insert(middle, "key = { $x");
    let text = lines.join("\n") + "\n";
    site.write(file, &text);
    let (line, _) = at(&text, "key = { $x");
    let run = site.fails(&[], &[&format!("{file}:{line}:1: error: Fluent syntax:")]);
    run.assert_errors(1);
}

// --- Encodings ---------------------------------------------------------------------------

#[test]
fn a_byte_order_mark_in_a_fluent_file_is_accepted() {
    let mut site = Site::built();
    let before = site.built.clone();
    let text = site.read("locales/en.ftl");
    site.write("locales/en.ftl", &format!("\u{feff}{text}"));
    site.build_good();
    assert_same(&site.built, &before, "the output");
}

#[test]
fn invalid_utf8_in_markdown_is_an_error_at_its_line_and_column() {
    let site = Site::built();
    let page = "content/intro/tables.en.md";
    let prefix = site.read(page) + "\nSome text ";
    let mut bytes = prefix.clone().into_bytes();
    bytes.extend_from_slice(b"\xff here.\n");
    fs::write(site.path(page), bytes).unwrap();
    let (line, column) = (
        prefix.lines().count(),
        prefix.lines().last().unwrap().len() + 1,
    );
    let expected = format!("{page}:{line}:{column}: error: not valid UTF-8 (byte 0xFF)");
    site.fails(&[], &[&expected]).assert_errors(1);
}

// --- A full or read-only disk ------------------------------------------------------------

/// A small tmpfs mounted on a folder for one test, unmounted when dropped. `None` where this
/// process may not mount (not root, or a container without the capability): the test says it
/// is skipped. Any other failure to mount fails the test.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, kib: u64) -> Option<Tmpfs> {
        let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
        let euid = status.lines().find_map(|l| l.strip_prefix("Uid:"));
        if euid.and_then(|ids| ids.split_whitespace().nth(1)) != Some("0") {
            eprintln!("skipped: mounting a tmpfs needs root");
            return None;
        }
        let size = format!("size={kib}k");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
            .arg(dir)
            .output()
            .unwrap();
        if out.status.success() {
            return Some(Tmpfs(dir.to_path_buf()));
        }
        let why = String::from_utf8_lossy(&out.stderr).to_lowercase();
        if why.contains("permission denied") || why.contains("not permitted") {
            eprintln!("skipped: this root may not mount a tmpfs: {why}");
            return None;
        }
        panic!("mount {}: {why}", dir.display());
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status();
        assert!(status.unwrap().success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// The site built once into `public` on a fresh tmpfs of `kib` KiB (in its work folder).
fn built_on_tmpfs(kib: impl FnOnce(&Site) -> u64) -> Option<(Site, Tmpfs)> {
    let mut site = Site::built();
    let disk = site.work.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let tmpfs = Tmpfs::mount(&disk, kib(&site))?;
    site.out = disk.join("public");
    site.build_good();
    Some((site, tmpfs))
}

#[test]
fn a_full_disk_keeps_the_previous_output() {
    // Room for one output (tmpfs counts whole 4 KiB pages) and half its HTML pages, not for
    // a second set of them beside it (the other files, unchanged, are hard-linked).
    let room = |site: &Site| {
        let pages = |html_only: bool| -> u64 {
            site.built
                .iter()
                .map(|(path, e)| match e {
                    Entry::File(bytes) if !html_only || path.ends_with(".html") => {
                        (bytes.len() as u64).div_ceil(4096)
                    }
                    _ => 0,
                })
                .sum()
        };
        (pages(false) + pages(true) / 2) * 4
    };
    // The tmpfs is dropped (unmounted) before the site's folders are removed.
    let Some((site, _tmpfs)) = built_on_tmpfs(room) else {
        return;
    };
    // Every page changes, so none can be kept from the previous output by a hard link.
    for title in ["Sınaq hesabatı", "Test report", "Тестовый доклад"] {
        site.replace("site.toml", title, &format!("{title} 2"));
    }
    let run = site.fails(
        &[],
        &["No space left on device", "; the previous site is kept"],
    );
    let out = site.out.display().to_string();
    assert!(
        run.errors().iter().all(|e| e.starts_with(&out)),
        "{}",
        run.stderr
    );
}

#[test]
fn a_read_only_disk_keeps_the_previous_output() {
    let Some((site, tmpfs)) = built_on_tmpfs(|_| 64 * 1024) else {
        return;
    };
    tmpfs.remount_read_only();
    let lock = site.out.with_file_name(".public.lock");
    let expected = format!(
        "{}: error: cannot write {}: Read-only file system",
        site.out.display(),
        lock.display()
    );
    site.fails(&[], &[&expected]).assert_errors(1);
}
