//! End-to-end tests of the agency edition (`cargo xtask build --agency deploy/agency.example.toml`):
//! the agency's numbers, `tel:` exact and in the file's order, in English and Spanish, in the checker's
//! urgent result ("Tell your agency now"), on /missing's step 2, as Call's first group, on the printed
//! card's numbers side, offline with the server stopped, and with the WebAssembly blocked (the
//! prerendered pages carry them, the checker's steps too). In the urgent steps the lines the file names
//! for the situation come first, the others after words of their own; Home's agency box has only the
//! agency's numbers.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// One Chromium at a time from this file: each is heavy, and the test machines have two cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The values of `key` in the agency file the edition was built from ([`AGENCY_FILE`]), in its order.
fn agency_values(key: &str) -> TestResult<Vec<String>> {
    let text = std::fs::read_to_string(workspace().join(AGENCY_FILE))?;
    Ok(text
        .lines()
        .filter_map(|l| {
            l.strip_prefix(key)?
                .trim()
                .strip_prefix('=')
                .map(|v| v.trim().trim_matches('"').to_string())
        })
        .collect())
}

/// The file's numbers, as `tel:` links and as shown, in its order: read from the file the edition was
/// built from, so the test follows the file.
fn agency_numbers() -> TestResult<Vec<(String, String)>> {
    let text = std::fs::read_to_string(workspace().join(AGENCY_FILE))?;
    let value = |line: &str, key: &str| {
        line.strip_prefix(key)
            .map(|v| v.trim().trim_start_matches('=').trim().trim_matches('"').to_string())
    };
    let shown: Vec<String> = text.lines().filter_map(|l| value(l, "shown_as ")).collect();
    let tels: Vec<String> = text
        .lines()
        .filter_map(|l| value(l, "dial "))
        .map(|d| format!("tel:{d}"))
        .collect();
    ensure!(
        !tels.is_empty() && tels.len() == shown.len(),
        "the example's numbers: {tels:?} {shown:?}"
    );
    Ok(tels.into_iter().zip(shown).collect())
}

fn tels() -> TestResult<Vec<String>> {
    Ok(agency_numbers()?.into_iter().map(|(tel, _)| tel).collect())
}

/// The file's numbers as `tel:` links split for a situation (`missing-child`, `suspected-trafficking`):
/// the lines its `for` names the situation in, then the others, each in the file's order. Every line is
/// first where the file names none for it.
fn tels_for(situation: &str) -> TestResult<(Vec<String>, Vec<String>)> {
    let text = std::fs::read_to_string(workspace().join(AGENCY_FILE))?;
    let (mut first, mut other) = (Vec::new(), Vec::new());
    for block in text.split("[[number]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                l.strip_prefix(key)
                    .map(|v| v.trim().trim_start_matches('=').trim().to_string())
            })
        };
        let tel = format!("tel:{}", field("dial ").unwrap_or_default().trim_matches('"'));
        let tagged = field("for ").is_some_and(|f| f.contains(&format!("\"{situation}\"")));
        if tagged { &mut first } else { &mut other }.push(tel);
    }
    ensure!(
        first.len() + other.len() == tels()?.len(),
        "the file's numbers by `for`: {first:?} {other:?}"
    );
    if first.is_empty() {
        return Ok((other, Vec::new()));
    }
    Ok((first, other))
}

/// The agency edition served, a phone-sized Chromium on it.
async fn start() -> TestResult<(Site, Browser)> {
    start_on(&agency_dist()?, Launch::default()).await
}

/// The `href`s of the `tel:` links inside `css`, in document order.
async fn tels_in(b: &Browser, css: &str) -> TestResult<Vec<String>> {
    b.js(
        "return Array.from(document.querySelectorAll(arguments[0])).flatMap(e => Array.from(e.querySelectorAll('a[href^=\"tel:\"]'))).map(a => a.getAttribute('href'));",
        vec![json!(css)],
    )
    .await
}

/// The agency's numbers are the first `tel:` links inside `css`, in the file's order.
async fn agency_first(b: &Browser, css: &str, where_: &str) -> TestResult {
    let want = tels()?;
    let found = tels_in(b, css).await?;
    ensure!(
        found.len() >= want.len() && found[..want.len()] == want[..],
        "{where_}: the agency's numbers are not first in `{css}`: {found:?}, expected {want:?} first"
    );
    Ok(())
}

async fn answer_missing_now(b: &Browser) -> TestResult {
    answer_yes(b, "missing-now").await
}

/// Answers `question` (danger-now, missing-now) "Yes" and waits for the urgent result.
async fn answer_yes(b: &Browser, question: &str) -> TestResult {
    let input = format!(".question input[name='{question}'][value='Yes']");
    if b.tap(&input).await.is_err() {
        b.tap(&format!("#q-{question} label.option:has(input[value='Yes'])"))
            .await?;
    }
    b.wait_until(
        "!!document.querySelector('.result [data-action^=\"call-911\"]')",
        "the urgent result",
        WAIT,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agency_numbers_come_first_in_the_urgent_steps_on_call_and_on_the_card() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    for (lang, prefix, heading) in [("en", "", "Your agency"), ("es", "/es", "Su agencia")] {
        // The checker's urgent result: "Tell your agency now" calls the agency's numbers.
        b.open(&site.url(&format!("{prefix}/check"))).await?;
        answer_missing_now(&b).await?;
        agency_first(&b, ".result .action .agency-number", &format!("{lang} checker")).await?;
        b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
            .await?;

        // /missing, step 2.
        b.open(&site.url(&format!("{prefix}/missing"))).await?;
        let second: String = b
            .js(
                "return document.querySelectorAll('.step')[1]?.dataset.step ?? '';",
                vec![],
            )
            .await?;
        ensure!(second == "agency", "{lang} /missing: step 2 is {second:?}");
        agency_first(&b, "[data-step=\"agency\"]", &format!("{lang} /missing step 2")).await?;

        // Call: the agency's group first, above the national lines.
        b.open(&site.url(&format!("{prefix}/call"))).await?;
        agency_first(&b, "main", &format!("{lang} /call")).await?;
        let group = b.texts("main [data-agency-group] h2").await?;
        ensure!(
            group == [heading],
            "{lang} /call: the first group's heading is {group:?}"
        );
        let first_group: bool = b
            .js(
                "const g = document.querySelector('main [data-agency-group]'), c = document.querySelector('main ul.contacts');
                 return !!g && !!c && !!(g.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);",
                vec![],
            )
            .await?;
        ensure!(
            first_group,
            "{lang} /call: the agency's group is not above the national lines"
        );
        // Nothing to edit: the agency's numbers are not in "Your numbers".
        let editable = b
            .find_all("[data-agency-group] button, [data-agency-group] input")
            .await?;
        ensure!(editable.is_empty(), "{lang} /call: the agency's group has controls");
        b.assert_accessible(&format!("{lang} /call, agency edition")).await?;
        b.open(&site.url(&format!("{prefix}/"))).await?;
        agency_first(&b, "main .invite", &format!("{lang} Home")).await?;
        b.assert_accessible(&format!("{lang} Home, agency edition")).await?;

        // The card, printed: the numbers side carries each number as text, in print media, inside the
        // card, and the blank write-in line is gone.
        b.open(&site.url(&format!("{prefix}/card"))).await?;
        let printed = b
            .cdp(
                "Page.printToPDF",
                json!({ "preferCSSPageSize": true, "printBackground": true }),
            )
            .await?;
        ensure!(
            printed["data"].as_str().is_some_and(|d| d.starts_with("JVBERi")),
            "{lang} /card did not print a PDF"
        );
        b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" })).await?;
        let card: Value = b
            .js(
                "const back = document.querySelector('.card-back'), own = document.querySelector('.card-agency');
                 // Every text of every printed card inside its card, and none under 7 pt (9.33 CSS px).
                 const out = [], small = [];
                 for (const card of document.querySelectorAll('.wallet-card')) {
                   const r = card.getBoundingClientRect();
                   for (const e of card.querySelectorAll('*')) {
                     const l = e.getBoundingClientRect();
                     if (l.height > 0 && (l.top < r.top - 1 || l.bottom > r.bottom + 1 || l.left < r.left - 1 || l.right > r.right + 1))
                       out.push(e.className + ': ' + e.textContent.trim().slice(0, 40));
                     if (e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 9.3) small.push(e.className);
                   }
                 }
                 return { back: back.querySelector('[data-agency]')?.innerText ?? '', own: own?.innerText ?? '',
                          out, small, blank: !!back.querySelector('.card-write') };",
                vec![],
            )
            .await?;
        b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" })).await?;
        let purposes = agency_values(if lang == "es" { "purpose_es" } else { "purpose" })?;
        let numbers = agency_numbers()?;
        ensure!(
            purposes.len() == numbers.len(),
            "{lang}: the file's purposes {purposes:?}"
        );
        let (back, own) = (card["back"].as_str().unwrap_or(""), card["own"].as_str().unwrap_or(""));
        // The numbers side: the agency's first number with what it is for.
        ensure!(
            back.contains(&numbers[0].1) && back.contains(&purposes[0]),
            "{lang} /card: the numbers side lacks the first number with its purpose: {card}"
        );
        // The agency's card: every number with what it is for, in the file's order.
        let mut at = 0;
        for ((_, shown), purpose) in numbers.iter().zip(&purposes) {
            let found = own[at..].find(purpose.as_str()).map(|i| at + i);
            ensure!(
                found.is_some_and(|i| own[i..].starts_with(&format!("{purpose}\n{shown}"))
                    || own[i..].starts_with(&format!("{purpose} {shown}"))),
                "{lang} /card: the agency's card lacks {purpose:?} with {shown}: {own:?}"
            );
            at = found.unwrap_or(at);
        }
        ensure!(
            card["out"].as_array().is_some_and(Vec::is_empty),
            "{lang} /card: printed text overflows its card: {}",
            card["out"]
        );
        ensure!(
            card["small"].as_array().is_some_and(Vec::is_empty),
            "{lang} /card: printed under 7 pt: {}",
            card["small"]
        );
        ensure!(card["blank"] == false, "{lang} /card: the write-in line is still there");
    }
    let errors = b.errors().await?;
    ensure!(errors.is_empty(), "the pages reported errors:\n{}", errors.join("\n"));
    b.quit().await;
    Ok(())
}

/// The urgent steps ("Tell your agency now" in the checker's result and /missing's step 2) offer first
/// the lines the file names for the situation (a missing child on /missing and when the youth is missing;
/// a report of suspected trafficking otherwise), then the agency's other lines under their own words,
/// each link with its purpose, and the user's own saved number last. Home's "Your agency" box holds the
/// agency's numbers only: a number the user saved is not shown as the agency's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_urgent_steps_offer_the_lines_for_the_situation_first_and_home_keeps_own_numbers_apart() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    let own = "tel:+16145550111".to_string();
    b.open(&site.url("/")).await?;
    b.js::<Value>(
        "localStorage.setItem('red-flags:numbers', JSON.stringify({v: 1, numbers: [{label: 'Supervisor', dial: '+16145550111'}]})); return null;",
        vec![],
    )
    .await?;
    for (lang, prefix, purpose_key) in [("en", "", "purpose"), ("es", "/es", "purpose_es")] {
        // Home: the agency's box, the agency's numbers only.
        b.open(&site.url(&format!("{prefix}/"))).await?;
        let in_box = tels_in(&b, "main .invite").await?;
        ensure!(
            in_box == tels()?,
            "{lang} Home: the agency's box calls {in_box:?}, expected only the agency's {:?}",
            tels()?
        );
        let purposes: Vec<(String, String)> = tels()?.into_iter().zip(agency_values(purpose_key)?).collect();
        for (route, question, situation, css) in [
            ("/missing", None, "missing-child", "[data-step=\"agency\"]"),
            (
                "/check",
                Some("missing-now"),
                "missing-child",
                ".result .action .agency-number",
            ),
            (
                "/check",
                Some("danger-now"),
                "suspected-trafficking",
                ".result .action .agency-number",
            ),
        ] {
            let at = format!("{lang} {prefix}{route} {}", question.unwrap_or(""));
            b.open(&site.url(&format!("{prefix}{route}"))).await?;
            if let Some(q) = question {
                answer_yes(&b, q).await?;
            }
            let (first, other) = tels_for(situation)?;
            let all: Vec<String> = first.iter().chain(&other).cloned().chain([own.clone()]).collect();
            let found = tels_in(&b, css).await?;
            ensure!(
                found == all,
                "{at}: the calls are {found:?}, expected the lines for {situation} {first:?}, then {other:?}, then the user's own"
            );
            let marked: Value = b
                .js(
                    "const step = document.querySelector(arguments[0]);
                     const head = step.querySelector('[data-agency-other-h]'), rest = step.querySelector('[data-agency-other]');
                     const tels = e => e ? Array.from(e.querySelectorAll('a[href^=\"tel:\"]')).map(a => a.getAttribute('href')) : [];
                     const firstList = step.querySelector('[data-agency]');
                     return { first: tels(firstList), other: tels(rest), head: head ? head.innerText.trim() : '',
                              order: !!head && !!rest && !!(firstList.compareDocumentPosition(head) & Node.DOCUMENT_POSITION_FOLLOWING)
                                     && !!(head.compareDocumentPosition(rest) & Node.DOCUMENT_POSITION_FOLLOWING),
                              links: Array.from(step.querySelectorAll('[data-agency] a')).map(a => [a.getAttribute('href'), a.innerText.replace(/\\s+/g, ' ')]) };",
                    vec![json!(css)],
                )
                .await?;
            ensure!(
                marked["first"] == json!(first) && marked["other"] == json!(other),
                "{at}: the lines for {situation} are not apart from the others: {marked}"
            );
            if !other.is_empty() {
                ensure!(
                    marked["head"].as_str().is_some_and(|h| !h.is_empty()) && marked["order"] == true,
                    "{at}: the agency's other lines have no words of their own between the two lists: {marked}"
                );
            }
            // Each agency link says what it is for.
            for link in marked["links"].as_array().into_iter().flatten() {
                let (href, text) = (link[0].as_str().unwrap_or(""), link[1].as_str().unwrap_or(""));
                let purpose = purposes.iter().find(|(t, _)| t == href).map(|(_, p)| p.as_str());
                ensure!(
                    purpose.is_some_and(|p| text.contains(p)),
                    "{at}: the link to {href} reads {text:?}, without its purpose {purpose:?}"
                );
            }
            b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
                .await?;
        }
    }
    let errors = b.errors().await?;
    ensure!(errors.is_empty(), "the pages reported errors:\n{}", errors.join("\n"));
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_with_the_server_stopped_the_agency_numbers_are_there() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (mut site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    site.stop().await;
    for prefix in ["", "/es"] {
        b.open(&site.url(&format!("{prefix}/call"))).await?;
        agency_first(&b, "main", &format!("offline {prefix}/call")).await?;
        b.open(&site.url(&format!("{prefix}/missing"))).await?;
        agency_first(&b, "[data-step=\"agency\"]", &format!("offline {prefix}/missing")).await?;
        b.open(&site.url(&format!("{prefix}/check"))).await?;
        answer_missing_now(&b).await?;
        agency_first(&b, ".result .action .agency-number", &format!("offline {prefix}/check")).await?;
        b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
            .await?;
    }
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webassembly_the_prerendered_pages_carry_the_agency_numbers() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.block_wasm().await?;
    for prefix in ["", "/es"] {
        for (path, css) in [
            ("/missing", "[data-step=\"agency\"]"),
            ("/call", "main"),
            ("/", "main .invite"),
            // The checker's steps before the app runs: "Tell your supervisor or agency now" calls the
            // agency (not only the hidden offline shell).
            ("/check", "main [data-result=\"pending\"] [data-step^=\"tell-agency\"]"),
        ] {
            let route = format!("{prefix}{path}");
            b.open_without_app(&site.url(&route)).await?;
            agency_first(&b, css, &format!("{route} without WebAssembly")).await?;
            let shown: usize = b
                .js(
                    "return Array.from(document.querySelectorAll(arguments[0] + ' a[href^=\"tel:\"]')).filter(a => a.getClientRects().length && getComputedStyle(a).visibility === 'visible').length;",
                    vec![json!(css)],
                )
                .await?;
            ensure!(
                shown >= tels()?.len(),
                "{route} without WebAssembly: {shown} of the agency's numbers are visible in `{css}`"
            );
        }
        b.goto(&site.url(&format!("{prefix}/card"))).await?;
        b.wait_until("document.readyState === 'complete'", "the card to load", WAIT)
            .await?;
        let printed = b.texts(".sheet [data-agency]").await?.join(" ");
        for (_, shown) in agency_numbers()? {
            ensure!(
                printed.contains(&shown),
                "{prefix}/card without WebAssembly lacks {shown}: {printed:?}"
            );
        }
    }
    b.quit().await;
    Ok(())
}

/// The service worker's built-in page (no cache and no server: the last resort) lists the agency's
/// numbers after 911 and NCMEC, `tel:` exact, with their words in the route's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workers_built_in_offline_page_lists_the_agency_numbers_in_both_languages() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (mut site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    site.stop().await;
    let short = |lang: &str| -> TestResult<String> {
        let en = agency_values("short_name")?.into_iter().next().unwrap_or_default();
        Ok(if lang == "es" {
            agency_values("short_name_es")?.into_iter().next().unwrap_or(en)
        } else {
            en
        })
    };
    for (lang, prefix, purpose_key) in [("en", "", "purpose"), ("es", "/es", "purpose_es")] {
        // No cache, before each visit: the worker refills its cache after a visit, from the browser's
        // HTTP cache if the server is gone, so that goes too.
        b.cdp("Network.clearBrowserCache", json!({})).await?;
        b.delete_caches().await?;
        b.goto(&site.url(&format!("{prefix}/check"))).await?;
        b.wait_until(
            "document.querySelector('main.offline-page a[href=\"tel:911\"]')",
            "the worker's built-in page",
            WAIT,
        )
        .await
        .map_err(|e| Failure(format!("{prefix}: {}", e.0)))?;
        let lang_attr: String = b.js("return document.documentElement.lang;", vec![]).await?;
        ensure!(
            lang_attr == lang,
            "{prefix}/check: the built-in page is in {lang_attr:?}"
        );
        let want: Vec<String> = ["tel:911".to_string(), "tel:+18008435678".to_string()]
            .into_iter()
            .chain(tels()?)
            .collect();
        let found = tels_in(&b, "main").await?;
        ensure!(
            found == want,
            "{lang}: the built-in page's calls are {found:?}, expected {want:?}"
        );
        let texts: Vec<String> = b
            .js(
                "return Array.from(document.querySelectorAll('main a[href^=\"tel:+1614\"]')).map(a => a.textContent.replace(/\\s+/g, ' ').trim());",
                vec![],
            )
            .await?;
        let short = short(lang)?;
        for ((purpose, (_, shown)), text) in agency_values(purpose_key)?.iter().zip(agency_numbers()?).zip(&texts) {
            ensure!(
                text.contains(&format!("{short}: {purpose}")) && text.ends_with(&shown),
                "{lang}: the built-in page's agency link reads {text:?}, expected {short}: {purpose} and {shown}"
            );
        }
    }
    let violations = b.csp_violations().await?;
    ensure!(
        violations.is_empty(),
        "the built-in page violates a CSP: {violations:?}"
    );
    b.quit().await;
    Ok(())
}

/// Without --agency, the general edition: nothing of the agency in any file of `dist/` or the sub-path
/// build (`cargo xtask test` builds them after the agency edition, so anything an agency build left in
/// cargo's or Trunk's state would show here), while the agency edition has every one of those texts.
#[test]
fn the_general_edition_has_nothing_of_the_agency() -> TestResult {
    let mut markers: Vec<String> = [
        "short_name",
        "full_name",
        "full_name_es",
        "purpose",
        "purpose_es",
        "shown_as",
    ]
    .into_iter()
    .map(agency_values)
    .collect::<TestResult<Vec<_>>>()?
    .concat();
    markers.extend(agency_values("dial")?);
    // The agency's view pieces and the offline page's list.
    markers.extend(["data-agency".to_string(), "\"agency\":[".to_string()]);
    let read_all = |dir: &std::path::Path| -> TestResult<Vec<(String, String)>> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path)?;
                    files.push((path.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()));
                }
            }
        }
        Ok(files)
    };
    let agency = read_all(&agency_dist()?)?;
    for m in &markers {
        ensure!(
            agency.iter().any(|(_, text)| text.contains(m.as_str())),
            "the agency edition has no {m:?}: the marker is wrong"
        );
    }
    for dir in [dist()?, subpath_dist()?] {
        for (path, text) in read_all(&dir)? {
            for m in &markers {
                ensure!(
                    !text.contains(m.as_str()),
                    "{path} (general edition) has the agency's {m:?}"
                );
            }
        }
    }
    Ok(())
}
