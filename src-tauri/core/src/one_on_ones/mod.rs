//! 1:1s: cadence per person, a queue of talking points, action items that carry forward from
//! meeting to meeting until done, meetings with shared and private notes, growth goals,
//! agenda/question templates, the prep view that pulls it together, notes search and the
//! record an export renders.

mod actions;
mod cadence;
mod export;
mod goals;
mod meetings;
mod model;
mod points;
mod prep;
mod search;
mod templates;
#[cfg(test)]
mod tests;

pub use actions::{add_action, get_action, open_actions, set_action_done};
pub use cadence::{cadence_status, due_this_week, set_settings, settings};
pub use export::for_export;
pub use goals::{add_goal, goals, set_goal_status};
pub use meetings::{
    compose_agenda, delete_meeting, get_meeting, meetings, save_notes, save_notes_in,
    set_meeting_date, start_meeting, start_meeting_in,
};
pub use model::*;
pub use points::{add_talking_point, queued_points};
pub use prep::prep;
pub use search::{palette_hit, search, KINDS as SEARCH_KINDS, SEARCH_CANDIDATES};
pub use templates::{
    create_template, delete_template, ensure_default_templates, find_template, template, templates,
    update_template,
};

use rusqlite::Connection;

use crate::error::Result;
use crate::people::{self, Person};

fn ensure_person(conn: &Connection, person_id: &str) -> Result<Person> {
    people::get(conn, person_id)
}
