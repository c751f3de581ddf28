//! Clock and calendar: instants are UTC RFC 3339 strings, dates are `YYYY-MM-DD`.
//! Rules take `today` as a parameter; only the edges (commands, CLI) ask the clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The user's local calendar date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now, as the UTC instant every table stores (millisecond precision, `Z` suffix).
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Parses a strict `YYYY-MM-DD` date (no `2024-1-5`, no `2023-02-29`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A date the user typed into `field`, or an error that says what is wrong with it.
pub fn date_field(field: &str, value: &str) -> Result<NaiveDate> {
    parse_date(value.trim()).ok_or_else(|| {
        Error::invalid(
            field,
            format!("\"{}\" is not a real date (use YYYY-MM-DD)", value.trim()),
        )
    })
}

/// An optional date field: blank means none.
pub fn optional_date_field(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => date_field(field, v).map(Some),
        None => Ok(None),
    }
}

/// An inclusive range of dates the user picked (an export's period, say); either end may be open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct DateRange {
    /// `YYYY-MM-DD`, inclusive; `null` = from the beginning.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive; `null` = up to now.
    pub to: Option<String>,
}

impl DateRange {
    /// Both ends checked (fields `from` and `to`) and in order.
    pub fn bounds(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let from = optional_date_field("from", self.from.as_deref())?;
        let to = optional_date_field("to", self.to.as_deref())?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(Error::invalid(
                    "to",
                    "The end date is before the start date",
                ));
            }
        }
        Ok((from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2024-02-29").is_some());
        for bad in ["2023-02-29", "2024-13-01", "2024-1-5", "26-11-2026", ""] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        let e = date_field("due", " 2024-02-30 ").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("due"));
        assert_eq!(optional_date_field("due", Some("  ")).unwrap(), None);
    }

    #[test]
    fn ranges_are_checked_and_ordered() {
        let r = |f: &str, t: &str| DateRange {
            from: Some(f.into()),
            to: Some(t.into()),
        };
        assert!(r("2026-01-01", "2026-01-01").bounds().is_ok());
        assert_eq!(
            r("2026-01-02", "2026-01-01")
                .bounds()
                .unwrap_err()
                .field
                .as_deref(),
            Some("to")
        );
        assert_eq!(
            r("2026-13-01", "").bounds().unwrap_err().field.as_deref(),
            Some("from")
        );
        assert_eq!(DateRange::default().bounds().unwrap(), (None, None));
    }

    #[test]
    fn now_is_utc_millis() {
        let now = now_utc();
        assert!(now.ends_with('Z') && now.len() == 24, "{now}");
    }
}
