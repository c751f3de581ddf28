use tauri::{AppHandle, State};

use crate::state::AppState;
use leadbook_core::db::snapshots;
use leadbook_core::skills::{
    self, Matrix, MatrixImport, MatrixQuery, Profile, Rating, RatingInput, ScaleStep, Skill,
    SkillInput,
};
use leadbook_core::time::{optional_date_field, today};
use leadbook_core::Error;

#[tauri::command]
pub async fn skills_matrix(
    state: State<'_, AppState>,
    query: MatrixQuery,
) -> Result<Matrix, Error> {
    state.with_db(move |c| skills::matrix(c, &query)).await
}

#[tauri::command]
pub async fn skills_catalog(
    state: State<'_, AppState>,
    include_retired: bool,
) -> Result<Vec<Skill>, Error> {
    state
        .with_db(move |c| skills::skills(c, include_retired))
        .await
}

#[tauri::command]
pub async fn skills_add(state: State<'_, AppState>, input: SkillInput) -> Result<Skill, Error> {
    state.with_db(move |c| skills::add_skill(c, &input)).await
}

#[tauri::command]
pub async fn skills_update(
    state: State<'_, AppState>,
    id: String,
    input: SkillInput,
) -> Result<Skill, Error> {
    state
        .with_db(move |c| skills::update_skill(c, &id, &input))
        .await
}

#[tauri::command]
pub async fn skills_retire(state: State<'_, AppState>, id: String) -> Result<Skill, Error> {
    state.with_db(move |c| skills::retire_skill(c, &id)).await
}

#[tauri::command]
pub async fn skills_restore(state: State<'_, AppState>, id: String) -> Result<Skill, Error> {
    state.with_db(move |c| skills::restore_skill(c, &id)).await
}

#[tauri::command]
pub async fn skills_set_scale(
    state: State<'_, AppState>,
    step: ScaleStep,
) -> Result<Vec<ScaleStep>, Error> {
    state
        .with_db(move |c| skills::set_scale_step(c, &step))
        .await
}

#[tauri::command]
pub async fn skills_rate(state: State<'_, AppState>, input: RatingInput) -> Result<Rating, Error> {
    state
        .with_db(move |c| skills::rate(c, &input, today()))
        .await
}

#[tauri::command]
pub async fn skills_set_wants(
    state: State<'_, AppState>,
    person_id: String,
    skill_id: String,
    wants: bool,
) -> Result<(), Error> {
    state
        .with_db(move |c| skills::set_wants_to_grow(c, &person_id, &skill_id, wants))
        .await
}

#[tauri::command]
pub async fn skills_history(
    state: State<'_, AppState>,
    person_id: String,
    skill_id: String,
) -> Result<Vec<Rating>, Error> {
    state
        .with_db(move |c| skills::history(c, &person_id, &skill_id))
        .await
}

#[tauri::command]
pub async fn skills_profile(
    state: State<'_, AppState>,
    person_id: String,
    since: Option<String>,
) -> Result<Profile, Error> {
    let since = optional_date_field("since", since.as_deref())?;
    state
        .with_db(move |c| skills::profile(c, &person_id, since))
        .await
}

/// Asks which CSV to import (native dialog), snapshots the database, then imports it all or
/// nothing. `None` if the dialog was cancelled.
#[tauri::command]
pub async fn skills_import(
    app: AppHandle,
    state: State<'_, AppState>,
    date: Option<String>,
    add_skills: bool,
) -> Result<Option<MatrixImport>, Error> {
    let Some(path) = super::ask_open_path(&app, "Import a skills matrix", "csv")? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| {
            snapshots::snapshot(&data_dir, "before import")?;
            skills::import_matrix(c, &bytes, date.as_deref(), add_skills, today())
        })
        .await
        .map(Some)
}

/// Asks where to save (native dialog), then writes the matrix as CSV. `None` if cancelled.
#[tauri::command]
pub async fn skills_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, Error> {
    let name = format!("skills-matrix-{}.csv", today());
    let Some(path) = super::ask_save_path(&app, "Export the skills matrix", &name, "csv")? else {
        return Ok(None);
    };
    let csv = state.with_db(|c| skills::export_matrix(c)).await?;
    leadbook_export::write_file(&path, csv.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
