//! Agenda/question templates: three ship built in; all are the user's to edit.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{
    Template, TemplateInput, MAX_QUESTION_CHARS, MAX_TEMPLATE_NAME_CHARS, MAX_TEMPLATE_QUESTIONS,
};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::time::now_utc;
use crate::{json, seed, text};

/// The templates Leadbook ships with; the user can edit them like their own.
const DEFAULT_TEMPLATES: [(&str, &str, &[&str]); 3] = [
    (
        "tpl-career-growth",
        "Career growth",
        &[
            "What part of your work lately has given you the most energy?",
            "Which skill do you want to be noticeably stronger at in six months?",
            "What would make the next step on the ladder feel within reach?",
            "Is there a project or stretch you would like me to look out for?",
        ],
    ),
    (
        "tpl-oncall-wellbeing",
        "On-call load and wellbeing",
        &[
            "How did your last on-call shift go? Any pages that should not have woken you?",
            "Is the on-call load fair across the team right now?",
            "Which toil would you automate first if you had a free week?",
            "How are you doing outside work? Anything I should know about?",
        ],
    ),
    (
        "tpl-feedback",
        "Feedback both ways",
        &[
            "What is one thing I could do differently to support you better?",
            "What is something from the last two weeks you are proud of?",
            "Here is one thing I appreciated and one thing to grow on. How does that land?",
            "Is anything getting in your way that I can unblock?",
        ],
    ),
];

/// Seeds the default templates once (a deleted or renamed default is never re-added).
pub fn ensure_default_templates(conn: &Connection) -> Result<()> {
    seed::once(conn, "one_on_one_templates_seeded", |tx| {
        let now = now_utc();
        for (id, name, questions) in DEFAULT_TEMPLATES {
            tx.execute(
                "INSERT INTO one_on_one_templates (id, name, questions, builtin, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 1, ?4, ?4)",
                params![id, name, json::to_text(&questions)?, now],
            )?;
        }
        Ok(())
    })
}

const TEMPLATE_COLUMNS: &str = "id, name, questions, builtin,
    (SELECT count(*) FROM one_on_one_settings s WHERE s.template_id = t.id)";

type TemplateRow = (String, String, String, bool, u32);

fn template_from_row(r: &Row) -> rusqlite::Result<TemplateRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_template((id, name, questions, builtin, used_by): TemplateRow) -> Result<Template> {
    let questions = json::from_text(&questions, "template questions")?;
    Ok(Template {
        id,
        name,
        questions,
        builtin,
        used_by,
    })
}

pub fn templates(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM one_on_one_templates t ORDER BY name COLLATE NOCASE"
    ))?;
    let rows: Vec<_> = stmt
        .query_map([], template_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(to_template).collect()
}

pub fn template(conn: &Connection, id: &str) -> Result<Template> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {TEMPLATE_COLUMNS} FROM one_on_one_templates t WHERE id = ?1"
        ))?
        .query_row([id], template_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Template"))?;
    to_template(row)
}

/// Trims the name and the questions, drops blank questions, and checks the limits.
fn clean_template(input: &TemplateInput) -> Result<(String, Vec<String>)> {
    let name = text::required_line(
        "name",
        "Template name",
        &input.name,
        MAX_TEMPLATE_NAME_CHARS,
    )?;
    let questions: Vec<String> = input
        .questions
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .map(str::to_owned)
        .collect();
    if questions.is_empty() {
        return Err(Error::invalid(
            "questions",
            "Add at least one question (one per line)",
        ));
    }
    if questions.len() > MAX_TEMPLATE_QUESTIONS {
        return Err(Error::invalid(
            "questions",
            format!("At most {MAX_TEMPLATE_QUESTIONS} questions"),
        ));
    }
    if let Some(i) = questions
        .iter()
        .position(|q| q.chars().count() > MAX_QUESTION_CHARS)
    {
        return Err(Error::invalid(
            "questions",
            format!(
                "Question {} is longer than {MAX_QUESTION_CHARS} characters",
                i + 1
            ),
        ));
    }
    if questions.iter().any(|q| q.chars().any(char::is_control)) {
        return Err(Error::invalid(
            "questions",
            "Questions must be one line each without control characters",
        ));
    }
    Ok((name, questions))
}

/// Names are unique regardless of case, so the template picker never shows two alike.
fn ensure_unique_name(conn: &Connection, name: &str, except_id: Option<&str>) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM one_on_one_templates
             WHERE lower(name) = lower(?1) AND id IS NOT ?2",
        )?
        .query_row(params![name, except_id], |r| r.get(0))
        .optional()?;
    match taken {
        Some(_) => Err(Error::conflict(
            "name",
            format!("There is already a template called “{name}”"),
        )),
        None => Ok(()),
    }
}

/// A template by id or by name (any case), as people type it on the command line.
pub fn find_template(conn: &Connection, name_or_id: &str) -> Result<Template> {
    let wanted = name_or_id.trim().to_lowercase();
    templates(conn)?
        .into_iter()
        .find(|t| t.id == wanted || t.name.to_lowercase() == wanted)
        .ok_or_else(|| {
            Error::invalid(
                "template",
                format!("No template named “{}”", name_or_id.trim()),
            )
        })
}

pub fn create_template(conn: &Connection, input: &TemplateInput) -> Result<Template> {
    let (name, questions) = clean_template(input)?;
    write(conn, |tx| {
        ensure_unique_name(tx, &name, None)?;
        let id = new_id();
        tx.execute(
            "INSERT INTO one_on_one_templates (id, name, questions, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, name, json::to_text(&questions)?, now_utc()],
        )?;
        template(tx, &id)
    })
}

/// Edits a template, the shipped ones included (they are a starting point, not fixed content).
pub fn update_template(conn: &Connection, id: &str, input: &TemplateInput) -> Result<Template> {
    let (name, questions) = clean_template(input)?;
    write(conn, |tx| {
        template(tx, id)?;
        ensure_unique_name(tx, &name, Some(id))?;
        tx.execute(
            "UPDATE one_on_one_templates SET name = ?2, questions = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, name, json::to_text(&questions)?, now_utc()],
        )?;
        template(tx, id)
    })
}

/// Deletes a template; people who had it assigned are left without one. Past agendas keep
/// the questions they were started with.
pub fn delete_template(conn: &Connection, id: &str) -> Result<()> {
    write(conn, |tx| {
        template(tx, id)?;
        tx.execute("DELETE FROM one_on_one_templates WHERE id = ?1", [id])?;
        Ok(())
    })
}
