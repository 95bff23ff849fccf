//! `serve` end to end, without a browser: rebuild and live reload, the 404s, builds run in a
//! child process that a newer change stops, and a failed build (the first one too) that leaves
//! the previous site served.

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
    assert!(body.contains("fetch(\"/__reload\")"));
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
    assert!(
        !builds_of(site.path(), pid).is_empty(),
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
    let left = builds_of(site.path(), pid);
    assert!(left.is_empty(), "builds left running: {left:?}");
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
