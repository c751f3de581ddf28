//! Skills rules against an in-memory database.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::db;
use crate::error::ErrorCode;
use crate::people::{self, PersonInput};
use crate::time::parse_date;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

const TODAY: &str = "2026-11-26";

fn person(conn: &Connection, name: &str, email: &str, team: &str) -> String {
    people::add(
        conn,
        &PersonInput {
            name: name.into(),
            email: Some(email.into()),
            team: Some(team.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn skill(conn: &Connection, name: &str) -> String {
    find_active(conn, name)
        .unwrap()
        .unwrap_or_else(|| panic!("no skill {name}"))
        .id
}

fn rate_on(conn: &Connection, p: &str, s: &str, rater: Rater, level: u8, on: &str) -> Rating {
    rate(
        conn,
        &RatingInput {
            person_id: p.into(),
            skill_id: s.into(),
            rater,
            level,
            rated_on: Some(on.into()),
            note: None,
        },
        d(TODAY),
    )
    .unwrap()
}

fn column<'a>(m: &'a Matrix, name: &str) -> (usize, &'a MatrixSkill) {
    m.skills
        .iter()
        .enumerate()
        .find(|(_, s)| s.name == name)
        .unwrap()
}

#[test]
fn the_catalog_is_seeded_from_the_blueprint_with_links_back() {
    let conn = db::open_in_memory().unwrap();
    let seeds = crate::blueprint::skills_catalog(&conn).unwrap();
    let catalog = skills(&conn, false).unwrap();
    assert_eq!(catalog.len(), seeds.len());
    assert_eq!(catalog.len(), 32, "8 + 6 + 4 + 4 technical, 10 soft");
    let data = seed_data().unwrap();
    for seed in &seeds {
        let s = catalog
            .iter()
            .find(|s| s.source_id.as_deref() == Some(&seed.source_id))
            .unwrap();
        assert_eq!(
            &s.name,
            data.names.get(&seed.source_id).unwrap(),
            "a short name for every blueprint skill"
        );
        assert!(s.description.starts_with(&seed.name), "{}", s.description);
    }
    assert_eq!(
        data.names.len(),
        seeds.len(),
        "no short name for a skill the blueprint lacks"
    );
    let categories: Vec<&str> =
        catalog
            .iter()
            .map(|s| s.category.as_str())
            .fold(vec![], |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
    assert_eq!(
        categories,
        [
            "Must-have technical skills",
            "Good-to-have technical skills",
            "Advanced technical skills",
            "Emerging technical skills",
            "Soft skills"
        ]
    );
    assert_eq!(
        scale(&conn)
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["None", "Aware", "Working", "Proficient", "Expert"]
    );
    // Seeded once: a second pass adds nothing.
    ensure_seeded(&conn).unwrap();
    assert_eq!(skills(&conn, true).unwrap().len(), 32);
}

#[test]
fn catalog_add_rename_retire_restore() {
    let conn = db::open_in_memory().unwrap();
    let p = person(&conn, "Ada", "ada@example.com", "Platform");
    let k = add_skill(
        &conn,
        &SkillInput {
            name: "eBPF tracing".into(),
            category: "Good-to-have technical skills".into(),
            description: None,
        },
    )
    .unwrap();
    let all = skills(&conn, false).unwrap();
    // It sits at the end of its category, before the next category.
    let i = all.iter().position(|s| s.id == k.id).unwrap();
    assert_eq!(all[i - 1].name, "FinOps and cloud cost");
    assert_eq!(all[i + 1].category, "Advanced technical skills");
    let e = add_skill(
        &conn,
        &SkillInput {
            name: "EBPF TRACING".into(),
            category: "X".into(),
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Conflict, Some("name"))
    );
    let e = add_skill(
        &conn,
        &SkillInput {
            name: "  ".into(),
            category: "X".into(),
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("name"));
    rate_on(&conn, &p, &k.id, Rater::Manager, 3, "2026-01-10");
    let renamed = update_skill(
        &conn,
        &k.id,
        &SkillInput {
            name: "eBPF".into(),
            category: k.category.clone(),
            description: Some("Kernel tracing".into()),
        },
    )
    .unwrap();
    assert_eq!(renamed.name, "eBPF");
    retire_skill(&conn, &k.id).unwrap();
    let m = matrix(&conn, &Default::default()).unwrap();
    assert!(
        !m.skills.iter().any(|s| s.id == k.id),
        "retired skills leave the matrix"
    );
    let m = matrix(
        &conn,
        &MatrixQuery {
            include_retired: true,
            ..Default::default()
        },
    )
    .unwrap();
    let (_, col) = column(&m, "eBPF");
    assert!(col.retired);
    assert_eq!(
        history(&conn, &p, &k.id).unwrap().len(),
        1,
        "a retired skill keeps its history"
    );
    // Its name is free again; restoring it then clashes.
    let twin = add_skill(
        &conn,
        &SkillInput {
            name: "ebpf".into(),
            category: "X".into(),
            description: None,
        },
    )
    .unwrap();
    assert_eq!(
        restore_skill(&conn, &k.id).unwrap_err().code,
        ErrorCode::Conflict
    );
    retire_skill(&conn, &twin.id).unwrap();
    assert!(restore_skill(&conn, &k.id).unwrap().retired_at.is_none());
    let e = rate(
        &conn,
        &RatingInput {
            person_id: p.clone(),
            skill_id: twin.id.clone(),
            rater: Rater::Manager,
            level: 2,
            rated_on: None,
            note: None,
        },
        d(TODAY),
    )
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("skill_id"),
        "a retired skill is not rated"
    );
}

#[test]
fn scale_labels_are_editable() {
    let conn = db::open_in_memory().unwrap();
    let steps = set_scale_step(
        &conn,
        &ScaleStep {
            level: 2,
            name: "Practitioner".into(),
            description: "Does it weekly".into(),
        },
    )
    .unwrap();
    assert_eq!(steps[2].name, "Practitioner");
    assert!(set_scale_step(
        &conn,
        &ScaleStep {
            level: 5,
            name: "X".into(),
            description: String::new()
        }
    )
    .is_err());
    assert!(set_scale_step(
        &conn,
        &ScaleStep {
            level: 1,
            name: " ".into(),
            description: String::new()
        }
    )
    .is_err());
}

#[test]
fn ratings_are_checked_and_every_one_is_kept() {
    let conn = db::open_in_memory().unwrap();
    let p = person(&conn, "Ada", "ada@example.com", "Platform");
    let s = skill(&conn, "Observability");
    let input = |level: u8, on: &str| RatingInput {
        person_id: p.clone(),
        skill_id: s.clone(),
        rater: Rater::Manager,
        level,
        rated_on: Some(on.into()),
        note: None,
    };
    assert_eq!(
        rate(&conn, &input(5, "2026-01-01"), d(TODAY))
            .unwrap_err()
            .field
            .as_deref(),
        Some("level")
    );
    assert_eq!(
        rate(&conn, &input(2, "2026-12-01"), d(TODAY))
            .unwrap_err()
            .field
            .as_deref(),
        Some("rated_on")
    );
    assert_eq!(
        rate(&conn, &input(2, "2026-02-30"), d(TODAY))
            .unwrap_err()
            .field
            .as_deref(),
        Some("rated_on")
    );
    rate_on(&conn, &p, &s, Rater::Manager, 1, "2025-01-01");
    rate_on(&conn, &p, &s, Rater::Manager, 2, "2025-06-01");
    rate_on(&conn, &p, &s, Rater::SelfRated, 3, "2025-06-01");
    let h = history(&conn, &p, &s).unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(h[0].rated_on, "2025-06-01");
    people::archive(&conn, &p).unwrap();
    assert_eq!(
        rate(&conn, &input(2, "2026-01-01"), d(TODAY))
            .unwrap_err()
            .field
            .as_deref(),
        Some("person_id")
    );
}

#[test]
fn the_latest_rating_wins_by_date_then_by_when_it_was_recorded() {
    let conn = db::open_in_memory().unwrap();
    let p = person(&conn, "Ada", "ada@example.com", "Platform");
    let s = skill(&conn, "Infrastructure as code");
    let cell = |conn: &Connection| {
        let m = matrix(conn, &Default::default()).unwrap();
        let (i, _) = column(&m, "Infrastructure as code");
        m.rows[0].cells[i].clone()
    };
    rate_on(&conn, &p, &s, Rater::Manager, 3, "2026-03-01");
    // An older rating recorded later does not replace a newer one.
    rate_on(&conn, &p, &s, Rater::Manager, 1, "2025-03-01");
    assert_eq!(
        (cell(&conn).manager, cell(&conn).manager_on.as_deref()),
        (Some(3), Some("2026-03-01"))
    );
    // On the same day, the one recorded last wins.
    rate_on(&conn, &p, &s, Rater::Manager, 2, "2026-03-01");
    assert_eq!(cell(&conn).manager, Some(2));
    rate_on(&conn, &p, &s, Rater::Manager, 4, "2026-04-01");
    rate_on(&conn, &p, &s, Rater::SelfRated, 1, "2026-05-01");
    let c = cell(&conn);
    assert_eq!(
        (c.manager, c.self_level, c.self_on.as_deref()),
        (Some(4), Some(1), Some("2026-05-01")),
        "self and manager side by side"
    );
    // The table agrees with a window over the whole history.
    let from_history = matrix_from(&conn, &Default::default(), LatestFrom::History).unwrap();
    assert_eq!(from_history, matrix(&conn, &Default::default()).unwrap());
}

#[test]
fn holders_coverage_and_the_bus_factor() {
    let conn = db::open_in_memory().unwrap();
    let a = person(&conn, "Ada", "ada@example.com", "Platform");
    let b = person(&conn, "Bo", "bo@example.com", "Platform");
    let c = person(&conn, "Cy", "cy@example.com", "Network");
    let obs = skill(&conn, "Observability");
    let iac = skill(&conn, "Infrastructure as code");
    let k8s = skill(&conn, "Kubernetes administration");
    rate_on(&conn, &a, &obs, Rater::Manager, 3, "2026-01-01");
    rate_on(&conn, &b, &obs, Rater::Manager, 4, "2026-01-01");
    rate_on(&conn, &c, &obs, Rater::Manager, 2, "2026-01-01");
    rate_on(&conn, &a, &iac, Rater::Manager, 4, "2026-01-01");
    // A self rating of 4 does not make a holder; only the manager's latest counts.
    rate_on(&conn, &b, &iac, Rater::SelfRated, 4, "2026-01-01");
    rate_on(&conn, &b, &iac, Rater::Manager, 2, "2026-01-01");
    // A holder who drops below 3 is no longer one.
    rate_on(&conn, &c, &k8s, Rater::Manager, 3, "2025-01-01");
    rate_on(&conn, &c, &k8s, Rater::Manager, 2, "2026-01-01");
    let m = matrix(&conn, &Default::default()).unwrap();
    let (_, col) = column(&m, "Observability");
    assert_eq!(col.holders, vec![a.clone(), b.clone()]);
    assert!(!col.at_risk);
    assert_eq!((col.rated, col.average), (3, Some(3.0)));
    let (_, col) = column(&m, "Infrastructure as code");
    assert_eq!(col.holders, vec![a.clone()]);
    assert!(col.at_risk, "one holder is a bus factor of one");
    let (_, col) = column(&m, "Kubernetes administration");
    assert!(col.holders.is_empty() && col.at_risk, "nobody holds it");
    // An archived holder no longer counts.
    people::archive(&conn, &b).unwrap();
    let m = matrix(&conn, &Default::default()).unwrap();
    assert_eq!(m.rows.len(), 2);
    assert!(column(&m, "Observability").1.at_risk);
    // Filtered to a team, holders are counted in it.
    let m = matrix(
        &conn,
        &MatrixQuery {
            team: Some("network".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.rows.len(), 1);
    assert!(column(&m, "Observability").1.holders.is_empty());
    assert_eq!(m.teams, ["Network", "Platform"]);
    let m = matrix(
        &conn,
        &MatrixQuery {
            category: Some("Soft skills".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.skills.len(), 10);
    assert_eq!(
        m.categories.len(),
        5,
        "every category is offered in the filter"
    );
}

#[test]
fn sort_by_coverage_puts_the_riskiest_first_within_each_category() {
    let conn = db::open_in_memory().unwrap();
    let a = person(&conn, "Ada", "ada@example.com", "Platform");
    let b = person(&conn, "Bo", "bo@example.com", "Platform");
    for name in ["Cloud infrastructure", "Linux and networking"] {
        let s = skill(&conn, name);
        rate_on(&conn, &a, &s, Rater::Manager, 3, "2026-01-01");
        rate_on(&conn, &b, &s, Rater::Manager, 3, "2026-01-01");
    }
    let s = skill(&conn, "Infrastructure as code");
    rate_on(&conn, &a, &s, Rater::Manager, 3, "2026-01-01");
    let m = matrix(
        &conn,
        &MatrixQuery {
            sort: MatrixSort::Coverage,
            ..Default::default()
        },
    )
    .unwrap();
    let must: Vec<&MatrixSkill> = m
        .skills
        .iter()
        .filter(|s| s.category == "Must-have technical skills")
        .collect();
    assert_eq!(must.len(), 8);
    let holders: Vec<usize> = must.iter().map(|s| s.holders.len()).collect();
    assert_eq!(holders, [0, 0, 0, 0, 0, 1, 2, 2]);
    let categories: Vec<&str> = m.skills.iter().map(|s| s.category.as_str()).collect();
    let mut grouped = categories.clone();
    grouped.dedup();
    assert_eq!(grouped.len(), 5, "still grouped by category");
    // Cells follow their columns.
    let (i, _) = column(&m, "Infrastructure as code");
    assert_eq!(m.rows[0].cells[i].manager, Some(3));
}

#[test]
fn wants_to_grow_is_its_own_flag() {
    let conn = db::open_in_memory().unwrap();
    let a = person(&conn, "Ada", "ada@example.com", "Platform");
    let s = skill(&conn, "FinOps and cloud cost");
    set_wants_to_grow(&conn, &a, &s, true).unwrap();
    set_wants_to_grow(&conn, &a, &s, true).unwrap();
    let m = matrix(&conn, &Default::default()).unwrap();
    let (i, _) = column(&m, "FinOps and cloud cost");
    assert!(m.rows[0].cells[i].wants_to_grow);
    assert_eq!(m.rows[0].cells[i].manager, None);
    set_wants_to_grow(&conn, &a, &s, false).unwrap();
    assert!(!matrix(&conn, &Default::default()).unwrap().rows[0].cells[i].wants_to_grow);
}

#[test]
fn profile_shows_change_since_a_date() {
    let conn = db::open_in_memory().unwrap();
    let a = person(&conn, "Ada", "ada@example.com", "Platform");
    let obs = skill(&conn, "Observability");
    let iac = skill(&conn, "Infrastructure as code");
    rate_on(&conn, &a, &obs, Rater::Manager, 1, "2025-01-01");
    rate_on(&conn, &a, &obs, Rater::Manager, 3, "2026-06-01");
    rate_on(&conn, &a, &iac, Rater::Manager, 2, "2025-01-01");
    rate_on(&conn, &a, &iac, Rater::SelfRated, 3, "2026-07-01");
    let p = profile(&conn, &a, Some(d("2026-01-01"))).unwrap();
    assert_eq!(p.skills.len(), 2);
    let o = p.skills.iter().find(|s| s.skill_id == obs).unwrap();
    assert_eq!((o.manager, o.at_since), (Some(3), Some(1)));
    let i = p.skills.iter().find(|s| s.skill_id == iac).unwrap();
    assert_eq!(
        (i.manager, i.at_since, i.self_level),
        (Some(2), Some(2), Some(3))
    );
    assert_eq!(p.changed, 1);
    assert_eq!(p.level_key, None);
    // Before any rating, nothing was known then.
    let p = profile(&conn, &a, Some(d("2024-01-01"))).unwrap();
    assert!(p.skills.iter().all(|s| s.at_since.is_none()));
    assert_eq!(p.changed, 2);
}

#[test]
fn rating_changes_since_an_instant_read_as_lines() {
    let conn = db::open_in_memory().unwrap();
    let a = person(&conn, "Ada", "ada@example.com", "Platform");
    let obs = skill(&conn, "Observability");
    let iac = skill(&conn, "Infrastructure as code");
    rate_on(&conn, &a, &obs, Rater::Manager, 2, "2025-01-01");
    std::thread::sleep(std::time::Duration::from_millis(3));
    let since = crate::time::now_utc();
    std::thread::sleep(std::time::Duration::from_millis(3));
    rate_on(&conn, &a, &obs, Rater::Manager, 3, "2026-01-01");
    rate_on(&conn, &a, &iac, Rater::Manager, 2, "2026-01-01");
    rate_on(&conn, &a, &iac, Rater::SelfRated, 4, "2026-01-01");
    assert_eq!(
        changes_since(&conn, &a, &since).unwrap(),
        ["Infrastructure as code rated 2", "Observability 2 → 3"]
    );
}

/// A 30 × 25 matrix file: quoted names with commas, non-ASCII names, blanks.
fn big_file(conn: &Connection) -> (String, Vec<String>, Vec<String>) {
    let mut names: Vec<String> = skills(conn, false)
        .unwrap()
        .into_iter()
        .take(20)
        .map(|s| s.name)
        .collect();
    for extra in [
        "Kafka, streams",
        "Ödemeler altyapısı",
        "日本語ドキュメント",
        "Café \"ops\"",
        "Ñandú tuning",
    ] {
        add_skill(
            conn,
            &SkillInput {
                name: extra.into(),
                category: "Extra".into(),
                description: None,
            },
        )
        .unwrap();
        names.push(extra.into());
    }
    let mut emails = Vec::new();
    for i in 0..30 {
        let email = format!("p{i:02}@example.com");
        person(
            conn,
            &format!("Person {i:02} Øster"),
            &email,
            if i % 2 == 0 { "Platform" } else { "Network" },
        );
        emails.push(email);
    }
    let header: Vec<String> = std::iter::once("email".to_string())
        .chain(
            names
                .iter()
                .map(|n| format!("\"{}\"", n.replace('"', "\"\""))),
        )
        .collect();
    let mut csv = format!("\u{feff}{}\n", header.join(","));
    for (i, email) in emails.iter().enumerate() {
        let mut row = vec![email.to_uppercase()];
        for j in 0..names.len() {
            // Every seventh cell blank; the rest a level from a fixed pattern.
            row.push(if (i + j) % 7 == 0 {
                String::new()
            } else {
                ((i * 3 + j) % 5).to_string()
            });
        }
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    (csv, names, emails)
}

fn expected_level(i: usize, j: usize) -> Option<u8> {
    (!(i + j).is_multiple_of(7)).then_some(((i * 3 + j) % 5) as u8)
}

#[test]
fn a_30_by_25_matrix_imports_and_a_later_partial_file_updates_without_erasing() {
    let conn = db::open_in_memory().unwrap();
    let (csv, names, emails) = big_file(&conn);
    let report = import_matrix(&conn, csv.as_bytes(), Some("2026-01-15"), false, d(TODAY)).unwrap();
    assert_eq!(report.people, 30);
    let cells = (0..30)
        .flat_map(|i| (0..25).map(move |j| (i, j)))
        .filter(|&(i, j)| expected_level(i, j).is_some())
        .count();
    assert_eq!(report.ratings as usize, cells);
    let m = matrix(&conn, &Default::default()).unwrap();
    let row_of = |email: &str| {
        m.rows
            .iter()
            .find(|r| r.email.as_deref() == Some(email))
            .unwrap()
    };
    for (i, email) in emails.iter().enumerate() {
        for (j, name) in names.iter().enumerate() {
            let (col, _) = column(&m, name);
            assert_eq!(
                row_of(email).cells[col].manager,
                expected_level(i, j),
                "{email} {name}"
            );
        }
    }
    // Holders and bus-factor flags match a count by hand of the file.
    for (j, name) in names.iter().enumerate() {
        let holders = (0..30)
            .filter(|&i| expected_level(i, j).is_some_and(|l| l >= 3))
            .count();
        let (_, col) = column(&m, name);
        assert_eq!(col.holders.len(), holders, "{name}");
        assert_eq!(col.at_risk, holders <= 1, "{name}");
    }
    // Importing the same file again on the same day records nothing new.
    let again = import_matrix(&conn, csv.as_bytes(), Some("2026-01-15"), false, d(TODAY)).unwrap();
    assert_eq!((again.ratings, again.unchanged as usize), (0, cells));

    // A later partial file: two people, three columns, some blanks. Blanks erase nothing.
    let partial = format!(
        "email,\"{}\",{},\"{}\"\n{},4,,0\n{},,1,\n",
        names[24], names[0], names[20], emails[3], emails[4]
    );
    let r = import_matrix(
        &conn,
        partial.as_bytes(),
        Some("2026-06-01"),
        false,
        d(TODAY),
    )
    .unwrap();
    assert_eq!((r.people, r.ratings), (2, 3));
    let m = matrix(&conn, &Default::default()).unwrap();
    let row_of = |email: &str| {
        m.rows
            .iter()
            .find(|r| r.email.as_deref() == Some(email))
            .unwrap()
            .clone()
    };
    let cell = |email: &str, name: &str| row_of(email).cells[column(&m, name).0].clone();
    assert_eq!(cell(&emails[3], &names[24]).manager, Some(4));
    assert_eq!(
        cell(&emails[3], &names[24]).manager_on.as_deref(),
        Some("2026-06-01")
    );
    assert_eq!(
        cell(&emails[3], &names[0]).manager,
        expected_level(3, 0),
        "blank kept the earlier rating"
    );
    assert_eq!(
        cell(&emails[3], &names[20]).manager,
        Some(0),
        "0 is a rating, not a blank"
    );
    assert_eq!(cell(&emails[4], &names[24]).manager, expected_level(4, 24));
    assert_eq!(cell(&emails[4], &names[0]).manager, Some(1));
    assert_eq!(
        cell(&emails[5], &names[0]).manager,
        expected_level(5, 0),
        "rows not in the file untouched"
    );
}

#[test]
fn a_bad_matrix_file_is_rejected_by_line_with_nothing_written() {
    let conn = db::open_in_memory().unwrap();
    let (csv, names, emails) = big_file(&conn);
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM skill_ratings", [], |r| r.get(0))
            .unwrap()
    };
    let skills_before = skills(&conn, true).unwrap().len();
    let lines: Vec<&str> = csv.lines().collect();
    let with_line = |n: usize, replacement: &str| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[n - 1] = replacement.to_string();
        l.join("\n")
    };
    let row = |email: &str, cell: &str| format!("{email},{cell}{}", ",".repeat(names.len() - 1));
    let cases = [
        (with_line(17, &row(&emails[15], "5")), "line 17: 5 for"),
        (with_line(9, &row(&emails[7], "-1")), "line 9: -1 for"),
        (with_line(4, &row(&emails[2], "2.5")), "line 4: \"2.5\" for"),
        (
            with_line(12, &row(&emails[10], "high")),
            "line 12: \"high\"",
        ),
        (
            with_line(30, &row("nobody@example.com", "1")),
            "line 30: no active person has the email nobody@example.com",
        ),
        (with_line(6, &row("", "1")), "line 6: the email is blank"),
        (
            with_line(20, &format!("{},1", emails[18])),
            "line 20: has 2 fields, the header has 26",
        ),
        (
            format!("email,Observability,Warp drive\n{},1,2\n", emails[0]),
            "line 1: unknown skill \"Warp drive\"",
        ),
        (
            format!("mail,Observability\n{},1\n", emails[0]),
            "line 1: the first column must be \"email\"",
        ),
        (
            format!("email,Observability,observability\n{},1,2\n", emails[0]),
            "line 1: column \"observability\" appears twice",
        ),
    ];
    for (file, expected) in cases {
        let e =
            import_matrix(&conn, file.as_bytes(), Some("2026-01-15"), false, d(TODAY)).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput, "{expected}: {}", e.message);
        assert!(
            e.message.starts_with(expected),
            "expected {expected:?}, got {:?}",
            e.message
        );
        assert_eq!(count(&conn), 0, "nothing written for {expected}");
        assert_eq!(skills(&conn, true).unwrap().len(), skills_before);
    }
    // An archived person's email is not an active one.
    people::archive(&conn, &people::find(&conn, &emails[0]).unwrap().id).unwrap();
    let e = import_matrix(&conn, csv.as_bytes(), None, false, d(TODAY)).unwrap_err();
    assert!(
        e.message.starts_with("line 2: no active person"),
        "{}",
        e.message
    );
    // A future date is refused before anything is read.
    let e = import_matrix(&conn, b"email\n", Some("2027-01-01"), false, d(TODAY)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("date"));
    assert_eq!(count(&conn), 0);
}

#[test]
fn unknown_skill_columns_are_created_with_add_skills() {
    let conn = db::open_in_memory().unwrap();
    person(&conn, "Ada", "ada@example.com", "Platform");
    let file = "email,Observability,Warp drive,\"Zürich, ops\"\nada@example.com,3,2,\n";
    let r = import_matrix(&conn, file.as_bytes(), None, true, d(TODAY)).unwrap();
    assert_eq!(r.added_skills, ["Warp drive", "Zürich, ops"]);
    assert_eq!(r.ratings, 2);
    let warp = find_active(&conn, "warp DRIVE").unwrap().unwrap();
    assert_eq!(warp.category, IMPORTED_CATEGORY);
    assert_eq!(r.rated_on, TODAY);
}

#[test]
fn export_reads_back_as_the_same_matrix() {
    let conn = db::open_in_memory().unwrap();
    let (csv, ..) = big_file(&conn);
    import_matrix(&conn, csv.as_bytes(), Some("2026-01-15"), false, d(TODAY)).unwrap();
    add_skill(
        &conn,
        &SkillInput {
            name: "=cmd|' /C calc'!A0".into(),
            category: "Extra".into(),
            description: None,
        },
    )
    .unwrap();
    let out = export_matrix(&conn).unwrap();
    assert!(
        out.starts_with("email,Cloud infrastructure,"),
        "{}",
        &out[..60]
    );
    assert!(
        out.contains(",'=cmd|' /C calc'!A0"),
        "formula-like names are neutralised: {}",
        out.lines().next().unwrap_or_default()
    );
    let target = db::open_in_memory().unwrap();
    let (_, names, emails) = big_file(&target);
    let _ = (names, emails);
    add_skill(
        &target,
        &SkillInput {
            name: "'=cmd|' /C calc'!A0".into(),
            category: "Extra".into(),
            description: None,
        },
    )
    .unwrap();
    import_matrix(&target, out.as_bytes(), Some("2026-01-15"), false, d(TODAY)).unwrap();
    let strip = |m: Matrix| -> Vec<Vec<Option<u8>>> {
        m.rows
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.manager).collect())
            .collect()
    };
    assert_eq!(
        strip(matrix(&target, &Default::default()).unwrap()),
        strip(matrix(&conn, &Default::default()).unwrap())
    );
}

#[test]
fn archives_keep_ratings_and_the_latest_table_identical() {
    let conn = db::open_in_memory().unwrap();
    let (csv, ..) = big_file(&conn);
    import_matrix(&conn, csv.as_bytes(), Some("2025-01-15"), false, d(TODAY)).unwrap();
    import_matrix(
        &conn,
        "email,Observability\np01@example.com,4\n".as_bytes(),
        Some("2026-01-15"),
        false,
        d(TODAY),
    )
    .unwrap();
    let first = db::archive::export(&conn).unwrap();
    let target = db::open_in_memory().unwrap();
    db::archive::import(&target, &first, false).unwrap();
    let second = db::archive::export(&target).unwrap();
    assert_eq!(first.tables, second.tables);
    assert_eq!(
        matrix(&target, &Default::default()).unwrap(),
        matrix(&conn, &Default::default()).unwrap()
    );
}

#[test]
fn the_palette_finds_skills_and_says_what_they_are() {
    let conn = db::open_in_memory().unwrap();
    let hits = crate::palette::search(&conn, "observab").unwrap();
    let skill = hits.iter().find(|h| h.kind == "skill").unwrap();
    assert_eq!(skill.title, "Observability");
    assert_eq!(skill.detail, "Skill · Must-have technical skills");
    assert_eq!(skill.group, "Skills");
    let id = skill.ref_id.clone();
    update_skill(
        &conn,
        &id,
        &SkillInput {
            name: "Telemetry".into(),
            category: "Must-have technical skills".into(),
            description: None,
        },
    )
    .unwrap();
    let hits = crate::palette::search(&conn, "telemetr").unwrap();
    assert!(hits.iter().any(|h| h.kind == "skill" && h.ref_id == id));
}
