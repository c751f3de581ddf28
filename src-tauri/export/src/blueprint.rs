//! The role blueprint as Markdown and as a role description PDF.
//!
//! Both walk the [`BlueprintDocument`] tree in order. The PDF is typeset by Typst from
//! `templates/blueprint.typ`; the document reaches the template only as JSON data (`PdfDoc`,
//! read with `json("data.json")`), never as markup, so user text cannot inject Typst code.

use leadbook_core::blueprint::{BlueprintDocument, BlueprintNode, ExportFormat, Field, NodeKind};
use leadbook_core::Error;
use serde::Serialize;

use crate::rich::{self, Block, Inline};
use crate::typst_pdf;

/// The blueprint in the chosen format, as bytes ready to write.
pub fn render(doc: &BlueprintDocument, format: ExportFormat) -> Result<Vec<u8>, Error> {
    Ok(match format {
        ExportFormat::Markdown => to_markdown(doc).into_bytes(),
        ExportFormat::Json => serde_json::to_vec_pretty(doc)
            .map_err(|e| Error::storage(format!("cannot serialise the blueprint: {e}")))?,
        ExportFormat::Pdf => to_pdf(doc)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// The blueprint as Markdown: `# title`, `## {number}) {title}` per section, sub-headings as
/// `###` (deeper as `####`, ...), paragraphs as the user wrote them, lists, labelled fields as
/// nested `*Label:* value` entries, tables as GitHub pipe tables.
pub fn to_markdown(doc: &BlueprintDocument) -> String {
    let mut blocks = vec![format!("# {}", one_line(&doc.title))];
    for section in &doc.sections {
        blocks.push(format!(
            "## {}) {}",
            section.number,
            one_line(&section.title)
        ));
        nodes_md(&section.nodes, 3, false, &mut blocks);
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// Appends the Markdown blocks of `nodes`. Consecutive items outside a list form one list
/// (`ordered` says how to number them); consecutive rows outside a table form one table.
fn nodes_md(nodes: &[BlueprintNode], level: usize, ordered: bool, out: &mut Vec<String>) {
    let mut i = 0;
    while i < nodes.len() {
        let node = &nodes[i];
        match node.kind {
            NodeKind::Heading => {
                if let Some(title) = text_of(&node.title).map(one_line) {
                    out.push(format!("{} {}", "#".repeat(level.min(6)), title));
                }
                nodes_md(&node.children, level + 1, node.ordered, out);
            }
            NodeKind::Paragraph => {
                if let Some(body) = text_of(&node.body) {
                    out.push(body.to_string());
                }
            }
            NodeKind::List => {
                if !node.children.is_empty() {
                    out.push(list_md(&node.children, node.ordered, level));
                }
            }
            NodeKind::Table => {
                let rows: Vec<&[String]> = node.children.iter().map(|r| &r.cells[..]).collect();
                out.extend(table_md(&node.columns, &rows));
            }
            NodeKind::Item => {
                let run = run_of(nodes, i, NodeKind::Item);
                out.push(list_md(&nodes[i..i + run], ordered, level));
                i += run;
                continue;
            }
            NodeKind::Row => {
                let run = run_of(nodes, i, NodeKind::Row);
                let rows: Vec<&[String]> = nodes[i..i + run].iter().map(|r| &r.cells[..]).collect();
                out.extend(table_md(&[], &rows));
                i += run;
                continue;
            }
        }
        i += 1;
    }
}

/// How many nodes from `start` on are of `kind`.
fn run_of(nodes: &[BlueprintNode], start: usize, kind: NodeKind) -> usize {
    nodes[start..].iter().take_while(|n| n.kind == kind).count()
}

fn list_md(items: &[BlueprintNode], ordered: bool, level: usize) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = if ordered {
                format!("{}. ", i + 1)
            } else {
                "- ".to_string()
            };
            item_md(item, &marker, level)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One list entry. Continuation lines (body lines, fields, nested children) are indented to
/// the entry's content column (2 for `- `, 3 for `1. `) so they stay inside it in CommonMark.
fn item_md(item: &BlueprintNode, marker: &str, level: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    if item.kind == NodeKind::Item {
        let title = text_of(&item.title).map(one_line);
        let body = text_of(&item.body);
        let mut text = match (title, body) {
            (Some(t), Some(b)) if t.ends_with(':') => format!("**{t}** {b}"),
            (Some(t), Some(b)) => format!("**{t}:** {b}"),
            (Some(t), None) => format!("**{t}**"),
            (None, Some(b)) => b.to_string(),
            (None, None) => String::new(),
        };
        for Field { label, value } in &item.fields {
            text.push_str(&format!("\n- *{}:* {}", one_line(label), one_line(value)));
        }
        parts.push(text);
        let mut children = Vec::new();
        nodes_md(&item.children, level, item.ordered, &mut children);
        parts.extend(children);
    } else {
        // Not an item but inside a list: keep it, as the content of an entry.
        nodes_md(std::slice::from_ref(item), level, false, &mut parts);
    }
    let mut text = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !text.is_empty() {
            // A nested list or field line continues the entry; other blocks need a blank line.
            let starts_list = part.starts_with("- ")
                || part
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            text.push_str(if starts_list { "\n" } else { "\n\n" });
        }
        text.push_str(part);
    }
    let pad = " ".repeat(marker.len());
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i == 0 {
            out.push_str(if line.is_empty() {
                marker.trim_end()
            } else {
                marker
            });
        } else {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(if line.trim().is_empty() { "" } else { line });
    }
    out
}

/// A GitHub pipe table; `None` when there is nothing to show.
fn table_md(columns: &[String], rows: &[&[String]]) -> Option<String> {
    let width = rows.iter().map(|r| r.len()).chain([columns.len()]).max()?;
    if width == 0 {
        return None;
    }
    let line = |cells: &[String]| {
        let cells: Vec<String> = (0..width)
            .map(|i| cells.get(i).map(|c| cell_md(c)).unwrap_or_default())
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![line(columns), format!("|{}", " --- |".repeat(width))];
    lines.extend(rows.iter().map(|r| line(r)));
    Some(lines.join("\n"))
}

fn cell_md(cell: &str) -> String {
    one_line(cell).replace('|', "\\|")
}

/// Newlines (and the spaces around them) become one space.
fn one_line(text: &str) -> String {
    text.trim()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text with surrounding blank lines and trailing spaces removed; `None` when blank.
fn text_of(text: &Option<String>) -> Option<&str> {
    let text = text.as_deref()?.trim_end();
    let text = text.trim_start_matches(['\n', '\r']);
    // Leading spaces of a first line that is only spaces belong to a blank line too.
    let text = match text.split_once('\n') {
        Some((first, rest)) if first.trim().is_empty() => rest,
        _ => text,
    };
    (!text.trim().is_empty()).then_some(text)
}

// ---------------------------------------------------------------------------------------------
// PDF

/// The blueprint as a role description PDF (A4, title header, contents, numbered sections,
/// lists with labelled fields, tables with header rows, page numbers).
pub fn to_pdf(doc: &BlueprintDocument) -> Result<Vec<u8>, Error> {
    let data = serde_json::to_vec(&PdfDoc::from(doc))
        .map_err(|e| Error::storage(format!("Could not prepare the PDF data: {e}")))?;
    typst_pdf::render("blueprint.typ", TEMPLATE, data, "leadbook-role-blueprint")
}

const TEMPLATE: &str = include_str!("../templates/blueprint.typ");

/// What the template reads from `data.json`: the document, normalised (stray items grouped into
/// lists, stray rows into tables, ragged rows padded) and bodies parsed from Markdown into
/// styled runs.
#[derive(Debug, Serialize)]
struct PdfDoc<'a> {
    title: &'a str,
    /// The title shortened for the page footer.
    footer: String,
    sections: Vec<PdfSection<'a>>,
}

#[derive(Debug, Serialize)]
struct PdfSection<'a> {
    number: u32,
    title: &'a str,
    nodes: Vec<PdfNode<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PdfNode<'a> {
    Heading {
        title: String,
        children: Vec<PdfNode<'a>>,
    },
    Paragraph {
        blocks: Vec<Block>,
    },
    List {
        ordered: bool,
        items: Vec<PdfItem<'a>>,
    },
    Table {
        columns: Vec<&'a str>,
        /// Relative column widths (fractions of the text width), from the cells' lengths.
        widths: Vec<f64>,
        /// Whether some word is too long for its column, so cells must hyphenate.
        hyphenate: bool,
        rows: Vec<Vec<&'a str>>,
    },
}

#[derive(Debug, Serialize)]
struct PdfItem<'a> {
    /// The title, without a trailing colon (the template adds ": " before `lead`).
    title: Option<String>,
    /// The body's first paragraph, set on the title's line.
    lead: Vec<Inline>,
    /// The rest of the body.
    blocks: Vec<Block>,
    fields: &'a [Field],
    children: Vec<PdfNode<'a>>,
}

impl<'a> From<&'a BlueprintDocument> for PdfDoc<'a> {
    fn from(doc: &'a BlueprintDocument) -> Self {
        PdfDoc {
            title: &doc.title,
            footer: footer_title(&doc.title),
            sections: doc
                .sections
                .iter()
                .map(|s| PdfSection {
                    number: s.number,
                    title: &s.title,
                    nodes: pdf_nodes(&s.nodes, false),
                })
                .collect(),
        }
    }
}

fn pdf_nodes(nodes: &[BlueprintNode], ordered: bool) -> Vec<PdfNode<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        let node = &nodes[i];
        match node.kind {
            NodeKind::Heading => out.push(PdfNode::Heading {
                title: node.title.as_deref().map(one_line).unwrap_or_default(),
                children: pdf_nodes(&node.children, node.ordered),
            }),
            NodeKind::Paragraph => {
                let blocks = rich::parse(text_of(&node.body).unwrap_or(""));
                if !blocks.is_empty() {
                    out.push(PdfNode::Paragraph { blocks });
                }
            }
            NodeKind::List => {
                if !node.children.is_empty() {
                    out.push(PdfNode::List {
                        ordered: node.ordered,
                        items: node.children.iter().map(pdf_item).collect(),
                    });
                }
            }
            NodeKind::Table => {
                let rows: Vec<&[String]> = node.children.iter().map(|r| &r.cells[..]).collect();
                out.extend(pdf_table(&node.columns, &rows));
            }
            NodeKind::Item => {
                let run = run_of(nodes, i, NodeKind::Item);
                out.push(PdfNode::List {
                    ordered,
                    items: nodes[i..i + run].iter().map(pdf_item).collect(),
                });
                i += run;
                continue;
            }
            NodeKind::Row => {
                let run = run_of(nodes, i, NodeKind::Row);
                let rows: Vec<&[String]> = nodes[i..i + run].iter().map(|r| &r.cells[..]).collect();
                out.extend(pdf_table(&[], &rows));
                i += run;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn pdf_item(node: &BlueprintNode) -> PdfItem<'_> {
    if node.kind != NodeKind::Item {
        return PdfItem {
            title: None,
            lead: Vec::new(),
            blocks: Vec::new(),
            fields: &[],
            children: pdf_nodes(std::slice::from_ref(node), false),
        };
    }
    let mut blocks = rich::parse(text_of(&node.body).unwrap_or(""));
    let lead = match blocks.first() {
        Some(Block::P { .. }) => match blocks.remove(0) {
            Block::P { inl } => inl,
            _ => unreachable!("checked above"),
        },
        _ => Vec::new(),
    };
    let title = text_of(&node.title)
        .map(one_line)
        .map(|t| t.trim_end_matches(':').trim_end().to_string())
        .filter(|t| !t.is_empty());
    PdfItem {
        title,
        lead,
        blocks,
        fields: &node.fields,
        children: pdf_nodes(&node.children, node.ordered),
    }
}

fn pdf_table<'a>(columns: &'a [String], rows: &[&'a [String]]) -> Option<PdfNode<'a>> {
    let width = rows.iter().map(|r| r.len()).chain([columns.len()]).max()?;
    if width == 0 {
        return None;
    }
    let pad = |cells: &'a [String]| -> Vec<&'a str> {
        (0..width)
            .map(|i| cells.get(i).map(String::as_str).unwrap_or(""))
            .collect()
    };
    let columns = pad(columns);
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| pad(r)).collect();
    let (widths, hyphenate) = column_widths(&columns, &rows);
    Some(PdfNode::Table {
        columns,
        widths,
        hyphenate,
        rows,
    })
}

/// Relative column widths, in the spirit of HTML's automatic table layout: a column gets at least
/// its longest unbreakable word (headers count a little wider, they are bold), and the room left
/// goes to the columns whose text would otherwise wrap most, in proportion to their longest cell.
/// Lengths are in characters; the template turns them into fractions of the text width. The flag
/// says whether some word cannot get its room, so the table must hyphenate.
fn column_widths(columns: &[&str], rows: &[Vec<&str>]) -> (Vec<f64>, bool) {
    // About how many 8 pt DejaVu Sans characters fit the A4 text width, less cell insets.
    const LINE: f64 = 100.0;
    const INSET: f64 = 2.5;
    let chars = |s: &str| s.chars().count() as f64;
    let words = |s: &str| -> f64 {
        s.split(|c: char| c.is_whitespace() || c == '/' || c == '-')
            .map(chars)
            .fold(0.0, f64::max)
    };
    const MAX_WORD: f64 = 24.0;
    let n = columns.len();
    let mut too_long = false;
    let mut min = vec![0.0f64; n];
    let mut max = vec![0.0f64; n];
    for i in 0..n {
        min[i] = words(columns[i]) * 1.12;
        max[i] = chars(columns[i]) * 1.12;
        for row in rows {
            min[i] = min[i].max(words(row[i]));
            max[i] = max[i].max(chars(row[i]));
        }
        // Very long words get hyphenated rather than take the whole table.
        too_long |= min[i] > MAX_WORD;
        min[i] = min[i].clamp(3.0, MAX_WORD);
        max[i] = max[i].max(min[i]);
    }
    let room = LINE - INSET * n as f64;
    let total_max: f64 = max.iter().sum();
    if total_max <= room {
        return (max, too_long);
    }
    let total_min: f64 = min.iter().sum();
    let spare = (room - total_min).max(0.0);
    let want: f64 = max.iter().zip(&min).map(|(a, b)| a - b).sum();
    let widths = min
        .iter()
        .zip(&max)
        .map(|(lo, hi)| {
            let share = if want > 0.0 { (hi - lo) / want } else { 0.0 };
            lo + spare * share
        })
        .collect();
    (widths, too_long || total_min > room)
}

/// A title short enough for the footer: the part before a colon, or the first words.
fn footer_title(title: &str) -> String {
    let title = one_line(title);
    if title.chars().count() <= 60 {
        return title;
    }
    if let Some((head, _)) = title.split_once(':') {
        if !head.trim().is_empty() && head.chars().count() <= 60 {
            return head.trim().to_string();
        }
    }
    let mut short = String::new();
    for word in title.split(' ') {
        if short.chars().count() + word.chars().count() + 1 > 57 {
            break;
        }
        if !short.is_empty() {
            short.push(' ');
        }
        short.push_str(word);
    }
    short.push('…');
    short
}

#[cfg(test)]
mod tests;
