//! Blueprint rules against an in-memory database.

use rusqlite::Connection;

use super::feeds::{items_at, node_by_key};
use super::tree::to_seed_nodes;
use super::*;
use crate::db;
use crate::error::ErrorCode;
use crate::search::{HIGHLIGHT_END, HIGHLIGHT_START};

fn db() -> Connection {
    db::open_in_memory().unwrap()
}

fn find<'a>(
    nodes: &'a [BlueprintNode],
    pred: &dyn Fn(&BlueprintNode) -> bool,
) -> Option<&'a BlueprintNode> {
    nodes.iter().find_map(|n| {
        if pred(n) {
            Some(n)
        } else {
            find(&n.children, pred)
        }
    })
}

fn keyed(doc: &BlueprintDocument, key: &str) -> BlueprintNode {
    node_by_key(doc, key).unwrap_or_else(|| panic!("no node with key {key}"))
}

fn count_kind(nodes: &[BlueprintNode], kind: NodeKind) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.kind == kind) + count_kind(&n.children, kind))
        .sum()
}

#[test]
fn seed_has_every_section_and_exact_counts() {
    let doc = document(&db()).unwrap();
    assert!(doc.title.starts_with("Infrastructure Engineering Manager"));
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=20).collect::<Vec<_>>());
    assert!(doc
        .sections
        .iter()
        .all(|s| !s.edited && !s.nodes.is_empty()));

    // 3) Core responsibilities: 23 under their category headings.
    let s3 = &doc.sections[2];
    let per_category: Vec<usize> = s3
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|h| count_kind(&h.children, NodeKind::Item))
        .collect();
    assert_eq!(per_category, [5, 5, 5, 3, 2, 3]);
    assert!(find(&s3.nodes, &|n| n.kind == NodeKind::Item
        && n.title.is_none())
    .is_none());

    let table = |key: &str| keyed(&doc, key);
    let kpi = table("kpi-table");
    assert_eq!(kpi.columns.len(), 5);
    assert_eq!(kpi.children.len(), 22);
    assert!(kpi
        .children
        .iter()
        .all(|r| r.cells.len() == 5 && r.cells.iter().all(|c| !c.is_empty())));
    assert_eq!(
        kpi.children[0].cells[0],
        "SLO attainment (per tier-1 service)"
    );
    assert_eq!(kpi.children[21].cells[0], "Team health indicators");

    let tools = table("tools-table");
    assert_eq!(tools.columns.len(), 4);
    assert!(tools.children.iter().all(|r| r.cells.len() == 4));
    assert_eq!(tools.children.first().unwrap().cells[1], "AWS");
    assert_eq!(
        tools.children.last().unwrap().cells[1],
        "Apptio Cloudability"
    );

    let dims = table("scorecard-dimensions");
    assert_eq!((dims.columns.len(), dims.children.len()), (3, 8));
    let summary = table("role-scorecard-summary");
    assert_eq!((summary.columns.len(), summary.children.len()), (2, 10));

    let tiers: Vec<usize> = SKILL_TIERS
        .iter()
        .map(|k| items_at(&doc, k).len())
        .collect();
    assert_eq!(tiers, [8, 6, 4, 4]);
    let soft = items_at(&doc, "soft-skills");
    assert_eq!(soft.len(), 10);
    assert!(soft.iter().all(|s| s.fields.len() == 3));
    assert_eq!(items_at(&doc, "case-studies").len(), 4);
    assert_eq!(items_at(&doc, "assessment-areas").len(), 7);
    let signals: Vec<usize> = ["signals-strong", "signals-weak", "signals-red-flags"]
        .iter()
        .map(|k| items_at(&doc, k).len())
        .collect();
    assert_eq!(signals, [6, 5, 5]);
    for key in [
        "goals-30-day",
        "goals-60-day",
        "goals-90-day",
        "goals-6-month",
        "goals-12-month",
        "goals-long-term",
    ] {
        assert!(!items_at(&doc, key).is_empty(), "{key}");
    }
}

#[test]
fn no_web_page_noise() {
    let json = SEED_JSON.to_lowercase();
    for noise in [
        "hospital",
        "certification course",
        "subscribe",
        "comments",
        "devopsschool",
    ] {
        assert!(!json.contains(noise), "{noise}");
    }
}

#[test]
fn seeding_happens_once_and_never_over_edits() {
    let conn = db();
    let kpi = keyed(&document(&conn).unwrap(), "kpi-table");
    let row = &kpi.children[0];
    let mut content = NodeContent {
        cells: row.cells.clone(),
        ..Default::default()
    };
    content.cells[3] = "≥ 99.95% for tier-1".into();
    edit_node(&conn, &row.id, &content).unwrap();
    ensure_seeded(&conn).unwrap();
    let again = keyed(&document(&conn).unwrap(), "kpi-table");
    assert_eq!(again.children[0].cells[3], "≥ 99.95% for tier-1");
    assert_eq!(again.children[0].state, EditState::Edited);
}

#[test]
fn edit_keeps_revision_and_restore_brings_it_back() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let kpi = keyed(&doc, "kpi-table");
    let row = kpi.children[1].clone();
    let section_id = doc.sections[6].id.clone();
    let mut content = NodeContent {
        cells: row.cells.clone(),
        ..Default::default()
    };
    content.cells[3] = "Burn rate < 0.8".into();
    let section = edit_node(&conn, &row.id, &content).unwrap();
    assert!(section.edited);
    let revs = revisions(&conn, &section_id).unwrap();
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].action, "edit");
    assert!(revs[0]
        .before_text
        .contains("Burn rate < 1.0 over the window"));
    assert!(revs[0].after_text.contains("Burn rate < 0.8"));
    assert!(revs[0].restorable);

    let section = restore_revision(&conn, revs[0].id).unwrap();
    assert!(!section.edited, "back to the original text");
    let restored = keyed(&document(&conn).unwrap(), "kpi-table").children[1].clone();
    assert_eq!(restored.cells, row.cells);
    assert_eq!(restored.state, EditState::Original);
    assert_eq!(revisions(&conn, &section_id).unwrap()[0].action, "restore");
}

#[test]
fn edits_are_validated() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let kpi = keyed(&doc, "kpi-table");
    let too_many = NodeContent {
        cells: vec!["x".into(); 6],
        ..Default::default()
    };
    assert_eq!(
        edit_node(&conn, &kpi.children[0].id, &too_many)
            .unwrap_err()
            .field
            .as_deref(),
        Some("cells")
    );
    let blank = NodeContent {
        cells: vec![String::new(); 5],
        ..Default::default()
    };
    assert_eq!(
        edit_node(&conn, &kpi.children[0].id, &blank)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    let heading = find(&doc.sections[2].nodes, &|n| n.kind == NodeKind::Heading).unwrap();
    let no_title = NodeContent::default();
    assert_eq!(
        edit_node(&conn, &heading.id, &no_title)
            .unwrap_err()
            .field
            .as_deref(),
        Some("title")
    );
    let long = NodeContent {
        title: Some("x".repeat(501)),
        ..Default::default()
    };
    assert_eq!(
        edit_node(&conn, &heading.id, &long)
            .unwrap_err()
            .field
            .as_deref(),
        Some("title")
    );
    assert_eq!(
        edit_node(&conn, "nope", &no_title).unwrap_err().code,
        ErrorCode::NotFound
    );
    assert!(
        revisions(&conn, &doc.sections[6].id).unwrap().is_empty(),
        "nothing recorded"
    );
}

#[test]
fn add_delete_reorder_and_restore() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let s19 = doc.sections[18].clone();
    let strong = keyed(&doc, "signals-strong");
    let first = strong.children[0].id.clone();
    let new = NewNode {
        section_id: s19.id.clone(),
        parent_id: Some(strong.id.clone()),
        after_id: Some(first.clone()),
        kind: NodeKind::Item,
        ordered: false,
        content: NodeContent {
            body: Some("Has run a **game day**".into()),
            ..Default::default()
        },
        items: vec![],
    };
    let added = add_node(&conn, &new).unwrap().node_id;
    let items = items_at(&document(&conn).unwrap(), "signals-strong");
    assert_eq!(items.len(), 7);
    assert_eq!(items[1].id, added);
    assert_eq!(items[1].state, EditState::Added);

    // Rows only go in tables; items only in lists.
    let bad = NewNode {
        kind: NodeKind::Row,
        ..new.clone()
    };
    assert_eq!(
        add_node(&conn, &bad).unwrap_err().field.as_deref(),
        Some("kind")
    );

    move_node(&conn, &added, -1).unwrap();
    assert_eq!(
        items_at(&document(&conn).unwrap(), "signals-strong")[0].id,
        added
    );

    delete_node(&conn, &first).unwrap();
    assert_eq!(
        items_at(&document(&conn).unwrap(), "signals-strong").len(),
        6
    );
    let revisions = revisions(&conn, &s19.id).unwrap();
    let actions: Vec<&str> = revisions.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["delete", "move", "add"]);

    restore_revision(&conn, revisions[0].id).unwrap(); // the deleted signal is back
    let items = items_at(&document(&conn).unwrap(), "signals-strong");
    assert_eq!(items.len(), 7);
    assert_eq!(items[1].id, first, "back in the place it was deleted from");
    restore_revision(&conn, revisions[2].id).unwrap(); // undo the add
    let items = items_at(&document(&conn).unwrap(), "signals-strong");
    assert_eq!(items.len(), 6);
    assert!(!section(&conn, &s19.id).unwrap().edited, "all undone");
}

#[test]
fn reset_section_to_original_and_restore_the_edits() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let s9 = doc.sections[8].clone();
    let soft = keyed(&doc, "soft-skills");
    delete_node(&conn, &soft.children[9].id).unwrap();
    let mut c = NodeContent {
        title: Some("Systems thinking".into()),
        ..Default::default()
    };
    c.fields = soft.children[0].fields.clone();
    edit_node(&conn, &soft.children[0].id, &c).unwrap();
    assert!(section(&conn, &s9.id).unwrap().edited);

    let reset = reset_section(&conn, &s9.id).unwrap();
    assert!(!reset.edited);
    assert_eq!(to_seed_nodes(&reset.nodes), to_seed_nodes(&s9.nodes));
    assert_eq!(
        reset.nodes[0].id, s9.nodes[0].id,
        "seeded ids are stable across a reset"
    );

    let last = revisions(&conn, &s9.id).unwrap()[0].clone();
    assert_eq!(last.action, "reset");
    let back = restore_revision(&conn, last.id).unwrap();
    assert!(back.edited);
    assert_eq!(items_at(&document(&conn).unwrap(), "soft-skills").len(), 9);
}

#[test]
fn search_finds_text_from_every_section_with_highlight() {
    let conn = db();
    let doc = document(&conn).unwrap();
    for s in &doc.sections {
        // The first long word of the section's text.
        fn text_of(nodes: &[BlueprintNode]) -> String {
            nodes
                .iter()
                .map(|n| {
                    let own = [n.title.clone(), n.body.clone(), Some(n.cells.join(" "))];
                    let own: Vec<String> = own.into_iter().flatten().collect();
                    format!("{} {}", own.join(" "), text_of(&n.children))
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        let text = text_of(&s.nodes);
        let word = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.len() >= 9)
            .unwrap_or_else(|| panic!("a long word in section {}", s.number));
        let hits = search(&conn, word, 200).unwrap();
        assert!(
            hits.iter().any(|h| h.section_number == s.number),
            "{word} in section {}",
            s.number
        );
    }
    let hits = search(&conn, "error budg", 20).unwrap();
    assert!(!hits.is_empty());
    assert!(hits[0].snippet.contains(HIGHLIGHT_START) && hits[0].snippet.contains(HIGHLIGHT_END));
    assert!(search(&conn, "  ", 20).unwrap().is_empty());
    // FTS syntax in user input is treated as words, never as operators.
    for nasty in ["\"", "AND OR NOT", "col:val", "a*b", "(", "NEAR(a b)", "^x"] {
        search(&conn, nasty, 20).unwrap();
    }
}

#[test]
fn search_follows_edits_and_deletes() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let row = keyed(&doc, "kpi-table").children[0].clone();
    let mut c = NodeContent {
        cells: row.cells.clone(),
        ..Default::default()
    };
    c.cells[3] = "Zanzibarian availability target".into();
    edit_node(&conn, &row.id, &c).unwrap();
    let hits = search(&conn, "zanzibarian", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].node_id, row.id);
    delete_node(&conn, &row.id).unwrap();
    assert!(search(&conn, "zanzibarian", 10).unwrap().is_empty());
}

#[test]
fn feeds_for_other_areas() {
    let conn = db();
    let skills = skills_catalog(&conn).unwrap();
    assert_eq!(
        skills.iter().filter(|s| s.category == "technical").count(),
        22
    );
    assert_eq!(skills.iter().filter(|s| s.category == "soft").count(), 10);
    let cloud = &skills[0];
    assert!(cloud.name.starts_with("Cloud infrastructure fundamentals"));
    assert_eq!(cloud.importance.as_deref(), Some("Critical"));
    assert!(cloud.description.is_some() && cloud.usage.is_some());
    assert!(skills
        .iter()
        .filter(|s| s.category == "soft")
        .all(|s| s.strong_performance.is_some()));

    let dims = scorecard_dimensions(&conn).unwrap();
    assert_eq!(dims.len(), 8);
    assert_eq!(dims[0].name, "Infrastructure architecture");
    assert_eq!(dims[0].meets_bar, "Solid cloud/network/IAM fundamentals");

    let cases = case_studies(&conn).unwrap();
    assert_eq!(cases.len(), 4);
    assert!(cases[0].title.contains("reliability and scaling plan"));
    assert_eq!(cases[0].asks.len(), 3);

    let signals = candidate_signals(&conn).unwrap();
    assert_eq!(
        signals
            .iter()
            .filter(|s| s.kind == SignalKind::RedFlag)
            .count(),
        5
    );

    let kpis = kpi_definitions(&conn).unwrap();
    assert_eq!(kpis.len(), 22);
    assert_eq!(kpis[1].name, "Error budget burn rate");
    assert_eq!(kpis[1].frequency, "Weekly");
    // Every feed links back to a real blueprint node.
    let doc = document(&conn).unwrap();
    for id in kpis
        .iter()
        .map(|k| &k.source_id)
        .chain(dims.iter().map(|d| &d.source_id))
    {
        assert!(doc
            .sections
            .iter()
            .any(|s| find(&s.nodes, &|n| &n.id == id).is_some()));
    }
}

/// A new block for `section` under `parent` (or the section top), after `after` (or first).
fn new_block(
    section: &str,
    parent: Option<&str>,
    after: Option<&str>,
    kind: NodeKind,
    content: NodeContent,
) -> NewNode {
    NewNode {
        section_id: section.into(),
        parent_id: parent.map(Into::into),
        after_id: after.map(Into::into),
        kind,
        ordered: false,
        content,
        items: vec![],
    }
}

fn text(body: &str) -> NodeContent {
    NodeContent {
        body: Some(body.into()),
        ..Default::default()
    }
}

#[test]
fn adds_headings_paragraphs_lists_and_tables_to_a_section_and_under_a_heading() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let s3 = doc.sections[2].clone();
    let last_top = s3.nodes.last().unwrap().id.clone();

    // A heading at the end of the section.
    let heading = add_node(
        &conn,
        &new_block(
            &s3.id,
            None,
            Some(&last_top),
            NodeKind::Heading,
            NodeContent {
                title: Some("  Vendor management  ".into()),
                ..Default::default()
            },
        ),
    )
    .unwrap();
    let h = heading.section.nodes.last().unwrap();
    assert_eq!(
        (h.id.as_str(), h.kind, h.title.as_deref(), h.state),
        (
            heading.node_id.as_str(),
            NodeKind::Heading,
            Some("Vendor management"),
            EditState::Added
        )
    );
    assert!(heading.section.edited);

    // Under it: a paragraph, then a list with its items, then a table, then a sub-heading.
    let para = add_node(
        &conn,
        &new_block(
            &s3.id,
            Some(&heading.node_id),
            None,
            NodeKind::Paragraph,
            text("Own the *vendor* relationships."),
        ),
    )
    .unwrap();
    let mut list = new_block(
        &s3.id,
        Some(&heading.node_id),
        Some(&para.node_id),
        NodeKind::List,
        NodeContent::default(),
    );
    list.ordered = true;
    list.items = vec![
        text("Quarterly vendor review"),
        NodeContent {
            title: Some("Renewals".into()),
            ..Default::default()
        },
    ];
    let list = add_node(&conn, &list).unwrap();
    let table = add_node(
        &conn,
        &new_block(
            &s3.id,
            Some(&heading.node_id),
            Some(&list.node_id),
            NodeKind::Table,
            NodeContent {
                columns: vec!["Vendor".into(), " Owner ".into()],
                ..Default::default()
            },
        ),
    )
    .unwrap();
    let sub = add_node(
        &conn,
        &new_block(
            &s3.id,
            Some(&heading.node_id),
            Some(&table.node_id),
            NodeKind::Heading,
            NodeContent {
                title: Some("Contracts".into()),
                ..Default::default()
            },
        ),
    )
    .unwrap();

    let s3_now = section(&conn, &s3.id).unwrap();
    let h = s3_now.nodes.last().unwrap();
    let kinds: Vec<NodeKind> = h.children.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::Paragraph,
            NodeKind::List,
            NodeKind::Table,
            NodeKind::Heading
        ]
    );
    assert_eq!(
        h.children[0].body.as_deref(),
        Some("Own the *vendor* relationships.")
    );
    let l = &h.children[1];
    assert!(l.ordered);
    assert_eq!(l.id, list.node_id);
    let items: Vec<(Option<&str>, Option<&str>, NodeKind, EditState)> = l
        .children
        .iter()
        .map(|i| (i.title.as_deref(), i.body.as_deref(), i.kind, i.state))
        .collect();
    assert_eq!(
        items,
        [
            (
                None,
                Some("Quarterly vendor review"),
                NodeKind::Item,
                EditState::Added
            ),
            (Some("Renewals"), None, NodeKind::Item, EditState::Added),
        ]
    );
    let t = &h.children[2];
    assert_eq!(t.columns, ["Vendor", "Owner"]);
    assert!(
        t.children.is_empty(),
        "a table starts with its headers only"
    );
    assert_eq!(h.children[3].id, sub.node_id);

    // The new table takes rows; the new list takes items.
    add_node(
        &conn,
        &new_block(
            &s3.id,
            Some(&table.node_id),
            None,
            NodeKind::Row,
            NodeContent {
                cells: vec!["PagerDuty".into(), "Ada".into()],
                ..Default::default()
            },
        ),
    )
    .unwrap();
    add_node(
        &conn,
        &new_block(
            &s3.id,
            Some(&list.node_id),
            Some(&l.children[1].id),
            NodeKind::Item,
            text("Exit plans"),
        ),
    )
    .unwrap();
    let s3_now = section(&conn, &s3.id).unwrap();
    let h = s3_now.nodes.last().unwrap();
    assert_eq!(h.children[2].children[0].cells, ["PagerDuty", "Ada"]);
    assert_eq!(h.children[1].children.len(), 3);

    // Search finds the new text, items included.
    let hits = search(&conn, "quarterly vendor review", 5).unwrap();
    assert_eq!(hits[0].node_id, l.children[0].id);

    // One revision per add, each named by what was added (a list by its first item).
    let summaries: Vec<String> = revisions(&conn, &s3.id)
        .unwrap()
        .into_iter()
        .map(|r| r.summary)
        .collect();
    assert_eq!(
        summaries,
        [
            "Added “Exit plans”",
            "Added “PagerDuty”",
            "Added “Contracts”",
            "Added “Vendor”",
            "Added “Quarterly vendor review”",
            "Added “Own the *vendor* relationships.”",
            "Added “Vendor management”",
        ]
    );
}

#[test]
fn new_blocks_are_validated_and_nothing_half_added() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let s2 = doc.sections[1].clone();
    let field_of = |new: &NewNode| add_node(&conn, new).unwrap_err().field;

    let no_title = new_block(
        &s2.id,
        None,
        None,
        NodeKind::Heading,
        NodeContent::default(),
    );
    assert_eq!(field_of(&no_title).as_deref(), Some("title"));
    let no_text = new_block(&s2.id, None, None, NodeKind::Paragraph, text("   "));
    assert_eq!(field_of(&no_text).as_deref(), Some("body"));
    let no_columns = new_block(&s2.id, None, None, NodeKind::Table, NodeContent::default());
    assert_eq!(field_of(&no_columns).as_deref(), Some("columns"));
    let blank_column = new_block(
        &s2.id,
        None,
        None,
        NodeKind::Table,
        NodeContent {
            columns: vec!["Vendor".into(), " ".into()],
            ..Default::default()
        },
    );
    assert_eq!(field_of(&blank_column).as_deref(), Some("columns"));

    // A list needs its first item, and every item needs text.
    let empty_list = new_block(&s2.id, None, None, NodeKind::List, NodeContent::default());
    let err = add_node(&conn, &empty_list).unwrap_err();
    assert_eq!(
        (err.field.as_deref(), err.message.as_str()),
        (Some("items"), "A list needs at least one item")
    );
    let mut blank_item = empty_list.clone();
    blank_item.items = vec![text("One"), NodeContent::default()];
    assert_eq!(field_of(&blank_item).as_deref(), Some("items"));
    // Only lists take items.
    let mut para_with_items = no_text.clone();
    para_with_items.content = text("Prose");
    para_with_items.items = vec![text("One")];
    assert_eq!(field_of(&para_with_items).as_deref(), Some("items"));

    // Blocks go at the top of a section or under a heading, nowhere else.
    let list_id = keyed(&doc, "signals-strong").id;
    let s19 = doc.sections[18].id.clone();
    let para_in_list = new_block(&s19, Some(&list_id), None, NodeKind::Paragraph, text("x"));
    assert_eq!(field_of(&para_in_list).as_deref(), Some("kind"));
    let item_at_top = new_block(&s19, None, None, NodeKind::Item, text("x"));
    assert_eq!(field_of(&item_at_top).as_deref(), Some("kind"));
    let elsewhere = new_block(&s2.id, Some(&list_id), None, NodeKind::Item, text("x"));
    assert_eq!(field_of(&elsewhere).as_deref(), Some("parent_id"));
    let missing = new_block("bp-99", None, None, NodeKind::Paragraph, text("x"));
    assert_eq!(
        add_node(&conn, &missing).unwrap_err().code,
        ErrorCode::NotFound
    );

    assert_eq!(
        section(&conn, &s2.id).unwrap(),
        s2,
        "nothing was added to the section"
    );
    assert!(revisions(&conn, &s2.id).unwrap().is_empty());
}

#[test]
fn undoing_a_new_list_removes_it_with_its_items_and_restoring_brings_both_back() {
    let conn = db();
    let s5 = document(&conn).unwrap().sections[4].clone();
    let mut list = new_block(&s5.id, None, None, NodeKind::List, NodeContent::default());
    list.items = vec![text("Quokka drills"), text("Game days")];
    let added = add_node(&conn, &list).unwrap();
    assert_eq!(
        added.section.nodes[0].id, added.node_id,
        "first in the section"
    );
    assert_eq!(added.section.nodes[0].children.len(), 2);

    let add = revisions(&conn, &s5.id).unwrap()[0].clone();
    assert_eq!(add.action, "add");
    let undone = restore_revision(&conn, add.id).unwrap();
    assert_eq!(undone, section(&conn, &s5.id).unwrap());
    assert!(!undone.edited, "back as shipped");
    assert!(search(&conn, "quokka", 5).unwrap().is_empty());

    // Undoing the undo (restoring the deletion) brings back the list and both items.
    let delete = revisions(&conn, &s5.id).unwrap()[0].clone();
    assert_eq!(delete.action, "delete");
    let back = restore_revision(&conn, delete.id).unwrap();
    let bodies: Vec<Option<&str>> = back.nodes[0]
        .children
        .iter()
        .map(|i| i.body.as_deref())
        .collect();
    assert_eq!(bodies, [Some("Quokka drills"), Some("Game days")]);
}

#[test]
fn a_section_reads_the_same_alone_as_in_the_document() {
    let conn = db();
    let doc = document(&conn).unwrap();
    let row = keyed(&doc, "kpi-table").children[0].clone();
    edit_node(
        &conn,
        &row.id,
        &NodeContent {
            cells: vec!["a".into(); 5],
            ..Default::default()
        },
    )
    .unwrap();
    let doc = document(&conn).unwrap();
    for s in &doc.sections {
        assert_eq!(&section(&conn, &s.id).unwrap(), s, "section {}", s.number);
    }
    assert!(doc.sections[6].edited);
    assert_eq!(
        section(&conn, "bp-99").unwrap_err().code,
        ErrorCode::NotFound
    );
}
