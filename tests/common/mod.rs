//! Fixture sites: the repository's theme and locales, the `basic` fixture's content, and
//! optionally one `invalid/<case>` folder laid over them; and `serve` run on one, with a plain
//! HTTP client.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rtcm_report::error::Result;
use rtcm_report::pipeline::{load_and_render, Rendered};
use tempfile::TempDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of the real report (content, themes, locales, site.toml) in `dir/site`, for tests
/// that edit it; returns that folder.
pub fn report_copy(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    std::fs::create_dir(&root).unwrap();
    for d in ["content", "themes", "locales"] {
        copy_dir(&repo().join(d), &root.join(d));
    }
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    root
}

/// A temporary site: theme, locales and `content/labels.yaml` of the repository, the basic
/// fixture, then `overlay`.
pub fn fixture(overlay: Option<&str>) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    copy_dir(&repo().join("locales"), &dir.path().join("locales"));
    copy_dir(&repo().join("tests/fixtures/basic"), dir.path());
    // Where the locales' data labels come from: it goes with the locales.
    std::fs::copy(repo().join("content/labels.yaml"), dir.path().join("content/labels.yaml")).unwrap();
    if let Some(case) = overlay {
        copy_dir(
            &repo().join("tests/fixtures/invalid").join(case),
            dir.path(),
        );
    }
    dir
}

pub fn render(root: &Path, strict: bool, jobs: Option<usize>) -> Result<Rendered> {
    load_and_render(root, None, strict, jobs)
}

/// The text of one output file.
pub fn file<'a>(r: &'a Rendered, path: &str) -> &'a str {
    let f = r
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no output {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

/// The errors of a site that must fail, as printed.
pub fn errors_of(overlay: &str) -> Vec<String> {
    errors_after(Some(overlay), |_| {})
}

/// The errors of the basic fixture (with `overlay`) after `edit` changed it, as printed. For
/// changes to the repository's own files (its locales), which a copied overlay would let go stale.
pub fn errors_after(overlay: Option<&str>, edit: impl FnOnce(&Path)) -> Vec<String> {
    let dir = fixture(overlay);
    edit(dir.path());
    match render(dir.path(), false, None) {
        Ok(_) => panic!("fixture {overlay:?} built without error"),
        Err(e) => e.0.iter().map(|d| d.to_string()).collect(),
    }
}

/// The `<figure>` of table `id` in a page.
pub fn figure<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<figure class=\"data-table\" id=\"table-{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    // The table's chart, a figure of its own, comes before the table: the table's figure ends
    // after the table.
    let table_end = start + html[start..].find("</table>").unwrap();
    let end = table_end + html[table_end..].find("</figure>").unwrap();
    &html[start..end]
}

/// The `<tr>` of one country in a table, from its link on.
pub fn row<'a>(html: &'a str, country_url: &str) -> &'a str {
    let start = html
        .find(&format!("<a href=\"{country_url}\">"))
        .unwrap_or_else(|| panic!("no row {country_url}"));
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

/// The text of each `<td>` of a row, tags dropped and spaces collapsed.
pub fn cells(fragment: &str) -> Vec<String> {
    fragment
        .split("<td")
        .skip(1)
        .map(|c| {
            let inner = &c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()];
            let mut text = String::new();
            let mut in_tag = false;
            for ch in inner.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// A running `serve`, in a process group of its own with the builds it starts.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// What it printed on stderr so far, its builds' diagnostics included, a line each.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// What the server and its builds printed so far.
    pub fn log(&self) -> String {
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join("\n")
    }
}

impl Drop for Server {
    /// Kill the whole group, so that a build still running dies with the server.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `serve` on a free port, returned once it prints the address it serves (after its first
/// build, whatever that build's outcome). Pages loaded in Chromium by `--dump-dom` are served
/// without the live-reload script: its open event stream keeps Chromium's virtual clock from
/// running out, so a page could hang the test for minutes.
pub fn serve(root: &Path, out: &Path, live_reload: bool) -> Server {
    serve_with(root, out, if live_reload { &[] } else { &["--no-reload"] })
}

/// [`serve`] with more arguments for `serve`.
pub fn serve_with(root: &Path, out: &Path, args: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_rtcm-report"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0", "--out"])
        .arg(out)
        .args(args)
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    // Owned by a Server from here, so a panic below still kills and reaps the process.
    let mut server = Server {
        child,
        port: 0,
        log: Arc::default(),
    };
    let stderr = server.child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = server.log.clone();
    // Keeps draining stderr, so the server never blocks on it.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(std::io::Result::ok) {
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(line.clone());
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = rx.recv_timeout(wait) else {
            panic!("serve did not start:\n{}", server.log());
        };
        // `serving public at http://127.0.0.1:1234/ (Ctrl-C to stop)`
        if let Some(address) = line
            .strip_prefix("serving ")
            .and_then(|l| l.split(" at http://").nth(1))
            .and_then(|l| l.split('/').next())
        {
            let port = address.rsplit(':').next().unwrap();
            server.port = port.parse().unwrap();
            return server;
        }
    }
}

/// GET `path` from the server on `port`: the status and the body.
pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").map_or(buf.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let chunked = head.lines().any(|l| l.to_ascii_lowercase().replace(' ', "") == "transfer-encoding:chunked");
    let body = if chunked { dechunk(&buf[split..]) } else { buf[split..].to_vec() };
    (status, String::from_utf8(body).expect("a UTF-8 body"))
}

/// The body of a chunked response (RFC 9112, 7.1): each chunk is its size in hex, CRLF, the
/// bytes, CRLF; a size of 0 ends it. Chunks may cut a character: this works on bytes.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..eol]).expect("a chunk size");
        let n = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).expect("a chunk size");
        if n == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&rest[start..start + n]);
        rest = &rest[start + n + 2..];
    }
    out
}

/// One entry of a file tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry below a folder, dot-files included, by path relative to it.
pub type Tree = BTreeMap<PathBuf, Entry>;

pub fn tree(dir: &Path) -> Tree {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let entry = if e.path_is_symlink() {
                Entry::Link(std::fs::read_link(e.path()).unwrap())
            } else if e.file_type().is_dir() {
                Entry::Dir
            } else {
                Entry::File(std::fs::read(e.path()).unwrap())
            };
            (rel, entry)
        })
        .collect()
}

/// A response as read off the wire: the status, the headers (names in lower case) and the body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The value of header `name` (lower case), if it is there.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Read one response from a connection that stays open: the head, then a body of its
/// `Content-Length` or in chunks (none for a response to HEAD, or a 304).
pub fn read_response(reader: &mut BufReader<TcpStream>, head: bool) -> Response {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).unwrap_or_else(|| panic!("no status line: {line:?}")).parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':').unwrap();
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut response = Response { status, headers, body: Vec::new() };
    if !head && status != 304 && response.header("transfer-encoding") == Some("chunked") {
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let size = usize::from_str_radix(line.trim_end(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            response.body.extend_from_slice(&chunk[..size]);
        }
        return response;
    }
    let length: usize = response.header("content-length").map_or(0, |l| l.parse().unwrap());
    if !head && status != 304 {
        response.body = vec![0; length];
        reader.read_exact(&mut response.body).unwrap();
    }
    response
}

/// Send `method path` with `headers` on a connection of its own; the response.
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    (&s).write_all(head.as_bytes()).unwrap();
    read_response(&mut BufReader::new(s), method == "HEAD")
}

/// `serve`'s event stream (`/__livereload`), asked for over HTTP/1.0 so that its body comes as
/// it is, not in chunks.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn open(port: u16) -> Events {
        let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        (&s).write_all(b"GET /__livereload HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.contains(" 200 "), "{line}");
        let mut kind = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.trim_end().is_empty() {
                break;
            }
            if line.to_ascii_lowercase().starts_with("content-type:") {
                kind = line.clone();
            }
        }
        assert!(kind.contains("text/event-stream"), "{kind}");
        Events { reader }
    }

    /// The next event's data, as JSON; `None` if none comes within `limit`.
    pub fn next(&mut self, limit: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + limit;
        let mut line = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())?;
            self.reader.get_ref().set_read_timeout(Some(left)).unwrap();
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream ended"),
                Ok(_) => {}
                Err(_) => return None,
            }
            if let Some(data) = line.strip_prefix("data:") {
                return Some(serde_json::from_str(data.trim()).expect("JSON data"));
            }
        }
    }

    /// The first event (now or within `limit`) that `ready` accepts; fails saying `what` did
    /// not happen.
    pub fn until(&mut self, limit: Duration, what: &str, ready: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some(event) if ready(&event) => return event,
                Some(_) => {}
                None => panic!("{what}: not within {limit:?}"),
            }
        }
    }
}

/// The generation of the site `serve` on `port` says it serves now (its event stream's first
/// event).
pub fn generation(port: u16) -> u64 {
    Events::open(port).next(Duration::from_secs(30)).expect("a first event")["generation"].as_u64().unwrap()
}
