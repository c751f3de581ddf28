//! `leadbook-cli one-on-ones ...`, `notes search` and `demo` as a user runs them.

// Test helpers: a step that cannot be done fails the test on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leadbook-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
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

#[test]
fn script_a_one_on_one_and_find_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "people",
            "add",
            "--name",
            "Ada Lovelace",
            "--email",
            "ada@example.com",
        ],
    );
    ok(d, &["people", "add", "--name", "Adam Smith"]);
    ok(
        d,
        &[
            "one-on-ones",
            "point",
            "ada@example.com",
            "Promotion timeline",
            "--author",
            "theirs",
        ],
    );
    ok(
        d,
        &[
            "one-on-ones",
            "action",
            "Lovelace",
            "Send the postmortem",
            "--due",
            "2026-01-05",
        ],
    );

    let prep: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "one-on-ones", "prep", "Lovelace"])).unwrap();
    assert_eq!(prep["status"]["state"], "never_met");
    assert_eq!(prep["talking_points"][0]["text"], "Promotion timeline");
    assert_eq!(prep["open_actions"][0]["overdue"], true);

    let text = ok(
        d,
        &[
            "one-on-ones",
            "start",
            "Lovelace",
            "--date",
            "2026-01-10",
            "--shared",
            "Talked about the Kubernetes upgrade",
            "--private",
            "Tired",
        ],
    );
    assert!(text.starts_with("recorded the 1:1 of 2026-01-10"), "{text}");
    let hits: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "notes", "search", "kubernetes"])).unwrap();
    assert_eq!(hits[0]["kind"], "meeting");
    assert_eq!(hits[0]["person_name"], "Ada Lovelace");
    let list = ok(d, &["one-on-ones", "list", "ada@example.com"]);
    assert!(
        list.starts_with("2026-01-10  Talked about the Kubernetes upgrade"),
        "{list}"
    );

    let md = d.join("ada.md");
    ok(
        d,
        &[
            "one-on-ones",
            "export",
            "Lovelace",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("Kubernetes upgrade") && !text.contains("Tired"),
        "{text}"
    );
    ok(
        d,
        &[
            "one-on-ones",
            "export",
            "Lovelace",
            "--out",
            md.to_str().unwrap(),
            "--include-private",
        ],
    );
    assert!(std::fs::read_to_string(&md).unwrap().contains("Tired"));

    // Ambiguous and unknown people get clear errors; nothing is written.
    let out = cli(d, &["one-on-ones", "point", "Ada", "x"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("matches 2 people"));
    let out = cli(
        d,
        &["one-on-ones", "start", "Lovelace", "--date", "2999-01-01"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be recorded in the future"));
    assert_eq!(
        ok(d, &["one-on-ones", "list", "Lovelace"]).lines().count(),
        1
    );
}

#[test]
fn settings_and_templates_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["people", "add", "--name", "Ada Lovelace"]);
    assert_eq!(
        ok(d, &["one-on-ones", "settings", "Ada"]),
        "cadence: weekly\ntemplate: none\n"
    );
    let text = ok(
        d,
        &[
            "one-on-ones",
            "settings",
            "Ada",
            "--cadence",
            "biweekly",
            "--template",
            "career GROWTH",
        ],
    );
    assert_eq!(text, "cadence: biweekly\ntemplate: Career growth\n");
    let prep: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "one-on-ones", "prep", "Ada"])).unwrap();
    assert_eq!(prep["template_name"], "Career growth");
    let list = ok(d, &["one-on-ones", "templates"]);
    assert!(
        list.contains("Career growth (tpl-career-growth, used by 1)\n  - "),
        "{list}"
    );

    // An unknown template is refused and the settings stay as they were.
    let out = cli(
        d,
        &[
            "one-on-ones",
            "settings",
            "Ada",
            "--cadence",
            "monthly",
            "--template",
            "Nope",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No template named “Nope”"));
    assert_eq!(
        ok(d, &["one-on-ones", "settings", "Ada", "--template", "none"]),
        "cadence: biweekly\ntemplate: none\n"
    );
}

#[test]
fn demo_fills_an_empty_database_only() {
    let dir = tempfile::tempdir().unwrap();
    let text = ok(dir.path(), &["demo"]);
    assert!(text.starts_with("loaded a demo team: 8 people"), "{text}");
    let again = cli(dir.path(), &["demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("only goes into an empty database"));
    assert_eq!(ok(dir.path(), &["db", "check"]), "ok\n");
}
