//! Typst as a library: a closed world of one template, one JSON data file and the four embedded
//! faces of one font (DejaVu Sans: regular, bold, oblique, bold oblique; Typst never slants or
//! emboldens a face itself, so `*emphasis*` needs its own). No files are read from disk, no packages are downloaded and no system fonts are
//! scanned, so a PDF renders the same on every machine and user text cannot reach anything but
//! the template's `json("data.json")`.

use std::path::PathBuf;
use std::sync::LazyLock;

use leadbook_core::Error;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// The font family every template sets (`set text(font: "DejaVu Sans")`).
#[cfg(test)]
const FONT_FAMILY: &str = "DejaVu Sans";

static FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../fonts/DejaVuSans-BoldOblique.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The virtual path of the data file a template reads with `json("data.json")`.
pub const DATA_FILE: &str = "data.json";

fn file_id(path: &str) -> Result<FileId, Error> {
    let vpath = VirtualPath::new(path)
        .map_err(|e| Error::storage(format!("bad template path {path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

struct ExportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for ExportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.data_id {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Exports are reproducible: the template takes no date from the clock.
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()))
}

fn world(name: &str, template: &str, data: Vec<u8>) -> Result<ExportWorld, Error> {
    Ok(ExportWorld {
        main: Source::new(file_id(&format!("/{name}"))?, template.to_string()),
        data_id: file_id(&format!("/{DATA_FILE}"))?,
        data: Bytes::new(data),
    })
}

/// Lays `template` out into pages without writing a PDF, for tests that look at the typeset
/// text (which face each run got).
#[cfg(test)]
pub fn layout(name: &str, template: &str, data: Vec<u8>) -> Result<PagedDocument, Error> {
    let world = world(name, template, data)?;
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| Error::storage(describe(&world, &errors)))
}

/// Renders `template` (Typst source) to PDF; the template reads `data` (JSON) as
/// `json("data.json")`. `name` is the template's virtual file name, shown in error messages.
pub fn render(name: &str, template: &str, data: Vec<u8>, ident: &str) -> Result<Vec<u8>, Error> {
    let world = world(name, template, data)?;
    let result = typst::compile::<PagedDocument>(&world).output;
    let pdf = result
        .and_then(|document| {
            let options = typst_pdf::PdfOptions {
                ident: Smart::Custom(ident.to_string()),
                creator: Smart::Custom(Some("Leadbook".to_string())),
                ..typst_pdf::PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options)
        })
        .map_err(|errors| Error::storage(describe(&world, &errors)));
    // Typst memoises across compilations; drop what this one cached so a long-running app
    // does not grow with every export.
    typst::comemo::evict(0);
    pdf
}

/// A readable message from Typst diagnostics: each error with its template line and hints.
fn describe(world: &ExportWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let details: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut text = d.message.to_string();
            let in_template = d.span.id() == Some(world.main.id());
            if let Some(line) = world
                .range(d.span)
                .filter(|_| in_template)
                .and_then(|range| world.main.lines().byte_to_line(range.start))
            {
                text.push_str(&format!(" (template line {})", line + 1));
            } else if d.span.id() == Some(world.data_id) {
                text.push_str(" (in the export data)");
            }
            for hint in &d.hints {
                text.push_str(&format!("; hint: {}", hint.v));
            }
            text
        })
        .collect();
    format!("Could not render the PDF: {}", details.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_are_the_template_family() {
        use typst::text::{FontStyle, FontWeight};
        let mut faces: Vec<(FontStyle, FontWeight)> = FONTS
            .fonts
            .iter()
            .map(|font| {
                assert_eq!(font.info().family, FONT_FAMILY);
                (font.info().variant.style, font.info().variant.weight)
            })
            .collect();
        faces.sort();
        assert_eq!(
            faces,
            [
                (FontStyle::Normal, FontWeight::REGULAR),
                (FontStyle::Normal, FontWeight::BOLD),
                (FontStyle::Italic, FontWeight::REGULAR),
                (FontStyle::Italic, FontWeight::BOLD),
            ],
            "Typst files DejaVu's oblique faces as italic, which `emph` asks for"
        );
    }

    #[test]
    fn template_errors_are_readable_storage_errors() {
        let err = render("broken.typ", "#let x = (\n#nope()", b"{}".to_vec(), "test")
            .expect_err("a broken template fails");
        assert_eq!(err.code, leadbook_core::ErrorCode::Storage);
        assert!(
            err.message.starts_with("Could not render the PDF: "),
            "{}",
            err.message
        );
    }

    #[test]
    fn only_the_data_file_is_visible() {
        let err = render("t.typ", "#read(\"/etc/passwd\")", b"{}".to_vec(), "test")
            .expect_err("no disk access");
        assert!(err.message.contains("not found"), "{}", err.message);
    }
}
