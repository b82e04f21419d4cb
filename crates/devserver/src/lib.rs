//! Serves a built `dist/` the way a production static host should, for `cargo xtask serve` and the
//! browser tests: the right types, caching and security headers, each route answered with its
//! prerendered page (`/check` → `check/index.html`, as every static host does), and a real 404 for
//! anything else: `404.html` (the app's Not found screen) for an unknown route, plain text for a
//! missing file (never a page standing in for a `.js`).
//!
//! [`headers_for`] is the one list of headers; the deploy configs in `deploy/` are checked against it.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, Response, StatusCode, Uri};
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::sync::oneshot;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The Content-Security-Policy the app ships, before the build fills in the stylesheet: nothing from
/// any other origin, no inline script but the early script (`public/early.js`: Quick exit's guard and
/// the display settings, inlined into every page by the post-build step so the first paint waits for no
/// extra request, allowed by its SHA-256: a test recomputes it from the file), and no inline style but
/// the stylesheet, which the post-build step also inlines into every page. The stylesheet's hash
/// changes with the CSS, so no file in the repository holds it: the build computes it ([`csp`]) and
/// writes the policy into `dist/_headers` (and `dist/_csp.nginx.conf`), which this server reads
/// ([`csp_of_build`]).
pub const CSP_TEMPLATE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-F0UJd7d4CnonkVmQANLdHGJTXrbEZXV+J4BTKmyi0BY='; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

/// The policy with the inline `<style>` texts `styles` allowed by their hashes in `style-src`.
pub fn csp(styles: &[&str]) -> String {
    let mut hashes = String::new();
    for style in styles {
        hashes.push(' ');
        hashes.push_str(&csp_hash(style.as_bytes()));
    }
    CSP_TEMPLATE.replacen("style-src 'self'", &format!("style-src 'self'{hashes}"), 1)
}

/// A CSP source for an inline script or style: `'sha256-<base64 of the SHA-256 of its text>'`.
pub fn csp_hash(text: &[u8]) -> String {
    use sha2::Digest;
    format!("'sha256-{}'", base64(&sha2::Sha256::digest(text)))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i)) as usize & 63] as char
            } else {
                '='
            });
        }
    }
    out
}

/// The file the build writes for Netlify and Cloudflare Pages (`deploy/_headers` with the build's
/// policy in it); the one place this server reads the policy from.
pub const HEADERS_FILE: &str = "_headers";

/// What `deploy/_headers` has in place of the policy; the build writes `dist/_headers` with the
/// policy there.
pub const CSP_PLACEHOLDER: &str = "<the build's policy>";

/// The snippet the build writes for nginx, with the policy: `deploy/nginx.conf` includes it from the
/// deployed folder.
pub const NGINX_CSP_FILE: &str = "_csp.nginx.conf";

/// The text of [`NGINX_CSP_FILE`] for `policy`.
pub fn nginx_csp_snippet(policy: &str) -> String {
    format!(
        "# Written by `cargo xtask build` (the stylesheet's hash changes with the CSS); do not edit.\n\
         add_header Content-Security-Policy \"{policy}\" always;\n"
    )
}

/// The `Content-Security-Policy` value in the text of a `_headers` file, if it has one.
pub fn csp_of_headers_file(text: &str) -> Option<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("Content-Security-Policy:"))
        .map(|v| v.trim().to_string())
        .find(|v| v.starts_with("default-src"))
}

/// The policy of the build in `dir`, from its `_headers`. A folder without one (an older build, a test's
/// few files) gets [`CSP_TEMPLATE`], which allows no inline style.
pub fn csp_of_build(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join(HEADERS_FILE))
        .ok()
        .and_then(|t| csp_of_headers_file(&t))
        .unwrap_or_else(|| CSP_TEMPLATE.to_string())
}

/// Headers every response carries, besides the build's `Content-Security-Policy` ([`csp_of_build`]).
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// True for the build's content-hashed file names: Trunk's `<stem>-<hash>.js`, `<stem>-<hash>_bg.wasm`
/// and `<stem>-<hash>.css`, and the post-build step's `boot-<hash>.js`. Trunk writes its 64-bit hash
/// in hex without leading zeros, so the hash is 1 to 16 digits (`red-flags-2d76230d39b20aa_bg.wasm`
/// has 15); `deploy/nginx.conf` matches the same names with [`HASHED_REGEX`].
pub fn is_hashed(file_name: &str) -> bool {
    let Some((stem, ext)) = file_name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty()
            && (1..=16).contains(&hash.len())
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// [`is_hashed`] as a regular expression on the request path, as written in `deploy/nginx.conf`.
pub const HASHED_REGEX: &str = r"-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$";

/// Cache-Control for a file of `dist/`, by its name.
pub fn cache_control(file_name: &str) -> &'static str {
    if is_hashed(file_name) {
        "public, max-age=31536000, immutable"
    } else {
        // index.html, sw.js, the manifest and icons: always revalidate, so an update is seen.
        "no-cache"
    }
}

/// Content-Type overrides where a guess by extension is not what browsers need.
pub fn content_type(file_name: &str) -> Option<&'static str> {
    match file_name.rsplit('.').next() {
        Some("wasm") => Some("application/wasm"),
        Some("webmanifest") => Some("application/manifest+json"),
        Some("js") => Some("text/javascript; charset=utf-8"),
        _ => None,
    }
}

/// Every header (besides Content-Type) a response for `file_name` carries.
pub fn headers_for(file_name: &str) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![("cache-control", cache_control(file_name))];
    h.extend(SECURITY_HEADERS);
    if file_name == "sw.js" {
        h.push(("service-worker-allowed", "/"));
    }
    h
}

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

#[derive(Clone)]
struct Site {
    dir: PathBuf,
    base: String,
    csp: HeaderValue,
}

async fn handle(site: Site, req: Request<Body>) -> Response<Body> {
    let Some(file) = resolve(&site.base, req.uri().path()) else {
        return not_found(&site);
    };
    if file.split('/').any(|seg| seg == "..") {
        return not_found(&site);
    }
    let name = file.rsplit('/').next().unwrap_or(&file).to_string();
    let mut inner = Request::new(Body::empty());
    *inner.method_mut() = req.method().clone();
    *inner.headers_mut() = req.headers().clone();
    *inner.uri_mut() = format!("/{file}").parse::<Uri>().unwrap_or_default();
    let served = ServeDir::new(&site.dir).oneshot(inner).await;
    let mut res = match served {
        Ok(r) => r.map(Body::new),
        Err(_) => return not_found(&site),
    };
    if res.status() == StatusCode::NOT_FOUND {
        return if file.ends_with("/index.html") {
            route_not_found(&site).await
        } else {
            not_found(&site)
        };
    }
    let h = res.headers_mut();
    if let Some(ct) = content_type(&name) {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    for (k, v) in headers_for(&name) {
        h.insert(k, HeaderValue::from_static(v));
    }
    h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    res
}

/// A route the app does not have: the prerendered Not found page, with status 404.
async fn route_not_found(site: &Site) -> Response<Body> {
    let Ok(page) = tokio::fs::read(site.dir.join("404.html")).await else {
        return not_found(site);
    };
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
    h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    res
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

/// Serves `dir` under `base` (e.g. `/` or `/red-flags/`) on `addr` (port 0 picks a free port).
pub async fn start(dir: impl Into<PathBuf>, addr: SocketAddr, base: &str) -> std::io::Result<Server> {
    let dir = dir.into();
    let csp = HeaderValue::from_str(&csp_of_build(&dir))
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{HEADERS_FILE}: {e}")))?;
    let site = Site {
        dir,
        base: base.to_string(),
        csp,
    };
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

    #[test]
    fn hashed_files_are_immutable_and_the_rest_revalidate() {
        assert!(is_hashed("red-flags-3f2a9c0d1e2b4a5c_bg.wasm"));
        assert!(is_hashed("main-0123456789abcdef.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        // Trunk drops leading zeros of its hash: 15 digits (or fewer) is still a hashed file.
        assert!(is_hashed("red-flags-2d76230d39b20aa_bg.wasm"));
        assert!(is_hashed("red-flags-2d76230d39b20aa.js"));
        assert!(is_hashed("boot-1717d8af4e1ed8c8.js"));
        assert!(!is_hashed("icon-192.png"), "only Trunk's JS, WASM and CSS are hashed");
        assert!(!is_hashed("early.js") && !is_hashed("red-flags-.js") && !is_hashed("x-0123456789abcdef0.js"));
        assert!(!is_hashed("main-0123456789ABCDEF.css"), "Trunk writes lowercase hex");
        assert_eq!(
            cache_control("red-flags-2d76230d39b20aa_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("sw.js"), "no-cache");
        assert!(cache_control("red-flags-3f2a9c0d1e2b4a5c.js").contains("immutable"));
    }

    #[test]
    fn wasm_and_manifest_get_the_types_browsers_require() {
        assert_eq!(content_type("a_bg.wasm"), Some("application/wasm"));
        assert_eq!(content_type("manifest.webmanifest"), Some("application/manifest+json"));
        assert!(CSP_TEMPLATE.contains("default-src 'self'"));
        assert!(!CSP_TEMPLATE.contains("unsafe-inline"));
    }

    #[test]
    fn the_csp_allows_the_early_script_by_its_current_hash() {
        let guard =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/early.js")).unwrap();
        let hash = csp_hash(&guard);
        assert!(
            CSP_TEMPLATE.contains(&hash),
            "public/early.js changed: its CSP hash is now {hash}; put it in devserver's CSP_TEMPLATE and the README"
        );
        assert_eq!(
            CSP_TEMPLATE.matches("'sha256-").count(),
            1,
            "one inline script is allowed, no more"
        );
    }

    #[test]
    fn the_build_policy_allows_exactly_the_given_styles() {
        // FIPS 180-2's "abc", in base64.
        assert_eq!(
            csp_hash(b"abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
        let policy = csp(&["body{}", "p{}"]);
        assert!(
            policy.contains(&format!(
                "style-src 'self' {} {};",
                csp_hash(b"body{}"),
                csp_hash(b"p{}")
            )),
            "{policy}"
        );
        assert_eq!(
            policy.replace(&format!(" {} {}", csp_hash(b"body{}"), csp_hash(b"p{}")), ""),
            CSP_TEMPLATE
        );
        assert!(
            !policy.contains("unsafe-inline") && !policy.contains("unsafe-hashes"),
            "no inline style but the given: {policy}"
        );
        let file = format!("# x\n/*\n  Content-Security-Policy: {policy}\n  X-Frame-Options: DENY\n");
        assert_eq!(csp_of_headers_file(&file).as_deref(), Some(policy.as_str()));
        assert_eq!(csp_of_headers_file("/*\n  X-Frame-Options: DENY\n"), None);
    }

    #[tokio::test]
    async fn serves_files_routes_and_real_404s_with_headers() {
        let dir = std::env::temp_dir().join(format!("devserver-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(dir.join("check")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><p>home</p>").unwrap();
        std::fs::write(dir.join("check/index.html"), "<!doctype html><p>check</p>").unwrap();
        std::fs::write(dir.join("404.html"), "<!doctype html><p>not found</p>").unwrap();
        std::fs::write(dir.join("x_bg.wasm"), b"\0asm").unwrap();
        let policy = csp(&["body{}"]);
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
mod deploy_configs {
    /// The ready-made host configs in deploy/ send the same headers as this server.
    #[test]
    fn deploy_configs_carry_every_security_header() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy");
        for file in ["_headers", "nginx.conf"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("deploy/{file}: {e}"));
            let lower = text.to_lowercase();
            for (name, value) in super::SECURITY_HEADERS {
                assert!(lower.contains(name), "deploy/{file} lacks {name}");
                assert!(text.contains(value), "deploy/{file} has another value for {name}");
            }
            assert!(
                text.contains("application/wasm") && text.contains("application/manifest+json"),
                "{file}"
            );
            assert!(text.contains("immutable") && text.contains("no-cache"), "{file}");
            // The policy names the stylesheet's hash, which only the build knows: both files take it from
            // what the build writes into dist/ (checked against a real build by tests/browser/deploy.rs).
            let lines = text.lines().filter(|l| l.contains("Content-Security-Policy"));
            assert!(
                lines.clone().all(|l| !l.contains("default-src")),
                "deploy/{file} spells out a policy; it must come from the build: {:?}",
                lines.collect::<Vec<_>>()
            );
        }
        let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
        assert!(
            headers.contains(&format!("  Content-Security-Policy: {}\n", super::CSP_PLACEHOLDER)),
            "deploy/_headers: the build fills in the line `  Content-Security-Policy: {}`",
            super::CSP_PLACEHOLDER
        );
        let nginx = std::fs::read_to_string(dir.join("nginx.conf")).unwrap();
        assert_eq!(
            nginx
                .matches(&format!("include /srv/red-flags/{};", super::NGINX_CSP_FILE))
                .count(),
            1,
            "deploy/nginx.conf includes the build's policy from the deployed folder"
        );
    }

    /// `_headers` as Netlify and Cloudflare Pages read it: every rule whose path matches (one `*` matches
    /// anything) adds its headers, and a header set by two rules is joined with ", ".
    fn headers_file_cache_control(rules: &str, path: &str) -> Option<String> {
        let matches = |pattern: &str| match pattern.split_once('*') {
            Some((head, tail)) => {
                path.len() >= head.len() + tail.len() && path.starts_with(head) && path.ends_with(tail)
            }
            None => pattern == path,
        };
        let mut current = false;
        let mut values = Vec::new();
        for line in rules.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                current = matches(line.trim());
            } else if let Some(v) = line.trim().strip_prefix("Cache-Control:").filter(|_| current) {
                values.push(v.trim().to_string());
            }
        }
        (!values.is_empty()).then(|| values.join(", "))
    }

    /// Caching in `deploy/_headers` is the devserver's for every kind of file a build has, including a
    /// hash that Trunk wrote with 15 digits; pages get the hosts' default (revalidate).
    #[test]
    fn the_headers_file_caches_what_the_devserver_caches() {
        let rules =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/_headers"))
                .unwrap();
        for name in [
            "red-flags-0123456789abcdef.js",
            "red-flags-2d76230d39b20aa.js",
            "red-flags-2d76230d39b20aa_bg.wasm",
            "main-fedcba987654321.css",
            "boot-1717d8af4e1ed8c8.js",
            "sw.js",
            "manifest.webmanifest",
        ] {
            let got = headers_file_cache_control(&rules, &format!("/{name}"));
            assert_eq!(
                got.as_deref(),
                Some(super::cache_control(name)),
                "deploy/_headers: Cache-Control of {name}"
            );
        }
        for page in ["/", "/check", "/index.html", "/icons/icon-192.png"] {
            assert_eq!(
                headers_file_cache_control(&rules, page),
                None,
                "deploy/_headers sets Cache-Control on {page}"
            );
        }
    }
}
