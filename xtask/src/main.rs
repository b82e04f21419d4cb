//! `cargo xtask <command>`: all of the project's tooling, in Rust (the cargo-xtask pattern).
//!
//! - `setup [--browser]`  install what is missing: wasm32 target, Trunk, wasm-bindgen CLI, wasm-opt,
//!   and with `--browser` Chromium, chromedriver, nginx, axe-core and Lighthouse (tests and bench).
//! - `build [--public-url /p/] [--dist DIR]`  release build with Trunk into `dist/`.
//! - `serve [--port N] [--no-build] [--compression br|gzip|none]`  build, then serve `dist/` on
//!   http://127.0.0.1:8080/, compressed as a production host would (brotli by default).
//! - `test`               every test: native, wasm-bindgen-test in Chromium, end-to-end in Chromium.
//! - `post-build`         Trunk's post_build hook (see `postbuild.rs`).
//! - `screenshots [--no-build]`  photograph the app for the manifest (see `icons.rs`).
//! - `bench`              size and speed figures, with Lighthouse (see `bench/mod.rs`).

mod bench;
mod i18n;
mod icons;
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
  build [--public-url /p/] [--dist DIR]  release build into dist/
  serve [--port N] [--no-build] [--public-url /p/] [--dist DIR] [--compression br|gzip|none]
                                     build, then serve dist/ on 127.0.0.1 (brotli by default)
  test                               run every test (native, wasm in Chromium, end-to-end)
  post-build                         Trunk's post_build hook (not for direct use)
  bench [--quick] [--runs N] [--no-build] [--dist DIR] [--no-lighthouse] [--strict]
                                     size and speed, ours and Lighthouse's, app vs a static reference
  screenshots [--no-build]           photograph the app in Chromium into public/screenshots/";

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
        .envs(env.iter().copied())
        .env_remove("CARGO_TARGET_DIR"))?;
    println!(
        "xtask: release build into {} took {:.1} s",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn build_cmd(args: &[String]) -> Result {
    let public_url = flag(args, "--public-url").unwrap_or_else(|| "/".into());
    let dist = flag(args, "--dist")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    build(&public_url, &dist)
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
        build(&public_url, &dist)?;
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

fn test_cmd(_args: &[String]) -> Result {
    let root = root();
    setup::run(true)?;
    let started = std::time::Instant::now();
    println!("\n== 0/3 formatting and lints (cargo fmt --check, cargo clippy -D warnings) ==");
    run(Command::new("cargo")
        .args(["fmt", "--all", "--check"])
        .current_dir(&root))
    .map_err(|e| format!("{e}\n  what to do: run `cargo fmt --all` and commit the result"))?;
    run(Command::new("cargo")
        .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .current_dir(&root))?;
    run(Command::new("cargo")
        .args([
            "clippy",
            "-p",
            "browser-tests",
            "--all-targets",
            "--features",
            "run",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root))?;
    println!("\n== 1/3 native tests (cargo test --workspace) ==");
    run(Command::new("cargo").args(["test", "--workspace"]).current_dir(&root))?;

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
        .current_dir(&root)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("WASM_BINDGEN_USE_BROWSER", "1")
        .env_remove("GECKODRIVER")
        .env_remove("SAFARIDRIVER"))?;

    println!("\n== 3/3 end-to-end tests in headless Chromium ==");
    build("/", &root.join("dist"))?;
    // The same app built for a sub-path deploy (routes, links, scope and offline under /red-flags/).
    let subpath_dist = root.join("target").join("dist-subpath");
    build("/red-flags/", &subpath_dist)?;
    run(Command::new("cargo")
        .args([
            "test",
            "-p",
            "browser-tests",
            "--features",
            "run",
            "--",
            "--test-threads=2",
        ])
        .current_dir(&root)
        .env("RED_FLAGS_DIST", root.join("dist"))
        .env("RED_FLAGS_SUBPATH_DIST", &subpath_dist)
        .env("RED_FLAGS_AXE", setup::axe_js())
        .env("RED_FLAGS_NGINX", setup::NGINX)
        .env("PATH", tool_path()))?;
    println!("\nxtask: every test passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
