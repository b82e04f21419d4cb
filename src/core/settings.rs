//! The user's settings: text size, theme, the discreet look, how long a check in progress stays saved on
//! the device, and whether Quick exit also deletes the missing-child timeline.
//! This module owns their values and defaults; `core::saved` stores them.

/// Text size on top of the browser's own, in percent.
pub const TEXT_SCALES: [u16; 3] = [100, 125, 150];

/// How long a check in progress may stay saved, in hours. 12 covers a working day and no more.
pub const EXPIRY_HOURS: [u16; 4] = [1, 4, 12, 24];

pub const DEFAULT_EXPIRY_HOURS: u16 = 12;

/// Stored as its [`Theme::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the device (light or dark).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value of `<html data-theme>`; `None` removes the attribute so the system decides.
    pub fn data_theme(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn label(self, ui: &'static crate::content::Ui) -> &'static str {
        match self {
            Theme::System => ui.settings_theme_system,
            Theme::Light => ui.settings_theme_light,
            Theme::Dark => ui.settings_theme_dark,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The discreet look: a neutral name and tab title, a muted header, the checker's questions as neutral
/// labels until tapped. `Standard` (off) by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    #[default]
    Standard,
    Notes,
    Checklist,
    Handbook,
}

impl Look {
    pub const ALL: [Look; 4] = [Look::Standard, Look::Notes, Look::Checklist, Look::Handbook];

    /// The stored value, also `<html data-look>` (which `public/early.js` sets before the first paint).
    pub fn id(self) -> &'static str {
        match self {
            Look::Standard => "standard",
            Look::Notes => "notes",
            Look::Checklist => "checklist",
            Look::Handbook => "handbook",
        }
    }

    /// The neutral name shown in the header and as the tab title, in the language of `ui`; `None` for
    /// the standard look.
    pub fn name(self, ui: &'static crate::content::Ui) -> Option<&'static str> {
        match self {
            Look::Standard => None,
            look => Some(look.label(ui)),
        }
    }

    pub fn label(self, ui: &'static crate::content::Ui) -> &'static str {
        match self {
            Look::Standard => ui.settings_look_off,
            Look::Notes => ui.look_notes,
            Look::Checklist => ui.look_checklist,
            Look::Handbook => ui.look_handbook,
        }
    }
}

/// The status bar colour (`<meta name="theme-color">`) for the light and the dark scheme: the header's
/// red, or in the discreet look a muted grey that does not light the status bar red. `public/early.js`
/// and `index.html` carry the same values (a test checks).
pub fn theme_colors(look: Look) -> (&'static str, &'static str) {
    match look {
        Look::Standard => ("#8a1538", "#1b1b1f"),
        _ => ("#3d4148", "#1b1b1f"),
    }
}

/// Home's one-time invitations the person dismissed ("Not now"): each shows until it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dismissed {
    /// Install the app (when the browser offers it).
    pub install: bool,
    /// Save the agency's number.
    pub agency_number: bool,
}

impl Dismissed {
    /// The stored ids of the dismissed invitations, in a fixed order.
    pub fn ids(self) -> Vec<&'static str> {
        [("install", self.install), ("agency-number", self.agency_number)]
            .into_iter()
            .filter_map(|(id, on)| on.then_some(id))
            .collect()
    }

    /// Read back from [`Dismissed::ids`]; an id this version does not know is ignored.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Dismissed {
        let mut d = Dismissed::default();
        for id in ids {
            match id {
                "install" => d.install = true,
                "agency-number" => d.agency_number = true,
                _ => {}
            }
        }
        d
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Percent: one of [`TEXT_SCALES`].
    pub text_scale: u16,
    pub theme: Theme,
    /// Hours: one of [`EXPIRY_HOURS`].
    pub expiry_hours: u16,
    pub look: Look,
    /// The language chosen with the language switch; `None` until one is (then the browser's decides).
    pub lang: Option<crate::content::Lang>,
    pub dismissed: Dismissed,
    /// Whether Quick exit also deletes the missing-child timeline (`true` by default). Off, the timeline
    /// stays for someone who must leave the screen in a hurry but still needs the times of the calls;
    /// anyone who opens the app on the phone can then see it, which Settings says.
    pub exit_erases_missing: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 100,
            theme: Theme::System,
            expiry_hours: DEFAULT_EXPIRY_HOURS,
            look: Look::Standard,
            lang: None,
            dismissed: Dismissed::default(),
            exit_erases_missing: true,
        }
    }
}

impl Settings {
    /// Replaces any value that is not one of the offered choices by its default, so a stored value from
    /// another version can never put the app in a state the Settings screen cannot show.
    pub fn sanitised(self) -> Settings {
        let d = Settings::default();
        Settings {
            text_scale: if TEXT_SCALES.contains(&self.text_scale) {
                self.text_scale
            } else {
                d.text_scale
            },
            theme: self.theme,
            expiry_hours: if EXPIRY_HOURS.contains(&self.expiry_hours) {
                self.expiry_hours
            } else {
                d.expiry_hours
            },
            look: self.look,
            lang: self.lang,
            dismissed: self.dismissed,
            exit_erases_missing: self.exit_erases_missing,
        }
    }

    /// The value of `<html data-exit>`, which `public/early.js` also sets before the first paint: Settings
    /// shows the sentence that says what Quick exit does by it (style/main.css), so the page tells the
    /// truth before the app runs and if it never does. `None` (no attribute) is the default: it deletes.
    pub fn data_exit(&self) -> Option<&'static str> {
        (!self.exit_erases_missing).then_some("keep-missing")
    }

    /// What Settings says Quick exit does with the missing-child timeline under this choice.
    pub fn exit_missing_text(&self, ui: &'static crate::content::Ui) -> &'static str {
        if self.exit_erases_missing {
            ui.settings_exit_missing_erased
        } else {
            ui.settings_exit_missing_kept
        }
    }

    /// The value of the CSS custom property `--text-scale` (1, 1.25, 1.5).
    /// Integer arithmetic on purpose: float formatting would add its tables to the WASM for one number.
    pub fn css_text_scale(&self) -> String {
        let (whole, hundredths) = (self.text_scale / 100, self.text_scale % 100);
        if hundredths == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{hundredths:02}").trim_end_matches('0').to_string()
        }
    }

    pub fn expiry_ms(&self) -> f64 {
        f64::from(self.expiry_hours) * 3_600_000.0
    }

    /// When a check saved at `saved_at_ms` is deleted under these settings (a shorter expiry chosen
    /// later applies to a check saved already).
    pub fn check_expires_at_ms(&self, saved_at_ms: f64) -> f64 {
        saved_at_ms + self.expiry_ms()
    }

    /// Whether a check saved at `saved_at_ms` has expired at `now_ms`.
    pub fn check_expired(&self, saved_at_ms: f64, now_ms: f64) -> bool {
        now_ms >= self.check_expires_at_ms(saved_at_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_normal_text_system_theme_twelve_hours() {
        let s = Settings::default();
        assert_eq!((s.text_scale, s.theme, s.expiry_hours), (100, Theme::System, 12));
        assert_eq!(s.expiry_ms(), 12.0 * 3_600_000.0);
        assert_eq!(s.check_expires_at_ms(1_000.0), 1_000.0 + 12.0 * 3_600_000.0);
        assert!(!s.check_expired(1_000.0, 1_000.0 + 12.0 * 3_600_000.0 - 1.0));
        assert!(s.check_expired(1_000.0, 1_000.0 + 12.0 * 3_600_000.0));
        // Quick exit deletes the missing-child timeline unless the user chooses to keep it.
        assert!(s.exit_erases_missing);
        assert_eq!(s.data_exit(), None);
        let keep = Settings {
            exit_erases_missing: false,
            ..s
        };
        assert_eq!(keep.data_exit(), Some("keep-missing"));
        assert_eq!(keep.sanitised(), keep);
    }

    #[test]
    fn values_not_offered_fall_back_to_defaults_one_by_one() {
        let s = Settings {
            text_scale: 300,
            theme: Theme::Dark,
            expiry_hours: 4,
            look: Look::Notes,
            lang: None,
            dismissed: Dismissed::default(),
            exit_erases_missing: false,
        }
        .sanitised();
        assert_eq!((s.look, s.exit_erases_missing), (Look::Notes, false));
        assert_eq!((s.text_scale, s.theme, s.expiry_hours), (100, Theme::Dark, 4));
        let s = Settings {
            text_scale: 150,
            theme: Theme::Light,
            expiry_hours: 0,
            look: Look::Standard,
            lang: None,
            dismissed: Dismissed::default(),
            exit_erases_missing: true,
        }
        .sanitised();
        assert_eq!((s.text_scale, s.expiry_hours), (150, 12));
    }

    /// `public/early.js` applies the stored settings before the first paint, in JavaScript: it must accept
    /// exactly the values the app writes (the key and format versions: `core::saved`'s tests).
    #[test]
    fn the_early_script_knows_every_setting_the_app_writes() {
        let js =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js")).expect("public/early.js");
        for pct in TEXT_SCALES.into_iter().filter(|p| *p != Settings::default().text_scale) {
            assert!(
                js.contains(&format!("s.text_scale === {pct}")),
                "early.js does not apply text size {pct}%"
            );
        }
        assert_eq!(
            js.matches("s.text_scale === ").count(),
            TEXT_SCALES.len() - 1,
            "early.js applies a text size the app does not offer"
        );
        for theme in Theme::ALL {
            match theme.data_theme() {
                Some(t) => {
                    assert_eq!(theme.id(), t, "early.js writes the stored id as data-theme");
                    assert!(
                        js.contains(&format!("s.theme === \"{t}\"")),
                        "early.js does not apply the {t} theme"
                    );
                }
                None => assert!(
                    !js.contains(&format!("\"{}\"", theme.id())),
                    "the {} theme sets nothing",
                    theme.id()
                ),
            }
        }
        // The names per language, as early.js lists them: `<lang>: { "<look>": "<name>", … }` on one line.
        let names_line = |lang: crate::content::Lang| {
            js.lines()
                .find(|l| l.trim_start().starts_with(&format!("{}: {{", lang.code())))
                .unwrap_or_else(|| panic!("early.js lists no {lang:?} names of the looks"))
        };
        for look in Look::ALL {
            for lang in crate::content::Lang::ALL {
                match look.name(lang.ui()) {
                    Some(name) => {
                        assert!(
                            js.contains(&format!("s.look === \"{}\"", look.id())),
                            "early.js does not apply the {name} look"
                        );
                        assert!(
                            names_line(lang).contains(&format!("\"{}\": \"{name}\"", look.id())),
                            "early.js titles the {} look otherwise in {lang:?} (content/{}ui.toml's look.*)",
                            look.id(),
                            if lang == crate::content::Lang::Es { "es/" } else { "" }
                        );
                    }
                    None => assert!(
                        !js.contains(&format!("\"{}\"", look.id())),
                        "the standard look sets nothing"
                    ),
                }
            }
        }
        assert!(
            js.contains(&format!(
                "setAttribute(\"content\", \"{}\")",
                theme_colors(Look::Notes).0
            )),
            "early.js mutes the status bar with another colour than the app"
        );
        let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html");
        let (light, dark) = theme_colors(Look::Standard);
        assert!(index.contains(&format!("content=\"{light}\" media=\"(prefers-color-scheme: light)\"")));
        assert!(index.contains(&format!("content=\"{dark}\" media=\"(prefers-color-scheme: dark)\"")));
        assert!(
            index.find("name=\"theme-color\"") < index.find("<script src=\"early.js\">"),
            "the theme-color metas must come before early.js, which changes them"
        );
        // What it sets is what `css_text_scale` would: JavaScript's `String(1.25)` is "1.25", of 1.5 "1.5".
        for pct in TEXT_SCALES {
            let css = Settings {
                text_scale: pct,
                ..Settings::default()
            }
            .css_text_scale();
            let js_number = format!("{}", f64::from(pct) / 100.0);
            assert_eq!(
                css, js_number,
                "String({pct} / 100) in early.js differs from the app's --text-scale"
            );
        }
    }

    #[test]
    fn text_scale_is_written_for_css() {
        let css = |p| {
            Settings {
                text_scale: p,
                ..Settings::default()
            }
            .css_text_scale()
        };
        assert_eq!(css(100), "1");
        assert_eq!(css(125), "1.25");
        assert_eq!(css(150), "1.5");
        assert_eq!(css(105), "1.05");
        assert_eq!(css(200), "2");
    }

    #[test]
    fn theme_maps_to_the_html_attribute() {
        assert_eq!(Theme::System.data_theme(), None);
        assert_eq!(Theme::Light.data_theme(), Some("light"));
        assert_eq!(Theme::Dark.data_theme(), Some("dark"));
        assert_eq!(crate::content::UI.settings_hours(1), "1 hour");
        assert_eq!(crate::content::UI.settings_hours(24), "24 hours");
    }

    /// The choice to keep the timeline says what it keeps (no names), for how long (as `core::missing`
    /// keeps it) and who can see it, in both languages.
    #[test]
    fn the_choice_to_keep_the_timeline_says_what_how_long_and_who_can_see_it() {
        let hours = |ms: f64| (ms / crate::core::missing::HOUR_MS) as u32;
        let (after_learned, after_start) = (
            hours(crate::core::missing::REPORT_WITHIN_MS + crate::core::missing::KEEP_AFTER_DEADLINE_MS),
            hours(crate::core::missing::KEEP_AFTER_DEADLINE_MS),
        );
        let en = crate::content::UI.settings_exit_missing_hint;
        for says in [
            "no names".to_string(),
            format!("{after_learned} hours after the time you learned"),
            format!("never less than {after_start} hours after you started"),
            "until you close it".into(),
            "Anyone who opens this app on this phone can see it".into(),
        ] {
            assert!(en.contains(&says), "{says:?} not in {en:?}");
        }
        let es = crate::content::es::UI.settings_exit_missing_hint;
        for says in [
            "no contiene nombres".to_string(),
            format!("{after_learned} horas después de la hora en que lo supo"),
            format!("nunca menos de {after_start} horas después de que empezó"),
            "hasta que la cierre".into(),
            "Cualquiera que abra esta aplicación en este teléfono puede verla".into(),
        ] {
            assert!(es.contains(&says), "{says:?} not in {es:?}");
        }
    }

    /// What Home's About says is kept must be what the app keeps: the checker's taps for the expiry
    /// chosen in Settings (default and choices from here), the user's numbers and settings
    /// until erased, all on the device.
    #[test]
    fn the_about_card_says_what_is_kept_where_and_for_how_long() {
        let about = crate::content::EN
            .section("about-this-app")
            .expect("about section")
            .points
            .join(" ");
        assert!(
            !about.contains("stores nothing"),
            "the app does store the checker's taps: {about}"
        );
        assert!(
            about.contains(&format!(
                "for {} after your last tap",
                crate::content::UI.settings_hours(usize::from(DEFAULT_EXPIRY_HOURS))
            )),
            "{about}"
        );
        let (last, rest) = EXPIRY_HOURS.split_last().expect("expiry choices");
        let choices = format!(
            "{} or {last} hours",
            rest.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
        );
        assert!(
            about.contains(&format!("In Settings you can choose {choices}")),
            "the About card does not list the choices {choices}: {about}"
        );
        // The missing-child timeline: as long as `core::missing` keeps it, from the time learned and from
        // the start.
        let hours = |ms: f64| (ms / crate::core::missing::HOUR_MS) as u32;
        let (after_learned, after_start) = (
            hours(crate::core::missing::REPORT_WITHIN_MS + crate::core::missing::KEEP_AFTER_DEADLINE_MS),
            hours(crate::core::missing::KEEP_AFTER_DEADLINE_MS),
        );
        let timeline = format!(
            "for {after_learned} hours after the time you learned the child was missing, and never less than {after_start} hours after you started it"
        );
        assert!(
            about.contains(&timeline),
            "the About card does not say {timeline:?}: {about}"
        );
        assert!(
            crate::content::UI.missing_close_text.contains(&format!(
                "{after_learned} hours after the time you learned, and never sooner than {after_start} hours after you started"
            )),
            "{}",
            crate::content::UI.missing_close_text
        );
        for kept in [
            "on this device only",
            "local storage",
            "no names and no free text",
            "saved numbers and settings",
            "until you erase them",
            "Nothing you enter is sent anywhere",
        ] {
            assert!(about.contains(kept), "the About card does not say {kept:?}");
        }
    }
}
