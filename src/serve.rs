//! `serve`: build, serve the output on the loopback address, rebuild when a source changes and
//! tell open pages to reload. The only module that listens on a port.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::{build, BuildOptions};

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
    let decoded = percent_decode(path)?;
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

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn rebuild(opts: &BuildOptions, generation: &AtomicU64) {
    match build(opts) {
        Ok(summary) => {
            generation.fetch_add(1, Ordering::SeqCst);
            eprintln!("built {} files ({} warnings)", summary.files, summary.warnings.len());
        }
        Err(e) => eprintln!("build failed; still serving the previous site:\n{e}"),
    }
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
    let mut body = std::fs::read(&file).unwrap_or_default();
    if live_reload && file.extension().is_some_and(|e| e == "html") {
        let text = String::from_utf8_lossy(&body);
        body = match text.rfind("</body>") {
            Some(i) => format!("{}{RELOAD_SCRIPT}{}", &text[..i], &text[i..]).into_bytes(),
            None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
        };
    }
    let header = tiny_http::Header::from_bytes("Content-Type", content_type(&file)).expect("valid header");
    let _ = request.respond(tiny_http::Response::from_data(body).with_status_code(status).with_header(header));
}

/// Build, then serve on `127.0.0.1:port` until interrupted; with `live_reload`, served pages
/// reload themselves after each successful rebuild.
pub fn serve(mut opts: BuildOptions, port: u16, live_reload: bool) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(port);
    if opts.base_url.is_none() {
        opts.base_url = Some(format!("http://127.0.0.1:{addr}/"));
    }
    let generation = Arc::new(AtomicU64::new(0));
    build(&opts).map_err(|e| e.to_string())?;
    eprintln!("serving {} at http://127.0.0.1:{addr}/ (Ctrl-C to stop)", opts.out.display());

    // Watch the sources and rebuild on change.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "themes", "locales"] {
        let p = opts.root.join(dir);
        if p.exists() {
            watcher.watch(&p, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    let config = opts.root.join("site.toml");
    watcher.watch(&config, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", config.display()))?;
    {
        let opts = opts.clone();
        let generation = generation.clone();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // Let a burst of saves settle into one rebuild.
                std::thread::sleep(Duration::from_millis(150));
                while rx.try_recv().is_ok() {}
                rebuild(&opts, &generation);
            }
        });
    }

    // One thread per request: a slow or idle connection never holds up the others.
    for request in server.incoming_requests() {
        let out = opts.out.clone();
        let generation = generation.clone();
        std::thread::spawn(move || respond(request, &out, &generation, live_reload));
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
        assert_eq!(resolve(out, "/static/style.css?v=1"), Some(PathBuf::from("/srv/site/static/style.css")));
    }
}
