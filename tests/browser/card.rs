//! Handing the app on: the printable wallet card (`/card`) and sharing the app by QR code (`/share`).
//! The harness is `lib.rs`; run by `cargo xtask test`. The routes' call bar, 200% text, prerendering,
//! screenshots and axe in light mode are checked with every route in `routes.rs`, `prerendered.rs` and
//! `audit.rs`.

use base64::Engine;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// A Letter page at 96 CSS px an inch: the print layout's width.
const LETTER: Viewport = Viewport {
    width: 816,
    height: 1056,
};

/// ID-1, the size of a bank card, in millimetres.
const CARD_MM: (f64, f64) = (85.6, 54.0);

/// The `shown_as` of each contact in `content/contacts.toml`, by id.
fn shown_as(id: &str) -> TestResult<String> {
    contact_field(id, "shown_as")
}

/// A field of a contact in `content/contacts.toml`, by id (`full_name` is the same in every language).
fn contact_field(id: &str, key: &str) -> TestResult<String> {
    let path = workspace().join("content/contacts.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
    for block in text.split("[[contact]]") {
        let value = |key: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        if value("id").as_deref() == Some(id) {
            return value(key).ok_or_else(|| Failure(format!("contact {id} has no {key}")));
        }
    }
    fail(format!("no contact {id} in {}", path.display()))
}

/// How many pages a PDF has (`/Type /Page` objects, not the `/Pages` tree) and its first MediaBox.
fn pdf_pages(pdf: &[u8]) -> (usize, Option<String>) {
    let text = String::from_utf8_lossy(pdf);
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count();
    let media = text.split("/MediaBox").nth(1).and_then(|rest| {
        let start = rest.find('[')?;
        let end = rest.find(']')?;
        Some(rest[start + 1..end].split_whitespace().collect::<Vec<_>>().join(" "))
    });
    (pages, media)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_prints_on_one_letter_page_two_id1_cards_with_the_numbers_as_text_and_no_navigation() -> TestResult {
    let text = print_card("/card", "card-print").await?;
    ensure!(text.contains("Source"), "the printed card names no source:\n{text}");
    Ok(())
}

/// The Spanish card prints the same way (Spanish words are longer: the cards must still be ID-1 and on
/// one page), with its words from content/es/ui.toml and the same numbers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spanish_card_prints_the_same_in_spanish() -> TestResult {
    let text = print_card("/es/card", "card-print-es").await?;
    for key in [
        "card.front_title",
        "card.back_title",
        "card.raises_risk",
        "card.happening_now",
    ] {
        let spanish = ui_text("es", key)?;
        ensure!(
            text.contains(&spanish),
            "the printed Spanish card has no {key} ({spanish}):\n{text}"
        );
    }
    ensure!(
        text.contains(ui_text("es", "card.sources")?.trim()),
        "the printed Spanish card names no source:\n{text}"
    );
    for english in ["Sources:", "Who to call", "Raises risk", "A sign is not proof"] {
        ensure!(
            !text.contains(english),
            "the printed Spanish card has \"{english}\":\n{text}"
        );
    }
    Ok(())
}

/// Prints `path` to PDF as Chromium does for the user; checks one US Letter page with two ID-1 cards side
/// by side, no navigation, buttons or dark background, and every card number as text. Returns the text
/// printed; the PDF goes to `target/<name>.pdf`, a picture of the page to the screenshots.
async fn print_card(path: &str, name: &str) -> TestResult<String> {
    let (site, b) = start_with(Launch {
        viewport: LETTER,
        ..Launch::default()
    })
    .await?;
    b.open(&site.url(path)).await?;
    b.wait_until(
        "!!document.querySelector('.card-back svg.card-qr')",
        "the card's QR code",
        WAIT,
    )
    .await?;

    let printed = b
        .cdp(
            "Page.printToPDF",
            json!({ "preferCSSPageSize": true, "printBackground": true }),
        )
        .await?;
    let data = printed["data"]
        .as_str()
        .ok_or_else(|| Failure(format!("Page.printToPDF returned no data: {printed}")))?;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("the PDF is not base64: {e}"))?;
    ensure!(pdf.starts_with(b"%PDF"), "Page.printToPDF did not return a PDF");
    let (pages, media) = pdf_pages(&pdf);
    ensure!(pages == 1, "{path} prints on {pages} pages, not one");
    // US Letter: 8.5 × 11 in at 72 points an inch.
    ensure!(
        media.as_deref() == Some("0 0 612 792"),
        "{path} prints on a page of {media:?} points, not US Letter (0 0 612 792)"
    );
    let out = workspace().join("target").join(format!("{name}.pdf"));
    std::fs::write(&out, &pdf)?;

    // The layout that printed: the page in print media, measured in CSS px (96 an inch).
    b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" })).await?;
    let layout: Value = b
        .js(
            "const mm = px => px * 25.4 / 96;
             const shown = el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
             const cards = Array.from(document.querySelectorAll('.wallet-card')).map(c => {
               const r = c.getBoundingClientRect();
               // What the card clips (it prints with overflow hidden): its text must fit inside.
               const inner = Array.from(c.querySelectorAll('*')).filter(shown).map(e => e.getBoundingClientRect());
               const spill = Math.max(0, ...inner.map(e => Math.max(e.bottom - r.bottom, e.right - r.right)));
               return { w: mm(r.width), h: mm(r.height), left: mm(r.left), top: mm(r.top), right: mm(r.right),
                        border: getComputedStyle(c).borderTopStyle,
                        overflow: Math.max(c.scrollHeight - c.clientHeight, c.scrollWidth - c.clientWidth, spill) };
             });
             const hidden = ['header.top', 'header nav', '.call-bar', 'footer.foot', '.skip-link', '.quick-exit', '#print-card']
               .filter(sel => shown(document.querySelector(sel)));
             const buttons = Array.from(document.querySelectorAll('button')).filter(shown).map(b => b.innerText);
             const back = document.querySelector('.card-back');
             // The smallest text printed on a card, in points (72 an inch, 96 CSS px an inch).
             const texts = Array.from(document.querySelectorAll('.wallet-card *')).filter(shown)
               .filter(e => Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
             const min_pt = Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize) * 0.75));
             const blank = back && back.querySelector('.card-write-blank');
             const write = blank ? { label: back.querySelector('.card-write-label').innerText,
               w: mm(blank.getBoundingClientRect().width), rule: getComputedStyle(blank).borderBottomStyle } : null;
             return { cards, visible_chrome: hidden, buttons, text: document.body.innerText, min_pt, write,
                      back_text: back ? back.innerText : '',
                      bg: getComputedStyle(document.body).backgroundColor };",
            vec![],
        )
        .await?;
    // A picture of the printed page for people to look at (first: a card that does not fit shows how).
    full_page_screenshot(&b, name).await?;
    let cards = layout["cards"].as_array().cloned().unwrap_or_default();
    ensure!(
        cards.len() == 2,
        "{} cards print, not 2 (front and back): {layout}",
        cards.len()
    );
    for card in &cards {
        let (w, h) = (card["w"].as_f64().unwrap_or(0.0), card["h"].as_f64().unwrap_or(0.0));
        ensure!(
            (w - CARD_MM.0).abs() <= 1.0 && (h - CARD_MM.1).abs() <= 1.0,
            "a card prints at {w:.1} × {h:.1} mm, not {} × {} mm: {card}",
            CARD_MM.0,
            CARD_MM.1
        );
        ensure!(card["border"] == "dashed", "a card has no dashed cut line: {card}");
        ensure!(
            card["overflow"].as_f64().is_some_and(|o| o <= 1.0),
            "{path}: a card's text does not fit on it (cut off by {} px): {card}",
            card["overflow"]
        );
    }
    ensure!(
        layout["min_pt"].as_f64().is_some_and(|pt| pt >= 6.99),
        "{path}: the card prints text at {} pt, under 7 pt",
        layout["min_pt"]
    );
    // A labelled blank line on the numbers' side, long enough to write a phone number on.
    let write = &layout["write"];
    let label = ui_text(if path.starts_with("/es") { "es" } else { "en" }, "card.agency_line")?;
    ensure!(
        write["label"] == label.as_str() && write["rule"] == "solid" && write["w"].as_f64().is_some_and(|w| w >= 30.0),
        "{path}: no labelled line to write the agency's number on the back: {write}"
    );
    let (front, back) = (&cards[0], &cards[1]);
    ensure!(
        (front["top"].as_f64().unwrap_or(0.0) - back["top"].as_f64().unwrap_or(1e9)).abs() < 0.5
            && (front["right"].as_f64().unwrap_or(0.0) - back["left"].as_f64().unwrap_or(1e9)).abs() < 0.5,
        "front and back are not side by side, sharing the fold: {front} {back}"
    );
    ensure!(
        layout["visible_chrome"].as_array().is_some_and(Vec::is_empty),
        "the header, navigation or call bar prints: {}",
        layout["visible_chrome"]
    );
    ensure!(
        layout["buttons"].as_array().is_some_and(Vec::is_empty),
        "buttons print: {}",
        layout["buttons"]
    );
    ensure!(
        layout["bg"] == "rgb(255, 255, 255)" || layout["bg"] == "rgba(0, 0, 0, 0)",
        "the page prints on {}, not white",
        layout["bg"]
    );
    let text = layout["text"].as_str().unwrap_or("").to_string();
    for id in ["ncmec", "trafficking-hotline", "emergency"] {
        let number = shown_as(id)?;
        ensure!(
            text.contains(&number),
            "the printed card {path} has no {number} ({id}) as text:\n{text}"
        );
    }
    // Someone handed the card may not know what NCMEC is: its back says (and the overflow check above
    // holds it inside the card).
    let full_name = contact_field("ncmec", "full_name")?;
    let back_text = layout["back_text"].as_str().unwrap_or("");
    ensure!(
        back_text.contains(&full_name),
        "the printed card's back {path} does not say what NCMEC is ({full_name}):\n{back_text}"
    );

    b.quit().await;
    Ok(text)
}

/// Saves the whole page, not only what the screen shows, to `tests/screenshots/<name>.png`.
async fn full_page_screenshot(b: &Browser, name: &str) -> TestResult {
    let shot = b
        .cdp(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        )
        .await?;
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().unwrap_or(""))
        .map_err(|e| format!("the screenshot is not base64: {e}"))?;
    ensure!(png_size(&png).is_some(), "the screenshot {name} is not a PNG");
    let dir = workspace().join("tests").join("screenshots");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), &png)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_adds_the_users_numbers_only_when_ticked() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/card")).await?;
    let hint = b.texts("main .hint a").await?;
    ensure!(
        hint == ["Call"],
        "with no numbers saved, /card does not point to Call: {hint:?}"
    );
    b.js::<Value>(
        "localStorage.setItem('red-flags:numbers', JSON.stringify({ v: 1, numbers: [{ label: 'Supervisor', dial: '+15552345678' }] })); return null;",
        vec![],
    )
    .await?;
    b.open(&site.url("/card")).await?;
    let toggle = b.find_all("#card-mine").await?;
    if toggle.is_empty() {
        // The stored format is the storage layer's own: read what the app wrote for a saved number.
        return fail(format!(
            "no 'Add my saved numbers' box after saving a number\n{}",
            b.describe().await
        ));
    }
    ensure!(
        b.find_all(".card-mine").await?.is_empty(),
        "the user's numbers are on the card before they tick it"
    );
    let storage = "return JSON.stringify(Object.entries(localStorage).sort());";
    let before: String = b.js(storage, vec![]).await?;
    b.tap("#card-mine").await?;
    b.wait_until("!!document.querySelector('.card-mine')", "the third card", WAIT)
        .await?;
    let mine = b.texts(".card-mine li").await?;
    ensure!(
        mine.len() == 1 && mine[0].contains("Supervisor") && mine[0].contains("234-5678"),
        "the third card reads {mine:?}"
    );
    // From the top: the tap scrolled the box into view, which can leave a link half under the sticky
    // header, and axe counts a target partly covered at that one scroll position as too small.
    b.js::<Value>("window.scrollTo(0, 0); return null;", vec![]).await?;
    b.assert_accessible("/card with the user's numbers").await?;
    let after: String = b.js(storage, vec![]).await?;
    ensure!(
        after == before,
        "ticking the box changed what is stored: {before} → {after}"
    );
    b.quit().await;
    Ok(())
}

/// Decodes the one QR code in a PNG screenshot.
fn decode_qr(png: &[u8]) -> TestResult<String> {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().map_err(|e| format!("not a PNG: {e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).map_err(|e| format!("PNG frame: {e}"))?;
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let row = info.line_size;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let p = y * row + x * channels;
        if channels >= 3 {
            ((u32::from(buf[p]) + u32::from(buf[p + 1]) + u32::from(buf[p + 2])) / 3) as u8
        } else {
            buf[p]
        }
    });
    let grids = img.detect_grids();
    ensure!(grids.len() == 1, "{} QR codes in the screenshot, not 1", grids.len());
    let (_, content) = grids[0]
        .decode()
        .map_err(|e| format!("the QR code does not decode: {e:?}"))?;
    Ok(content)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_share_qr_code_decodes_to_the_served_address_at_the_root_and_under_a_sub_path() -> TestResult {
    for (dist, base) in [(dist()?, "/"), (subpath_dist()?, SUBPATH)] {
        let site = Site::start_at(&dist, base).await?;
        let want = site.url(base);
        let b = Browser::launch_with(Launch {
            viewport: SMALL_PHONE,
            ..Launch::default()
        })
        .await?;
        b.open(&format!("{want}share")).await?;
        b.wait_until("!!document.querySelector('.qr-frame svg')", "the QR code", WAIT)
            .await?;
        let shown: Value = b
            .js(
                "const svg = document.querySelector('.qr-frame svg');
                 svg.scrollIntoView({ block: 'center' });
                 const r = svg.getBoundingClientRect();
                 return { address: document.querySelector('.address').innerText.trim(), size: r.width, height: r.height };",
                vec![],
            )
            .await?;
        ensure!(
            shown["address"] == want.as_str(),
            "{base}: /share shows the address {}, not {want}",
            shown["address"]
        );
        // Large enough for another phone's camera at arm's length: about 4 cm or more on a phone.
        ensure!(
            shown["size"].as_f64().unwrap_or(0.0) >= 200.0,
            "{base}: the QR code is only {}px wide",
            shown["size"]
        );
        let shot = b
            .screenshot(&format!("share-qr{}", base.replace('/', "-").trim_end_matches('-')))
            .await?;
        let got = decode_qr(&std::fs::read(&shot)?)?;
        ensure!(got == want, "{base}: the QR code on /share reads {got:?}, not {want:?}");
        b.quit().await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_sends_the_address_only_and_copy_link_works_with_and_without_the_clipboard_api() -> TestResult {
    let site = Site::start(&dist()?).await?;
    let want = site.url("/");

    // Web Share, where the device has it: called inside the tap with the address and nothing else.
    let b = Browser::launch().await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: function (...args) {
            window.__shared = JSON.parse(JSON.stringify(args));
            window.__activated = navigator.userActivation ? navigator.userActivation.isActive : null;
            return Promise.resolve(); } });" }),
    )
    .await?;
    // Something from a check on the device, which must not go along.
    b.open(&site.url("/share")).await?;
    b.tap("#share-app").await?;
    b.wait_until("!!window.__shared", "navigator.share to be called", WAIT)
        .await?;
    let shared: Value = b.js("return [window.__shared, window.__activated];", vec![]).await?;
    ensure!(
        shared[0] == json!([{ "url": want }]),
        "navigator.share was called with {}, not only the address {want}",
        shared[0]
    );
    ensure!(shared[1] != false, "navigator.share was called outside the tap");
    b.wait_until(
        "document.querySelector('.share-box [role=status]').innerText.includes('Shared')",
        "the 'Shared.' confirmation",
        WAIT,
    )
    .await?;
    b.quit().await;

    // No Web Share: only Copy link; with the Clipboard API, a visible confirmation.
    let b = Browser::launch().await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "delete Navigator.prototype.share;
            if (navigator.clipboard) navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };" }),
    )
    .await?;
    b.open(&site.url("/share")).await?;
    ensure!(
        b.find_all("#share-app").await?.is_empty(),
        "a Share button shows where the browser has no Web Share"
    );
    b.tap("#copy-address").await?;
    b.wait_until("window.__copied !== undefined", "the clipboard write", WAIT)
        .await?;
    let copied: String = b.js("return window.__copied;", vec![]).await?;
    ensure!(copied == want, "Copy link copied {copied:?}, not {want:?}");
    b.wait_until(
        "document.querySelector('.copy-address .copy-status').innerText.includes('Link copied')",
        "the 'Link copied.' confirmation",
        WAIT,
    )
    .await?;
    b.quit().await;

    // No Clipboard API either: the address in a box, selected, to copy by hand.
    let b = Browser::launch().await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "delete Navigator.prototype.share; delete Navigator.prototype.clipboard;" }),
    )
    .await?;
    b.open(&site.url("/share")).await?;
    let has: bool = b.js("return 'clipboard' in navigator;", vec![]).await?;
    ensure!(!has, "the Clipboard API could not be removed for the test");
    b.tap("#copy-address").await?;
    b.wait_until("!!document.querySelector('#address-text')", "the address box", WAIT)
        .await?;
    let boxed: Value = b
        .js(
            "const t = document.querySelector('#address-text');
             return { value: t.value, selected: t.value.substring(t.selectionStart, t.selectionEnd),
                      focused: document.activeElement === t, label: document.querySelector('label[for=address-text]').innerText };",
            vec![],
        )
        .await?;
    ensure!(
        boxed["value"] == want.as_str(),
        "the address box holds {}",
        boxed["value"]
    );
    ensure!(
        boxed["selected"] == want.as_str() && boxed["focused"] == true,
        "the address is not selected, ready to copy: {boxed}"
    );
    b.assert_accessible("/share with the copy box").await?;
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_and_share_work_offline_and_pass_axe_in_dark_mode() -> TestResult {
    let (mut site, b) = start_with(Launch {
        viewport: SMALL_PHONE,
        ..Launch::default()
    })
    .await?;
    let want = site.url("/");
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
    )
    .await?;
    for path in ["/card", "/share"] {
        b.open(&site.url(path)).await?;
        b.assert_accessible(&format!("{path} in dark mode")).await?;
        full_page_screenshot(&b, &format!("{}-dark-full", path.trim_start_matches('/'))).await?;
    }
    site.stop().await;
    for (path, heading) in [("/card", "Wallet card"), ("/share", "Share this app")] {
        b.open(&site.url(path)).await?;
        let h1 = b.texts("main h1").await?;
        ensure!(h1 == [heading], "offline, {path} shows {h1:?}\n{}", b.describe().await);
        let call: Option<String> = b
            .js(
                "const a = document.querySelector('.call-bar a.call-ncmec'); return a && a.getAttribute('href');",
                vec![],
            )
            .await?;
        ensure!(call.as_deref() == Some(NCMEC_TEL), "offline, {path} has no call bar");
        let fit: Value = b
            .js(
                "document.documentElement.style.setProperty('--text-scale', '2');
                 // The layout viewport: on a phone `innerWidth` grows with content wider than it.
                 return { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth };",
                vec![],
            )
            .await?;
        ensure!(
            fit["scroll"].as_f64() <= fit["width"].as_f64(),
            "offline, {path} scrolls sideways at 200% text on a 360px phone: {fit}"
        );
    }
    let address: String = b
        .js("return document.querySelector('.address').innerText.trim();", vec![])
        .await?;
    ensure!(address == want, "offline, /share shows {address:?}, not {want:?}");
    let qr: bool = b
        .js("return !!document.querySelector('.qr-frame svg path');", vec![])
        .await?;
    ensure!(qr, "offline, /share draws no QR code");
    b.quit().await;
    Ok(())
}
