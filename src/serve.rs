//! `serve`: build, serve the output on the loopback address, rebuild when a source changes and
//! tell open pages to reload. The only module that listens on a port.
//!
//! Every build runs in a child process, this program's own `build`, so that a build that never
//! ends (a template looping for hours) can be stopped: when a newer change arrives, or after
//! [`BUILD_TIME_LIMIT`]. Until a build succeeds, whatever site the output folder holds is served.

use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::BuildOptions;

/// How long one build may run before `serve` stops it. The report builds in seconds; this is the
/// outer guard against a build that never ends while no further change comes to interrupt it.
pub const BUILD_TIME_LIMIT: Duration = Duration::from_secs(120);

/// How long to wait after a change before building, so that a burst of saves makes one build.
const SETTLE: Duration = Duration::from_millis(150);

/// How often a running build is checked for its exit, while waiting for changes in between.
const POLL: Duration = Duration::from_millis(50);

/// The body of a 404 while the output folder has no site (and so no `404.html`).
const NOT_BUILT: &str = "404: not found, and the site has not been built yet.\n\
    See the terminal running `serve` for the build's errors; pages appear once a build succeeds.\n";

/// Polls the build generation once a second and reloads when it changes. Injected into served
/// HTML only; built files never carry it.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var g=null;function p(){fetch("/__reload").then(function(r){return r.text()}).then(function(t){if(g!==null&&t!==g){location.reload()}g=t}).catch(function(){}).finally(function(){setTimeout(p,1000)})}p()})();</script>"#;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The file a request path names under `out`, refusing any path that leaves it.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut file = out.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(s) => file.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

/// The arguments of the `build` that `serve` runs, after the program's name: the same root,
/// jobs and output as `serve`, and `base_url` (the server's own address).
pub fn build_args(opts: &BuildOptions, base_url: &str) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["--root".into(), opts.root.clone().into()];
    if let Some(jobs) = opts.jobs {
        args.extend(["--jobs".into(), jobs.to_string().into()]);
    }
    args.extend([
        "build".into(),
        "--out".into(),
        opts.out.clone().into(),
        "--base-url".into(),
        base_url.into(),
    ]);
    if opts.strict {
        args.push("--strict".into());
    }
    if opts.force {
        args.push("--force".into());
    }
    args
}

/// The child process that builds: `exe build …` with [`build_args`]. Its output goes to the
/// terminal, as a `build` run by hand would print it.
fn build_command(exe: &Path, opts: &BuildOptions, base_url: &str) -> Command {
    let mut command = Command::new(exe);
    command
        .args(build_args(opts, base_url))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    command
}

/// How a build child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// It exited successfully: the new site is in place.
    Built,
    /// It exited with an error, after printing its diagnostics; the output folder is untouched.
    Failed,
    /// A source changed while it ran, so it was stopped: a newer build is due.
    Superseded,
    /// It ran longer than the time limit and was stopped.
    TimedOut,
    /// The watcher is gone, so `serve` is ending; the build was stopped.
    Abandoned,
}

/// Kill a child and reap it, so that no process is left behind. Killing one that has already
/// exited is harmless.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Run one build to its end, watching `changes` meanwhile: a change, or running past `limit`,
/// stops it.
fn run_build(
    command: &mut Command,
    changes: &Receiver<()>,
    limit: Duration,
) -> io::Result<Outcome> {
    let mut child = command.spawn()?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(Outcome::Built),
            Ok(Some(_)) => return Ok(Outcome::Failed),
            Ok(None) => {}
            Err(e) => {
                stop(&mut child);
                return Err(e);
            }
        }
        if started.elapsed() >= limit {
            stop(&mut child);
            return Ok(Outcome::TimedOut);
        }
        match changes.recv_timeout(POLL) {
            Ok(()) => {
                stop(&mut child);
                return Ok(Outcome::Superseded);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                stop(&mut child);
                return Ok(Outcome::Abandoned);
            }
        }
    }
}

/// Let a burst of changes settle, then drop the ones that came: one build covers them all.
fn settle(changes: &Receiver<()>) {
    std::thread::sleep(SETTLE);
    while changes.try_recv().is_ok() {}
}

/// Build until a build ends by itself or hits the limit: a build that a change interrupts is
/// followed by a fresh one, once the changes settle.
fn build_latest(
    command: &mut Command,
    changes: &Receiver<()>,
    limit: Duration,
) -> io::Result<Outcome> {
    loop {
        match run_build(command, changes, limit)? {
            Outcome::Superseded => {
                eprintln!("build stopped: a source changed; building again");
                settle(changes);
            }
            outcome => return Ok(outcome),
        }
    }
}

/// What readers get while the latest build has not succeeded.
fn fallback(out: &Path) -> &'static str {
    if out.join("index.html").is_file() {
        "still serving the previous site"
    } else {
        "there is no site to serve yet; pages will appear once a build succeeds"
    }
}

/// Print how a build ended (after the child's own diagnostics) and, if it succeeded, move the
/// reload generation on so that open pages reload.
fn report(outcome: io::Result<Outcome>, out: &Path, generation: &AtomicU64) {
    match outcome {
        Ok(Outcome::Built) => {
            generation.fetch_add(1, Ordering::SeqCst);
        }
        Ok(Outcome::Failed) => eprintln!("build failed; {}", fallback(out)),
        Ok(Outcome::TimedOut) => eprintln!(
            "build stopped: it ran longer than {} s; {}",
            BUILD_TIME_LIMIT.as_secs(),
            fallback(out)
        ),
        Ok(Outcome::Superseded | Outcome::Abandoned) => {}
        Err(e) => eprintln!("cannot run the build: {e}; {}", fallback(out)),
    }
}

/// Watch the sources under `root`: each change sends `()` on `changes`.
fn watch(root: &Path, changes: mpsc::Sender<()>) -> Result<RecommendedWatcher, String> {
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
        {
            let _ = changes.send(());
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "themes", "locales"] {
        let p = root.join(dir);
        if p.exists() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    let config = root.join("site.toml");
    watcher
        .watch(&config, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", config.display()))?;
    Ok(watcher)
}

fn respond(request: tiny_http::Request, out: &Path, generation: &AtomicU64, live_reload: bool) {
    let url = request.url().to_string();
    if url == "/__reload" {
        let body = generation.load(Ordering::SeqCst).to_string();
        let _ = request.respond(tiny_http::Response::from_string(body));
        return;
    }
    let (status, file) = match resolve(out, &url) {
        Some(f) if f.is_file() => (200, f),
        _ => (404, out.join("404.html")),
    };
    let Ok(mut body) = std::fs::read(&file) else {
        // No 404.html: the output folder holds no site (yet).
        let header = tiny_http::Header::from_bytes("Content-Type", "text/plain; charset=utf-8")
            .expect("valid header");
        let response = tiny_http::Response::from_string(NOT_BUILT).with_status_code(404);
        let _ = request.respond(response.with_header(header));
        return;
    };
    if live_reload && file.extension().is_some_and(|e| e == "html") {
        let text = String::from_utf8_lossy(&body);
        body = match text.rfind("</body>") {
            Some(i) => format!("{}{RELOAD_SCRIPT}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
        };
    }
    let header =
        tiny_http::Header::from_bytes("Content-Type", content_type(&file)).expect("valid header");
    let response = tiny_http::Response::from_data(body).with_status_code(status);
    let _ = request.respond(response.with_header(header));
}

/// Build, then serve on `127.0.0.1:port` until interrupted; with `live_reload`, served pages
/// reload themselves after each successful rebuild. Each build runs in a child process (see
/// [`build_args`]), stopped when a newer change arrives or after [`BUILD_TIME_LIMIT`]; while a
/// build runs or after one fails, the previous site in `opts.out` is served. A first build that
/// fails does not end `serve`.
pub fn serve(opts: BuildOptions, port: u16, live_reload: bool) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{addr}/"));
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find this program to run the builds: {e}"))?;
    let mut command = build_command(&exe, &opts, &base_url);
    let generation = Arc::new(AtomicU64::new(0));
    // Watch before the first build, so that a change made while it runs is not missed.
    let (tx, changes) = mpsc::channel();
    let watcher = watch(&opts.root, tx)?;

    // One thread per request: a slow or idle connection never holds up the others. Requests are
    // answered from now on: while the first build runs, with the previous site if there is one.
    {
        let out = opts.out.clone();
        let generation = generation.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let out = out.clone();
                let generation = generation.clone();
                std::thread::spawn(move || respond(request, &out, &generation, live_reload));
            }
        });
    }

    report(
        build_latest(&mut command, &changes, BUILD_TIME_LIMIT),
        &opts.out,
        &generation,
    );
    eprintln!(
        "serving {} at http://127.0.0.1:{addr}/ (Ctrl-C to stop)",
        opts.out.display()
    );
    while changes.recv().is_ok() {
        settle(&changes);
        let outcome = build_latest(&mut command, &changes, BUILD_TIME_LIMIT);
        report(outcome, &opts.out, &generation);
    }
    drop(watcher);
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_to_leave_the_output() {
        let out = Path::new("/srv/site");
        assert_eq!(resolve(out, "/../etc/passwd"), None);
        assert_eq!(resolve(out, "/en/%2e%2e/%2e%2e/x"), None);
        assert_eq!(
            resolve(out, "/static/style.css?v=1"),
            Some(PathBuf::from("/srv/site/static/style.css"))
        );
    }

    fn opts(jobs: Option<usize>, strict: bool) -> BuildOptions {
        BuildOptions {
            root: PathBuf::from("site"),
            out: PathBuf::from("/tmp/out dir"),
            base_url: None,
            strict,
            force: strict,
            jobs,
        }
    }

    fn strings(args: Vec<OsString>) -> Vec<String> {
        args.into_iter().map(|a| a.into_string().unwrap()).collect()
    }

    #[test]
    fn the_build_child_gets_the_root_output_and_server_address() {
        let url = "http://127.0.0.1:4321/";
        assert_eq!(
            strings(build_args(&opts(None, false), url)),
            [
                "--root",
                "site",
                "build",
                "--out",
                "/tmp/out dir",
                "--base-url",
                url
            ]
        );
        assert_eq!(
            strings(build_args(&opts(Some(3), true), url)),
            [
                "--root",
                "site",
                "--jobs",
                "3",
                "build",
                "--out",
                "/tmp/out dir",
                "--base-url",
                url,
                "--strict",
                "--force"
            ]
        );
    }

    #[test]
    fn the_build_child_parses_as_a_build() {
        let mut argv = vec![OsString::from("rtcm-report")];
        argv.extend(build_args(&opts(Some(2), false), "http://127.0.0.1:1/"));
        let cli = <crate::cli::Cli as clap::Parser>::try_parse_from(argv).unwrap();
        assert_eq!(cli.root, PathBuf::from("site"));
        assert_eq!(cli.jobs, Some(2));
        match cli.command {
            crate::cli::Command::Build {
                out,
                base_url,
                strict,
                force,
            } => {
                assert_eq!(out, PathBuf::from("/tmp/out dir"));
                assert_eq!(base_url.as_deref(), Some("http://127.0.0.1:1/"));
                assert!(!strict && !force);
            }
            other => panic!("not a build: {other:?}"),
        }
    }

    /// A build that ends by itself: success or failure, as its exit status says.
    #[cfg(unix)]
    #[test]
    fn a_build_ends_with_its_exit_status() {
        let (_tx, rx) = mpsc::channel();
        let limit = Duration::from_secs(30);
        assert_eq!(
            run_build(&mut Command::new("true"), &rx, limit).unwrap(),
            Outcome::Built
        );
        assert_eq!(
            run_build(&mut Command::new("false"), &rx, limit).unwrap(),
            Outcome::Failed
        );
    }

    /// A change stops a running build at once; so does the time limit.
    #[cfg(unix)]
    #[test]
    fn a_change_or_the_time_limit_stops_a_build() {
        let mut endless = Command::new("sleep");
        endless.arg("600");
        let (tx, rx) = mpsc::channel();
        tx.send(()).unwrap();
        let started = Instant::now();
        let outcome = run_build(&mut endless, &rx, Duration::from_secs(30)).unwrap();
        assert_eq!(outcome, Outcome::Superseded);
        let limit = Duration::from_millis(300);
        assert_eq!(
            run_build(&mut endless, &rx, limit).unwrap(),
            Outcome::TimedOut
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        drop(tx);
        assert_eq!(
            run_build(&mut endless, &rx, limit).unwrap(),
            Outcome::Abandoned
        );
    }
}
