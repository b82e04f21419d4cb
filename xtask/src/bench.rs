//! `cargo xtask bench`: what a first visit costs, in bytes and in time, against the physical limit.
//!
//! 1. Builds the release app (`crate::build`) into `target/bench-dist` (or `--dist DIR`, or reuses it
//!    with `--no-build`), and sizes every file raw, gzip (level 9) and brotli (quality 11).
//! 2. Serves it with a small compressing server (this file, [`StaticServer`]): the devserver serves
//!    uncompressed, which would make every timing pessimistic; this one answers with brotli (or gzip)
//!    like a production host, uses the devserver's headers, and logs every request, including the
//!    service worker's own precache fetches that no page-side API sees.
//! 3. Makes the reference: the page the app renders at `/`, captured once, written out as plain static
//!    HTML with the same stylesheet and no script. Same text, same CSS: the fastest this page can be.
//! 4. In headless Chromium over CDP, under Lighthouse's mobile conditions (412×823, CPU 4× slower,
//!    150 ms RTT, 1.6 Mbit/s down), for each of `--runs N` (default 5) fresh profiles, app and reference
//!    alternately: a cold visit of `/`, taps on a sign at `/check` (app only), then a warm visit with the
//!    server stopped (app: served by its service worker; reference: a bookmark in the HTTP cache, server up).
//! 5. Prints a table (medians, app / reference) and writes `bench-results/bench.json`.
//!
//! Budgets are reported, never asserted: this is a benchmark, not a test.

use crate::{root, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const KIB: f64 = 1024.0;

/// The budgets (see the README's performance section).
pub mod budget {
    /// Everything a cold first visit transfers, brotli-compressed.
    pub const COLD_WIRE_BYTES: u64 = 90 * 1024;
    /// The WebAssembly, brotli-compressed.
    pub const WASM_BR_BYTES: u64 = 70 * 1024;
    /// Largest contentful paint, app / reference.
    pub const LCP_RATIO: f64 = 1.1;
    /// From the tap on a sign to the result's text changing, CPU 4× slower.
    pub const TAP_MS: f64 = 50.0;
    /// A long task is one over 50 ms; none is allowed once the app is interactive.
    pub const LONG_TASK_MS: f64 = 50.0;
}

/// Lighthouse's mobile conditions ("slow 4G", Moto G Power class).
mod mobile {
    pub const WIDTH: u32 = 412;
    pub const HEIGHT: u32 = 823;
    pub const DEVICE_SCALE: f64 = 1.75;
    pub const CPU_SLOWDOWN: f64 = 4.0;
    pub const RTT_MS: f64 = 150.0;
    /// 1638.4 kbit/s down, 750 kbit/s up, in bytes per second.
    pub const DOWN_BYTES_PER_S: f64 = 1638.4 * 1024.0 / 8.0;
    pub const UP_BYTES_PER_S: f64 = 750.0 * 1024.0 / 8.0;
}

// ---------------------------------------------------------------------------------------------------
// Pure parts (unit-tested natively below)
// ---------------------------------------------------------------------------------------------------

/// The median of `xs` (mean of the middle two for an even count); `None` when empty.
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// `app / reference`, when both are known and the reference is not zero.
pub fn ratio(app: Option<f64>, reference: Option<f64>) -> Option<f64> {
    match (app, reference) {
        (Some(a), Some(r)) if r > 0.0 => Some(a / r),
        _ => None,
    }
}

pub fn gzip_size(bytes: &[u8]) -> usize {
    gzip(bytes).len()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Brotli at quality 11, window 22: what a host that precompresses its static files serves.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out
}

pub fn brotli_size(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// One file of `dist/` and its sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl FileSize {
    /// What a host sends: brotli unless it would be larger (already-compressed images).
    pub fn wire(&self) -> usize {
        self.brotli.min(self.raw)
    }
}

pub fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / KIB)
}

pub fn fmt_opt(x: Option<f64>, unit: &str, decimals: usize) -> String {
    match x {
        Some(v) => format!("{v:.decimals$}{unit}"),
        None => "n/a".into(),
    }
}

/// A plain-text table: the first row is the header; columns padded to their widest cell, the first
/// left-aligned, the rest right-aligned.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, w) in width.iter().enumerate() {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let pad = w - cell.chars().count();
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(width.iter().sum::<usize>() + 2 * cols.saturating_sub(1)));
            out.push('\n');
        }
    }
    out
}

/// "ok" / "OVER" for a budget, "n/a" when the figure is unknown.
pub fn verdict(within: Option<bool>) -> String {
    match within {
        Some(true) => "ok".into(),
        Some(false) => "OVER".into(),
        None => "n/a".into(),
    }
}

/// The reference page: the app's `<head>` without scripts, preloads or the manifest (a plain page
/// has none of them), the `<html>` tag as the app left it, and the body the app rendered.
pub fn reference_html(dist_index: &str, html_open_tag: &str, body_markup: &str) -> Result<String> {
    let head_start = dist_index.find("<head>").ok_or("dist/index.html has no <head>")?;
    let head_end = dist_index.find("</head>").ok_or("dist/index.html has no </head>")? + "</head>".len();
    let head = strip_tags(&dist_index[head_start..head_end]);
    let body = remove_elements(body_markup, "<script", "</script>");
    Ok(format!(
        "<!doctype html>\n{html_open_tag}\n{head}\n<body>{body}</body>\n</html>\n"
    ))
}

/// Removes what only an app needs from a `<head>`: scripts, module/wasm preloads, the manifest.
fn strip_tags(head: &str) -> String {
    let head = remove_elements(head, "<script", "</script>");
    let mut out = String::with_capacity(head.len());
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<link") {
        let end = match rest[start..].find('>') {
            Some(e) => start + e + 1,
            None => break,
        };
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        let drop = ["rel=\"modulepreload\"", "rel=\"preload\"", "rel=\"manifest\""]
            .iter()
            .any(|r| tag.contains(r));
        if !drop {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn remove_elements(s: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(e) => rest = &rest[start + e + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The files a cold visit fetched (from the server's log), each with its wire size and how many times
/// it was fetched (a service worker that precaches with its own requests fetches files a second time).
pub fn cold_transfer(log: &[LogEntry], sizes: &[FileSize]) -> Vec<(String, usize, usize)> {
    let by_name: BTreeMap<&str, &FileSize> = sizes.iter().map(|f| (f.name.as_str(), f)).collect();
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in log {
        if let Some(f) = e.file.as_deref().and_then(|f| by_name.get(f)) {
            seen.entry(f.name.clone()).or_insert((f.wire(), 0)).1 += 1;
        }
    }
    seen.into_iter().map(|(n, (w, c))| (n, w, c)).collect()
}

/// Total on the wire: every fetch counts, repeats included.
pub fn transfer_total(t: &[(String, usize, usize)]) -> usize {
    t.iter().map(|(_, w, c)| w * c).sum()
}

// ---------------------------------------------------------------------------------------------------
// A compressing static server with a request log
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct LogEntry {
    pub path: String,
    /// The file of the served folder that answered, if any.
    pub file: Option<String>,
    pub encoding: &'static str,
    pub body_bytes: usize,
}

struct Asset {
    raw: Vec<u8>,
    br: Vec<u8>,
    gz: Vec<u8>,
}

pub struct StaticServer {
    pub addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<LogEntry>>>,
    conns: Arc<Mutex<Vec<TcpStream>>>,
    accept: Option<std::thread::JoinHandle<()>>,
}

/// Every file below `dir` (relative name → bytes), in a stable order.
/// Every file under `dir` by relative path (the precache step's walk).
fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    Ok(crate::precache::files_under(dir)?.into_iter().collect())
}

fn mime(name: &str) -> &'static str {
    if let Some(ct) = devserver::content_type(name) {
        return ct;
    }
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

impl StaticServer {
    /// Serves `dir` on 127.0.0.1 (a free port); compresses every file once, up front.
    pub fn start(dir: &Path) -> Result<(StaticServer, Vec<FileSize>)> {
        let files = read_tree(dir)?;
        let mut assets = BTreeMap::new();
        let mut sizes = Vec::new();
        for (name, raw) in files {
            let br = brotli(&raw);
            let gz = gzip(&raw);
            sizes.push(FileSize {
                name: name.clone(),
                raw: raw.len(),
                gzip: gz.len(),
                brotli: br.len(),
            });
            assets.insert(name, Asset { raw, br, gz });
        }
        let assets = Arc::new(assets);
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bench server: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let stopping = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let conns = Arc::new(Mutex::new(Vec::new()));
        let accept = {
            let (stopping, log, conns) = (stopping.clone(), log.clone(), conns.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    if let Ok(c) = stream.try_clone() {
                        if let Ok(mut v) = conns.lock() {
                            v.push(c);
                        }
                    }
                    let (assets, log) = (assets.clone(), log.clone());
                    std::thread::spawn(move || serve_connection(stream, &assets, &log));
                }
            })
        };
        Ok((
            StaticServer {
                addr,
                stopping,
                log,
                conns,
                accept: Some(accept),
            },
            sizes,
        ))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn take_log(&self) -> Vec<LogEntry> {
        self.log.lock().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default()
    }

    /// Stops accepting and closes every open connection: the origin is really gone (offline).
    pub fn stop(&mut self) {
        if self.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(500));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        if let Ok(mut v) = self.conns.lock() {
            for c in v.drain(..) {
                let _ = c.shutdown(Shutdown::Both);
            }
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve_connection(stream: TcpStream, assets: &BTreeMap<String, Asset>, log: &Mutex<Vec<LogEntry>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut accept_encoding = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("accept-encoding") {
                    accept_encoding = v.trim().to_ascii_lowercase();
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let file = devserver::resolve("/", path).filter(|f| !f.split('/').any(|s| s == "..") && assets.contains_key(f));
        let (status, body, encoding, name): (&str, &[u8], &'static str, String) = match &file {
            Some(f) => {
                let a = &assets[f];
                let accepts = |enc: &str| {
                    accept_encoding
                        .split(',')
                        .any(|e| e.trim().split(';').next() == Some(enc))
                };
                let (body, enc): (&[u8], &'static str) = if accepts("br") && a.br.len() < a.raw.len() {
                    (&a.br, "br")
                } else if accepts("gzip") && a.gz.len() < a.raw.len() {
                    (&a.gz, "gzip")
                } else {
                    (&a.raw, "identity")
                };
                ("200 OK", body, enc, f.rsplit('/').next().unwrap_or(f).to_string())
            }
            None => (
                "404 Not Found",
                b"404 Not Found\n".as_slice(),
                "identity",
                String::new(),
            ),
        };
        if let Ok(mut l) = log.lock() {
            l.push(LogEntry {
                path: path.to_string(),
                file: file.clone(),
                encoding,
                body_bytes: body.len(),
            });
        }
        let mut head = format!(
            "HTTP/1.1 {status}\r\ncontent-type: {}\r\ncontent-length: {}\r\nvary: accept-encoding\r\n",
            if file.is_some() {
                mime(&name)
            } else {
                "text/plain; charset=utf-8"
            },
            body.len()
        );
        if encoding != "identity" {
            head.push_str(&format!("content-encoding: {encoding}\r\n"));
        }
        let headers = if file.is_some() {
            devserver::headers_for(&name)
        } else {
            devserver::SECURITY_HEADERS.to_vec()
        };
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).is_err() {
            return;
        }
        if method != "HEAD" && writer.write_all(body).is_err() {
            return;
        }
        let _ = writer.flush();
    }
}

// ---------------------------------------------------------------------------------------------------
// Chromium and a synchronous CDP client
// ---------------------------------------------------------------------------------------------------

struct Browser {
    child: Child,
    profile: PathBuf,
    port: u16,
}

impl Browser {
    fn launch(profile: PathBuf) -> Result<Browser> {
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| format!("cannot create {}: {e}", profile.display()))?;
        let child = Command::new(CHROMIUM)
            .args(crate::setup::CHROMIUM_FLAGS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {CHROMIUM}: {e} (run `cargo xtask setup --browser`)"))?;
        let mut browser = Browser {
            child,
            profile,
            port: 0,
        };
        // Chromium writes the port it chose into the profile.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(s) = std::fs::read_to_string(browser.profile.join("DevToolsActivePort")) {
                if let Some(port) = s.lines().next().and_then(|p| p.trim().parse().ok()) {
                    browser.port = port;
                    return Ok(browser);
                }
            }
            if Instant::now() > deadline {
                return Err("Chromium did not open its DevTools port within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first page target's CDP session.
    fn page(&self) -> Result<Cdp> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let list = http_get_json(self.port, "/json/list");
            if let Ok(Value::Array(targets)) = &list {
                let ws = targets
                    .iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str());
                if let Some(ws) = ws {
                    return Cdp::connect(ws);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no page target in Chromium: {list:?}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn http_get_json(port: u16, path: &str) -> Result<Value> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    // Chromium's DevTools HTTP server ignores HTTP/1.0 and may keep the connection open: read by length.
    let mut text = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        let n = s.read(&mut buf).map_err(|e| e.to_string())?;
        text.extend_from_slice(&buf[..n]);
        let t = String::from_utf8_lossy(&text).into_owned();
        if let Some((head, body)) = t.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| {
                    l.split_once(':')
                        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                })
                .and_then(|(_, v)| v.trim().parse::<usize>().ok());
            if n == 0 || len.is_some_and(|len| body.len() >= len) {
                return serde_json::from_str(body).map_err(|e| format!("bad JSON from Chromium {path}: {e}"));
            }
        }
        if n == 0 {
            return Err("bad HTTP answer from Chromium".into());
        }
    }
}

struct Cdp {
    ws: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
}

impl Cdp {
    fn connect(url: &str) -> Result<Cdp> {
        let hostport = url
            .strip_prefix("ws://")
            .and_then(|r| r.split('/').next())
            .ok_or_else(|| format!("unexpected DevTools URL {url}"))?;
        let stream = TcpStream::connect(hostport).map_err(|e| format!("cannot reach DevTools at {hostport}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(90)))
            .map_err(|e| e.to_string())?;
        let (ws, _) = tungstenite::client::client(url, stream).map_err(|e| format!("DevTools handshake: {e}"))?;
        Ok(Cdp { ws, next_id: 0 })
    }

    /// Sends one command and waits for its answer; events in between are dropped (we poll the page).
    fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params }).to_string();
        self.ws
            .send(tungstenite::Message::text(msg))
            .map_err(|e| format!("CDP {method}: {e}"))?;
        loop {
            let msg = self.ws.read().map_err(|e| format!("CDP {method}: {e}"))?;
            let tungstenite::Message::Text(text) = msg else {
                continue;
            };
            let v: Value = serde_json::from_str(text.as_str()).map_err(|e| format!("CDP {method}: bad JSON: {e}"))?;
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    return Err(format!("CDP {method} failed: {err}"));
                }
                return Ok(v["result"].clone());
            }
        }
    }

    /// Evaluates `expr` in the page (awaiting a promise) and returns its value as JSON.
    fn eval(&mut self, expr: &str) -> Result<Value> {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "awaitPromise": true, "returnByValue": true }),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            let text = ex["exception"]["description"]
                .as_str()
                .or(ex["text"].as_str())
                .unwrap_or("exception");
            return Err(format!("in page: {text}"));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Evaluates until it succeeds and returns something other than null (a navigation may be committing).
    fn eval_until(&mut self, expr: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        while Instant::now() < deadline {
            match self.eval(expr) {
                Ok(Value::Null) => {}
                Ok(v) => return Ok(v),
                Err(e) => last = e,
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "timed out after {} s waiting for the page ({last})",
            timeout.as_secs()
        ))
    }

    fn emulate_mobile(&mut self) -> Result {
        self.call("Page.enable", json!({}))?;
        self.call("Network.enable", json!({}))?;
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": mobile::WIDTH, "height": mobile::HEIGHT,
                    "deviceScaleFactor": mobile::DEVICE_SCALE, "mobile": true }),
        )?;
        self.call(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": mobile::CPU_SLOWDOWN }),
        )?;
        self.call(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": mobile::RTT_MS,
                    "downloadThroughput": mobile::DOWN_BYTES_PER_S,
                    "uploadThroughput": mobile::UP_BYTES_PER_S }),
        )?;
        self.call("Page.addScriptToEvaluateOnNewDocument", json!({ "source": OBSERVE }))?;
        Ok(())
    }
}

/// Injected before any of the page's own scripts: records paints, layout shifts, long tasks, when the
/// call link is first laid out on screen and when the app is ready, and resolves `__benchDone` with all
/// of it 2 s after ready (for the reference, after DOMContentLoaded).
const OBSERVE: &str = r#"(() => {
  const m = { fcp: null, lcp: null, cls: 0, shifts: [], longTasks: [], callVisible: null, ready: null, dcl: null };
  window.__bench = m;
  const obs = (type, fn) => { try { new PerformanceObserver(l => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch (e) {} };
  obs('paint', e => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
  obs('largest-contentful-paint', e => { m.lcp = e.startTime; });
  obs('layout-shift', e => { if (!e.hadRecentInput) { m.cls += e.value; m.shifts.push([e.startTime, e.value]); } });
  obs('longtask', e => { m.longTasks.push([e.startTime, e.duration]); });
  obs('mark', e => { if (e.name === 'app-ready' && m.ready === null) m.ready = e.startTime; });
  const poll = () => {
    if (m.callVisible === null) {
      const el = document.querySelector('.call-main');
      if (el) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && getComputedStyle(el).visibility !== 'hidden') m.callVisible = performance.now();
      }
    }
    if (m.ready === null && document.documentElement && document.documentElement.getAttribute('data-app') === 'ready') m.ready = performance.now();
    if (m.callVisible === null || m.ready === null) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  document.addEventListener('DOMContentLoaded', () => { m.dcl = performance.now(); });
  window.__benchDone = new Promise(resolve => {
    const wait = () => {
      const app = !!document.querySelector('script[src]');
      // A static page is usable once it is parsed and painted.
      const at = app ? m.ready : (m.dcl !== null && m.fcp !== null ? Math.max(m.dcl, m.fcp) : null);
      if (at === null) return setTimeout(wait, 50);
      setTimeout(() => resolve(Object.assign({}, m, { interactive: at, isApp: app })), 2000);
    };
    wait();
  });
})();"#;

/// Figures of one page load.
#[derive(Debug, Clone, Default)]
struct Load {
    fcp: Option<f64>,
    lcp: Option<f64>,
    call_visible: Option<f64>,
    interactive: Option<f64>,
    cls: f64,
    long_tasks_after_ready: usize,
    max_long_task_after_ready: f64,
    call_in_first_paint: bool,
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn load_figures(v: &Value) -> Load {
    let interactive = num(&v["interactive"]);
    let after: Vec<f64> = v["longTasks"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|t| num(&t[0]).zip(interactive).is_some_and(|(s, i)| s >= i))
                .filter_map(|t| num(&t[1]))
                .collect()
        })
        .unwrap_or_default();
    let fcp = num(&v["fcp"]);
    let call_visible = num(&v["callVisible"]);
    Load {
        fcp,
        lcp: num(&v["lcp"]),
        call_visible,
        interactive,
        cls: num(&v["cls"]).unwrap_or(0.0),
        long_tasks_after_ready: after.iter().filter(|d| **d > budget::LONG_TASK_MS).count(),
        max_long_task_after_ready: after.iter().copied().fold(0.0, f64::max),
        // rAF runs before the frame's paint: laid out at or before the first contentful paint means painted in it.
        call_in_first_paint: matches!((call_visible, fcp), (Some(c), Some(f)) if c <= f + 0.5),
    }
}

fn measure_load(cdp: &mut Cdp, url: &str) -> Result<Load> {
    cdp.call("Page.navigate", json!({ "url": url }))?;
    let v = cdp.eval_until(
        "window.__benchDone ? window.__benchDone : null",
        Duration::from_secs(90),
    )?;
    Ok(load_figures(&v))
}

/// Taps `#sign-running-away` at `/check` `n` times; ms from the tap (pointerup) to the result's text
/// changing, and to the next frame after it.
fn measure_taps(cdp: &mut Cdp, n: usize) -> Result<Vec<(f64, f64)>> {
    const PREPARE: &str = r#"(async () => {
      const frame = () => new Promise(r => requestAnimationFrame(() => r()));
      const input = document.querySelector('#sign-running-away');
      if (!input) return { error: 'no #sign-running-away on /check' };
      if (!document.querySelector('.result .status')) return { error: 'no .result .status on /check' };
      input.scrollIntoView({ block: 'center' });
      await frame(); await frame();
      let el = input;
      const r0 = el.getBoundingClientRect();
      if (r0.width < 4 || r0.height < 4) el = input.closest('label') || input;
      const r = el.getBoundingClientRect();
      const status = () => document.querySelector('.result .status').textContent;
      const t = window.__tap = { before: status(), t0: null, t1: null, frame: null };
      addEventListener('pointerup', e => { if (t.t0 === null) t.t0 = e.timeStamp; }, { capture: true });
      const mo = new MutationObserver(() => {
        if (t.t1 === null && status() !== t.before) {
          t.t1 = performance.now(); mo.disconnect();
          requestAnimationFrame(() => setTimeout(() => { t.frame = performance.now(); }, 0));
        }
      });
      mo.observe(document.querySelector('.result'), { childList: true, characterData: true, subtree: true });
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    })()"#;
    let mut out = Vec::new();
    for _ in 0..n {
        let at = cdp.eval(PREPARE)?;
        if let Some(e) = at["error"].as_str() {
            return Err(e.to_string());
        }
        let (x, y) = (num(&at["x"]).unwrap_or(0.0), num(&at["y"]).unwrap_or(0.0));
        for kind in ["mousePressed", "mouseReleased"] {
            cdp.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )?;
        }
        let v = cdp.eval_until(
            "(window.__tap && window.__tap.frame !== null && window.__tap.t0 !== null) ? window.__tap : null",
            Duration::from_secs(10),
        )?;
        if let (Some(t0), Some(t1), Some(f)) = (num(&v["t0"]), num(&v["t1"]), num(&v["frame"])) {
            out.push((t1 - t0, f - t0));
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    Ok(out)
}

/// One fresh-profile run of the app or the reference.
#[derive(Debug, Default)]
struct Run {
    cold: Load,
    warm: Option<Load>,
    taps: Vec<(f64, f64)>,
    transfer_log: Vec<LogEntry>,
    service_worker: bool,
}

fn run_once(site: &Path, is_app: bool, profile: PathBuf) -> Result<Run> {
    let (mut server, _) = StaticServer::start(site)?;
    let browser = Browser::launch(profile)?;
    let mut cdp = browser.page()?;
    cdp.emulate_mobile()?;
    let mut run = Run {
        cold: measure_load(&mut cdp, &server.url("/"))?,
        ..Run::default()
    };
    if is_app {
        // Let the service worker (if any) install and precache: that is part of the first visit.
        let sw = cdp.eval(
            "(async () => { if (!('serviceWorker' in navigator)) return false; \
               const reg = await navigator.serviceWorker.getRegistration(); if (!reg) return false; \
               await Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 15000))]); \
               return !!(reg.active); })()",
        )?;
        run.service_worker = sw.as_bool().unwrap_or(false);
        std::thread::sleep(Duration::from_millis(500));
        run.transfer_log = server.take_log();
        cdp.call("Page.navigate", json!({ "url": server.url("/check") }))?;
        cdp.eval_until(
            "(window.__bench && window.__bench.ready !== null) ? true : null",
            Duration::from_secs(60),
        )?;
        run.taps = measure_taps(&mut cdp, 3)?;
        if run.service_worker {
            server.stop();
            run.warm = Some(measure_load(&mut cdp, &server.url("/"))?);
        }
    } else {
        run.transfer_log = server.take_log();
        run.warm = Some(measure_load(&mut cdp, &server.url("/"))?);
    }
    server.stop();
    Ok(run)
}

/// Loads the app once (no throttling) and writes its rendered home screen as the static reference.
fn make_reference(dist: &Path, out: &Path) -> Result {
    let (server, _) = StaticServer::start(dist)?;
    let browser = Browser::launch(root().join("target/bench-profile-ref"))?;
    let mut cdp = browser.page()?;
    cdp.call("Page.enable", json!({}))?;
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": mobile::WIDTH, "height": mobile::HEIGHT, "deviceScaleFactor": mobile::DEVICE_SCALE, "mobile": true }),
    )?;
    cdp.call("Page.navigate", json!({ "url": server.url("/") }))?;
    let v = cdp.eval_until(
        "document.documentElement.getAttribute('data-app') === 'ready' \
           ? { html: document.documentElement.outerHTML.slice(0, document.documentElement.outerHTML.indexOf('>') + 1), \
               body: document.body.innerHTML } : null",
        Duration::from_secs(60),
    )?;
    let (Some(open), Some(body)) = (v["html"].as_str(), v["body"].as_str()) else {
        return Err("could not read the rendered page".into());
    };
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
    let html = reference_html(&index, open, body)?;
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for (name, bytes) in read_tree(dist)? {
        // The reference keeps the stylesheet and icons, and nothing that runs.
        if name.ends_with(".js") || name.ends_with(".wasm") || name.ends_with(".html") || name.ends_with(".webmanifest")
        {
            continue;
        }
        let to = out.join(&name);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&to, bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    }
    std::fs::write(out.join("index.html"), html).map_err(|e| format!("cannot write reference: {e}"))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------------

/// Medians over runs of one figure of cold or warm loads.
fn med(loads: &[&Load], f: impl Fn(&Load) -> Option<f64>) -> Option<f64> {
    median(&loads.iter().filter_map(|l| f(l)).collect::<Vec<_>>())
}

pub fn run(args: &[String]) -> Result {
    let started = Instant::now();
    let root = root();
    let runs: usize = match crate::flag(args, "--runs") {
        Some(n) => n.parse().map_err(|_| format!("--runs `{n}` is not a number"))?,
        None => 5,
    };
    let dist = crate::flag(args, "--dist")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench-dist"));
    if !args.iter().any(|a| a == "--no-build") {
        crate::build("/", &dist)?;
    }
    if !dist.join("index.html").exists() {
        return Err(format!(
            "{}/index.html is missing: run without --no-build",
            dist.display()
        ));
    }
    let results = root.join("bench-results");
    std::fs::create_dir_all(&results).map_err(|e| format!("cannot create bench-results/: {e}"))?;

    println!("\n== bench: sizes ==");
    let sizes = {
        let files = read_tree(&dist)?;
        files
            .iter()
            .map(|(name, raw)| FileSize {
                name: name.clone(),
                raw: raw.len(),
                gzip: gzip_size(raw),
                brotli: brotli_size(raw),
            })
            .collect::<Vec<_>>()
    };
    let wasm_br = sizes
        .iter()
        .filter(|f| f.name.ends_with(".wasm"))
        .map(|f| f.brotli as u64)
        .sum::<u64>();

    println!("== bench: reference page (the app's home screen as static HTML, no script) ==");
    let reference = results.join("reference");
    make_reference(&dist, &reference)?;

    println!("== bench: {runs} runs each, mobile conditions (412x823, CPU 4x, 150 ms RTT, 1.6 Mbit/s) ==");
    let mut app_runs = Vec::new();
    let mut ref_runs = Vec::new();
    for i in 0..runs {
        let t = Instant::now();
        app_runs.push(run_once(
            &dist,
            true,
            root.join(format!("target/bench-profile-app-{i}")),
        )?);
        ref_runs.push(run_once(
            &reference,
            false,
            root.join(format!("target/bench-profile-ref-{i}")),
        )?);
        println!("   run {}/{runs}: {:.0} s", i + 1, t.elapsed().as_secs_f64());
    }

    // What the first visit fetched (first run; every run fetches the same files).
    let transfer = cold_transfer(&app_runs[0].transfer_log, &sizes);
    let cold_total: usize = transfer_total(&transfer);
    let unique_total: usize = transfer.iter().map(|(_, w, _)| *w).sum();
    let unserved: Vec<&str> = app_runs[0]
        .transfer_log
        .iter()
        .filter(|e| e.file.is_none())
        .map(|e| e.path.as_str())
        .collect();
    let ref_sizes: Vec<FileSize> = read_tree(&reference)?
        .iter()
        .map(|(n, raw)| FileSize {
            name: n.clone(),
            raw: raw.len(),
            gzip: gzip_size(raw),
            brotli: brotli_size(raw),
        })
        .collect();
    let ref_transfer = cold_transfer(&ref_runs[0].transfer_log, &ref_sizes);
    let ref_total: usize = transfer_total(&ref_transfer);
    let service_worker = app_runs.iter().all(|r| r.service_worker);
    // What the bench server actually sent (bodies only), and in which encodings Chromium accepted.
    let served: usize = app_runs[0].transfer_log.iter().map(|e| e.body_bytes).sum();
    let mut encodings: Vec<&str> = app_runs[0].transfer_log.iter().map(|e| e.encoding).collect();
    encodings.sort();
    encodings.dedup();

    // Tables.
    let mut size_rows = vec![vec![
        "file".to_string(),
        "raw".into(),
        "gzip".into(),
        "brotli".into(),
        "cold visit".into(),
    ]];
    for f in &sizes {
        let fetched = transfer
            .iter()
            .find(|(n, _, _)| n == &f.name)
            .map(|(_, _, c)| format!("{c}x"))
            .unwrap_or_default();
        size_rows.push(vec![f.name.clone(), kib(f.raw), kib(f.gzip), kib(f.brotli), fetched]);
    }
    let sum = |g: fn(&FileSize) -> usize| sizes.iter().map(g).sum::<usize>();
    size_rows.push(vec![
        "(all of dist/)".into(),
        kib(sum(|f| f.raw)),
        kib(sum(|f| f.gzip)),
        kib(sum(|f| f.brotli)),
        "".into(),
    ]);
    println!("\n{}", table(&size_rows));

    let budget_rows = vec![
        vec!["size budget".to_string(), "measured".into(), "budget".into(), "".into()],
        vec![
            "cold first visit on the wire (brotli, every fetch)".into(),
            kib(cold_total),
            kib(budget::COLD_WIRE_BYTES as usize),
            verdict(Some(cold_total as u64 <= budget::COLD_WIRE_BYTES)),
        ],
        vec![
            "  the same, each file once".into(),
            kib(unique_total),
            "".into(),
            "".into(),
        ],
        vec![
            "WASM (brotli)".into(),
            kib(wasm_br as usize),
            kib(budget::WASM_BR_BYTES as usize),
            verdict(Some(wasm_br <= budget::WASM_BR_BYTES)),
        ],
        vec![
            "reference page on the wire (brotli)".into(),
            kib(ref_total),
            "".into(),
            "".into(),
        ],
    ];
    println!("{}", table(&budget_rows));
    println!(
        "bench server sent {} of bodies ({}) on the first visit",
        kib(served),
        encodings.join(", ")
    );
    println!(
        "cold visit fetched: {}{}\n",
        transfer
            .iter()
            .map(|(n, b, c)| format!(
                "{n} ({}{})",
                kib(*b),
                if *c > 1 { format!(" x{c}") } else { String::new() }
            ))
            .collect::<Vec<_>>()
            .join(", "),
        if unserved.is_empty() {
            String::new()
        } else {
            format!("; not found: {}", unserved.join(", "))
        }
    );

    let app_cold: Vec<&Load> = app_runs.iter().map(|r| &r.cold).collect();
    let ref_cold: Vec<&Load> = ref_runs.iter().map(|r| &r.cold).collect();
    let app_warm: Vec<&Load> = app_runs.iter().filter_map(|r| r.warm.as_ref()).collect();
    let ref_warm: Vec<&Load> = ref_runs.iter().filter_map(|r| r.warm.as_ref()).collect();
    let taps: Vec<f64> = app_runs.iter().flat_map(|r| r.taps.iter().map(|t| t.0)).collect();
    let tap_frames: Vec<f64> = app_runs.iter().flat_map(|r| r.taps.iter().map(|t| t.1)).collect();

    type Fig = (&'static str, &'static str, fn(&Load) -> Option<f64>, usize);
    let figures: [Fig; 7] = [
        ("first contentful paint", " ms", |l| l.fcp, 0),
        ("largest contentful paint", " ms", |l| l.lcp, 0),
        ("call link visible", " ms", |l| l.call_visible, 0),
        ("interactive (app ready / ref painted)", " ms", |l| l.interactive, 0),
        ("layout shift (CLS)", "", |l| Some(l.cls), 4),
        (
            "long tasks > 50 ms after ready",
            "",
            |l| Some(l.long_tasks_after_ready as f64),
            0,
        ),
        (
            "longest task after ready",
            " ms",
            |l| Some(l.max_long_task_after_ready),
            0,
        ),
    ];
    let mut json_figs = serde_json::Map::new();
    let mut rows = vec![vec![
        "figure (median)".to_string(),
        "app cold".into(),
        "ref cold".into(),
        "app/ref".into(),
        "app warm".into(),
        "ref warm".into(),
        "app/ref".into(),
    ]];
    let warm_na = if service_worker {
        "n/a"
    } else {
        "n/a (no service worker)"
    };
    for (name, unit, f, dec) in figures {
        let (ac, rc) = (med(&app_cold, f), med(&ref_cold, f));
        let (aw, rw) = (med(&app_warm, f), med(&ref_warm, f));
        rows.push(vec![
            name.into(),
            fmt_opt(ac, unit, dec),
            fmt_opt(rc, unit, dec),
            fmt_opt(ratio(ac, rc), "", 2),
            if service_worker {
                fmt_opt(aw, unit, dec)
            } else {
                warm_na.into()
            },
            fmt_opt(rw, unit, dec),
            fmt_opt(ratio(aw, rw), "", 2),
        ]);
        json_figs.insert(
            name.into(),
            json!({ "app_cold": ac, "ref_cold": rc, "ratio_cold": ratio(ac, rc),
                    "app_warm_offline": aw, "ref_warm_http_cache": rw, "ratio_warm": ratio(aw, rw) }),
        );
    }
    let (tap, tap_frame) = (median(&taps), median(&tap_frames));
    rows.push(vec![
        "tap sign -> result text".into(),
        fmt_opt(tap, " ms", 1),
        "n/a (no JS)".into(),
    ]);
    rows.push(vec![
        "tap sign -> next frame".into(),
        fmt_opt(tap_frame, " ms", 1),
        "n/a (no JS)".into(),
    ]);
    println!("{}", table(&rows));

    let in_first_paint = app_cold.iter().filter(|l| l.call_in_first_paint).count();
    let lcp_ratio = ratio(med(&app_cold, |l| l.lcp), med(&ref_cold, |l| l.lcp));
    let max_cls = app_cold
        .iter()
        .chain(app_warm.iter())
        .map(|l| l.cls)
        .fold(0.0, f64::max);
    let long_after = app_cold
        .iter()
        .chain(app_warm.iter())
        .map(|l| l.long_tasks_after_ready)
        .sum::<usize>();
    let worst_task = app_cold
        .iter()
        .chain(app_warm.iter())
        .map(|l| l.max_long_task_after_ready)
        .fold(0.0, f64::max);
    let speed_rows = vec![
        vec![
            "speed budget".to_string(),
            "measured".into(),
            "budget".into(),
            "".into(),
        ],
        vec![
            "LCP app / reference (cold)".into(),
            fmt_opt(lcp_ratio, "", 2),
            "<= 1.10".into(),
            verdict(lcp_ratio.map(|r| r <= budget::LCP_RATIO)),
        ],
        vec![
            "call link in the first paint (cold)".into(),
            format!("{in_first_paint}/{} runs", app_cold.len()),
            "every run".into(),
            verdict(Some(in_first_paint == app_cold.len())),
        ],
        vec![
            "layout shift, worst run".into(),
            format!("{max_cls:.4}"),
            "0".into(),
            verdict(Some(max_cls < 0.0001)),
        ],
        vec![
            "long tasks after ready (all runs)".into(),
            format!("{long_after} (longest {worst_task:.0} ms)"),
            "0".into(),
            verdict(Some(long_after == 0)),
        ],
        vec![
            "tap -> result, CPU 4x".into(),
            fmt_opt(tap, " ms", 1),
            "<= 50 ms".into(),
            verdict(tap.map(|t| t <= budget::TAP_MS)),
        ],
    ];
    println!("{}", table(&speed_rows));
    if !service_worker {
        println!("warm offline visit: n/a (no service worker registered: public/sw.js is still a placeholder?)");
    }

    let report = json!({
        "runs": runs,
        "conditions": { "viewport": [mobile::WIDTH, mobile::HEIGHT], "cpu_slowdown": mobile::CPU_SLOWDOWN,
                        "rtt_ms": mobile::RTT_MS, "down_bytes_per_s": mobile::DOWN_BYTES_PER_S },
        "files": sizes.iter().map(|f| json!({ "name": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli })).collect::<Vec<_>>(),
        "cold_transfer": { "files": transfer.iter().map(|(n, b, c)| json!({ "name": n, "brotli": b, "fetches": c })).collect::<Vec<_>>(),
                           "total_brotli": cold_total, "total_brotli_each_file_once": unique_total, "not_found": unserved,
                           "served_body_bytes": served, "served_encodings": encodings,
                           "budget": budget::COLD_WIRE_BYTES, "within": cold_total as u64 <= budget::COLD_WIRE_BYTES },
        "wasm_brotli": { "bytes": wasm_br, "budget": budget::WASM_BR_BYTES, "within": wasm_br <= budget::WASM_BR_BYTES },
        "reference_transfer_brotli": ref_total,
        "service_worker": service_worker,
        "warm": if service_worker { "app: second visit served by the service worker with the server stopped; reference: second visit from the HTTP cache, server up" } else { "n/a (no service worker)" },
        "figures": json_figs,
        "tap_to_result_ms": { "median": tap, "samples": taps, "budget": budget::TAP_MS },
        "tap_to_next_frame_ms": { "median": tap_frame, "samples": tap_frames },
        "call_link_in_first_paint_runs": in_first_paint,
        "lcp_ratio": lcp_ratio,
        "max_cls": max_cls,
        "long_tasks_after_ready": long_after,
        "longest_task_after_ready_ms": worst_task,
        "seconds": started.elapsed().as_secs_f64(),
    });
    let path = results.join("bench.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "wrote {} ({:.0} s in all)",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
    }

    #[test]
    fn ratio_needs_both_and_a_nonzero_reference() {
        assert_eq!(ratio(Some(3.0), Some(2.0)), Some(1.5));
        assert_eq!(ratio(Some(3.0), Some(0.0)), None);
        assert_eq!(ratio(None, Some(2.0)), None);
    }

    #[test]
    fn compressed_sizes_are_real_and_round_trip() {
        let text = "the call button in the first paint ".repeat(200);
        let br = brotli(text.as_bytes());
        assert!(br.len() < text.len() / 10, "brotli {} of {}", br.len(), text.len());
        let mut back = Vec::new();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        let gz = gzip(text.as_bytes());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert_eq!(gzip_size(text.as_bytes()), gz.len());
        assert_eq!(brotli_size(text.as_bytes()), br.len());
    }

    #[test]
    fn wire_size_never_exceeds_raw() {
        let f = FileSize {
            name: "a.png".into(),
            raw: 100,
            gzip: 120,
            brotli: 110,
        };
        assert_eq!(f.wire(), 100);
        let f = FileSize {
            name: "a.js".into(),
            raw: 100,
            gzip: 40,
            brotli: 30,
        };
        assert_eq!(f.wire(), 30);
    }

    #[test]
    fn table_pads_columns_and_underlines_the_header() {
        let t = table(&[vec!["name".into(), "n".into()], vec!["a".into(), "1234".into()]]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "name     n");
        assert_eq!(lines[1], "----------");
        assert_eq!(lines[2], "a     1234");
    }

    #[test]
    fn formatting() {
        assert_eq!(kib(2048), "2.0 KiB");
        assert_eq!(fmt_opt(Some(1.234), " ms", 1), "1.2 ms");
        assert_eq!(fmt_opt(None, " ms", 1), "n/a");
        assert_eq!(verdict(Some(false)), "OVER");
    }

    #[test]
    fn reference_drops_scripts_preloads_and_manifest_and_keeps_css() {
        let index = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
            <link rel=\"stylesheet\" href=\"/main-1.css\">\
            <link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\">\
            <link rel=\"manifest\" href=\"manifest.webmanifest\">\
            <script type=\"module\" src=\"/boot.js\"></script></head><body><div id=\"app\"></div></body></html>";
        let out = reference_html(
            index,
            "<html lang=\"en\" data-app=\"ready\">",
            "<div id=\"app\"><h1>Red flags</h1></div><script>x()</script>",
        )
        .unwrap();
        assert!(out.contains("main-1.css"));
        assert!(out.contains("<h1>Red flags</h1>"));
        assert!(out.contains("data-app=\"ready\""));
        for gone in ["<script", "modulepreload", "app.wasm", "manifest"] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert!(reference_html("<html>", "<html>", "").is_err());
    }

    #[test]
    fn cold_transfer_counts_every_fetch_of_each_file() {
        let sizes = vec![
            FileSize {
                name: "index.html".into(),
                raw: 3000,
                gzip: 1200,
                brotli: 1000,
            },
            FileSize {
                name: "app.wasm".into(),
                raw: 9000,
                gzip: 4000,
                brotli: 3000,
            },
            FileSize {
                name: "unused.png".into(),
                raw: 10,
                gzip: 10,
                brotli: 10,
            },
        ];
        let e = |p: &str, f: Option<&str>| LogEntry {
            path: p.into(),
            file: f.map(Into::into),
            encoding: "br",
            body_bytes: 0,
        };
        let log = vec![
            e("/", Some("index.html")),
            e("/app.wasm", Some("app.wasm")),
            e("/check", Some("index.html")),
            e("/x.js", None),
        ];
        let t = cold_transfer(&log, &sizes);
        assert_eq!(
            t,
            vec![("app.wasm".to_string(), 3000, 1), ("index.html".to_string(), 1000, 2)]
        );
        assert_eq!(transfer_total(&t), 5000);
    }

    #[test]
    fn load_figures_count_only_long_tasks_after_ready() {
        let v = json!({ "fcp": 100.0, "lcp": 300.0, "callVisible": 95.0, "interactive": 500.0, "cls": 0.0,
                        "longTasks": [[200.0, 400.0], [600.0, 70.0], [700.0, 30.0]] });
        let l = load_figures(&v);
        assert_eq!(l.long_tasks_after_ready, 1);
        assert_eq!(l.max_long_task_after_ready, 70.0);
        assert!(l.call_in_first_paint);
        let late = load_figures(&json!({ "fcp": 100.0, "callVisible": 400.0 }));
        assert!(!late.call_in_first_paint);
    }

    #[test]
    fn server_compresses_logs_and_stops() {
        let dir = std::env::temp_dir().join(format!("bench-server-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(dir.join("check")).unwrap();
        std::fs::write(dir.join("check/index.html"), "<p>hello</p>".repeat(100)).unwrap();
        let (mut server, sizes) = StaticServer::start(&dir).unwrap();
        assert_eq!(sizes[0].raw, 1200);
        let mut s = TcpStream::connect(server.addr).unwrap();
        write!(
            s,
            "GET /check HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = [0u8; 4096];
        let n = s.read(&mut buf).unwrap();
        let head = String::from_utf8_lossy(&buf[..n]).to_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("content-encoding: br"));
        assert!(head.contains(&format!("content-length: {}", sizes[0].brotli)));
        let log = server.take_log();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].file.as_deref(), Some("check/index.html"));
        server.stop();
        assert!(TcpStream::connect_timeout(&server.addr, Duration::from_millis(300))
            .and_then(|mut s| {
                write!(s, "GET / HTTP/1.1\r\n\r\n")?;
                let mut b = [0u8; 16];
                s.read(&mut b)
            })
            .map(|n| n == 0)
            .unwrap_or(true));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
