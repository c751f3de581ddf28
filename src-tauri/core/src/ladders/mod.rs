//! Career ladders: tracks of ordered levels with competencies and their expectation per level,
//! expected skill levels, people placed on them with a target, assessments against the target,
//! an evidence log (typed, or filed from #tags in 1:1s), readiness and the gap to the next level,
//! and the level-to-level diff. Every edit is on the kernel's revision log (area `ladders`).

pub(crate) mod demo;
mod diff;
mod edit;
mod evidence;
mod model;
mod placement;
mod search;
mod seed;
#[cfg(test)]
mod tests;

pub use diff::{diff, word_diff};
pub use edit::{
    add_competency, add_level, create_ladder, delete_competency, delete_level, find_ladder,
    find_level, history, ladder, list_ladders, set_expectation, set_expected_skill, slugify,
    update_competency, update_ladder, update_level,
};
pub use evidence::{
    add_evidence, changes_since as evidence_since, delete_evidence, evidence, file_from_action,
    file_from_meeting, paragraphs, tags,
};
pub use model::*;
pub use placement::{
    assess, assign, expected_skills, people_on, placement, readiness, unassign, PlacedPerson,
};
pub use search::{palette_hit, SEARCH_KIND};
pub use seed::{ensure_seeded, SEED_JSON};
#[cfg(test)]
pub(crate) use seed::{expand, seed_data};
