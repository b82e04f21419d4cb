//! Sizes: every file of a build raw, gzip (level 9) and brotli (quality 11), and what a first visit
//! transfers. The compressions go through the devserver's cache, so the hosts the bench starts later
//! send exactly these bytes without compressing anything again.

use crate::Result;
use devserver::{compressible, CompressionCache, Encoding, LogEntry};
use std::collections::BTreeMap;
use std::path::Path;

/// One file of a build and its sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl FileSize {
    /// What a host sends with `encoding`: the coded body unless the host leaves the file as it is
    /// (images) or coding would make it larger.
    pub fn wire(&self, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Brotli => self.brotli.min(self.raw),
            Encoding::Gzip => self.gzip.min(self.raw),
            Encoding::Identity => self.raw,
        }
    }
}

/// Every file under `dir`, sized. Files a host would not compress (images) count their raw size in
/// each column.
pub fn measure(dir: &Path, cache: &CompressionCache) -> Result<Vec<FileSize>> {
    let mut out = Vec::new();
    for (name, raw) in crate::layout::files_under(dir)? {
        let (gzip, brotli) = if compressible(&name) {
            (
                cache.get(&raw, Encoding::Gzip).len(),
                cache.get(&raw, Encoding::Brotli).len(),
            )
        } else {
            (raw.len(), raw.len())
        };
        out.push(FileSize {
            name,
            raw: raw.len(),
            gzip,
            brotli,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Brotli size of the build's WebAssembly.
pub fn wasm_brotli(sizes: &[FileSize]) -> usize {
    sizes
        .iter()
        .filter(|f| f.name.ends_with(".wasm"))
        .map(|f| f.brotli)
        .sum()
}

/// The build's WebAssembly (the one `.wasm` file at its top), raw.
pub fn wasm_file(dir: &Path) -> Result<(String, Vec<u8>)> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut wasm: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    match wasm.len() {
        1 => {
            let path = wasm.remove(0);
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((name, bytes))
        }
        n => Err(format!("{} holds {n} .wasm files, not one", dir.display())),
    }
}

/// The requests of a visit for anything Spanish: a path under `/es/` (the Spanish pages, shell and
/// quick-exit page all live there, see `layout::SPANISH_DIR`), or a file there, whatever the answer.
pub fn spanish_requests(log: &[LogEntry]) -> Vec<&str> {
    let dir = crate::layout::SPANISH_DIR;
    let top = dir.trim_end_matches('/');
    log.iter()
        .filter(|e| {
            let path = e.path.split(['?', '#']).next().unwrap_or("");
            let path = path.trim_start_matches('/');
            path == top || path.starts_with(dir) || e.file.as_deref().is_some_and(|f| f.starts_with(dir))
        })
        .map(|e| e.path.as_str())
        .collect()
}

/// One file a first visit fetched: its sizes and how many times the server sent it a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub name: String,
    pub brotli: usize,
    pub gzip: usize,
    pub fetches: usize,
}

/// The files a visit fetched (from the server's log), each with its wire sizes and how many full
/// bodies were sent (a worker that precaches with its own requests, or a file served `no-cache`
/// without a validator, is fetched twice). 304s and 404s are not fetches of the file.
pub fn fetched(log: &[LogEntry], sizes: &[FileSize]) -> Vec<Fetched> {
    let by_name: BTreeMap<&str, &FileSize> = sizes.iter().map(|f| (f.name.as_str(), f)).collect();
    let mut seen: BTreeMap<String, Fetched> = BTreeMap::new();
    for e in log.iter().filter(|e| e.status == 200) {
        if let Some(f) = e.file.as_deref().and_then(|f| by_name.get(f)) {
            seen.entry(f.name.clone())
                .or_insert(Fetched {
                    name: f.name.clone(),
                    brotli: f.wire(Encoding::Brotli),
                    gzip: f.wire(Encoding::Gzip),
                    fetches: 0,
                })
                .fetches += 1;
        }
    }
    seen.into_values().collect()
}

/// Bytes on the wire for a visit: every fetch counted (`each_once: false`) or each file once.
pub fn total(fetched: &[Fetched], encoding: Encoding, each_once: bool) -> usize {
    fetched
        .iter()
        .map(|f| {
            let one = match encoding {
                Encoding::Brotli => f.brotli,
                Encoding::Gzip => f.gzip,
                Encoding::Identity => 0,
            };
            one * if each_once { 1 } else { f.fetches }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(name: &str, raw: usize, gzip: usize, brotli: usize) -> FileSize {
        FileSize {
            name: name.into(),
            raw,
            gzip,
            brotli,
        }
    }

    #[test]
    fn wire_size_never_exceeds_raw() {
        let png = size("a.png", 100, 120, 110);
        assert_eq!(png.wire(Encoding::Brotli), 100);
        assert_eq!(png.wire(Encoding::Gzip), 100);
        let js = size("a.js", 100, 40, 30);
        assert_eq!(js.wire(Encoding::Brotli), 30);
        assert_eq!(js.wire(Encoding::Gzip), 40);
        assert_eq!(js.wire(Encoding::Identity), 100);
    }

    #[test]
    fn measuring_compresses_each_file_once_and_leaves_images_alone() {
        let dir = std::env::temp_dir().join(format!("bench-sizes-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("check")).unwrap();
        std::fs::write(dir.join("check/index.html"), "<p>hello</p>".repeat(100)).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hello</p>".repeat(100)).unwrap();
        std::fs::write(dir.join("icon.png"), [1u8, 2, 3]).unwrap();
        let cache = CompressionCache::new();
        let sizes = measure(&dir, &cache).unwrap();
        let names: Vec<&str> = sizes.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["check/index.html", "icon.png", "index.html"]);
        assert_eq!(sizes[0].raw, 1200);
        assert!(sizes[0].brotli < 100 && sizes[0].gzip < 100, "{:?}", sizes[0]);
        assert_eq!((sizes[1].gzip, sizes[1].brotli), (3, 3));
        assert_eq!(
            cache.compressions(),
            2,
            "two identical pages: one brotli and one gzip in all"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_visit_counts_every_body_sent_and_each_file_once() {
        let sizes = vec![
            size("index.html", 3000, 1200, 1000),
            size("app_bg.wasm", 9000, 4000, 3000),
            size("unused.png", 10, 10, 10),
        ];
        let e = |f: Option<&str>, status: u16| LogEntry {
            path: "/".into(),
            file: f.map(Into::into),
            status,
            encoding: Encoding::Brotli,
            body_bytes: 0,
        };
        let log = vec![
            e(Some("index.html"), 200),
            e(Some("app_bg.wasm"), 200),
            e(Some("app_bg.wasm"), 200),
            e(Some("index.html"), 304),
            e(None, 404),
        ];
        let f = fetched(&log, &sizes);
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].name.as_str(), f[0].fetches), ("app_bg.wasm", 2));
        assert_eq!((f[1].name.as_str(), f[1].fetches), ("index.html", 1));
        assert_eq!(total(&f, Encoding::Brotli, false), 7000);
        assert_eq!(total(&f, Encoding::Brotli, true), 4000);
        assert_eq!(total(&f, Encoding::Gzip, true), 5200);
        assert_eq!(wasm_brotli(&sizes), 3000);
    }

    #[test]
    fn spanish_requests_are_those_under_es() {
        let e = |path: &str, f: Option<&str>, status: u16| LogEntry {
            path: path.into(),
            file: f.map(Into::into),
            status,
            encoding: Encoding::Brotli,
            body_bytes: 0,
        };
        let english = vec![
            e("/", Some("index.html"), 200),
            e("/red-flags-0123_bg.wasm", Some("red-flags-0123_bg.wasm"), 200),
            e("/shell.html", Some("shell.html"), 200),
            e("/estimates", None, 404),
            e("/glossary/es", None, 404),
            e("/manifest.webmanifest?es", Some("manifest.webmanifest"), 200),
        ];
        assert_eq!(spanish_requests(&english), Vec::<&str>::new());
        let mut visit = english.clone();
        visit.push(e("/es/shell.html", Some("es/shell.html"), 200));
        visit.push(e("/es", None, 404));
        visit.push(e("/es/check?x=1", Some("es/check/index.html"), 304));
        assert_eq!(spanish_requests(&visit), ["/es/shell.html", "/es", "/es/check?x=1"]);
    }

    #[test]
    fn the_wasm_of_a_build_is_its_one_wasm_file() {
        let dir = std::env::temp_dir().join(format!("bench-wasm-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("es")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>").unwrap();
        assert!(wasm_file(&dir).unwrap_err().contains("0 .wasm files"));
        std::fs::write(dir.join("app-1_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
        assert_eq!(
            wasm_file(&dir).unwrap(),
            ("app-1_bg.wasm".to_string(), vec![0u8, 97, 115, 109])
        );
        std::fs::write(dir.join("app-2_bg.wasm"), [0u8]).unwrap();
        assert!(wasm_file(&dir).unwrap_err().contains("2 .wasm files"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
