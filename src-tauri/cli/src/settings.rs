//! `leadbook-cli settings`: show or change the app preferences.

use clap::Args;
use leadbook_core::one_on_ones::Cadence;
use leadbook_core::preferences::{self, Theme, WeekStart};
use leadbook_core::rusqlite::Connection;
use leadbook_core::Error;

use crate::emit;

#[derive(Args)]
pub struct SettingsArgs {
    /// system, light or dark
    #[arg(long, value_parser = word::<Theme>)]
    theme: Option<Theme>,
    /// The 1:1 cadence of people never set up: weekly, biweekly or monthly
    #[arg(long, value_parser = word::<Cadence>)]
    default_cadence: Option<Cadence>,
    /// The first day of the week: monday, sunday or saturday
    #[arg(long, value_parser = word::<WeekStart>)]
    week_start: Option<WeekStart>,
}

/// A stored word of one of the preference enums, as typed on the command line.
pub(crate) trait Word: Sized + Copy + Send + Sync + 'static {
    fn parse_word(word: &str) -> Option<Self>;
    fn words() -> Vec<&'static str>;
}

macro_rules! word_enum {
    ($($t:ty),+) => {$(
        impl Word for $t {
            fn parse_word(word: &str) -> Option<Self> {
                <$t>::parse(word)
            }
            fn words() -> Vec<&'static str> {
                <$t>::ALL.iter().map(|v| v.as_str()).collect()
            }
        }
    )+};
}
word_enum!(Theme, Cadence, WeekStart);

pub(crate) fn word<T: Word>(typed: &str) -> Result<T, String> {
    T::parse_word(&typed.to_lowercase())
        .ok_or_else(|| format!("expected one of {}", T::words().join(", ")))
}

pub fn run(json: bool, conn: &Connection, args: &SettingsArgs) -> Result<(), Error> {
    let mut prefs = preferences::get(conn)?;
    if args.theme.is_some() || args.default_cadence.is_some() || args.week_start.is_some() {
        prefs.theme = args.theme.unwrap_or(prefs.theme);
        prefs.default_cadence = args.default_cadence.unwrap_or(prefs.default_cadence);
        prefs.week_start = args.week_start.unwrap_or(prefs.week_start);
        prefs = preferences::set(conn, &prefs)?;
    }
    emit(json, &prefs, |p| {
        format!(
            "theme: {}\ndefault cadence: {}\nweek starts on: {}\n",
            p.theme.as_str(),
            p.default_cadence.as_str(),
            p.week_start.as_str()
        )
    });
    Ok(())
}
