//! `cargo xtask <command>`: all of the project's tooling, in Rust (the cargo-xtask pattern).
//!
//! - `setup [--browser]`  install what is missing: wasm32 target, Trunk, wasm-bindgen CLI, wasm-opt,
//!   and with `--browser` Chromium, chromedriver, nginx, axe-core and Lighthouse (tests and bench).
//! - `build [--public-url /p/] [--dist DIR] [--agency FILE]`  release build with Trunk into `dist/`;
//!   with `--agency`, the agency edition of that file (`deploy/agency.example.toml`).
//! - `serve [--port N] [--no-build] [--agency FILE] [--compression br|gzip|none]`  build, then serve `dist/` on
//!   http://127.0.0.1:8080/, compressed as a production host would (brotli by default).
//! - `test [--quick]`     every test: native, wasm-bindgen-test in Chromium, end-to-end in Chromium and WebKit;
//!   `--quick`: formatting, lints and the native tests only (the inner loop; CI runs the full suite).
//! - `post-build`         Trunk's post_build hook (see `postbuild.rs`).
//! - `screenshots [--no-build]`  photograph the app for the manifest (see `icons.rs`).
//! - `bench`              size and speed figures, with Lighthouse (see `bench/mod.rs`).

mod bench;
mod i18n;
mod icons;
mod layout;
mod postbuild;
mod precache;
mod prerender;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    // `cargo xtask serve --help` must print the help, not start a build and a server.
    let cmd = if wants_help(rest) { "help" } else { cmd };
    let result = match cmd {
        "setup" => setup::run(rest.iter().any(|a| a == "--browser")),
        "build" => build_cmd(rest),
        "serve" => serve_cmd(rest),
        "test" => test_cmd(rest),
        "post-build" => postbuild::run(),
        "bench" => bench::run(rest),
        "screenshots" => icons::screenshots(rest),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "usage: cargo xtask <command>
  setup [--browser]                  install the build chain (and the test browser)
  build [--public-url /p/] [--dist DIR] [--agency FILE]  release build into dist/ (an agency's edition
                                     with --agency: see deploy/agency.example.toml)
  serve [--port N] [--no-build] [--public-url /p/] [--dist DIR] [--agency FILE] [--compression br|gzip|none]
                                     build, then serve dist/ on 127.0.0.1 (brotli by default)
  test [--quick]                     run every test (native, wasm in Chromium, end-to-end in Chromium and WebKit);
                                     --quick: formatting, lints and native tests only
  post-build                         Trunk's post_build hook (not for direct use)
  bench [--quick] [--runs N] [--no-build] [--dist DIR] [--no-lighthouse] [--strict] [--write-docs]
                                     size and speed, ours and Lighthouse's, app vs a static reference;
                                     writes docs/performance.md
  screenshots [--no-build]           photograph the app in Chromium into public/screenshots/";

/// `--help` or `-h` anywhere after the command.
fn wants_help(rest: &[String]) -> bool {
    rest.iter().any(|a| a == "--help" || a == "-h")
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Value of `--name VALUE` in `args`.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Runs a command, echoing it; an error names the command and how it ended.
pub fn run(cmd: &mut Command) -> Result {
    println!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// PATH with the project-local tools (wasm-opt from npm) first.
pub fn tool_path() -> String {
    let local = setup::npm_bin();
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", local.display())
}

/// Release build of the app with Trunk into `dist` (default `dist/`), for `public_url`.
pub fn build(public_url: &str, dist: &Path) -> Result {
    build_with_env(public_url, dist, &[])
}

/// [`build`] with `env` set for Trunk and everything it runs (the bench's Spanish-as-English build).
pub fn build_with_env(public_url: &str, dist: &Path, env: &[(&str, &str)]) -> Result {
    setup::run(false)?;
    let root = root();
    // Trunk is offline (it must never download tools), which makes cargo offline too: fetch first.
    run(Command::new("cargo")
        .arg("fetch")
        .arg("--target")
        .arg("wasm32-unknown-unknown")
        .current_dir(&root))?;
    let started = std::time::Instant::now();
    run(Command::new("trunk")
        .args(["build", "--release", "--offline", "--public-url", public_url, "--dist"])
        .arg(dist)
        .current_dir(&root)
        .env("PATH", tool_path())
        // The general edition unless the caller names an agency file.
        .env_remove(red_flags_content::agency::AGENCY_ENV)
        .envs(env.iter().copied())
        .env_remove("CARGO_TARGET_DIR"))?;
    println!(
        "xtask: release build into {} took {:.1} s",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// [`build`], as the agency edition of `agency` when given: the file is checked first (the same check
/// `build.rs` makes), so a mistake is named before the long build starts.
pub fn build_edition(public_url: &str, dist: &Path, agency: Option<&Path>) -> Result {
    let Some(file) = agency else {
        return build(public_url, dist);
    };
    let content = red_flags_content::load(&root().join("content")).map_err(|e| e.to_string())?;
    red_flags_content::agency::load(file, &content.contacts).map_err(|e| e.to_string())?;
    let path = file.to_string_lossy();
    build_with_env(public_url, dist, &[(red_flags_content::agency::AGENCY_ENV, &path)])
}

/// The value of `--agency FILE`, made absolute (build.rs runs in another directory).
fn agency_flag(args: &[String]) -> Result<Option<PathBuf>> {
    let Some(file) = flag(args, "--agency") else {
        return Ok(None);
    };
    std::fs::canonicalize(&file).map(Some).map_err(|e| {
        format!(
            "--agency `{file}`: cannot read it ({e}): give the path of an agency file like deploy/agency.example.toml"
        )
    })
}

fn build_cmd(args: &[String]) -> Result {
    let public_url = flag(args, "--public-url").unwrap_or_else(|| "/".into());
    let dist = flag(args, "--dist")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    build_edition(&public_url, &dist, agency_flag(args)?.as_deref())
}

fn serve_cmd(args: &[String]) -> Result {
    let port: u16 = match flag(args, "--port") {
        Some(p) => p.parse().map_err(|_| format!("--port `{p}` is not a port number"))?,
        None => 8080,
    };
    let public_url = flag(args, "--public-url").unwrap_or_else(|| "/".into());
    let dist = flag(args, "--dist")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    let compression = match flag(args, "--compression") {
        Some(c) => devserver::Compression::parse(&c).ok_or(format!("--compression `{c}`: br, gzip or none"))?,
        None => devserver::Compression::Brotli,
    };
    if !args.iter().any(|a| a == "--no-build") {
        build_edition(&public_url, &dist, agency_flag(args)?.as_deref())?;
    }
    if !dist.join("index.html").exists() {
        return Err("dist/index.html is missing: run without --no-build".into());
    }
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let opts = devserver::Options::new(&public_url).compression(compression);
        let server = devserver::start_with(&dist, addr, opts)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e} (is the port in use? try --port)"))?;
        println!(
            "\nServing {} at {}  (Ctrl-C to stop)",
            dist.display(),
            server.url(&public_url)
        );
        let _ = tokio::signal::ctrl_c().await;
        server.stop().await;
        Ok(())
    })
}

/// Every clippy pass of `test` (both loops): what it lints, and the arguments after `cargo clippy`. The
/// app is linted as each of its builds compiles it: native with the tests, the prerender binary (feature
/// `ssr`), the browser's WebAssembly, and the component tests in WebAssembly. Outside tests `unwrap()`
/// is denied: there it is a panic waiting for a value from storage, the network or the user.
const CLIPPY_PASSES: [(&str, &str); 6] = [
    ("every target, native", "--workspace --all-targets -- -D warnings"),
    (
        "outside tests, no unwrap()",
        "--workspace --lib --bins -- -D warnings -D clippy::unwrap_used",
    ),
    (
        "the prerender binary (feature ssr), no unwrap()",
        "-p red-flags --features ssr --lib --bins -- -D warnings -D clippy::unwrap_used",
    ),
    (
        "the browser build (wasm32), no unwrap()",
        "--target wasm32-unknown-unknown -p red-flags --lib --bins -- -D warnings -D clippy::unwrap_used",
    ),
    (
        "the component tests (wasm32)",
        "--target wasm32-unknown-unknown -p red-flags --tests --features test-hooks -- -D warnings",
    ),
    (
        "the end-to-end suite",
        "-p browser-tests --all-targets --features run -- -D warnings",
    ),
];

/// `test`'s arguments: whether `--quick` was given (anything else is refused).
fn quick_test(args: &[String]) -> Result<bool> {
    match args.iter().find(|a| *a != "--quick") {
        Some(other) => Err(format!("test: unknown argument `{other}` (the one option is --quick)")),
        None => Ok(!args.is_empty()),
    }
}

fn test_cmd(args: &[String]) -> Result {
    let quick = quick_test(args)?;
    let mut phases = Phases::default();
    let result = run_suite(quick, &mut phases);
    // Where the time went, pass or fail: CI has a budget, and a slow phase shows here first.
    println!("\n{}", phases.render());
    result
}

/// The whole suite, phase by phase; `phases` records each phase's time as it ends.
fn run_suite(quick: bool, phases: &mut Phases) -> Result {
    let root = root();
    warn_if_disk_is_short(&root);
    // The quick loop needs no browser and no build chain: only cargo and the pinned toolchain.
    if !quick {
        phases.time("set-up (cargo xtask setup --browser)", || setup::run(true))?;
    }
    let started = std::time::Instant::now();
    lints_and_native_tests(&root, phases)?;
    phases.stop();
    if quick {
        println!(
            "\nxtask: formatting, lints and native tests passed in {:.0} s (--quick: no browser tests)",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }

    component_tests(&root, phases)?;
    end_to_end_tests(&root, phases)?;
    println!("\nxtask: every test passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Formatting, every clippy pass and the native tests of the workspace (the agency edition's too).
fn lints_and_native_tests(root: &Path, phases: &mut Phases) -> Result {
    phases.start("formatting and lints");
    println!("\n== 0/3 formatting and lints (cargo fmt --check, cargo clippy -D warnings) ==");
    run(Command::new("cargo")
        .args(["fmt", "--all", "--check"])
        .current_dir(root))
    .map_err(|e| format!("{e}\n  what to do: run `cargo fmt --all` and commit the result"))?;
    for (what, args) in CLIPPY_PASSES {
        println!("-- clippy: {what}");
        run(Command::new("cargo")
            .arg("clippy")
            .args(args.split_whitespace())
            .current_dir(root))?;
    }
    phases.start("native tests");
    println!("\n== 1/3 native tests (cargo test --workspace) ==");
    run(Command::new("cargo").args(["test", "--workspace"]).current_dir(root))?;
    // The app's own tests of the agency edition (`cfg(agency)`: the case note's agency lines), built
    // from the example file.
    run(Command::new("cargo")
        .args(["test", "--lib", "-p", "red-flags"])
        .env(
            red_flags_content::agency::AGENCY_ENV,
            root.join("deploy/agency.example.toml"),
        )
        .current_dir(root))?;
    // The prerender's tests that render the whole app, built as the prerender binary is (feature `ssr`).
    run(Command::new("cargo")
        .args([
            "test",
            "--lib",
            "-p",
            "red-flags",
            "--no-default-features",
            "--features",
            "ssr",
            "prerender::",
        ])
        .current_dir(root))?;
    Ok(())
}

/// The component tests: wasm-bindgen-test in headless Chromium.
fn component_tests(root: &Path, phases: &mut Phases) -> Result {
    phases.start("component tests (wasm-bindgen-test)");
    println!("\n== 2/3 component tests in headless Chromium (wasm-bindgen-test) ==");
    run(Command::new("cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "red-flags",
            "--test",
            "*",
            // The hooks the tests drive the app through; never in the app's own build.
            "--features",
            "test-hooks",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("WASM_BINDGEN_USE_BROWSER", "1")
        .env_remove("GECKODRIVER")
        .env_remove("SAFARIDRIVER"))
}

/// The release builds (the agency edition, the general one, a sub-path deploy), then every end-to-end
/// test file; every file runs, and the failures are listed together at the end.
fn end_to_end_tests(root: &Path, phases: &mut Phases) -> Result {
    phases.start("release builds (general, sub-path, agency)");
    println!("\n== 3/3 end-to-end tests in headless Chromium, then the WebKit pass ==");
    // The agency edition first (tests/browser/agency.rs; its fixture has four numbers), then the general
    // ones: a general build that followed an agency build and kept anything of it would carry the
    // agency's texts, which agency.rs looks for in `dist/` and the sub-path build.
    let agency_dist = root.join("target").join("dist-agency");
    build_edition("/", &agency_dist, Some(&root.join("tests/browser/agency-four.toml")))?;
    build("/", &root.join("dist"))?;
    // The same app built for a sub-path deploy (routes, links, scope and offline under /red-flags/).
    let subpath_dist = root.join("target").join("dist-subpath");
    build("/red-flags/", &subpath_dist)?;

    // Every test file runs, even after one fails; the failures are listed together at the end.
    let mut failures = Vec::new();
    for target in browser_test_targets(root)? {
        phases.start(&format!("end-to-end: {target}"));
        let mut cmd = Command::new("cargo");
        cmd.args([
            "test",
            "-p",
            "browser-tests",
            "--features",
            "run",
            "--test",
            &target,
            "--",
            "--test-threads=2",
        ])
        .current_dir(root)
        .env("RED_FLAGS_DIST", root.join("dist"))
        .env("RED_FLAGS_SUBPATH_DIST", &subpath_dist)
        .env("RED_FLAGS_AGENCY_DIST", &agency_dist)
        .env("RED_FLAGS_AXE", setup::axe_js())
        .env("RED_FLAGS_NGINX", setup::NGINX)
        .env("PATH", tool_path());
        if let Some(failed) = run_test_target(&mut cmd, &target)? {
            failures.push(failed);
        }
    }
    phases.stop();
    if !failures.is_empty() {
        println!("\n== end-to-end failures ({} of the test files) ==", failures.len());
        for f in &failures {
            println!("{f}");
        }
        return Err(format!(
            "end-to-end tests failed in {}: see the list above",
            failures
                .iter()
                .map(|f| f.lines().next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(())
}

/// Each phase of `cargo xtask test` and how long it took, printed at the end, pass or fail.
#[derive(Default)]
struct Phases {
    done: Vec<(String, f64)>,
    current: Option<(String, std::time::Instant)>,
}

impl Phases {
    /// Ends the phase under way, if any, and starts `name`.
    fn start(&mut self, name: &str) {
        self.stop();
        self.current = Some((name.to_string(), std::time::Instant::now()));
    }

    fn stop(&mut self) {
        if let Some((name, started)) = self.current.take() {
            self.done.push((name, started.elapsed().as_secs_f64()));
        }
    }

    fn time<T>(&mut self, name: &str, f: impl FnOnce() -> T) -> T {
        self.start(name);
        let out = f();
        self.stop();
        out
    }

    /// A phase still under way is the one that failed: it is marked so.
    fn render(&self) -> String {
        let running = self
            .current
            .as_ref()
            .map(|(name, started)| (format!("{name} (stopped here)"), started.elapsed().as_secs_f64()));
        let rows: Vec<(String, f64)> = self.done.iter().cloned().chain(running).collect();
        let total: f64 = rows.iter().map(|(_, s)| s).sum();
        let mut out = String::from("== where the time went ==");
        for (name, secs) in &rows {
            out.push_str(&format!("\n{secs:>7.0} s  {name}"));
        }
        out.push_str(&format!("\n{total:>7.0} s  in all"));
        out
    }
}

/// The suite writes about 7 GiB (build caches for three targets, three release builds, browser profiles).
const DISK_NEEDED_GIB: f64 = 8.0;

/// Says so at once when the disk is nearly full: a full disk fails the suite late, in the linker.
fn warn_if_disk_is_short(root: &Path) {
    let out = Command::new("df").arg("-Pk").arg(root).output();
    if let Some(free) = out.ok().and_then(|o| free_gib(&String::from_utf8_lossy(&o.stdout))) {
        if free < DISK_NEEDED_GIB {
            println!(
                "xtask: warning: only {free:.1} GiB free on the disk that holds {}; the full suite writes about \
                 {DISK_NEEDED_GIB:.0} GiB, and a full disk fails it late (\"No space left on device\")",
                root.display()
            );
        }
    }
}

/// The free space `df -Pk` reports for its one file system, in GiB.
fn free_gib(df: &str) -> Option<f64> {
    let kib: f64 = df.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()?;
    Some(kib / 1024.0 / 1024.0)
}

/// The `[[test]]` targets of `tests/browser/Cargo.toml`, in the order written there.
fn browser_test_targets(root: &Path) -> Result<Vec<String>> {
    let path = root.join("tests").join("browser").join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(test_targets(&text))
}

/// The `name`s of the `[[test]]` sections of a Cargo manifest.
fn test_targets(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_test = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_test = line == "[[test]]";
        } else if let Some(value) = line.strip_prefix("name").filter(|_| in_test) {
            if let Some(name) = value.trim_start().strip_prefix('=') {
                out.push(name.trim().trim_matches('"').to_string());
            }
        }
    }
    out
}

/// Runs one test file, echoing its output; `Some(summary)` when it failed: the file's name, then each
/// failed test and the first lines of what it said.
fn run_test_target(cmd: &mut Command, target: &str) -> Result<Option<String>> {
    use std::io::BufRead;
    println!("$ {}", describe(cmd));
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    let mut out = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            out.push(line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        return Ok(None);
    }
    Ok(Some(failure_summary(target, &status.to_string(), &out)))
}

/// What a failed test file said, short: its failed tests, each with up to 6 lines of its message.
fn failure_summary(target: &str, status: &str, out: &[String]) -> String {
    let mut summary = format!("tests/browser --test {target} ({status})");
    let mut in_failure = false;
    let mut shown = 0;
    for line in out {
        if let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) {
            summary.push_str(&format!("\n  FAILED {name}"));
            in_failure = true;
            shown = 0;
        } else if line.starts_with("failures:") || line.starts_with("test result:") {
            in_failure = false;
        } else if in_failure && shown < 6 && !line.trim().is_empty() {
            summary.push_str(&format!("\n      {line}"));
            shown += 1;
        }
    }
    if out.iter().any(|l| l.contains("No space left on device")) {
        summary.push_str("\n  (the disk is full: free some space (`df -h`) and run the suite again)");
    }
    if !summary.contains("FAILED") {
        summary.push_str("\n  (no test reported a failure: it did not build or it crashed; see its output above)");
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clippy_lints_every_build_of_the_app_and_denies_unwrap_outside_tests() {
        let has = |args: &str, words: &[&str]| words.iter().all(|w| args.split_whitespace().any(|a| a == *w));
        for build in [&["--features", "ssr"][..], &["--target", "wasm32-unknown-unknown"]] {
            assert!(
                CLIPPY_PASSES.iter().any(|(_, a)| has(a, build)),
                "no clippy pass over {build:?}"
            );
        }
        for (what, args) in CLIPPY_PASSES {
            assert!(has(args, &["-D", "warnings"]), "{what}");
            let tests = has(args, &["--all-targets"]) || has(args, &["--tests"]);
            assert_eq!(!tests, has(args, &["clippy::unwrap_used"]), "{what}");
        }
    }

    #[test]
    fn help_after_a_command_is_help_not_the_command() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert!(wants_help(&args("--port 8080 --help")));
        assert!(wants_help(&args("-h")));
        assert!(!wants_help(&args("--no-build --port 8080")));
    }

    #[test]
    fn test_is_the_full_suite_unless_quick_is_asked() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(quick_test(&args("")), Ok(false));
        assert_eq!(quick_test(&args("--quick")), Ok(true));
        assert!(quick_test(&args("--fast")).unwrap_err().contains("--fast"));
        assert!(quick_test(&args("--quick --fast")).is_err());
    }

    #[test]
    fn every_browser_test_file_is_found_in_order() {
        let text = "[package]\nname = \"browser-tests\"\n[[test]]\nname = \"browser\"\npath = \"b.rs\"\n[[test]]\n# c\nname = \"exit\"\n[dependencies]\nname = \"x\"\n";
        assert_eq!(test_targets(text), ["browser", "exit"]);
        let real = browser_test_targets(&root()).expect("tests/browser/Cargo.toml");
        assert!(real.len() >= 10 && real.contains(&"exit".to_string()), "{real:?}");
        // Every file of tests/browser but the harness is a target, so the suite runs (and times) each.
        let dir = root().join("tests").join("browser");
        for file in std::fs::read_dir(&dir).expect("tests/browser") {
            let name = file.expect("an entry").file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "lib") {
                assert!(
                    real.iter().any(|t| t == stem),
                    "tests/browser/{name} is not a [[test]]: {real:?}"
                );
            }
        }
    }

    #[test]
    fn a_failure_summary_names_each_failed_test_and_its_message() {
        let out: Vec<String> = [
            "test a ... ok",
            "test b ... FAILED",
            "failures:",
            "",
            "---- b stdout ----",
            "Error: the clipboard is not focused",
            "failures:",
            "    b",
            "test result: FAILED. 1 passed; 1 failed",
        ]
        .map(String::from)
        .to_vec();
        let s = failure_summary("exit", "exit status: 101", &out);
        assert!(
            s.contains("--test exit") && s.contains("FAILED b") && s.contains("not focused"),
            "{s}"
        );
        assert!(!s.contains("    b\n"), "{s}");
        assert!(failure_summary("x", "signal", &[]).contains("did not build"));
    }

    #[test]
    fn the_phases_are_listed_with_their_times_and_the_one_under_way_is_marked() {
        let mut p = Phases::default();
        p.done.push(("set-up".into(), 412.4));
        p.done.push(("lints".into(), 80.0));
        assert_eq!(
            p.render(),
            "== where the time went ==\n    412 s  set-up\n     80 s  lints\n    492 s  in all"
        );
        p.time("native", || ());
        p.start("end-to-end: exit");
        let r = p.render();
        assert!(
            r.contains("s  native\n") && r.contains("end-to-end: exit (stopped here)"),
            "{r}"
        );
        p.stop();
        assert!(!p.render().contains("stopped here"));
    }

    #[test]
    fn free_space_is_read_from_df_and_a_full_disk_is_named() {
        let df =
            "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 264000000 260000000 4194304 99% /\n";
        assert_eq!(free_gib(df), Some(4.0));
        assert_eq!(free_gib("garbage"), None);
        let out = vec!["LLVM ERROR: IO failure on output stream: No space left on device".to_string()];
        assert!(failure_summary("webkit", "exit status: 101", &out).contains("the disk is full"));
    }
}
