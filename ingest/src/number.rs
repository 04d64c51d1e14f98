//! Step 5: one table cell or phrase → an exact number. Reports mix Indonesian (`1.677.707.236,00`,
//! `107,14 %`) and English (`117.07%`) styles inside one table, add `Rp.`, `,-` and units, put
//! spaces inside percentages (`110, 93 %`) and carry OCR damage (a letter for a digit, a digit group
//! of the wrong length). Damage is reported, never guessed away.

use std::borrow::Cow;
use std::str::FromStr;

use model::Exact;

/// What one cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellNumber {
    /// A number, possibly a percentage.
    Value {
        value: Exact,
        percent: bool,
        money: bool,
        /// OCR look-alike letters were read as digits (`1O.000`, `l5`, `S0`).
        repaired: bool,
    },
    /// Looks like a number but cannot be read exactly (OCR-broken digit groups).
    Damaged,
    /// Text, or empty.
    NotNumber,
}

/// Units printed after a figure in indicator tables (`70 Skor`, `80 %`).
const UNIT_WORDS: [&str; 9] = [
    "%", "persen", "skor", "nilai", "indeks", "poin", "desa", "orang", "dokumen",
];

/// Reads a whole cell as one number.
pub fn parse_cell(cell: &str) -> CellNumber {
    if cell.len() > 60 {
        return CellNumber::NotNumber;
    }
    // emphasis markup around a figure (`**1.234.567.890**,-`, `__70__`) is no part of it
    let unmarked;
    let cell = if cell.contains(['*', '_']) {
        unmarked = cell.replace(['*', '_'], "");
        unmarked.as_str()
    } else {
        cell
    };
    let mut s = cell.trim();
    // a figure needs a digit (OCR letters are repaired only beside two digits): most cells are
    // text and stop here
    if s.is_empty() || s.len() > 40 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return CellNumber::NotNumber;
    }
    let mut money = false;
    if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("rp")) {
        money = true;
        s = s.get(2..).unwrap_or("").trim_start_matches(['.', ' ', ':']);
    }
    let mut percent = false;
    let mut body: &str = s;
    for unit in UNIT_WORDS {
        // the units are ASCII: a case-insensitive suffix, without a lowered copy
        let stripped = s
            .len()
            .checked_sub(unit.len())
            .and_then(|at| Some((s.get(..at)?, s.get(at..)?)))
            .filter(|(_, tail)| tail.eq_ignore_ascii_case(unit))
            .map(|(head, _)| head);
        if let Some(stripped) = stripped {
            let cut = stripped.trim_end().len();
            if cut < s.len()
                && stripped.ends_with(|c: char| {
                    c.is_ascii_digit() || c == ' ' || c == ',' || c == '.' || c == '-'
                })
            {
                body = s.get(..cut).unwrap_or("");
                percent = unit == "%" || unit == "persen";
                break;
            }
        }
    }
    // any other one-word unit after the figure (`5 Laporan`, `12 Kali`)
    if body.len() == s.len() {
        if let Some((figure, unit)) = body.trim().rsplit_once(' ') {
            let is_unit = (2..=12).contains(&unit.len()) && unit.chars().all(char::is_alphabetic);
            if is_unit
                && figure
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            {
                body = figure;
            }
        }
    }
    let body = body
        .trim()
        .trim_end_matches('-')
        .trim_end_matches(['.', ','])
        .trim();
    if body.is_empty() {
        return CellNumber::NotNumber;
    }
    let compact = join_split_decimal(body);
    let repaired = repair_ocr_letters(&compact);
    if !repaired
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return CellNumber::NotNumber;
    }
    if !repaired.bytes().any(|b| b.is_ascii_digit()) {
        return CellNumber::NotNumber;
    }
    match parse_digits(&repaired, money) {
        Some(value) => CellNumber::Value {
            value,
            percent,
            money,
            repaired: repaired != compact,
        },
        None => CellNumber::Damaged,
    }
}

/// `110, 93` (a space after the decimal comma) and `1.677. 707.236` (a space beside a
/// thousands separator, at least three digit groups in all) are one number; `1.240.000 1.239.950`
/// is not.
fn join_split_decimal(body: &str) -> Cow<'_, str> {
    if !body.contains(' ') {
        return Cow::Borrowed(body);
    }
    let parts: Vec<&str> = body.split_whitespace().collect();
    if let [left, right] = parts.as_slice() {
        let digits_and_dots = |t: &str| t.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let joined = format!("{left}{right}");
        let groups = joined.split('.').count();
        let beside_dot = left.ends_with('.') || right.starts_with('.');
        let next_group = right.trim_start_matches('.');
        let three = next_group.len() >= 3
            && next_group.bytes().take(3).all(|b| b.is_ascii_digit())
            && next_group
                .as_bytes()
                .get(3)
                .is_none_or(|b| matches!(b, b'.' | b','));
        let tail_ok = next_group
            .split_once(',')
            .map_or(digits_and_dots(next_group), |(g, frac)| {
                digits_and_dots(g) && frac.bytes().all(|b| b.is_ascii_digit())
            });
        if beside_dot && three && tail_ok && digits_and_dots(left) && groups >= 3 {
            return Cow::Owned(joined);
        }
    }
    if let [int, frac] = parts.as_slice() {
        let int_ok = int.ends_with([',', '.'])
            && int
                .trim_end_matches([',', '.'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.');
        let frac_ok = frac.len() <= 2 && frac.bytes().all(|b| b.is_ascii_digit());
        if int_ok && frac_ok {
            return Cow::Owned(format!("{int}{frac}"));
        }
    }
    Cow::Borrowed(body)
}

/// OCR reads `0` as `O`/`o` and `1` as `l`/`I` inside digit runs.
fn repair_ocr_letters(s: &str) -> Cow<'_, str> {
    if s.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    if digits < 2 {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        chars
            .iter()
            .map(|&c| match c {
                'O' | 'o' => '0',
                'l' | 'I' => '1',
                'S' => '5',
                c => c,
            })
            .collect(),
    )
}

/// Digits with `.`/`,` separators → exact value. The last separator is the decimal point when
/// both occur; a lone separator followed by exactly three digits is a thousands separator for
/// `.` (Indonesian `1.500`) and a decimal comma for `,` unless the figure is money.
fn parse_digits(s: &str, money: bool) -> Option<Exact> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (int_part, frac_part): (String, &str) = match (dots, commas) {
        (0, 0) => (s.to_string(), ""),
        (_, 0) => split_single_style(s, '.', dots, true)?,
        (0, _) => split_single_style(s, ',', commas, money)?,
        _ => {
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            let (thousands, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            let (int, frac) = s.rsplit_once(decimal)?;
            if frac.contains(thousands) || int.contains(decimal) {
                return None;
            }
            (grouped_integer(int, thousands)?, frac)
        }
    };
    canonical(&int_part, frac_part)
}

fn split_single_style(
    s: &str,
    sep: char,
    count: usize,
    three_digits_are_thousands: bool,
) -> Option<(String, &str)> {
    if count > 1 {
        return Some((grouped_integer(s, sep)?, ""));
    }
    let (int, frac) = s.split_once(sep)?;
    let leading_ok = !int.is_empty() && int.len() <= 3 && !int.starts_with('0');
    if frac.len() == 3 && three_digits_are_thousands && leading_ok {
        return Some((format!("{int}{frac}"), ""));
    }
    Some((int.to_string(), frac))
}

/// `1.677.707.236` → `1677707236`; refuses a group of the wrong length (OCR damage such as
/// `33.4105.600`).
fn grouped_integer(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

fn canonical(int: &str, frac: &str) -> Option<Exact> {
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = int.trim_start_matches('0');
    let int = if trimmed.is_empty() { "0" } else { trimmed };
    if int.len() > 20 || frac.len() > 10 {
        return None;
    }
    let text = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    Exact::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(cell: &str) -> String {
        match parse_cell(cell) {
            CellNumber::Value { value, .. } => value.to_string(),
            CellNumber::Damaged => "damaged".into(),
            CellNumber::NotNumber => "text".into(),
        }
    }

    #[test]
    fn indonesian_and_english_styles() {
        assert_eq!(v("1.677.707.236,00"), "1677707236.00");
        assert_eq!(v("Rp. 1.677.707.236,-"), "1677707236");
        assert_eq!(v("1.677.707.236,"), "1677707236");
        assert_eq!(v("107,14 %"), "107.14");
        assert_eq!(v("117.07%"), "117.07");
        assert_eq!(v("110, 93 %"), "110.93");
        assert_eq!(v("70 Skor"), "70");
        assert_eq!(v("5 Laporan"), "5");
        assert_eq!(v("Laporan 5"), "text");
        assert_eq!(v("2 laporan kegiatan"), "text");
        assert_eq!(v("0,75"), "0.75");
        assert_eq!(v(",00"), "0.00");
        assert_eq!(v("00,00"), "0.00");
        assert_eq!(v("Rp. 0"), "0");
        assert_eq!(v("1,677,707,236.50"), "1677707236.50");
        assert_eq!(v("33.4105.600,-"), "damaged");
        assert_eq!(v("1O.000"), "10000");
        assert_eq!(v("S0,2S"), "50.25");
        assert_eq!(v("**1.234.567.890**,-"), "1234567890");
        assert_eq!(v("__68,45__"), "68.45");
        assert_eq!(v("1.677. 707.236"), "1677707236");
        assert_eq!(v("1. 677.707.236,00"), "1677707236.00");
        assert_eq!(v("1.240.000 1.239.950"), "text");
        assert_eq!(v("Nilai SAKIP"), "text");
        assert_eq!(v("1.240.000,- 1.239.950,-"), "text");
        assert_eq!(v("-"), "text");
    }
}
