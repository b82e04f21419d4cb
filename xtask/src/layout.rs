//! The build folder's layout: the files the post-build step writes beside Trunk's and the steps after
//! it read (prerendering writes the shells, the precache lists them, the bench weighs them), and how
//! the folder is walked. Every step names a file through here, so none depends on another for a name.

use crate::Result;
use std::path::Path;

/// The app shell: Trunk's page with "Loading…", what the service worker answers every navigation with.
pub const SHELL_FILE: &str = "shell.html";
/// The Spanish shell: what the service worker answers a `/es/…` navigation with, once a Spanish page
/// has been opened (an English visit never fetches it).
pub const ES_SHELL_FILE: &str = "es/shell.html";
/// Quick exit's neutral page for a Spanish page: `exit.html` with its language and title in Spanish.
pub const ES_EXIT_FILE: &str = "es/exit.html";

/// The Spanish web manifest, beside the Spanish pages: `es/manifest.webmanifest`.
pub const ES_MANIFEST_FILE: &str = "es/manifest.webmanifest";

/// Under this folder, the Spanish: fetched only by Spanish visits.
pub const SPANISH_DIR: &str = "es/";

/// The manifest's `id` as written in `public/manifest.webmanifest`; replaced by the public URL at build.
pub const MANIFEST_ID_SOURCE: &str = "\"id\": \"./\"";

/// Files under `dir`, as (`/`-separated relative path, contents), sorted by path.
pub fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result {
        let read = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for item in read {
            let item = item.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            let path = item.path();
            let kind = item
                .file_type()
                .map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
            if kind.is_dir() {
                walk(base, &path, out)?;
            } else if kind.is_file() {
                let rel = path.strip_prefix(base).map_err(|e| e.to_string())?;
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                out.push((rel.join("/"), bytes));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
