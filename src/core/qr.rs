//! The app's own address as a QR code, drawn on the device (the Share screen, the wallet card): pure, so
//! the code is tested natively, decoded back included.
//!
//! The encoder is `qrcodegen` (Project Nayuki): pure Rust, no dependencies, no JavaScript. The code is
//! drawn as one SVG path of whole modules, so it stays crisp at any size and in print.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, as the QR standard asks, so a scanner finds its edges on any
/// background.
pub const QUIET_ZONE: usize = 4;

/// The address the app is served from: the origin and the deploy's base (`""` at a domain's root,
/// `/red-flags` under a sub-path), ending in `/`, as a browser shows the app's home.
pub fn app_address(origin: &str, base: &str) -> String {
    let base = base.trim_matches('/');
    let origin = origin.trim_end_matches('/');
    if base.is_empty() {
        format!("{origin}/")
    } else {
        format!("{origin}/{base}/")
    }
}

/// A QR code ready to draw: an SVG `viewBox` of `side` × `side` units (the quiet zone included) and a
/// path `d` that fills every dark module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    pub side: usize,
    pub path: String,
}

impl QrSvg {
    /// The `viewBox` attribute for the code.
    pub fn view_box(&self) -> String {
        format!("0 0 {0} {0}", self.side)
    }
}

/// Encodes `text` (an address) with medium error correction, which survives a smudge or a crease on a
/// printed card; `None` if it is too long for any QR version.
pub fn encode(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = usize::try_from(code.size()).ok()?;
    let dark = |x: usize, y: usize| code.get_module(x as i32, y as i32);
    Some(QrSvg {
        side: size + 2 * QUIET_ZONE,
        path: path_of(size, dark),
    })
}

/// One subpath per horizontal run of dark modules (`M x y h n v 1 h -n z`): a few hundred bytes for an
/// address, and no hairline seams between neighbouring modules as separate squares can show.
fn path_of(size: usize, dark: impl Fn(usize, usize) -> bool) -> String {
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && dark(x, y) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules a path fills, read back from its `M x y h n v1 h-n z` runs.
    fn grid_of(qr: &QrSvg) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; qr.side]; qr.side];
        for run in qr.path.split('z').filter(|s| !s.is_empty()) {
            let rest = run.strip_prefix('M').expect("each run starts with M");
            let (xy, tail) = rest.split_once('h').expect("M x y h…");
            let (x, y) = xy.split_once(' ').expect("x y");
            let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
            let (n, back) = tail.split_once("v1h-").expect("h n v1 h-n");
            assert_eq!(n, back, "a run closes on itself");
            let n: usize = n.parse().expect("n");
            for cell in &mut grid[y][x..x + n] {
                assert!(!*cell, "two runs cover ({x}, {y})");
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn the_address_is_the_origin_and_the_base_with_one_trailing_slash() {
        assert_eq!(app_address("https://example.org", ""), "https://example.org/");
        assert_eq!(app_address("https://example.org", "/"), "https://example.org/");
        assert_eq!(
            app_address("https://example.org", "/red-flags"),
            "https://example.org/red-flags/"
        );
        assert_eq!(
            app_address("http://127.0.0.1:8080/", "/red-flags/"),
            "http://127.0.0.1:8080/red-flags/"
        );
    }

    #[test]
    fn the_path_fills_exactly_the_dark_modules_inside_the_quiet_zone() {
        let text = "https://example.org/red-flags/";
        let qr = encode(text).expect("an address fits");
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).expect("encodes");
        let size = code.size() as usize;
        assert_eq!(qr.side, size + 2 * QUIET_ZONE);
        assert_eq!(qr.view_box(), format!("0 0 {0} {0}", qr.side));
        let grid = grid_of(&qr);
        for (y, row) in grid.iter().enumerate() {
            for (x, &cell) in row.iter().enumerate() {
                let inside =
                    (QUIET_ZONE..QUIET_ZONE + size).contains(&x) && (QUIET_ZONE..QUIET_ZONE + size).contains(&y);
                let want = inside && code.get_module((x - QUIET_ZONE) as i32, (y - QUIET_ZONE) as i32);
                assert_eq!(cell, want, "module ({x}, {y})");
            }
        }
    }

    #[test]
    fn a_long_deploy_address_stays_a_small_version_that_scans_from_arms_length() {
        // Version 4 is 33 modules: on a 16rem code each module is over 3 CSS px, and 1.2 mm on the card.
        let qr = encode("https://a-long-host-name.example.org/child-welfare/red-flags/").expect("fits");
        assert!(qr.side - 2 * QUIET_ZONE <= 33, "version too large: {} modules", qr.side);
    }

    #[test]
    fn text_too_long_for_any_version_is_none() {
        assert_eq!(encode(&"x".repeat(3000)), None);
    }

    /// Draws the code as a greyscale image (`scale` pixels a module) and reads it back with a decoder
    /// that knows nothing of this encoder.
    fn decode(qr: &QrSvg, scale: usize) -> String {
        let grid = grid_of(qr);
        let px = qr.side * scale;
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(
                px,
                px,
                |x, y| {
                    if grid[y / scale][x / scale] {
                        0
                    } else {
                        255
                    }
                },
            );
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the image");
        let (_, content) = grids[0].decode().expect("decodes");
        content
    }

    #[test]
    fn the_drawn_code_decodes_to_the_address_at_the_root_and_under_a_sub_path() {
        for address in [
            app_address("http://127.0.0.1:8080", ""),
            app_address("https://example.github.io", "/red-flags"),
        ] {
            let qr = encode(&address).expect("fits");
            assert_eq!(decode(&qr, 4), address);
        }
    }
}
