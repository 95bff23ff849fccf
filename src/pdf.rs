//! `rtcm-report pdf`: the whole report as a PDF per language, printed by headless Chromium
//! from the print page (`/<lang>/print/`). The site is built into a temporary folder with the
//! address of a loopback server as its base URL, served by `serve`'s file server, and each
//! language's print page printed; the PDF's metadata is then set (title, author, subject,
//! language, fixed dates: the same sources give the same bytes) and its links to the local
//! server made links to the published site. Each PDF is written beside its final name and
//! renamed over it, so a failure leaves the previous PDFs as they were.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lopdf::{Document, Object, StringFormat};

use crate::build::{self, BuildOptions};
use crate::site::Site;

/// What `pdf` needs.
pub struct PdfOptions {
    pub root: PathBuf,
    /// Where the PDFs go: `<out>/<lang>/rtcm-report-2021-<lang>.pdf` (the site's output folder).
    pub out: PathBuf,
    /// Chromium's program: `--chromium`, else `$CHROMIUM`, else `/usr/bin/chromium`.
    pub chromium: Option<PathBuf>,
    /// The published site's address, if not site.toml's (`--base-url`).
    pub base_url: Option<String>,
    pub jobs: Option<usize>,
}

/// How long Chromium may take to print one language.
const PRINT_TIME: Duration = Duration::from_secs(180);

/// The date written as the PDFs' creation and modification date: the report's own (September
/// 2021), so that the same sources give the same bytes whenever they are printed.
pub const REPORT_DATE: &str = "D:20210901000000Z";

/// Make the PDF of every language; the paths written.
pub fn pdf(opts: &PdfOptions) -> Result<Vec<PathBuf>, String> {
    let chromium = chromium(opts.chromium.as_deref())?;
    // The published site's names and addresses (site.toml's base URL, or `--base-url`).
    let site = Site::load(&opts.root, opts.base_url.as_deref()).map_err(|e| e.to_string())?;
    let temp = tempfile::Builder::new().prefix("rtcm-report-pdf-").tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the file server: {e}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let origin = format!("http://127.0.0.1:{port}");
    // Built with the published address, so what the page prints (the citation's URL, the
    // addresses after external links) is the site's, and served from the same path below the
    // local server's root (`/report/…` for a site published under /report/).
    let served = temp.path().join("site");
    let site_dir = served.join(site.config.base_path().trim_matches('/'));
    let built = build::build(&BuildOptions {
        root: opts.root.clone(),
        out: site_dir.clone(),
        base_url: Some(site.config.base_url.clone()),
        strict: false,
        force: false,
        jobs: opts.jobs,
    })
    .map_err(|e| e.to_string())?;
    eprintln!("built the site to print ({} files)", built.files);
    let shared = Arc::new(crate::serve::http::Shared::new(served.clone(), opts.root.clone(), false, 0));
    runtime.spawn(crate::serve::http::accept(listener, shared));
    let mut written = Vec::new();
    for lang in &site.config.languages {
        let url = format!("{origin}{}", site.permalink(crate::pipeline::PRINT, lang));
        let printed = temp.path().join(format!("{lang}.pdf"));
        print(&chromium, &url, &printed, &temp.path().join("profile"))?;
        let bytes = std::fs::read(&printed).map_err(|e| format!("{}: {e}", printed.display()))?;
        let meta = Metadata {
            title: site.config.title[lang].clone(),
            // The author as `site.toml`'s `[report]` names them, in this language's script.
            author: site
                .config
                .report
                .as_ref()
                .map(|r| format!("{} {}", r.author.given[lang], r.author.family[lang]))
                .ok_or_else(|| format!("{}: a PDF needs the report's author: add `[report]` (see README, \"Citation and sharing\")", site.paths.shown("site.toml").display()))?,
            subject: site.config.description[lang].clone(),
            lang: lang.clone(),
            local: format!("{origin}/"),
            public: site.absolute(&site.config.base_path()),
        };
        let bytes = finish(&bytes, &meta).map_err(|e| format!("the PDF Chromium printed from {url}: {e}"))?;
        let target = opts.out.join(crate::pipeline::file_of(&site, &site.pdf_url(lang)));
        write_atomically(&target, &bytes)?;
        eprintln!("wrote {} ({} KB)", target.display(), bytes.len() / 1024);
        written.push(target);
    }
    runtime.shutdown_background();
    Ok(written)
}

/// Chromium's program, or how to get one.
fn chromium(given: Option<&Path>) -> Result<PathBuf, String> {
    let path = given.map(Path::to_path_buf).or_else(|| std::env::var_os("CHROMIUM").map(PathBuf::from)).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let found = path.is_file() || (path.components().count() == 1 && Command::new(&path).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok());
    if !found {
        return Err(format!(
            "Chromium not found at `{}`: install it (Debian/Ubuntu: `apt-get install chromium`) or name it with `--chromium PATH` or $CHROMIUM",
            path.display()
        ));
    }
    Ok(path)
}

/// Print `url` to `to` with headless Chromium: A4 as the page's `@page` says, no browser
/// header or footer, a tagged PDF with an outline made of the headings.
fn print(chromium: &Path, url: &str, to: &Path, profile: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(to);
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--no-pdf-header-footer", "--generate-pdf-document-outline", "--run-all-compositor-stages-before-draw"])
        .arg(format!("--print-to-pdf={}", to.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run Chromium (`{}`): {e}", chromium.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > PRINT_TIME {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("Chromium did not print {url} in {} s", PRINT_TIME.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    if !status.success() || !to.is_file() {
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        return Err(format!("Chromium could not print {url} ({status}): {}", tail.into_iter().rev().collect::<Vec<_>>().join("\n")));
    }
    Ok(())
}

/// What [`finish`] writes into a PDF.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// The Catalog's `/Lang`.
    pub lang: String,
    /// The address the page was printed from, and the published site's, which the PDF's
    /// links are made to point to.
    pub local: String,
    pub public: String,
}

/// A PDF string in UTF-16BE with its byte-order mark (what PDF readers read as Unicode).
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The printed PDF with its metadata set and its links into the local server made links to the
/// published site.
pub fn finish(pdf: &[u8], meta: &Metadata) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| format!("cannot read it: {e}"))?;
    // Links: every URI action that names the local server (an object of its own, or the
    // `/A` of a link annotation).
    let local = |uri: &mut Vec<u8>| {
        if let Some(rest) = uri.strip_prefix(meta.local.as_bytes()) {
            *uri = [meta.public.as_bytes(), rest].concat();
        }
    };
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else { continue };
        if let Ok(Object::String(uri, _)) = dict.get_mut(b"URI") {
            local(uri);
        }
        if let Ok(Object::Dictionary(action)) = dict.get_mut(b"A")
            && let Ok(Object::String(uri, _)) = action.get_mut(b"URI")
        {
            local(uri);
        }
    }
    // Chromium names the structure elements after its accessibility nodes, whose numbers vary
    // from one run to the next (by an offset): each name becomes its rank, which keeps their
    // order (the `/IDTree` is sorted by name) wherever they appear (the tree, table cells'
    // `/Headers`).
    let mut ids: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) if d.get(b"S").is_ok() => match d.get(b"ID") {
                Ok(Object::String(id, _)) => Some(id.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    let names: std::collections::BTreeMap<Vec<u8>, Vec<u8>> =
        ids.into_iter().enumerate().map(|(n, id)| (id, format!("node{n:08}").into_bytes())).collect();
    fn rename(o: &mut Object, names: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>) {
        match o {
            Object::String(s, _) => {
                if let Some(new) = names.get(s) {
                    *s = new.clone();
                }
            }
            Object::Array(list) => list.iter_mut().for_each(|o| rename(o, names)),
            Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| rename(o, names)),
            _ => {}
        }
    }
    if !names.is_empty() {
        doc.objects.values_mut().for_each(|o| rename(o, &names));
    }
    let date = Object::String(REPORT_DATE.as_bytes().to_vec(), StringFormat::Literal);
    let mut info = lopdf::Dictionary::new();
    info.set("Title", text(&meta.title));
    info.set("Author", text(&meta.author));
    info.set("Subject", text(&meta.subject));
    info.set("Creator", text("rtcm-report"));
    info.set("Producer", text("Chromium (Skia/PDF), lopdf"));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    let catalog = doc.catalog_mut().map_err(|e| format!("no catalog: {e}"))?;
    catalog.set("Lang", Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal));
    // The file's identifier from what it says, not from the clock.
    let id = Object::String(fnv(format!("{}\n{}\n{}", meta.lang, meta.title, pdf.len()).as_bytes()).to_be_bytes().repeat(2), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| format!("cannot write it: {e}"))?;
    Ok(out)
}

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

/// Write `bytes` beside `target`, then rename it over `target`.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = target.parent().ok_or_else(|| format!("{}: no folder", target.display()))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| format!("{}: {e}", target.display()))?;
    // Readable by all, as the site's other files (a temporary file is the owner's only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(target).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(())
}
