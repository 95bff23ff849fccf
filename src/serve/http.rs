//! The HTTP side of `serve`: axum on hyper and tokio, files through tower-http's `ServeDir`
//! (content types from `mime_guess`, `ETag` and `Last-Modified` with their 304s, ranges), pages
//! with the reload script injected, and `/__livereload`, the server-sent events that tell open
//! pages what changed.
//!
//! Only GET and HEAD are answered (anything else is a 405 with `Allow`). Connections are HTTP/1.1
//! (and HTTP/1.0, with keep-alive when asked), each a tokio task, not a thread: a request head
//! larger than [`MAX_HEAD`] is refused with 431 once that much is read, a connection that sends
//! no complete head for [`IDLE`] (a new one, or one kept alive between requests) is closed, and
//! a request not answered within [`REQUEST_TIME`] gets a 408.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::watch;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;

use super::page::{self, Labels, Problem, Script};

/// The largest request head read (request line and headers): a larger one is refused with 431
/// when this much has been read, never buffered whole. Browsers send a few kilobytes.
pub const MAX_HEAD: usize = 64 * 1024;

/// How long a connection may wait before its request head is complete: a new connection, or
/// one kept alive after a response. Then it is closed.
pub const IDLE: Duration = Duration::from_secs(10);

/// How long a request may take to be answered (its response's head; an event stream then goes
/// on): then 408.
pub const REQUEST_TIME: Duration = Duration::from_secs(30);

/// How often an idle event stream gets a comment, so that it is not taken for a dead one.
const EVENT_KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open pages are told: the site's generation, and the problems of the last rebuild.
#[derive(Debug, Clone)]
pub struct Status {
    /// Moves on each time the output changes.
    pub generation: u64,
    /// The last generation whose change was more than stylesheets: a page served at this one or
    /// later only has to reload its stylesheets to be up to date.
    pub reload_at: u64,
    /// The errors of the last rebuild or edit (none when it succeeded).
    pub problems: Arc<Vec<Problem>>,
    /// Moves on each time `problems` change.
    pub problems_at: u64,
    /// All of the above as the JSON of an event.
    pub message: Arc<str>,
}

impl Status {
    fn new(generation: u64) -> Status {
        let mut state = Status { generation, reload_at: generation, problems: Arc::default(), problems_at: 0, message: "".into() };
        state.message = state.to_message();
        state
    }

    fn to_message(&self) -> Arc<str> {
        serde_json::json!({
            "generation": self.generation,
            "reload_at": self.reload_at,
            "problems_at": self.problems_at,
            "problems": self.problems.iter().map(Problem::to_json).collect::<Vec<_>>(),
        })
        .to_string()
        .into()
    }
}

/// The overlay's words, and the script made with them.
struct Words {
    labels: Labels,
    script: Script,
}

impl Words {
    fn load(root: &Path) -> Words {
        let labels = Labels::load(root);
        Words { script: Script::new(&labels), labels }
    }
}

/// What the server shares between its connections and the thread that runs the builds.
pub struct Shared {
    out: PathBuf,
    root: PathBuf,
    live_reload: bool,
    state: watch::Sender<Status>,
    words: RwLock<Arc<Words>>,
    files: ServeDir,
}

impl Shared {
    /// Serve `out`; the overlay's words come from `root`'s locales. The generations start at
    /// `generation`: pages left open from an earlier `serve` are told their site is another one.
    pub fn new(out: PathBuf, root: PathBuf, live_reload: bool, generation: u64) -> Shared {
        let words = RwLock::new(Arc::new(Words::load(&root)));
        let files = ServeDir::new(&out).append_index_html_on_directories(true);
        Shared { out, root, live_reload, state: watch::Sender::new(Status::new(generation)), words, files }
    }

    /// The output changed (`Some`, `true` if only stylesheets did) or not, and the problems of
    /// the rebuild are now `problems`: tell open pages, if that is news.
    pub fn update(&self, changed: Option<bool>, problems: Vec<Problem>) {
        self.state.send_if_modified(|s| {
            let mut news = false;
            if let Some(only_styles) = changed {
                s.generation += 1;
                if !only_styles {
                    s.reload_at = s.generation;
                }
                news = true;
            }
            if *s.problems != problems {
                s.problems = Arc::new(problems);
                s.problems_at += 1;
                news = true;
            }
            if news {
                s.message = s.to_message();
            }
            news
        });
    }

    /// Read the overlay's words again (a locale changed).
    pub fn reload_words(&self) {
        let words = Arc::new(Words::load(&self.root));
        *self.words.write().unwrap_or_else(|e| e.into_inner()) = words;
    }

    fn words(&self) -> Arc<Words> {
        self.words.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The file a request path names under `out` (a folder as it is), refusing any path that
/// leaves it: `..` and absolute paths however they are spelled (percent-encoded, `/` encoded
/// inside a name), as tower-http's `ServeDir` does.
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
    Some(file)
}

/// Answer the connections of `listener` until the process ends.
pub async fn accept(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let app = Router::new()
        .fallback(handle)
        // gzip for a browser that asks, as static hosts do (not the event stream: tower-http's
        // default predicate leaves `text/event-stream` and images alone).
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIME))
        .with_state(shared);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, most likely: let some connections end.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(IDLE)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Every request.
async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let allow = [(header::ALLOW, "GET, HEAD")];
        return (StatusCode::METHOD_NOT_ALLOWED, allow, "405: only GET and HEAD are answered\n").into_response();
    }
    let path = request.uri().path();
    if path == "/__livereload" && shared.live_reload {
        return events(&shared).into_response();
    }
    let Some(mut file) = resolve(&shared.out, path) else {
        return not_found(&shared, request.headers()).await;
    };
    if path.ends_with('/') && tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_dir()) {
        file.push("index.html");
    }
    if file.extension().is_some_and(|e| e == "html") && tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_file()) {
        let headers = request.headers().clone();
        return match html(&shared, &headers, &file, StatusCode::OK).await {
            Some(response) => response,
            None => not_found(&shared, &headers).await,
        };
    }
    // Anything else, and folders without their `/` (a redirect to it), go to `ServeDir`.
    let headers = request.headers().clone();
    let pdf = path.rsplit('/').next().is_some_and(|name| name.starts_with("rtcm-report-") && name.ends_with(".pdf"));
    let Ok(mut response) = shared.files.clone().oneshot(request).await;
    if response.status() == StatusCode::NOT_FOUND && pdf {
        // The report's PDFs are printed after a build, by their own command.
        let text = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
        let why = "404: the report's PDFs are not made by `serve`: run `rtcm-report pdf --out <this output folder>` (it needs Chromium)\n";
        return (StatusCode::NOT_FOUND, text, why).into_response();
    }
    if response.status() == StatusCode::NOT_FOUND {
        return not_found(&shared, &headers).await;
    }
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // The site's text files are all UTF-8.
    if let Some(kind) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
        && (kind.starts_with("text/") || kind == "application/json" || kind == "application/javascript")
        && !kind.contains("charset")
        && let Ok(value) = HeaderValue::from_str(&format!("{kind}; charset=utf-8"))
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    response.map(Body::new)
}

/// The page at `file`, with the reload script, with `status`; a 304 if the reader has it
/// (`If-None-Match`). The `ETag` names the file's size and time and the generation the page is
/// served at, which the script holds. `None` if the file cannot be read (it was just replaced).
async fn html(shared: &Shared, headers: &HeaderMap, file: &Path, status: StatusCode) -> Option<Response> {
    // Read before the file: a page served as a build lands then reloads once more, never misses it.
    let served_at = shared.state.borrow().generation;
    let meta = tokio::fs::metadata(file).await.ok()?;
    let nanos = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    let generation = if shared.live_reload { served_at } else { 0 };
    let etag = format!("\"{:x}-{nanos:x}-{generation:x}\"", meta.len());
    if status == StatusCode::OK && matches(headers, &etag) {
        return Some((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let mut body = tokio::fs::read(file).await.ok()?;
    if shared.live_reload {
        body = page::inject(&body, &shared.words().script.element(served_at));
    }
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
        (header::ETAG, etag),
        (header::CACHE_CONTROL, "no-cache".to_string()),
    ];
    Some((status, headers, body).into_response())
}

/// Whether `If-None-Match` names `etag` (compared weakly, as RFC 9110 says for GET).
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|tag| {
        let tag = tag.trim();
        tag == "*" || tag.trim_start_matches("W/") == etag
    })
}

/// A 404: the site's `404.html`; a page saying the site is not built yet (listing the last
/// build's errors) when the output holds no site; else a line of text.
async fn not_found(shared: &Shared, headers: &HeaderMap) -> Response {
    let page = shared.out.join("404.html");
    if let Some(response) = html(shared, headers, &page, StatusCode::NOT_FOUND).await {
        return response;
    }
    let text = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    if tokio::fs::metadata(shared.out.join("index.html")).await.is_ok() {
        return (StatusCode::NOT_FOUND, text, "404: not found\n").into_response();
    }
    let state = shared.state.borrow().clone();
    let words = shared.words();
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let lang = words.labels.language(accept);
    let script = shared.live_reload.then(|| words.script.element(state.generation));
    let html = page::not_built(&words.labels, lang, &state.problems, state.problems_at, script.as_deref());
    let kind = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")];
    (StatusCode::NOT_FOUND, kind, html).into_response()
}

/// `/__livereload`: the state now, then each time it changes (states that follow each other
/// faster than a page reads them are skipped: each says everything).
fn events(shared: &Shared) -> impl IntoResponse + use<> {
    let stream = WatchStream::new(shared.state.subscribe())
        .map(|s| Ok::<Event, Infallible>(Event::default().retry(Duration::from_secs(1)).data(&*s.message)));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(EVENT_KEEP_ALIVE))
}
