use tauri::State;

use crate::state::AppState;
use leadbook_core::people::{self, PeopleQuery, Person, PersonInput};
use leadbook_core::Error;

#[tauri::command]
pub async fn people_list(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> Result<Vec<Person>, Error> {
    state.with_db(move |c| people::list(c, &query)).await
}

#[tauri::command]
pub async fn people_get(state: State<'_, AppState>, id: String) -> Result<Person, Error> {
    state.with_db(move |c| people::get(c, &id)).await
}

#[tauri::command]
pub async fn people_add(state: State<'_, AppState>, input: PersonInput) -> Result<Person, Error> {
    state.with_db(move |c| people::add(c, &input)).await
}

#[tauri::command]
pub async fn people_update(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> Result<Person, Error> {
    state.with_db(move |c| people::update(c, &id, &input)).await
}

#[tauri::command]
pub async fn people_archive(state: State<'_, AppState>, id: String) -> Result<Person, Error> {
    state.with_db(move |c| people::archive(c, &id)).await
}

#[tauri::command]
pub async fn people_restore(state: State<'_, AppState>, id: String) -> Result<Person, Error> {
    state.with_db(move |c| people::restore(c, &id)).await
}
