//! A child is missing: the clock that counts up from when the user learned, the agency's latest moment
//! to report (shown beside "immediately", never as time left), the episode the screen keeps while the calls are made (when
//! the user learned the child was missing, which steps are done and when, what is ready), and the
//! timeline for the case note.
//!
//! Pure: the views pass in the time and the device's time zone as `offset_at`, the offset from UTC in
//! minutes east (`-Date.getTimezoneOffset()`) at a given instant. Asking at each instant, rather than
//! once, is what makes a deadline across a daylight-saving change come out right. They also pass in the
//! words (`&Ui`) and the guide's content in the language read.

use super::summary::LocalTime;
use crate::content::{Content, Ui, MISSING_STEPS, READY_ITEMS};

pub const MINUTE_MS: f64 = 60_000.0;
pub const HOUR_MS: f64 = 60.0 * MINUTE_MS;
const DAY_MS: f64 = 24.0 * HOUR_MS;
/// The agency's outer limit (Pub. L. 113-183 §104): its reports to law enforcement and NCMEC are due
/// immediately, and in no case later than 24 hours. The app counts it from when the user learned.
pub const REPORT_WITHIN_MS: f64 = 24.0 * HOUR_MS;
/// How long an episode stays on the device after its deadline: long enough to finish the case note the
/// next day, short enough that nothing lingers on a shared phone.
pub const KEEP_AFTER_DEADLINE_MS: f64 = 48.0 * HOUR_MS;

/// What the screen keeps on the device. Nothing about the child: times, step ids and ticked item ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    /// When the user first recorded anything on the screen.
    pub started_at_ms: f64,
    /// When the user learned the child was missing; `None` until they say.
    pub learned_at_ms: Option<f64>,
    /// Steps marked done (ids from `content/missing.toml`) and when, in the order they were marked.
    pub done: Vec<(&'static str, f64)>,
    /// Items of the what-to-have-ready list that are ticked, by id.
    pub ready: Vec<&'static str>,
}

/// Why a "learned at" time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnedError {
    /// Not a date and time (an empty or half-filled picker).
    Unreadable,
    /// Later than now: a deadline from it would be later than the law's.
    InTheFuture,
}

impl LearnedError {
    pub fn message(self, ui: &Ui) -> &'static str {
        match self {
            LearnedError::Unreadable => ui.clock_unreadable,
            LearnedError::InTheFuture => ui.clock_in_the_future,
        }
    }
}

impl Episode {
    pub fn new(now_ms: f64) -> Episode {
        Episode {
            started_at_ms: now_ms,
            learned_at_ms: None,
            done: Vec::new(),
            ready: Vec::new(),
        }
    }

    /// Nothing recorded (every tap undone): not worth keeping on the device.
    pub fn is_empty(&self) -> bool {
        self.learned_at_ms.is_none() && self.done.is_empty() && self.ready.is_empty()
    }

    /// The latest moment for the agency's reports, as the app counts it: 24 hours after the user learned
    /// (the agency learns at the same time or later, so its own limit is never earlier).
    pub fn deadline_ms(&self) -> Option<f64> {
        self.learned_at_ms.map(|t| t + REPORT_WITHIN_MS)
    }

    /// When the episode is deleted on its own: two days after the deadline, or after it was started
    /// if that is later (a "learned at" days ago must not make it vanish at once).
    pub fn expires_at_ms(&self) -> f64 {
        self.deadline_ms().unwrap_or(self.started_at_ms).max(self.started_at_ms) + KEEP_AFTER_DEADLINE_MS
    }

    pub fn set_learned(&mut self, learned_at_ms: f64, now_ms: f64) -> Result<(), LearnedError> {
        if !learned_at_ms.is_finite() {
            return Err(LearnedError::Unreadable);
        }
        if learned_at_ms > now_ms {
            return Err(LearnedError::InTheFuture);
        }
        self.learned_at_ms = Some(learned_at_ms);
        Ok(())
    }

    pub fn done_at(&self, step: &str) -> Option<f64> {
        self.done.iter().find(|(id, _)| *id == step).map(|(_, at)| *at)
    }

    /// Marks a step done at `at`, or not done (`None`). Unknown step ids are ignored. The ids are the same
    /// in every language (the build checks the twins), so the English list is the one to look them up in.
    pub fn set_done(&mut self, step: &str, at: Option<f64>) {
        self.done.retain(|(id, _)| *id != step);
        if let (Some(at), Some(s)) = (at, MISSING_STEPS.iter().find(|s| s.id == step)) {
            self.done.push((s.id, at));
        }
    }

    pub fn is_ready(&self, item: &str) -> bool {
        self.ready.contains(&item)
    }

    /// Ticks or unticks an item of the what-to-have-ready list. Unknown ids are ignored.
    pub fn set_ready(&mut self, item: &str, on: bool) {
        self.ready.retain(|id| *id != item);
        if let Some(r) = READY_ITEMS.iter().find(|r| r.id == item).filter(|_| on) {
            self.ready.push(r.id);
        }
    }
}

// ---- The clock ----

/// The steps shown "not done — do it now" from the first minute until marked done: 911, and telling the
/// agency. Neither waits for the other, nor for a time to be entered.
pub const DO_NOW: [&str; 2] = ["police", "agency"];

/// Whether a step still waits to be done now: one of [`DO_NOW`] that is not marked done.
pub fn do_now(e: Option<&Episode>, step: &str) -> bool {
    DO_NOW.contains(&step) && e.and_then(|e| e.done_at(step)).is_none()
}

/// How long the child has been missing: "2 h 10 min", "40 min". Minutes round down, so the count never
/// runs ahead of the clock.
pub fn elapsed_text(since_ms: f64, now_ms: f64, ui: &Ui) -> String {
    let minutes = ((now_ms - since_ms).max(0.0) / MINUTE_MS).floor() as i64;
    match (minutes / 60, minutes % 60) {
        (0, m) => ui.clock_elapsed_minutes(&m.to_string()),
        (h, m) => ui.clock_elapsed_hours_minutes(&h.to_string(), &m.to_string()),
    }
}

/// Where the agency's reports stand: due (immediately, the deadline being the latest moment) or, once
/// the deadline has passed, overdue. Only the agency's reports are ever overdue: a step the user marked
/// done never is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyReports {
    Due,
    Overdue,
}

pub fn agency_reports(deadline_ms: f64, now_ms: f64) -> AgencyReports {
    if now_ms >= deadline_ms {
        AgencyReports::Overdue
    } else {
        AgencyReports::Due
    }
}

// ---- Local time ----

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number, the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if month <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        month,
        day,
    )
}

/// The local date and time at `ms` (UTC milliseconds) for a device `offset_min` minutes east of UTC.
pub fn local_at(ms: f64, offset_min: i32) -> LocalTime {
    let minutes = (ms / MINUTE_MS).floor() as i64 + i64::from(offset_min);
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (year, month, day) = civil_from_days(days);
    LocalTime {
        year: year as i32,
        month: month as u8,
        day: day as u8,
        hour: (minute_of_day / 60) as u8,
        minute: (minute_of_day % 60) as u8,
    }
}

fn day_number(t: &LocalTime) -> i64 {
    days_from_civil(i64::from(t.year), i64::from(t.month), i64::from(t.day))
}

/// The hour on a 12-hour clock (1–12) and its period ("AM", "p. m."): the clock as US phones show it,
/// in English or in Spanish.
fn hour_12(t: &LocalTime, ui: &Ui) -> (u8, &'static str) {
    let hour = match t.hour % 12 {
        0 => 12,
        h => h,
    };
    (hour, if t.hour < 12 { ui.clock_am } else { ui.clock_pm })
}

/// "3:40 PM today", "3:40 PM tomorrow", "3:40 PM yesterday", or "3:40 PM on 2026-11-28"; in Spanish
/// "hoy a las 3:40 p. m.", "mañana a la 1:05 a. m.", "el 2026-11-28 a las 3:40 p. m.".
pub fn when_text(ms: f64, now_ms: f64, offset_at: &dyn Fn(f64) -> i32, ui: &Ui) -> String {
    let at = local_at(ms, offset_at(ms));
    let now = local_at(now_ms, offset_at(now_ms));
    let (hour, period) = hour_12(&at, ui);
    let time = ui.clock_time(usize::from(hour), &format!("{:02}", at.minute), period);
    match day_number(&at) - day_number(&now) {
        0 => ui.clock_today(&time),
        1 => ui.clock_tomorrow(&time),
        -1 => ui.clock_yesterday(&time),
        _ => ui.clock_on_date(&time, &format!("{:04}-{:02}-{:02}", at.year, at.month, at.day)),
    }
}

/// "2026-12-01 21:05": unambiguous in a case file, and the same 24-hour form as the check's case note.
pub fn stamp(ms: f64, offset_at: &dyn Fn(f64) -> i32) -> String {
    local_at(ms, offset_at(ms)).date_time()
}

/// Reads a `datetime-local` input's value (`2026-12-01T21:05`, seconds optional).
pub fn parse_input(value: &str) -> Option<LocalTime> {
    let (date, time) = value.trim().split_once('T')?;
    let mut d = date.split('-');
    let (year, month, day) = (
        d.next()?.parse::<i32>().ok()?,
        d.next()?.parse::<u8>().ok()?,
        d.next()?.parse::<u8>().ok()?,
    );
    let mut t = time.split(':');
    let (hour, minute) = (t.next()?.parse::<u8>().ok()?, t.next()?.parse::<u8>().ok()?);
    if d.next().is_some() || !(1..=12).contains(&month) || hour > 23 || minute > 59 {
        return None;
    }
    let days_in_month = days_from_civil(i64::from(year) + i64::from(month / 12), i64::from(month % 12 + 1), 1)
        - days_from_civil(i64::from(year), i64::from(month), 1);
    if day == 0 || i64::from(day) > days_in_month {
        return None;
    }
    Some(LocalTime {
        year,
        month,
        day,
        hour,
        minute,
    })
}

/// The `datetime-local` value for a local time (the picker's `max`).
pub fn input_value(t: &LocalTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute
    )
}

/// The UTC instant of a local wall-clock time on this device. The offset is looked up at a first
/// guess and again at the result, which settles it on either side of a daylight-saving change.
pub fn utc_ms(t: &LocalTime, offset_at: &dyn Fn(f64) -> i32) -> f64 {
    let wall = days_from_civil(i64::from(t.year), i64::from(t.month), i64::from(t.day)) as f64 * DAY_MS
        + f64::from(t.hour) * HOUR_MS
        + f64::from(t.minute) * MINUTE_MS;
    let guess = wall - f64::from(offset_at(wall)) * MINUTE_MS;
    wall - f64::from(offset_at(guess)) * MINUTE_MS
}

/// The instant a "learned at" picker names, refused when unreadable or in the future.
pub fn learned_from_input(value: &str, now_ms: f64, offset_at: &dyn Fn(f64) -> i32) -> Result<f64, LearnedError> {
    let t = parse_input(value).ok_or(LearnedError::Unreadable)?;
    let at = utc_ms(&t, offset_at);
    if at > now_ms {
        return Err(LearnedError::InTheFuture);
    }
    Ok(at)
}

// ---- The timeline for the case note ----

/// The episode as plain text for a case note, in the language of `ui` and `content`: when the user
/// learned the child was missing and for how long, the agency's reports "due immediately; at the latest
/// by …" (overdue after that, if not made), each step done and when, what is still to do. No names and nothing about the child: the episode holds none.
pub fn timeline(e: &Episode, now_ms: f64, offset_at: &dyn Fn(f64) -> i32, ui: &Ui, content: &Content) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&ui.clock_timeline_title(&stamp(now_ms, offset_at)));
    line("");
    match (e.learned_at_ms, e.deadline_ms()) {
        (Some(learned), Some(deadline)) => {
            line(&ui.clock_learned(&stamp(learned, offset_at)));
            line(&ui.clock_missing_for_in_note(&elapsed_text(learned, now_ms, ui)));
            line(&ui.clock_agency_due(&stamp(deadline, offset_at)));
            if agency_reports(deadline, now_ms) == AgencyReports::Overdue {
                line(ui.clock_agency_overdue_in_note);
            }
        }
        _ => line(ui.clock_learned_not_entered),
    }
    line("");
    let mut done: Vec<(&'static str, f64)> = e.done.clone();
    // In time order, ties as marked. An insertion sort: a handful of entries, and the standard library's
    // sort would add kilobytes to the WASM.
    for i in 1..done.len() {
        let mut j = i;
        while j > 0 && done[j - 1].1.total_cmp(&done[j].1).is_gt() {
            done.swap(j - 1, j);
            j -= 1;
        }
    }
    if done.is_empty() {
        line(ui.clock_done_none);
    } else {
        line(ui.clock_done);
        for (id, at) in done {
            // A record of what was done: the title is an order, the `done` text reads as the case record.
            let record = content.missing_steps.iter().find(|s| s.id == id).map_or(id, |s| s.done);
            line(&format!(
                "- {}: {record}{}",
                stamp(at, offset_at),
                agency_lines(content, id)
            ));
        }
    }
    let to_do: Vec<(&str, &str)> = content
        .missing_steps
        .iter()
        .filter(|s| !s.if_needed && e.done_at(s.id).is_none())
        .map(|s| (s.id, s.title))
        .collect();
    if to_do.is_empty() {
        line(ui.clock_to_do_none);
    } else {
        line(ui.clock_to_do);
        for (id, title) in to_do {
            line(&format!("- {title}{}", agency_lines(content, id)));
        }
    }
    line("");
    if let Some(rule) = content.missing_note("rule-24-hours") {
        let source = content.source(rule.source).map_or(rule.source, |s| s.short);
        line(&format!("{} {}", rule.text, ui.summary_source(source)));
    }
    line(ui.clock_made_with);
    out
}

/// In the agency edition, after the agency step, the agency's lines for a missing child (their purposes
/// and numbers, every line where the agency file names none for it); nothing otherwise.
#[cfg(agency)]
fn agency_lines(content: &Content, step: &str) -> String {
    if step == "agency" {
        let agency = crate::content::agency::of(content);
        format!(": {}", agency.note_for(crate::content::agency::Situation::MissingChild))
    } else {
        String::new()
    }
}

#[cfg(not(agency))]
fn agency_lines(_: &Content, _: &str) -> &'static str {
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{es, EN, ES, UI};

    /// The agency edition: the agency step's line in the timeline, to do or done, names the agency's
    /// lines for a missing child, in the note's language, and only those.
    #[cfg(agency)]
    #[test]
    fn the_agency_edition_names_the_lines_for_a_missing_child_in_the_timeline() {
        use crate::content::agency::Situation;
        for (ui, content, lang) in [
            (&UI, &EN, crate::content::Lang::En),
            (&es::UI, &ES, crate::content::Lang::Es),
        ] {
            let agency = lang.agency();
            let named = agency.note_for(Situation::MissingChild);
            let title = content
                .missing_steps
                .iter()
                .find(|s| s.id == "agency")
                .expect("the agency step")
                .title;
            let mut e = Episode::new(T);
            let text = timeline(&e, T, &est, ui, content);
            assert!(text.contains(&format!("- {title}: {named}\n")), "{lang:?}: {text}");
            e.set_done("agency", Some(T));
            let text = timeline(&e, T, &est, ui, content);
            assert_eq!(text.matches(&named).count(), 1, "{lang:?}: {text}");
            for n in agency.numbers {
                let for_missing = n.situations.contains(&Situation::MissingChild)
                    || agency
                        .numbers
                        .iter()
                        .all(|m| !m.situations.contains(&Situation::MissingChild));
                assert_eq!(
                    text.contains(n.shown_as),
                    for_missing,
                    "{lang:?} {}: {text}",
                    n.shown_as
                );
            }
        }
    }

    /// 2026-12-01 20:40 UTC, which is 3:40 PM in New York (EST, UTC-5).
    const T: f64 = 1_796_157_600_000.0;
    const EST: i32 = -300;
    const EDT: i32 = -240;

    fn est(_: f64) -> i32 {
        EST
    }

    #[test]
    fn an_episode_with_every_tap_undone_is_empty() {
        let mut e = Episode::new(1_764_000_000_000.0);
        assert!(e.is_empty());
        e.ready.push("photo");
        assert!(!e.is_empty());
        e.ready.clear();
        assert!(e.is_empty());
    }

    #[test]
    fn the_test_instant_is_what_it_says() {
        assert_eq!(
            local_at(T, 0),
            LocalTime {
                year: 2026,
                month: 12,
                day: 1,
                hour: 20,
                minute: 40
            }
        );
        assert_eq!(
            local_at(T, EST),
            LocalTime {
                year: 2026,
                month: 12,
                day: 1,
                hour: 15,
                minute: 40
            }
        );
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(
            local_at(-1.0, 0),
            LocalTime {
                year: 1969,
                month: 12,
                day: 31,
                hour: 23,
                minute: 59
            }
        );
    }

    #[test]
    fn the_deadline_is_24_hours_later_across_midnight() {
        let mut e = Episode::new(T);
        assert_eq!(e.deadline_ms(), None);
        e.set_learned(T, T).expect("now is allowed");
        let deadline = e.deadline_ms().expect("a deadline");
        assert_eq!(deadline, T + 24.0 * HOUR_MS);
        assert_eq!(when_text(deadline, T + 5.0 * MINUTE_MS, &est, &UI), "3:40 PM tomorrow");
        // After local midnight the same deadline is today.
        let after_midnight = T + 9.0 * HOUR_MS;
        assert_eq!(local_at(after_midnight, EST).day, 2);
        assert_eq!(when_text(deadline, after_midnight, &est, &UI), "3:40 PM today");
        assert_eq!(when_text(T, after_midnight, &est, &UI), "3:40 PM yesterday");
        assert_eq!(when_text(T, T + 3.0 * DAY_MS, &est, &UI), "3:40 PM on 2026-12-01");
    }

    #[test]
    fn the_deadline_across_a_daylight_saving_change_is_24_real_hours() {
        // New York moves to EDT at 2026-03-08 07:00 UTC (2:00 AM EST becomes 3:00 AM EDT).
        let change = days_from_civil(2026, 3, 8) as f64 * DAY_MS + 7.0 * HOUR_MS;
        let new_york = move |ms: f64| if ms < change { EST } else { EDT };
        // Learned at 10:00 PM EST on March 7.
        let learned = utc_ms(
            &LocalTime {
                year: 2026,
                month: 3,
                day: 7,
                hour: 22,
                minute: 0,
            },
            &new_york,
        );
        assert_eq!(
            local_at(learned, EST),
            LocalTime {
                year: 2026,
                month: 3,
                day: 7,
                hour: 22,
                minute: 0
            }
        );
        let mut e = Episode::new(learned);
        e.set_learned(learned, learned).expect("now");
        let deadline = e.deadline_ms().expect("deadline");
        // 24 hours later the clock on the wall reads 11:00 PM, not 10:00 PM.
        assert_eq!(when_text(deadline, learned, &new_york, &UI), "11:00 PM tomorrow");
        assert_eq!(stamp(deadline, &new_york), "2026-03-08 23:00");
        // And the way back, in November: 24 hours after 10:00 PM EDT is 9:00 PM EST.
        let back = days_from_civil(2026, 11, 1) as f64 * DAY_MS + 6.0 * HOUR_MS;
        let fall = move |ms: f64| if ms < back { EDT } else { EST };
        let learned = utc_ms(
            &LocalTime {
                year: 2026,
                month: 10,
                day: 31,
                hour: 22,
                minute: 0,
            },
            &fall,
        );
        assert_eq!(
            when_text(learned + REPORT_WITHIN_MS, learned, &fall, &UI),
            "9:00 PM tomorrow"
        );
    }

    #[test]
    fn a_picked_time_is_read_in_local_time_and_the_future_is_refused() {
        let now = T + 30.0 * 1000.0;
        assert_eq!(learned_from_input("2026-12-01T15:40", now, &est), Ok(T));
        assert_eq!(
            learned_from_input("2026-12-01T13:05", now, &est),
            Ok(T - 155.0 * MINUTE_MS)
        );
        assert_eq!(
            learned_from_input("2026-12-01T15:41", now, &est),
            Err(LearnedError::InTheFuture)
        );
        assert_eq!(
            learned_from_input("2026-12-02T09:00", now, &est),
            Err(LearnedError::InTheFuture)
        );
        for bad in [
            "",
            "2026-12-01",
            "2026-12-01T",
            "2026-13-01T10:00",
            "2026-02-29T10:00",
            "2026-12-01T24:00",
            "x-1-1T1:1",
        ] {
            assert_eq!(
                learned_from_input(bad, now, &est),
                Err(LearnedError::Unreadable),
                "{bad:?}"
            );
        }
        assert_eq!(parse_input("2024-02-29T10:00:30").map(|t| t.day), Some(29));
        let mut e = Episode::new(T);
        assert_eq!(e.set_learned(T + 1.0, T), Err(LearnedError::InTheFuture));
        assert_eq!(e.set_learned(f64::NAN, T), Err(LearnedError::Unreadable));
        assert_eq!(e.learned_at_ms, None, "a refused time is not kept");
        assert_eq!(input_value(&local_at(T, EST)), "2026-12-01T15:40");
    }

    #[test]
    fn the_clock_counts_up_and_only_the_agency_reports_are_ever_overdue() {
        assert_eq!(elapsed_text(T, T, &UI), "0 min");
        assert_eq!(elapsed_text(T, T + 59_999.0, &UI), "0 min", "minutes round down");
        assert_eq!(elapsed_text(T, T + 40.0 * MINUTE_MS, &UI), "40 min");
        assert_eq!(elapsed_text(T, T + 2.0 * HOUR_MS + 10.0 * MINUTE_MS, &UI), "2 h 10 min");
        assert_eq!(
            elapsed_text(T, T + 30.0 * HOUR_MS, &UI),
            "30 h 0 min",
            "it keeps counting"
        );
        assert_eq!(
            UI.missing_missing_for(&elapsed_text(T, T + 130.0 * MINUTE_MS, &UI)),
            "Missing for 2 h 10 min"
        );
        let deadline = T + REPORT_WITHIN_MS;
        assert_eq!(agency_reports(deadline, T), AgencyReports::Due);
        assert_eq!(agency_reports(deadline, deadline - 1.0), AgencyReports::Due);
        assert_eq!(agency_reports(deadline, deadline), AgencyReports::Overdue);
        let due = UI.missing_agency_due(&when_text(deadline, T, &est, &UI));
        assert_eq!(
            due,
            "The agency's reports to law enforcement and NCMEC: due immediately; at the latest by 3:40 PM tomorrow."
        );
        assert!(due.find("immediately") < due.find("at the latest"), "now comes first");
        // Nothing the clock says counts down to the deadline.
        for ui in [&UI, &es::UI] {
            for text in [
                ui.missing_missing_for("1 h"),
                ui.missing_agency_due("x"),
                ui.missing_agency_overdue("x"),
                ui.missing_agency_count.to_string(),
                ui.clock_agency_due("x"),
                ui.clock_missing_for_in_note("1 h"),
                elapsed_text(T, T + 3.0 * HOUR_MS, ui),
            ] {
                for word in [" left", "Quedan", "queda"] {
                    assert!(!text.contains(word), "{word:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn the_911_and_agency_steps_wait_to_be_done_now_until_marked() {
        for id in DO_NOW {
            assert!(EN.missing_steps.iter().any(|s| s.id == id), "{id} is a step");
            assert!(
                do_now(None, id),
                "{id}: do it now from the first minute, before anything is entered"
            );
        }
        assert_eq!(
            EN.missing_steps.iter().map(|s| s.id).take(3).collect::<Vec<_>>(),
            ["police", "agency", "ncmec"],
            "911, then the agency, then NCMEC"
        );
        let mut e = Episode::new(T);
        assert!(do_now(Some(&e), "police") && do_now(Some(&e), "agency"));
        assert!(!do_now(Some(&e), "ncmec") && !do_now(Some(&e), "runaway"));
        e.set_done("police", Some(T));
        assert!(!do_now(Some(&e), "police") && do_now(Some(&e), "agency"));
        // Long after the deadline a step marked done is still just done.
        e.set_learned(T - 3.0 * DAY_MS, T).expect("past");
        assert!(!do_now(Some(&e), "police"));
        assert_eq!(UI.missing_do_now, "Not done \u{2014} do it now.");
    }

    #[test]
    fn an_episode_expires_two_days_after_its_deadline() {
        let mut e = Episode::new(T);
        assert_eq!(
            e.expires_at_ms(),
            T + 48.0 * HOUR_MS,
            "no deadline yet: two days after it began"
        );
        e.set_learned(T - HOUR_MS, T).expect("past");
        assert_eq!(e.expires_at_ms(), T - HOUR_MS + 72.0 * HOUR_MS);
        // Learned a week ago: still kept two days from now, not gone at once.
        e.set_learned(T - 7.0 * DAY_MS, T).expect("past");
        assert_eq!(e.expires_at_ms(), T + 48.0 * HOUR_MS);
    }

    #[test]
    fn steps_and_ticks_are_recorded_by_known_id_only() {
        let mut e = Episode::new(T);
        e.set_done("police", Some(T + MINUTE_MS));
        e.set_done("nowhere", Some(T));
        e.set_ready("photo", true);
        e.set_ready("name-of-child", true);
        assert_eq!(e.done, vec![("police", T + MINUTE_MS)]);
        assert_eq!(e.ready, vec!["photo"]);
        e.set_done("police", Some(T + 2.0 * MINUTE_MS));
        assert_eq!(
            e.done_at("police"),
            Some(T + 2.0 * MINUTE_MS),
            "marking again moves the time"
        );
        e.set_done("police", None);
        e.set_ready("photo", false);
        assert_eq!(e, Episode::new(T));
    }

    #[test]
    fn the_timeline_says_due_immediately_before_the_latest_moment_and_nothing_about_the_child() {
        let mut e = Episode::new(T);
        e.set_learned(T - 2.0 * HOUR_MS, T).expect("past");
        e.set_done("ncmec", Some(T + 10.0 * MINUTE_MS));
        e.set_done("police", Some(T + 2.0 * MINUTE_MS));
        e.set_ready("photo", true);
        let text = timeline(&e, T + 15.0 * MINUTE_MS, &est, &UI, &EN);
        assert!(
            text.starts_with("Child missing: timeline, 2026-12-01 15:55 (device time)\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "Learned the child was missing: 2026-12-01 13:40\nMissing for 2 h 15 min at the time of this note.\n"
            ),
            "{text}"
        );
        let due =
            "The agency's reports to law enforcement and NCMEC: due immediately; at the latest by 2026-12-02 13:40 \
                   (the app's count, from the time learned above).\n";
        assert!(text.contains(due), "{text}");
        for word in [
            "left",
            "Reports due",
            "within 24 hours",
            "overdue",
            "Overdue",
            " PM",
            " AM",
        ] {
            assert!(!text.contains(word), "{word:?} in:\n{text}");
        }
        let police = text
            .find("Done:\n- 2026-12-01 15:42: Called 911 or local law enforcement\n")
            .expect("the 911 call as a record, with its time");
        let ncmec = text
            .find("- 2026-12-01 15:50: Called NCMEC, or made sure the agency has reported\n")
            .expect("the NCMEC call as a record, with its time");
        assert!(police < ncmec, "done steps in the order they were done");
        assert!(
            !text.contains("Call 911") && !text.contains("Call NCMEC"),
            "a done step reads as what was done, not as the order:\n{text}"
        );
        assert!(
            text.contains(&format!(
                "Still to do:\n- Tell your agency now{}\n",
                agency_lines(&EN, "agency")
            )),
            "{text}"
        );
        assert!(
            !text.contains("If police won't") && !text.contains("18, 19 or 20"),
            "steps that apply only if needed are not owed"
        );
        assert!(text.contains("(Source: Pub. L. 113-183 §104)"));
        assert!(
            !text.to_lowercase().contains("photo"),
            "nothing of the ready list, which is about the child"
        );
        let overdue = timeline(&e, T + 23.0 * HOUR_MS, &est, &UI, &EN);
        assert!(
            overdue.contains(&format!(
                "{due}That time has passed: the agency's reports are overdue if not yet made.\n"
            )),
            "{overdue}"
        );
        // Marked done, the steps stay done, never overdue; the agency's reports are the only thing that is.
        let done = overdue.split("Done:\n").nth(1).expect("done list");
        assert!(!done.to_lowercase().contains("overdue"), "{overdue}");
        assert_eq!(overdue.matches("overdue").count(), 1, "{overdue}");
        let blank = timeline(&Episode::new(T), T, &est, &UI, &EN);
        assert!(
            blank.contains("Learned the child was missing: not entered.")
                && blank.contains("Done: nothing marked done yet.")
        );
    }

    /// The digit runs of a text, in order: the times and numbers it states.
    fn numbers(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn spanish_says_a_la_1_and_a_las_2_after_the_day() {
        let ui = &es::UI;
        // T is 3:40 PM on 2026-12-01 in New York.
        let cases = [
            (T - 155.0 * MINUTE_MS, "hoy a la 1:05 p. m.", "1:05 PM today"),
            (T - 100.0 * MINUTE_MS, "hoy a las 2:00 p. m.", "2:00 PM today"),
            (T - 910.0 * MINUTE_MS, "hoy a las 12:30 a. m.", "12:30 AM today"),
            (T + 10.0 * HOUR_MS, "mañana a la 1:40 a. m.", "1:40 AM tomorrow"),
            (T - 26.0 * HOUR_MS, "ayer a la 1:40 p. m.", "1:40 PM yesterday"),
            (
                T - 3.0 * DAY_MS,
                "el 2026-11-28 a las 3:40 p. m.",
                "3:40 PM on 2026-11-28",
            ),
            (
                T - 2.0 * DAY_MS - 2.0 * HOUR_MS,
                "el 2026-11-29 a la 1:40 p. m.",
                "1:40 PM on 2026-11-29",
            ),
        ];
        for (at, spanish, english) in cases {
            assert_eq!(when_text(at, T, &est, ui), spanish);
            assert_eq!(when_text(at, T, &est, &UI), english);
            let (mut es_numbers, mut en_numbers) = (numbers(spanish), numbers(english));
            es_numbers.sort_unstable();
            en_numbers.sort_unstable();
            assert_eq!(es_numbers, en_numbers, "the same time in both languages");
        }
        // Next to a date (the timeline, a case record) the time is 24-hour, as in the check's case note.
        assert_eq!(stamp(T - 155.0 * MINUTE_MS, &est), "2026-12-01 13:05");
    }

    #[test]
    fn the_clock_and_the_agency_line_in_spanish() {
        let ui = &es::UI;
        let deadline = T + REPORT_WITHIN_MS;
        assert_eq!(
            ui.missing_agency_due(&when_text(deadline, T + 5.0 * MINUTE_MS, &est, ui)),
            "Los reportes de la agencia a la policía y al NCMEC: se deben hacer de inmediato; a más tardar mañana a las 3:40 p. m."
        );
        assert_eq!(
            ui.missing_learned_at(&when_text(T - 2.0 * HOUR_MS, T, &est, ui)),
            "Lo supo hoy a la 1:40 p. m. "
        );
        assert_eq!(
            ui.missing_done_at(&when_text(T, T, &est, ui)),
            "Hecho hoy a las 3:40 p. m."
        );
        for (elapsed, spanish) in [
            (130.0 * MINUTE_MS, "Tiempo desde la desaparición: 2 h 10 min"),
            (5.0 * MINUTE_MS, "Tiempo desde la desaparición: 5 min"),
        ] {
            let text = ui.missing_missing_for(&elapsed_text(T, T + elapsed, ui));
            assert_eq!(text, spanish);
            assert_eq!(
                numbers(&text),
                numbers(&UI.missing_missing_for(&elapsed_text(T, T + elapsed, &UI)))
            );
        }
        for error in [LearnedError::Unreadable, LearnedError::InTheFuture] {
            assert!(error.message(ui).contains("supo"), "{}", error.message(ui));
            assert_ne!(error.message(ui), error.message(&UI));
        }
    }

    #[test]
    fn the_spanish_timeline_states_the_same_times_and_numbers_in_spanish() {
        let mut e = Episode::new(T);
        e.set_learned(T - 2.0 * HOUR_MS, T).expect("past");
        e.set_done("ncmec", Some(T + 10.0 * MINUTE_MS));
        e.set_done("police", Some(T + 2.0 * MINUTE_MS));
        let now = T + 15.0 * MINUTE_MS;
        let (spanish, english) = (timeline(&e, now, &est, &es::UI, &ES), timeline(&e, now, &est, &UI, &EN));
        let step = |id: &str| ES.missing_steps.iter().find(|s| s.id == id).expect(id);
        assert!(
            spanish.starts_with("Menor desaparecido: cronología, 2026-12-01 15:55 (hora del dispositivo)\n"),
            "{spanish}"
        );
        assert!(
            spanish.contains("Supo que el menor estaba desaparecido: 2026-12-01 13:40\n"),
            "{spanish}"
        );
        assert!(
            spanish.contains("de inmediato; a más tardar 2026-12-02 13:40 (la cuenta de la aplicación"),
            "{spanish}"
        );
        let police = spanish
            .find("Hecho:\n- 2026-12-01 15:42: Se llamó al 911 o a la policía local\n")
            .expect("the 911 call as a record, with its time");
        let ncmec = spanish
            .find("- 2026-12-01 15:50: Se llamó al NCMEC, o se confirmó que la agencia hizo el reporte\n")
            .expect("the NCMEC call as a record, with its time");
        assert!(police < ncmec, "in the order they were done");
        for id in ["police", "ncmec"] {
            assert!(
                !spanish.contains(step(id).title),
                "a done step reads as what was done, not as the order:\n{spanish}"
            );
        }
        assert!(
            spanish.contains(&format!(
                "Falta hacer:\n- {}{}\n",
                step("agency").title,
                agency_lines(&ES, "agency")
            )),
            "still to do keeps the order:\n{spanish}"
        );
        assert!(spanish.contains("(Fuente: Pub. L. 113-183 §104)"), "{spanish}");
        for step in EN.missing_steps {
            for english in [step.title, step.done] {
                assert!(!spanish.contains(english), "English step {english:?} in:\n{spanish}");
            }
        }
        for word in [
            "Done",
            "Still to do",
            "immediately",
            "overdue",
            "Source",
            " PM",
            " AM",
            "p. m.",
            "Quedan",
        ] {
            assert!(!spanish.contains(word), "{word:?} in:\n{spanish}");
        }
        assert_eq!(numbers(&spanish), numbers(&english), "the same times and numbers");
        assert_eq!(spanish.lines().count(), english.lines().count());
        let overdue = timeline(&e, T + 23.0 * HOUR_MS, &est, &es::UI, &ES);
        assert!(
            overdue
                .contains("Esa hora ya pasó: los reportes de la agencia están vencidos si todavía no se hicieron.\n"),
            "{overdue}"
        );
        let blank = timeline(&Episode::new(T), T, &est, &es::UI, &ES);
        assert!(
            blank.contains("Supo que el menor estaba desaparecido: no se indicó.\n")
                && blank.contains("Hecho: nada marcado como hecho todavía.\n"),
            "{blank}"
        );
    }
}
