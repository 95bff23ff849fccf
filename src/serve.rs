//! `serve`: build, serve the output, rebuild when a source changes and tell open pages at once.
//! The only module that listens on a port.
//!
//! Builds run in a child process, this program's own `build --serve-worker` (see
//! [`crate::worker`]), so that one that never ends (a template looping for hours) can be
//! stopped: when a newer change arrives, or after [`BUILD_TIME_LIMIT`]. The worker keeps the
//! rendered site in memory after its build, and is sent the files that change (see `watch`):
//! the edit of a Markdown text re-renders that page alone, and is live in milliseconds. Its
//! answers carry its diagnostics as JSON: the server (`http`) pushes each outcome to open
//! pages as an event, and they reload, swap their stylesheets, or show the errors over the last
//! good site (`page`). Until a build succeeds, whatever site the output folder holds is
//! served.

pub(crate) mod http;
mod page;
mod watch;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{self, BufRead, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::build::BuildOptions;
use crate::error::Diagnostic;
use crate::worker::{Answer, Reply};

pub use http::{IDLE, MAX_HEAD, REQUEST_TIME, resolve};
pub use watch::is_source;

/// How long one build may run before `serve` stops it. The report builds in seconds; this is the
/// outer guard against a build that never ends while no further change comes to interrupt it.
pub const BUILD_TIME_LIMIT: Duration = Duration::from_secs(120);

/// How often a worker at work is checked for its time limit and for newer changes.
const POLL: Duration = Duration::from_millis(50);

/// Where and how `serve` listens.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// The address of the interface (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// Add the reload script to served pages.
    pub live_reload: bool,
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
    replies: Receiver<Option<Answer>>,
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
                if let Some(answer) = Answer::parse(&line) {
                    let _ = tx.send(Some(answer));
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
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// It answered.
    Replied(Answer),
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
            Ok(Some(Answer { reply: Reply::Indexed, .. })) => continue,
            Ok(Some(Answer { reply: Reply::Building, .. })) => {
                full = true;
                continue;
            }
            Ok(Some(answer)) => return Outcome::Replied(answer),
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

/// Add the batches of changes already waiting to `pending` (the watcher settled each).
fn gather(changes: &Receiver<Vec<PathBuf>>, pending: &mut Vec<PathBuf>) {
    while let Ok(paths) = changes.try_recv() {
        pending.extend(paths);
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

/// What `serve` makes of the worker's answers: the news for open pages (see [`http::Shared`]),
/// and the warnings in the terminal, each printed once (again only if it went away and came
/// back).
struct Board {
    shared: Arc<http::Shared>,
    root: PathBuf,
    printed: BTreeSet<Diagnostic>,
}

impl Board {
    fn answered(&mut self, answer: &Answer) {
        let changed = match answer.reply {
            Reply::Built | Reply::Updated => {
                for w in &answer.warnings {
                    if !self.printed.contains(w) {
                        eprintln!("{w}");
                    }
                }
                self.printed = answer.warnings.iter().cloned().collect();
                let only_styles = answer.written.iter().all(|w| w.ends_with(".css"));
                (!answer.written.is_empty()).then_some(only_styles)
            }
            _ => None,
        };
        let mut problems: Vec<page::Problem> = answer.errors.iter().cloned().map(page::Problem::new).collect();
        if answer.reply == Reply::Failed && problems.is_empty() {
            problems.push(page::Problem::plain("the build failed (see the terminal running `serve`)"));
        }
        self.shared.update(changed, problems);
    }

    /// The build ended without a diagnostic: what happened is the problem.
    fn failed(&mut self, message: String) {
        self.shared.update(None, vec![page::Problem::plain(message)]);
    }

    /// Sources changed: a locale may hold new words for the overlay.
    fn changed(&mut self, paths: &[PathBuf]) {
        let locales = self.root.join("locales");
        if paths.iter().any(|p| p.starts_with(&locales)) {
            self.shared.reload_words();
        }
    }
}

/// Keep a worker serving the changes until the watcher is gone: a worker is started (it
/// builds everything) when there is none, and is sent each settled batch of changes after;
/// one that fails to build, ends, or is stopped is replaced at the next change. Each answer goes
/// to the `board`.
fn run_workers(
    command: &mut Command,
    changes: &Receiver<Vec<PathBuf>>,
    sources: &mut watch::Sources,
    out: &Path,
    board: &mut Board,
    mut ready: impl FnMut(),
) {
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
            gather(changes, &mut pending);
        }
        due = false;
        if let Err(e) = sources.follow() {
            eprintln!("{e}");
        }
        board.changed(&pending);
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
                        board.failed(format!("cannot run the build: {e}"));
                        continue;
                    }
                }
            }
        };
        // Only a full build is stopped by a newer change: an edit takes milliseconds.
        let outcome = await_reply(&w, changes, full, &mut pending, BUILD_TIME_LIMIT);
        match outcome {
            Outcome::Replied(answer) => {
                board.answered(&answer);
                if answer.reply == Reply::Failed {
                    w.stop();
                    eprintln!("build failed; {}", fallback(out));
                } else {
                    worker = Some(w);
                }
            }
            Outcome::Gone => {
                w.stop();
                eprintln!("build failed; {}", fallback(out));
                board.failed("the build process ended without answering (see the terminal running `serve`)".into());
            }
            Outcome::Superseded => {
                w.stop();
                eprintln!("build stopped: a source changed; building again");
                gather(changes, &mut pending);
                due = true;
            }
            Outcome::TimedOut => {
                w.stop();
                let limit = BUILD_TIME_LIMIT.as_secs();
                eprintln!("build stopped: it ran longer than {limit} s; {}", fallback(out));
                board.failed(format!("the build ran longer than {limit} s and was stopped"));
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

/// The address pages are built for: the interface's (the loopback one for all interfaces).
fn base_url(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    }
}

/// Build, then serve on `server.bind` and `server.port` until interrupted; with
/// `server.live_reload`, served pages follow each rebuild and show its errors. Each build runs
/// in a child process (see [`build_args`]), stopped when a newer change arrives or after
/// [`BUILD_TIME_LIMIT`]; while a build runs or after one fails, the previous site in `opts.out`
/// is served. A first build that fails does not end `serve`.
pub fn serve(opts: BuildOptions, server: ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind((server.bind, server.port))
        .map_err(|e| format!("cannot listen on {}: {e}", SocketAddr::new(server.bind, server.port)))?;
    let addr = listener.local_addr().map_err(|e| format!("cannot listen: {e}"))?;
    if !server.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, not on the loopback address: anyone who can reach this machine \
             there can read the site, and the errors of its builds with lines of its sources",
            addr.ip()
        );
    }
    let base_url = opts.base_url.clone().unwrap_or_else(|| base_url(addr));
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find this program to run the builds: {e}"))?;
    let mut command = worker_command(&exe, &opts, &base_url);
    // Generations start from the clock, so that a page left open from an earlier `serve` does
    // not take this one's for its own.
    let start = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let shared = Arc::new(http::Shared::new(opts.out.clone(), opts.root.clone(), server.live_reload, start));
    // Watch before the first build, so that a change made while it runs is not missed.
    let (tx, changes) = mpsc::channel();
    let mut sources = watch::Sources::watch(&opts.root, tx)?;

    // Requests are answered from now on: while the first build runs, with the previous site if
    // there is one.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| format!("cannot listen: {e}"))?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(|e| format!("cannot listen: {e}"))?
    };
    runtime.spawn(http::accept(listener, shared.clone()));

    let mut board = Board { shared, root: opts.root.clone(), printed: BTreeSet::new() };
    let mut announced = false;
    run_workers(&mut command, &changes, &mut sources, &opts.out, &mut board, || {
        if !announced {
            eprintln!("serving {} at http://{addr}/ (Ctrl-C to stop)", opts.out.display());
            announced = true;
        }
    });
    drop(sources);
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

    /// The reply of an answer.
    fn reply(outcome: Outcome) -> Option<Reply> {
        match outcome {
            Outcome::Replied(answer) => Some(answer.reply),
            _ => None,
        }
    }

    /// The worker's answers are read as they come; one that ends without answering is gone.
    #[cfg(unix)]
    #[test]
    fn a_worker_answers_each_batch_or_is_gone() {
        let (_tx, rx) = mpsc::channel();
        let limit = Duration::from_secs(30);
        let mut w = script(r#"echo '{"reply":"built"}'; while read line; do if [ -z "$line" ]; then echo 'not an answer'; echo '{"reply":"updated","written":["a.html"]}'; fi; done"#);
        assert_eq!(reply(await_reply(&w, &rx, true, &mut Vec::new(), limit)), Some(Reply::Built));
        w.send(&[PathBuf::from("content/a.en.md"), PathBuf::from("content/b\nc.en.md")]).unwrap();
        let answer = await_reply(&w, &rx, false, &mut Vec::new(), limit);
        let written = Answer { written: vec!["a.html".into()], ..Answer::new(Reply::Updated) };
        assert_eq!(answer, Outcome::Replied(written), "one answer a batch, though a path had a line break");
        w.stop();
        let w = script(r#"echo '{"reply":"failed","errors":[{"file":"a.md","line":2,"column":1,"severity":"error","message":"bad"}]}'; exit 1"#);
        let failed = Answer { errors: vec![Diagnostic::error("a.md", "bad").at(2, 1)], ..Answer::new(Reply::Failed) };
        assert_eq!(await_reply(&w, &rx, true, &mut Vec::new(), limit), Outcome::Replied(failed));
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
        let w = script(r#"echo '{"reply":"building"}'; sleep 600"#);
        tx.send(vec![PathBuf::from("themes/default/templates/page.html")]).unwrap();
        assert_eq!(await_reply(&w, &rx, false, &mut Vec::new(), Duration::from_secs(30)), Outcome::Superseded, "a full build begun for an edit");
        w.stop();
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }

    #[test]
    fn pages_are_built_for_the_address_served() {
        let at = |s: &str| base_url(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(at("0.0.0.0:80"), "http://127.0.0.1:80/");
        assert_eq!(at("192.168.1.5:8000"), "http://192.168.1.5:8000/");
        assert_eq!(at("[::1]:9"), "http://[::1]:9/");
    }
}
