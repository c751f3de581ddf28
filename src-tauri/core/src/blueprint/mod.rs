//! The role blueprint: the Infrastructure Engineering Manager blueprint as structured, editable,
//! searchable reference content. Seeded once from `data/role-blueprint.json` (derived from the
//! seed text by `scripts/blueprint_from_seed.py`), never re-seeded over the user's edits. Other
//! areas start from it through the feeds.

mod edit;
mod feeds;
mod model;
mod revisions;
mod search;
mod seed;
#[cfg(test)]
mod tests;
mod tree;

pub use edit::{add_node, delete_node, edit_node, move_node, reset_section};
pub use feeds::*;
pub use model::*;
pub use revisions::{restore_revision, revisions};
pub use search::{palette_hit, search, KIND};
pub use seed::{ensure_seeded, seed_document, SEED_JSON};
pub use tree::{document, section};
