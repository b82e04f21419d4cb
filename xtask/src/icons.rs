//! The app's icons, rendered at build time from the one source `public/icons/icon.svg`, and the
//! manifest's screenshots of the app itself (`cargo xtask screenshots`).
//!
//! Icons are rendered by the post-build step into the staging folder, so no icon binary is in git and
//! they can never drift from the SVG. Screenshots need a browser, so they are made on request and
//! committed in `public/screenshots/`.

use crate::Result;
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg;
use std::path::Path;

/// The icon's square colour (the SVG's background rect; a test checks they agree). Opaque and maskable
/// icons are filled with it edge to edge.
pub const BACKGROUND: (u8, u8, u8) = (0x8a, 0x15, 0x38);

/// One PNG made from the SVG.
pub struct Icon {
    /// Relative to the build folder.
    pub file: &'static str,
    pub size: u32,
    /// The SVG is drawn at `scale` of the size, centred.
    pub scale: f32,
    /// Filled with [`BACKGROUND`] under the SVG: no transparent pixel (iOS shows them black; maskable
    /// icons are cropped to any shape by the launcher).
    pub opaque: bool,
}

pub const ICONS: [Icon; 5] = [
    Icon {
        file: "icons/icon-96.png",
        size: 96,
        scale: 1.0,
        opaque: false,
    },
    Icon {
        file: "icons/icon-192.png",
        size: 192,
        scale: 1.0,
        opaque: false,
    },
    Icon {
        file: "icons/icon-512.png",
        size: 512,
        scale: 1.0,
        opaque: false,
    },
    // The flag fits the inner 80% at full size already; 0.8 leaves room for the roundest masks.
    Icon {
        file: "icons/icon-maskable-512.png",
        size: 512,
        scale: 0.8,
        opaque: true,
    },
    Icon {
        file: "icons/apple-touch-icon.png",
        size: 180,
        scale: 1.0,
        opaque: true,
    },
];

/// Renders `svg` as a `size`×`size` pixmap as `icon` describes.
pub fn render_pixmap(svg: &[u8], icon: &Icon) -> Result<Pixmap> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default()).map_err(|e| format!("icon.svg: {e}"))?;
    let mut pixmap = Pixmap::new(icon.size, icon.size).ok_or("icon size must be above zero")?;
    if icon.opaque {
        let (r, g, b) = BACKGROUND;
        pixmap.fill(Color::from_rgba8(r, g, b, 255));
    }
    let s = tree.size();
    let k = icon.size as f32 * icon.scale / s.width().max(s.height());
    let offset = (icon.size as f32 - s.width() * k) / 2.0;
    let offset_y = (icon.size as f32 - s.height() * k) / 2.0;
    resvg::render(
        &tree,
        Transform::from_row(k, 0.0, 0.0, k, offset, offset_y),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The same image in fewer bytes: oxipng's strongest preset, lossless, with libdeflate (zopfli saves a
/// few bytes more but takes minutes in the xtask's debug build).
pub fn optimise_png(png: &[u8]) -> std::result::Result<Vec<u8>, oxipng::PngError> {
    oxipng::optimize_from_memory(png, &oxipng::Options::max_compression())
}

/// Renders every icon of [`ICONS`] from `staging/icons/icon.svg` into `staging`; returns the files.
pub fn write(staging: &Path) -> Result<Vec<&'static str>> {
    let source = staging.join("icons").join("icon.svg");
    let svg = std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let mut written = Vec::new();
    for icon in &ICONS {
        let png = render_pixmap(&svg, icon)?
            .encode_png()
            .map_err(|e| format!("{}: {e}", icon.file))?;
        let png = optimise_png(&png).map_err(|e| format!("{}: {e}", icon.file))?;
        let path = staging.join(icon.file);
        std::fs::write(&path, png).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(icon.file);
    }
    Ok(written)
}

/// Screenshots for the manifest: (file under `public/screenshots/`, app route, CSS width, height).
pub const SCREENSHOTS: [(&str, &str, u32, u32); 2] = [
    ("home-narrow.png", "", 360, 640),
    ("check-narrow.png", "check", 360, 640),
];

/// `cargo xtask screenshots [--no-build]`: serves a release build and has headless Chromium photograph
/// the app at phone size (device scale 2, so 720×1280 PNGs) into `public/screenshots/`.
pub fn screenshots(args: &[String]) -> Result {
    let root = crate::root();
    let dist = std::env::temp_dir().join("red-flags-screenshots-dist");
    if !args.iter().any(|a| a == "--no-build") || !dist.join("index.html").exists() {
        crate::build("/", &dist)?;
    }
    let out_dir = root.join("public").join("screenshots");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let server = rt
        .block_on(devserver::start(&dist, ([127, 0, 0, 1], 0).into(), "/"))
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let base = server.url("/");
    let result = (|| {
        for (file, route, w, h) in SCREENSHOTS {
            let profile = std::env::temp_dir().join(format!("red-flags-shot-profile-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&profile);
            let out = out_dir.join(file);
            // The server runs on this process's runtime threads while Chromium runs.
            crate::run(
                std::process::Command::new(crate::setup::CHROMIUM)
                    .args(crate::setup::CHROMIUM_FLAGS)
                    .args([
                        "--hide-scrollbars",
                        "--force-device-scale-factor=2",
                        // Time for the WASM to start and render before the picture is taken.
                        "--virtual-time-budget=8000",
                    ])
                    .arg(format!("--user-data-dir={}", profile.display()))
                    .arg(format!("--window-size={w},{h}"))
                    .arg(format!("--screenshot={}", out.display()))
                    .arg(format!("{base}{route}")),
            )?;
            let _ = std::fs::remove_dir_all(&profile);
            let png = std::fs::read(&out).map_err(|e| format!("Chromium wrote no {}: {e}", out.display()))?;
            let shot = Pixmap::decode_png(&png).map_err(|e| format!("{}: {e}", out.display()))?;
            if (shot.width(), shot.height()) != (w * 2, h * 2) {
                return Err(format!(
                    "{file} is {}x{}, expected {}x{}",
                    shot.width(),
                    shot.height(),
                    w * 2,
                    h * 2
                ));
            }
            println!(
                "xtask screenshots: wrote {} ({}x{})",
                out.display(),
                shot.width(),
                shot.height()
            );
        }
        Ok(())
    })();
    rt.block_on(server.stop());
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Vec<u8> {
        std::fs::read(crate::root().join("public/icons/icon.svg")).unwrap()
    }

    fn icon(file: &str) -> &'static Icon {
        ICONS.iter().find(|i| i.file == file).unwrap()
    }

    fn rgba(p: &Pixmap, x: u32, y: u32) -> (u8, u8, u8, u8) {
        let c = p.pixel(x, y).unwrap().demultiply();
        (c.red(), c.green(), c.blue(), c.alpha())
    }

    #[test]
    fn the_svg_background_is_the_fill_colour_used_for_opaque_icons() {
        let svg = String::from_utf8(source()).unwrap();
        let (r, g, b) = BACKGROUND;
        assert!(
            svg.contains(&format!("fill=\"#{r:02x}{g:02x}{b:02x}\"")),
            "icon.svg's square is not BACKGROUND"
        );
        // And the full-size render shows that colour just inside the edge, at the middle of the top.
        let p = render_pixmap(&source(), icon("icons/icon-512.png")).unwrap();
        assert_eq!(rgba(&p, 256, 4), (r, g, b, 255));
    }

    #[test]
    fn any_icons_have_rounded_transparent_corners_and_a_white_flag() {
        for file in ["icons/icon-96.png", "icons/icon-192.png", "icons/icon-512.png"] {
            let i = icon(file);
            let p = render_pixmap(&source(), i).unwrap();
            assert_eq!((p.width(), p.height()), (i.size, i.size));
            assert_eq!(rgba(&p, 0, 0).3, 0, "{file}: corner must be transparent");
            let white = p
                .pixels()
                .iter()
                .filter(|c| c.alpha() == 255 && c.red() == 255 && c.green() == 255)
                .count();
            let share = white as f32 / (i.size * i.size) as f32;
            assert!(
                (0.08..0.4).contains(&share),
                "{file}: the flag covers {share} of the icon"
            );
        }
    }

    #[test]
    fn optimised_pngs_are_smaller_and_hold_the_same_pixels() {
        let rendered = render_pixmap(&source(), icon("icons/icon-192.png")).unwrap();
        let png = rendered.encode_png().unwrap();
        let optimised = optimise_png(&png).unwrap();
        assert!(optimised.len() < png.len(), "{} -> {}", png.len(), optimised.len());
        let back = Pixmap::decode_png(&optimised).unwrap();
        assert_eq!((back.width(), back.height()), (rendered.width(), rendered.height()));
        assert!(back.data() == rendered.data(), "the optimised PNG has other pixels");
    }

    #[test]
    fn apple_and_maskable_icons_are_opaque() {
        for file in ["icons/apple-touch-icon.png", "icons/icon-maskable-512.png"] {
            let p = render_pixmap(&source(), icon(file)).unwrap();
            assert!(
                p.pixels().iter().all(|c| c.alpha() == 255),
                "{file} has transparent pixels"
            );
        }
        assert_eq!(icon("icons/apple-touch-icon.png").size, 180);
    }

    #[test]
    fn maskable_content_sits_in_the_safe_zone() {
        // Outside the circle of radius 40% of the size (the inner 80%), only the background may show.
        let i = icon("icons/icon-maskable-512.png");
        let p = render_pixmap(&source(), i).unwrap();
        let (r, g, b) = BACKGROUND;
        let (c, radius) = (i.size as f32 / 2.0, i.size as f32 * 0.4);
        let mut inside_flag = 0;
        for y in 0..i.size {
            for x in 0..i.size {
                let d = ((x as f32 + 0.5 - c).powi(2) + (y as f32 + 0.5 - c).powi(2)).sqrt();
                let px = rgba(&p, x, y);
                if d > radius {
                    assert_eq!(
                        px,
                        (r, g, b, 255),
                        "pixel ({x},{y}) outside the safe zone is not background"
                    );
                } else if px == (255, 255, 255, 255) {
                    inside_flag += 1;
                }
            }
        }
        assert!(
            inside_flag > 10_000,
            "the flag is missing from the maskable icon ({inside_flag} white pixels)"
        );
    }

    #[test]
    fn write_makes_every_png_from_the_staged_svg() {
        let dir = std::env::temp_dir().join(format!("icons-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("icons")).unwrap();
        std::fs::write(dir.join("icons/icon.svg"), source()).unwrap();
        let files = write(&dir).unwrap();
        assert_eq!(files.len(), ICONS.len());
        for i in &ICONS {
            let p = Pixmap::decode_png(&std::fs::read(dir.join(i.file)).unwrap()).unwrap();
            assert_eq!((p.width(), p.height()), (i.size, i.size), "{}", i.file);
        }
        let _ = std::fs::remove_dir_all(&dir);
        let missing = std::env::temp_dir().join(format!("icons-test-missing-{}", std::process::id()));
        assert!(write(&missing).unwrap_err().contains("icon.svg"));
    }

    #[test]
    fn the_manifest_lists_every_icon_and_screenshot_with_its_real_size() {
        let text = std::fs::read_to_string(crate::root().join("public/manifest.webmanifest")).unwrap();
        let m: serde_json::Value = serde_json::from_str(&text).unwrap();
        let listed: Vec<&serde_json::Value> = m["icons"]
            .as_array()
            .unwrap()
            .iter()
            .chain(
                m["shortcuts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|s| s["icons"].as_array().unwrap()),
            )
            .collect();
        for entry in &listed {
            let src = entry["src"].as_str().unwrap();
            if src.ends_with(".svg") {
                continue;
            }
            let file = src.trim_start_matches("./");
            let i = ICONS
                .iter()
                .find(|i| i.file == file)
                .unwrap_or_else(|| panic!("{src} is not generated"));
            assert_eq!(entry["sizes"], format!("{0}x{0}", i.size), "{src}");
            assert_eq!(
                entry["purpose"].as_str().unwrap_or("any") == "maskable",
                i.file.contains("maskable"),
                "{src}"
            );
        }
        for shot in m["screenshots"].as_array().unwrap() {
            let file = shot["src"].as_str().unwrap().trim_start_matches("./");
            let png = std::fs::read(crate::root().join("public").join(file)).unwrap();
            let p = Pixmap::decode_png(&png).unwrap();
            assert_eq!(shot["sizes"], format!("{}x{}", p.width(), p.height()), "{file}");
            assert_eq!(shot["form_factor"], "narrow");
        }
    }
}
