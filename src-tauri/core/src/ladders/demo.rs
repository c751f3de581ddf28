//! The demo team's skills and career growth: two years of manager ratings (with self ratings
//! beside the latest), a few "wants to grow" flags, everyone on the Infrastructure Engineer
//! ladder aiming one level up, assessments, and evidence filed from #tags in their 1:1 notes.
//! Deterministic, like the rest of the demo.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};

use super::edit::{find_ladder, find_level};
use super::evidence::file_from_meeting;
use super::model::{AssessmentRating, EvidenceInput, PlacementInput};
use super::placement::{assess, assign};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::one_on_ones::get_meeting;

/// The skills rated, by their seeded short names, in the order of `LATEST`'s columns.
const RATED: [&str; 22] = [
    "Cloud infrastructure",
    "Infrastructure as code",
    "Linux and networking",
    "Observability",
    "Incident management",
    "Infrastructure security",
    "CI/CD for infrastructure",
    "Containers and orchestration",
    "Kubernetes administration",
    "Configuration management",
    "Service mesh and ingress",
    "Databases and caching",
    "Message streaming",
    "FinOps and cloud cost",
    "Distributed systems reliability",
    "Network architecture",
    "Identity architecture",
    "Policy as code",
    "Systems thinking",
    "Leading under pressure",
    "Communication",
    "Coaching",
];

/// The manager's latest rating per person (demo team order) and skill (`RATED` order). Some
/// knowledge hangs on one person (databases, networks, identity) and some on nobody (streaming,
/// FinOps), so the bus-factor flags have something to say.
const LATEST: [[u8; 22]; 8] = [
    [
        4, 4, 3, 3, 4, 3, 3, 4, 4, 2, 3, 2, 1, 2, 3, 1, 1, 2, 4, 3, 3, 3,
    ], // Amara, L6
    [
        3, 3, 4, 4, 4, 2, 2, 3, 3, 2, 1, 3, 2, 1, 3, 1, 0, 1, 3, 4, 3, 2,
    ], // Bjørn, L5
    [
        2, 3, 2, 2, 2, 1, 3, 3, 2, 1, 1, 1, 1, 1, 1, 0, 0, 1, 2, 1, 2, 1,
    ], // Chen, L4
    [
        3, 3, 2, 2, 2, 2, 4, 3, 2, 3, 1, 1, 2, 1, 2, 1, 1, 3, 3, 2, 4, 3,
    ], // Daniela, L5
    [
        2, 2, 3, 3, 3, 1, 2, 2, 2, 1, 0, 2, 2, 0, 2, 1, 0, 0, 2, 2, 2, 1,
    ], // Elif, L4
    [
        2, 2, 4, 2, 2, 2, 1, 1, 1, 2, 3, 1, 1, 1, 2, 4, 1, 1, 2, 2, 2, 1,
    ], // Femi, L4
    [
        3, 2, 2, 2, 2, 4, 2, 2, 1, 1, 2, 1, 0, 1, 1, 2, 4, 3, 3, 2, 3, 2,
    ], // Grace, L5
    [
        1, 2, 2, 1, 1, 1, 1, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2, 0,
    ], // Hugo, L3
];

/// What each person wants to grow (indexes into `RATED`).
const WANTS: [&[usize]; 8] = [
    &[13, 15],
    &[17],
    &[4, 8],
    &[13],
    &[4, 11],
    &[16],
    &[17, 14],
    &[1, 3, 8],
];

/// A paragraph a manager might tag in a 1:1, per competency of the IC ladder.
const TAGGED: [(&str, &str); 6] = [
    ("incident-leadership", "Ran the payments latency incident as commander: roles set in five minutes, updates every fifteen, a blameless review two days later. #incident-leadership"),
    ("iac-automation", "Moved the last hand-built load balancers into Terraform modules, with plan checks in CI before every apply. #iac-automation"),
    ("observability", "Replaced twelve CPU alerts with two SLO burn-rate alerts; pages for the cluster halved in a month. #observability"),
    ("infrastructure-architecture", "Wrote the multi-region design for the queue cluster, naming each failure mode and what surviving it costs. #infrastructure-architecture"),
    ("security-posture", "Moved the CI runner secrets into Vault with short-lived tokens and an expiry alert. #security-posture"),
    ("influence-mentoring", "Paired with the new joiner through their first on-call week and turned the gaps into onboarding docs. #influence-mentoring"),
];

/// Loads the growth data for the demo team: `team` is each person's id and level key, in the
/// demo's team order. `today` dates it; all inside the caller's transaction.
pub(crate) fn load(tx: &Connection, team: &[(String, &str)], today: NaiveDate) -> Result<u32> {
    let ic = find_ladder(tx, "Infrastructure Engineer")?;
    let skill_ids: Vec<String> = RATED
        .iter()
        .map(|name| {
            crate::skills::find_active(tx, name)?
                .map(|s| s.id)
                .ok_or_else(|| Error::storage(format!("demo: no skill {name}")))
        })
        .collect::<Result<_>>()?;
    let mut ratings = 0;
    let mut insert = tx.prepare_cached(
        "INSERT INTO skill_ratings (id, person_id, skill_id, rater, level, rated_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
    )?;
    for (i, (person, level_key)) in team.iter().enumerate() {
        // Review dates: two years ago, nine months ago, and the latest (yesterday for every
        // third person, so their prep says what changed since the last 1:1).
        let latest_day = if i % 3 == 0 {
            today - Days::new(1)
        } else {
            today - Days::new(60)
        };
        let dates = [today - Days::new(730), today - Days::new(270), latest_day];
        for (j, skill) in skill_ids.iter().enumerate() {
            let now = LATEST[i][j];
            let history = [
                now.saturating_sub(if (i + j) % 2 == 0 { 2 } else { 1 }),
                now.saturating_sub(u8::from((i + j) % 3 != 0)),
                now,
            ];
            for (date, level) in dates.iter().zip(history) {
                let stamp = format!("{date}T12:00:00.000Z");
                insert.execute(params![
                    new_id(),
                    person,
                    skill,
                    "manager",
                    level,
                    date.to_string(),
                    stamp
                ])?;
                ratings += 1;
            }
            // Self ratings beside the latest, for most skills: some a level above, some below.
            if (i + j) % 5 != 4 {
                let own = match (i * 3 + j) % 4 {
                    0 => (now + 1).min(4),
                    1 => now.saturating_sub(1),
                    _ => now,
                };
                let stamp = format!("{latest_day}T09:00:00.000Z");
                insert.execute(params![
                    new_id(),
                    person,
                    skill,
                    "self",
                    own,
                    latest_day.to_string(),
                    stamp
                ])?;
                ratings += 1;
            }
        }
        for &w in WANTS[i] {
            tx.execute(
                "INSERT INTO skill_interests (person_id, skill_id, created_at) VALUES (?1, ?2, ?3)",
                params![
                    person,
                    skill_ids[w],
                    format!("{}T09:00:00.000Z", today - Days::new(90))
                ],
            )?;
        }
        // On the IC ladder at their level, aiming one up (the top level aims nowhere).
        let level = find_level(tx, &ic.id, level_key)?;
        let next = ic.levels.iter().find(|l| l.position > level.position);
        assign(
            tx,
            &PlacementInput {
                person_id: person.clone(),
                ladder_id: ic.id.clone(),
                level_id: level.id.clone(),
                target_level_id: next.map(|l| l.id.clone()),
            },
        )?;
        for (j, c) in ic.competencies.iter().enumerate() {
            // The junior has not been assessed on everything yet.
            if i == 7 && j >= 4 {
                continue;
            }
            let rating = match (i * 5 + j * 3) % 7 {
                0 | 1 => AssessmentRating::Below,
                6 => AssessmentRating::Exceeds,
                _ => AssessmentRating::Meets,
            };
            assess(tx, person, &c.id, Some(rating), "", today - Days::new(30))?;
        }
        // Evidence tagged in three of their recent 1:1s (not the last one).
        let meetings: Vec<String> = tx
            .prepare_cached(
                "SELECT id FROM meetings WHERE person_id = ?1 ORDER BY date DESC LIMIT 3 OFFSET 1",
            )?
            .query_map([person], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (k, meeting_id) in meetings.iter().enumerate() {
            let (_, paragraph) = TAGGED[(i + k * 2) % TAGGED.len()];
            tx.execute(
                "UPDATE meetings SET shared_notes = shared_notes || char(10) || char(10) || ?2 WHERE id = ?1",
                params![meeting_id, paragraph],
            )?;
            file_from_meeting(tx, &get_meeting(tx, meeting_id)?)?;
        }
        // And one written up since the last 1:1, for every other person.
        if i % 2 == 1 {
            let (slug, _) = TAGGED[i % TAGGED.len()];
            let competency = ic
                .competencies
                .iter()
                .find(|c| c.slug == slug)
                .ok_or_else(|| Error::storage("demo: unknown competency"))?;
            super::evidence::add_evidence(
                tx,
                &EvidenceInput {
                    person_id: person.clone(),
                    competency_id: competency.id.clone(),
                    date: Some((today - Days::new(1)).to_string()),
                    text: "Presented the quarter's reliability review to the product leads; two follow-ups agreed.".into(),
                },
                today,
            )?;
        }
    }
    Ok(ratings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, demo, ladders, one_on_ones, people, skills};

    #[test]
    fn the_demo_team_has_ratings_ladders_and_evidence() {
        let conn = db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        demo::load(&conn, today).unwrap();
        let m = skills::matrix(&conn, &Default::default()).unwrap();
        assert_eq!(m.rows.len(), 8);
        let col = |name: &str| m.skills.iter().find(|s| s.name == name).unwrap();
        assert_eq!(col("Databases and caching").holders.len(), 1);
        assert!(col("Databases and caching").at_risk);
        assert!(
            col("FinOps and cloud cost").at_risk && col("FinOps and cloud cost").holders.is_empty()
        );
        assert_eq!(col("Cloud infrastructure").holders.len(), 4);
        assert!(!col("Cloud infrastructure").at_risk);
        let everyone = people::list(&conn, &Default::default()).unwrap();
        let mut statuses = Vec::new();
        for p in &everyone {
            let r = ladders::readiness(&conn, &p.id).unwrap().unwrap();
            statuses.push(r.status);
            assert!(!ladders::evidence(&conn, &p.id).unwrap().is_empty());
            let h = skills::history(&conn, &p.id, &col("Observability").id).unwrap();
            assert!(h.len() >= 3, "history for trends");
        }
        assert!(statuses.contains(&ladders::ReadinessStatus::NotYet));
        // Some prep names what changed since the last 1:1.
        let since: Vec<String> = everyone
            .iter()
            .flat_map(|p| one_on_ones::prep(&conn, &p.id, today).unwrap().since_last)
            .collect();
        assert!(
            since.iter().any(|l| l.starts_with("Skill rating: ")),
            "{since:?}"
        );
        assert!(
            since.iter().any(|l| l.starts_with("New evidence on ")),
            "{since:?}"
        );
        // Evidence from tags links back to the 1:1.
        let amara = &everyone[0];
        let ev = ladders::evidence(&conn, &amara.id).unwrap();
        assert!(ev
            .iter()
            .any(|e| e.meeting_id.is_some() && e.text.contains('#')));
    }
}
