//! TypeScript bindings for every type that crosses the IPC boundary.
//!
//! `ui/src/bindings/index.ts` is generated from these Rust types and committed. The test below
//! fails when it is stale; `UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings` rewrites it.

use ts_rs::TS;

use crate::{
    blueprint, db, demo, drafts, error, ladders, one_on_ones, palette, people, preferences, skills,
    time,
};

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
        db::snapshots::Snapshot::decl(),
        db::snapshots::RestoreReport::decl(),
        db::archive::ArchiveReport::decl(),
        drafts::Draft::decl(),
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
        // Skills
        skills::Rater::decl(),
        skills::Skill::decl(),
        skills::SkillInput::decl(),
        skills::ScaleStep::decl(),
        skills::RatingInput::decl(),
        skills::Rating::decl(),
        skills::MatrixSort::decl(),
        skills::MatrixQuery::decl(),
        skills::MatrixSkill::decl(),
        skills::Cell::decl(),
        skills::MatrixRow::decl(),
        skills::Matrix::decl(),
        skills::ProfileSkill::decl(),
        skills::Profile::decl(),
        skills::MatrixImport::decl(),
        // Ladders
        ladders::Track::decl(),
        ladders::AssessmentRating::decl(),
        ladders::EvidenceSource::decl(),
        ladders::LadderSummary::decl(),
        ladders::Level::decl(),
        ladders::Expectation::decl(),
        ladders::Competency::decl(),
        ladders::ExpectedSkill::decl(),
        ladders::Ladder::decl(),
        ladders::LadderInput::decl(),
        ladders::LevelInput::decl(),
        ladders::CompetencyInput::decl(),
        ladders::Placement::decl(),
        ladders::PlacementInput::decl(),
        ladders::Evidence::decl(),
        ladders::EvidenceInput::decl(),
        ladders::Standing::decl(),
        ladders::SkillGap::decl(),
        ladders::ReadinessStatus::decl(),
        ladders::Readiness::decl(),
        ladders::PlacedPerson::decl(),
        ladders::Segment::decl(),
        ladders::CompetencyChange::decl(),
        ladders::SkillChange::decl(),
        ladders::LevelDiff::decl(),
        ladders::LadderEvent::decl(),
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
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::*;

    fn repo_file(relative: &str) -> PathBuf {
        // Read at run time (not env!), so a test binary reused from another clone checks this one.
        let dir = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
        Path::new(&dir).join(relative)
    }

    /// The commands registered in the app's `commands::handler()`, with the argument names the
    /// page must send (Tauri takes them in camelCase), from the Rust source.
    fn registered_commands() -> BTreeMap<String, Vec<String>> {
        let dir = repo_file("../src/commands");
        let registry = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
        let list = registry
            .split("generate_handler![")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .expect("commands/mod.rs has a generate_handler! list");
        let mut out = BTreeMap::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (module, name) = entry.split_once("::").expect("module::command");
            let source = std::fs::read_to_string(dir.join(format!("{module}.rs"))).unwrap();
            let signature = source
                .split(&format!("pub async fn {name}("))
                .nth(1)
                .unwrap_or_else(|| panic!("no `pub async fn {name}` in commands/{module}.rs"));
            let params = signature.split(')').next().unwrap_or("");
            let args = params
                .split(',')
                .filter_map(|p| p.split_once(':'))
                .filter(|(_, ty)| !ty.contains("State<") && !ty.contains("AppHandle"))
                .map(|(name, _)| camel_case(name.trim()))
                .collect();
            out.insert(name.to_string(), args);
        }
        out
    }

    fn camel_case(snake: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in snake.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Every `call<…>('command', { args })` in ui/src/lib/ipc.ts.
    fn wrapped_commands() -> BTreeMap<String, Vec<String>> {
        let ipc = std::fs::read_to_string(repo_file("../../ui/src/lib/ipc.ts")).unwrap();
        let mut out = BTreeMap::new();
        for call in ipc.split("call<").skip(1) {
            let Some(after) = call.split_once(">('") else {
                continue;
            };
            let (name, rest) = after.1.split_once('\'').expect("a quoted command name");
            let rest = rest.trim_start();
            let args = match rest.strip_prefix(", {") {
                Some(obj) => obj
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|a| a.split(':').next().unwrap_or("").trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                None => vec![],
            };
            let mut args: Vec<String> = args;
            args.sort();
            assert!(
                out.insert(name.to_string(), args).is_none(),
                "ipc.ts wraps {name} twice"
            );
        }
        out
    }

    /// The IPC contract cannot drift: each registered command has one ipc.ts wrapper sending
    /// exactly its arguments, and every wrapper calls a registered command.
    #[test]
    fn ipc_wrappers_match_the_registered_commands() {
        let mut registered = registered_commands();
        for args in registered.values_mut() {
            args.sort();
        }
        let wrapped = wrapped_commands();
        assert!(registered.len() > 30, "found {} commands", registered.len());
        for (name, args) in &registered {
            match wrapped.get(name) {
                None => panic!("command {name} has no wrapper in ui/src/lib/ipc.ts"),
                Some(sent) => assert_eq!(
                    sent, args,
                    "ipc.ts sends other arguments to {name} than the command takes"
                ),
            }
        }
        for name in wrapped.keys() {
            assert!(
                registered.contains_key(name),
                "ipc.ts calls {name}, which commands::handler() does not register"
            );
        }
    }

    #[test]
    fn generated_types_do_not_shadow_dom_names() {
        let generated = render();
        for dom in [
            "Node",
            "Document",
            "History",
            "Element",
            "Event",
            "Location",
            "Range",
            "Selection",
        ] {
            for form in [format!("type {dom} ="), format!("type {dom}<")] {
                assert!(
                    !generated.contains(&form),
                    "bindings declare {dom}, a DOM name"
                );
            }
        }
    }

    #[test]
    fn bindings_are_fresh() {
        let path = repo_file(BINDINGS_FILE);
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
