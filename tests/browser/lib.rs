//! Harness for the end-to-end tests in this folder: the release build, served from inside the test
//! process, driven in Debian's Chromium through chromedriver, the way a phone user meets it.
//!
//! What it owns:
//! - [`dist`]: the release build to test (`RED_FLAGS_DIST`, else `<workspace>/dist`, else it builds one).
//! - [`Site`]: the build served by `devserver` on 127.0.0.1; it can stop (offline) and serve again, or
//!   serve another build, on the *same port*, so the origin (and so the service worker) stays the same.
//! - [`Browser`]: one chromedriver + one Chromium with a fresh profile, a phone viewport with touch, and
//!   probes installed before any page script runs (errors, CSP violations, a navigation counter).
//!
//! Every process it starts is killed when its guard drops, also when a test fails or panics.
//! Every wait has a timeout and says what it waited for and what the page showed instead.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;
use thirtyfour::LoggingPrefsLogLevel;

pub use thirtyfour;

/// A test failure: a message written for a person, shown as is (not `Debug`-escaped) by the test runner.
pub struct Failure(pub String);

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// No `Display` for `Failure`: that keeps this blanket conversion coherent, so `?` works on
// WebDriver errors, `String`s and I/O errors alike.
impl<E: fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type TestResult<T = ()> = Result<T, Failure>;

/// `ensure!(cond, "message {}", x)`: fail the test with the message unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err($crate::Failure(format!($($msg)+)));
        }
    };
}

/// Fail with a formatted message.
pub fn fail<T>(msg: impl Into<String>) -> TestResult<T> {
    Err(Failure(msg.into()))
}

/// The workspace root (this crate lives at `tests/browser`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

// ---------------------------------------------------------------------------------------------
// The build under test
// ---------------------------------------------------------------------------------------------

static DIST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The release build to test: `RED_FLAGS_DIST` (set by `cargo xtask test` after it built), else an
/// existing `<workspace>/dist/index.html`, else a fresh `cargo run -p xtask -- build`. Built at most once
/// per test process, even when tests run in parallel (the lock is held while building).
pub fn dist() -> TestResult<PathBuf> {
    let mut cached = DIST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = cached.as_ref() {
        return Ok(d.clone());
    }
    let dir = match std::env::var_os("RED_FLAGS_DIST") {
        Some(d) => {
            let d = PathBuf::from(d);
            ensure!(
                d.join("index.html").is_file(),
                "RED_FLAGS_DIST={} has no index.html: build it with `cargo xtask build --dist {}`",
                d.display(),
                d.display()
            );
            d
        }
        None => {
            let d = workspace().join("dist");
            if !d.join("index.html").is_file() {
                eprintln!("browser-tests: no dist/index.html, building it (cargo run -p xtask -- build)");
                let status = Command::new("cargo")
                    .args(["run", "-p", "xtask", "--", "build"])
                    .current_dir(workspace())
                    .status()
                    .map_err(|e| format!("could not run `cargo run -p xtask -- build`: {e}"))?;
                ensure!(
                    status.success(),
                    "`cargo run -p xtask -- build` failed ({status}); see its output above"
                );
            }
            d
        }
    };
    *cached = Some(dir.clone());
    Ok(dir)
}

static SUBPATH_DIST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The public URL of the sub-path build.
pub const SUBPATH: &str = "/red-flags/";

/// A release build for a sub-path deploy (`--public-url /red-flags/`): `RED_FLAGS_SUBPATH_DIST` (set by
/// `cargo xtask test`), else `<workspace>/target/dist-subpath`, built here if it has no index.html.
pub fn subpath_dist() -> TestResult<PathBuf> {
    let mut cached = SUBPATH_DIST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = cached.as_ref() {
        return Ok(d.clone());
    }
    let dir = std::env::var_os("RED_FLAGS_SUBPATH_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target").join("dist-subpath"));
    if !dir.join("index.html").is_file() {
        eprintln!("browser-tests: building the sub-path build into {}", dir.display());
        let status = Command::new("cargo")
            .args(["run", "-p", "xtask", "--", "build", "--public-url", SUBPATH, "--dist"])
            .arg(&dir)
            .current_dir(workspace())
            .status()
            .map_err(|e| format!("could not run `cargo run -p xtask -- build`: {e}"))?;
        ensure!(
            status.success(),
            "the sub-path build failed ({status}); see its output above"
        );
    }
    *cached = Some(dir.clone());
    Ok(dir)
}

/// The agency edition of [`AGENCY_FILE`] (`cargo xtask build --agency …`):
/// `RED_FLAGS_AGENCY_DIST` (set by `cargo xtask test`), else `<workspace>/target/dist-agency`, built
/// here if it has no index.html.
pub fn agency_dist() -> TestResult<PathBuf> {
    let mut cached = AGENCY_DIST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = cached.as_ref() {
        return Ok(d.clone());
    }
    let dir = std::env::var_os("RED_FLAGS_AGENCY_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target").join("dist-agency"));
    if !dir.join("index.html").is_file() {
        eprintln!("browser-tests: building the agency edition into {}", dir.display());
        let status = Command::new("cargo")
            .args(["run", "-p", "xtask", "--", "build", "--agency"])
            .arg(workspace().join(AGENCY_FILE))
            .arg("--dist")
            .arg(&dir)
            .current_dir(workspace())
            .status()
            .map_err(|e| format!("could not run `cargo run -p xtask -- build --agency`: {e}"))?;
        ensure!(
            status.success(),
            "the agency build failed ({status}); see its output above"
        );
    }
    *cached = Some(dir.clone());
    Ok(dir)
}

/// The agency file the agency edition under test is built from: `deploy/agency.example.toml` with a
/// fourth number, the most a file may list, so the card is checked at its fullest. The example itself is
/// checked by `crates/content`'s tests.
pub const AGENCY_FILE: &str = "tests/browser/agency-four.toml";

static AGENCY_DIST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Copies a directory tree (used to make a "v2" of the build next to the one under test).
pub fn copy_dir(from: &Path, to: &Path) -> TestResult {
    std::fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TestResult<TempDir> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/// The build served on 127.0.0.1 at a fixed port for the life of the test.
pub struct Site {
    port: u16,
    /// How it is served: the base path (`/`, or `/red-flags/` for a sub-path deploy), compression, log.
    opts: devserver::Options,
    server: Option<devserver::Server>,
}

impl Site {
    /// Serves `dir` at `/` on a free port.
    pub async fn start(dir: &Path) -> TestResult<Site> {
        Site::start_at(dir, "/").await
    }

    /// Serves `dir` under `base` (e.g. `/red-flags/`) on a free port, as a sub-path host would.
    pub async fn start_at(dir: &Path, base: &str) -> TestResult<Site> {
        Site::start_with(dir, devserver::Options::new(base)).await
    }

    /// Serves `dir` on a free port as `opts` say (the bench: compressed like a real host, logged).
    pub async fn start_with(dir: &Path, opts: devserver::Options) -> TestResult<Site> {
        let addr: SocketAddr = "127.0.0.1:0".parse()?;
        let server = devserver::start_with(dir, addr, opts.clone())
            .await
            .map_err(|e| format!("devserver could not listen on 127.0.0.1: {e}"))?;
        Ok(Site {
            port: server.addr.port(),
            opts,
            server: Some(server),
        })
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The URL of an absolute app path, e.g. `url("/check")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin(), path)
    }

    /// Stops serving: the network is gone for the browser. Connections Chromium keeps alive are closed too.
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
        // The server's connection tasks close idle keep-alive connections on the shutdown signal; give
        // them a moment, then make sure nothing answers on the port any more.
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect(("127.0.0.1", self.port)).is_ok() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    /// Serves `dir` again on the same port (same origin), stopping what was served before.
    pub async fn serve(&mut self, dir: &Path) -> TestResult {
        self.stop().await;
        let addr: SocketAddr = format!("127.0.0.1:{}", self.port).parse()?;
        // The old listener is closed; rebinding can still race the kernel briefly: retry for a while.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match devserver::start_with(dir, addr, self.opts.clone()).await {
                Ok(server) => {
                    self.server = Some(server);
                    return Ok(());
                }
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => {
                    return fail(format!(
                        "could not serve {} again on port {}: {e}",
                        dir.display(),
                        self.port
                    ))
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

/// Debian's Chromium: the one path the workspace names (`cargo xtask setup` installs it, the bench and
/// Lighthouse run it, `webdriver.json` names it for wasm-bindgen-test, checked by a test below).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Flags every headless Chromium run here needs. Without the background-networking ones Chromium keeps
/// trying hosts this closed network refuses.
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Where Chromium and chromedriver are (override with `CHROMIUM` / `CHROMEDRIVER`).
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| CHROMIUM.into())
}
pub fn chromedriver_path() -> PathBuf {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| CHROMEDRIVER.into())
}

const INSTALL_HINT: &str = "install them with `cargo xtask setup --browser` \
(or `apt-get update && apt-get install -y chromium chromium-driver`)";

/// The phone the tests pretend to be.
#[derive(Clone, Copy, Debug)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
}

/// A mid-size Android phone: 412×823 CSS px at 2.625 device px per CSS px, with touch.
pub const PHONE: Viewport = Viewport {
    width: 412,
    height: 823,
};
/// A small phone, for the screenshots: the smallest screen the app is designed for.
pub const SMALL_PHONE: Viewport = Viewport {
    width: 360,
    height: 640,
};

/// Runs before any script of every document: records errors, CSP violations and navigations, so a test
/// can read them back. Installed through CDP, so the app's CSP does not apply to it.
const PROBES: &str = r#"
(() => {
  const rf = window.__rf = { errors: [], csp: [] };
  const text = (v) => {
    if (v instanceof Error) return v.name + ': ' + v.message;
    if (typeof v === 'object') { try { return JSON.stringify(v); } catch (_) { return String(v); } }
    return String(v);
  };
  addEventListener('error', (e) => {
    if (e.target && e.target !== window && (e.target.src || e.target.href)) {
      rf.errors.push('failed to load ' + (e.target.src || e.target.href));
    } else {
      rf.errors.push('uncaught ' + (e.message || text(e.error)) + ' at ' + e.filename + ':' + e.lineno);
    }
  }, true);
  addEventListener('unhandledrejection', (e) => rf.errors.push('unhandled rejection: ' + text(e.reason)));
  const consoleError = console.error;
  console.error = function (...args) {
    rf.errors.push('console.error: ' + args.map(text).join(' '));
    return consoleError.apply(this, args);
  };
  document.addEventListener('securitypolicyviolation', (e) => rf.csp.push({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile + ':' + e.lineNumber,
    sample: e.sample,
  }));
  try {
    if (location.protocol.startsWith('http')) {
      const n = Number(sessionStorage.getItem('__rf_navigations') || '0') + 1;
      sessionStorage.setItem('__rf_navigations', String(n));
    }
  } catch (_) { /* storage may be unavailable on opaque origins */ }
})();
"#;

/// Options for [`Browser::launch_with`].
#[derive(Clone, Debug)]
pub struct Launch {
    pub viewport: Viewport,
    /// Record chromedriver's performance log (every network request the page makes, as CDP events).
    pub network_log: bool,
    /// `goto` returns as soon as the navigation starts, not at the load event: for tests that act on a
    /// page while it is still loading.
    pub no_load_wait: bool,
    /// Chromium's default font size in px (16 unless set): the text size a user chooses in the browser's
    /// settings, a preference of the profile, so it holds from the first paint of every page.
    pub default_font_px: Option<u32>,
}

impl Default for Launch {
    fn default() -> Self {
        Launch {
            viewport: PHONE,
            network_log: false,
            no_load_wait: false,
            default_font_px: None,
        }
    }
}

/// A process group we started; killed (the whole group) on drop.
struct ProcessGroup {
    child: Child,
    /// Kills stragglers that left the group: processes whose command line names this (unique) marker.
    marker: String,
}

impl ProcessGroup {
    fn kill(&mut self) {
        let pid = self.child.id() as i32;
        // SAFETY: killpg only sends a signal; the group id is that of a child we spawned as group leader.
        unsafe {
            libc::killpg(pid, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        kill_processes_naming(&self.marker);
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.kill();
    }
}

/// SIGKILLs every process whose command line contains `marker` (a unique temp path of ours), in case
/// Chromium moved some helper out of chromedriver's process group.
fn kill_processes_naming(marker: &str) {
    if marker.is_empty() {
        return;
    }
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmdline).contains(marker) {
            // SAFETY: sends a signal to a process that runs with our unique profile dir.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
}

fn free_port() -> TestResult<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// The browser engine a [`Browser`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium through chromedriver: every test.
    Chromium,
    /// WebKitGTK's MiniBrowser through WebKitWebDriver under Xvfb: Safari's engine, for the WebKit pass
    /// (`webkit.rs`). No CDP there: tests that need it run in Chromium only.
    WebKit,
}

/// WebKitGTK's WebDriver (Debian package `webkit2gtk-driver`).
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// The browser WebKitWebDriver drives (from `libwebkit2gtk-4.1-0`, which the driver depends on).
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/// The X server MiniBrowser draws into, with no screen (Debian package `xvfb`).
pub const XVFB: &str = "/usr/bin/Xvfb";

const WEBKIT_HINT: &str = "install them with `cargo xtask setup --browser` \
(or `apt-get update && apt-get install -y webkit2gtk-driver xvfb`)";

/// One browser (fresh profile, phone viewport) driven through its own WebDriver server.
pub struct Browser {
    driver: Option<WebDriver>,
    // Drop order matters: the driver is leaked (not quit over HTTP) before the processes are killed,
    // then the profile is deleted.
    chromedriver: Option<ProcessGroup>,
    /// WebKit's X server, killed after the browser.
    xvfb: Option<ProcessGroup>,
    profile: Option<TempDir>,
    pub viewport: Viewport,
    pub engine: Engine,
}

impl Browser {
    pub async fn launch() -> TestResult<Browser> {
        Browser::launch_with(Launch::default()).await
    }

    /// Starts Chromium with `opts`. A start that fails (chromedriver refusing or dropping the
    /// session request, as a loaded CI machine sometimes makes it) is retried twice with a new
    /// chromedriver and profile; a missing browser fails at once. Only the start is retried: once a
    /// test has its browser, every failure is the test's.
    pub async fn launch_with(opts: Launch) -> TestResult<Browser> {
        let (chromium, chromedriver) = (chromium_path(), chromedriver_path());
        ensure!(
            chromium.is_file(),
            "Chromium is not at {}: {INSTALL_HINT}",
            chromium.display()
        );
        ensure!(
            chromedriver.is_file(),
            "chromedriver is not at {}: {INSTALL_HINT}",
            chromedriver.display()
        );
        Browser::start_with_retries("Chromium", || Browser::launch_once(&opts)).await
    }

    /// Runs `start` (one start of a browser and its WebDriver server) until it succeeds, three times at
    /// the most, waiting a little longer before each new try; fails with every try's error. A failed
    /// try's processes and profile are gone by then (their guards dropped with the error).
    async fn start_with_retries<F, Fut>(what: &str, mut start: F) -> TestResult<Browser>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = TestResult<Browser>>,
    {
        let mut errors = Vec::new();
        for attempt in 1..=3 {
            match start().await {
                Ok(browser) => return Ok(browser),
                Err(e) => {
                    eprintln!("{what} start {attempt} of 3 failed: {}", e.0);
                    errors.push(e.0);
                    tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
                }
            }
        }
        fail(format!("{what} did not start in 3 tries:\n{}", errors.join("\n---\n")))
    }

    async fn launch_once(opts: &Launch) -> TestResult<Browser> {
        let (chromium, chromedriver) = (chromium_path(), chromedriver_path());

        let profile = TempDir::new("red-flags-chromium-profile")?;
        let port = free_port()?;
        let log = profile.path().join("chromedriver.log");
        let mut cmd = Command::new(&chromedriver);
        cmd.arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd
            .spawn()
            .map_err(|e| format!("could not start {}: {e}; {INSTALL_HINT}", chromedriver.display()))?;
        let mut group = ProcessGroup {
            child,
            marker: profile.path().display().to_string(),
        };

        // Wait for chromedriver to listen; fail fast if it died.
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = group.child.try_wait() {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                return fail(format!(
                    "chromedriver exited at start ({status}):\n{log}\n{INSTALL_HINT}"
                ));
            }
            ensure!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within 15 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chromium.display().to_string())?;
        for arg in
            CHROMIUM_FLAGS
                .into_iter()
                .chain(["--no-default-browser-check", "--disable-extensions", "--lang=en-US"])
        {
            caps.add_arg(arg)?;
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.path().join("data").display()))?;
        caps.add_arg(&format!(
            "--window-size={},{}",
            opts.viewport.width, opts.viewport.height
        ))?;
        caps.add_experimental_option(
            "mobileEmulation",
            json!({ "deviceMetrics": { "width": opts.viewport.width, "height": opts.viewport.height,
                                       "pixelRatio": 2.625, "touch": true, "mobile": true } }),
        )?;
        caps.set_logging_prefs("browser", LoggingPrefsLogLevel::All)?;
        if let Some(px) = opts.default_font_px {
            caps.add_experimental_option(
                "prefs",
                json!({ "webkit": { "webprefs": { "default_font_size": px } } }),
            )?;
        }
        if opts.no_load_wait {
            caps.set_page_load_strategy(thirtyfour::PageLoadStrategy::None)?;
        }
        if opts.network_log {
            caps.set_logging_prefs("performance", LoggingPrefsLogLevel::All)?;
            caps.add_experimental_option(
                "perfLoggingPrefs",
                json!({ "enableNetwork": true, "enablePage": false }),
            )?;
        }

        let server = format!("http://127.0.0.1:{port}");
        let driver = tokio::time::timeout(Duration::from_secs(60), WebDriver::new(&server, caps))
            .await
            .map_err(|_| "Chromium did not start within 60 s (is the machine overloaded?)".to_string())?
            .map_err(|e| {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                let tail: String = log.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
                format!("could not start Chromium through chromedriver: {e}\nchromedriver log (tail):\n{tail}\n{INSTALL_HINT}")
            })?;
        let browser = Browser {
            driver: Some(driver),
            chromedriver: Some(group),
            xvfb: None,
            profile: Some(profile),
            viewport: opts.viewport,
            engine: Engine::Chromium,
        };
        browser.driver().set_page_load_timeout(Duration::from_secs(30)).await?;
        browser.driver().set_script_timeout(Duration::from_secs(30)).await?;
        browser
            .cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBES }))
            .await?;
        Ok(browser)
    }

    /// WebKit (MiniBrowser under its own Xvfb), `args` added to MiniBrowser's (its settings, e.g.
    /// `--enable-html5-local-storage=false`). Every session starts with no site data. A start that fails
    /// is retried twice with a new X server, driver and profile, as Chromium's is ([`Browser::launch_with`]);
    /// a missing program fails at once.
    pub async fn launch_webkit(args: &[&str]) -> TestResult<Browser> {
        for (path, what) in [
            (WEBKIT_DRIVER, "WebKitWebDriver"),
            (MINIBROWSER, "MiniBrowser"),
            (XVFB, "Xvfb"),
        ] {
            ensure!(Path::new(path).is_file(), "{what} is not at {path}: {WEBKIT_HINT}");
        }
        Browser::start_with_retries("WebKit", || Browser::launch_webkit_once(args)).await
    }

    async fn launch_webkit_once(args: &[&str]) -> TestResult<Browser> {
        let profile = TempDir::new("red-flags-webkit")?;
        // A display number no other X server holds (each test has its own, so tests can run in parallel).
        let display = (0..200)
            .map(|i| 120 + (std::process::id() as usize * 7 + i) % 800)
            .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .ok_or_else(|| Failure("no free X display number".into()))?;
        let spawn = |cmd: &mut Command, what: &str| -> TestResult<ProcessGroup> {
            cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
            std::os::unix::process::CommandExt::process_group(cmd, 0);
            let child = cmd
                .spawn()
                .map_err(|e| format!("could not start {what}: {e}; {WEBKIT_HINT}"))?;
            Ok(ProcessGroup {
                child,
                marker: String::new(),
            })
        };
        let mut xvfb = spawn(
            Command::new(XVFB).args([
                format!(":{display}"),
                "-screen".into(),
                "0".into(),
                format!("{}x{}x24", PHONE.width, PHONE.height + 100),
                "-nolisten".into(),
                "tcp".into(),
            ]),
            "Xvfb",
        )?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
        let deadline = Instant::now() + Duration::from_secs(15);
        while !socket.exists() {
            if let Ok(Some(status)) = xvfb.child.try_wait() {
                return fail(format!("Xvfb :{display} exited at start ({status})"));
            }
            ensure!(Instant::now() < deadline, "Xvfb :{display} did not start within 15 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let port = free_port()?;
        let mut group = spawn(
            Command::new(WEBKIT_DRIVER)
                .arg(format!("--port={port}"))
                .env("DISPLAY", format!(":{display}"))
                .env("HOME", profile.path())
                .env("XDG_DATA_HOME", profile.path().join("data"))
                .env("XDG_CACHE_HOME", profile.path().join("cache"))
                .env("XDG_CONFIG_HOME", profile.path().join("config"))
                // No accessibility bus on this machine: without this GTK waits for it at every start.
                .env("NO_AT_BRIDGE", "1"),
            "WebKitWebDriver",
        )?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = group.child.try_wait() {
                return fail(format!("WebKitWebDriver exited at start ({status}); {WEBKIT_HINT}"));
            }
            ensure!(Instant::now() < deadline, "WebKitWebDriver did not listen within 15 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = thirtyfour::Capabilities::new();
        let mut browser_args = vec!["--automation"];
        browser_args.extend_from_slice(args);
        caps.set(
            "webkitgtk:browserOptions",
            json!({ "binary": MINIBROWSER, "args": browser_args }),
        )?;
        let server = format!("http://127.0.0.1:{port}");
        let driver = tokio::time::timeout(Duration::from_secs(60), WebDriver::new(&server, caps))
            .await
            .map_err(|_| "MiniBrowser did not start within 60 s (is the machine overloaded?)".to_string())?
            .map_err(|e| format!("could not start MiniBrowser through WebKitWebDriver: {e}; {WEBKIT_HINT}"))?;
        let browser = Browser {
            driver: Some(driver),
            chromedriver: Some(group),
            xvfb: Some(xvfb),
            profile: Some(profile),
            viewport: PHONE,
            engine: Engine::WebKit,
        };
        let _ = browser.driver().set_window_rect(0, 0, PHONE.width, PHONE.height).await;
        browser.driver().set_page_load_timeout(Duration::from_secs(30)).await?;
        browser.driver().set_script_timeout(Duration::from_secs(30)).await?;
        Ok(browser)
    }

    pub fn driver(&self) -> &WebDriver {
        // Only `None` inside `Drop`.
        self.driver.as_ref().expect("the driver lives as long as the Browser")
    }

    /// Closes Chromium cleanly (Drop does it forcibly when a test fails first).
    pub async fn quit(mut self) {
        if let Some(driver) = self.driver.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), driver.quit()).await;
        }
    }

    /// A raw Chrome DevTools Protocol command on the current page.
    pub async fn cdp(&self, method: &str, params: Value) -> TestResult<Value> {
        self.driver()
            .cdp()
            .send_raw(method, params)
            .await
            .map_err(|e| Failure(format!("CDP {method} failed: {e}")))
    }

    /// Makes the page count as focused, whatever the window manager (or its absence) says: the Clipboard
    /// API and focus events need a focused document, and whether a headless Chromium's page has focus
    /// differs between versions (148 reports "Document is not focused" where 156 does not).
    pub async fn focus_page(&self) -> TestResult {
        self.cdp("Emulation.setFocusEmulationEnabled", json!({ "enabled": true }))
            .await?;
        self.js::<Value>("window.focus(); return null;", vec![]).await?;
        Ok(())
    }

    /// Grants the page's origin clipboard access and focuses it ([`Browser::focus_page`]), so
    /// [`Browser::read_clipboard`] works on every Chromium.
    pub async fn allow_clipboard(&self, origin: &str) -> TestResult {
        self.cdp(
            "Browser.grantPermissions",
            json!({ "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
        )
        .await?;
        self.focus_page().await
    }

    /// What the clipboard holds, read in the page after focusing it: `{t: text}` or `{e: error}`.
    pub async fn read_clipboard(&self) -> TestResult<Value> {
        self.focus_page().await?;
        self.js_async(
            "const done = arguments[0]; navigator.clipboard.readText().then(t => done({t}), e => done({e: String(e)}));",
            vec![],
        )
        .await
    }

    /// Runs `script` (a function body; `arguments[i]` are `args`) and converts what it returns.
    pub async fn js<T: DeserializeOwned>(&self, script: &str, args: Vec<Value>) -> TestResult<T> {
        let ret = self
            .driver()
            .execute(script, args)
            .await
            .map_err(|e| Failure(format!("script failed: {e}\n{script}")))?;
        Ok(ret.convert::<T>()?)
    }

    /// Runs an async script: the last argument is the callback to call with the result.
    pub async fn js_async<T: DeserializeOwned>(&self, script: &str, args: Vec<Value>) -> TestResult<T> {
        let ret = self
            .driver()
            .execute_async(script, args)
            .await
            .map_err(|e| Failure(format!("async script failed: {e}\n{script}")))?;
        Ok(ret.convert::<T>()?)
    }

    /// The page's layout shift so far (CLS's sum of shifts without recent input), after the next frame.
    pub async fn layout_shift(&self) -> TestResult<f64> {
        self.js_async(
            "const done = arguments[arguments.length - 1]; let sum = 0;
             new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) sum += e.value; }))
               .observe({ type: 'layout-shift', buffered: true });
             requestAnimationFrame(() => setTimeout(() => done(sum), 50));",
            vec![],
        )
        .await
    }

    /// Loads `url` (a full navigation).
    pub async fn goto(&self, url: &str) -> TestResult {
        self.driver()
            .goto(url)
            .await
            .map_err(|e| Failure(format!("could not load {url}: {e}")))?;
        Ok(())
    }

    /// Loads `url` and waits until the app has mounted.
    pub async fn open(&self, url: &str) -> TestResult {
        self.goto(url).await?;
        self.wait_ready().await
    }

    /// Blocks the app's WebAssembly from now on, as a failed download on a weak signal or WebAssembly
    /// turned off would: a page then shows only what was prerendered into it.
    pub async fn block_wasm(&self) -> TestResult {
        self.cdp("Network.enable", json!({})).await?;
        self.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] }))
            .await?;
        Ok(())
    }

    /// Lets the WebAssembly load again after [`Browser::block_wasm`].
    pub async fn unblock_wasm(&self) -> TestResult {
        self.cdp("Network.setBlockedURLs", json!({ "urls": [] })).await?;
        Ok(())
    }

    /// Loads `url` with the WebAssembly blocked ([`Browser::block_wasm`] first) and waits for the load
    /// event; fails if the app mounted all the same (the block did not work: the test would prove nothing).
    pub async fn open_without_app(&self, url: &str) -> TestResult {
        self.goto(url).await?;
        self.wait_until(
            "document.readyState === 'complete'",
            &format!("{url} to load"),
            Duration::from_secs(10),
        )
        .await?;
        ensure!(
            !self.app_mounted().await?,
            "the app mounted on {url} although .wasm was blocked: the block did not work"
        );
        Ok(())
    }

    /// Reloads the page (as after a call, or the system closing the tab) and waits until the app has
    /// mounted again.
    pub async fn reload(&self) -> TestResult {
        self.driver().refresh().await?;
        self.wait_ready().await
    }

    /// Whether the app has mounted (`<html data-app="ready">`), now.
    pub async fn app_mounted(&self) -> TestResult<bool> {
        self.js("return document.documentElement.dataset.app === 'ready';", vec![])
            .await
    }

    /// Waits until the app has mounted (`<html data-app="ready">`).
    pub async fn wait_ready(&self) -> TestResult {
        self.wait_ready_within(Duration::from_secs(20)).await
    }

    /// [`Browser::wait_ready`] with a longer wait, for a test that slows the network on purpose.
    pub async fn wait_ready_within(&self, wait: Duration) -> TestResult {
        self.wait_until(
            "document.documentElement.dataset.app === 'ready'",
            "the app to mount (data-app=ready)",
            wait,
        )
        .await
    }

    /// Polls a JS expression until it is truthy; on timeout the message says what the page showed.
    pub async fn wait_until(&self, expr: &str, what: &str, timeout: Duration) -> TestResult {
        let script = format!("try {{ return !!({expr}); }} catch (e) {{ return false; }}");
        let deadline = Instant::now() + timeout;
        loop {
            // A navigation in progress can make a single poll fail: only the deadline fails the wait.
            if let Ok(true) = self.js::<bool>(&script, vec![]).await {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return fail(format!(
                    "timed out after {:.0?} waiting for {what} (`{expr}`)\n{}",
                    timeout,
                    self.describe().await
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A few lines on the page's state, for failure messages.
    pub async fn describe(&self) -> String {
        let url = self
            .driver()
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("(no url: {e})"));
        let state: Value = self
            .js(
                "return { text: (document.body ? document.body.innerText : '').slice(0, 600),
                          errors: (window.__rf || {}).errors || [] };",
                vec![],
            )
            .await
            .unwrap_or_else(|e| json!({ "text": format!("(page not readable: {e:?})") }));
        format!(
            "  page: {url}\n  errors on the page: {}\n  text on the page:\n    {}",
            state["errors"],
            state["text"].as_str().unwrap_or("").replace('\n', "\n    ")
        )
    }

    /// Waits until a service worker controls the page. If the worker activates without claiming the
    /// page it was installed from, one reload hands the page to it (as a second visit would).
    /// Deletes every cache of the origin, as a browser evicting them (or a person clearing site data
    /// while the worker stays registered) would.
    pub async fn delete_caches(&self) -> TestResult {
        let left: Vec<String> = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k)))).then(() => caches.keys())
                   .then(done, e => done(['error: ' + e]));",
                vec![],
            )
            .await?;
        ensure!(left.is_empty(), "the caches could not be deleted: {left:?}");
        Ok(())
    }

    pub async fn wait_for_service_worker(&self) -> TestResult {
        let has_sw: bool = self.js("return 'serviceWorker' in navigator;", vec![]).await?;
        ensure!(
            has_sw,
            "navigator.serviceWorker is missing (not a secure context?)\n{}",
            self.describe().await
        );
        self.js::<Value>(
            "navigator.serviceWorker.ready.then(() => { window.__rfSwReady = true; }); return null;",
            vec![],
        )
        .await?;
        self.wait_until(
            "window.__rfSwReady === true",
            "a service worker to be active (navigator.serviceWorker.ready)",
            Duration::from_secs(30),
        )
        .await?;
        let controlled = "navigator.serviceWorker.controller !== null";
        if self
            .wait_until(
                controlled,
                "the service worker to control the page",
                Duration::from_secs(5),
            )
            .await
            .is_err()
        {
            eprintln!("note: the active service worker did not claim the page it was installed from; reloading once");
            self.reload().await?;
            self.wait_until(
                controlled,
                "the service worker to control the page after a reload",
                Duration::from_secs(15),
            )
            .await?;
        }
        Ok(())
    }

    /// The path (with query and hash) of the current URL.
    pub async fn path(&self) -> TestResult<String> {
        self.js("return location.pathname + location.search + location.hash;", vec![])
            .await
    }

    pub async fn find(&self, css: &str) -> TestResult<WebElement> {
        match self.driver().find(By::Css(css)).await {
            Ok(el) => Ok(el),
            Err(e) => fail(format!("no element matches `{css}`: {e}\n{}", self.describe().await)),
        }
    }

    pub async fn find_all(&self, css: &str) -> TestResult<Vec<WebElement>> {
        Ok(self.driver().find_all(By::Css(css)).await?)
    }

    /// Text of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> TestResult<Vec<String>> {
        self.js(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());",
            vec![json!(css)],
        )
        .await
    }

    /// Taps the element matching `css` (after scrolling it into view), as a finger would.
    pub async fn tap(&self, css: &str) -> TestResult {
        let el = self.find(css).await?;
        el.scroll_into_view().await?;
        el.click()
            .await
            .map_err(|e| Failure(format!("could not tap `{css}`: {e}")))?;
        Ok(())
    }

    /// The `href`s of every `tel:` link on the page.
    pub async fn tel_links(&self) -> TestResult<Vec<String>> {
        self.js(
            "return Array.from(document.querySelectorAll('a[href^=\"tel:\"]')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await
    }

    /// Errors the page reported: uncaught errors, rejections, console.error, resources that failed to
    /// load (from the probes), and severe entries of Chromium's own console log (404s, CSP, …).
    pub async fn errors(&self) -> TestResult<Vec<String>> {
        let mut out: Vec<String> = self.js("return (window.__rf || {errors: []}).errors;", vec![]).await?;
        for entry in self.driver().browser_log().await.unwrap_or_default() {
            if format!("{:?}", entry.level).eq_ignore_ascii_case("severe") {
                out.push(format!("browser log: {}", entry.message));
            }
        }
        Ok(out)
    }

    /// Content-Security-Policy violations the page has seen (since it loaded).
    pub async fn csp_violations(&self) -> TestResult<Vec<Value>> {
        self.js("return (window.__rf || {csp: []}).csp;", vec![]).await
    }

    /// The names of the page origin's caches (Cache Storage), or `["error: …"]`.
    pub async fn cache_keys(&self) -> TestResult<Vec<String>> {
        self.js_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done, e => done(['error: ' + e]));",
            vec![],
        )
        .await
    }

    /// Full page loads in this tab's session (counted by the probes in sessionStorage).
    pub async fn navigations(&self) -> TestResult<u32> {
        let n: String = self
            .js("return sessionStorage.getItem('__rf_navigations') || '0';", vec![])
            .await?;
        Ok(n.parse().unwrap_or(0))
    }

    /// Every URL the page has fetched, from Resource Timing and Navigation Timing.
    pub async fn resource_urls(&self) -> TestResult<Vec<String>> {
        self.js(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name);",
            vec![],
        )
        .await
    }

    /// URLs of the requests recorded in chromedriver's performance log since the last call (needs
    /// `Launch { network_log: true }`): every request the page started, whether or not it succeeded.
    pub async fn logged_requests(&self) -> TestResult<Vec<String>> {
        let mut out = Vec::new();
        for entry in self.driver().get_log("performance").await? {
            let Ok(v) = serde_json::from_str::<Value>(&entry.message) else {
                continue;
            };
            let msg = &v["message"];
            if msg["method"] == "Network.requestWillBeSent" {
                if let Some(url) = msg["params"]["request"]["url"].as_str() {
                    out.push(url.to_string());
                }
            }
        }
        Ok(out)
    }

    /// Runs axe-core on the page as it is now; returns the violations as readable lines (empty = pass).
    pub async fn axe(&self) -> TestResult<Vec<String>> {
        let loaded: bool = self.js("return typeof window.axe === 'object';", vec![]).await?;
        if !loaded {
            self.js::<Value>(&format!("{}\n;return true;", axe_source()?), vec![])
                .await?;
        }
        let result: Value = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {
                   runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                   resultTypes: ['violations'],
                 }).then(r => done({ ok: r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => ({ target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200) })),
                 })) }), e => done({ err: String(e) }));",
                vec![],
            )
            .await?;
        if let Some(err) = result.get("err") {
            return fail(format!("axe-core failed to run: {err}"));
        }
        let mut lines = Vec::new();
        for v in result["ok"].as_array().cloned().unwrap_or_default() {
            lines.push(format!(
                "[{}] {}: {}",
                v["impact"].as_str().unwrap_or("?"),
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("")
            ));
            for n in v["nodes"].as_array().cloned().unwrap_or_default() {
                lines.push(format!("    at {}  {}", n["target"], n["html"].as_str().unwrap_or("")));
                if let Some(s) = n["summary"].as_str() {
                    lines.push(format!("       {}", s.replace('\n', "\n       ")));
                }
            }
        }
        Ok(lines)
    }

    /// Fails unless axe-core finds nothing on the page in its current state (`state` names it).
    pub async fn assert_accessible(&self, state: &str) -> TestResult {
        let violations = self.axe().await?;
        ensure!(
            violations.is_empty(),
            "axe-core found WCAG 2.2 AA violations on {state}:\n{}",
            violations.join("\n")
        );
        Ok(())
    }

    /// Saves what the screen shows to `tests/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> TestResult<PathBuf> {
        let dir = workspace().join("tests").join("screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        self.driver().screenshot(&path).await?;
        Ok(path)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Not quit over HTTP here (that blocks, and chromedriver may be gone): the processes die below.
        if let Some(driver) = self.driver.take() {
            let _ = driver.leak();
        }
        if let Some(mut group) = self.chromedriver.take() {
            group.kill();
        }
        if let Some(mut xvfb) = self.xvfb.take() {
            xvfb.kill();
        }
        self.profile.take();
    }
}

// ---------------------------------------------------------------------------------------------
// What Chromium's files share: the setup, the call bar, the checker's answers
// ---------------------------------------------------------------------------------------------

/// A URL the app does not know: the not-found screen, with the call bar.
pub const UNKNOWN: &str = "/no-such-page";
/// The heading of the not-found screen.
pub const NOT_FOUND_H1: &str = "Page not found";
/// NCMEC's hotline, as the call bar dials it.
pub const NCMEC_TEL: &str = "tel:+18008435678";

/// Serves the build under test and opens a phone-sized Chromium on it.
pub async fn start() -> TestResult<(Site, Browser)> {
    start_with(Launch::default()).await
}

/// [`start`] with other options for the browser (a viewport, the network log, a text size, …).
pub async fn start_with(launch: Launch) -> TestResult<(Site, Browser)> {
    start_on(&dist()?, launch).await
}

/// Serves the build in `dir` (another edition, a changed copy) and opens Chromium with `launch` on it.
pub async fn start_on(dir: &Path, launch: Launch) -> TestResult<(Site, Browser)> {
    let site = Site::start(dir).await?;
    let browser = Browser::launch_with(launch).await?;
    Ok((site, browser))
}

/// The one `<h1>` in `<main>`: fails unless there is exactly one.
pub async fn h1(b: &Browser) -> TestResult<String> {
    let texts = b.texts("main h1").await?;
    ensure!(
        texts.len() == 1,
        "expected exactly one <h1> in <main>, found {texts:?}\n{}",
        b.describe().await
    );
    Ok(texts[0].clone())
}

/// The call bar is there with its two one-tap calls, 911 first in reading order and then NCMEC, of equal size
/// (±2 px), inside the screen (within thumb reach, not scrolled away), each a thumb's size, each accessible
/// name carrying the number it dials.
pub async fn assert_call_bar(b: &Browser, where_: &str) -> TestResult {
    let bar: Value = b
        .js(
            "const one = sel => {
               const a = document.querySelector(sel);
               if (!a) return null;
               const r = a.getBoundingClientRect();
               return { href: a.getAttribute('href'), label: a.getAttribute('aria-label'), top: r.top, bottom: r.bottom,
                        height: r.height, width: r.width,
                        visible: getComputedStyle(a).visibility === 'visible' && r.width > 0 };
             };
             return { ncmec: one('.call-bar a.call-ncmec'), e911: one('.call-bar a.call-911'), vh: innerHeight,
                      order: Array.from(document.querySelectorAll('.call-bar a[href^=\"tel:\"]')).map(a => a.getAttribute('href')),
                      lang: document.documentElement.lang };",
            vec![],
        )
        .await?;
    let vh = bar["vh"].as_f64().unwrap_or(0.0);
    // The same numbers in both languages; the labels in the page's.
    let labels = if bar["lang"] == "es" {
        [
            "Llamar al NCMEC — menor desaparecido, después del 911, 1-800-THE-LOST (1-800-843-5678)",
            "Llamar al 911 — peligro o desaparición ahora",
        ]
    } else {
        [
            "Call NCMEC — missing child, after 911, 1-800-THE-LOST (1-800-843-5678)",
            "Call 911 — danger or missing now",
        ]
    };
    for (key, href, label) in [("ncmec", NCMEC_TEL, labels[0]), ("e911", "tel:911", labels[1])] {
        let link = &bar[key];
        ensure!(
            !link.is_null(),
            "no {key} link in the call bar on {where_}\n{}",
            b.describe().await
        );
        ensure!(
            link["href"] == href,
            "the call bar's {key} link on {where_} dials {} instead of {href}",
            link["href"]
        );
        ensure!(
            link["label"] == label,
            "the call bar's {key} link on {where_} is labelled {} instead of {label:?}",
            link["label"]
        );
        ensure!(
            link["visible"] == true,
            "the call bar's {key} link is not visible on {where_}: {link}"
        );
        let (bottom, height) = (
            link["bottom"].as_f64().unwrap_or(f64::MAX),
            link["height"].as_f64().unwrap_or(0.0),
        );
        ensure!(
            bottom <= vh + 0.5 && link["top"].as_f64().unwrap_or(-1.0) >= 0.0,
            "the call bar's {key} link is not on screen on {where_}: {link}"
        );
        ensure!(
            height >= 44.0 && link["width"].as_f64().unwrap_or(0.0) >= 44.0,
            "the call bar's {key} link is {height}px tall on {where_}: a thumb needs at least 44px"
        );
    }
    ensure!(
        bar["order"] == json!(["tel:911", NCMEC_TEL]),
        "the call bar on {where_} does not read 911 first, then NCMEC: {}",
        bar["order"]
    );
    for side in ["width", "height"] {
        let (e911, ncmec) = (
            bar["e911"][side].as_f64().unwrap_or(0.0),
            bar["ncmec"][side].as_f64().unwrap_or(0.0),
        );
        let equal = (e911 - ncmec).abs() <= 2.0;
        ensure!(
            equal,
            "the call bar's two calls differ in {side} on {where_} (911 {e911}px, NCMEC {ncmec}px): they must be equal"
        );
    }
    Ok(())
}

/// Taps the answer `label` ("Yes", "No", "Not sure") of the question named `name`.
pub async fn answer(b: &Browser, name: &str, label: &str) -> TestResult {
    let input = format!(".question input[name='{name}'][value='{label}']");
    if b.tap(&input).await.is_err() {
        // Styled radios may hide the input itself: tap its label, as a finger would.
        b.tap(&format!("#q-{name} label.option:has(input[value='{label}'])"))
            .await?;
    }
    let checked: bool = b
        .js(
            "return !!document.querySelector(arguments[0])?.checked;",
            vec![json!(input)],
        )
        .await?;
    ensure!(checked, "tapping {label:?} for {name:?} did not select it");
    Ok(())
}

/// Every route's path, read from the build: each `<route>/index.html` the prerenderer wrote.
pub fn prerendered_routes(dist: &std::path::Path) -> TestResult<Vec<String>> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) -> TestResult {
        for item in std::fs::read_dir(dir)? {
            let path = item?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}/"), out)?;
            } else if name == "index.html" {
                out.push(if prefix.is_empty() {
                    "/".into()
                } else {
                    format!("/{}", prefix.trim_end_matches('/'))
                });
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dist, "", &mut out)?;
    out.sort();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// What every engine must do (Chromium's files and the WebKit pass share these)
// ---------------------------------------------------------------------------------------------

/// Every route a user can land on, and the heading it must show (`None`: any heading but "not found").
pub const ROUTES: &[(&str, Option<&str>)] = &[
    ("/", Some("Red flags")),
    ("/check", Some("Check for red flags")),
    ("/glossary", Some("Glossary")),
    ("/glossary/trauma-bond", Some("Trauma bond")),
    ("/guide", Some("The guide, in short")),
    ("/guide/after-a-run", None),
    ("/missing", Some("A child is missing")),
    ("/call", Some("Call")),
    ("/sources", Some("Sources")),
    ("/settings", Some("Settings")),
    ("/card", Some("Wallet card")),
    ("/share", Some("Share this app")),
];

/// The two lines every screen offers (the call bar): 911 and NCMEC's hotline.
pub const CALL_BAR_TELS: [&str; 2] = ["tel:911", NCMEC_TEL];

/// Fails unless the page links both [`CALL_BAR_TELS`].
pub async fn assert_both_call_links(b: &Browser, where_: &str) -> TestResult {
    let tels = b.tel_links().await?;
    for tel in CALL_BAR_TELS {
        ensure!(
            tels.iter().any(|t| t == tel),
            "{where_}: no {tel} link ({tels:?})\n{}",
            b.describe().await
        );
    }
    Ok(())
}

/// Waits until the tab shows the neutral page (`exit.html`) after `after` (an Exit, a Back, …), stays a
/// moment (nothing may bring the app back on its own), and checks that nothing of the app is on it: not
/// its markup, not a ticked sign, no word that names it in the text or the title, and an empty icon of
/// its own (without one the browser asks for /favicon.ico on every exit).
pub async fn assert_on_exit_page(b: &Browser, after: &str) -> TestResult {
    b.wait_until(
        "location.pathname.endsWith('/exit.html') && document.readyState === 'complete'",
        &format!("the neutral page after {after}"),
        Duration::from_secs(15),
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let state: Value = b
        .js(
            "return { path: location.pathname, title: document.title, text: document.body ? document.body.innerText : '',
                      app: !!document.getElementById('app') || !!document.getElementById('shell'),
                      checked: document.querySelectorAll(\"input[id^='sign-']:checked\").length,
                      icon: (document.querySelector('link[rel~=icon]') || {}).href || null };",
            vec![],
        )
        .await?;
    ensure!(
        state["path"].as_str().is_some_and(|p| p.ends_with("/exit.html")),
        "after {after} the tab left the neutral page: {state}\n{}",
        b.describe().await
    );
    ensure!(
        state["app"] == false && state["checked"] == 0,
        "after {after} the app is on screen: {state}\n{}",
        b.describe().await
    );
    let text = state["text"].as_str().unwrap_or("").to_lowercase();
    let title = state["title"].as_str().unwrap_or("").to_lowercase();
    for word in ["red flags", "trafficking", "ncmec"] {
        ensure!(
            !text.contains(word) && !title.contains(word),
            "the neutral page shows {word:?} after {after}: {state}"
        );
    }
    ensure!(
        state["icon"].as_str().is_some_and(|i| i.starts_with("data:")),
        "after {after} the neutral page has no empty icon, so the browser requests /favicon.ico: {state}"
    );
    Ok(())
}

/// Escape three times in a control that uses Escape itself (a search field clearing, a date picker
/// closing), with the focus where the test put it: that is not a quick exit, so the tab must still be on
/// the app, at a path ending in `path`. `where_` names the control, for the message.
pub async fn assert_escape_three_times_stays_on(b: &Browser, path: &str, where_: &str) -> TestResult {
    b.driver()
        .action_chain()
        .send_keys(Key::Escape + Key::Escape + Key::Escape)
        .perform()
        .await?;
    // "Nothing happened" has no condition to wait on. A wrongly started quick exit leaves only after
    // early.js has tried to empty the clipboard (up to 300 ms after the third key, Escape not being a
    // user gesture) and the browser has begun the navigation, so a path read at once would pass before
    // the exit left. The 800 ms cover that wait and the navigation's start, with room for a busy machine.
    tokio::time::sleep(Duration::from_millis(800)).await;
    ensure!(
        b.path().await?.ends_with(path),
        "Escape three times in {where_} left the app\n{}",
        b.describe().await
    );
    Ok(())
}

/// The device's clock is set back (an NTP correction) after steps were marked on
/// /missing. The stored times are then "in the future"; a reload must keep the episode (the time noticed
/// missing, every "Done at") and say the clock changed. Needs the page open on the app's origin.
pub async fn assert_a_clock_set_back_keeps_the_episode(b: &Browser, site: &Site) -> TestResult {
    const KEY: &str = "red-flags:missing";
    b.open(&site.url("/missing")).await?;
    // Learned 2 h ago by the old clock, the police called 10 min "from now": the clock went back 10 min.
    b.js::<Value>(
        "const now = Date.now();
         localStorage.setItem(arguments[0], JSON.stringify({ v: 1, started_at: now - 7200000,
           learned_at: now - 7200000, done: [{ step: 'police', at: now + 600000 }], ready: ['photo'] }));
         return null;",
        vec![json!(KEY)],
    )
    .await?;
    b.reload().await?;
    b.wait_until(
        "document.querySelector('#clock-h') && document.querySelector('[data-clock-changed]')",
        "the restored clock and the notice that the device's clock changed",
        Duration::from_secs(10),
    )
    .await?;
    let state: Value = b
        .js(
            "return { raw: localStorage.getItem(arguments[0]),
                      notice: document.querySelector('[data-clock-changed]').innerText,
                      done: (document.querySelector('[data-step=police] .done-at') || {}).innerText || '' };",
            vec![json!(KEY)],
        )
        .await?;
    let raw: Value = serde_json::from_str(state["raw"].as_str().unwrap_or("null")).unwrap_or(Value::Null);
    ensure!(
        raw["learned_at"].is_number() && raw["done"].as_array().is_some_and(|d| d.len() == 1),
        "the clock set back removed or emptied the episode: {state}"
    );
    ensure!(
        state["notice"].as_str().is_some_and(|n| n.contains("clock changed")),
        "the notice does not say the device's clock changed: {state}"
    );
    ensure!(
        state["done"].as_str().is_some_and(|d| !d.is_empty()),
        "the police step is no longer marked done: {state}\n{}",
        b.describe().await
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Updates: a second build on the same origin (Chromium's `pwa.rs` and the WebKit pass share these)
// ---------------------------------------------------------------------------------------------

/// A second build, "v2": the build under test with one visible change to the app shell the service
/// worker serves (`shell.html`: a meta tag the test can read, see [`IS_V2`]), and the worker's precache
/// block updated as a release would update it: the shell's revision is its new SHA-256 (the worker checks
/// it at install) and the cache has a new name under the same deploy's prefix.
/// (Done here rather than by re-running `cargo xtask post-build`: that is Trunk's hook for a fresh
/// staging folder and refuses to run twice on one build.)
pub fn make_v2(v1: &Path) -> TestResult<TempDir> {
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let v2 = TempDir::new("red-flags-dist-v2")?;
    copy_dir(v1, v2.path())?;
    let sw_path = v2.path().join("sw.js");
    let sw = std::fs::read_to_string(&sw_path)?;
    const START: &str = "const PRECACHE = ";
    let (before, rest) = sw.split_once(START).ok_or_else(|| {
        Failure("sw.js has no `const PRECACHE = {...};` block: has the service worker landed?".into())
    })?;
    let (json, after) = rest
        .split_once(";\n")
        .ok_or_else(|| Failure("sw.js: the PRECACHE block does not end with `;`".into()))?;
    let mut precache: Value =
        serde_json::from_str(json).map_err(|e| format!("sw.js: the PRECACHE block is not JSON: {e}"))?;
    let shell = precache["shell"].as_str().unwrap_or("/").to_string();
    let shell_file = v2.path().join(shell.trim_start_matches('/'));
    let html = std::fs::read_to_string(&shell_file).map_err(|e| format!("the shell {shell:?}: {e}"))?;
    ensure!(html.contains("</head>"), "{shell} has no </head>");
    let html = html.replacen(
        "</head>",
        "<meta name=\"red-flags-test-build\" content=\"v2\"></head>",
        1,
    );
    std::fs::write(&shell_file, &html)?;
    let shell_revision = hex(html.as_bytes());
    let entries = precache["entries"]
        .as_array_mut()
        .ok_or_else(|| Failure("sw.js: PRECACHE has no entries".into()))?;
    let mut changed = 0;
    for e in entries.iter_mut() {
        if e["url"].as_str() == Some(shell.as_str()) {
            e["revision"] = json!(shell_revision);
            changed += 1;
        }
    }
    ensure!(
        changed == 1,
        "sw.js: the shell {shell:?} is listed {changed} times in PRECACHE"
    );
    let old_cache = precache["cache"].as_str().unwrap_or("").to_string();
    ensure!(
        old_cache.starts_with("red-flags-"),
        "sw.js: the cache name {old_cache:?} does not start with red-flags-"
    );
    // A new name under the same deploy's prefix (`red-flags-/ `, precache.rs `cache_prefix`), as a
    // release build's would be: the old worker's cache is then one of this deploy's, for v2 to delete.
    let prefix = old_cache.rfind(' ').map_or("red-flags-", |space| &old_cache[..=space]);
    precache["cache"] = json!(format!("{prefix}{}", &hex(format!("v2 {old_cache}").as_bytes())[..16]));
    std::fs::write(&sw_path, format!("{before}{START}{precache};\n{after}"))?;
    Ok(v2)
}

/// The precache list of a build (the block in its sw.js): its cache name and how many files it holds.
pub fn precache_of(dist: &Path) -> TestResult<(String, usize)> {
    let sw = std::fs::read_to_string(dist.join("sw.js"))?;
    let json = sw
        .split("const PRECACHE = ")
        .nth(1)
        .and_then(|rest| rest.split(";\n").next())
        .ok_or_else(|| Failure("sw.js has no `const PRECACHE = {...};` block".into()))?;
    let v: Value = serde_json::from_str(json).map_err(|e| format!("sw.js: the PRECACHE block is not JSON: {e}"))?;
    let name = v["cache"].as_str().unwrap_or_default().to_string();
    let count = v["entries"].as_array().map_or(0, Vec::len);
    ensure!(
        !name.is_empty() && count > 0,
        "sw.js: PRECACHE has no cache name or no entries"
    );
    Ok((name, count))
}

/// The page is v2's (the shell [`make_v2`] marked).
pub const IS_V2: &str = "document.querySelector('meta[name=\"red-flags-test-build\"]')?.content === 'v2'";
/// The update prompt is open: its Reload button is in the page and takes up space on screen.
pub const PROMPT_SHOWN: &str = "(() => { const r = document.querySelector('.update-prompt .update-reload'); return !!r && r.getBoundingClientRect().width > 0 && getComputedStyle(r).visibility === 'visible'; })()";

/// A user visits v1 once (its worker installs and controls the page), v2 is published on the same
/// origin, and the user opens the app again (/check): the browser finds v2 and the update prompt shows,
/// while the page is still v1 (nothing changes before the user agrees). Returns v2's folder.
pub async fn publish_v2_and_wait_for_the_prompt(b: &Browser, site: &mut Site) -> TestResult<TempDir> {
    let v2 = make_v2(&dist()?)?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    let is_v2: bool = b.js(&format!("return {IS_V2};"), vec![]).await?;
    ensure!(!is_v2, "v1 already carries v2's marker");
    let prompt: bool = b.js(&format!("return {PROMPT_SHOWN};"), vec![]).await?;
    ensure!(!prompt, "the update prompt shows with no update");

    site.serve(v2.path()).await?;
    // A user opens the app again: the browser checks sw.js on navigation and finds v2.
    b.open(&site.url("/check")).await?;
    if let Err(Failure(msg)) = b
        .wait_until(
            PROMPT_SHOWN,
            "the update prompt (.update-prompt) after v2 was published",
            Duration::from_secs(30),
        )
        .await
    {
        let workers: Value = b
            .js_async(
                "const done = arguments[arguments.length - 1];
                 navigator.serviceWorker.getRegistration().then(r => done({
                   controlled: !!navigator.serviceWorker.controller,
                   active: r && r.active && r.active.state, waiting: r && r.waiting && r.waiting.state,
                   installing: r && r.installing && r.installing.state }), e => done(String(e)));",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        return fail(format!("{msg}\n  service worker registration: {workers}"));
    }
    let still_v1: bool = b.js(&format!("return !({IS_V2});"), vec![]).await?;
    ensure!(still_v1, "v2 took over before the user agreed to the update");
    Ok(v2)
}

/// With the prompt showing, the user taps Reload: the page reloads into v2, does not reload again (a
/// loop on `controllerchange`), and the prompt is gone. Works without the probes (so in WebKit too): a
/// mark left in the v1 page must be gone, and one left in the v2 page must still be there 2 s later.
pub async fn take_the_update(b: &Browser) -> TestResult {
    b.js::<Value>("window.__rfV1Page = true; return null;", vec![]).await?;
    b.tap(".update-prompt .update-reload").await?;
    b.wait_until(
        IS_V2,
        "the page to reload into v2 after tapping .update-reload",
        Duration::from_secs(20),
    )
    .await?;
    b.wait_ready().await?;
    let reloaded: bool = b.js("return window.__rfV1Page !== true;", vec![]).await?;
    ensure!(reloaded, "the page shows v2 without having reloaded");
    b.js::<Value>("window.__rfV2Page = true; return null;", vec![]).await?;
    // Let any second reload (a loop on controllerchange) happen before looking.
    tokio::time::sleep(Duration::from_secs(2)).await;
    b.wait_ready().await?;
    let once: bool = b.js("return window.__rfV2Page === true;", vec![]).await?;
    ensure!(once, "the page reloaded again after it had loaded v2");
    let prompt: bool = b.js(&format!("return {PROMPT_SHOWN};"), vec![]).await?;
    ensure!(!prompt, "the update prompt still shows after updating");
    Ok(())
}

/// Waits (up to 10 s) until `only` (v2's cache, see [`precache_of`]) is the only cache left: the old
/// version's were deleted when v2 activated. `before`: the caches before the update, for the message.
pub async fn wait_for_only_cache(b: &Browser, only: &str, before: &[String]) -> TestResult {
    let mut keys = Vec::new();
    for _ in 0..50 {
        keys = b.cache_keys().await?;
        if keys == [only] {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    fail(format!(
        "after the update the caches are {keys:?}; expected only v2's {only} (before: {before:?})"
    ))
}

/// The axe-core script: `RED_FLAGS_AXE`, else the copy `cargo xtask setup --browser` installs.
pub fn axe_source() -> TestResult<String> {
    let path = std::env::var_os("RED_FLAGS_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join(".tools/npm/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).map_err(|e| {
        Failure(format!(
            "axe-core is not at {} ({e}): run `cargo xtask setup --browser`",
            path.display()
        ))
    })
}

// ---------------------------------------------------------------------------------------------
// Small readers for the tests' expectations
// ---------------------------------------------------------------------------------------------

/// The numbers the app may dial: every `dial = "..."` in `content/contacts.toml`.
pub fn dialable_numbers() -> TestResult<Vec<String>> {
    let path = workspace().join("content/contacts.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let numbers: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "dial").then(|| value.trim().trim_matches('"').to_string())
        })
        .collect();
    ensure!(!numbers.is_empty(), "no `dial = \"...\"` lines in {}", path.display());
    Ok(numbers)
}

/// An interface text from the data: `key` (`group.name`) of `content/ui.toml` (`lang` "en") or
/// `content/es/ui.toml` ("es"), for plain one-line texts (`name = "…"` under `[group]`).
pub fn ui_text(lang: &str, key: &str) -> TestResult<String> {
    let file = if lang == "es" {
        "content/es/ui.toml"
    } else {
        "content/ui.toml"
    };
    let path = workspace().join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let (group, name) = key
        .split_once('.')
        .ok_or_else(|| Failure(format!("{key} is not group.name")))?;
    let mut in_group = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_group = line == format!("[{group}]");
        } else if let Some((k, v)) = line.split_once('=').filter(|_| in_group) {
            if k.trim() == name {
                return Ok(v.trim().trim_matches('"').replace("\\\"", "\""));
            }
        }
    }
    fail(format!("no {key} in {}", path.display()))
}

/// Width and height of a PNG, from its IHDR chunk (bytes 16..24, big-endian), after checking the signature.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_size_reads_ihdr_and_rejects_non_png() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&192u32.to_be_bytes());
        png.extend_from_slice(&512u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((192, 512)));
        assert_eq!(png_size(b"GIF89a............................"), None);
        assert_eq!(png_size(&png[..20]), None);
    }

    #[test]
    fn webdriver_json_names_the_one_chromium_and_its_flags() {
        let text = std::fs::read_to_string(workspace().join("webdriver.json")).expect("webdriver.json");
        let v: Value = serde_json::from_str(&text).expect("webdriver.json is JSON");
        let opts = &v["goog:chromeOptions"];
        assert_eq!(opts["binary"], CHROMIUM, "webdriver.json names another Chromium");
        let args: Vec<&str> = opts["args"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            args, CHROMIUM_FLAGS,
            "webdriver.json's flags differ from CHROMIUM_FLAGS"
        );
    }

    #[test]
    fn the_dialable_numbers_come_from_contacts_toml() {
        let numbers = dialable_numbers().expect("content/contacts.toml is readable");
        assert!(numbers.contains(&"+18008435678".to_string()), "{numbers:?}");
        assert!(numbers.contains(&"911".to_string()), "{numbers:?}");
    }
}
