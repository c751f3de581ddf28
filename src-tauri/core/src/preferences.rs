//! App preferences (the Settings area): theme, the default 1:1 cadence, the first day of the
//! week. One row per key in `preferences`; a missing row means the default, an unreadable one is
//! an error (never silently replaced).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::write;
use crate::error::Result;
use crate::one_on_ones::Cadence;
use crate::stored_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system (`prefers-color-scheme`).
    System,
    Light,
    Dark,
}
stored_enum!(Theme {
    System = "system",
    Light = "light",
    Dark = "dark"
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    Monday,
    Sunday,
    Saturday,
}
stored_enum!(WeekStart {
    Monday = "monday",
    Sunday = "sunday",
    Saturday = "saturday"
});

impl WeekStart {
    fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
            WeekStart::Saturday => Weekday::Sat,
        }
    }

    /// The first and last day of the week `day` falls in.
    pub fn week_of(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        let back =
            (7 + day.weekday().num_days_from_monday() - self.weekday().num_days_from_monday()) % 7;
        let first = day - Days::new(u64::from(back));
        (first, first + Days::new(6))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preferences {
    pub theme: Theme,
    /// The cadence of people whose 1:1 cadence was never set.
    pub default_cadence: Cadence,
    pub week_start: WeekStart,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: Theme::System,
            default_cadence: Cadence::Weekly,
            week_start: WeekStart::Monday,
        }
    }
}

fn value<T: rusqlite::types::FromSql>(conn: &Connection, key: &str) -> Result<Option<T>> {
    Ok(conn
        .prepare_cached("SELECT value FROM preferences WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection) -> Result<Preferences> {
    let d = Preferences::default();
    Ok(Preferences {
        theme: value(conn, "theme")?.unwrap_or(d.theme),
        default_cadence: value(conn, "default_cadence")?.unwrap_or(d.default_cadence),
        week_start: value(conn, "week_start")?.unwrap_or(d.week_start),
    })
}

/// Saves every preference (the typed enums are the validation: an unknown word never gets in).
pub fn set(conn: &Connection, p: &Preferences) -> Result<Preferences> {
    write(conn, |tx| {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO preferences (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?;
        stmt.execute(params!["theme", p.theme])?;
        stmt.execute(params!["default_cadence", p.default_cadence])?;
        stmt.execute(params!["week_start", p.week_start])?;
        get(tx)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::error::ErrorCode;
    use crate::time::parse_date;

    #[test]
    fn defaults_then_saved_values() {
        let conn = db::open_in_memory().unwrap();
        assert_eq!(get(&conn).unwrap(), Preferences::default());
        let p = Preferences {
            theme: Theme::Dark,
            default_cadence: Cadence::Biweekly,
            week_start: WeekStart::Sunday,
        };
        assert_eq!(set(&conn, &p).unwrap(), p);
        assert_eq!(get(&conn).unwrap(), p);
    }

    #[test]
    fn an_unknown_stored_word_is_an_error_not_a_default() {
        let conn = db::open_in_memory().unwrap();
        conn.execute("INSERT INTO preferences VALUES ('theme', 'purple')", [])
            .unwrap();
        let e = get(&conn).unwrap_err();
        assert_eq!(e.code, ErrorCode::Storage);
        assert!(
            e.message.contains("unknown Theme \"purple\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        let fri = parse_date("2026-12-04").unwrap();
        let d = |s| parse_date(s).unwrap();
        assert_eq!(
            WeekStart::Monday.week_of(fri),
            (d("2026-11-30"), d("2026-12-06"))
        );
        assert_eq!(
            WeekStart::Sunday.week_of(fri),
            (d("2026-11-29"), d("2026-12-05"))
        );
        assert_eq!(
            WeekStart::Saturday.week_of(fri),
            (d("2026-11-28"), d("2026-12-04"))
        );
        let mon = d("2026-11-30");
        assert_eq!(WeekStart::Monday.week_of(mon).0, mon);
    }
}
