//! `leadbook-cli skills` and `leadbook-cli ladder` as a user runs them, on temporary data dirs.

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

fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = cli(data_dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(data_dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(data_dir, &all)).unwrap()
}

fn team(dir: &Path) {
    let roster = dir.join("team.csv");
    std::fs::write(
        &roster,
        "name,email,team\nAda Lovelace,ada@example.com,Platform\nBo Ødegård,bo@example.com,Platform\nCy Núñez,cy@example.com,Network\n",
    )
    .unwrap();
    ok(dir, &["people", "import", roster.to_str().unwrap()]);
}

fn skill<'a>(m: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    m["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap()
}

#[test]
fn matrix_import_holders_bus_factor_and_export() {
    let dir = tempfile::tempdir().unwrap();
    team(dir.path());
    let file = dir.path().join("matrix.csv");
    std::fs::write(
        &file,
        "\u{feff}email,Observability,\"Infrastructure as code\",Kubernetes administration\n\
         ada@example.com,3,4,\nBO@example.com,4,2,1\ncy@example.com,,,2\n",
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "skills",
            "import",
            file.to_str().unwrap(),
            "--date",
            "2026-01-15",
        ],
    );
    assert_eq!(out, "imported 6 ratings for 3 people, dated 2026-01-15\n");
    let m = json(dir.path(), &["skills", "matrix"]);
    let obs = skill(&m, "Observability");
    assert_eq!(
        obs["holders"],
        serde_json::json!(["ada@example.com", "bo@example.com"])
    );
    assert_eq!(obs["at_risk"], false);
    assert_eq!(obs["category"], "Must-have technical skills");
    assert_eq!(
        skill(&m, "Infrastructure as code")["holders"],
        serde_json::json!(["ada@example.com"])
    );
    assert_eq!(skill(&m, "Infrastructure as code")["at_risk"], true);
    assert_eq!(skill(&m, "Kubernetes administration")["at_risk"], true);
    assert_eq!(m["people"][0]["ratings"]["Infrastructure as code"], 4);

    // A later partial file: blanks never erase, and the bus factor changes with the new rating.
    std::fs::write(
        &file,
        "email,Infrastructure as code,Observability\nbo@example.com,3,\n",
    )
    .unwrap();
    ok(
        dir.path(),
        &[
            "skills",
            "import",
            file.to_str().unwrap(),
            "--date",
            "2026-06-01",
        ],
    );
    let m = json(dir.path(), &["skills", "matrix"]);
    assert_eq!(skill(&m, "Infrastructure as code")["at_risk"], false);
    assert_eq!(
        m["people"][1]["ratings"]["Observability"], 4,
        "the blank kept Bo's 4"
    );
    let text = ok(dir.path(), &["skills", "matrix", "--team", "network"]);
    assert!(text.contains("Kubernetes administration"), "{text}");
    assert!(
        text.contains("1 people") || text.contains("AT RISK"),
        "{text}"
    );

    // Export, then the same file reads back as the same ratings.
    let out = dir.path().join("out.csv");
    ok(
        dir.path(),
        &["skills", "export", "--out", out.to_str().unwrap()],
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("email,Cloud infrastructure,Infrastructure as code,"),
        "{header}"
    );
    assert!(csv.contains("\nbo@example.com,,3,,4,"), "{csv}");
}

#[test]
fn a_bad_matrix_file_is_refused_by_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    team(dir.path());
    let file = dir.path().join("bad.csv");
    let before = json(dir.path(), &["skills", "matrix"]);
    for (content, message) in [
        (
            "email,Observability\nada@example.com,3\nbo@example.com,7\n",
            "line 3: 7 for Observability is off the scale (0 to 4)",
        ),
        (
            "email,Observability\nada@example.com,3\nzed@example.com,1\n",
            "line 3: no active person has the email zed@example.com",
        ),
        (
            "email,Observability,Warp drive\nada@example.com,3,1\n",
            "line 1: unknown skill \"Warp drive\"",
        ),
    ] {
        std::fs::write(&file, content).unwrap();
        let out = cli(dir.path(), &["skills", "import", file.to_str().unwrap()]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert_eq!(
            json(dir.path(), &["skills", "matrix"]),
            before,
            "nothing written"
        );
    }
    // --add-skills creates the unknown column instead.
    std::fs::write(
        &file,
        "email,Observability,Warp drive\nada@example.com,3,1\n",
    )
    .unwrap();
    let out = json(
        dir.path(),
        &["skills", "import", file.to_str().unwrap(), "--add-skills"],
    );
    assert_eq!(out["added_skills"], serde_json::json!(["Warp drive"]));
    let m = json(dir.path(), &["skills", "matrix", "--category", "Imported"]);
    assert_eq!(m["skills"][0]["name"], "Warp drive");
    // JSON errors for scripts.
    std::fs::write(&file, "email,Observability\nada@example.com,x\n").unwrap();
    let out = cli(
        dir.path(),
        &["--json", "skills", "import", file.to_str().unwrap()],
    );
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn ladders_list_diff_assign_evidence_and_export() {
    let dir = tempfile::tempdir().unwrap();
    team(dir.path());
    let list = ok(dir.path(), &["ladder", "list"]);
    assert!(
        list.contains("Infrastructure Engineer") && list.contains("L3 L4 L5 L6 L7"),
        "{list}"
    );
    assert!(
        list.contains("Engineering Manager") && list.contains("M1 M2 M3"),
        "{list}"
    );

    let diff = json(
        dir.path(),
        &["ladder", "diff", "Infrastructure Engineer", "L4", "L5"],
    );
    assert_eq!(diff["from"]["key"], "L4");
    assert_eq!(diff["changes"].as_array().unwrap().len(), 6);
    let text = ok(
        dir.path(),
        &["ladder", "diff", "engineering manager", "M1", "M2"],
    );
    assert!(
        text.starts_with("Engineering Manager: M1 Infrastructure Engineering Manager → M2"),
        "{text}"
    );
    assert!(text.contains("«"), "changed words are marked: {text}");
    let e = cli(
        dir.path(),
        &["ladder", "diff", "Infrastructure Engineer", "L4", "L9"],
    );
    assert!(String::from_utf8_lossy(&e.stderr).contains("Level \"L9\" not found"));

    let placed = ok(
        dir.path(),
        &[
            "ladder",
            "assign",
            "ada@example.com",
            "Infrastructure Engineer",
            "--level",
            "L4",
            "--target",
            "L5",
        ],
    );
    assert_eq!(
        placed,
        "placed on Infrastructure Engineer at L4 Infrastructure Engineer, target L5\n"
    );
    let e = cli(
        dir.path(),
        &[
            "ladder",
            "assign",
            "Ada",
            "Infrastructure Engineer",
            "--level",
            "L5",
            "--target",
            "L4",
        ],
    );
    assert!(
        String::from_utf8_lossy(&e.stderr).contains("The target must be above the current level")
    );
    assert_eq!(
        ok(dir.path(), &["ladder", "evidence", "Ada"]),
        "no evidence yet: tag a 1:1 note with #<competency> to file some\n"
    );

    // A tag typed in a 1:1 note shows as evidence on the competency, linked to the meeting.
    ok(
        dir.path(),
        &[
            "one-on-ones",
            "start",
            "Ada",
            "--shared",
            "Led the storage failover #incident-leadership",
            "--private",
            "Nervous about #observability",
        ],
    );
    let ev = json(dir.path(), &["ladder", "evidence", "Ada"]);
    assert_eq!(ev.as_array().unwrap().len(), 1);
    assert_eq!(ev[0]["slug"], "incident-leadership");
    assert_eq!(ev[0]["source"], "notes");
    assert!(ev[0]["meeting_id"].is_string());

    for (format, magic) in [
        ("md", "# Infrastructure Engineer"),
        ("json", "{"),
        ("pdf", "%PDF"),
    ] {
        let out = dir.path().join(format!("ladder.{format}"));
        ok(
            dir.path(),
            &[
                "ladder",
                "export",
                "Infrastructure",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic.as_bytes()), "{format}");
    }
}
