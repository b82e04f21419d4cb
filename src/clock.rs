//! The device's clock and time zone: the only place the app asks what time it is. `core` takes time as
//! a value; the views ask here.

use crate::core::summary::LocalTime;
use wasm_bindgen::JsValue;
use web_sys::js_sys;

pub fn now_ms() -> f64 {
    if cfg!(feature = "ssr") {
        return 0.0;
    }
    js_sys::Date::now()
}

/// The device's local date and time at `ms`.
pub fn local_time(ms: f64) -> LocalTime {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    LocalTime {
        year: d.get_full_year() as i32,
        month: (d.get_month() + 1) as u8,
        day: d.get_date() as u8,
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
    }
}

/// The device's offset from UTC at `ms`, in minutes east (`Date.getTimezoneOffset` counts west). Asked
/// per instant, so an instant on the other side of a daylight-saving change gets its own offset.
pub fn utc_offset_min(ms: f64) -> i32 {
    if cfg!(feature = "ssr") {
        return 0;
    }
    -(js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset() as i32)
}

/// "until 03:40" / "until tomorrow 03:40", in the device's time and `ui`'s language.
pub fn until_text(ui: &crate::content::Ui, until_ms: f64, now_ms: f64) -> String {
    let now = local_time(now_ms);
    let until = local_time(until_ms);
    let tomorrow = local_time(now_ms + 86_400_000.0);
    let next_day = (until.year, until.month, until.day) == (tomorrow.year, tomorrow.month, tomorrow.day);
    crate::core::summary::until_text(ui, &now, &until, next_day)
}
