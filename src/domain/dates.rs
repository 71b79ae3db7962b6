//! Dates as a rep types them: `2026-11-26`, `today`, `tomorrow`, `+3d`,
//! `-1w`, weekday names, and the Chinese 今天 / 明天 / 昨天.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

use super::validation::FieldError;

/// Reads a date relative to `today`. ISO first, so a typed date is never
/// misread as something relative. A weekday name means the next such day
/// (today excluded): a rep planning "fri" on a Friday means next week.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Err(FieldError::Empty);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y/%m/%d") {
        return Ok(d);
    }
    match t.as_str() {
        "today" | "now" | "今天" | "今日" => return Ok(today),
        "tomorrow" | "明天" | "明日" => return today.succ_opt().ok_or(FieldError::NotADate),
        "yesterday" | "昨天" | "昨日" => return today.pred_opt().ok_or(FieldError::NotADate),
        _ => {}
    }
    if let Some(d) = parse_offset(&t, today) {
        return Ok(d);
    }
    if let Some(weekday) = parse_weekday(&t) {
        let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today.checked_add_days(Days::new(u64::from(ahead))).ok_or(FieldError::NotADate);
    }
    Err(FieldError::NotADate)
}

/// Reads a time of day: `9:30`, `09:30`, `0930`, `9` (the hour), `14.05`.
pub fn parse_time(text: &str) -> Result<NaiveTime, FieldError> {
    let t = text.trim().replace(['.', '：'], ":");
    if t.is_empty() {
        return Err(FieldError::Empty);
    }
    // Only digits and a separator make a time (and byte positions below
    // are then character positions).
    if !t.is_ascii() {
        return Err(FieldError::NotATime);
    }
    let (hour, minute) = match t.split_once(':') {
        Some((h, m)) => (h, m),
        None if t.len() >= 3 => t.split_at(t.len() - 2),
        None => (t.as_str(), "0"),
    };
    let number = |s: &str| (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse());
    match (number(hour), number(minute)) {
        (Some(Ok(h)), Some(Ok(m))) => NaiveTime::from_hms_opt(h, m, 0).ok_or(FieldError::NotATime),
        _ => Err(FieldError::NotATime),
    }
}

/// `+3d`, `-1w`, `+2`, `+1m` (months).
fn parse_offset(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1i64, &t[1..]),
        b'-' => (-1i64, &t[1..]),
        _ => return None,
    };
    let split = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, unit) = rest.split_at(split);
    let n: i64 = digits.parse().ok()?;
    if n > 100_000 {
        return None;
    }
    match unit {
        "" | "d" | "天" => today.checked_add_signed(chrono::Duration::days(sign * n)),
        "w" | "周" => today.checked_add_signed(chrono::Duration::weeks(sign * n)),
        "m" | "月" => {
            let months = chrono::Months::new(u32::try_from(n).ok()?);
            if sign > 0 { today.checked_add_months(months) } else { today.checked_sub_months(months) }
        }
        _ => None,
    }
}

fn parse_weekday(t: &str) -> Option<Weekday> {
    let w = match t {
        "mon" | "monday" | "周一" | "星期一" => Weekday::Mon,
        "tue" | "tues" | "tuesday" | "周二" | "星期二" => Weekday::Tue,
        "wed" | "wednesday" | "周三" | "星期三" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" | "周四" | "星期四" => Weekday::Thu,
        "fri" | "friday" | "周五" | "星期五" => Weekday::Fri,
        "sat" | "saturday" | "周六" | "星期六" => Weekday::Sat,
        "sun" | "sunday" | "周日" | "周天" | "星期日" | "星期天" => Weekday::Sun,
        _ => return None,
    };
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_as_typed() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
        assert_eq!(parse_time("9:30"), Ok(hm(9, 30)));
        assert_eq!(parse_time("0930"), Ok(hm(9, 30)));
        assert_eq!(parse_time("14.05"), Ok(hm(14, 5)));
        assert_eq!(parse_time("14：05"), Ok(hm(14, 5)));
        assert_eq!(parse_time("9"), Ok(hm(9, 0)));
        assert_eq!(parse_time("25:00"), Err(FieldError::NotATime));
        assert_eq!(parse_time("9:3x"), Err(FieldError::NotATime));
        assert_eq!(parse_time(""), Err(FieldError::Empty));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn reads_what_reps_type() {
        let today = d(2026, 11, 26); // a Thursday
        assert_eq!(parse_date("2026-11-26", today), Ok(today));
        assert_eq!(parse_date(" today ", today), Ok(today));
        assert_eq!(parse_date("Tomorrow", today), Ok(d(2026, 11, 27)));
        assert_eq!(parse_date("明天", today), Ok(d(2026, 11, 27)));
        assert_eq!(parse_date("+3d", today), Ok(d(2026, 11, 29)));
        assert_eq!(parse_date("-1w", today), Ok(d(2026, 11, 19)));
        assert_eq!(parse_date("+1m", today), Ok(d(2026, 12, 26)));
        assert_eq!(parse_date("fri", today), Ok(d(2026, 11, 27)));
        assert_eq!(parse_date("thursday", today), Ok(d(2026, 12, 3)));
        assert_eq!(parse_date("周一", today), Ok(d(2026, 11, 30)));
    }

    #[test]
    fn refuses_nonsense() {
        let today = d(2026, 11, 26);
        assert_eq!(parse_date("", today), Err(FieldError::Empty));
        assert_eq!(parse_date("2026-13-01", today), Err(FieldError::NotADate));
        assert_eq!(parse_date("soon", today), Err(FieldError::NotADate));
        assert_eq!(parse_date("+99999999999d", today), Err(FieldError::NotADate));
        assert_eq!(parse_date("+", today), Err(FieldError::NotADate));
    }
}
