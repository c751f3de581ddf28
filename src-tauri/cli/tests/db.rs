//! `leadbook-cli db`: snapshots, restore and the full archive, as a user runs them.

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

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

#[test]
fn snapshot_then_restore_brings_the_old_state_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(cli(d, &["people", "add", "--name", "Before Snapshot"]));
    let snap = json(cli(d, &["--json", "db", "snapshot"]));
    let snap_path = snap["path"].as_str().unwrap().to_string();
    ok(cli(d, &["people", "add", "--name", "After Snapshot"]));

    let out = ok(cli(d, &["db", "restore", &snap_path]));
    assert!(out.starts_with("restored "), "{out}");
    let people = ok(cli(d, &["people", "list"]));
    assert!(
        people.contains("Before Snapshot") && !people.contains("After Snapshot"),
        "{people}"
    );
    // The state just before the restore is itself a snapshot now.
    let list = json(cli(d, &["--json", "db", "snapshots"]));
    let reasons: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"before restore") && reasons.contains(&"manual"),
        "{reasons:?}"
    );

    // A file that is not a sound Leadbook database is refused, and nothing changes.
    let junk = d.join("junk.db");
    std::fs::write(&junk, b"definitely not sqlite").unwrap();
    let out = cli(d, &["db", "restore", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(ok(cli(d, &["people", "list"])).contains("Before Snapshot"));
}

#[test]
fn archive_export_import_export_is_identical_and_a_full_database_is_protected() {
    let a = tempfile::tempdir().unwrap();
    ok(cli(a.path(), &["demo"]));
    let first = a.path().join("first.json");
    ok(cli(
        a.path(),
        &["db", "export", "--out", first.to_str().unwrap()],
    ));

    let b = tempfile::tempdir().unwrap();
    let out = ok(cli(b.path(), &["db", "import", first.to_str().unwrap()]));
    assert!(out.starts_with("imported "), "{out}");
    let second = b.path().join("second.json");
    ok(cli(
        b.path(),
        &["db", "export", "--out", second.to_str().unwrap()],
    ));
    let tables = |p: &Path| -> serde_json::Value {
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(p).unwrap()).unwrap()["tables"]
            .clone()
    };
    assert_eq!(tables(&first), tables(&second));

    // Into a database with data: refused, unless --replace (which snapshots first).
    let c = tempfile::tempdir().unwrap();
    ok(cli(c.path(), &["people", "add", "--name", "Someone Else"]));
    let out = cli(c.path(), &["db", "import", first.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
    assert!(ok(cli(c.path(), &["people", "list"])).contains("Someone Else"));
    ok(cli(
        c.path(),
        &["db", "import", "--replace", first.to_str().unwrap()],
    ));
    assert!(!ok(cli(c.path(), &["people", "list"])).contains("Someone Else"));
    let snaps = json(cli(c.path(), &["--json", "db", "snapshots"]));
    assert!(snaps
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["reason"] == "before archive import"));
}
