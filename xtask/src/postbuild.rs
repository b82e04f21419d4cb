//! Trunk's `post_build` hook: runs after Trunk has written `index.html` into `$TRUNK_STAGING_DIR` and
//! before the staging folder replaces `dist/`.
//!
//! 1. Moves Trunk's inline `<script type="module">` bootstrap into a content-hashed file, so the
//!    Content-Security-Policy needs no `'unsafe-inline'` and no per-build hash, and holds the app's
//!    start back until after the first paint (`public/early.js` starts it).
//!    Puts the early script and the stylesheet into the page, and writes the CSP that allows them
//!    (`_headers`, `_csp.nginx.conf`).
//! 2. Renders the icons, sets the manifest's id and writes its Spanish twin (`es/manifest.webmanifest`).
//! 3. Prerenders every route into its own page, and the offline shell `shell.html` (see `prerender.rs`).
//! 4. Writes the service worker's precache list (see `precache.rs`).

use crate::Result;
use std::path::{Path, PathBuf};

/// 64-bit FNV-1a as 16 hex digits: a content revision (not a security hash).
pub fn revision(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Replaces each inline module script of `html` with `<script type="module" src="boot-<rev>.js">`;
/// returns the new HTML and the files to write (name, contents).
pub fn extract_inline_scripts(html: &str) -> Result<(String, Vec<(String, String)>)> {
    const OPEN: &str = "<script type=\"module\"";
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let tag_end = rest[start..]
            .find('>')
            .ok_or("unterminated <script> tag in index.html")?
            + start
            + 1;
        let tag = &rest[start..tag_end];
        let close = rest[tag_end..]
            .find("</script>")
            .ok_or("<script> without </script> in index.html")?
            + tag_end;
        out.push_str(&rest[..start]);
        if tag.contains(" src=") {
            out.push_str(&rest[start..close + "</script>".len()]);
        } else {
            let body = rest[tag_end..close].trim();
            let name = format!("boot-{}.js", revision(body.as_bytes()));
            out.push_str(&format!("<script type=\"module\" src=\"{name}\"></script>"));
            files.push((name, format!("{body}\n")));
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    Ok((out, files))
}

/// The icon a page shows until `public/early.js` links the real one (which then removes this).
pub const EMPTY_ICON: &str = "<link rel=\"icon\" href=\"data:,\">";

/// The `<meta>` that names the app's module bootstrap; `public/early.js` starts it after the first paint.
pub const APP_START_META: &str = "app-start";

/// Holds the app's start back until the page has painted. Every page is prerendered with its stylesheet
/// inside, so the first paint needs only the HTML; anything fetched before it shares the link with the
/// HTML and holds the paint back (Lighthouse's simulated throttling counts every request that starts
/// before the paint). So the module bootstrap `<script type="module" src>` becomes
/// `<meta name="app-start" content>`, and Trunk's preloads of the JS and WASM keep their attributes
/// with `rel` renamed `data-rel` (inert). `public/early.js` adds both to the document after the first
/// frame: the preloads first, so the JS and WASM still download side by side.
/// The manifest and icon links wait too: Chromium fetches the icon (and Lighthouse the manifest) once
/// the page has loaded, which on a fast connection is before the paint, and Lighthouse's simulated LCP
/// then counts both requests as something the paint waited for (LCP 904 ms against an FCP of 682).
/// Nothing needs them earlier: only an install or a tab strip reads them.
pub fn defer_app_start(html: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let (mut wasm, mut boot) = (0, 0);
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('>').ok_or("index.html: unterminated tag")? + 1;
        let tag = &rest[..end];
        let preload = tag.starts_with("<link rel=\"preload\"") || tag.starts_with("<link rel=\"modulepreload\"");
        let icon = tag.starts_with("<link rel=\"icon\"");
        let fetched_when_loaded = icon || tag.starts_with("<link rel=\"manifest\"");
        if preload && (tag.contains(".wasm\"") || tag.contains(".js\"")) || fetched_when_loaded {
            wasm += usize::from(preload && tag.contains(".wasm\""));
            if icon {
                // Without an icon link Chromium asks for /favicon.ico at once: an empty one until then.
                out.push_str(EMPTY_ICON);
            }
            out.push_str(&tag.replacen("<link rel=", "<link data-rel=", 1));
            rest = &rest[end..];
        } else if let Some(attrs) = tag.strip_prefix("<script type=\"module\" src=\"") {
            let src = attrs.split('"').next().unwrap_or_default();
            let close = "</script>";
            if !rest[end..].starts_with(close) {
                return Err(format!("index.html: the module script {tag} is not empty"));
            }
            out.push_str(&format!("<meta name=\"{APP_START_META}\" content=\"{src}\">"));
            boot += 1;
            rest = &rest[end + close.len()..];
        } else {
            out.push_str(tag);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    if wasm == 0 {
        return Err("index.html has no <link rel=\"preload\"> of the WASM: did Trunk's output change?".into());
    }
    if boot != 1 {
        return Err(format!(
            "index.html has {boot} module bootstraps, not one: did Trunk's output change?"
        ));
    }
    Ok(out)
}

/// The tag in `index.html` that stands for the early script.
const EARLY_TAG: &str = "<script src=\"early.js\"></script>";

/// Puts the early script (`public/early.js`: Quick exit's guard, the display settings) into the page
/// itself, in place of its `<script src>`: it must run before the first paint, and as a file it cost a request that paint waited for
/// (bench: LCP 1.13× → 1.00× the reference without it). `guard` is the text the CSP allows by its
/// SHA-256 (`policy::CSP_TEMPLATE`): `policy::early_script` of the file, put in unchanged.
pub fn inline_early_script(html: &str, guard: &str) -> Result<String> {
    if html.matches(EARLY_TAG).count() != 1 {
        return Err(format!(
            "index.html must load the early script exactly once, as {EARLY_TAG}"
        ));
    }
    if guard.contains("</script") {
        return Err("public/early.js contains `</script`: it cannot be inlined".into());
    }
    Ok(html.replacen(EARLY_TAG, &format!("<script>{guard}</script>"), 1))
}

/// Puts the stylesheet Trunk linked (`<link rel="stylesheet" href="…/main-<hash>.css" …>`, exactly one)
/// into the page as `<style>`, byte for byte, and deletes the file: a linked stylesheet blocks the
/// first paint until a second request returns, on a new connection of a slow link (Lighthouse: FCP
/// 1.9× a page that needs nothing but itself). Returns the page and the inlined text, which the CSP
/// allows by its SHA-256 ([`write_csp`]).
pub fn inline_stylesheet(html: &str, staging: &Path) -> Result<(String, String)> {
    const OPEN: &str = "<link rel=\"stylesheet\"";
    if html.matches(OPEN).count() != 1 {
        return Err("index.html must link exactly one stylesheet (Trunk's rel=\"css\")".into());
    }
    let start = html.find(OPEN).ok_or("index.html links no stylesheet")?;
    let end = html[start..]
        .find('>')
        .ok_or("index.html: unterminated stylesheet <link>")?
        + start
        + 1;
    let tag = &html[start..end];
    let href = tag
        .split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .ok_or_else(|| format!("the stylesheet link has no href: {tag}"))?;
    let name = href.rsplit('/').next().unwrap_or(href);
    if name.is_empty() || name.contains("..") || !name.ends_with(".css") {
        return Err(format!("the stylesheet link names no CSS file: {tag}"));
    }
    let path = staging.join(name);
    let css = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if css.to_ascii_lowercase().contains("</style") {
        return Err(format!("{name} contains `</style`: it cannot be inlined"));
    }
    std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    let css = minify_css(&css);
    Ok((format!("{}<style>{css}</style>{}", &html[..start], &html[end..]), css))
}

/// The stylesheet without its comments and the whitespace no rule needs: it is inside every page, and
/// its comments are a third of it (31.6 KB → 24.1 KB, 6.6 → 4.6 KiB brotli per page). Strings are kept
/// byte for byte; whitespace goes only where it cannot separate two tokens (after `{ } ; : , > (` and
/// before `{ } ; , > )`), so a descendant space, `a :hover`, `and (` and `calc(a - b)` keep theirs.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut prev = ' ';
            for d in chars.by_ref() {
                if prev == '*' && d == '/' {
                    break;
                }
                prev = d;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let after_separator = matches!(out.chars().last(), None | Some('{' | '}' | ';' | ':' | ',' | '>' | '('));
        if space && !after_separator && !matches!(c, '{' | '}' | ';' | ',' | '>' | ')') {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
        if c == '"' || c == '\'' {
            while let Some(d) = chars.next() {
                out.push(d);
                if d == '\\' {
                    if let Some(e) = chars.next() {
                        out.push(e);
                    }
                } else if d == c {
                    break;
                }
            }
        }
    }
    out
}

/// Writes the Content-Security-Policy that allows `styles` (the inline stylesheet) into the build:
/// `_headers` (Netlify and Cloudflare Pages read it from the deployed folder; `deploy/_headers` with the
/// policy filled in), which the devserver reads too, and `_csp.nginx.conf`, which `deploy/nginx.conf`
/// includes. So no config in the repository holds the stylesheet's hash, and none can go stale.
pub fn write_csp(staging: &Path, styles: &[&str]) -> Result<String> {
    let policy = policy::csp(styles);
    let template_path = crate::root().join("deploy/_headers");
    let template =
        std::fs::read_to_string(&template_path).map_err(|e| format!("cannot read {}: {e}", template_path.display()))?;
    let headers = headers_file(&template, &policy)?;
    for (name, text) in [
        (policy::HEADERS_FILE, headers),
        (policy::NGINX_CSP_FILE, policy::nginx_csp_snippet(&policy)),
    ] {
        std::fs::write(staging.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    Ok(policy)
}

/// `deploy/_headers` with `policy` in place of its placeholder.
pub fn headers_file(template: &str, policy: &str) -> Result<String> {
    let line = format!("Content-Security-Policy: {}", policy::CSP_PLACEHOLDER);
    if template.matches(&line).count() != 1 {
        return Err(format!("deploy/_headers must have the line `  {line}` once"));
    }
    Ok(template.replacen(&line, &format!("Content-Security-Policy: {policy}"), 1))
}

/// Checks that every `<style>` in `html` is allowed by `policy`: what the browser will do with it.
pub fn check_styles_allowed(html: &str, policy: &str) -> Result {
    for chunk in html.split("<style>").skip(1) {
        let css = chunk.split("</style>").next().unwrap_or("");
        let hash = policy::csp_hash(css.as_bytes());
        if !policy.contains(&hash) {
            return Err(format!(
                "an inline <style> ({hash}) is not allowed by the policy {policy}"
            ));
        }
    }
    if html.contains(" style=\"") {
        return Err("a page has a style attribute: the policy allows no inline style but the stylesheet".into());
    }
    Ok(())
}

pub fn run() -> Result {
    let staging = std::env::var("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .map_err(|_| "post-build runs as Trunk's post_build hook: TRUNK_STAGING_DIR is not set".to_string())?;
    // Trunk gives the --public-url (e.g. `/red-flags/`); the precache URLs are under it.
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    process(&staging, &public_url)
}

/// Everything the hook does to a staging folder.
pub fn process(staging: &Path, public_url: &str) -> Result {
    let index = staging.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let (html, files) = extract_inline_scripts(&html)?;
    let html = defer_app_start(&html)?;
    let guard_path = crate::root().join("public/early.js");
    let guard =
        std::fs::read_to_string(&guard_path).map_err(|e| format!("cannot read {}: {e}", guard_path.display()))?;
    let html = inline_early_script(&html, &policy::early_script(&guard)?)?;
    let (html, css) = inline_stylesheet(&html, staging)?;
    let policy = write_csp(staging, &[&css])?;
    for (name, body) in &files {
        std::fs::write(staging.join(name), body).map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    println!(
        "xtask post-build: moved {} inline bootstrap script(s) into files",
        files.len()
    );
    println!(
        "xtask post-build: inlined the stylesheet ({} bytes) in every page; wrote {} and {} with its hash",
        css.len(),
        policy::HEADERS_FILE,
        policy::NGINX_CSP_FILE
    );
    let icons = crate::icons::write(staging)?;
    println!("xtask post-build: rendered {} icons from icons/icon.svg", icons.len());
    crate::precache::set_manifest_id(staging, public_url)?;
    crate::i18n::write_spanish_manifest(staging)?;
    let fragments = crate::root().join("target").join("prerender");
    crate::prerender::render_fragments(public_url, &fragments)?;
    let pages = crate::prerender::write_pages(staging, &fragments)?;
    for (rel, bytes) in crate::layout::files_under(staging)? {
        if rel.ends_with(".html") {
            check_styles_allowed(&String::from_utf8_lossy(&bytes), &policy).map_err(|e| format!("{rel}: {e}"))?;
        }
    }
    println!(
        "xtask post-build: prerendered {pages} pages; {} is the offline shell",
        crate::layout::SHELL_FILE
    );
    // Last: the precache list covers every file above, in its final form.
    let precache = crate::precache::write(staging, public_url)?;
    println!(
        "xtask post-build: sw.js precaches {} files as cache {}",
        precache.entries.len(),
        precache.cache
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_bootstrap_moves_to_a_hashed_file_and_other_scripts_stay() {
        let html = "<head><script type=\"module\">\nimport init from '/app-1.js';\ninit();\n</script>\
                    <script type=\"module\" src=\"x.js\"></script></head>";
        let (out, files) = extract_inline_scripts(html).unwrap();
        assert_eq!(files.len(), 1);
        assert!(files[0].0.starts_with("boot-") && files[0].0.ends_with(".js"));
        assert!(files[0].1.contains("init();"));
        assert!(out.contains(&format!("<script type=\"module\" src=\"{}\"></script>", files[0].0)));
        assert!(out.contains("src=\"x.js\""));
        assert!(!out.contains("init();"));
    }

    #[test]
    fn the_app_start_waits_for_early_js_and_nothing_else_changes() {
        let html = "<head><link rel=\"stylesheet\" href=\"/main-1.css\"/>\
                    <link rel=\"modulepreload\" href=\"/app-1.js\" crossorigin=\"anonymous\">\
                    <link rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\
                    <link rel=\"manifest\" href=\"manifest.webmanifest\">\
                    <link rel=\"icon\" href=\"icons/icon.svg\" type=\"image/svg+xml\">\
                    <link rel=\"apple-touch-icon\" href=\"icons/a.png\">\
                    <script type=\"module\" src=\"boot-1.js\"></script></head><body><p>a < b</p></body>";
        let out = defer_app_start(html).unwrap();
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("<meta name=\"app-start\" content=\"boot-1.js\">"), "{out}");
        assert_eq!(
            out.matches(" rel=\"").count(),
            3,
            "only the stylesheet, the empty icon and the touch icon (no browser fetches it on its own) stay live: {out}"
        );
        assert!(out.contains(&format!("{EMPTY_ICON}<link data-rel=\"icon\"")), "{out}");
        assert!(
            out.contains("<link data-rel=\"manifest\" href=\"manifest.webmanifest\">"),
            "{out}"
        );
        assert!(out.contains("<link data-rel=\"icon\" href=\"icons/icon.svg\""), "{out}");
        assert!(out.contains("<link data-rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\""));
        assert_eq!(
            out.replace(EMPTY_ICON, "").replace("data-rel=", "rel=").replace(
                "<meta name=\"app-start\" content=\"boot-1.js\">",
                "<script type=\"module\" src=\"boot-1.js\"></script>"
            ),
            html
        );
        let no_wasm = "<link rel=\"stylesheet\" href=\"a.css\"><script type=\"module\" src=\"b.js\"></script>";
        assert!(defer_app_start(no_wasm).is_err(), "no WASM preload is an error");
        let two = "<link rel=\"preload\" href=\"/a.wasm\"><script type=\"module\" src=\"b.js\"></script>\
                   <script type=\"module\" src=\"c.js\"></script>";
        assert!(defer_app_start(two).is_err(), "two bootstraps are an error");
    }

    #[test]
    fn minified_css_keeps_strings_and_every_space_a_rule_needs() {
        let css = "/* a comment */\n:root:not([data-theme=\"light\"]) {\n  --x: 1px;\n}\n\
                   .a > .b, .c :hover { content: \" \\2713 /* kept */ \"; margin: calc(1px - 2px) auto; }\n\
                   @media (max-width: 20em) and (min-width: 10em) { .d  .e { color: red !important; } }\n";
        assert_eq!(
            minify_css(css),
            ":root:not([data-theme=\"light\"]){--x:1px}.a>.b,.c :hover{content:\" \\2713 /* kept */ \";\
             margin:calc(1px - 2px) auto}@media (max-width:20em) and (min-width:10em){.d .e{color:red !important}}"
        );
        let real = std::fs::read_to_string(crate::root().join("style/main.css")).unwrap();
        let small = minify_css(&real);
        assert!(
            small.len() * 10 < real.len() * 9,
            "{} → {} bytes",
            real.len(),
            small.len()
        );
        assert_eq!(minify_css(&small), small, "minifying twice changes nothing");
    }

    #[test]
    fn the_early_script_goes_into_the_page_byte_for_byte() {
        let html = "<head><script src=\"early.js\"></script><meta></head>";
        let out = inline_early_script(html, "(function(){ var a = 1; })();\n").unwrap();
        assert_eq!(
            out,
            "<head><script>(function(){ var a = 1; })();\n</script><meta></head>"
        );
        assert!(
            inline_early_script("<head></head>", "x").is_err(),
            "a page without the early script is an error"
        );
        assert!(inline_early_script(html, "a</script>b").is_err());
    }

    #[test]
    fn the_stylesheet_goes_into_the_page_minified_and_its_file_goes() {
        let dir = std::env::temp_dir().join(format!("postbuild-css-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("main-0123456789abcdef.css"), "a { color: red }\n").unwrap();
        let html = "<head><link rel=\"stylesheet\" href=\"/red-flags/main-0123456789abcdef.css\" \
                    integrity=\"sha384-x\"/><link rel=\"manifest\" href=\"m\"></head>";
        let (out, css) = inline_stylesheet(html, &dir).unwrap();
        assert_eq!(
            out,
            "<head><style>a{color:red}</style><link rel=\"manifest\" href=\"m\"></head>"
        );
        assert_eq!(css, "a{color:red}", "the policy's hash is of the text in the page");
        assert!(
            !dir.join("main-0123456789abcdef.css").exists(),
            "nothing links the file any more"
        );
        assert!(
            inline_stylesheet("<head></head>", &dir).is_err(),
            "no stylesheet is an error"
        );
        let policy = policy::csp(&[&css]);
        check_styles_allowed(&out, &policy).unwrap();
        assert!(
            check_styles_allowed(&out, policy::CSP_TEMPLATE).is_err(),
            "a policy without the style's hash fails the build"
        );
        assert!(check_styles_allowed("<p style=\"color: red\">", &policy).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_headers_file_gets_the_builds_policy_and_the_devserver_reads_it_back() {
        let template = std::fs::read_to_string(crate::root().join("deploy/_headers")).unwrap();
        let policy = policy::csp(&["body{}"]);
        let file = headers_file(&template, &policy).unwrap();
        assert_eq!(policy::csp_of_headers_file(&file).as_deref(), Some(policy.as_str()));
        assert!(!file.contains(policy::CSP_PLACEHOLDER));
        assert_eq!(
            file.replace(&policy, policy::CSP_PLACEHOLDER),
            template,
            "nothing else changes"
        );
        assert!(headers_file("/*\n", &policy).is_err());
    }

    #[test]
    fn revision_changes_with_content() {
        assert_ne!(revision(b"a"), revision(b"b"));
        assert_eq!(revision(b"a").len(), 16);
    }

    #[test]
    fn unterminated_script_is_an_error() {
        assert!(extract_inline_scripts("<script type=\"module\">x").is_err());
    }
}
