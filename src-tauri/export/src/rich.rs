//! The user's Markdown (a paragraph or item body) as a small tree of blocks and styled text runs,
//! serialised to JSON for the Typst templates. The template turns each run into text with
//! `text(run.s)`, so Markdown styling survives in the PDF while the text itself is never read
//! as Typst markup.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A block of a Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    P { inl: Vec<Inline> },
    /// A heading inside a body: shown as a bold paragraph.
    H { inl: Vec<Inline> },
    /// A bullet or numbered list; each item is a list of blocks.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote { blocks: Vec<Block> },
    /// A code block, verbatim.
    Code { text: String },
    /// A thematic break.
    Rule,
}

/// A run of text with one style. Flags are left out of the JSON when false.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Inline {
    /// The text, literally.
    pub s: String,
    /// Strong.
    #[serde(skip_serializing_if = "is_false")]
    pub b: bool,
    /// Emphasis.
    #[serde(skip_serializing_if = "is_false")]
    pub i: bool,
    /// Inline code.
    #[serde(skip_serializing_if = "is_false")]
    pub c: bool,
    /// Strikethrough.
    #[serde(skip_serializing_if = "is_false")]
    pub x: bool,
    /// A hard line break (`s` is empty).
    #[serde(skip_serializing_if = "is_false")]
    pub br: bool,
    /// Link target, only for http(s) and mailto links; other links keep their text only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Parses a Markdown body into blocks. Raw HTML is kept as literal text; images keep their alt
/// text (no remote content).
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).peekable();
    blocks(&mut events)
}

type Events<'a> = std::iter::Peekable<Parser<'a>>;

/// Reads blocks until the end tag of the enclosing container (consumed) or the end of input.
fn blocks(ev: &mut Events) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some(event) = ev.peek() {
        if is_inline(event) {
            let inl = inlines(ev);
            push_para(&mut out, inl);
            continue;
        }
        let Some(event) = ev.next() else { break };
        match event {
            Event::End(_) => break,
            Event::Start(Tag::Paragraph) => {
                let inl = inlines(ev);
                ev.next(); // End(Paragraph)
                push_para(&mut out, inl);
            }
            Event::Start(Tag::Heading { .. }) => {
                let inl = inlines(ev);
                ev.next(); // End(Heading)
                if !inl.is_empty() {
                    out.push(Block::H { inl });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let inner = blocks(ev);
                out.push(Block::Quote { blocks: inner });
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                let mut text = String::new();
                for e in ev.by_ref() {
                    match e {
                        Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                let text = text.trim_end_matches('\n').to_string();
                if !text.is_empty() {
                    out.push(Block::Code { text });
                }
            }
            Event::Start(Tag::List(start)) => {
                let mut items = Vec::new();
                loop {
                    match ev.next() {
                        Some(Event::Start(Tag::Item)) => items.push(blocks(ev)),
                        Some(Event::End(TagEnd::List(_))) | None => break,
                        Some(_) => {}
                    }
                }
                out.push(Block::List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                    items,
                });
            }
            Event::Rule => out.push(Block::Rule),
            // Any other container (footnote definitions, items out of place, ...): keep its
            // content in order.
            Event::Start(_) => out.extend(blocks(ev)),
            _ => {}
        }
    }
    out
}

fn push_para(out: &mut Vec<Block>, inl: Vec<Inline>) {
    if !inl.is_empty() {
        out.push(Block::P { inl });
    }
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Reads inline events up to the next block-level event (not consumed).
fn inlines(ev: &mut Events) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let (mut strong, mut emph, mut strike) = (0u32, 0u32, 0u32);
    let mut links: Vec<Option<String>> = Vec::new();
    while let Some(event) = ev.peek() {
        if !is_inline(event) {
            break;
        }
        let Some(event) = ev.next() else { break };
        let style = Inline {
            b: strong > 0,
            i: emph > 0,
            x: strike > 0,
            l: links.iter().rev().flatten().next().cloned(),
            ..Inline::default()
        };
        let (text, code) = match event {
            Event::Start(Tag::Strong) => {
                strong += 1;
                continue;
            }
            Event::End(TagEnd::Strong) => {
                strong = strong.saturating_sub(1);
                continue;
            }
            Event::Start(Tag::Emphasis) => {
                emph += 1;
                continue;
            }
            Event::End(TagEnd::Emphasis) => {
                emph = emph.saturating_sub(1);
                continue;
            }
            Event::Start(Tag::Strikethrough) => {
                strike += 1;
                continue;
            }
            Event::End(TagEnd::Strikethrough) => {
                strike = strike.saturating_sub(1);
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(safe_url(&dest_url));
                continue;
            }
            Event::End(TagEnd::Link) => {
                links.pop();
                continue;
            }
            Event::Start(_) | Event::End(_) | Event::TaskListMarker(_) => continue,
            Event::Text(t) | Event::InlineHtml(t) => (t.to_string(), false),
            Event::InlineMath(t) | Event::DisplayMath(t) => (t.to_string(), false),
            Event::FootnoteReference(t) => (format!("[^{t}]"), false),
            Event::Code(t) => (t.to_string(), true),
            Event::SoftBreak => (" ".to_string(), false),
            Event::HardBreak => {
                out.push(Inline {
                    br: true,
                    ..Inline::default()
                });
                continue;
            }
            _ => continue,
        };
        let run = Inline {
            s: text,
            c: code,
            ..style
        };
        match out.last_mut() {
            Some(last) if same_style(last, &run) => last.s.push_str(&run.s),
            _ => out.push(run),
        }
    }
    out
}

fn same_style(a: &Inline, b: &Inline) -> bool {
    !a.br && !b.br && a.b == b.b && a.i == b.i && a.c == b.c && a.x == b.x && a.l == b.l
}

fn safe_url(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    ok.then(|| url.trim().to_string())
}

/// The plain text of some runs (for tests and fallbacks).
#[cfg(test)]
pub fn plain(inl: &[Inline]) -> String {
    inl.iter()
        .map(|r| if r.br { "\n" } else { r.s.as_str() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_breaks() {
        let b = parse("Hello **bold** and *em* `code`\nsoft [link](https://x.test) [bad](javascript:alert(1))");
        let [Block::P { inl }] = b.as_slice() else {
            panic!("{b:?}")
        };
        assert_eq!(plain(inl), "Hello bold and em code soft link bad");
        assert!(inl.iter().any(|r| r.b && r.s == "bold"));
        assert!(inl.iter().any(|r| r.i && r.s == "em"));
        assert!(inl.iter().any(|r| r.c && r.s == "code"));
        assert!(inl
            .iter()
            .any(|r| r.s == "link" && r.l.as_deref() == Some("https://x.test")));
        assert!(inl
            .iter()
            .all(|r| !r.l.as_deref().unwrap_or("").contains("javascript")));
    }

    #[test]
    fn lists_quotes_and_code() {
        let b = parse("Intro\n\n- one\n- two\n  1. nested\n\n> quoted\n\n```\n#panic(\"x\")\n```\n\n<b>raw</b>");
        assert!(matches!(&b[0], Block::P { .. }));
        let Block::List { ordered, items, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert!(!ordered);
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[1][1], Block::List { ordered: true, .. }));
        assert!(matches!(&b[2], Block::Quote { .. }));
        assert_eq!(
            b[3],
            Block::Code {
                text: "#panic(\"x\")".into()
            }
        );
        let Block::P { inl } = &b[4] else {
            panic!("{b:?}")
        };
        assert_eq!(plain(inl), "<b>raw</b>", "inline HTML stays literal text");
    }

    #[test]
    fn empty_body_has_no_blocks() {
        assert!(parse("").is_empty());
        assert!(parse("  \n\n").is_empty());
    }
}
