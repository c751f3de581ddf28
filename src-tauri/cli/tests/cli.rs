//! The CLI as a user runs it: the built `leadbook-cli` binary on temporary data dirs.

// Test helpers: a step that cannot be done fails the test on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leadbook-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("LEADBOOK_DATA_DIR")
        .output()
        .expect("run leadbook-cli")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn people_json(dir: &Path) -> serde_json::Value {
    let out = cli(dir, &["--json", "people", "list", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn roster_csv_round_trips_with_bom_quotes_and_unicode() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("team.csv");
    std::fs::write(
        &csv,
        "\u{feff}name,email,title,team,start_date,timezone\r\n\
         \"Ng, Jiayi\",jiayi@example.com,\"SRE, platform\",Platform,2021-04-12,Asia/Singapore\r\n\
         Zoë Ødegård,zoe@example.com,Staff Engineer,Networking,2019-09-02,Europe/Oslo\r\n",
    )
    .unwrap();
    let out = cli(dir.path(), &["people", "import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "imported 2 people\n");

    let people = people_json(dir.path());
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ng, Jiayi", "Zoë Ødegård"]);
    assert_eq!(people[0]["title"], "SRE, platform");
    assert_eq!(people[1]["timezone"], "Europe/Oslo");

    let text = stdout(&cli(dir.path(), &["people", "list"]));
    assert!(text.contains("Zoë Ødegård"), "{text}");

    // Export, then import into an empty data dir: the same roster.
    let exported = dir.path().join("roster.csv");
    let out = cli(
        dir.path(),
        &["people", "export", "--out", exported.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let other = tempfile::tempdir().unwrap();
    let out = cli(
        other.path(),
        &["people", "import", exported.to_str().unwrap()],
    );
    assert_eq!(stdout(&out), "imported 2 people\n", "{}", stderr(&out));
    let fields = |people: serde_json::Value| -> Vec<Vec<serde_json::Value>> {
        let keys = ["name", "email", "title", "team", "start_date", "timezone"];
        let list = people.as_array().cloned().unwrap_or_default();
        list.iter()
            .map(|p| keys.iter().map(|k| p[*k].clone()).collect())
            .collect()
    };
    assert_eq!(
        fields(people_json(other.path())),
        fields(people_json(dir.path()))
    );
}

#[test]
fn bad_csv_is_rejected_with_line_number_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let add = cli(
        dir.path(),
        &[
            "people",
            "add",
            "--name",
            "Existing",
            "--email",
            "e@example.com",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let db = dir.path().join("leadbook.db");
    let before = people_json(dir.path());

    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "name,email,title,team,start_date,timezone\n\
         Good One,good@example.com,,,,\n\
         Bad Zone,bad@example.com,,,,Mars/Olympus_Mons\n",
    )
    .unwrap();
    let out = cli(dir.path(), &["people", "import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 3: \"Mars/Olympus_Mons\" is not an IANA time zone"),
        "{}",
        stderr(&out)
    );
    assert_eq!(people_json(dir.path()), before, "nothing written");
    assert!(db.exists());

    let json = cli(
        dir.path(),
        &["--json", "people", "import", csv.to_str().unwrap()],
    );
    let err: serde_json::Value = serde_json::from_slice(&json.stderr).unwrap();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn add_validates_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        dir.path(),
        &["people", "add", "--name", "Ada", "--email", "nope"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"nope\" is not a valid email address"),
        "{}",
        stderr(&out)
    );
    let out = cli(
        dir.path(),
        &[
            "--json",
            "people",
            "add",
            "--name",
            "Ada",
            "--start-date",
            "2999-01-01",
        ],
    );
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["field"], "start_date");
    assert_eq!(people_json(dir.path()).as_array().unwrap().len(), 0);
}

#[test]
fn db_info_and_check() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path(), &["people", "add", "--name", "Ada"]);
    let info = cli(dir.path(), &["--json", "db", "info"]);
    assert!(info.status.success(), "{}", stderr(&info));
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert!(info["path"].as_str().unwrap().ends_with("leadbook.db"));
    assert!(info["schema_version"].as_i64().unwrap() >= 1);
    let people = info["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "people")
        .unwrap();
    assert_eq!(people["rows"], 1);

    let check = cli(dir.path(), &["db", "check"]);
    assert!(check.status.success());
    assert_eq!(stdout(&check), "ok\n");
}

#[test]
fn db_check_fails_on_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path(), &["people", "add", "--name", "Ada"]);
    // The CLI's connection checkpoints the WAL into the main file when it closes; damage the
    // second page (the roster's b-tree) in place.
    let db = dir.path().join("leadbook.db");
    assert!(
        !dir.path().join("leadbook.db-wal").exists(),
        "WAL checkpointed on close"
    );
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() >= 8192, "at least two pages");
    for b in &mut bytes[4096 + 8..4096 + 200] {
        *b = 0xA5;
    }
    std::fs::write(&db, bytes).unwrap();
    let check = cli(dir.path(), &["db", "check"]);
    assert!(
        !check.status.success(),
        "corruption must fail the check: {}",
        stdout(&check)
    );
}

#[test]
fn newer_database_is_refused_with_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path(), &["people", "add", "--name", "Ada"]);
    // Pretend a future Leadbook wrote this file: bump user_version in the header (offset 60).
    let db = dir.path().join("leadbook.db");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&db, &bytes).unwrap();
    let out = cli(dir.path(), &["people", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("newer Leadbook"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "file untouched");
}

#[test]
fn data_dir_from_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leadbook-cli"))
        .args(["--json", "db", "info"])
        .env("LEADBOOK_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["data_dir"], dir.path().display().to_string());
}
