//! A career ladder as Markdown, JSON and PDF: its levels, each competency's expectation per
//! level, and the skill levels each level expects. The PDF is typeset by Typst from
//! `templates/ladder.typ`; the ladder reaches the template only as JSON data (`PdfLadder`), so
//! no name or text can inject Typst code.

use leadbook_core::blueprint::ExportFormat;
use leadbook_core::ladders::{Ladder, Track};
use leadbook_core::Error;
use serde::Serialize;

use crate::typst_pdf;

/// The ladder in the chosen format, as bytes ready to write.
pub fn render(ladder: &Ladder, format: ExportFormat) -> Result<Vec<u8>, Error> {
    Ok(match format {
        ExportFormat::Markdown => to_markdown(ladder).into_bytes(),
        ExportFormat::Json => serde_json::to_vec_pretty(ladder)
            .map_err(|e| Error::storage(format!("cannot serialise the ladder: {e}")))?,
        ExportFormat::Pdf => to_pdf(ladder)?,
    })
}

fn track(t: Track) -> &'static str {
    match t {
        Track::Ic => "Individual contributor track",
        Track::Management => "Management track",
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// The expected level of each skill a ladder names, one row per skill, one column per level
/// ("" where the level expects nothing of it).
fn skill_rows(l: &Ladder) -> Vec<(String, Vec<String>)> {
    let mut rows: Vec<(String, String, Vec<String>)> = Vec::new();
    for e in &l.expected_skills {
        let i = match rows.iter().position(|r| r.0 == e.skill_id) {
            Some(i) => i,
            None => {
                rows.push((
                    e.skill_id.clone(),
                    e.skill_name.clone(),
                    vec![String::new(); l.levels.len()],
                ));
                rows.len() - 1
            }
        };
        if let Some(col) = l.levels.iter().position(|v| v.id == e.level_id) {
            rows[i].2[col] = e.level.to_string();
        }
    }
    rows.into_iter()
        .map(|(_, name, levels)| (name, levels))
        .collect()
}

/// The ladder as Markdown: levels as a table, a section per competency with its text per level,
/// the expected skills as a table.
pub fn to_markdown(l: &Ladder) -> String {
    let mut out = format!("# {}\n\n*{}*\n", one_line(&l.name), track(l.track));
    if !l.description.trim().is_empty() {
        out.push_str(&format!("\n{}\n", l.description.trim()));
    }
    if !l.levels.is_empty() {
        out.push_str("\n## Levels\n\n| Level | Title | Summary |\n| --- | --- | --- |\n");
        for v in &l.levels {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(&v.key),
                cell(&v.title),
                cell(&v.summary)
            ));
        }
    }
    if !l.competencies.is_empty() {
        out.push_str("\n## Competencies\n");
        for c in &l.competencies {
            out.push_str(&format!("\n### {} (`#{}`)\n", one_line(&c.name), c.slug));
            if !c.description.trim().is_empty() {
                out.push_str(&format!("\n{}\n", one_line(&c.description)));
            }
            out.push('\n');
            for (v, e) in l.levels.iter().zip(&c.expectations) {
                let text = if e.text.trim().is_empty() {
                    "—".to_string()
                } else {
                    one_line(&e.text)
                };
                out.push_str(&format!("- **{} {}:** {text}\n", v.key, one_line(&v.title)));
            }
        }
    }
    let skills = skill_rows(l);
    if !skills.is_empty() {
        out.push_str("\n## Expected skill levels\n\nOn the 0–4 scale; blank where a level expects nothing of the skill.\n\n");
        let keys: Vec<String> = l.levels.iter().map(|v| cell(&v.key)).collect();
        out.push_str(&format!(
            "| Skill | {} |\n|{}\n",
            keys.join(" | "),
            " --- |".repeat(keys.len() + 1)
        ));
        for (name, levels) in skills {
            out.push_str(&format!("| {} | {} |\n", cell(&name), levels.join(" | ")));
        }
    }
    out
}

const TEMPLATE: &str = include_str!("../templates/ladder.typ");

#[derive(Debug, Serialize)]
struct PdfLadder<'a> {
    name: &'a str,
    track: &'static str,
    description: &'a str,
    levels: Vec<PdfLevel<'a>>,
    competencies: Vec<PdfCompetency<'a>>,
    skills: Vec<PdfSkill>,
}

#[derive(Debug, Serialize)]
struct PdfLevel<'a> {
    key: &'a str,
    title: &'a str,
    summary: &'a str,
}

#[derive(Debug, Serialize)]
struct PdfCompetency<'a> {
    name: &'a str,
    slug: &'a str,
    description: &'a str,
    /// One per level, in level order.
    texts: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct PdfSkill {
    name: String,
    levels: Vec<String>,
}

/// The ladder as a PDF (A4: levels, a block per competency with its text per level, the
/// expected skills grid).
pub fn to_pdf(l: &Ladder) -> Result<Vec<u8>, Error> {
    let data = PdfLadder {
        name: &l.name,
        track: track(l.track),
        description: l.description.trim(),
        levels: l
            .levels
            .iter()
            .map(|v| PdfLevel {
                key: &v.key,
                title: &v.title,
                summary: &v.summary,
            })
            .collect(),
        competencies: l
            .competencies
            .iter()
            .map(|c| PdfCompetency {
                name: &c.name,
                slug: &c.slug,
                description: &c.description,
                texts: c.expectations.iter().map(|e| e.text.as_str()).collect(),
            })
            .collect(),
        skills: skill_rows(l)
            .into_iter()
            .map(|(name, levels)| PdfSkill { name, levels })
            .collect(),
    };
    let json = serde_json::to_vec(&data)
        .map_err(|e| Error::storage(format!("Could not prepare the PDF data: {e}")))?;
    typst_pdf::render("ladder.typ", TEMPLATE, json, "leadbook-ladder")
}

#[cfg(test)]
mod tests {
    use super::*;
    use leadbook_core::{db, ladders};

    fn seeded() -> Ladder {
        let conn = db::open_in_memory().unwrap();
        ladders::find_ladder(&conn, "Infrastructure Engineer").unwrap()
    }

    #[test]
    fn markdown_has_levels_every_text_and_the_skills_grid() {
        let l = seeded();
        let md = to_markdown(&l);
        assert!(
            md.starts_with("# Infrastructure Engineer\n\n*Individual contributor track*\n"),
            "{md}"
        );
        assert!(md.contains("| L5 | Senior Infrastructure Engineer |"));
        assert!(md.contains("### Incident leadership (`#incident-leadership`)"));
        for c in &l.competencies {
            for e in &c.expectations {
                assert!(md.contains(&one_line(&e.text)), "{}", e.text);
            }
        }
        assert!(md.contains("| Skill | L3 | L4 | L5 | L6 | L7 |"));
        assert!(
            md.contains("| Cloud infrastructure | 1 | 2 | 3 | 3 | 4 |"),
            "{md}"
        );
    }

    #[test]
    fn json_is_the_whole_ladder() {
        let l = seeded();
        let back: serde_json::Value =
            serde_json::from_slice(&render(&l, ExportFormat::Json).unwrap()).unwrap();
        assert_eq!(back["name"], "Infrastructure Engineer");
        assert_eq!(
            back["competencies"].as_array().unwrap().len(),
            l.competencies.len()
        );
        assert_eq!(back["levels"][2]["key"], "L5");
    }

    #[test]
    fn pdf_renders_user_text_as_text() {
        let mut l = seeded();
        l.name = "#panic(\"injected\") Ladder".into();
        l.competencies[0].expectations[0].text = "]#eval(\"1\")[ $x$ *not bold*".into();
        let pdf = to_pdf(&l).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(pdf.len() > 10_000);
    }
}
