//! Writes every route's prerendered markup for `cargo xtask post-build` (see `red_flags::prerender`).
//! Usage: `prerender <public-url> <out-dir>`: `<out-dir>/<route>/index.html` for each route and
//! `<out-dir>/404.html` (and `es/404.html`), and the offline shell `shell.html` (and `es/shell.html`), each
//! holding the app's body markup only (post-build wraps it in the page).
use red_flags::prerender;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, public_url, out] = args.as_slice() else {
        eprintln!("usage: prerender <public-url> <out-dir>");
        std::process::exit(2);
    };
    let out = Path::new(out);
    let mut pages: Vec<(String, String)> = prerender::routes()
        .iter()
        .map(|r| (prerender::file_for(r), prerender::render(r, public_url)))
        .collect();
    pages.extend(
        prerender::not_found_pages()
            .into_iter()
            .map(|(file, path)| (file, prerender::render(&path, public_url))),
    );
    pages.extend(
        red_flags::content::Lang::ALL
            .into_iter()
            .map(|l| (prerender::shell_file(l), prerender::render_shell(l, public_url))),
    );
    for (file, html) in pages {
        let path = out.join(&file);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, html));
        if let Err(e) = written {
            eprintln!("prerender: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
