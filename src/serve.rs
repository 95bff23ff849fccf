//! `serve`: build, serve the output on the loopback address, rebuild when a source changes and
//! tell open pages to reload. The only module that listens on a port.
//!
//! Builds run in a child process, this program's own `build --serve-worker` (see
//! [`crate::worker`]), so that one that never ends (a template looping for hours) can be
//! stopped: when a newer change arrives, or after [`BUILD_TIME_LIMIT`]. The worker keeps the
//! rendered site in memory after its build, and is sent the files that change: the edit of a
//! Markdown text re-renders that page alone, and is live in milliseconds. Until a build
//! succeeds, whatever site the output folder holds is served.

use std::ffi::OsString;
use std::io::{self, BufRead, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::BuildOptions;
use crate::worker::Reply;

/// How long one build may run before `serve` stops it. The report builds in seconds; this is the
/// outer guard against a build that never ends while no further change comes to interrupt it.
pub const BUILD_TIME_LIMIT: Duration = Duration::from_secs(120);

/// A burst of changes has settled when none has come for this long: an editor's save is a few
/// events within a millisecond or two.
const QUIET: Duration = Duration::from_millis(10);

/// The longest a burst of changes is waited for, so that a stream of them still builds.
const SETTLE_MAX: Duration = Duration::from_millis(500);

/// How often a worker at work is checked for its time limit and for newer changes.
const POLL: Duration = Duration::from_millis(50);

/// The body of a 404 while the output folder has no site (and so no `404.html`).
const NOT_BUILT: &str = "404: not found, and the site has not been built yet.\n\
    See the terminal running `serve` for the build's errors; pages appear once a build succeeds.\n";

/// The script injected into served HTML (built files never carry it): it polls the build
/// generation once a second and reloads the page when it differs from `generation`, the one the
/// page was served at, so that a change made before the first poll is not missed.
fn reload_script(generation: u64) -> String {
    format!(
        r#"<script>(function(){{var g="{generation}";function p(){{fetch("/__reload",{{cache:"no-store"}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==g){{location.reload()}}}}).catch(function(){{}}).finally(function(){{setTimeout(p,1000)}})}}p()}})();</script>"#
    )
}

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

/// The build process: `exe build --serve-worker …` with [`build_args`] (see [`crate::worker`]).
/// Its diagnostics go to the terminal, as a `build` run by hand would print them; its answers
/// come on its stdout, and the changed files go to its stdin.
fn worker_command(exe: &Path, opts: &BuildOptions, base_url: &str) -> Command {
    let mut command = Command::new(exe);
    command
        .args(build_args(opts, base_url))
        .arg("--serve-worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    command
}

/// A running build process, and its answers as they come (`None`: it closed its stdout, so
/// it is ending).
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Option<Reply>>,
}

impl Worker {
    fn spawn(command: &mut Command) -> io::Result<Worker> {
        let mut child = command.spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            for line in io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(reply) = Reply::parse(&line) {
                    let _ = tx.send(Some(reply));
                }
            }
            let _ = tx.send(None);
        });
        Ok(Worker { child, stdin, replies })
    }

    /// Send a batch of changed files.
    fn send(&mut self, changed: &[PathBuf]) -> io::Result<()> {
        let mut text = String::new();
        for path in changed {
            // A path with a line break cannot be sent; a folder of it stands for it.
            let mut path = path.as_path();
            while path.to_string_lossy().contains('\n') {
                path = path.parent().unwrap_or(Path::new(""));
            }
            text.push_str(&path.to_string_lossy());
            text.push('\n');
        }
        text.push('\n');
        self.stdin.write_all(text.as_bytes())?;
        self.stdin.flush()
    }

    /// Kill it and reap it, so that no process is left behind. Killing one that has already
    /// exited is harmless.
    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How waiting for the worker's answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// It answered.
    Replied(Reply),
    /// It ended without answering (it crashed, or could not write the output).
    Gone,
    /// A source changed while it worked at a full build, so it was stopped: a newer build is
    /// due.
    Superseded,
    /// It worked longer than the time limit and was stopped.
    TimedOut,
    /// The watcher is gone, so `serve` is ending; the worker was stopped.
    Abandoned,
}

/// Wait for the worker's answer, watching `changes` meanwhile while it builds everything
/// (`full`, or once it says it is `building`): a change then, or its running past `limit`,
/// means it is to be stopped (and the changes go to `pending`). An edit takes milliseconds:
/// changes wait for it.
fn await_reply(
    worker: &Worker,
    changes: &Receiver<Vec<PathBuf>>,
    mut full: bool,
    pending: &mut Vec<PathBuf>,
    limit: Duration,
) -> Outcome {
    let started = Instant::now();
    loop {
        match worker.replies.recv_timeout(POLL) {
            // Not answers: the pages it follows were live already; a full build has begun.
            Ok(Some(Reply::Indexed)) => continue,
            Ok(Some(Reply::Building)) => {
                full = true;
                continue;
            }
            Ok(Some(reply)) => return Outcome::Replied(reply),
            Ok(None) | Err(RecvTimeoutError::Disconnected) => return Outcome::Gone,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if started.elapsed() >= limit {
            return Outcome::TimedOut;
        }
        if !full {
            continue;
        }
        match changes.try_recv() {
            Ok(paths) => {
                pending.extend(paths);
                return Outcome::Superseded;
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => return Outcome::Abandoned,
        }
    }
}

/// Let a burst of changes settle: wait until none has come for [`QUIET`] (at most
/// [`SETTLE_MAX`]), gathering them into `pending`.
fn settle(changes: &Receiver<Vec<PathBuf>>, pending: &mut Vec<PathBuf>) {
    let started = Instant::now();
    while started.elapsed() < SETTLE_MAX {
        match changes.recv_timeout(QUIET) {
            Ok(paths) => pending.extend(paths),
            Err(_) => break,
        }
    }
    pending.sort();
    pending.dedup();
}

/// What readers get while the latest build has not succeeded.
fn fallback(out: &Path) -> &'static str {
    if out.join("index.html").is_file() {
        "still serving the previous site"
    } else {
        "there is no site to serve yet; pages will appear once a build succeeds"
    }
}

/// Watch the sources under `root`: each change sends the paths it concerns on `changes`.
fn watch(root: &Path, changes: mpsc::Sender<Vec<PathBuf>>) -> Result<RecommendedWatcher, String> {
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
        {
            let _ = changes.send(ev.paths);
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

/// Keep a worker serving the changes until the watcher is gone: a worker is started (it
/// builds everything) when there is none, and is sent each settled batch of changes after;
/// one that fails to build, ends, or is stopped is replaced at the next change. Each
/// successful answer moves the reload `generation` on.
fn run_workers(command: &mut Command, changes: &Receiver<Vec<PathBuf>>, out: &Path, generation: &AtomicU64, mut ready: impl FnMut()) {
    let mut worker: Option<Worker> = None;
    let mut pending: Vec<PathBuf> = Vec::new();
    // Start at once; after that, a new worker waits for a change.
    let mut due = true;
    loop {
        if !due {
            match changes.recv() {
                Ok(paths) => pending.extend(paths),
                Err(_) => break,
            }
            settle(changes, &mut pending);
        }
        due = false;
        let (w, full) = match worker.take() {
            Some(mut w) => {
                let sent = w.send(&pending);
                pending.clear();
                match sent {
                    Ok(()) => (w, false),
                    Err(_) => {
                        w.stop();
                        due = true;
                        continue;
                    }
                }
            }
            None => {
                pending.clear();
                match Worker::spawn(command) {
                    Ok(w) => (w, true),
                    Err(e) => {
                        eprintln!("cannot run the build: {e}; {}", fallback(out));
                        continue;
                    }
                }
            }
        };
        // Only a full build is stopped by a newer change: an edit takes milliseconds.
        let outcome = await_reply(&w, changes, full, &mut pending, BUILD_TIME_LIMIT);
        match outcome {
            Outcome::Replied(Reply::Built | Reply::Updated) => {
                generation.fetch_add(1, Ordering::SeqCst);
                worker = Some(w);
            }
            Outcome::Replied(Reply::Unchanged | Reply::Rejected | Reply::Indexed | Reply::Building) => worker = Some(w),
            Outcome::Replied(Reply::Failed) | Outcome::Gone => {
                w.stop();
                eprintln!("build failed; {}", fallback(out));
            }
            Outcome::Superseded => {
                w.stop();
                eprintln!("build stopped: a source changed; building again");
                settle(changes, &mut pending);
                due = true;
            }
            Outcome::TimedOut => {
                w.stop();
                eprintln!("build stopped: it ran longer than {} s; {}", BUILD_TIME_LIMIT.as_secs(), fallback(out));
            }
            Outcome::Abandoned => {
                w.stop();
                break;
            }
        }
        if full {
            ready();
        }
    }
    if let Some(w) = worker {
        w.stop();
    }
}

fn respond(request: tiny_http::Request, out: &Path, generation: &AtomicU64, live_reload: bool) {
    let url = request.url().to_string();
    if url == "/__reload" {
        let body = generation.load(Ordering::SeqCst).to_string();
        let _ = request.respond(tiny_http::Response::from_string(body));
        return;
    }
    // Read before the file: a page served as a build lands then reloads once more, never misses it.
    let served_at = generation.load(Ordering::SeqCst);
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
        let script = reload_script(served_at);
        body = match text.rfind("</body>") {
            Some(i) => format!("{}{script}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{script}").into_bytes(),
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
    let mut command = worker_command(&exe, &opts, &base_url);
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

    let mut announced = false;
    run_workers(&mut command, &changes, &opts.out, &generation, || {
        if !announced {
            eprintln!("serving {} at http://127.0.0.1:{addr}/ (Ctrl-C to stop)", opts.out.display());
            announced = true;
        }
    });
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
    fn the_worker_parses_as_a_build_for_serve() {
        let mut argv = vec![OsString::from("rtcm-report")];
        let command = worker_command(Path::new("rtcm-report"), &opts(Some(2), false), "http://127.0.0.1:1/");
        argv.extend(command.get_args().map(OsString::from));
        let cli = <crate::cli::Cli as clap::Parser>::try_parse_from(argv).unwrap();
        assert_eq!(cli.root, PathBuf::from("site"));
        assert_eq!(cli.jobs, Some(2));
        match cli.command {
            crate::cli::Command::Build {
                out,
                base_url,
                strict,
                force,
                serve_worker,
            } => {
                assert_eq!(out, PathBuf::from("/tmp/out dir"));
                assert_eq!(base_url.as_deref(), Some("http://127.0.0.1:1/"));
                assert!(!strict && !force && serve_worker);
            }
            other => panic!("not a build: {other:?}"),
        }
    }

    /// A stand-in worker: a shell script.
    #[cfg(unix)]
    fn script(text: &str) -> Worker {
        let mut command = Command::new("sh");
        command.args(["-c", text]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        Worker::spawn(&mut command).unwrap()
    }

    /// The worker's answers are read as they come; one that ends without answering is gone.
    #[cfg(unix)]
    #[test]
    fn a_worker_answers_each_batch_or_is_gone() {
        let (_tx, rx) = mpsc::channel();
        let limit = Duration::from_secs(30);
        let mut w = script("echo built; while read line; do if [ -z \"$line\" ]; then echo updated; fi; done");
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::Replied(Reply::Built));
        w.send(&[PathBuf::from("content/a.en.md"), PathBuf::from("content/b\nc.en.md")]).unwrap();
        assert_eq!(await_reply(&w, &rx, false, &mut Vec::new(), limit), Outcome::Replied(Reply::Updated), "one answer a batch, though a path had a line break");
        w.stop();
        let w = script("echo failed; exit 1");
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::Replied(Reply::Failed));
        w.stop();
        let w = script("exit 3");
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::Gone);
        w.stop();
    }

    /// A change stops a full build at once, and is kept for the next; so does the time limit.
    /// An edit is only stopped by the limit, until the worker says it builds everything.
    #[cfg(unix)]
    #[test]
    fn a_change_or_the_time_limit_stops_a_build() {
        let (tx, rx) = mpsc::channel();
        tx.send(vec![PathBuf::from("content/a.en.md")]).unwrap();
        let started = Instant::now();
        let mut pending = Vec::new();
        let w = script("sleep 600");
        assert_eq!(await_reply(&w, &rx, true, &mut pending, Duration::from_secs(30)), Outcome::Superseded);
        assert_eq!(pending, [PathBuf::from("content/a.en.md")]);
        tx.send(vec![PathBuf::from("content/b.en.md")]).unwrap();
        let limit = Duration::from_millis(300);
        assert_eq!(await_reply(&w, &rx, false, &mut pending, limit), Outcome::TimedOut, "an edit is not stopped by a change");
        assert_eq!(await_reply(&w, &rx, true, &mut pending, Duration::from_secs(30)), Outcome::Superseded);
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::TimedOut);
        drop(tx);
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::Abandoned);
        w.stop();
        let (tx, rx) = mpsc::channel();
        let w = script("echo building; sleep 600");
        tx.send(vec![PathBuf::from("themes/default/templates/page.html")]).unwrap();
        assert_eq!(await_reply(&w, &rx, false, &mut Vec::new(), Duration::from_secs(30)), Outcome::Superseded, "a full build begun for an edit");
        w.stop();
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }
}
