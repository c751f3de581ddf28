use tauri::{AppHandle, State};

use crate::state::AppState;
use leadbook_core::one_on_ones::{
    self as oo, ActionItem, Author, DueEntry, Goal, GoalStatus, Meeting, NewAction, NoteHit,
    NotesInput, OneOnOneSettings, Prep, TalkingPoint, Template, TemplateInput,
};
use leadbook_core::time::{today, DateRange};
use leadbook_core::Error;

#[tauri::command]
pub async fn oo_prep(state: State<'_, AppState>, person_id: String) -> Result<Prep, Error> {
    state
        .with_db(move |c| oo::prep(c, &person_id, today()))
        .await
}

#[tauri::command]
pub async fn oo_due(state: State<'_, AppState>) -> Result<Vec<DueEntry>, Error> {
    state.with_db(|c| oo::due_this_week(c, today())).await
}

#[tauri::command]
pub async fn oo_meetings(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Meeting>, Error> {
    state.with_db(move |c| oo::meetings(c, &person_id)).await
}

#[tauri::command]
pub async fn oo_start(state: State<'_, AppState>, person_id: String) -> Result<Meeting, Error> {
    state
        .with_db(move |c| oo::start_meeting(c, &person_id, None, today()))
        .await
}

#[tauri::command]
pub async fn oo_set_meeting_date(
    state: State<'_, AppState>,
    meeting_id: String,
    date: String,
) -> Result<Meeting, Error> {
    state
        .with_db(move |c| oo::set_meeting_date(c, &meeting_id, &date, today()))
        .await
}

#[tauri::command]
pub async fn oo_delete_meeting(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Result<(), Error> {
    state
        .with_db(move |c| oo::delete_meeting(c, &meeting_id))
        .await
}

/// Autosave target: the editor sends the whole note state; saving is idempotent.
#[tauri::command]
pub async fn oo_save_notes(
    state: State<'_, AppState>,
    meeting_id: String,
    notes: NotesInput,
) -> Result<Meeting, Error> {
    state
        .with_db(move |c| oo::save_notes(c, &meeting_id, &notes))
        .await
}

#[tauri::command]
pub async fn oo_add_point(
    state: State<'_, AppState>,
    person_id: String,
    text: String,
    author: Author,
) -> Result<TalkingPoint, Error> {
    state
        .with_db(move |c| oo::add_talking_point(c, &person_id, &text, author))
        .await
}

#[tauri::command]
pub async fn oo_add_action(
    state: State<'_, AppState>,
    action: NewAction,
) -> Result<ActionItem, Error> {
    state
        .with_db(move |c| oo::add_action(c, &action, today()))
        .await
}

#[tauri::command]
pub async fn oo_set_action_done(
    state: State<'_, AppState>,
    id: String,
    done: bool,
) -> Result<ActionItem, Error> {
    state
        .with_db(move |c| oo::set_action_done(c, &id, done, today()))
        .await
}

#[tauri::command]
pub async fn oo_add_goal(
    state: State<'_, AppState>,
    person_id: String,
    title: String,
) -> Result<Goal, Error> {
    state
        .with_db(move |c| oo::add_goal(c, &person_id, &title))
        .await
}

#[tauri::command]
pub async fn oo_set_goal_status(
    state: State<'_, AppState>,
    id: String,
    status: GoalStatus,
) -> Result<(), Error> {
    state
        .with_db(move |c| oo::set_goal_status(c, &id, status))
        .await
}

#[tauri::command]
pub async fn oo_settings(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<OneOnOneSettings, Error> {
    state.with_db(move |c| oo::settings(c, &person_id)).await
}

#[tauri::command]
pub async fn oo_set_settings(
    state: State<'_, AppState>,
    settings: OneOnOneSettings,
) -> Result<OneOnOneSettings, Error> {
    state.with_db(move |c| oo::set_settings(c, &settings)).await
}

#[tauri::command]
pub async fn oo_templates(state: State<'_, AppState>) -> Result<Vec<Template>, Error> {
    state.with_db(|c| oo::templates(c)).await
}

#[tauri::command]
pub async fn oo_create_template(
    state: State<'_, AppState>,
    input: TemplateInput,
) -> Result<Template, Error> {
    state.with_db(move |c| oo::create_template(c, &input)).await
}

#[tauri::command]
pub async fn oo_update_template(
    state: State<'_, AppState>,
    id: String,
    input: TemplateInput,
) -> Result<Template, Error> {
    state
        .with_db(move |c| oo::update_template(c, &id, &input))
        .await
}

#[tauri::command]
pub async fn oo_delete_template(state: State<'_, AppState>, id: String) -> Result<(), Error> {
    state.with_db(move |c| oo::delete_template(c, &id)).await
}

#[tauri::command]
pub async fn oo_search(
    state: State<'_, AppState>,
    query: String,
    person_id: Option<String>,
) -> Result<Vec<NoteHit>, Error> {
    state
        .with_db(move |c| oo::search(c, &query, person_id.as_deref(), 50))
        .await
}

/// Exports one person's 1:1 history (or a date range) to Markdown where the user chooses.
/// Private notes only when `include_private` is ticked. `None` if the dialog was cancelled.
#[tauri::command]
pub async fn oo_export(
    app: AppHandle,
    state: State<'_, AppState>,
    person_id: String,
    range: DateRange,
    include_private: bool,
) -> Result<Option<String>, Error> {
    let record = state
        .with_db(move |c| oo::for_export(c, &person_id, &range, today()))
        .await?;
    let name = format!(
        "1on1s-{}.md",
        record
            .person
            .name
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let Some(path) = super::ask_save_path(&app, "Export 1:1 history", &name, "md")? else {
        return Ok(None);
    };
    let markdown = leadbook_export::one_on_ones::to_markdown(&record, include_private);
    leadbook_export::write_file(&path, markdown.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
