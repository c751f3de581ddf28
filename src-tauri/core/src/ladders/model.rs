//! The ladder types as they cross the boundary, and the words their enums are stored as.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stored_enum;

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_KEY_CHARS: usize = 12;
pub const MAX_SLUG_CHARS: usize = 60;
pub const MAX_TEXT_CHARS: usize = 4_000;
pub const MAX_EVIDENCE_CHARS: usize = 4_000;

/// The kind of career track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Individual contributor.
    Ic,
    Management,
}
stored_enum!(Track {
    Ic = "ic",
    Management = "management"
});

/// A person against a competency at their target level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentRating {
    Below,
    Meets,
    Exceeds,
}
stored_enum!(AssessmentRating {
    Below = "below",
    Meets = "meets",
    Exceeds = "exceeds"
});

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    /// Typed in the evidence log.
    Manual,
    /// A #tagged paragraph of a 1:1's agenda or shared notes.
    Notes,
    /// A #tagged action item.
    Action,
}
stored_enum!(EvidenceSource {
    Manual = "manual",
    Notes = "notes",
    Action = "action"
});

/// A ladder in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LadderSummary {
    pub id: String,
    pub name: String,
    pub track: Track,
    pub description: String,
    pub levels: Vec<String>,
    pub competencies: u32,
    /// People placed on it.
    pub people: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Level {
    pub id: String,
    /// Short and unique in the ladder: "L4", "M1".
    pub key: String,
    pub title: String,
    pub summary: String,
    #[ts(type = "number")]
    pub position: i64,
}

/// What a competency looks like at one level ("" where nothing is written yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Expectation {
    pub level_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Competency {
    pub id: String,
    /// Unique in the ladder; `#slug` in a 1:1 note files evidence on it.
    pub slug: String,
    pub name: String,
    pub description: String,
    pub source_id: Option<String>,
    /// One per level, in the ladder's level order.
    pub expectations: Vec<Expectation>,
}

/// The skill level a ladder level expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpectedSkill {
    pub level_id: String,
    pub skill_id: String,
    pub skill_name: String,
    pub category: String,
    pub level: u8,
}

/// A whole ladder: levels in order, competencies with their text per level, expected skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Ladder {
    pub id: String,
    pub name: String,
    pub track: Track,
    pub description: String,
    pub levels: Vec<Level>,
    pub competencies: Vec<Competency>,
    pub expected_skills: Vec<ExpectedSkill>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct LadderInput {
    pub name: String,
    pub track: Track,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct LevelInput {
    pub key: String,
    pub title: String,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct CompetencyInput {
    /// Blank: made from the name ("Incident leadership" → `incident-leadership`).
    pub slug: Option<String>,
    pub name: String,
    pub description: Option<String>,
}

/// Where a person is on a ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Placement {
    pub person_id: String,
    pub ladder_id: String,
    pub ladder_name: String,
    pub level_id: String,
    pub level_key: String,
    pub level_title: String,
    pub target_level_id: Option<String>,
    pub target_key: Option<String>,
    pub target_title: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct PlacementInput {
    pub person_id: String,
    pub ladder_id: String,
    pub level_id: String,
    #[serde(default)]
    pub target_level_id: Option<String>,
}

/// A piece of evidence for a competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Evidence {
    pub id: String,
    pub person_id: String,
    pub competency_id: String,
    pub competency_name: String,
    pub slug: String,
    pub date: String,
    pub text: String,
    pub source: EvidenceSource,
    /// The 1:1 it came from, if any (link back to it).
    pub meeting_id: Option<String>,
    pub meeting_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct EvidenceInput {
    pub person_id: String,
    pub competency_id: String,
    /// Default today.
    pub date: Option<String>,
    pub text: String,
}

/// Where a person stands on one competency against the level they are measured against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Standing {
    pub competency_id: String,
    pub slug: String,
    pub name: String,
    /// The expectation at the person's current level.
    pub current_text: String,
    /// The expectation at the level they are measured against.
    pub target_text: String,
    pub assessment: Option<AssessmentRating>,
    pub note: String,
    pub assessed_on: Option<String>,
    pub evidence: u32,
    pub last_evidence: Option<String>,
}

/// A skill below what the level measured against expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillGap {
    pub skill_id: String,
    pub name: String,
    pub expected: u8,
    /// The latest manager rating; `null` when never rated (counted as under).
    pub actual: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessStatus {
    /// Meets or exceeds every competency and every expected skill of the level.
    Ready,
    /// Assessed on everything, with at most two gaps left.
    Close,
    /// More gaps, or competencies not assessed yet.
    NotYet,
    /// On the ladder's top level with no target: nothing to be ready for.
    AtTop,
}

/// Readiness for the target level (or the next one) and the gap to it, computed in Rust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Readiness {
    pub placement: Placement,
    /// The level measured against: the target if set, else the next level; `null` at the top.
    pub against_level_id: Option<String>,
    pub against_key: Option<String>,
    pub against_title: Option<String>,
    pub status: ReadinessStatus,
    /// Competencies assessed meets or exceeds.
    pub met: u32,
    pub total: u32,
    /// Names of competencies assessed below.
    pub below: Vec<String>,
    /// Names of competencies not assessed yet.
    pub unassessed: Vec<String>,
    pub skills_under: Vec<SkillGap>,
    pub competencies: Vec<Standing>,
    /// Evidence entries on this ladder's competencies.
    pub evidence: u32,
    /// One line for the person page ("Ready for L5", "2 gaps to L5: …").
    pub summary: String,
}

/// A run of words in a diffed text; `changed` where it differs from the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

/// A competency whose text differs between two levels, both texts and their changed words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CompetencyChange {
    pub competency_id: String,
    pub slug: String,
    pub name: String,
    pub from_text: String,
    pub to_text: String,
    pub from_segments: Vec<Segment>,
    pub to_segments: Vec<Segment>,
}

/// An expected skill level that differs between two levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillChange {
    pub skill_id: String,
    pub name: String,
    pub from: Option<u8>,
    pub to: Option<u8>,
}

/// What changes from one level to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelDiff {
    pub ladder_id: String,
    pub ladder_name: String,
    pub from: Level,
    pub to: Level,
    pub changes: Vec<CompetencyChange>,
    pub skills: Vec<SkillChange>,
    /// Competencies whose text is the same at both levels.
    pub unchanged: u32,
}

/// One change in a ladder's (or a person's) history, from the revision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LadderEvent {
    pub at: String,
    pub actor: String,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
