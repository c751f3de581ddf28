//! One person's 1:1 history as Markdown. Private notes stay out unless the user explicitly asks
//! (`include_private`); the person's manager-only profile notes never appear.

use leadbook_core::one_on_ones::OneOnOneExport;

pub fn to_markdown(h: &OneOnOneExport, include_private: bool) -> String {
    let mut out = format!("# 1:1s with {}\n\n", h.person.name);
    let range = match (&h.from, &h.to) {
        (Some(f), Some(t)) => format!("From {f} to {t}"),
        (Some(f), None) => format!("From {f}"),
        (None, Some(t)) => format!("Up to {t}"),
        (None, None) => "All 1:1s".to_string(),
    };
    let privacy = if include_private {
        "includes private notes"
    } else {
        "private notes excluded"
    };
    out.push_str(&format!(
        "{range} · {} meetings · {privacy}\n",
        h.meetings.len()
    ));
    for m in &h.meetings {
        out.push_str(&format!("\n## {}\n", m.date));
        let scores: Vec<String> = [("Mood", m.mood), ("Energy", m.energy)]
            .into_iter()
            .filter_map(|(l, v)| v.map(|v| format!("{l} {v}/5")))
            .collect();
        if !scores.is_empty() {
            out.push_str(&format!("\n{}\n", scores.join(" · ")));
        }
        for (title, text) in [("Agenda", &m.agenda), ("Notes", &m.shared_notes)] {
            if !text.trim().is_empty() {
                out.push_str(&format!("\n### {title}\n\n{}\n", text.trim_end()));
            }
        }
        if include_private && !m.private_notes.trim().is_empty() {
            out.push_str(&format!(
                "\n### Private notes\n\n{}\n",
                m.private_notes.trim_end()
            ));
        }
    }
    if !h.actions.is_empty() {
        out.push_str("\n## Action items\n\n");
        for a in &h.actions {
            let done = if a.done_at.is_some() { "x" } else { " " };
            let owner = a.owner.as_str();
            let due = a
                .due_date
                .as_deref()
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            out.push_str(&format!("- [{done}] {} ({owner}{due})\n", a.text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use leadbook_core::one_on_ones::{self as oo, NotesInput};
    use leadbook_core::people::{self, PersonInput};
    use leadbook_core::time::DateRange;

    #[test]
    fn private_notes_only_with_the_explicit_option() {
        let conn = leadbook_core::db::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let input = PersonInput {
            name: "Ada".into(),
            notes: Some("MANAGER-ONLY-PROFILE".into()),
            ..Default::default()
        };
        let ada = people::add(&conn, &input).unwrap().id;
        for (date, shared, private) in [
            ("2026-10-01", "Roadmap talk", "SECRET-ONE"),
            ("2026-11-01", "Hiring talk", "SECRET-TWO"),
        ] {
            let m = oo::start_meeting(&conn, &ada, Some(date), today).unwrap();
            let notes = NotesInput {
                shared_notes: shared.into(),
                private_notes: private.into(),
                mood: Some(4),
                ..Default::default()
            };
            oo::save_notes(&conn, &m.id, &notes).unwrap();
        }
        let all = oo::for_export(&conn, &ada, &DateRange::default(), today).unwrap();
        let md = to_markdown(&all, false);
        assert!(
            md.contains("## 2026-10-01") && md.contains("Hiring talk") && md.contains("Mood 4/5")
        );
        assert!(
            !md.contains("SECRET") && !md.contains("MANAGER-ONLY"),
            "{md}"
        );
        assert!(md.contains("private notes excluded"));
        let with = to_markdown(&all, true);
        assert!(
            with.contains("SECRET-ONE")
                && with.contains("SECRET-TWO")
                && !with.contains("MANAGER-ONLY")
        );

        let range = DateRange {
            from: Some("2026-10-15".into()),
            to: None,
        };
        let part = to_markdown(&oo::for_export(&conn, &ada, &range, today).unwrap(), false);
        assert!(!part.contains("Roadmap talk") && part.contains("Hiring talk"));
        let bad = DateRange {
            from: Some("2026-11-02".into()),
            to: Some("2026-11-01".into()),
        };
        assert_eq!(
            oo::for_export(&conn, &ada, &bad, today)
                .unwrap_err()
                .field
                .as_deref(),
            Some("to")
        );
    }
}
