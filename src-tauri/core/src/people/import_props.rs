//! Bad input, on purpose: property tests of the roster CSV import with random bytes, truncated
//! and mutated valid files, wrong column counts, oversized fields and files over the size cap.
//!
//! Whatever the file, `import_csv` returns: `Ok` having added exactly the file's non-blank rows,
//! or an `invalid_input` error saying `line N: reason` (or, over the cap, the size) with the
//! database exactly as it was. Never a panic, never part of a file.

use std::hash::{DefaultHasher, Hash, Hasher};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rusqlite::Connection;

use super::{add, import_csv, PersonInput, CSV_COLUMNS};
use crate::csv::MAX_IMPORT_BYTES;
use crate::db;
use crate::error::ErrorCode;

/// Cases per property: enough to find the shapes that break, few enough that the core tests stay
/// fast (each case is an import into the same in-memory database).
const CASES: u32 = 96;

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        // Shrinking re-imports many times; a few hundred steps find a small failing file.
        max_shrink_iters: 300,
        // The minimal failing file is printed; there is no source file to save it beside.
        failure_persistence: None,
        ..Config::default()
    })
}

/// A roster to import into: people with emails, so a file can clash with them.
fn roster() -> Connection {
    let conn = db::open_in_memory().unwrap();
    for (name, email) in [
        ("Ada Lovelace", "ada@example.com"),
        ("Grace Hopper", "grace@example.com"),
        ("Katherine Johnson", "kj@example.com"),
    ] {
        let input = PersonInput {
            name: name.into(),
            email: Some(email.into()),
            ..Default::default()
        };
        add(&conn, &input).unwrap();
    }
    conn
}

/// What the database holds, for "unchanged": every table's row count and a hash of every
/// column of every person.
#[derive(Debug, PartialEq, Eq)]
struct State {
    counts: Vec<(String, i64)>,
    people_hash: u64,
}

fn people_rows(conn: &Connection) -> Vec<Vec<Option<String>>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, name, email, title, team, level, start_date, timezone, notes,
                    archived_at, created_at, updated_at FROM people ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        (0..12)
            .map(|i| r.get::<_, Option<String>>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn state(conn: &Connection) -> State {
    let mut hasher = DefaultHasher::new();
    people_rows(conn).hash(&mut hasher);
    State {
        counts: db::table_counts(conn)
            .unwrap()
            .into_iter()
            .map(|c| (c.table, c.rows))
            .collect(),
        people_hash: hasher.finish(),
    }
}

/// The names of the file's non-blank rows, read independently of the importer (the oracle for
/// an `Ok`): `None` when this reader cannot read the file either.
fn non_blank_names(data: &[u8]) -> Option<Vec<String>> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = ::csv::ReaderBuilder::new().from_reader(data);
    let headers = reader.headers().ok()?.clone();
    let name = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("name"))?;
    let mut names = vec![];
    for row in reader.records() {
        let row = row.ok()?;
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        names.push(row.get(name)?.trim().to_string());
    }
    Some(names)
}

/// `line N: reason` with N ≥ 1 and a reason.
fn is_line_message(message: &str) -> bool {
    let Some(rest) = message.strip_prefix("line ") else {
        return false;
    };
    let Some((n, reason)) = rest.split_once(": ") else {
        return false;
    };
    n.parse::<u64>().is_ok_and(|n| n >= 1) && !reason.trim().is_empty()
}

fn is_size_message(message: &str) -> bool {
    message.contains(&format!(
        "an import takes at most {} MB",
        MAX_IMPORT_BYTES / 1_000_000
    ))
}

/// The property every import must hold, whatever `data` is. Returns whether it imported.
fn import_holds(conn: &Connection, data: &[u8]) -> Result<bool, TestCaseError> {
    let before = state(conn);
    let rows_before = people_rows(conn);
    match import_csv(conn, data) {
        Ok(report) => {
            let names = non_blank_names(data).ok_or_else(|| {
                TestCaseError::fail("imported a file another CSV reader cannot read")
            })?;
            prop_assert_eq!(report.added as usize, names.len());
            let mut added: Vec<String> = people_rows(conn)
                .into_iter()
                .filter(|row| !rows_before.contains(row))
                .filter_map(|row| row[1].clone())
                .collect();
            let mut expected = names;
            added.sort();
            expected.sort();
            prop_assert_eq!(
                added,
                expected,
                "exactly the file's non-blank rows are added"
            );
            Ok(true)
        }
        Err(e) => {
            prop_assert_eq!(e.code, ErrorCode::InvalidInput, "{}", e.message);
            prop_assert!(
                is_line_message(&e.message) || is_size_message(&e.message),
                "not `line N: reason`: {:?}",
                e.message
            );
            prop_assert_eq!(state(conn), before, "a refused file changed the database");
            Ok(false)
        }
    }
}

/// Runs `check` over `CASES` values of `strategy`; returns how many imports went through.
fn run<S: Strategy>(strategy: S, check: impl Fn(S::Value) -> Result<bool, TestCaseError>) -> u32
where
    S::Value: std::fmt::Debug,
{
    let imported = std::cell::Cell::new(0);
    let result = runner().run(&strategy, |value| {
        let ok = check(value)?;
        imported.set(imported.get() + u32::from(ok));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    imported.get()
}

// ---------------------------------------------------------------------------------------------
// Files

const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Singapore",
    "UTC",
    "",
];

/// One valid row's fields in the importer's columns (names with commas, quotes and accents).
fn row() -> impl Strategy<Value = [String; 6]> {
    (
        "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ,.'\"-]{0,24}",
        prop_oneof![
            4 => "[a-z]{1,10}\\.[a-z0-9]{6,10}@[a-z]{2,8}\\.(com|io|org)",
            1 => Just(String::new()),
        ],
        "[A-Za-z ,]{0,20}",
        "[A-Za-z]{0,12}",
        prop_oneof![
            4 => (2000u32..2024, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
            1 => Just(String::new()),
        ],
        proptest::sample::select(ZONES.to_vec()).prop_map(str::to_string),
    )
        .prop_map(|(name, email, title, team, start, tz)| [name, email, title, team, start, tz])
}

/// One field a row can get wrong: (column, value).
fn poison() -> impl Strategy<Value = (usize, String)> {
    prop_oneof![
        Just((0, "   ".to_string())), // a blank name on a row that is not blank
        Just((0, "Ada\u{7}Lovelace".to_string())), // a control character
        Just((1, "not-an-email".to_string())),
        Just((1, "ADA@example.com".to_string())), // already on the roster
        Just((4, "2021-02-30".to_string())),
        Just((4, "2999-01-01".to_string())), // in the future
        Just((5, "Mars/Olympus".to_string())),
    ]
}

/// A well-formed roster file: some of the columns, in any order, a BOM or not, CRLF or LF,
/// blank rows here and there; half of them with one bad field in one row.
fn roster_file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::sample::subsequence((1..CSV_COLUMNS.len()).collect::<Vec<_>>(), 0..=5),
        proptest::collection::vec((row(), 0u8..10), 0..12),
        proptest::option::of((any::<usize>(), poison())),
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(mut cols, mut rows, poisoned, bom, crlf, shuffle)| {
            if let Some((at, (col, value))) = poisoned {
                if !rows.is_empty() {
                    let at = at % rows.len();
                    rows[at].0[col] = value;
                    rows[at].1 = 1; // not a blank row
                    if col != 0 && !cols.contains(&col) {
                        cols.push(col);
                    }
                }
            }
            cols.push(0); // name is required
            let k = cols.len();
            cols.rotate_left((shuffle as usize) % k);
            let terminator = if crlf {
                ::csv::Terminator::CRLF
            } else {
                ::csv::Terminator::Any(b'\n')
            };
            let mut w = ::csv::WriterBuilder::new()
                .terminator(terminator)
                .from_writer(Vec::new());
            w.write_record(cols.iter().map(|&c| CSV_COLUMNS[c]))
                .unwrap();
            for (fields, blank) in rows {
                if blank == 0 {
                    w.write_record(cols.iter().map(|_| "")).unwrap();
                } else {
                    w.write_record(cols.iter().map(|&c| fields[c].as_str()))
                        .unwrap();
                }
            }
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                vec![]
            };
            bytes.extend(w.into_inner().unwrap());
            bytes
        })
}

/// A change to a file: a byte flipped, inserted or removed, or the file cut short.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to a CSV reader and to UTF-8, and any byte at all.
    let byte = prop_oneof![
        proptest::sample::select(vec![b',', b'"', b'\n', b'\r', b' ', 0, 0xFF, 0xC3, 0x80]),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut data: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = data.len();
        match *m {
            Mutation::Set(i, b) if len > 0 => data[i % len] = b,
            Mutation::Insert(i, b) => data.insert(i % (len + 1), b),
            Mutation::Remove(i) if len > 0 => {
                data.remove(i % len);
            }
            Mutation::Truncate(i) => data.truncate(i % (len + 1)),
            _ => {}
        }
    }
    data
}

// ---------------------------------------------------------------------------------------------
// Properties

#[test]
fn random_bytes_are_refused_or_imported_whole() {
    let conn = roster();
    run(proptest::collection::vec(any::<u8>(), 0..600), |data| {
        import_holds(&conn, &data)
    });
    // Past a valid header, so the rows themselves are random.
    run(proptest::collection::vec(any::<u8>(), 0..600), |data| {
        let mut file = b"name,email,title\n".to_vec();
        file.extend(data);
        import_holds(&conn, &file)
    });
}

#[test]
fn well_formed_files_import_exactly_their_rows_or_nothing() {
    let conn = roster();
    let imported = run(roster_file(), |data| import_holds(&conn, &data));
    // Both sides of the property are exercised: about half the files have a bad row.
    assert!(
        (CASES / 4..=CASES * 7 / 8).contains(&imported),
        "{imported} of {CASES} imported"
    );
}

#[test]
fn truncated_and_mutated_files_never_half_import() {
    let conn = roster();
    run(
        (roster_file(), proptest::collection::vec(mutation(), 1..4)),
        |(data, mutations)| import_holds(&conn, &mutate(data, &mutations)),
    );
}

#[test]
fn wrong_column_counts_are_refused_with_their_line() {
    let conn = roster();
    run(
        (roster_file(), any::<usize>(), 0usize..4, any::<bool>()),
        |(data, pick, extra, more)| {
            // Give one data row more or fewer fields than the header.
            let text = String::from_utf8(data).unwrap();
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.len() < 2 {
                return Ok(false);
            }
            let at = 1 + pick % (lines.len() - 1);
            let mut out = String::new();
            for (i, line) in lines.iter().enumerate() {
                if i == at {
                    let (body, end) = match line.strip_suffix("\r\n") {
                        Some(b) => (b, "\r\n"),
                        None => line.strip_suffix('\n').map_or((*line, ""), |b| (b, "\n")),
                    };
                    if more {
                        out.push_str(body);
                        out.push_str(&",x".repeat(extra + 1));
                    } else {
                        // Drop the last field (and a row of one field becomes blank, which is fine).
                        out.push_str(body.rsplit_once(',').map_or("", |(head, _)| head));
                    }
                    out.push_str(end);
                } else {
                    out.push_str(line);
                }
            }
            import_holds(&conn, out.as_bytes())
        },
    );
}

#[test]
fn oversized_fields_are_refused_with_their_line() {
    let conn = roster();
    run(
        (
            0usize..CSV_COLUMNS.len(),
            150usize..2_000,
            "[a-zA-Z]",
            0usize..5,
        ),
        |(col, len, ch, row)| {
            let header = CSV_COLUMNS.join(",");
            let mut file = format!("{header}\n");
            for i in 0..6 {
                let mut fields: Vec<String> = vec![
                    format!("Person {i}"),
                    String::new(),
                    "SRE".into(),
                    "Platform".into(),
                    "2020-01-01".into(),
                    "UTC".into(),
                ];
                if i == row {
                    fields[col] = ch.repeat(len);
                    if col == 1 {
                        fields[col] = format!("{}@example.com", "a".repeat(len));
                    }
                }
                file.push_str(&fields.join(","));
                file.push('\n');
            }
            let before = state(&conn);
            let result = import_holds(&conn, file.as_bytes());
            // 150-200 characters fit a name, a title or a team; longer ones never do.
            if len > 254 {
                prop_assert_eq!(state(&conn), before, "an oversized field was imported");
            }
            result
        },
    );
}

/// Over the cap, the import refuses before reading a row; at the cap, it reads the file. One
/// buffer of the cap's size, built once: a header and one name as long as the rest.
#[test]
fn files_over_the_size_cap_are_refused_with_the_size() {
    let conn = roster();
    let before = state(&conn);
    let mut big = b"name\n".to_vec();
    big.resize(MAX_IMPORT_BYTES + 1, b'a');

    let e = import_csv(&conn, &big).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(is_size_message(&e.message), "{}", e.message);
    assert_eq!(state(&conn), before);

    // At exactly the cap the size is fine: the row is read, and refused for its own reason.
    big.truncate(MAX_IMPORT_BYTES);
    let e = import_csv(&conn, &big).unwrap_err();
    assert!(
        e.message.starts_with("line 2: Name is at most"),
        "{}",
        e.message
    );
    assert_eq!(state(&conn), before);
}

#[test]
fn the_oracle_counts_blank_rows_as_the_importer_does() {
    let conn = roster();
    let file = b"\xEF\xBB\xBFname,email\r\nBo,\r\n,\r\n\" \", \r\nCy,cy@example.org\r\n";
    assert_eq!(
        non_blank_names(file),
        Some(vec!["Bo".to_string(), "Cy".to_string()])
    );
    assert_eq!(import_csv(&conn, file).unwrap().added, 2);
    assert!(is_line_message("line 3: Name is required"));
    assert!(!is_line_message("line 0: oops"));
    assert!(!is_line_message("Name is required"));
}
