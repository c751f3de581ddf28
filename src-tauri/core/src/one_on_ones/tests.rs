//! 1:1 rules against an in-memory database.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::db;
use crate::error::ErrorCode;
use crate::people::{self, PersonInput};
use crate::search::{query_words, snippet};
use crate::time::parse_date;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn setup() -> (Connection, String) {
    let conn = db::open_in_memory().unwrap();
    let p = people::add(
        &conn,
        &PersonInput {
            name: "Ada".into(),
            ..Default::default()
        },
    )
    .unwrap();
    (conn, p.id)
}

fn action(
    conn: &Connection,
    person: &str,
    text: &str,
    due: Option<&str>,
    today: NaiveDate,
) -> ActionItem {
    let new = NewAction {
        person_id: person.into(),
        text: text.into(),
        owner: Owner::Them,
        due_date: due.map(str::to_owned),
        meeting_id: None,
    };
    add_action(conn, &new, today).unwrap()
}

#[test]
fn cadence_rules() {
    let today = d("2026-11-26");
    let st = |c, last: &str| cadence_status(c, Some(d(last)), today).state;
    assert_eq!(
        cadence_status(Cadence::Weekly, None, today).state,
        DueState::NeverMet
    );
    assert_eq!(st(Cadence::Weekly, "2026-11-19"), DueState::Due);
    assert_eq!(st(Cadence::Weekly, "2026-11-18"), DueState::Overdue);
    assert_eq!(st(Cadence::Weekly, "2026-11-21"), DueState::DueSoon);
    assert_eq!(st(Cadence::Weekly, "2026-11-22"), DueState::OnTrack);
    assert_eq!(st(Cadence::Biweekly, "2026-11-12"), DueState::Due);
    assert_eq!(st(Cadence::Monthly, "2026-10-26"), DueState::Due);
    assert_eq!(st(Cadence::Monthly, "2026-10-27"), DueState::DueSoon);
    assert_eq!(st(Cadence::Monthly, "2026-10-30"), DueState::OnTrack);
    // Monthly from the 31st lands on the month's last day.
    assert_eq!(
        Cadence::Monthly.next_after(d("2026-01-31")),
        d("2026-02-28")
    );
    let s = cadence_status(Cadence::Weekly, Some(d("2026-11-10")), today);
    assert_eq!(
        (s.days_since_last, s.next_due.as_deref()),
        (Some(16), Some("2026-11-17"))
    );
}

#[test]
fn open_actions_carry_forward_until_done_overdue_first() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let later = action(
        &conn,
        &ada,
        "Write the DR runbook",
        Some("2026-12-10"),
        today,
    );
    let undated = action(&conn, &ada, "Pair on Terraform modules", None, today);
    let overdue = action(
        &conn,
        &ada,
        "Send the postmortem",
        Some("2026-11-20"),
        today,
    );
    let ids = |v: Vec<ActionItem>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(
        ids(open_actions(&conn, &ada, today).unwrap()),
        [overdue.id.clone(), later.id.clone(), undated.id.clone()]
    );
    assert!(open_actions(&conn, &ada, today).unwrap()[0].overdue);

    // They carry into the next meeting's agenda, and the one after, until done.
    let m1 = start_meeting(&conn, &ada, Some("2026-11-19"), today).unwrap();
    assert!(m1.agenda.contains("Send the postmortem"));
    set_action_done(&conn, &overdue.id, true, today).unwrap();
    let m2 = start_meeting(&conn, &ada, None, today).unwrap();
    assert!(
        !m2.agenda.contains("Send the postmortem"),
        "done items stop carrying forward"
    );
    assert!(
        m2.agenda.contains("Write the DR runbook")
            && m2.agenda.contains("Pair on Terraform modules")
    );
    // Reopening brings it back.
    set_action_done(&conn, &overdue.id, false, today).unwrap();
    assert_eq!(open_actions(&conn, &ada, today).unwrap().len(), 3);
}

#[test]
fn start_meeting_fills_agenda_and_takes_the_queued_points() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    set_settings(
        &conn,
        &OneOnOneSettings {
            person_id: ada.clone(),
            cadence: Cadence::Biweekly,
            template_id: Some("tpl-feedback".into()),
        },
    )
    .unwrap();
    add_talking_point(&conn, &ada, "Promotion timeline", Author::Theirs).unwrap();
    add_talking_point(&conn, &ada, "On-call swap in December", Author::Mine).unwrap();
    let prep_before = prep(&conn, &ada, today).unwrap();
    assert_eq!(prep_before.status.state, DueState::NeverMet);
    assert_eq!(prep_before.talking_points.len(), 2);
    assert_eq!(prep_before.suggested_questions.len(), 4);

    let m = start_meeting(&conn, &ada, None, today).unwrap();
    assert_eq!(m.date, "2026-11-26");
    assert!(m
        .agenda
        .starts_with("## Talking points\n- (theirs) Promotion timeline\n- (mine) On-call swap"));
    assert!(m
        .agenda
        .contains("## Questions\n- What is one thing I could do differently"));
    let after = prep(&conn, &ada, today).unwrap();
    assert!(
        after.talking_points.is_empty(),
        "points moved into the meeting"
    );
    assert_eq!(after.status.state, DueState::OnTrack);
    assert_eq!(after.status.next_due.as_deref(), Some("2026-12-10"));
    assert_eq!(after.last_meeting.unwrap().id, m.id);
}

#[test]
fn notes_save_idempotently_and_validate() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let m = start_meeting(&conn, &ada, None, today).unwrap();
    let notes = NotesInput {
        agenda: m.agenda.clone(),
        shared_notes: "Agreed to split the migration".into(),
        private_notes: "Seems tired; check on-call load".into(),
        mood: Some(3),
        energy: Some(2),
    };
    let saved = save_notes(&conn, &m.id, &notes).unwrap();
    assert_eq!(
        save_notes(&conn, &m.id, &notes).unwrap().private_notes,
        saved.private_notes
    );
    let bad = NotesInput {
        mood: Some(6),
        ..notes.clone()
    };
    assert_eq!(
        save_notes(&conn, &m.id, &bad).unwrap_err().field.as_deref(),
        Some("mood")
    );
    assert_eq!(
        save_notes(&conn, "nope", &notes).unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(get_meeting(&conn, &m.id).unwrap().mood, Some(3));
}

#[test]
fn inputs_are_validated() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    assert_eq!(
        add_talking_point(&conn, &ada, "  ", Author::Mine)
            .unwrap_err()
            .field
            .as_deref(),
        Some("text")
    );
    assert_eq!(
        add_talking_point(&conn, "ghost", "x", Author::Mine)
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    let bad_due = NewAction {
        person_id: ada.clone(),
        text: "x".into(),
        owner: Owner::Me,
        due_date: Some("2026-02-30".into()),
        meeting_id: None,
    };
    assert_eq!(
        add_action(&conn, &bad_due, today)
            .unwrap_err()
            .field
            .as_deref(),
        Some("due_date")
    );
    assert_eq!(
        start_meeting(&conn, &ada, Some("2026-11-27"), today)
            .unwrap_err()
            .field
            .as_deref(),
        Some("date")
    );
    let bad_tpl = OneOnOneSettings {
        person_id: ada.clone(),
        cadence: Cadence::Weekly,
        template_id: Some("nope".into()),
    };
    assert_eq!(
        set_settings(&conn, &bad_tpl).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn since_last_lists_what_changed() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let a = action(&conn, &ada, "Draft the roadmap", None, today);
    let g = add_goal(&conn, &ada, "Lead an incident review").unwrap();
    start_meeting(&conn, &ada, Some("2026-11-19"), today).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    set_action_done(&conn, &a.id, true, today).unwrap();
    set_goal_status(&conn, &g.id, GoalStatus::Achieved).unwrap();
    let p = prep(&conn, &ada, today).unwrap();
    assert_eq!(
        p.since_last,
        [
            "Done: Draft the roadmap",
            "Goal “Lead an incident review” is now achieved"
        ]
    );
    // The first three done items are named, the rest counted.
    std::thread::sleep(std::time::Duration::from_millis(5));
    for text in [
        "Book the offsite",
        "Send the RFC",
        "Fix the alert",
        "Ship it",
    ] {
        let a = action(&conn, &ada, text, None, today);
        set_action_done(&conn, &a.id, true, today).unwrap();
    }
    let lines = prep(&conn, &ada, today).unwrap().since_last;
    assert_eq!(lines[0], "Done: Draft the roadmap");
    assert_eq!(lines[3], "…and 2 more action items done");
    assert!(lines[4].starts_with("Goal"), "{lines:?}");
    let mut profile = PersonInput {
        name: p.person.name.clone(),
        title: Some("Staff Engineer".into()),
        ..Default::default()
    };
    profile.email = p.person.email.clone();
    let edited = people::update(&conn, &ada, &profile).unwrap();
    let p = prep(&conn, &ada, today).unwrap();
    assert_eq!(
        p.since_last.last().unwrap(),
        &format!(
            "Profile, {}: Title none → Staff Engineer",
            &edited.updated_at[..10]
        )
    );
}

#[test]
fn due_this_week_lists_due_and_overdue_people() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let bob = people::add(
        &conn,
        &PersonInput {
            name: "Bob".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let cy = people::add(
        &conn,
        &PersonInput {
            name: "Cy".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    start_meeting(&conn, &ada, Some("2026-11-10"), today).unwrap(); // overdue since the 17th
    start_meeting(&conn, &bob, Some("2026-11-25"), today).unwrap(); // due 2 Dec: this week
    set_settings(
        &conn,
        &OneOnOneSettings {
            person_id: cy.clone(),
            cadence: Cadence::Monthly,
            template_id: None,
        },
    )
    .unwrap();
    start_meeting(&conn, &cy, Some("2026-11-20"), today).unwrap(); // due 20 Dec: not this week
    let due: Vec<(String, DueState)> = due_this_week(&conn, today)
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.status.state))
        .collect();
    assert_eq!(
        due,
        [
            ("Ada".to_string(), DueState::Overdue),
            ("Bob".to_string(), DueState::OnTrack)
        ]
    );
}

#[test]
fn search_covers_notes_points_and_actions_and_follows_edits() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let bob = people::add(
        &conn,
        &PersonInput {
            name: "Bob".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    add_talking_point(&conn, &ada, "Kubernetes upgrade worries", Author::Theirs).unwrap();
    action(&conn, &bob, "Draft the kubernetes runbook", None, today);
    let m = start_meeting(&conn, &ada, Some("2026-11-20"), today).unwrap();
    let notes = NotesInput {
        shared_notes: "Talked through the Kubernetes upgrade plan".into(),
        private_notes: "Considering a transfer".into(),
        ..Default::default()
    };
    save_notes(&conn, &m.id, &notes).unwrap();

    let hits = search(&conn, "kubern", None, 20).unwrap();
    let kinds: Vec<NoteKind> = hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&NoteKind::Meeting)
            && kinds.contains(&NoteKind::Point)
            && kinds.contains(&NoteKind::Action)
    );
    assert!(hits.iter().all(|h| h.snippet.contains('\u{2}')));
    assert_eq!(
        search(&conn, "kubernetes", Some(&bob), 20).unwrap().len(),
        1,
        "filter by person"
    );
    let private = search(&conn, "transfer", None, 20).unwrap();
    assert_eq!((private.len(), private[0].kind), (1, NoteKind::Private));

    // Autosave replaces the indexed text: old words stop matching.
    save_notes(
        &conn,
        &m.id,
        &NotesInput {
            shared_notes: "Only terraform now".into(),
            ..notes
        },
    )
    .unwrap();
    assert!(search(&conn, "upgrade plan", Some(&ada), 20)
        .unwrap()
        .iter()
        .all(|h| h.kind != NoteKind::Meeting));
    assert_eq!(search(&conn, "terraform", None, 20).unwrap().len(), 1);
}

#[test]
fn search_ranks_denser_matches_first() {
    let (conn, ada) = setup();
    let today = d("2026-11-26");
    let once = start_meeting(&conn, &ada, Some("2026-11-01"), today).unwrap();
    let many = start_meeting(&conn, &ada, Some("2026-10-01"), today).unwrap();
    let with = |t: &str| NotesInput {
        shared_notes: t.into(),
        ..Default::default()
    };
    save_notes(
        &conn,
        &once.id,
        &with("We discussed the roadmap, hiring, budget, offsites and latency once"),
    )
    .unwrap();
    save_notes(&conn, &many.id, &with("latency latency latency budget")).unwrap();
    let hits = search(&conn, "latency", None, 10).unwrap();
    assert_eq!(
        hits[0].ref_id, many.id,
        "more occurrences in a shorter text rank first"
    );
}

#[test]
fn snippets_highlight_whole_words_and_the_last_prefix() {
    let words = query_words("error budg");
    let text = "Long intro words here. The error budget burned; errors everywhere and a budgie.";
    let s = snippet(text, &words, 6);
    assert_eq!(
        s,
        "…here. The \u{2}error\u{3} \u{2}budget\u{3} burned; errors…"
    );
    assert_eq!(snippet("", &words, 6), "");
    // Markdown structure becomes one readable line.
    let notes =
        "## Talking points\n- (theirs) the **error budget**\n\n## Outcome\nDone.\n> Next: more";
    assert_eq!(
        snippet(notes, &query_words("budget"), 20),
        "Talking points · (theirs) the error \u{2}budget\u{3} · Outcome · Done. Next: more"
    );
    assert_eq!(snippet("no match at all", &words, 2), "no match…");
}

#[test]
fn default_templates_are_seeded_once() {
    let conn = db::open_in_memory().unwrap();
    let names: Vec<String> = templates(&conn)
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        [
            "Career growth",
            "Feedback both ways",
            "On-call load and wellbeing"
        ]
    );
    conn.execute(
        "DELETE FROM one_on_one_templates WHERE id = 'tpl-feedback'",
        [],
    )
    .unwrap();
    ensure_default_templates(&conn).unwrap();
    assert_eq!(
        templates(&conn).unwrap().len(),
        2,
        "a deleted default stays deleted"
    );
}

fn tpl(name: &str, questions: &[&str]) -> TemplateInput {
    TemplateInput {
        name: name.into(),
        questions: questions.iter().map(|q| q.to_string()).collect(),
    }
}

#[test]
fn templates_are_created_cleaned_and_edited() {
    let (conn, ada) = setup();
    let t = create_template(
        &conn,
        &tpl(
            "  Onboarding  ",
            &["  How is week one going? ", "", "   ", "Who helped?"],
        ),
    )
    .unwrap();
    assert_eq!(t.name, "Onboarding");
    assert_eq!(t.questions, ["How is week one going?", "Who helped?"]);
    assert!(!t.builtin);
    assert_eq!(t.used_by, 0);

    set_settings(
        &conn,
        &OneOnOneSettings {
            person_id: ada.clone(),
            cadence: Cadence::Weekly,
            template_id: Some(t.id.clone()),
        },
    )
    .unwrap();
    let edited = update_template(
        &conn,
        &t.id,
        &tpl("Onboarding (30 days)", &["What surprised you?"]),
    )
    .unwrap();
    assert_eq!(edited.used_by, 1);
    let p = prep(&conn, &ada, d("2026-03-02")).unwrap();
    assert_eq!(p.template_name.as_deref(), Some("Onboarding (30 days)"));
    assert_eq!(p.suggested_questions, ["What surprised you?"]);

    // The shipped ones are editable too, and keep their builtin mark.
    let career =
        update_template(&conn, "tpl-career-growth", &tpl("Career", &["Where next?"])).unwrap();
    assert!(career.builtin);
    assert_eq!(career.questions, ["Where next?"]);
}

#[test]
fn templates_are_found_by_id_or_name_in_any_case() {
    let conn = db::open_in_memory().unwrap();
    assert_eq!(
        find_template(&conn, " on-call LOAD and wellbeing ")
            .unwrap()
            .id,
        "tpl-oncall-wellbeing"
    );
    assert_eq!(
        find_template(&conn, "tpl-feedback").unwrap().name,
        "Feedback both ways"
    );
    let err = find_template(&conn, "Onboarding").unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::InvalidInput, Some("template"))
    );
}

#[test]
fn template_input_is_validated() {
    let (conn, _) = setup();
    let field = |input: TemplateInput| create_template(&conn, &input).unwrap_err().field;
    assert_eq!(field(tpl("  ", &["Q?"])).as_deref(), Some("name"));
    assert_eq!(
        field(tpl(&"x".repeat(81), &["Q?"])).as_deref(),
        Some("name")
    );
    assert_eq!(
        field(tpl("Empty", &["", "  "])).as_deref(),
        Some("questions")
    );
    let many: Vec<String> = (0..31).map(|i| format!("Q{i}?")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(field(tpl("Many", &many)).as_deref(), Some("questions"));
    let long = "q".repeat(501);
    let err = create_template(&conn, &tpl("Long", &["Fine?", &long])).unwrap_err();
    assert_eq!(err.message, "Question 2 is longer than 500 characters");

    // Names are unique regardless of case, but a template may keep its own name.
    let err = create_template(&conn, &tpl("career GROWTH", &["Q?"])).unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::Conflict, Some("name"))
    );
    update_template(&conn, "tpl-career-growth", &tpl("Career growth", &["Q?"])).unwrap();
    let err = update_template(&conn, "tpl-feedback", &tpl("Career Growth", &["Q?"])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        update_template(&conn, "nope", &tpl("X", &["Q?"]))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
}

#[test]
fn deleting_a_template_unassigns_it_and_keeps_past_agendas() {
    let (conn, ada) = setup();
    set_settings(
        &conn,
        &OneOnOneSettings {
            person_id: ada.clone(),
            cadence: Cadence::Weekly,
            template_id: Some("tpl-feedback".into()),
        },
    )
    .unwrap();
    let m = start_meeting(&conn, &ada, None, d("2026-03-02")).unwrap();
    assert!(m.agenda.contains("support you better"));

    delete_template(&conn, "tpl-feedback").unwrap();
    assert_eq!(settings(&conn, &ada).unwrap().template_id, None);
    assert!(prep(&conn, &ada, d("2026-03-03"))
        .unwrap()
        .suggested_questions
        .is_empty());
    assert_eq!(get_meeting(&conn, &m.id).unwrap().agenda, m.agenda);
    assert_eq!(
        delete_template(&conn, "tpl-feedback").unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn a_meeting_can_move_to_its_real_date_but_not_into_the_future() {
    let (conn, ada) = setup();
    let today = d("2026-03-10");
    let m = start_meeting(&conn, &ada, None, today).unwrap();
    let moved = set_meeting_date(&conn, &m.id, "2026-03-09", today).unwrap();
    assert_eq!(moved.date, "2026-03-09");
    assert_eq!(
        prep(&conn, &ada, today).unwrap().status.days_since_last,
        Some(1)
    );
    // Search results carry the new date too.
    save_notes(
        &conn,
        &m.id,
        &NotesInput {
            shared_notes: "kubernetes upgrade".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        search(&conn, "kubernetes", None, 10).unwrap()[0].date,
        "2026-03-09"
    );

    let err = set_meeting_date(&conn, &m.id, "2026-03-11", today).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("date"));
    let err = set_meeting_date(&conn, &m.id, "2026-02-30", today).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("date"));
    assert_eq!(get_meeting(&conn, &m.id).unwrap().date, "2026-03-09");
}

#[test]
fn one_meeting_per_person_per_day() {
    let (conn, ada) = setup();
    let today = d("2026-03-10");
    let first = start_meeting(&conn, &ada, None, today).unwrap();
    add_talking_point(&conn, &ada, "Hiring plan", Author::Mine).unwrap();
    let err = start_meeting(&conn, &ada, None, today).unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::Conflict, Some("date"))
    );
    // Nothing written: still one meeting, and the point is still queued for the next one.
    assert_eq!(meetings(&conn, &ada).unwrap().len(), 1);
    assert_eq!(queued_points(&conn, &ada).unwrap().len(), 1);

    // Another day is fine; moving it onto the first one's day is not; re-saving its own
    // date is.
    let second = start_meeting(&conn, &ada, Some("2026-03-03"), today).unwrap();
    let err = set_meeting_date(&conn, &second.id, &first.date, today).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    set_meeting_date(&conn, &second.id, "2026-03-03", today).unwrap();
}

#[test]
fn deleting_a_meeting_requeues_its_points_and_keeps_its_actions() {
    let (conn, ada) = setup();
    let today = d("2026-03-10");
    add_talking_point(&conn, &ada, "Promotion timeline", Author::Theirs).unwrap();
    let m = start_meeting(&conn, &ada, None, today).unwrap();
    assert!(queued_points(&conn, &ada).unwrap().is_empty());
    let a = add_action(
        &conn,
        &NewAction {
            person_id: ada.clone(),
            text: "Draft the packet".into(),
            owner: Owner::Me,
            due_date: None,
            meeting_id: Some(m.id.clone()),
        },
        today,
    )
    .unwrap();

    delete_meeting(&conn, &m.id).unwrap();
    assert!(meetings(&conn, &ada).unwrap().is_empty());
    let queued = queued_points(&conn, &ada).unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].text, "Promotion timeline");
    let open = open_actions(&conn, &ada, today).unwrap();
    assert_eq!(
        (open[0].id.as_str(), open[0].meeting_id.as_deref()),
        (a.id.as_str(), None)
    );
    assert_eq!(
        delete_meeting(&conn, &m.id).unwrap_err().code,
        ErrorCode::NotFound
    );
}
