//! A realistic demo team: 8 people with a year of 1:1 history, so a new user sees the app
//! working. Deterministic (same data every time) and only ever loaded into an empty roster.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::db::write;
use crate::error::{Error, ErrorCode, Result};
use crate::ids::new_id;
use crate::one_on_ones::{self, Cadence, OneOnOneSettings};
use crate::people::PersonInput;
use crate::time::now_utc;

#[derive(Debug, Clone, Serialize, TS)]
pub struct DemoReport {
    pub people: u32,
    pub meetings: u32,
    pub action_items: u32,
    pub talking_points: u32,
}

/// (name, email, title, team, level, start date, time zone, cadence, template)
type Member = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Cadence,
    &'static str,
);

const TEAM: [Member; 8] = [
    (
        "Amara Okafor",
        "amara.okafor@example.com",
        "Staff Infrastructure Engineer",
        "Platform",
        "L6",
        "2019-03-11",
        "Europe/London",
        Cadence::Biweekly,
        "tpl-career-growth",
    ),
    (
        "Bjørn Lindqvist",
        "bjorn.lindqvist@example.com",
        "Senior SRE",
        "Reliability",
        "L5",
        "2020-08-03",
        "Europe/Stockholm",
        Cadence::Weekly,
        "tpl-oncall-wellbeing",
    ),
    (
        "Chen Wei",
        "chen.wei@example.com",
        "Infrastructure Engineer",
        "Platform",
        "L4",
        "2022-01-17",
        "Asia/Singapore",
        Cadence::Weekly,
        "tpl-career-growth",
    ),
    (
        "Daniela Souza",
        "daniela.souza@example.com",
        "Senior Platform Engineer",
        "Developer Experience",
        "L5",
        "2021-05-24",
        "America/Sao_Paulo",
        Cadence::Weekly,
        "tpl-feedback",
    ),
    (
        "Elif Yılmaz",
        "elif.yilmaz@example.com",
        "SRE",
        "Reliability",
        "L4",
        "2023-02-06",
        "Europe/Istanbul",
        Cadence::Weekly,
        "tpl-oncall-wellbeing",
    ),
    (
        "Femi Adeyemi",
        "femi.adeyemi@example.com",
        "Network Engineer",
        "Networking",
        "L4",
        "2022-09-12",
        "Africa/Lagos",
        Cadence::Biweekly,
        "tpl-feedback",
    ),
    (
        "Grace Kim",
        "grace.kim@example.com",
        "Cloud Security Engineer",
        "Security",
        "L5",
        "2021-11-01",
        "America/Los_Angeles",
        Cadence::Biweekly,
        "tpl-career-growth",
    ),
    (
        "Hugo Martin",
        "hugo.martin@example.com",
        "Junior Infrastructure Engineer",
        "Platform",
        "L3",
        "2024-09-02",
        "Europe/Paris",
        Cadence::Weekly,
        "tpl-career-growth",
    ),
];

/// What a 1:1 was about, and the concrete follow-ups such a talk tends to end with.
const TOPICS: [(&str, [&str; 3]); 12] = [
    (
        "the Kubernetes 1.31 upgrade plan",
        [
            "Write the Kubernetes upgrade runbook for the staging clusters",
            "Book the change window for the production node pools",
            "List the deprecated APIs still in use before the upgrade",
        ],
    ),
    (
        "alert noise on the payments cluster",
        [
            "Delete or demote the five noisiest payments alerts",
            "Add an SLO burn-rate alert to replace the CPU alerts",
            "Review last month's pages with the payments team",
        ],
    ),
    (
        "the Terraform module refactor",
        [
            "Split the network module out of the monorepo state",
            "Pin provider versions across all Terraform modules",
            "Pair on the state migration plan",
        ],
    ),
    (
        "last week's P1 postmortem actions",
        [
            "Close the remaining postmortem action items",
            "Share the P1 timeline with the support team",
            "Add the missing database failover alert",
        ],
    ),
    (
        "on-call load after the holiday rota",
        [
            "Rebalance the December on-call rota",
            "Give back a day off for the weekend pages",
            "Count out-of-hours pages per person for the quarter",
        ],
    ),
    (
        "the cost review for idle GPU nodes",
        [
            "Set a scale-to-zero policy on the idle GPU node pool",
            "Send the GPU cost report to finance",
            "Tag every GPU workload with its owning team",
        ],
    ),
    (
        "the DR exercise for the primary database",
        [
            "Schedule the database failover drill",
            "Measure restore time from last night's backup",
            "Document the DR runbook gaps found in the drill",
        ],
    ),
    (
        "mentoring the new joiner",
        [
            "Set up weekly pairing with the new joiner",
            "Pick a first on-call shadow shift for the new joiner",
            "Write down the onboarding gaps they hit",
        ],
    ),
    (
        "the observability consolidation RFC",
        [
            "Circulate the observability RFC for comments",
            "Estimate the log storage savings of the consolidation",
            "Get sign-off from the data platform lead",
        ],
    ),
    (
        "secrets rotation for the CI runners",
        [
            "Rotate the CI runner tokens and move them to the vault",
            "Add an expiry alert for long-lived CI secrets",
            "Audit which pipelines still read plain environment secrets",
        ],
    ),
    (
        "capacity forecast for Q3",
        [
            "Draft the Q3 capacity forecast with growth scenarios",
            "Check reserved instance coverage before renewal",
            "Review the storage growth trend with the DBAs",
        ],
    ),
    (
        "promotion packet feedback",
        [
            "Send written feedback on the promotion packet draft",
            "Collect two peer testimonials for the packet",
            "Map the packet's evidence to the next level's expectations",
        ],
    ),
];

/// One queued talking point from each person, and one from the manager for every other person.
const THEIR_POINTS: [&str; 8] = [
    "Can we talk about the next step on the ladder?",
    "I'd like to rotate off the Terraform work for a quarter",
    "The on-call handover notes keep getting skipped",
    "Conference talk proposal: can I submit it?",
    "Feeling stretched between the migration and support",
    "Interested in mentoring the next new joiner",
    "Would like more say in the security roadmap",
    "How am I doing against the onboarding plan?",
];

const MY_POINTS: [&str; 4] = [
    "Feedback on the incident review you ran",
    "Your scope for next quarter",
    "Thanks for covering the weekend pages",
    "Calibration is coming: what should I know?",
];

const OUTCOMES: [&str; 8] = [
    "Agreed to split the work into two milestones and demo the first next sprint.",
    "They will draft an RFC; I will get time with the security team.",
    "Good progress; blocked on a vendor ticket, I will escalate.",
    "We agreed the current approach is too risky; rollback plan first.",
    "Celebrated the win in the team channel; write it up for the brag doc.",
    "Needs more context from product; I will set up the sync.",
    "Decided to pause this until the migration lands.",
    "Pairing session booked with the staff engineer.",
];

const PRIVATE: [&str; 6] = [
    "Seemed tired; check the on-call swaps next week.",
    "Energy high; ready for a bigger scope. Consider for the migration lead.",
    "Mentioned friction with a peer team; watch, do not intervene yet.",
    "Asked about the promotion timeline again; be concrete next time.",
    "Quiet today. Follow up informally.",
    "Very positive about the new rota.",
];

/// Tiny deterministic generator (so the demo is the same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Loads the demo team into an empty roster, dated relative to `today`. All or nothing.
pub fn load(conn: &Connection, today: NaiveDate) -> Result<DemoReport> {
    write(conn, |tx| load_in(tx, today))
}

fn load_in(tx: &Connection, today: NaiveDate) -> Result<DemoReport> {
    let existing: i64 = tx.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(Error::new(
            ErrorCode::Conflict,
            "Demo data only goes into an empty database, so it never mixes with your team. \
             Use another data dir (--data-dir) for a demo.",
        ));
    }
    let mut rng = Lcg(42);
    // Each person's id and level, for their skills and career growth after their 1:1s.
    let mut growth: Vec<(String, &str)> = Vec::new();
    let mut report = DemoReport {
        people: 0,
        meetings: 0,
        action_items: 0,
        talking_points: 0,
    };
    for (i, (name, email, title, team, level, start, tz, cadence, template)) in
        TEAM.iter().enumerate()
    {
        let input = PersonInput {
            name: (*name).into(),
            email: Some((*email).into()),
            title: Some((*title).into()),
            team: Some((*team).into()),
            level: Some((*level).into()),
            start_date: Some((*start).into()),
            timezone: Some((*tz).into()),
            notes: Some(format!(
                "Joined {start}. Prefers written agendas before 1:1s."
            )),
        };
        let person = crate::people::add(tx, &input)?;
        growth.push((person.id.clone(), *level));
        report.people += 1;
        one_on_ones::set_settings(
            tx,
            &OneOnOneSettings {
                person_id: person.id.clone(),
                cadence: *cadence,
                template_id: Some((*template).into()),
            },
        )?;
        // A year of 1:1s on their cadence, the most recent one recent for some people and a
        // little late for others, so Today shows a realistic mix of on track, due and overdue.
        let step = match cadence {
            Cadence::Weekly => 7,
            Cadence::Biweekly => 14,
            Cadence::Monthly => 30,
        };
        // Counted back from the last 1:1, so it falls exactly `lateness` days ago.
        let lateness = [6u64, 2, 7, 5, 9, 12, 16, 3][i];
        let last = today - Days::new(lateness);
        let mut date = last - Days::new(step * (365 / step));
        while date <= last {
            let (topic, follow_ups) = TOPICS[rng.next(TOPICS.len())];
            let id = new_id();
            let shared = format!(
                "## {topic}\n{}\n\n- Follow-ups are in the action items.",
                OUTCOMES[rng.next(OUTCOMES.len())]
            );
            let private = if rng.next(3) == 0 {
                PRIVATE[rng.next(PRIVATE.len())]
            } else {
                ""
            };
            let stamp = format!("{date}T10:00:00.000Z");
            tx.execute(
                "INSERT INTO meetings (id, person_id, date, agenda, shared_notes, private_notes, mood, energy,
                                       created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    id,
                    person.id,
                    date.to_string(),
                    format!("## Talking points\n- (theirs) {topic}"),
                    shared,
                    private,
                    2 + rng.next(4) as i64,
                    2 + rng.next(4) as i64,
                    stamp
                ],
            )?;
            report.meetings += 1;
            if rng.next(2) == 0 {
                let due = date + Days::new(7 + rng.next(21) as u64);
                // Older items are mostly done; recent ones stay open and carry forward.
                let done = (today - date).num_days() > 45 && rng.next(12) != 0;
                tx.execute(
                    "INSERT INTO action_items (id, person_id, text, owner, due_date, meeting_id, done_at, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        new_id(),
                        person.id,
                        follow_ups[rng.next(follow_ups.len())],
                        if rng.next(2) == 0 { "me" } else { "them" },
                        due.to_string(),
                        id,
                        done.then(|| format!("{due}T17:00:00.000Z")),
                        stamp
                    ],
                )?;
                report.action_items += 1;
            }
            date = date + Days::new(step);
        }
        for (author, text) in [("theirs", THEIR_POINTS[i]), ("mine", MY_POINTS[i % 4])]
            .into_iter()
            .take(1 + i % 2)
        {
            tx.execute(
                "INSERT INTO talking_points (id, person_id, text, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![new_id(), person.id, text, author, now_utc()],
            )?;
            report.talking_points += 1;
        }
        let goal_date = format!("{}T09:00:00.000Z", today - Days::new(200));
        tx.execute(
            "INSERT INTO growth_goals (id, person_id, title, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                new_id(),
                person.id,
                "Lead a cross-team reliability review",
                if i % 3 == 0 {
                    "in_progress"
                } else {
                    "not_started"
                },
                goal_date
            ],
        )?;
        // Some work lands between 1:1s, so the prep's "Since last 1:1" has something to say:
        // every other person closed their oldest open item yesterday.
        if i % 2 == 0 && lateness > 1 {
            tx.execute(
                "UPDATE action_items SET done_at = ?2 WHERE id =
                   (SELECT id FROM action_items WHERE person_id = ?1 AND done_at IS NULL
                    ORDER BY created_at LIMIT 1)",
                params![person.id, format!("{}T16:00:00.000Z", today - Days::new(1))],
            )?;
        }
    }
    crate::ladders::demo::load(tx, &growth, today)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::one_on_ones::DueState;

    #[test]
    fn demo_fills_a_team_of_eight_with_a_year_of_history() {
        let conn = db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let report = load(&conn, today).unwrap();
        assert_eq!(report.people, 8);
        assert!(report.meetings > 250, "{report:?}");
        // A realistic mix on Today, not a wall of red.
        let states: Vec<DueState> = crate::people::list(&conn, &Default::default())
            .unwrap()
            .iter()
            .map(|p| one_on_ones::prep(&conn, &p.id, today).unwrap().status.state)
            .collect();
        for state in [
            DueState::OnTrack,
            DueState::DueSoon,
            DueState::Due,
            DueState::Overdue,
        ] {
            assert!(states.contains(&state), "{state:?} missing from {states:?}");
        }
        let overdue = states.iter().filter(|s| **s == DueState::Overdue).count();
        assert_eq!(overdue, 2, "{states:?}");
        let due = one_on_ones::due_this_week(&conn, today).unwrap();
        assert!(due.len() < 8, "{due:?}");
        // Every person has a prep with questions and open actions carried forward.
        let ada = crate::people::list(&conn, &Default::default())
            .unwrap()
            .remove(0);
        let prep = one_on_ones::prep(&conn, &ada.id, today).unwrap();
        assert!(!prep.suggested_questions.is_empty() && !prep.open_actions.is_empty());
        let since: Vec<String> = crate::people::list(&conn, &Default::default())
            .unwrap()
            .iter()
            .flat_map(|p| one_on_ones::prep(&conn, &p.id, today).unwrap().since_last)
            .collect();
        assert!(since.iter().any(|l| l.starts_with("Done: ")), "{since:?}");
        // Loading the team is not an edit of anyone's profile.
        assert!(!prep.since_last.iter().any(|l| l.starts_with("Profile")));
        assert!(db::check(&conn).unwrap().is_empty());
    }

    #[test]
    fn demo_never_mixes_with_a_real_team() {
        let conn = db::open_in_memory().unwrap();
        crate::people::add(
            &conn,
            &PersonInput {
                name: "Real".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            load(&conn, crate::time::today()).unwrap_err().code,
            ErrorCode::Conflict
        );
        let n: i64 = conn
            .query_row("SELECT count(*) FROM meetings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
