//! The ready-made host config `deploy/nginx.conf`, run in Debian's nginx (package `nginx-light`,
//! installed by `cargo xtask setup --browser`) against the release build: every answer (status, type,
//! caching and security headers) must be what the devserver sends, which the other tests hold to, and
//! the app must install and work offline from it. Run by `cargo xtask test`.
//!
//! nginx runs unprivileged on a free loopback port with everything (config, logs, pid, temp files) in a
//! temp folder, in the foreground, in its own process group, which is killed when the test ends.

use browser_tests::*;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A file name with a 15-digit hash, as Trunk writes when its 64-bit hash starts with a zero.
const SHORT_HASH_WASM: &str = "red-flags-2d76230d39b20aa_bg.wasm";

fn nginx_path() -> PathBuf {
    // Not `NGINX`: nginx itself reads that variable (sockets inherited from a parent nginx).
    std::env::var_os("RED_FLAGS_NGINX")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/sbin/nginx".into())
}

/// nginx serving `site` with `deploy/nginx.conf`; stopped (its whole process group) on drop.
struct Nginx {
    child: Child,
    port: u16,
    _dir: TempDir,
}

impl Nginx {
    fn start(site: &Path) -> TestResult<Nginx> {
        let nginx = nginx_path();
        ensure!(
            nginx.is_file(),
            "{} is missing: run `cargo xtask setup --browser` (it installs Debian's nginx-light)",
            nginx.display()
        );
        let dir = TempDir::new("red-flags-nginx")?;
        let conf = dir.path().join("conf");
        for sub in ["conf", "logs", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        // The deploy config includes the stock types by a path relative to the config folder, as on Debian.
        std::fs::copy("/etc/nginx/mime.types", conf.join("mime.types"))
            .map_err(|e| format!("/etc/nginx/mime.types: {e}"))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let deploy = std::fs::read_to_string(workspace().join("deploy/nginx.conf"))?;
        ensure!(deploy.matches("listen 80;").count() == 1 && deploy.matches("root /srv/red-flags;").count() == 1,
            "deploy/nginx.conf: expected one `listen 80;` and one `root /srv/red-flags;` for the test to point elsewhere");
        let deploy = deploy
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("root /srv/red-flags;", &format!("root {};", site.display()))
            // The build's Content-Security-Policy, which the config includes from the deployed folder.
            .replace("/srv/red-flags/", &format!("{}/", site.display()));
        std::fs::write(conf.join("red-flags.conf"), deploy)?;
        let tmp = dir.path().join("tmp");
        let t = tmp.display();
        // A minimal `http` block, as the check used: everything else comes from the deploy config.
        let main = format!(
            "daemon off;\nworker_processes 1;\npid {pid};\nerror_log {log} warn;\nevents {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  \
             fastcgi_temp_path {t}/fastcgi;\n  uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n  include red-flags.conf;\n}}\n",
            pid = dir.path().join("nginx.pid").display(),
            log = dir.path().join("logs/error.log").display(),
        );
        let main_conf = conf.join("nginx.conf");
        std::fs::write(&main_conf, main)?;
        let args = |c: &mut Command| {
            c.arg("-p")
                .arg(dir.path())
                .arg("-c")
                .arg(&main_conf)
                .arg("-e")
                .arg(dir.path().join("logs/error.log"));
        };
        let mut check = Command::new(&nginx);
        check.env_remove("NGINX");
        args(&mut check);
        let out = check
            .arg("-t")
            .output()
            .map_err(|e| format!("could not run {}: {e}", nginx.display()))?;
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        ensure!(out.status.success(), "`nginx -t` rejects deploy/nginx.conf:\n{said}");
        ensure!(
            !said.contains("[warn]") && !said.contains("[emerg]"),
            "`nginx -t` warns about deploy/nginx.conf:\n{said}"
        );

        let mut run = Command::new(&nginx);
        run.env_remove("NGINX");
        args(&mut run);
        let child = run
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", nginx.display()))?;
        let server = Nginx { child, port, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(server._dir.path().join("logs/error.log")).unwrap_or_default();
                return fail(format!(
                    "nginx did not listen on 127.0.0.1:{port} within 10 s; its error log:\n{log}"
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Stops nginx (fast shutdown, then SIGKILL for anything left in its group) and waits for it.
    fn stop(&mut self) {
        let group = self.child.id() as i32;
        // SAFETY: killpg only sends signals, to the group of the nginx master we spawned as its leader.
        unsafe {
            libc::killpg(group, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        // SAFETY: as above; the workers are in the same group.
        unsafe {
            libc::killpg(group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One HTTP answer: status, headers (names in lowercase) and body.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
    /// The media type without parameters, with JavaScript's two names as one.
    fn media_type(&self) -> String {
        let t = self
            .header("content-type")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if t == "application/javascript" {
            "text/javascript".into()
        } else {
            t
        }
    }
}

/// A plain HTTP/1.1 GET (no compression asked for), read to the end.
fn get(port: u16, path: &str) -> TestResult<Answer> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| Failure(format!("GET {path}: no end of headers")))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut headers = BTreeMap::new();
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        body = dechunk(&body);
    }
    Ok(Answer { status, headers, body })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 || data.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[(eol + 4 + size).min(data.len())..];
    }
    out
}

/// The texts of a page's `<style>` elements.
fn inline_styles(body: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(body);
    html.split("<style>")
        .skip(1)
        .filter_map(|s| s.split_once("</style>").map(|(css, _)| css.to_string()))
        .collect()
}

/// The build under test plus a copy of its WASM under a 15-digit hash name.
fn site_with_a_short_hash() -> TestResult<(TempDir, String)> {
    let dist = dist()?;
    let site = TempDir::new("red-flags-nginx-site")?;
    copy_dir(&dist, site.path())?;
    let wasm = std::fs::read_dir(&dist)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("_bg.wasm"))
        .ok_or_else(|| Failure(format!("{} has no *_bg.wasm", dist.display())))?;
    std::fs::copy(dist.join(&wasm), site.path().join(SHORT_HASH_WASM))?;
    Ok((site, wasm))
}

/// One kind of answer the host gives, and what it must be.
struct Expected {
    what: String,
    path: String,
    status: u16,
    media: &'static str,
    /// Empty: not checked (a missing file).
    cache: &'static str,
}

fn expect(what: &str, path: &str, status: u16, media: &'static str, cache: &'static str) -> Expected {
    Expected {
        what: what.into(),
        path: path.into(),
        status,
        media,
        cache,
    }
}

/// Every kind of answer: a page, routes, the shell, the worker, the manifest, icons, every hashed file
/// (one with a 15-digit hash), an unknown route and a missing file; in Spanish a route, an unknown one
/// and the manifest.
fn expectations(site: &Path, wasm: &str) -> TestResult<Vec<Expected>> {
    const IMMUTABLE: &str = "public, max-age=31536000, immutable";
    let mut out = vec![
        expect("a page", "/", 200, "text/html", "no-cache"),
        expect("a route", "/check", 200, "text/html", "no-cache"),
        expect("a deep route", "/glossary/grooming", 200, "text/html", "no-cache"),
        expect(
            "a route's page by name",
            "/check/index.html",
            200,
            "text/html",
            "no-cache",
        ),
        expect("the app shell", "/shell.html", 200, "text/html", "no-cache"),
        expect("the service worker", "/sw.js", 200, "text/javascript", "no-cache"),
        expect(
            "the manifest",
            "/manifest.webmanifest",
            200,
            "application/manifest+json",
            "no-cache",
        ),
        expect("an icon", "/icons/icon-192.png", 200, "image/png", "no-cache"),
        expect("the SVG icon", "/icons/icon.svg", 200, "image/svg+xml", "no-cache"),
        expect(
            "the hashed WASM",
            &format!("/{wasm}"),
            200,
            "application/wasm",
            IMMUTABLE,
        ),
        expect(
            "a 15-digit hashed WASM",
            &format!("/{SHORT_HASH_WASM}"),
            200,
            "application/wasm",
            IMMUTABLE,
        ),
        expect("an unknown route", "/no-such-page", 404, "text/html", "no-cache"),
        expect("a Spanish route", "/es/check", 200, "text/html", "no-cache"),
        // The devserver answers with es/404.html: the bodies must be the same.
        expect(
            "an unknown Spanish route",
            "/es/no-existe",
            404,
            "text/html",
            "no-cache",
        ),
        expect(
            "the Spanish manifest",
            "/es/manifest.webmanifest",
            200,
            "application/manifest+json",
            "no-cache",
        ),
        expect("a missing file", "/missing-0123456789abcdef.js", 404, "text/plain", ""),
    ];
    for entry in std::fs::read_dir(site)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".css") {
            out.push(expect(
                "the hashed CSS",
                &format!("/{name}"),
                200,
                "text/css",
                IMMUTABLE,
            ));
        } else if name.ends_with(".js") && name != "sw.js" {
            out.push(expect(
                &format!("the hashed script {name}"),
                &format!("/{name}"),
                200,
                "text/javascript",
                IMMUTABLE,
            ));
        }
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_with_the_deploy_config_answers_as_the_devserver_does() -> TestResult {
    let (site, wasm) = site_with_a_short_hash()?;
    let nginx = Nginx::start(site.path())?;
    let dev = devserver::start(site.path(), "127.0.0.1:0".parse()?, "/").await?;
    let dev_port = dev.addr.port();
    let policy = policy::csp_of_build(site.path());
    ensure!(
        policy.contains("style-src 'self' 'sha256-"),
        "the build's _headers has no policy allowing its stylesheet: {policy}"
    );
    let mut problems = Vec::new();
    for Expected {
        what,
        path,
        status,
        media,
        cache,
    } in expectations(site.path(), &wasm)?
    {
        let (n, d) = (
            get(nginx.port, &path)?,
            tokio::task::spawn_blocking({
                let path = path.clone();
                move || get(dev_port, &path)
            })
            .await??,
        );
        let mut wrong = |msg: String| problems.push(format!("{what} ({path}): {msg}"));
        if n.status != status || d.status != status {
            wrong(format!(
                "status nginx {} / devserver {}, expected {status}",
                n.status, d.status
            ));
        }
        if n.media_type() != media || d.media_type() != media {
            wrong(format!(
                "type nginx {:?} / devserver {:?}, expected {media}",
                n.header("content-type"),
                d.header("content-type")
            ));
        }
        if !cache.is_empty() && (n.header("cache-control") != cache || d.header("cache-control") != cache) {
            wrong(format!(
                "Cache-Control nginx {:?} / devserver {:?}, expected {cache:?}",
                n.header("cache-control"),
                d.header("cache-control")
            ));
        }
        for (name, value) in policy::SECURITY_HEADERS {
            if n.header(name) != value {
                wrong(format!("nginx sends {name}: {:?}", n.header(name)));
            }
        }
        for (who, answer) in [("nginx", &n), ("devserver", &d)] {
            let sent = answer.header("content-security-policy");
            if sent != policy {
                wrong(format!("{who} sends the CSP {sent:?}, not the build's {policy:?}"));
            }
            // Each page's inline stylesheet must be allowed, or the page shows unstyled.
            for style in inline_styles(&answer.body) {
                let hash = policy::csp_hash(style.as_bytes());
                if !sent.contains(&hash) {
                    wrong(format!(
                        "{who}'s CSP lacks the inline stylesheet's hash {hash} (style-src of {sent:?})"
                    ));
                }
            }
        }
        if media == "text/html" && inline_styles(&n.body).len() != 1 {
            wrong("the page does not carry exactly one inline stylesheet".into());
        }
        if n.body != d.body {
            wrong(format!(
                "nginx's body ({} bytes) differs from the devserver's ({} bytes)",
                n.body.len(),
                d.body.len()
            ));
        }
        if status == 404 && media == "text/plain" && String::from_utf8_lossy(&n.body).contains('<') {
            wrong("a missing file is answered with a page".into());
        }
    }
    dev.stop().await;
    drop(nginx);
    ensure!(
        problems.is_empty(),
        "deploy/nginx.conf in nginx answers wrongly:\n  {}",
        problems.join("\n  ")
    );
    Ok(())
}

/// Served by nginx with the deploy config, the app installs its service worker (every file arrives with
/// the type the worker checks) and then works with nginx stopped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_by_nginx_the_app_installs_and_works_offline() -> TestResult {
    let (site, _) = site_with_a_short_hash()?;
    let mut nginx = Nginx::start(site.path())?;
    let b = Browser::launch().await?;
    b.open(&nginx.url("/glossary")).await?;
    b.wait_for_service_worker().await?;
    nginx.stop();
    ensure!(
        TcpStream::connect(("127.0.0.1", nginx.port)).is_err(),
        "nginx still answers after stop()"
    );
    b.open(&nginx.url("/check")).await?;
    let h1 = b.texts("main h1").await?;
    ensure!(
        h1 == ["Check for red flags"],
        "offline after a visit served by nginx, /check shows {h1:?}\n{}",
        b.describe().await
    );
    let tels = b.tel_links().await?;
    ensure!(
        tels.iter().any(|t| t == "tel:+18008435678"),
        "offline, /check has no NCMEC link: {tels:?}"
    );
    let violations = b.csp_violations().await?;
    ensure!(violations.is_empty(), "CSP violations: {violations:?}");
    b.quit().await;
    Ok(())
}
