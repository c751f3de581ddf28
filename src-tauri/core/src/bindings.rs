//! TypeScript bindings for every type that crosses the IPC boundary.
//!
//! `ui/src/bindings/index.ts` is generated from these Rust types and committed. The test below
//! fails when it is stale; `UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings` rewrites it.

use ts_rs::TS;

use crate::{blueprint, db, demo, error, one_on_ones, palette, people, preferences, time};

/// Path of the generated file, relative to this crate's manifest.
pub const BINDINGS_FILE: &str = "../../ui/src/bindings/index.ts";

/// The whole generated file.
pub fn render() -> String {
    let decls = [
        error::ErrorCode::decl(),
        error::Error::decl(),
        db::OpenReport::decl(),
        db::AppStatus::decl(),
        db::TableCount::decl(),
        db::CheckReport::decl(),
        db::DbInfo::decl(),
        people::Person::decl(),
        people::PersonInput::decl(),
        people::PeopleQuery::decl(),
        people::ImportReport::decl(),
        blueprint::NodeKind::decl(),
        blueprint::Field::decl(),
        blueprint::EditState::decl(),
        blueprint::BlueprintNode::decl(),
        blueprint::Section::decl(),
        blueprint::BlueprintDocument::decl(),
        blueprint::NodeContent::decl(),
        blueprint::NewNode::decl(),
        blueprint::Added::decl(),
        blueprint::Revision::decl(),
        blueprint::SearchHit::decl(),
        blueprint::ExportFormat::decl(),
        blueprint::SkillSeed::decl(),
        blueprint::ScorecardDimensionSeed::decl(),
        blueprint::CaseStudySeed::decl(),
        blueprint::SignalKind::decl(),
        blueprint::CandidateSignalSeed::decl(),
        blueprint::KpiSeed::decl(),
        one_on_ones::Cadence::decl(),
        one_on_ones::DueState::decl(),
        one_on_ones::CadenceStatus::decl(),
        one_on_ones::OneOnOneSettings::decl(),
        one_on_ones::Author::decl(),
        one_on_ones::TalkingPoint::decl(),
        one_on_ones::Owner::decl(),
        one_on_ones::ActionItem::decl(),
        one_on_ones::NewAction::decl(),
        one_on_ones::Meeting::decl(),
        one_on_ones::NotesInput::decl(),
        one_on_ones::GoalStatus::decl(),
        one_on_ones::Goal::decl(),
        one_on_ones::Template::decl(),
        one_on_ones::TemplateInput::decl(),
        one_on_ones::Prep::decl(),
        one_on_ones::DueEntry::decl(),
        one_on_ones::NoteKind::decl(),
        one_on_ones::NoteHit::decl(),
        demo::DemoReport::decl(),
        one_on_ones::OneOnOneExport::decl(),
        time::DateRange::decl(),
        preferences::Theme::decl(),
        preferences::WeekStart::decl(),
        preferences::Preferences::decl(),
        palette::PaletteHit::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core by `bindings.rs`. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() {
        // Cargo sets CARGO_MANIFEST_DIR when it runs tests; read it at run time so a test binary
        // reused from another clone (shared CARGO_TARGET_DIR) checks this clone's file.
        let dir = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
        let path = std::path::Path::new(&dir).join(BINDINGS_FILE);
        let expected = render();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings`",
            path.display()
        );
    }
}
