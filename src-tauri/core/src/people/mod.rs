//! People: the team roster. Add, edit, archive, restore, list, find, and import from CSV.

mod find;
mod history;
mod import;
#[cfg(test)]
mod import_props;
mod model;
mod rules;
mod search;
mod storage;
#[cfg(test)]
mod tests;

pub use find::find;
pub use history::changes_since;
pub use import::{export_csv, import_csv, CSV_COLUMNS};
pub use model::{ImportReport, PeopleQuery, Person, PersonInput};
pub use model::{MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_SHORT_TEXT_CHARS};
pub use rules::is_valid_email;
pub use search::{palette_hit, SEARCH_KIND};
pub use storage::{add, archive, get, list, restore, update};
