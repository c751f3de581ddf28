//! The skills types as they cross the boundary, and the words their enums are stored as.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stored_enum;

pub const MAX_SKILL_NAME_CHARS: usize = 80;
pub const MAX_CATEGORY_CHARS: usize = 80;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The top of the rating scale (0 to this).
pub const MAX_LEVEL: u8 = 4;
/// A manager rating at or above this makes a person a holder of the skill.
pub const HOLDER_LEVEL: u8 = 3;

/// Who gave a rating: the person themself or their manager. The manager's counts for coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rater {
    #[serde(rename = "self")]
    #[ts(rename = "self")]
    SelfRated,
    Manager,
}
stored_enum!(Rater {
    SelfRated = "self",
    Manager = "manager"
});

/// A skill of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Skill {
    pub id: String,
    pub name: String,
    /// The group it shows under in the matrix ("Must-have technical skills", "Soft skills").
    pub category: String,
    pub description: String,
    /// The blueprint node it was seeded from, if any.
    pub source_id: Option<String>,
    #[ts(type = "number")]
    pub position: i64,
    /// When it was retired (its history stays; it leaves the matrix); `null` while in use.
    pub retired_at: Option<String>,
}

/// A skill as the user adds or edits it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct SkillInput {
    pub name: String,
    pub category: String,
    pub description: Option<String>,
}

/// One step of the 0-4 rating scale, with its editable name and description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScaleStep {
    pub level: u8,
    pub name: String,
    pub description: String,
}

/// A rating to record. `rated_on` defaults to today.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct RatingInput {
    pub person_id: String,
    pub skill_id: String,
    pub rater: Rater,
    pub level: u8,
    #[serde(default)]
    pub rated_on: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A rating as kept (every one is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rating {
    pub id: String,
    pub person_id: String,
    pub skill_id: String,
    pub rater: Rater,
    pub level: u8,
    pub rated_on: String,
    pub note: String,
    pub created_at: String,
}

/// How the matrix orders its skill columns (always grouped by category).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatrixSort {
    /// The catalog's order.
    #[default]
    Catalog,
    /// Fewest holders first within each category (the riskiest columns lead).
    Coverage,
}

/// Which part of the matrix to show.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct MatrixQuery {
    /// Only people of this team (holders and bus factor are then counted in it).
    pub team: Option<String>,
    /// Only skills of this category.
    pub category: Option<String>,
    /// Show retired skills too.
    pub include_retired: bool,
    pub sort: MatrixSort,
}

/// A skill column of the matrix, with its coverage.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MatrixSkill {
    pub id: String,
    pub name: String,
    pub category: String,
    pub description: String,
    pub retired: bool,
    /// People shown whose latest manager rating is 3 or more, in row order.
    pub holders: Vec<String>,
    /// One holder or none: the team's knowledge of it hangs on one person or on nobody.
    pub at_risk: bool,
    /// How many people shown have a manager rating for it.
    pub rated: u32,
    /// The mean of those ratings, if any.
    pub average: Option<f64>,
}

/// One cell: the latest manager and self ratings of one person for one skill.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Cell {
    pub manager: Option<u8>,
    pub manager_on: Option<String>,
    pub self_level: Option<u8>,
    pub self_on: Option<String>,
    pub wants_to_grow: bool,
}

/// A row of the matrix: an active person and their cells, aligned with `Matrix::skills`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MatrixRow {
    pub person_id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub cells: Vec<Cell>,
}

/// The people × skills heatmap, computed in Rust; the page only draws it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Matrix {
    pub scale: Vec<ScaleStep>,
    /// Every team of the active roster (for the filter), sorted.
    pub teams: Vec<String>,
    /// Every category in catalog order (for the filter).
    pub categories: Vec<String>,
    pub skills: Vec<MatrixSkill>,
    pub rows: Vec<MatrixRow>,
}

/// One skill of a person's profile: where they are, where they were, what their level expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProfileSkill {
    pub skill_id: String,
    pub name: String,
    pub category: String,
    pub manager: Option<u8>,
    pub manager_on: Option<String>,
    pub self_level: Option<u8>,
    pub self_on: Option<String>,
    pub wants_to_grow: bool,
    /// The latest manager rating on or before the `since` date asked for.
    pub at_since: Option<u8>,
    /// What the person's current ladder level expects, if it names this skill.
    pub expected: Option<u8>,
}

/// A person's skills: every active skill they have a rating, an interest or an expectation for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Profile {
    pub person_id: String,
    pub since: Option<String>,
    /// The ladder level the expectations come from ("L4"), if the person is placed.
    pub level_key: Option<String>,
    pub skills: Vec<ProfileSkill>,
    /// Skills whose manager rating changed since `since` (up or down).
    pub changed: u32,
}

/// What a matrix import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MatrixImport {
    /// Rows (people) read.
    pub people: u32,
    /// New ratings recorded.
    pub ratings: u32,
    /// Cells that repeated a rating already kept for that day (nothing new recorded).
    pub unchanged: u32,
    /// Skills created from unknown columns (with add_skills).
    pub added_skills: Vec<String>,
    pub rated_on: String,
}
