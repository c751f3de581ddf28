//! Ladder rules against an in-memory database.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::db;
use crate::error::ErrorCode;
use crate::one_on_ones::{self as oo, NewAction, NotesInput, Owner};
use crate::people::{self, PersonInput};
use crate::skills::{self, Rater, RatingInput};
use crate::time::{parse_date, today};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn setup() -> (Connection, String, Ladder) {
    let conn = db::open_in_memory().unwrap();
    let p = people::add(
        &conn,
        &PersonInput {
            name: "Ada".into(),
            email: Some("ada@example.com".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let ic = find_ladder(&conn, "Infrastructure Engineer").unwrap();
    (conn, p.id, ic)
}

fn level<'a>(l: &'a Ladder, key: &str) -> &'a Level {
    l.levels.iter().find(|v| v.key == key).unwrap()
}

fn comp<'a>(l: &'a Ladder, slug: &str) -> &'a Competency {
    l.competencies.iter().find(|c| c.slug == slug).unwrap()
}

fn place(conn: &Connection, person: &str, l: &Ladder, at: &str, target: Option<&str>) -> Placement {
    assign(
        conn,
        &PlacementInput {
            person_id: person.into(),
            ladder_id: l.id.clone(),
            level_id: level(l, at).id.clone(),
            target_level_id: target.map(|t| level(l, t).id.clone()),
        },
    )
    .unwrap()
}

fn manager_rating(conn: &Connection, person: &str, skill_id: &str, level: u8) {
    skills::rate(
        conn,
        &RatingInput {
            person_id: person.into(),
            skill_id: skill_id.into(),
            rater: Rater::Manager,
            level,
            rated_on: None,
            note: None,
        },
        today(),
    )
    .unwrap();
}

#[test]
fn two_ladders_are_seeded_from_the_blueprint() {
    let conn = db::open_in_memory().unwrap();
    let list = list_ladders(&conn).unwrap();
    assert_eq!(
        list.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["Infrastructure Engineer", "Engineering Manager"]
    );
    assert_eq!(list[0].levels, ["L3", "L4", "L5", "L6", "L7"]);
    assert_eq!(list[1].levels, ["M1", "M2", "M3"]);
    assert_eq!(list[1].track, Track::Management);

    // The management competencies are the scorecard's dimensions, with its anchors at M1 and M2.
    let em = find_ladder(&conn, "engineering manager").unwrap();
    let dims = crate::blueprint::scorecard_dimensions(&conn).unwrap();
    assert_eq!(em.competencies.len(), dims.len());
    for (c, dim) in em.competencies.iter().zip(&dims) {
        assert_eq!(c.source_id.as_deref(), Some(dim.source_id.as_str()));
        assert_eq!(c.name, dim.name);
        assert!(
            c.expectations[0].text.starts_with(&dim.meets_bar),
            "{}",
            c.expectations[0].text
        );
        assert!(
            c.expectations[1].text.starts_with(&dim.exceeds),
            "{}",
            c.expectations[1].text
        );
        assert!(!c.expectations[2].text.contains('{'), "no placeholder left");
    }
    // Every text is written, and differs from the level below it (so a diff shows something).
    let data = seed_data().unwrap();
    for l in [&find_ladder(&conn, "Infrastructure").unwrap(), &em] {
        for c in &l.competencies {
            assert!(
                c.expectations
                    .iter()
                    .all(|e| e.text.split_whitespace().count() >= 10),
                "{} has a short text",
                c.name
            );
            for pair in c.expectations.windows(2) {
                assert_ne!(pair[0].text, pair[1].text, "{}", c.name);
            }
        }
        // Expected skills name seeded skills, and never expect less as the levels rise.
        let seeded = data.ladders.iter().find(|s| s.name == l.name).unwrap();
        assert_eq!(
            l.expected_skills.len(),
            seeded
                .expected_skills
                .values()
                .map(|m| m.len())
                .sum::<usize>()
        );
        assert!(!l.expected_skills.is_empty());
    }
    let ic = find_ladder(&conn, "Infrastructure Engineer").unwrap();
    for pair in ic.levels.windows(2) {
        for e in ic
            .expected_skills
            .iter()
            .filter(|e| e.level_id == pair[0].id)
        {
            let above = ic
                .expected_skills
                .iter()
                .find(|x| x.level_id == pair[1].id && x.skill_id == e.skill_id);
            assert!(
                above.is_some_and(|a| a.level >= e.level),
                "{} drops from {}",
                e.skill_name,
                pair[0].key
            );
        }
    }
    // The IC competencies come from the blueprint's hiring criteria and skills.
    let doc = crate::blueprint::document(&conn).unwrap();
    let ids: Vec<String> = doc
        .sections
        .iter()
        .flat_map(|s| all_ids(&s.nodes))
        .collect();
    for c in &ic.competencies {
        assert!(
            ids.contains(c.source_id.as_ref().unwrap()),
            "{} links to a blueprint node",
            c.name
        );
    }
    assert_eq!(
        expand("{meets}. More.", Some(&dims[0])),
        format!("{}. More.", dims[0].meets_bar)
    );
}

fn all_ids(nodes: &[crate::blueprint::BlueprintNode]) -> Vec<String> {
    nodes
        .iter()
        .flat_map(|n| std::iter::once(n.id.clone()).chain(all_ids(&n.children)))
        .collect()
}

#[test]
fn every_ladder_edit_is_on_the_revision_log_with_from_and_to() {
    let (conn, _, ic) = setup();
    let c = comp(&ic, "incident-leadership");
    let l5 = level(&ic, "L5");
    let old = c.expectations[2].text.clone();
    set_expectation(&conn, &c.id, &l5.id, "Leads major incidents as commander.").unwrap();
    // Saving the same text again logs nothing.
    set_expectation(&conn, &c.id, &l5.id, "Leads major incidents as commander.").unwrap();
    update_level(
        &conn,
        &l5.id,
        &LevelInput {
            key: "L5".into(),
            title: "Senior Engineer".into(),
            summary: Some(l5.summary.clone()),
        },
    )
    .unwrap();
    let obs = skills::find_active(&conn, "Observability")
        .unwrap()
        .unwrap();
    set_expected_skill(&conn, &l5.id, &obs.id, Some(4)).unwrap();
    set_expected_skill(&conn, &l5.id, &obs.id, None).unwrap();
    let added = add_competency(
        &conn,
        &ic.id,
        &CompetencyInput {
            slug: None,
            name: "Cost awareness".into(),
            description: None,
        },
    )
    .unwrap();
    let cost = added
        .competencies
        .iter()
        .find(|c| c.slug == "cost-awareness")
        .unwrap();
    assert!(cost.expectations.iter().all(|e| e.text.is_empty()));
    update_competency(
        &conn,
        &cost.id,
        &CompetencyInput {
            slug: Some("finops".into()),
            name: "Cost awareness".into(),
            description: Some("Unit economics".into()),
        },
    )
    .unwrap();
    delete_competency(&conn, &cost.id).unwrap();
    add_level(
        &conn,
        &ic.id,
        &LevelInput {
            key: "L8".into(),
            title: "Distinguished Engineer".into(),
            summary: None,
        },
    )
    .unwrap();
    let h = history(&conn, &ic.id, 50).unwrap();
    let summaries: Vec<&str> = h.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Added level L8 Distinguished Engineer",
            "Deleted the competency Cost awareness",
            "Cost awareness: tag #cost-awareness → #finops; description edited",
            "Added the competency Cost awareness (#cost-awareness)",
            "L5 · Observability: expected 4 → none",
            "L5 · Observability: expected 3 → 4",
            "Level L5: title “Senior Infrastructure Engineer” → “Senior Engineer”",
            "L5 · Incident leadership: expectation edited",
        ]
    );
    let edit = h.last().unwrap();
    assert_eq!(edit.before.as_deref(), Some(old.as_str()));
    assert_eq!(
        edit.after.as_deref(),
        Some("Leads major incidents as commander.")
    );
    assert!(edit.actor.len() > 1 && edit.at.ends_with('Z'));
}

#[test]
fn ladder_edits_are_validated() {
    let (conn, p, ic) = setup();
    let e = add_level(
        &conn,
        &ic.id,
        &LevelInput {
            key: "l4".into(),
            title: "Dup".into(),
            summary: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Conflict, Some("key"))
    );
    let e = add_level(
        &conn,
        &ic.id,
        &LevelInput {
            key: "L 9".into(),
            title: "X".into(),
            summary: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("key"));
    let e = add_competency(
        &conn,
        &ic.id,
        &CompetencyInput {
            slug: Some("Bad Tag".into()),
            name: "X".into(),
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("slug"));
    let e = add_competency(
        &conn,
        &ic.id,
        &CompetencyInput {
            slug: None,
            name: "Observability".into(),
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Conflict, Some("slug"))
    );
    let e = create_ladder(
        &conn,
        &LadderInput {
            name: "engineering MANAGER".into(),
            track: Track::Management,
            description: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    let em = find_ladder(&conn, "Engineering Manager").unwrap();
    let e =
        set_expectation(&conn, &comp(&ic, "observability").id, &em.levels[0].id, "x").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("level_id"));
    // A level someone is on cannot be deleted; a competency with evidence neither.
    place(&conn, &p, &ic, "L4", Some("L5"));
    assert_eq!(
        delete_level(&conn, &level(&ic, "L5").id).unwrap_err().code,
        ErrorCode::Conflict
    );
    add_evidence(
        &conn,
        &EvidenceInput {
            person_id: p.clone(),
            competency_id: comp(&ic, "observability").id.clone(),
            date: None,
            text: "Built the SLO dashboards".into(),
        },
        today(),
    )
    .unwrap();
    assert_eq!(
        delete_competency(&conn, &comp(&ic, "observability").id)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    assert_eq!(
        delete_level(&conn, &level(&ic, "L7").id)
            .unwrap()
            .levels
            .len(),
        4
    );
    assert_eq!(
        slugify("  Strategy & prioritization! "),
        "strategy-prioritization"
    );
    let new = create_ladder(
        &conn,
        &LadderInput {
            name: "Security Engineer".into(),
            track: Track::Ic,
            description: None,
        },
    )
    .unwrap();
    assert!(new.levels.is_empty());
    assert_eq!(find_ladder(&conn, "security").unwrap().id, new.id);
    assert_eq!(
        find_ladder(&conn, "engineer").unwrap_err().code,
        ErrorCode::Conflict,
        "ambiguous"
    );
}

#[test]
fn the_level_diff_shows_exactly_the_texts_that_differ_with_changed_words() {
    let (conn, _, ic) = setup();
    let diff = diff(&conn, &ic.id, "l4", "L5").unwrap();
    assert_eq!((diff.from.key.as_str(), diff.to.key.as_str()), ("L4", "L5"));
    assert_eq!(
        diff.changes.len(),
        6,
        "every seeded text differs between adjacent levels"
    );
    assert_eq!(diff.unchanged, 0);
    // Make one text the same at both levels: it drops out of the diff.
    let obs = comp(&ic, "observability");
    set_expectation(
        &conn,
        &obs.id,
        &level(&ic, "L5").id,
        &obs.expectations[1].text,
    )
    .unwrap();
    let diff2 = super::diff(&conn, &ic.id, "L4", "L5").unwrap();
    assert_eq!(diff2.changes.len(), 5);
    assert_eq!(diff2.unchanged, 1);
    assert!(!diff2.changes.iter().any(|c| c.slug == "observability"));
    // Both texts as stored, and the segments rebuild them exactly.
    for c in &diff.changes {
        let joined = |s: &[Segment]| s.iter().map(|x| x.text.as_str()).collect::<String>();
        assert_eq!(joined(&c.from_segments), c.from_text);
        assert_eq!(joined(&c.to_segments), c.to_text);
        assert!(c.to_segments.iter().any(|s| s.changed));
    }
    // Expected skills that change between the levels.
    let cloud = diff
        .skills
        .iter()
        .find(|s| s.name == "Cloud infrastructure")
        .unwrap();
    assert_eq!((cloud.from, cloud.to), (Some(2), Some(3)));
    let dist = diff
        .skills
        .iter()
        .find(|s| s.name == "Distributed systems reliability")
        .unwrap();
    assert_eq!((dist.from, dist.to), (None, Some(2)));
    assert!(!diff
        .skills
        .iter()
        .any(|s| s.name == "Security" || s.from == s.to));
    assert_eq!(
        super::diff(&conn, &ic.id, "L4", "L9")
            .unwrap_err()
            .field
            .as_deref(),
        Some("to")
    );
}

#[test]
fn word_diff_marks_only_the_changed_words() {
    let (a, b) = word_diff(
        "Owns one service and its runbook.",
        "Owns a platform area and its runbook.",
    );
    let marked = |s: &[Segment]| {
        s.iter()
            .filter(|x| x.changed)
            .map(|x| x.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(marked(&a), ["one service"]);
    assert_eq!(marked(&b), ["a platform area"]);
    let (a, b) = word_diff("same text", "same text");
    assert!(a.iter().chain(&b).all(|s| !s.changed));
    let (a, b) = word_diff("", "All new");
    assert!(a.is_empty());
    assert_eq!(marked(&b), ["All new"]);
    let (a, _) = word_diff("Leads   incidents\nwell", "Leads incidents badly");
    assert_eq!(
        a.iter().map(|s| s.text.as_str()).collect::<String>(),
        "Leads   incidents\nwell",
        "whitespace kept"
    );
    assert_eq!(marked(&a), ["well"]);
}

#[test]
fn placements_and_assessments_are_checked_and_logged() {
    let (conn, p, ic) = setup();
    assert!(readiness(&conn, &p).unwrap().is_none());
    let e = assign(
        &conn,
        &PlacementInput {
            person_id: p.clone(),
            ladder_id: ic.id.clone(),
            level_id: level(&ic, "L5").id.clone(),
            target_level_id: Some(level(&ic, "L4").id.clone()),
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("target_level_id"));
    let em = find_ladder(&conn, "Engineering Manager").unwrap();
    let e = assign(
        &conn,
        &PlacementInput {
            person_id: p.clone(),
            ladder_id: ic.id.clone(),
            level_id: em.levels[0].id.clone(),
            target_level_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("level_id"));
    let placed = place(&conn, &p, &ic, "L4", Some("L5"));
    assert_eq!(
        (placed.level_key.as_str(), placed.target_key.as_deref()),
        ("L4", Some("L5"))
    );
    let c = comp(&ic, "incident-leadership");
    assess(
        &conn,
        &p,
        &c.id,
        Some(AssessmentRating::Below),
        "Needs to run a major incident",
        d("2026-05-01"),
    )
    .unwrap();
    assess(
        &conn,
        &p,
        &c.id,
        Some(AssessmentRating::Meets),
        "Ran the DNS outage",
        d("2026-09-01"),
    )
    .unwrap();
    let e = assess(
        &conn,
        &p,
        &em.competencies[0].id,
        Some(AssessmentRating::Meets),
        "",
        today(),
    )
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("competency_id"),
        "not their ladder"
    );
    let h = history(&conn, &p, 10).unwrap();
    let summaries: Vec<&str> = h.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Ada, Incident leadership: below → meets",
            "Ada, Incident leadership: not assessed → below",
            "Ada: not on a ladder → Infrastructure Engineer L4 (target L5)",
        ]
    );
    unassign(&conn, &p).unwrap();
    assert!(placement(&conn, &p).unwrap().is_none());
}

#[test]
fn readiness_counts_competencies_and_skills_against_the_target() {
    let (conn, p, ic) = setup();
    place(&conn, &p, &ic, "L4", None);
    // No target: measured against the next level.
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.against_key.as_deref(), Some("L5"));
    assert_eq!((r.met, r.total, r.status), (0, 6, ReadinessStatus::NotYet));
    assert_eq!(r.unassessed.len(), 6);
    assert_eq!(
        r.skills_under.len(),
        9,
        "every skill L5 expects is unrated, so under"
    );
    assert!(r.skills_under.iter().all(|g| g.actual.is_none()));
    let l5 = comp(&ic, "incident-leadership");
    assert_eq!(
        r.competencies
            .iter()
            .find(|s| s.slug == "incident-leadership")
            .unwrap()
            .target_text,
        l5.expectations[2].text
    );
    assert_eq!(
        r.competencies[0].current_text,
        ic.competencies[0].expectations[1].text
    );

    // Meet everything but one competency and two skills: close.
    for c in &ic.competencies {
        let rating = if c.slug == "security-posture" {
            AssessmentRating::Below
        } else {
            AssessmentRating::Exceeds
        };
        assess(&conn, &p, &c.id, Some(rating), "", today()).unwrap();
    }
    let under: Vec<(String, u8)> = r
        .skills_under
        .iter()
        .map(|g| (g.skill_id.clone(), g.expected))
        .collect();
    for (i, (skill, expected)) in under.iter().enumerate() {
        // The first one a level short; the second never rated; the rest at or above.
        match i {
            0 => manager_rating(&conn, &p, skill, expected - 1),
            1 => {}
            _ => manager_rating(&conn, &p, skill, *expected),
        }
    }
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.met, 5);
    assert_eq!(r.below, ["Security posture"]);
    assert_eq!(r.skills_under.len(), 2);
    assert_eq!(r.skills_under[0].actual, Some(under[0].1 - 1));
    assert_eq!(r.skills_under[1].actual, None);
    assert_eq!(r.status, ReadinessStatus::NotYet, "three gaps");
    manager_rating(&conn, &p, &under[1].0, 4);
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.status, ReadinessStatus::Close);
    assert_eq!(
        r.summary,
        "5 of 6 competencies met for L5; 1 competency below, 1 skill under the expected level"
    );
    manager_rating(&conn, &p, &under[0].0, 4);
    assess(
        &conn,
        &p,
        &comp(&ic, "security-posture").id,
        Some(AssessmentRating::Meets),
        "",
        today(),
    )
    .unwrap();
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.status, ReadinessStatus::Ready);
    assert_eq!(r.summary, "Ready for L5: meets every competency and skill");
    // A later, lower rating of a skill reopens the gap (the latest counts).
    manager_rating(&conn, &p, &under[0].0, 1);
    assert_eq!(
        readiness(&conn, &p).unwrap().unwrap().status,
        ReadinessStatus::Close
    );
    // With a target two levels up, that level's expectations count.
    place(&conn, &p, &ic, "L4", Some("L6"));
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.against_key.as_deref(), Some("L6"));
    assert!(r
        .skills_under
        .iter()
        .any(|g| g.name == "Network architecture"));
    // At the top, nothing to be ready for.
    place(&conn, &p, &ic, "L7", None);
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.status, ReadinessStatus::AtTop);
    assert!(r.skills_under.is_empty());
    // The skills profile uses the current level's expectations.
    let profile = skills::profile(&conn, &p, None).unwrap();
    assert_eq!(profile.level_key.as_deref(), Some("L7"));
    assert!(profile
        .skills
        .iter()
        .any(|s| s.name == "Cloud infrastructure" && s.expected == Some(4)));
}

#[test]
fn tags_and_paragraphs_are_read_like_notes() {
    assert_eq!(
        tags("Ran the outage #incident-leadership, then #Observability."),
        ["incident-leadership", "observability"]
    );
    assert_eq!(
        tags("## Heading\nissue#12 and &#39; and ##x #-"),
        Vec::<String>::new()
    );
    assert_eq!(tags("#a #a"), ["a"]);
    let notes = "## Wins\n- Led the DNS outage #incident-leadership\n  and wrote it up\n- Other\n\nA paragraph\nover two lines #observability\n\n1. [x] Done #x";
    assert_eq!(
        paragraphs(notes),
        [
            "## Wins",
            "Led the DNS outage #incident-leadership and wrote it up",
            "Other",
            "A paragraph over two lines #observability",
            "Done #x"
        ]
    );
}

#[test]
fn a_tag_in_a_1on1_files_evidence_once_updates_it_and_removes_it() {
    let (conn, p, ic) = setup();
    place(&conn, &p, &ic, "L4", Some("L5"));
    let m = oo::start_meeting(&conn, &p, Some("2026-11-20"), d("2026-11-26")).unwrap();
    let notes = |shared: &str, private: &str| NotesInput {
        shared_notes: shared.into(),
        private_notes: private.into(),
        ..Default::default()
    };
    let save = |n: &NotesInput| oo::save_notes(&conn, &m.id, n).unwrap();
    // Typing: autosave fires on every prefix; only one entry comes of it.
    let text = "Ran the DNS outage as incident commander #incident-leadership";
    for end in (10..=text.len()).step_by(7).chain([text.len()]) {
        save(&notes(&format!("Intro line.\n\n{}", &text[..end]), ""));
    }
    let ev = evidence(&conn, &p).unwrap();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].text, text);
    assert_eq!(
        (ev[0].slug.as_str(), ev[0].source, ev[0].date.as_str()),
        ("incident-leadership", EvidenceSource::Notes, "2026-11-20")
    );
    assert_eq!(
        ev[0].meeting_id.as_deref(),
        Some(m.id.as_str()),
        "links back to the 1:1"
    );
    assert_eq!(ev[0].meeting_date.as_deref(), Some("2026-11-20"));
    let id = ev[0].id.clone();
    // Saving the same state again changes nothing; editing the paragraph updates the same entry.
    save(&notes(&format!("Intro line.\n\n{text}"), ""));
    save(&notes(
        &format!("Intro line.\n\n{text}; wrote the postmortem"),
        "",
    ));
    let ev = evidence(&conn, &p).unwrap();
    assert_eq!((ev.len(), ev[0].id.as_str()), (1, id.as_str()));
    assert!(ev[0].text.ends_with("wrote the postmortem"));
    // Two tags in one paragraph: one entry per competency. A tag of another ladder: nothing.
    save(&notes(
        &format!("{text} #observability #leadership\n\n- Tuned alerts #observability"),
        "",
    ));
    let ev = evidence(&conn, &p).unwrap();
    let mut slugs: Vec<&str> = ev.iter().map(|e| e.slug.as_str()).collect();
    slugs.sort();
    assert_eq!(
        slugs,
        ["incident-leadership", "observability", "observability"]
    );
    assert!(ev.iter().any(|e| e.text == "Tuned alerts #observability"));
    // Private notes never file evidence, however tagged.
    save(&notes(
        "",
        "Struggling with #incident-leadership, not ready #observability",
    ));
    assert!(
        evidence(&conn, &p).unwrap().is_empty(),
        "removing the tags removed the entries; private notes add none"
    );
    // The agenda counts like the shared notes.
    oo::save_notes(
        &conn,
        &m.id,
        &NotesInput {
            agenda: "- Prep the game day #incident-leadership".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(evidence(&conn, &p).unwrap().len(), 1);
    // Off the ladders, tags file nothing.
    let other = people::add(
        &conn,
        &PersonInput {
            name: "Bo".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let m2 = oo::start_meeting(&conn, &other.id, Some("2026-11-20"), d("2026-11-26")).unwrap();
    oo::save_notes(&conn, &m2.id, &notes("#incident-leadership", "")).unwrap();
    assert!(evidence(&conn, &other.id).unwrap().is_empty());
    // Deleting the 1:1 takes the evidence filed from its notes with it.
    oo::delete_meeting(&conn, &m.id).unwrap();
    assert!(evidence(&conn, &p).unwrap().is_empty());
}

#[test]
fn a_tagged_action_item_files_evidence_linked_to_its_meeting() {
    let (conn, p, ic) = setup();
    place(&conn, &p, &ic, "L4", Some("L5"));
    let m = oo::start_meeting(&conn, &p, Some("2026-11-18"), d("2026-11-26")).unwrap();
    let action = |text: &str, meeting: Option<String>| {
        oo::add_action(
            &conn,
            &NewAction {
                person_id: p.clone(),
                text: text.into(),
                owner: Owner::Them,
                due_date: None,
                meeting_id: meeting,
            },
            d("2026-11-26"),
        )
        .unwrap()
    };
    action(
        "Write the Terraform module tests #iac-automation",
        Some(m.id.clone()),
    );
    action("Book the dentist", None);
    let ev = evidence(&conn, &p).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(
        (
            ev[0].source,
            ev[0].date.as_str(),
            ev[0].meeting_id.as_deref()
        ),
        (EvidenceSource::Action, "2026-11-18", Some(m.id.as_str()))
    );
    assert_eq!(
        ev[0].text,
        "Write the Terraform module tests #iac-automation"
    );
    // Tagged evidence belongs to its source; manual entries can be deleted.
    assert_eq!(
        delete_evidence(&conn, &ev[0].id)
            .unwrap_err()
            .field
            .as_deref(),
        Some("evidence")
    );
    let manual = add_evidence(
        &conn,
        &EvidenceInput {
            person_id: p.clone(),
            competency_id: comp(&ic, "observability").id.clone(),
            date: Some("2026-10-01".into()),
            text: "SLO review".into(),
        },
        d("2026-11-26"),
    )
    .unwrap();
    assert_eq!(manual.source, EvidenceSource::Manual);
    let e = add_evidence(
        &conn,
        &EvidenceInput {
            person_id: p.clone(),
            competency_id: manual.competency_id.clone(),
            date: Some("2026-12-01".into()),
            text: "x".into(),
        },
        d("2026-11-26"),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("date"));
    delete_evidence(&conn, &manual.id).unwrap();
    assert_eq!(evidence(&conn, &p).unwrap().len(), 1);
    let r = readiness(&conn, &p).unwrap().unwrap();
    assert_eq!(r.evidence, 1);
    assert_eq!(
        r.competencies
            .iter()
            .find(|s| s.slug == "iac-automation")
            .unwrap()
            .last_evidence
            .as_deref(),
        Some("2026-11-18")
    );
}

#[test]
fn the_prep_names_new_evidence_and_rating_changes_since_the_last_1on1() {
    let (conn, p, ic) = setup();
    place(&conn, &p, &ic, "L4", Some("L5"));
    let iac = skills::find_active(&conn, "Infrastructure as code")
        .unwrap()
        .unwrap();
    manager_rating(&conn, &p, &iac.id, 2);
    let last = oo::start_meeting(&conn, &p, None, today()).unwrap();
    // Tagged in the last 1:1 itself: that is not news since it.
    oo::save_notes(
        &conn,
        &last.id,
        &NotesInput {
            shared_notes: "Led the failover drill #incident-leadership".into(),
            ..Default::default()
        },
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3));
    manager_rating(&conn, &p, &iac.id, 3);
    add_evidence(
        &conn,
        &EvidenceInput {
            person_id: p.clone(),
            competency_id: comp(&ic, "observability").id.clone(),
            date: None,
            text: "Rebuilt the alerting".into(),
        },
        today(),
    )
    .unwrap();
    let prep = oo::prep(&conn, &p, today()).unwrap();
    assert!(
        prep.since_last
            .contains(&"Skill rating: Infrastructure as code 2 → 3".to_string()),
        "{:?}",
        prep.since_last
    );
    assert!(
        prep.since_last
            .contains(&format!("New evidence on Observability, {}", today())),
        "{:?}",
        prep.since_last
    );
    assert!(
        !prep
            .since_last
            .iter()
            .any(|l| l.contains("Incident leadership")),
        "{:?}",
        prep.since_last
    );
}

#[test]
fn the_palette_finds_competencies_by_name_and_expectation() {
    let (conn, ..) = setup();
    let hits = crate::palette::search(&conn, "incident commander").unwrap();
    let c = hits.iter().find(|h| h.kind == "competency").unwrap();
    assert_eq!(c.title, "Incident leadership");
    assert_eq!(
        c.detail,
        "Competency · Infrastructure Engineer · #incident-leadership"
    );
    assert_eq!(c.group, "Competencies");
    let hits = crate::palette::search(&conn, "strategy prior").unwrap();
    assert!(hits.iter().any(
        |h| h.kind == "competency" && h.detail.starts_with("Competency · Engineering Manager")
    ));
}

#[test]
fn taking_someone_off_their_ladder_keeps_the_evidence_their_notes_filed() {
    let (conn, p, ic) = setup();
    place(&conn, &p, &ic, "L4", Some("L5"));
    let m = oo::start_meeting(&conn, &p, Some("2026-11-20"), d("2026-11-26")).unwrap();
    let notes = NotesInput {
        shared_notes: "Ran the game day #incident-leadership".into(),
        ..Default::default()
    };
    oo::save_notes(&conn, &m.id, &notes).unwrap();
    unassign(&conn, &p).unwrap();
    // The next autosave of that 1:1 files nothing new and removes nothing.
    oo::save_notes(&conn, &m.id, &notes).unwrap();
    assert_eq!(evidence(&conn, &p).unwrap().len(), 1);
}
