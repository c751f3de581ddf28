//! People: the team roster. Add, edit, archive, restore, list, and import from CSV.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 100_000;

/// A person on the manager's team, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    /// Free text for now ("L4", "Senior"); career ladders replace it later.
    pub level: Option<String>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: Option<String>,
    /// Manager-only notes, never shared.
    pub notes: String,
    /// UTC instant the person was archived; `null` while active.
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the user typed when adding or editing a person. Blank optional fields mean "none".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub start_date: Option<String>,
    pub timezone: Option<String>,
    pub notes: Option<String>,
}

/// Which people to list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct PeopleQuery {
    /// Case-insensitive text matched against name, email, title and team.
    pub filter: Option<String>,
    pub include_archived: bool,
}

/// The outcome of a roster import.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    pub added: u32,
}

/// A validated, normalised person: trimmed text, `None` for blanks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Valid {
    name: String,
    email: Option<String>,
    title: Option<String>,
    team: Option<String>,
    level: Option<String>,
    start_date: Option<String>,
    timezone: Option<String>,
    notes: String,
}

fn blank_to_none(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn check_len(field: &str, label: &str, v: &Option<String>, max: usize) -> Result<()> {
    match v {
        Some(s) if s.chars().count() > max => Err(Error::invalid(
            field,
            format!("{label} is at most {max} characters"),
        )),
        _ => Ok(()),
    }
}

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

/// Validates a person against the roster rules. `today` is the user's local date.
fn validate(input: &PersonInput, today: NaiveDate) -> Result<Valid> {
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::invalid("name", "Name is required"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("Name is at most {MAX_NAME_CHARS} characters"),
        ));
    }
    let email = blank_to_none(&input.email);
    if let Some(e) = &email {
        if !is_valid_email(e) {
            return Err(Error::invalid(
                "email",
                format!("\"{e}\" is not a valid email address"),
            ));
        }
    }
    let title = blank_to_none(&input.title);
    let team = blank_to_none(&input.team);
    let level = blank_to_none(&input.level);
    check_len("title", "Title", &title, MAX_SHORT_TEXT_CHARS)?;
    check_len("team", "Team", &team, MAX_SHORT_TEXT_CHARS)?;
    check_len("level", "Level", &level, MAX_SHORT_TEXT_CHARS)?;

    let start_date = blank_to_none(&input.start_date);
    if let Some(d) = &start_date {
        let date = parse_date(d).ok_or_else(|| {
            Error::invalid(
                "start_date",
                format!("\"{d}\" is not a real date (use YYYY-MM-DD)"),
            )
        })?;
        if date > today {
            return Err(Error::invalid(
                "start_date",
                "Start date cannot be in the future",
            ));
        }
    }
    let timezone = blank_to_none(&input.timezone);
    if let Some(tz) = &timezone {
        if chrono_tz::Tz::from_str(tz).is_err() {
            return Err(Error::invalid(
                "timezone",
                format!("\"{tz}\" is not an IANA time zone (e.g. Europe/Berlin)"),
            ));
        }
    }
    let notes = input.notes.clone().unwrap_or_default();
    if notes.chars().count() > MAX_NOTES_CHARS {
        return Err(Error::invalid(
            "notes",
            format!("Notes are at most {MAX_NOTES_CHARS} characters"),
        ));
    }
    Ok(Valid {
        name,
        email,
        title,
        team,
        level,
        start_date,
        timezone,
        notes,
    })
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The user's local calendar date, which start-date validation compares against.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Fails with `conflict` when an active person other than `except_id` has this email.
fn ensure_email_free(conn: &Connection, email: &Option<String>, except_id: &str) -> Result<()> {
    let Some(email) = email else { return Ok(()) };
    let holder: Option<String> = conn
        .query_row(
            "SELECT name FROM people
             WHERE archived_at IS NULL AND lower(email) = lower(?1) AND id <> ?2",
            params![email, except_id],
            |r| r.get(0),
        )
        .optional()?;
    match holder {
        Some(name) => Err(Error::conflict(
            "email",
            format!("{email} is already used by {name}"),
        )),
        None => Ok(()),
    }
}

fn insert(conn: &Connection, v: &Valid) -> Result<String> {
    ensure_email_free(conn, &v.email, "")?;
    let id = new_id();
    let now = now_utc();
    conn.prepare_cached(
        "INSERT INTO people (id, name, email, title, team, level, start_date, timezone, notes,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        id,
        v.name,
        v.email,
        v.title,
        v.team,
        v.level,
        v.start_date,
        v.timezone,
        v.notes,
        now
    ])?;
    Ok(id)
}

/// Adds a person; returns the stored record.
pub fn add(conn: &Connection, input: &PersonInput) -> Result<Person> {
    let valid = validate(input, today())?;
    let id = insert(conn, &valid)?;
    get(conn, &id)
}

/// Replaces a person's editable fields.
pub fn update(conn: &Connection, id: &str, input: &PersonInput) -> Result<Person> {
    let current = get(conn, id)?;
    let v = validate(input, today())?;
    if current.archived_at.is_none() {
        ensure_email_free(conn, &v.email, id)?;
    }
    conn.execute(
        "UPDATE people SET name = ?2, email = ?3, title = ?4, team = ?5, level = ?6,
                start_date = ?7, timezone = ?8, notes = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            v.name,
            v.email,
            v.title,
            v.team,
            v.level,
            v.start_date,
            v.timezone,
            v.notes,
            now_utc()
        ],
    )?;
    get(conn, id)
}

/// Archives a person: hidden from the default list, nothing deleted.
pub fn archive(conn: &Connection, id: &str) -> Result<Person> {
    let person = get(conn, id)?;
    if person.archived_at.is_none() {
        let now = now_utc();
        conn.execute(
            "UPDATE people SET archived_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
    }
    get(conn, id)
}

/// Restores an archived person, unless an active person now holds the same email.
pub fn restore(conn: &Connection, id: &str) -> Result<Person> {
    let person = get(conn, id)?;
    if person.archived_at.is_some() {
        ensure_email_free(conn, &person.email, id)?;
        conn.execute(
            "UPDATE people SET archived_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now_utc()],
        )?;
    }
    get(conn, id)
}

const COLUMNS: &str = "id, name, email, title, team, level, start_date, timezone, notes, \
                       archived_at, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        title: r.get(3)?,
        team: r.get(4)?,
        level: r.get(5)?,
        start_date: r.get(6)?,
        timezone: r.get(7)?,
        notes: r.get(8)?,
        archived_at: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Person> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Person"))
}

/// Lists people sorted by name (case-insensitive), optionally filtered.
pub fn list(conn: &Connection, query: &PeopleQuery) -> Result<Vec<Person>> {
    let sql = if query.include_archived {
        format!("SELECT {COLUMNS} FROM people")
    } else {
        format!("SELECT {COLUMNS} FROM people WHERE archived_at IS NULL")
    };
    let mut people: Vec<Person> = conn
        .prepare_cached(&sql)?
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    if let Some(needle) = query
        .filter
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let needle = needle.to_lowercase();
        people.retain(|p| {
            [
                Some(&p.name),
                p.email.as_ref(),
                p.title.as_ref(),
                p.team.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&needle))
        });
    }
    people.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id.clone()));
    Ok(people)
}

/// The columns a roster CSV may have; `name` is required, the rest optional, in any order.
pub const CSV_COLUMNS: [&str; 6] = ["name", "email", "title", "team", "start_date", "timezone"];

/// Imports a roster CSV (UTF-8, with or without BOM). All or nothing: the first bad row
/// rejects the whole file with `line N: reason`, and nothing is written.
pub fn import_csv(conn: &mut Connection, data: &[u8]) -> Result<ImportReport> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let bad = |line: u64, reason: String| {
        Error::new(ErrorCode::InvalidInput, format!("line {line}: {reason}"))
    };
    let headers = reader
        .headers()
        .map_err(|e| bad(1, csv_reason(&e)))?
        .clone();
    let mut index = [None; CSV_COLUMNS.len()];
    for (pos, header) in headers.iter().enumerate() {
        let header = header.trim().to_lowercase();
        let Some(col) = CSV_COLUMNS.iter().position(|c| *c == header) else {
            return Err(bad(
                1,
                format!(
                    "unknown column \"{header}\" (expected {})",
                    CSV_COLUMNS.join(",")
                ),
            ));
        };
        if index[col].replace(pos).is_some() {
            return Err(bad(1, format!("column \"{header}\" appears twice")));
        }
    }
    if index[0].is_none() {
        return Err(bad(1, "the header has no \"name\" column".into()));
    }

    let today = today();
    let tx = conn.transaction()?;
    let mut added = 0u32;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, csv_reason(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |col: usize| index[col].and_then(|i| record.get(i)).map(str::to_owned);
        let input = PersonInput {
            name: field(0).unwrap_or_default(),
            email: field(1),
            title: field(2),
            team: field(3),
            start_date: field(4),
            timezone: field(5),
            ..Default::default()
        };
        let valid = validate(&input, today).map_err(|e| bad(line, e.message))?;
        insert(&tx, &valid).map_err(|e| bad(line, e.message))?;
        added += 1;
    }
    tx.commit()?;
    Ok(ImportReport { added })
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields, the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn db() -> Connection {
        store::open_in_memory().unwrap()
    }

    fn input(name: &str, email: &str) -> PersonInput {
        PersonInput {
            name: name.into(),
            email: Some(email.into()),
            ..Default::default()
        }
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn add_trims_and_normalises_blanks() {
        let conn = db();
        let p = add(
            &conn,
            &PersonInput {
                name: "  Ada Lovelace ".into(),
                email: Some(" ada@example.com ".into()),
                title: Some("   ".into()),
                timezone: Some("Europe/London".into()),
                start_date: Some("2021-03-01".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.email.as_deref(), Some("ada@example.com"));
        assert_eq!(p.title, None);
        assert_eq!(p.id.len(), 36);
        assert!(p.archived_at.is_none());
    }

    #[test]
    fn name_is_required_and_bounded() {
        let conn = db();
        let e = add(&conn, &input("   ", "a@b.co")).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidInput, Some("name"))
        );
        let long = "x".repeat(201);
        assert_eq!(
            add(&conn, &input(&long, "a@b.co"))
                .unwrap_err()
                .field
                .as_deref(),
            Some("name")
        );
        assert!(
            add(&conn, &input(&"é".repeat(200), "a@b.co")).is_ok(),
            "200 chars, not bytes"
        );
    }

    #[test]
    fn email_must_be_well_formed() {
        for bad in [
            "ada",
            "ada@",
            "@x.com",
            "ada@localhost",
            "a b@x.com",
            "a@x..com",
            "a@@x.com",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        for good in [
            "ada@example.com",
            "a.b+c@sub.example.co.uk",
            "ünï@exämple.de",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        let e = add(&db(), &input("Ada", "not-an-email")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("email"));
    }

    #[test]
    fn email_unique_among_active_people_only() {
        let conn = db();
        let ada = add(&conn, &input("Ada", "ada@example.com")).unwrap();
        let e = add(&conn, &input("Other", "ADA@example.com")).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::Conflict, Some("email"))
        );
        archive(&conn, &ada.id).unwrap();
        let rehire = add(&conn, &input("Ada again", "ada@example.com")).unwrap();
        // Restoring the archived Ada would now clash with the rehire.
        assert_eq!(
            restore(&conn, &ada.id).unwrap_err().code,
            ErrorCode::Conflict
        );
        archive(&conn, &rehire.id).unwrap();
        assert!(restore(&conn, &ada.id).unwrap().archived_at.is_none());
    }

    #[test]
    fn update_keeps_own_email_and_rejects_others() {
        let conn = db();
        let ada = add(&conn, &input("Ada", "ada@example.com")).unwrap();
        add(&conn, &input("Bob", "bob@example.com")).unwrap();
        let mut edit = input("Ada L.", "ada@example.com");
        edit.title = Some("Staff Engineer".into());
        let updated = update(&conn, &ada.id, &edit).unwrap();
        assert_eq!(updated.name, "Ada L.");
        assert_eq!(updated.title.as_deref(), Some("Staff Engineer"));
        let e = update(&conn, &ada.id, &input("Ada", "bob@example.com")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(
            update(&conn, "nope", &edit).unwrap_err().code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn start_date_real_and_not_in_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let with_date = |d: &str| PersonInput {
            name: "Ada".into(),
            start_date: Some(d.into()),
            ..Default::default()
        };
        assert!(validate(&with_date("2026-11-26"), today).is_ok());
        for bad in [
            "2026-11-27",
            "2023-02-29",
            "2024-13-01",
            "26-11-2026",
            "2024-1-5",
        ] {
            let e = validate(&with_date(bad), today).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("start_date"), "{bad}");
        }
        assert!(
            validate(&with_date("2024-02-29"), today).is_ok(),
            "leap day"
        );
    }

    #[test]
    fn timezone_must_be_iana() {
        let today = today();
        let with_tz = |tz: &str| PersonInput {
            name: "Ada".into(),
            timezone: Some(tz.into()),
            ..Default::default()
        };
        assert!(validate(&with_tz("America/Argentina/Buenos_Aires"), today).is_ok());
        assert!(validate(&with_tz("UTC"), today).is_ok());
        for bad in ["Mars/Olympus", "GMT+25", "berlin"] {
            assert_eq!(
                validate(&with_tz(bad), today).unwrap_err().field.as_deref(),
                Some("timezone")
            );
        }
    }

    #[test]
    fn list_sorts_filters_and_hides_archived() {
        let conn = db();
        add(&conn, &input("zoë", "z@example.com")).unwrap();
        let bob = add(&conn, &input("Bob", "bob@infra.example.com")).unwrap();
        add(&conn, &input("Ådne", "a@example.com")).unwrap();
        add(&conn, &input("alice", "alice@example.com")).unwrap();
        let names = |q: &PeopleQuery| -> Vec<String> {
            list(&conn, q)
                .unwrap()
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            names(&PeopleQuery::default()),
            ["alice", "Bob", "zoë", "Ådne"]
        );
        let q = PeopleQuery {
            filter: Some("INFRA".into()),
            ..Default::default()
        };
        assert_eq!(names(&q), ["Bob"]);
        archive(&conn, &bob.id).unwrap();
        assert_eq!(names(&PeopleQuery::default()).len(), 3);
        let all = PeopleQuery {
            include_archived: true,
            ..Default::default()
        };
        assert_eq!(names(&all).len(), 4);
    }

    #[test]
    fn import_handles_bom_quotes_and_unicode() {
        let mut conn = db();
        let csv = "\u{feff}name,email,title,team,start_date,timezone\n\
                   \"Núñez, José\",jose@example.com,\"SRE, on-call lead\",Platform,2022-05-01,Europe/Madrid\n\
                   Björk,bjork@example.com,,,,\n";
        assert_eq!(import_csv(&mut conn, csv.as_bytes()).unwrap().added, 2);
        let people = list(&conn, &PeopleQuery::default()).unwrap();
        assert_eq!(people[0].name, "Björk");
        assert_eq!(people[1].name, "Núñez, José");
        assert_eq!(people[1].title.as_deref(), Some("SRE, on-call lead"));
        assert_eq!(people[1].timezone.as_deref(), Some("Europe/Madrid"));
    }

    #[test]
    fn import_is_all_or_nothing_with_line_number() {
        let mut conn = db();
        add(&conn, &input("Existing", "taken@example.com")).unwrap();
        let cases = [
            (
                "name,email\nA,a@example.com\nB,broken\n",
                "line 3: \"broken\" is not a valid email",
            ),
            (
                "name,email\nA,a@example.com\nB,taken@example.com\n",
                "line 3: taken@example.com is already used",
            ),
            (
                "name,email\nA,dup@example.com\nB,dup@example.com\n",
                "line 3: dup@example.com is already used",
            ),
            ("name,timezone\nA,UTC\n,UTC\n", "line 3: Name is required"),
            (
                "name,start_date\nA,2099-01-01\n",
                "line 2: Start date cannot be in the future",
            ),
            (
                "name,email\nA,a@example.com,extra\n",
                "line 2: has 3 fields",
            ),
            (
                "name,mail\nA,a@example.com\n",
                "line 1: unknown column \"mail\"",
            ),
            (
                "email\na@example.com\n",
                "line 1: the header has no \"name\" column",
            ),
        ];
        for (csv, expected) in cases {
            let e = import_csv(&mut conn, csv.as_bytes()).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput);
            assert!(
                e.message.starts_with(expected),
                "{csv:?}: got {}",
                e.message
            );
            assert_eq!(count(&conn), 1, "nothing written for {csv:?}");
        }
    }

    #[test]
    fn import_rejects_invalid_utf8() {
        let mut conn = db();
        let e = import_csv(&mut conn, b"name\nA\n\xff\xfe\n").unwrap_err();
        assert!(
            e.message.starts_with("line 3: not valid UTF-8"),
            "{}",
            e.message
        );
        assert_eq!(count(&conn), 0);
    }
}
