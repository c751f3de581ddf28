//! Skills: a catalog seeded from the blueprint (technical skills in their tiers, soft skills),
//! a 0-4 scale with editable labels, self and manager ratings with every one kept, the "wants to
//! grow this" flag, the people × skills matrix with holders and the bus-factor flag, a person's
//! profile and what changed since a date, and the matrix as a wide CSV both ways.

mod catalog;
mod import;
mod matrix;
mod model;
mod ratings;
mod search;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use catalog::seed_data;
pub use catalog::{
    add_skill, ensure_seeded, find_active, get_skill, restore_skill, retire_skill, scale,
    set_scale_step, skills, update_skill, SEED_JSON,
};
pub use import::{export_matrix, import_matrix, IMPORTED_CATEGORY};
pub use matrix::{matrix, matrix_from, profile, LatestFrom};
pub use model::*;
pub use ratings::{changes_since, get_rating, history, rate, set_wants_to_grow};
pub use search::{palette_hit, SEARCH_KIND};
