//! `cargo xtask setup`: installs only what is missing or at the wrong version, saying what and why.
//!
//! The machines this runs on reach crates.io, npm and Debian's packages only, so every tool comes from
//! one of those: nothing downloads a prebuilt binary from elsewhere.
//!
//! | piece | from | time on 2 cores |
//! |---|---|---|
//! | `wasm32-unknown-unknown` target | rustup | ~20 s |
//! | Trunk ([`TRUNK_VERSION`]) | crates.io (`cargo install --locked`) | ~11 min |
//! | wasm-bindgen CLI, exactly Cargo.lock's version | crates.io | ~5 min |
//! | wasm-opt (`binaryen`), axe-core, Lighthouse (tests and bench) | npm, into the git-ignored `.tools/npm` | ~5 s (Lighthouse ~1 min) |
//! | Chromium, chromedriver, nginx (tests only) | Debian (`apt-get`; `sudo` when not root) | ~1 min |
//! | WebKitGTK's WebDriver (`webkit2gtk-driver`, with its MiniBrowser), Xvfb (tests only) | Debian | ~1 min |
//!
//! The build chain: Trunk runs offline with the tools pinned in `Trunk.toml` (it must never download
//! them); `wasm-bindgen` is pinned with `=` in `Cargo.toml` to the CLI's version; the release profile
//! is tuned for size. Trunk's post-build hook (`cargo xtask post-build`) also builds the app natively
//! with the `ssr` feature and runs `src/bin/prerender.rs`, which writes every route's page; the first
//! build after a clean checkout compiles Leptos a second time for that (about a minute).

use crate::{describe, root, Result};
use std::path::PathBuf;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_NPM: &str = "binaryen@132.0.0";
pub const WASM_OPT_VERSION: &str = "version 132";
pub const AXE_NPM: &str = "axe-core@4.14.1";
/// Lighthouse for `cargo xtask bench`: 12.x is the last line that runs on Node 20 (13 needs Node 22).
pub const LIGHTHOUSE_NPM: &str = "lighthouse@12.2.3";
pub const LIGHTHOUSE_VERSION: &str = "12.2.3";
/// Debian's nginx (package `nginx-light`): the tests serve the build with `deploy/nginx.conf` in it.
pub const NGINX: &str = "/usr/sbin/nginx";
pub use browser_tests::{CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, MINIBROWSER, WEBKIT_DRIVER, XVFB};

/// The project-local npm folder (git-ignored) holding wasm-opt, axe-core and Lighthouse.
pub fn npm_dir() -> PathBuf {
    root().join(".tools").join("npm")
}

pub fn npm_bin() -> PathBuf {
    npm_dir().join("node_modules").join(".bin")
}

pub fn lighthouse_bin() -> PathBuf {
    npm_bin().join("lighthouse")
}

pub fn axe_js() -> PathBuf {
    npm_dir().join("node_modules").join("axe-core").join("axe.min.js")
}

/// First line of `program --version`, or None when it does not run.
fn version_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + String::from_utf8_lossy(&out.stderr).as_ref();
    text.lines().next().map(|l| l.trim().to_string())
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`".into())
}

/// `cargo install` for a build tool, built for a short install rather than top speed: Trunk's own release
/// profile asks for fat LTO in one codegen unit, the slowest build there is, for a program that mostly
/// waits on cargo, wasm-bindgen and wasm-opt. A fresh CI machine builds both tools, so this is minutes
/// of every cold run.
fn tool_install() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
    cmd
}

fn step(what: &str, why: &str) {
    println!("xtask setup: {what} — {why}");
}

pub fn run_setup_step(cmd: &mut Command, what: &str, next: &str) -> Result {
    crate::run(cmd).map_err(|e| format!("{what} failed: {e}\n  what to do: {next}"))
}

/// Installs what is missing, step by step; `browser`: the browsers and tools of the end-to-end tests
/// and the bench too.
pub fn run(browser: bool) -> Result {
    rust_toolchain()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools(browser)?;
    system_packages(browser)
}

/// The wasm32 target, rustfmt and clippy.
fn rust_toolchain() -> Result {
    // 1. The wasm32 target.
    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let has_target = matches!(&targets, Ok(o) if String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    if !has_target {
        step(
            "adding the wasm32-unknown-unknown target",
            "the app compiles to WebAssembly",
        );
        run_setup_step(
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
            "rustup target add",
            "check that rustup is installed and can reach its server",
        )?;
    }

    // 1b. rustfmt and clippy: `cargo xtask test` checks formatting and lints first.
    for (component, probe) in [("rustfmt", ["fmt", "--version"]), ("clippy", ["clippy", "--version"])] {
        let present = Command::new("cargo")
            .args(probe)
            .output()
            .is_ok_and(|o| o.status.success());
        if !present {
            step(
                &format!("adding the {component} component"),
                "`cargo xtask test` checks formatting and lints",
            );
            run_setup_step(
                Command::new("rustup").args(["component", "add", component]),
                "rustup component add",
                "check that rustup is installed and can reach its server",
            )?;
        }
    }
    Ok(())
}

/// Trunk, at the pinned version.
fn trunk() -> Result {
    // 2. Trunk, at the version known to work with this rustc (0.22 needs a newer one).
    let trunk = version_of("trunk", &["--version"]);
    if trunk.as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        step(
            &format!("installing trunk {TRUNK_VERSION} from crates.io (minutes: built once per machine)"),
            &format!("found {}", trunk.unwrap_or_else(|| "none".into())),
        );
        run_setup_step(
            tool_install().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
            "installing trunk",
            "check that crates.io is reachable and a C compiler (gcc) is installed",
        )?;
    }
    Ok(())
}

/// The wasm-bindgen CLI and its test runner, at the library's version.
fn wasm_bindgen() -> Result {
    // 3. wasm-bindgen CLI, exactly the library's version (the CLI refuses any other). Not --locked:
    //    one of its locked dependencies is no longer in the registry.
    let want = locked_wasm_bindgen()?;
    let have = version_of("wasm-bindgen", &["--version"]);
    let runner_ok = version_of("wasm-bindgen-test-runner", &["--version"]).is_some();
    if have.as_deref() != Some(&format!("wasm-bindgen {want}")) || !runner_ok {
        step(
            &format!("installing wasm-bindgen-cli {want} from crates.io (minutes: built once per machine)"),
            &format!(
                "Cargo.lock has wasm-bindgen {want}, found {}",
                have.unwrap_or_else(|| "none".into())
            ),
        );
        run_setup_step(
            tool_install().args(["install", "wasm-bindgen-cli", "--version", &want]),
            "installing wasm-bindgen-cli",
            "check that crates.io is reachable",
        )?;
    }
    Ok(())
}

/// wasm-opt, axe-core and Lighthouse from npm.
fn npm_tools(browser: bool) -> Result {
    // 4. wasm-opt from npm's binaryen (Debian's and crates.io's are too old for current rustc output),
    //    axe-core for the accessibility tests and Lighthouse for the bench, into the git-ignored .tools/npm.
    let wasm_opt = npm_bin().join("wasm-opt");
    let opt_version = version_of(&wasm_opt.to_string_lossy(), &["--version"]);
    let opt_ok = opt_version.as_deref().is_some_and(|v| v.contains(WASM_OPT_VERSION));
    let axe_ok = !browser || axe_js().exists();
    let lighthouse = version_of(&lighthouse_bin().to_string_lossy(), &["--version"]);
    let lighthouse_ok = !browser || lighthouse.as_deref() == Some(LIGHTHOUSE_VERSION);
    if !opt_ok || !axe_ok || !lighthouse_ok {
        step(
            &format!("installing {BINARYEN_NPM}, {AXE_NPM} and {LIGHTHOUSE_NPM} from npm into .tools/npm"),
            &format!(
                "wasm-opt: {}, lighthouse: {}",
                opt_version.unwrap_or_else(|| "none".into()),
                lighthouse.unwrap_or_else(|| "none".into())
            ),
        );
        std::fs::create_dir_all(npm_dir()).map_err(|e| format!("cannot create .tools/npm: {e}"))?;
        let pkg = npm_dir().join("package.json");
        if !pkg.exists() {
            std::fs::write(&pkg, "{ \"name\": \"red-flags-tools\", \"private\": true }\n")
                .map_err(|e| format!("cannot write {}: {e}", pkg.display()))?;
        }
        run_setup_step(
            Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--save-exact",
                    BINARYEN_NPM,
                    AXE_NPM,
                    LIGHTHOUSE_NPM,
                ])
                .current_dir(npm_dir()),
            "npm install",
            "check that Node.js and npm are installed and the npm registry is reachable",
        )?;
    }
    Ok(())
}

/// Chromium, chromedriver, nginx and WebKit's driver from Debian, checked to run.
fn system_packages(browser: bool) -> Result {
    // 5. The test browser and the real web server: Debian's Chromium, chromedriver and nginx.
    let packages: Vec<&str> = [
        ("chromium", CHROMIUM),
        ("chromium-driver", CHROMEDRIVER),
        ("nginx-light", NGINX),
        // The WebKit pass: WebKitGTK's WebDriver (it brings the MiniBrowser) and an X server with no screen.
        ("webkit2gtk-driver", WEBKIT_DRIVER),
        ("xvfb", XVFB),
    ]
    .into_iter()
    .filter(|(_, program)| !PathBuf::from(program).exists())
    .map(|(package, _)| package)
    .collect();
    if browser && !packages.is_empty() {
        let list = packages.join(" ");
        step(
            &format!("installing Debian's {list} (about 1 minute)"),
            "the browser and deploy tests need them",
        );
        let sudo = if is_root() { vec![] } else { vec!["sudo"] };
        let apt = |args: &[&str]| {
            let mut c = if sudo.is_empty() {
                Command::new("apt-get")
            } else {
                Command::new("sudo")
            };
            if !sudo.is_empty() {
                c.arg("apt-get");
            }
            c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
            c
        };
        run_setup_step(
            &mut apt(&["update"]),
            "apt-get update",
            "check that Debian's mirrors are reachable",
        )?;
        let mut install = apt(&[&["install", "-y", "--no-install-recommends"], packages.as_slice()].concat());
        run_setup_step(
            &mut install,
            &format!("apt-get install {list}"),
            "install them by hand with apt-get",
        )?;
    }
    if browser {
        if !PathBuf::from(MINIBROWSER).exists() {
            return Err(format!(
                "{MINIBROWSER} is missing though webkit2gtk-driver is installed: reinstall libwebkit2gtk-4.1-0"
            ));
        }
        for (tool, flag) in [
            (CHROMIUM, "--version"),
            (CHROMEDRIVER, "--version"),
            (NGINX, "-v"),
            (WEBKIT_DRIVER, "--help"),
        ] {
            if version_of(tool, &[flag]).is_none() {
                return Err(format!(
                    "{tool} does not run (`{} {flag}` failed)",
                    describe(&Command::new(tool))
                ));
            }
        }
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_locked_wasm_bindgen_is_the_pinned_one() {
        let manifest = std::fs::read_to_string(super::root().join("Cargo.toml")).unwrap();
        let locked = super::locked_wasm_bindgen().unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={locked}\"")),
            "Cargo.toml must pin wasm-bindgen = \"={locked}\" so the CLI and the library cannot drift"
        );
        let trunk_toml = std::fs::read_to_string(super::root().join("Trunk.toml")).unwrap();
        assert!(
            trunk_toml.contains(&format!("wasm_bindgen = \"{locked}\"")),
            "Trunk.toml pins another wasm-bindgen"
        );
    }
}
