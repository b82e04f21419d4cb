//! Serves a built `dist/` the way a production static host should, for `cargo xtask serve` and the
//! browser tests: the right types, caching and security headers, each route answered with its
//! prerendered page (`/check` → `check/index.html`, as every static host does), and a real 404 for
//! anything else: `404.html` (the app's Not found screen; `es/404.html` under `/es/`) for an unknown route, plain text for a
//! missing file (never a page standing in for a `.js`).
//!
//! What it sends is the site's policy (`crates/policy`): [`policy::headers_for`] is the one list of
//! headers, and the Content-Security-Policy is the build's ([`policy::csp_of_build`]).
//!
//! Compression ([`Compression`]) is negotiated from `Accept-Encoding` like a production host: brotli
//! and gzip, gzip only (what GitHub Pages offers), or none. Each file is compressed once per content
//! and kept in memory ([`CompressionCache`], shareable between servers), so the first request for a
//! large file pays brotli's quality-11 cost and no later one does.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
use policy::{content_type, csp_of_build, headers_for, HEADERS_FILE, SECURITY_HEADERS};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::oneshot;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Where a request path goes: `Some(file)` relative to the served folder, or `None` when the path is
/// outside `base`. Paths whose last segment has no extension are routes: the folder's `index.html`.
pub fn resolve(base: &str, path: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    let rest = path.strip_prefix(base)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let rest = rest.trim_matches('/');
    let last = rest.rsplit('/').next().unwrap_or("");
    if rest.is_empty() {
        Some("index.html".into())
    } else if !last.contains('.') {
        Some(format!("{rest}/index.html"))
    } else {
        Some(rest.into())
    }
}

/// What a host compresses with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Brotli when the browser accepts it, else gzip (Netlify, Cloudflare Pages, a tuned nginx).
    Brotli,
    /// Gzip only (GitHub Pages, a default nginx with `gzip on`).
    Gzip,
    /// Every file as it is on disk.
    None,
}

impl Compression {
    /// `br`, `gzip` or `none` (the `--compression` flag of `cargo xtask serve`).
    pub fn parse(s: &str) -> Option<Compression> {
        match s {
            "br" | "brotli" => Some(Compression::Brotli),
            "gzip" => Some(Compression::Gzip),
            "none" | "identity" => Some(Compression::None),
            _ => None,
        }
    }
}

/// A content coding on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The `Content-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }
}

/// Brotli at quality 11, window 22: what a host that precompresses its static files serves.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        // Writing into a Vec cannot fail.
        let _ = w.write_all(bytes);
    }
    out
}

/// Gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// True for the kinds of file a host compresses (text and WebAssembly; images are compressed already).
pub fn compressible(file_name: &str) -> bool {
    matches!(
        file_name.rsplit('.').next(),
        Some("html" | "js" | "css" | "wasm" | "svg" | "json" | "webmanifest" | "txt" | "xml" | "map")
    )
}

/// What to send for `accept_encoding` on a host that offers `offered`: the first coding the host
/// prefers that the browser accepts with a non-zero q (`*` counts), else identity.
pub fn negotiate(accept_encoding: &str, offered: Compression) -> Encoding {
    let q_of = |coding: &str| -> Option<f32> {
        let mut star = None;
        for item in accept_encoding.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if name == coding {
                return Some(q);
            }
            if name == "*" {
                star = Some(q);
            }
        }
        star
    };
    let accepts = |coding: &str| q_of(coding).is_some_and(|q| q > 0.0);
    match offered {
        Compression::Brotli if accepts("br") => Encoding::Brotli,
        Compression::Brotli | Compression::Gzip if accepts("gzip") => Encoding::Gzip,
        _ => Encoding::Identity,
    }
}

type CacheKey = (u64, usize, Encoding);
/// One compressed body, filled by the first request that needs it.
type CacheSlot = Arc<OnceLock<Arc<Vec<u8>>>>;

/// Compressed bodies by content and coding, each computed once (concurrent requests for the same file
/// wait for the one compression rather than repeating it). Share one between servers with `Arc`.
#[derive(Default)]
pub struct CompressionCache {
    map: Mutex<HashMap<CacheKey, CacheSlot>>,
    compressions: std::sync::atomic::AtomicUsize,
}

impl CompressionCache {
    pub fn new() -> Arc<CompressionCache> {
        Arc::new(CompressionCache::default())
    }

    /// `bytes` in `encoding` (identity: a copy), compressing only the first time this content is asked for.
    pub fn get(&self, bytes: &[u8], encoding: Encoding) -> Arc<Vec<u8>> {
        if encoding == Encoding::Identity {
            return Arc::new(bytes.to_vec());
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        let key = (h.finish(), bytes.len(), encoding);
        let cell = {
            let mut map = self.map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            map.entry(key).or_default().clone()
        };
        cell.get_or_init(|| {
            self.compressions.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Arc::new(match encoding {
                Encoding::Brotli => brotli(bytes),
                Encoding::Gzip => gzip(bytes),
                Encoding::Identity => bytes.to_vec(),
            })
        })
        .clone()
    }

    /// How many compressions were made (each content and coding once).
    pub fn compressions(&self) -> usize {
        self.compressions.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// One answered request, for a server started with [`Options::log`].
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub path: String,
    /// The file of the served folder that answered (relative, `/`-separated), if any.
    pub file: Option<String>,
    pub status: u16,
    pub encoding: Encoding,
    /// Body bytes sent (0 for a 304 or a HEAD).
    pub body_bytes: usize,
}

/// Requests a server answered, in order.
#[derive(Default)]
pub struct RequestLog(Mutex<Vec<LogEntry>>);

impl RequestLog {
    pub fn new() -> Arc<RequestLog> {
        Arc::new(RequestLog::default())
    }

    fn push(&self, e: LogEntry) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(e);
    }

    /// Everything logged since the last call.
    pub fn take(&self) -> Vec<LogEntry> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

/// Where the browser sends its reports of Content-Security-Policy violations when the server asks for
/// them ([`Options::report_csp`]): a path no build has.
pub const CSP_REPORT_PATH: &str = "/__csp-report";

/// The CSP violation reports a server received (the body of each, as sent), in order. For browsers
/// whose page scripts a test cannot run before the page's own (WebKit has no CDP): the report covers
/// the whole load, the service worker and every frame.
#[derive(Default)]
pub struct CspReports(Mutex<Vec<String>>);

impl CspReports {
    pub fn new() -> Arc<CspReports> {
        Arc::new(CspReports::default())
    }

    /// Every report received so far.
    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

/// How [`start_with`] serves.
#[derive(Clone)]
pub struct Options {
    /// The path the site is served under: `/` or e.g. `/red-flags/`.
    pub base: String,
    pub compression: Compression,
    pub cache: Arc<CompressionCache>,
    /// When set, every request is logged here.
    pub log: Option<Arc<RequestLog>>,
    /// The app's security headers ([`SECURITY_HEADERS`]) on every answer; off only for pages that are
    /// not the app (the bench's reference page, whose inline style the app's CSP would block).
    pub security_headers: bool,
    /// When set, the CSP asks the browser to report violations (`report-uri`), and they are kept here.
    pub csp_reports: Option<Arc<CspReports>>,
}

impl Options {
    /// Serves under `base`, uncompressed, unlogged.
    pub fn new(base: &str) -> Options {
        Options {
            base: base.to_string(),
            compression: Compression::None,
            cache: CompressionCache::new(),
            log: None,
            security_headers: true,
            csp_reports: None,
        }
    }

    /// Adds `report-uri` [`CSP_REPORT_PATH`] to the policy and keeps the reports in `reports`.
    pub fn report_csp(mut self, reports: Arc<CspReports>) -> Options {
        self.csp_reports = Some(reports);
        self
    }

    pub fn without_security_headers(mut self) -> Options {
        self.security_headers = false;
        self
    }

    pub fn compression(mut self, c: Compression) -> Options {
        self.compression = c;
        self
    }

    pub fn cache(mut self, cache: Arc<CompressionCache>) -> Options {
        self.cache = cache;
        self
    }

    pub fn log(mut self, log: Arc<RequestLog>) -> Options {
        self.log = Some(log);
        self
    }
}

#[derive(Clone)]
struct Site {
    dir: PathBuf,
    opts: Options,
    csp: HeaderValue,
}

async fn handle(site: Site, req: Request<Body>) -> Response<Body> {
    let path = req.uri().path().to_string();
    if let (Some(reports), true) = (&site.opts.csp_reports, path == CSP_REPORT_PATH) {
        let body = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
        reports
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(String::from_utf8_lossy(&body).into_owned());
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::NO_CONTENT;
        return res;
    }
    let file = resolve(&site.opts.base, &path).filter(|f| !f.split('/').any(|seg| seg == ".."));
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let head = req.method() == Method::HEAD;
    let (res, file) = match file {
        Some(f) => serve_file(&site, req, &f).await,
        None => (not_found(&site), None),
    };
    let res = compress(&site, res, file.as_deref(), &accept, head).await;
    if let Some(log) = &site.opts.log {
        log.push(LogEntry {
            path,
            file,
            status: res.status().as_u16(),
            encoding: res
                .headers()
                .get(header::CONTENT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| [Encoding::Brotli, Encoding::Gzip].into_iter().find(|e| e.token() == v))
                .unwrap_or(Encoding::Identity),
            body_bytes: if head {
                0
            } else {
                res.headers()
                    .get(header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            },
        });
    }
    res
}

/// A 200 answer for a compressible file, sent in the coding negotiated with the browser; anything else
/// (304, 206 for a range, 404) as it is. Every compressible answer varies on Accept-Encoding.
async fn compress(site: &Site, res: Response<Body>, file: Option<&str>, accept: &str, head: bool) -> Response<Body> {
    let Some(file) = file else { return res };
    if site.opts.compression == Compression::None || !compressible(file) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    parts
        .headers
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let encoding = negotiate(accept, site.opts.compression);
    // The Not found page (404 with a file) is compressed like any page; a 304 or a range is not.
    let whole = parts.status == StatusCode::OK || parts.status == StatusCode::NOT_FOUND;
    if !whole || head || encoding == Encoding::Identity {
        return Response::from_parts(parts, body);
    }
    let Ok(raw) = axum::body::to_bytes(body, usize::MAX).await else {
        return not_found(site);
    };
    // Quality-11 brotli of the WASM takes a while: off the async workers.
    let cache = site.opts.cache.clone();
    let raw_for_cache = raw.clone();
    let Ok(coded) = tokio::task::spawn_blocking(move || cache.get(&raw_for_cache, encoding)).await else {
        return Response::from_parts(parts, Body::from(raw));
    };
    if coded.len() >= raw.len() {
        return Response::from_parts(parts, Body::from(raw));
    }
    set_encoding(&mut parts.headers, encoding, coded.len());
    Response::from_parts(parts, Body::from(coded.as_ref().clone()))
}

fn set_encoding(h: &mut HeaderMap, encoding: Encoding, len: usize) {
    h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding.token()));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    // A byte range of the file is not a byte range of the compressed body.
    h.remove(header::ACCEPT_RANGES);
}

/// The file's answer and which file of the folder gave it (`None` for a plain 404).
async fn serve_file(site: &Site, req: Request<Body>, file: &str) -> (Response<Body>, Option<String>) {
    let name = file.rsplit('/').next().unwrap_or(file).to_string();
    let mut inner = Request::new(Body::empty());
    *inner.method_mut() = req.method().clone();
    *inner.headers_mut() = req.headers().clone();
    *inner.uri_mut() = format!("/{file}").parse::<Uri>().unwrap_or_default();
    let served = ServeDir::new(&site.dir).oneshot(inner).await;
    let mut res = match served {
        Ok(r) => r.map(Body::new),
        Err(_) => return (not_found(site), None),
    };
    if res.status() == StatusCode::NOT_FOUND {
        return if file.ends_with("/index.html") {
            let page = not_found_page(file);
            match route_not_found(site, page).await {
                Some(res) => (res, Some(page.to_string())),
                None => (not_found(site), None),
            }
        } else {
            (not_found(site), None)
        };
    }
    let h = res.headers_mut();
    if let Some(ct) = content_type(&name) {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    for (k, v) in headers_for(&name) {
        if site.opts.security_headers || !SECURITY_HEADERS.iter().any(|(s, _)| *s == k) {
            h.insert(k, HeaderValue::from_static(v));
        }
    }
    if site.opts.security_headers {
        h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    }
    (res, Some(file.to_string()))
}

/// The Not found page for a route's file: the Spanish one under `es/`, the English one elsewhere.
fn not_found_page(file: &str) -> &'static str {
    if file.starts_with("es/") {
        "es/404.html"
    } else {
        "404.html"
    }
}

/// A route the app does not have: the prerendered Not found page (`page`), with status 404.
async fn route_not_found(site: &Site, page: &str) -> Option<Response<Body>> {
    let page = tokio::fs::read(site.dir.join(page)).await.ok()?;
    let mut res = Response::new(Body::from(page));
    *res.status_mut() = StatusCode::NOT_FOUND;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    for (k, v) in headers_for("404.html") {
        h.insert(k, HeaderValue::from_static(v));
    }
    if site.opts.security_headers {
        h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    }
    Some(res)
}

fn not_found(site: &Site) -> Response<Body> {
    let mut res = Response::new(Body::from("404 Not Found\n"));
    *res.status_mut() = StatusCode::NOT_FOUND;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    for (k, v) in SECURITY_HEADERS {
        h.insert(k, HeaderValue::from_static(v));
    }
    h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    res
}

/// A running server; dropping it (or [`Server::stop`]) shuts it down.
pub struct Server {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// The URL of the site's root, e.g. `http://127.0.0.1:8080/` or `http://127.0.0.1:8080/red-flags/`.
    pub fn url(&self, base: &str) -> String {
        format!(
            "http://{}{}",
            self.addr,
            if base.ends_with('/') {
                base.to_string()
            } else {
                format!("{base}/")
            }
        )
    }

    /// Stops accepting and closes open connections, then returns once the port is free.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Serves `dir` under `base` (e.g. `/` or `/red-flags/`) on `addr` (port 0 picks a free port),
/// uncompressed.
pub async fn start(dir: impl Into<PathBuf>, addr: SocketAddr, base: &str) -> std::io::Result<Server> {
    start_with(dir, addr, Options::new(base)).await
}

/// Serves `dir` on `addr` as `opts` say (compression, a shared cache, a request log).
pub async fn start_with(dir: impl Into<PathBuf>, addr: SocketAddr, opts: Options) -> std::io::Result<Server> {
    let dir = dir.into();
    let mut policy = csp_of_build(&dir);
    if opts.csp_reports.is_some() {
        policy.push_str(&format!("; report-uri {CSP_REPORT_PATH}"));
    }
    let csp = HeaderValue::from_str(&policy)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{HEADERS_FILE}: {e}")))?;
    let site = Site { dir, opts, csp };
    let app = axum::Router::new().fallback(move |req: Request<Body>| handle(site.clone(), req));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Server {
        addr,
        shutdown: Some(tx),
        task: Some(task),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_get_their_folders_index_html_and_files_keep_their_path() {
        assert_eq!(resolve("/", "/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/", "/check").as_deref(), Some("check/index.html"));
        assert_eq!(resolve("/", "/check/").as_deref(), Some("check/index.html"));
        assert_eq!(
            resolve("/", "/glossary/trauma-bond").as_deref(),
            Some("glossary/trauma-bond/index.html")
        );
        assert_eq!(resolve("/", "/sw.js").as_deref(), Some("sw.js"));
        assert_eq!(
            resolve("/", "/icons/icon-192.png").as_deref(),
            Some("icons/icon-192.png")
        );
    }

    #[test]
    fn sub_path_deploys_serve_only_below_the_base() {
        assert_eq!(resolve("/red-flags/", "/red-flags/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/red-flags/", "/red-flags").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/red-flags/", "/red-flags/call").as_deref(),
            Some("call/index.html")
        );
        assert_eq!(
            resolve("/red-flags/", "/red-flags/app-0123456789abcdef.js").as_deref(),
            Some("app-0123456789abcdef.js")
        );
        assert_eq!(resolve("/red-flags/", "/check"), None);
        assert_eq!(resolve("/red-flags/", "/red-flagsx/check"), None);
    }

    #[tokio::test]
    async fn serves_files_routes_and_real_404s_with_headers() {
        let dir = std::env::temp_dir().join(format!("devserver-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(dir.join("check")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><p>home</p>").unwrap();
        std::fs::write(dir.join("check/index.html"), "<!doctype html><p>check</p>").unwrap();
        std::fs::write(dir.join("404.html"), "<!doctype html><p>not found</p>").unwrap();
        std::fs::create_dir_all(dir.join("es/check")).unwrap();
        std::fs::write(dir.join("es/check/index.html"), "<!doctype html><p>comprobar</p>").unwrap();
        std::fs::write(dir.join("es/404.html"), "<!doctype html><p>no existe</p>").unwrap();
        std::fs::write(dir.join("x_bg.wasm"), b"\0asm").unwrap();
        let policy = policy::csp(&["body{}"]);
        std::fs::write(
            dir.join(HEADERS_FILE),
            format!("/*\n  Content-Security-Policy: {policy}\n"),
        )
        .unwrap();
        let server = start(&dir, "127.0.0.1:0".parse().unwrap(), "/").await.unwrap();
        let get = |path: &str| {
            let url = format!("http://{}{}", server.addr, path);
            async move {
                let stream =
                    tokio::net::TcpStream::connect(url.trim_start_matches("http://").split('/').next().unwrap())
                        .await
                        .unwrap();
                let path = "/".to_string() + url.splitn(4, '/').nth(3).unwrap_or("");
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let mut stream = stream;
                stream
                    .write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
                    .await
                    .unwrap();
                let mut buf = Vec::new();
                stream.read_to_end(&mut buf).await.unwrap();
                String::from_utf8_lossy(&buf).to_lowercase()
            }
        };
        let route = get("/check").await;
        assert!(route.starts_with("http/1.1 200"), "{route}");
        assert!(route.contains("<p>check</p>"), "{route}");
        assert!(get("/").await.contains("<p>home</p>"));
        let unknown = get("/no-such-screen").await;
        assert!(unknown.starts_with("http/1.1 404"), "{unknown}");
        assert!(
            unknown.contains("<p>not found</p>") && unknown.contains("content-type: text/html"),
            "{unknown}"
        );
        assert!(get("/es/check").await.contains("<p>comprobar</p>"));
        let unknown_es = get("/es/no-such-screen").await;
        assert!(
            unknown_es.starts_with("http/1.1 404") && unknown_es.contains("<p>no existe</p>"),
            "an unknown Spanish route gets the Spanish Not found: {unknown_es}"
        );
        let sent = format!("content-security-policy: {}\r\n", policy.to_lowercase());
        assert!(
            unknown.contains(&sent) && route.contains(&sent),
            "the build's policy, from its _headers: {route}"
        );
        assert!(route.contains("cache-control: no-cache"));
        let wasm = get("/x_bg.wasm").await;
        assert!(wasm.contains("content-type: application/wasm"), "{wasm}");
        let missing = get("/missing.js").await;
        assert!(missing.starts_with("http/1.1 404"), "{missing}");
        assert!(
            !missing.contains("<p>"),
            "a missing file is never answered with a page: {missing}"
        );
        server.stop().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod compression_tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[test]
    fn negotiation_follows_the_hosts_offer_and_the_browsers_q_values() {
        let chrome = "gzip, deflate, br, zstd";
        assert_eq!(negotiate(chrome, Compression::Brotli), Encoding::Brotli);
        assert_eq!(negotiate(chrome, Compression::Gzip), Encoding::Gzip);
        assert_eq!(negotiate(chrome, Compression::None), Encoding::Identity);
        assert_eq!(negotiate("gzip", Compression::Brotli), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0, gzip;q=0.5", Compression::Brotli), Encoding::Gzip);
        assert_eq!(negotiate("BR", Compression::Brotli), Encoding::Brotli);
        assert_eq!(negotiate("*", Compression::Brotli), Encoding::Brotli);
        assert_eq!(negotiate("*;q=0", Compression::Gzip), Encoding::Identity);
        assert_eq!(negotiate("", Compression::Brotli), Encoding::Identity);
        assert_eq!(negotiate("identity", Compression::Gzip), Encoding::Identity);
        assert_eq!(Compression::parse("br"), Some(Compression::Brotli));
        assert_eq!(Compression::parse("gzip"), Some(Compression::Gzip));
        assert_eq!(Compression::parse("none"), Some(Compression::None));
        assert_eq!(Compression::parse("zstd"), None);
    }

    #[test]
    fn only_text_and_wasm_are_compressed() {
        for f in [
            "index.html",
            "a-1f.js",
            "main-2e.css",
            "x_bg.wasm",
            "icon.svg",
            "manifest.webmanifest",
        ] {
            assert!(compressible(f), "{f}");
        }
        for f in ["icon-192.png", "shot.webp", "noext"] {
            assert!(!compressible(f), "{f}");
        }
    }

    #[test]
    fn each_content_is_compressed_once_and_round_trips() {
        let cache = CompressionCache::new();
        let text = "the call button in the first paint ".repeat(200);
        let br = cache.get(text.as_bytes(), Encoding::Brotli);
        let again = cache.get(text.as_bytes(), Encoding::Brotli);
        assert!(Arc::ptr_eq(&br, &again), "the second ask is served from the cache");
        let gz = cache.get(text.as_bytes(), Encoding::Gzip);
        assert_eq!(cache.compressions(), 2, "one brotli, one gzip");
        assert!(br.len() < text.len() / 10, "brotli {} of {}", br.len(), text.len());
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(br.as_slice(), 4096), &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz.as_slice()), &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert_eq!(cache.get(b"abc", Encoding::Identity).as_slice(), b"abc");
        assert_eq!(cache.compressions(), 2);
    }

    #[test]
    fn concurrent_asks_for_one_file_compress_it_once() {
        let cache = CompressionCache::new();
        let text = "a page of the guide ".repeat(5000);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| cache.get(text.as_bytes(), Encoding::Brotli));
            }
        });
        assert_eq!(cache.compressions(), 1);
    }

    async fn request(addr: SocketAddr, method: &str, path: &str, accept: &str) -> (String, Vec<u8>) {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let ae = if accept.is_empty() {
            String::new()
        } else {
            format!("Accept-Encoding: {accept}\r\n")
        };
        stream
            .write_all(format!("{method} {path} HTTP/1.1\r\nHost: x\r\n{ae}Connection: close\r\n\r\n").as_bytes())
            .await
            .unwrap();
        let mut buf = Vec::new();
        stream.read_to_end(&mut buf).await.unwrap();
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        (
            String::from_utf8_lossy(&buf[..split]).to_lowercase(),
            buf[split..].to_vec(),
        )
    }

    fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        head.lines()
            .find_map(|l| l.split_once(": ").filter(|(k, _)| *k == name).map(|(_, v)| v.trim()))
    }

    #[tokio::test]
    async fn hosts_compress_as_configured_cache_once_and_log() {
        let dir = std::env::temp_dir().join(format!("devserver-compress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("check")).unwrap();
        let page = "<p>the signs of trafficking, in the guide's words</p>".repeat(100);
        std::fs::write(dir.join("check/index.html"), &page).unwrap();
        std::fs::write(dir.join("404.html"), &page).unwrap();
        std::fs::write(dir.join("icon.png"), vec![7u8; 2000]).unwrap();
        let cache = CompressionCache::new();
        let log = RequestLog::new();
        let br_host = start_with(
            &dir,
            "127.0.0.1:0".parse().unwrap(),
            Options::new("/")
                .compression(Compression::Brotli)
                .cache(cache.clone())
                .log(log.clone()),
        )
        .await
        .unwrap();
        let gz_host = start_with(
            &dir,
            "127.0.0.1:0".parse().unwrap(),
            Options::new("/").compression(Compression::Gzip).cache(cache.clone()),
        )
        .await
        .unwrap();
        let plain = start(&dir, "127.0.0.1:0".parse().unwrap(), "/").await.unwrap();
        let bare = start_with(
            &dir,
            "127.0.0.1:0".parse().unwrap(),
            Options::new("/").without_security_headers(),
        )
        .await
        .unwrap();
        let (head, _) = request(bare.addr, "GET", "/check", "br").await;
        assert!(
            head.starts_with("http/1.1 200") && !head.contains("content-security-policy"),
            "{head}"
        );
        assert_eq!(header(&head, "cache-control"), Some("no-cache"), "{head}");
        bare.stop().await;

        let (head, body) = request(br_host.addr, "GET", "/check", "gzip, deflate, br").await;
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
        assert_eq!(header(&head, "vary"), Some("accept-encoding"), "{head}");
        assert_eq!(header(&head, "content-length"), Some(body.len().to_string().as_str()));
        assert!(
            head.contains("content-security-policy"),
            "the usual headers stay: {head}"
        );
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(body.as_slice(), 4096), &mut back).unwrap();
        assert_eq!(back, page.as_bytes());
        let (head, _) = request(br_host.addr, "GET", "/check", "gzip, deflate, br").await;
        assert_eq!(header(&head, "content-encoding"), Some("br"));
        assert_eq!(cache.compressions(), 1, "the second request is served from memory");

        let (head, body) = request(br_host.addr, "GET", "/check", "gzip").await;
        assert_eq!(header(&head, "content-encoding"), Some("gzip"), "{head}");
        assert!(body.starts_with(&[0x1f, 0x8b]));
        let (head, _) = request(gz_host.addr, "GET", "/check", "gzip, deflate, br").await;
        assert_eq!(
            header(&head, "content-encoding"),
            Some("gzip"),
            "a gzip-only host never sends br: {head}"
        );
        assert_eq!(cache.compressions(), 2, "the gzip host reused the cached gzip");

        let (head, body) = request(br_host.addr, "GET", "/check", "").await;
        assert_eq!(
            header(&head, "content-encoding"),
            None,
            "no Accept-Encoding, no coding: {head}"
        );
        assert_eq!(body, page.as_bytes());
        let (head, body) = request(plain.addr, "GET", "/check", "gzip, br").await;
        assert_eq!(header(&head, "content-encoding"), None, "{head}");
        assert_eq!(header(&head, "vary"), None, "{head}");
        assert_eq!(body, page.as_bytes());

        let (head, body) = request(br_host.addr, "GET", "/icon.png", "gzip, br").await;
        assert_eq!(header(&head, "content-encoding"), None, "images go as they are: {head}");
        assert_eq!(body.len(), 2000);
        let (head, body) = request(br_host.addr, "HEAD", "/check", "br").await;
        assert!(head.starts_with("http/1.1 200") && body.is_empty(), "{head}");
        let (head, _) = request(br_host.addr, "GET", "/no-such-screen", "br").await;
        assert!(head.starts_with("http/1.1 404"), "{head}");
        assert_eq!(
            header(&head, "content-encoding"),
            Some("br"),
            "the Not found page is compressed: {head}"
        );
        let (head, _) = request(br_host.addr, "GET", "/missing.js", "br").await;
        assert!(
            head.starts_with("http/1.1 404") && header(&head, "content-encoding").is_none(),
            "{head}"
        );

        let entries = log.take();
        let files: Vec<(Option<&str>, u16, Encoding)> = entries
            .iter()
            .map(|e| (e.file.as_deref(), e.status, e.encoding))
            .collect();
        assert_eq!(
            files,
            vec![
                (Some("check/index.html"), 200, Encoding::Brotli),
                (Some("check/index.html"), 200, Encoding::Brotli),
                (Some("check/index.html"), 200, Encoding::Gzip),
                (Some("check/index.html"), 200, Encoding::Identity),
                (Some("icon.png"), 200, Encoding::Identity),
                (Some("check/index.html"), 200, Encoding::Identity),
                (Some("404.html"), 404, Encoding::Brotli),
                (None, 404, Encoding::Identity),
            ]
        );
        assert!(entries[0].body_bytes > 0 && entries[0].body_bytes < page.len());
        assert_eq!(entries[3].body_bytes, page.len());
        assert_eq!(entries[5].body_bytes, 0, "a HEAD sends no body");
        assert!(log.take().is_empty(), "take empties the log");
        br_host.stop().await;
        gz_host.stop().await;
        plain.stop().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod deploy_configs {
    /// `deploy/_redirects` (Netlify) sends an unknown route to the Not found page this server picks,
    /// with status 404, wherever that is not the root's `404.html` (which Netlify serves by itself).
    #[test]
    fn the_redirects_file_gives_each_language_its_not_found_page() {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/_redirects"))
                .unwrap();
        let rules: Vec<Vec<&str>> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_whitespace().collect())
            .collect();
        for rule in &rules {
            assert_eq!(rule.len(), 3, "deploy/_redirects: {rule:?} is not `from to status`");
            let prefix = rule[0]
                .strip_suffix('*')
                .unwrap_or_else(|| panic!("deploy/_redirects: {} is not a folder's /*", rule[0]));
            let file = format!("{}no-such-route/index.html", prefix.trim_start_matches('/'));
            assert_eq!(
                (rule[1], rule[2]),
                (format!("/{}", super::not_found_page(&file)).as_str(), "404"),
                "deploy/_redirects: {rule:?}"
            );
        }
        for route in ["es/no-such-route", "es/glossary/no-such-term"] {
            let page = super::not_found_page(&format!("{route}/index.html"));
            if page != "404.html" {
                assert!(
                    rules
                        .iter()
                        .any(|r| route.starts_with(r[0].trim_start_matches('/').trim_end_matches('*'))),
                    "deploy/_redirects has no rule for /{route} ({page})"
                );
            }
        }
    }
}
