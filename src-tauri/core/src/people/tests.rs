//! Roster rules against an in-memory database.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rules::validate;
use super::*;
use crate::db;
use crate::error::ErrorCode;
use crate::time::today;

fn db() -> Connection {
    db::open_in_memory().unwrap()
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
    let conn = db();
    let csv = "\u{feff}name,email,title,team,start_date,timezone\n\
               \"Núñez, José\",jose@example.com,\"SRE, on-call lead\",Platform,2022-05-01,Europe/Madrid\n\
               Björk,bjork@example.com,,,,\n";
    assert_eq!(import_csv(&conn, csv.as_bytes()).unwrap().added, 2);
    let people = list(&conn, &PeopleQuery::default()).unwrap();
    assert_eq!(people[0].name, "Björk");
    assert_eq!(people[1].name, "Núñez, José");
    assert_eq!(people[1].title.as_deref(), Some("SRE, on-call lead"));
    assert_eq!(people[1].timezone.as_deref(), Some("Europe/Madrid"));
}

#[test]
fn import_is_all_or_nothing_with_line_number() {
    let conn = db();
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
        let e = import_csv(&conn, csv.as_bytes()).unwrap_err();
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
    let conn = db();
    let e = import_csv(&conn, b"name\nA\n\xff\xfe\n").unwrap_err();
    assert!(
        e.message.starts_with("line 3: not valid UTF-8"),
        "{}",
        e.message
    );
    assert_eq!(count(&conn), 0);
}

#[test]
fn find_by_id_email_or_unique_part_of_the_name() {
    let conn = db();
    let ada = add(&conn, &input("Ada Lovelace", "ada@example.com")).unwrap();
    let ann = add(&conn, &input("Ann", "ann@example.com")).unwrap();
    let joanne = add(&conn, &input("Joanne Ng", "jo@example.com")).unwrap();
    assert_eq!(find(&conn, &ada.id).unwrap().id, ada.id);
    assert_eq!(find(&conn, " ADA@example.com ").unwrap().id, ada.id);
    assert_eq!(find(&conn, "lovel").unwrap().id, ada.id);
    assert_eq!(find(&conn, "ann").unwrap().id, ann.id, "an exact name wins");
    let e = find(&conn, "an").unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("Ann <ann@example.com>") && e.message.contains("Joanne Ng"),
        "the candidates are listed: {}",
        e.message
    );
    assert_eq!(find(&conn, "nobody").unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(find(&conn, "  ").unwrap_err().code, ErrorCode::InvalidInput);
    // Active people before archived ones with the same name part.
    archive(&conn, &joanne.id).unwrap();
    add(&conn, &input("Joanne Park", "jp@example.com")).unwrap();
    assert_eq!(find(&conn, "joanne").unwrap().name, "Joanne Park");
}

#[test]
fn single_line_fields_refuse_control_characters() {
    let conn = db();
    let e = add(&conn, &input("Ada\tLovelace", "a@example.com")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("name"));
    let csv_conn = db();
    let e = import_csv(&csv_conn, b"name,title\nAda,\"Staff\nEngineer\"\n").unwrap_err();
    assert!(
        e.message.starts_with("line 2: Title must be one line"),
        "{}",
        e.message
    );
}

#[test]
fn email_check_uses_the_index() {
    let conn = db();
    let plan: Vec<String> = conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            super::storage::EMAIL_HOLDER_SQL
        ))
        .unwrap()
        .query_map(["a@b.co", ""], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter().any(|p| p.contains("people_active_email")),
        "{plan:?}"
    );
}

#[test]
fn edits_archives_and_restores_are_logged_with_what_changed() {
    let conn = db();
    let ada = add(&conn, &input("Ada", "ada@example.com")).unwrap();
    let mut edit = input("Ada Lovelace", "ada@example.com");
    edit.team = Some("Platform".into());
    edit.notes = Some("private thought".into());
    update(&conn, &ada.id, &edit).unwrap();
    update(&conn, &ada.id, &edit).unwrap(); // no change, no entry
    archive(&conn, &ada.id).unwrap();
    restore(&conn, &ada.id).unwrap();
    let changes: Vec<String> = changes_since(&conn, &ada.id, "")
        .unwrap()
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        changes,
        [
            "Name Ada → Ada Lovelace; Team none → Platform; Notes edited",
            "Archived",
            "Restored from the archive"
        ]
    );
    let log = crate::revisions::for_entity(&conn, "people", &ada.id).unwrap();
    assert!(log.iter().all(|e| !e
        .after
        .clone()
        .unwrap_or_default()
        .contains("private thought")));
}

#[test]
fn export_imports_back_and_neutralises_formulas() {
    let conn = db();
    let mut evil = input("=HYPERLINK(\"http://x\")", "e@example.com");
    evil.title = Some("-1+2".into());
    add(&conn, &evil).unwrap();
    add(&conn, &input("Núñez, José", "jose@example.com")).unwrap();
    let csv = export_csv(&conn, false).unwrap();
    assert!(
        csv.starts_with("name,email,title,team,start_date,timezone\n"),
        "{csv}"
    );
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(",'-1+2,"), "{csv}");
    let copy = db();
    assert_eq!(import_csv(&copy, csv.as_bytes()).unwrap().added, 2);
    let names: Vec<String> = list(&copy, &PeopleQuery::default())
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(names.contains(&"Núñez, José".to_string()));
}
