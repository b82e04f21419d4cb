//! The site's security and caching policy, as every host must send it: the Content-Security-Policy
//! ([`CSP_TEMPLATE`], completed by the build with the stylesheet's hash: [`csp`]), the early script the
//! policy allows by its hash ([`early_script`]), the files the build writes the policy into
//! ([`HEADERS_FILE`], [`NGINX_CSP_FILE`]), and every other header a response carries ([`headers_for`]).
//!
//! The release build (`xtask`'s post-build step) writes it; `crates/devserver` serves it; the deploy
//! configs in `deploy/` are checked against it here. No web server in it: only text and a hash.

/// The Content-Security-Policy the app ships, before the build fills in the stylesheet: nothing from
/// any other origin, no inline script but the early script (`public/early.js`: Quick exit's guard and
/// the display settings, inlined into every page by the post-build step so the first paint waits for no
/// extra request, allowed by its SHA-256: a test recomputes it from the file), and no inline style but
/// the stylesheet, which the post-build step also inlines into every page. The stylesheet's hash
/// changes with the CSS, so no file in the repository holds it: the build computes it ([`csp`]) and
/// writes the policy into `dist/_headers` (and `dist/_csp.nginx.conf`), which this server reads
/// ([`csp_of_build`]).
pub const CSP_TEMPLATE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-IAZwUOgiIhC7jOIDsagYC1pU3m4X2177yfiq6viZ+MY='; style-src 'self'; \
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

/// The early script (`public/early.js`) as the pages carry it: its comment lines, indentation and blank
/// lines taken out (the file explains itself at length; every page paid 3.8 KiB brotli for that, and a
/// bigger document takes Lighthouse's simulated slow-start link another round trip). Line breaks are kept,
/// so automatic semicolon insertion reads it as before. What could change meaning is refused instead:
/// a template literal or block comment (a `//` line or indentation inside one is text), or a line
/// continued with `\`. The CSP allows exactly this text by its hash.
pub fn early_script(source: &str) -> Result<String, String> {
    for (i, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        if line.contains('`') || line.contains("/*") || line.trim_end().ends_with('\\') {
            return Err(format!(
                "public/early.js line {}: no template literals, block comments or `\\` line continuations \
                 (the pages carry it with comment lines and indentation taken out, which would change them)",
                i + 1
            ));
        }
    }
    let kept: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    Ok(kept.join("\n"))
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let source =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/early.js"))
                .unwrap();
        let hash = csp_hash(early_script(&source).unwrap().as_bytes());
        assert!(
            CSP_TEMPLATE.contains(&hash),
            "public/early.js changed: its CSP hash is now {hash}; put it in the policy's CSP_TEMPLATE"
        );
        assert_eq!(
            CSP_TEMPLATE.matches("'sha256-").count(),
            1,
            "one inline script is allowed, no more"
        );
    }

    #[test]
    fn the_early_script_loses_its_comments_and_indentation_and_nothing_else() {
        let source = "// What it is.\n(function () {\n  \"use strict\";\n\n  // Why.\n  var a = 1; // trailing\n  \
                      var u = \"http://x\";\n})();\n";
        assert_eq!(
            early_script(source).unwrap(),
            "(function () {\n\"use strict\";\nvar a = 1; // trailing\nvar u = \"http://x\";\n})();"
        );
        for bad in ["var s = `a\n// b`;", "/* a */ var b;", "var s = \"a\\\nb\";"] {
            let err = early_script(bad).unwrap_err();
            assert!(err.contains("line 1"), "{bad}: {err}");
        }
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
}

#[cfg(test)]
mod deploy_configs {
    /// The ready-made host configs in deploy/ send the policy's headers.
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

    /// Caching in `deploy/_headers` is the policy's ([`cache_control`]) for every kind of file a build has, including a
    /// hash that Trunk wrote with 15 digits; pages get the hosts' default (revalidate).
    #[test]
    fn the_headers_file_caches_as_the_policy_says() {
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
            "es/manifest.webmanifest",
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
