//! What changes from one level to another: the competencies whose expectation differs, both
//! texts with their changed words marked (a word-level LCS diff), and the expected skills that
//! differ. The page emphasises the marked words; it computes nothing.

use super::edit::{find_level, ladder};
use super::model::{CompetencyChange, LevelDiff, Segment, SkillChange};
use crate::error::Result;
use rusqlite::Connection;

/// Above this many word pairs the diff marks whole texts as changed instead of aligning words
/// (expectation texts are a few dozen words; this only guards against pathological input).
const MAX_CELLS: usize = 4_000_000;

/// Words and the whitespace between them, in order (whitespace tokens keep the text exact).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        match in_space {
            Some(s) if s != space => {
                out.push(&text[start..i]);
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Word-level diff of `a` and `b`: each side as segments, `changed` on the words not in their
/// longest common subsequence. Whitespace between two changed words is part of the change.
pub fn word_diff(a: &str, b: &str) -> (Vec<Segment>, Vec<Segment>) {
    let ta = tokens(a);
    let tb = tokens(b);
    let wa: Vec<(usize, &str)> = ta
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let wb: Vec<(usize, &str)> = tb
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let (mut keep_a, mut keep_b) = (vec![false; ta.len()], vec![false; tb.len()]);
    if wa.len().saturating_mul(wb.len()) <= MAX_CELLS {
        // lcs[i][j]: the LCS length of wa[i..] and wb[j..].
        let (n, m) = (wa.len(), wb.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if wa[i].1 == wb[j].1 {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        let mut pairs = Vec::new();
        while i < n && j < m {
            if wa[i].1 == wb[j].1 {
                pairs.push((i, j));
                i += 1;
                j += 1;
            } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
        for (i, j) in cleanup(&pairs, &wa, n, m) {
            keep_a[wa[i].0] = true;
            keep_b[wb[j].0] = true;
        }
    }
    (segments(&ta, &keep_a), segments(&tb, &keep_b))
}

/// Drops common-word anchors from the middle of a change: a run of at most two matched short
/// words ("a", "the", "and its") with changes on both sides reads as part of the change, not as
/// text kept ("Owns «one service» and «its runbook»" would otherwise split one rewrite in three).
fn cleanup(
    pairs: &[(usize, usize)],
    wa: &[(usize, &str)],
    n: usize,
    m: usize,
) -> Vec<(usize, usize)> {
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    for &(i, j) in pairs {
        match runs.last_mut() {
            Some(run)
                if run
                    .last()
                    .is_some_and(|&(pi, pj)| pi + 1 == i && pj + 1 == j) =>
            {
                run.push((i, j))
            }
            _ => runs.push(vec![(i, j)]),
        }
    }
    let mut out = Vec::new();
    for run in runs {
        let (first, last) = (run[0], run[run.len() - 1]);
        let change_before = first.0 > 0 || first.1 > 0;
        let change_after = last.0 + 1 < n || last.1 + 1 < m;
        let short = run.len() <= 2 && run.iter().all(|&(i, _)| wa[i].1.chars().count() <= 4);
        if !(short && change_before && change_after) {
            out.extend(run);
        }
    }
    out
}

/// Joins tokens into runs of kept and changed text. A whitespace token is changed when the words
/// on both sides of it are.
fn segments(tokens: &[&str], keep: &[bool]) -> Vec<Segment> {
    let word_changed = |i: usize| !tokens[i].trim().is_empty() && !keep[i];
    let mut out: Vec<Segment> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let changed = if t.trim().is_empty() {
            i > 0 && i + 1 < tokens.len() && word_changed(i - 1) && word_changed(i + 1)
        } else {
            !keep[i]
        };
        match out.last_mut() {
            Some(last) if last.changed == changed => last.text.push_str(t),
            _ => out.push(Segment {
                text: (*t).to_string(),
                changed,
            }),
        }
    }
    out
}

/// The diff of a ladder from level `from` to level `to` (ids or keys, any case).
pub fn diff(conn: &Connection, ladder_id: &str, from: &str, to: &str) -> Result<LevelDiff> {
    let l = ladder(conn, ladder_id)?;
    let from = find_level(conn, ladder_id, from).map_err(|e| e.on("from"))?;
    let to = find_level(conn, ladder_id, to).map_err(|e| e.on("to"))?;
    let text_at = |c: &super::model::Competency, level: &str| {
        c.expectations
            .iter()
            .find(|e| e.level_id == level)
            .map(|e| e.text.trim().to_string())
            .unwrap_or_default()
    };
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for c in &l.competencies {
        let (a, b) = (text_at(c, &from.id), text_at(c, &to.id));
        if a == b {
            unchanged += 1;
            continue;
        }
        let (from_segments, to_segments) = word_diff(&a, &b);
        changes.push(CompetencyChange {
            competency_id: c.id.clone(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            from_text: a,
            to_text: b,
            from_segments,
            to_segments,
        });
    }
    let mut skills: Vec<SkillChange> = Vec::new();
    for e in &l.expected_skills {
        if e.level_id != from.id && e.level_id != to.id {
            continue;
        }
        let i = match skills.iter().position(|s| s.skill_id == e.skill_id) {
            Some(i) => i,
            None => {
                skills.push(SkillChange {
                    skill_id: e.skill_id.clone(),
                    name: e.skill_name.clone(),
                    from: None,
                    to: None,
                });
                skills.len() - 1
            }
        };
        let entry = &mut skills[i];
        if e.level_id == from.id {
            entry.from = Some(e.level);
        }
        if e.level_id == to.id {
            entry.to = Some(e.level);
        }
    }
    skills.retain(|s| s.from != s.to);
    Ok(LevelDiff {
        ladder_id: l.id,
        ladder_name: l.name,
        from,
        to,
        changes,
        skills,
        unchanged,
    })
}
