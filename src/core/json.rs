//! A minimal, strict JSON reader and writer for the few records the app stores (`core::saved`).
//!
//! Why not serde_json: it was about a tenth of the release WASM for three tiny records. This reader
//! follows RFC 8259 and matches serde_json on what it accepts (so records written by earlier versions
//! read the same): whitespace is space/tab/CR/LF only, no leading zeros, no lone surrogates, no raw
//! control characters in strings, nothing after the value, nesting at most [`MAX_DEPTH`] deep, and a
//! number too large for an `f64` is an error. It never panics: every input is bytes checked by index.

/// Deepest nesting accepted (serde_json's limit is the same), so hostile input cannot overflow the stack.
pub const MAX_DEPTH: usize = 127;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The value, and the value as a whole number when the text was a plain non-negative integer
    /// that fits a `u64` (serde_json's `as_u64`: "1.0", "1e0" and "-0" are not whole numbers).
    Num(f64, Option<u64>),
    Str(String),
    Arr(Vec<Json>),
    /// Keys in document order; duplicates are kept and [`Json::get`] takes the last, as serde_json does.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key` if this is an object (the last one if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Num(_, whole) => *whole,
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(f, _) => Some(*f),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }
}

/// Parses one JSON document. The error says what was wrong and at which byte.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    let value = p.value()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at byte {}", self.i)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.err("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        match self.peek() {
            None => Err(self.err("unexpected end")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[' | b'{') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.err("nested too deeply"));
                }
                let value = if self.peek() == Some(b'[') {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                value
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("expected a value")),
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.i += 1; // '['
        let mut items = Vec::new();
        self.ws();
        if self.eat(b']') {
            return Ok(Json::Arr(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            if self.eat(b']') {
                return Ok(Json::Arr(items));
            }
            if !self.eat(b',') {
                return Err(self.err("expected ',' or ']'"));
            }
        }
    }

    fn object(&mut self) -> Result<Json, String> {
        self.i += 1; // '{'
        let mut members = Vec::new();
        self.ws();
        if self.eat(b'}') {
            return Ok(Json::Obj(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("expected a key"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b':') {
                return Err(self.err("expected ':'"));
            }
            self.ws();
            let value = self.value()?;
            members.push((key, value));
            self.ws();
            if self.eat(b'}') {
                return Ok(Json::Obj(members));
            }
            if !self.eat(b',') {
                return Err(self.err("expected ',' or '}'"));
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .b
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("truncated \\u escape"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or_else(|| self.err("bad \\u escape"))?;
            n = n * 16 + v;
        }
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run of plain bytes at once; it is valid UTF-8 because the input is a &str and the
            // run stops only at ASCII bytes, which are never inside a multi-byte character.
            let start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.b[start..self.i]).map_err(|_| self.err("bad UTF-8"))?);
            match self.peek() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.err("bad escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }

    /// After `\u`: one code point, joining a surrogate pair; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(self.err("lone leading surrogate"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.err("lone leading surrogate"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.err("lone trailing surrogate")),
            n => n,
        };
        char::from_u32(code).ok_or_else(|| self.err("bad \\u escape"))
    }

    /// Reads a number by hand rather than with `str::parse::<f64>`, whose tables would cost more WASM than
    /// the whole codec. Exact for what the app stores (integers, and decimals with up to 15 digits and an
    /// exponent up to 22, the "fast path" where one correctly rounded multiply or divide is exact); other
    /// values are approximated within a few ulps, like serde_json's default parser.
    fn number(&mut self) -> Result<Json, String> {
        let negative = self.eat(b'-');
        let mut mantissa: u64 = 0;
        // Power of ten the mantissa is scaled by; digits beyond u64 are dropped and counted here.
        let mut exp10: i64 = 0;
        let mut dropped = false;
        let int_start = self.i;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            match mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(d - b'0')))
            {
                Some(m) => mantissa = m,
                None => {
                    dropped = true;
                    exp10 += 1;
                }
            }
            self.i += 1;
        }
        match self.i - int_start {
            0 => return Err(self.err("expected a digit")),
            n if n > 1 && self.b[int_start] == b'0' => return Err(self.err("leading zero")),
            _ => {}
        }
        let mut whole = !negative && !dropped;
        if self.eat(b'.') {
            whole = false;
            let frac_start = self.i;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                if let Some(m) = mantissa
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(u64::from(d - b'0')))
                {
                    mantissa = m;
                    exp10 -= 1;
                }
                self.i += 1;
            }
            if self.i == frac_start {
                return Err(self.err("expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            whole = false;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                _ => false,
            };
            let exp_start = self.i;
            let mut exp: i64 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                // Saturating: any exponent past a million overflows or underflows every f64 anyway.
                exp = (exp * 10 + i64::from(d - b'0')).min(1_000_000);
                self.i += 1;
            }
            if self.i == exp_start {
                return Err(self.err("expected an exponent"));
            }
            exp10 += if exp_negative { -exp } else { exp };
        }
        let scale = |e: i64| 10f64.powi(e.clamp(-1_000_000, 1_000_000) as i32);
        let magnitude = if mantissa == 0 {
            0.0
        } else if exp10 >= 0 {
            mantissa as f64 * scale(exp10)
        } else if exp10 >= -400 {
            // Dividing by an exact power of ten is correctly rounded; multiplying by 1e-n would not be.
            mantissa as f64 / scale(-exp10)
        } else {
            0.0
        };
        if !magnitude.is_finite() {
            return Err(self.err("number out of range"));
        }
        let f = if negative { -magnitude } else { magnitude };
        Ok(Json::Num(f, if whole { Some(mantissa) } else { None }))
    }
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, the rest as is.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(f: f64, u: Option<u64>) -> Json {
        Json::Num(f, u)
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2, 3.5, 1e2, true, false, null, "x"], "b": {}, "c": []} "#).expect("valid");
        assert_eq!(
            v.get("a").and_then(Json::as_array),
            Some(
                &[
                    num(1.0, Some(1)),
                    num(-2.0, None),
                    num(3.5, None),
                    num(100.0, None),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null,
                    Json::Str("x".into())
                ][..]
            )
        );
        assert_eq!(v.get("b"), Some(&Json::Obj(vec![])));
        assert_eq!(v.get("c"), Some(&Json::Arr(vec![])));
        assert_eq!(v.get("d"), None);
        assert_eq!(parse("[]").expect("array").get("a"), None);
    }

    #[test]
    fn whole_numbers_are_only_plain_non_negative_integers() {
        for (text, want) in [
            ("0", Some(0)),
            ("1", Some(1)),
            ("18446744073709551615", Some(u64::MAX)),
            ("18446744073709551616", None),
            ("1.0", None),
            ("1e0", None),
            ("-0", None),
            ("-1", None),
        ] {
            assert_eq!(parse(text).expect(text).as_u64(), want, "{text}");
        }
        assert_eq!(
            parse("1764000000000.0").expect("float").as_f64(),
            Some(1_764_000_000_000.0)
        );
        assert_eq!(parse("1e-400").expect("underflow is zero").as_f64(), Some(0.0));
        assert_eq!(parse("-1.5E+3").expect("exp").as_f64(), Some(-1500.0));
    }

    #[test]
    fn strings_unescape_including_surrogate_pairs() {
        let v = parse(r#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00 é€😀""#).expect("valid");
        assert_eq!(v.as_str(), Some("a\"b\\c/d\u{8}\u{c}\n\r\tAé€😀 é€😀"));
        assert_eq!(parse(r#""""#).expect("empty").as_str(), Some(""));
    }

    #[test]
    fn duplicate_keys_take_the_last() {
        let v = parse(r#"{"v":1,"v":2}"#).expect("valid");
        assert_eq!(v.get("v").and_then(Json::as_u64), Some(2));
    }

    #[test]
    fn malformed_input_is_an_error() {
        let bad = [
            "",
            " ",
            "{",
            "[",
            "[1,2",
            "{\"a\":1,",
            "{\"a\"}",
            "{\"a\" 1}",
            "{a:1}",
            "{\"a\":1,}",
            "[1,]",
            "[,1]",
            "\"abc",
            "\"\\",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "\"\\ud800x\"",
            "\"a\nb\"",
            "\"\u{0}\"",
            "nul",
            "tru",
            "falsey",
            "NaN",
            "Infinity",
            "01",
            "-",
            "-a",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "0x10",
            "1e400",
            "-1e400",
            "1 2",
            "{} x",
            "[]]",
            "not json",
            "\u{0}\u{1}",
            "'a'",
            "\u{feff}{}",
            "{\"a\":1}\u{a0}",
        ];
        for text in bad {
            assert!(parse(text).is_err(), "{text:?} should not parse");
        }
        assert!(parse("\t\r\n [1]\n").is_ok(), "JSON whitespace around a value is fine");
    }

    #[test]
    fn nesting_is_bounded_without_overflowing_the_stack() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&too_deep).is_err());
        // Far deeper than any stack could recurse: rejected at the limit, not by crashing.
        assert!(parse(&"[{\"a\":".repeat(1_000_000)).is_err());
        assert!(parse(&"[".repeat(1_000_000)).is_err());
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let long = "9".repeat(100_000);
        assert_eq!(parse(&"9".repeat(300)).expect("long integer is a float").as_u64(), None);
        assert!(
            parse(&long).is_err(),
            "an integer beyond f64 is out of range, as in serde_json"
        );
        assert!(parse(&format!("0.{long}")).is_ok());
        assert!(parse(&format!("1e{long}")).is_err(), "overflows f64");
        assert_eq!(parse(&format!("1e-{long}")).expect("underflow").as_f64(), Some(0.0));
    }

    #[test]
    fn written_strings_read_back() {
        for s in [
            "",
            "plain",
            "q\"uote",
            "back\\slash",
            "ctl\u{0}\u{1f}\n\r\t\u{8}",
            "é€😀",
            "/",
        ] {
            let mut out = String::new();
            write_str(&mut out, s);
            assert_eq!(parse(&out).expect(&out).as_str(), Some(s), "{out}");
        }
        let mut out = String::new();
        write_str(&mut out, "a\"b\u{1}");
        assert_eq!(out, r#""a\"b\u0001""#);
    }

    #[test]
    fn numbers_read_as_the_standard_library_reads_them() {
        for text in [
            "0",
            "-0",
            "1764000000000",
            "1764000000000.0",
            "1764000123456.5",
            "0.1",
            "3.25",
            "-1500",
            "1e22",
            "1.5e-7",
            "123456789012345678",
            "9007199254740993",
            "12345.678901",
            "0.000001",
            "2.5E+3",
            "1e-400",
        ] {
            let want: f64 = text.parse().expect("std parses it");
            assert_eq!(parse(text).expect(text).as_f64(), Some(want), "{text}");
        }
        // Beyond the exact range the value is close, not necessarily the nearest float.
        // (Within a few ulps of f64::MAX a number may be rejected as out of range; no record comes near.)
        for text in [
            "1.79769313486e308",
            "4.9e-300",
            "123456789012345678901234567890",
            "0.1e-20",
        ] {
            let want: f64 = text.parse().expect("std parses it");
            let got = parse(text).expect(text).as_f64().expect("a number");
            assert!(((got - want) / want).abs() < 1e-14, "{text}: {got} vs {want}");
        }
    }

    /// A small deterministic generator, so the garbled-input test needs no dependency and can be replayed.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    /// Garbled input never panics, and accepts exactly what serde_json accepts.
    #[test]
    fn garbled_input_never_panics_and_matches_serde_json() {
        let seeds = [
            r#"{"v":1,"saved_at":1764000000000.0,"traded":"not-sure","missing_now":"yes","in_care":"unanswered","signs":["a","b"]}"#,
            r#"{"v":1,"numbers":[{"label":"State \"hot\" line\\ é","dial":"+15552345678"}]}"#,
            r#"[1,-2.5e3,true,false,null,"\u00e9\ud83d\ude00\n",{},[[]]]"#,
        ];
        let alphabet: &[u8] = b"{}[]\":,\\/ \t\n-+.eE0123456789abcdeftrunlsxu\x01";
        let mut rng = Lcg(42);
        for round in 0..30_000 {
            let mut bytes = seeds[round % seeds.len()].as_bytes().to_vec();
            for _ in 0..1 + rng.next() % 4 {
                let at = (rng.next() as usize) % (bytes.len() + 1);
                match rng.next() % 3 {
                    0 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, alphabet[(rng.next() as usize) % alphabet.len()]),
                    _ => bytes.truncate(at),
                }
            }
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{text:?}: ours {ours:?}, serde_json {theirs:?}"
            );
        }
        // Fully random strings too.
        for _ in 0..20_000 {
            let len = (rng.next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(rng.next() as usize) % alphabet.len()] as char)
                .collect();
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{text:?}: ours {ours:?}, serde_json {theirs:?}"
            );
        }
    }
}
