//! CSV in and out, the same for every area. Imports: UTF-8 with or without a BOM, quoted fields,
//! a size cap, columns by header name in any order, and errors as `line N: reason` so the caller
//! can reject the whole file on the first bad row. Exports: cells a spreadsheet would run as a
//! formula are neutralised.

use std::borrow::Cow;

use crate::error::{Error, ErrorCode, Result};

/// The largest CSV file an import accepts (a 200,000-row file of short rows fits).
pub const MAX_IMPORT_BYTES: usize = 32_000_000;

/// The columns a CSV of some kind may have, in the order the importer reads them.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub known: &'a [&'a str],
    pub required: &'a [&'a str],
}

/// One data row: its line in the file and its fields by the position of their column in
/// `Columns::known` (`None` where the file has no such column).
#[derive(Debug)]
pub struct Record {
    pub line: u64,
    fields: Vec<Option<String>>,
}

impl Record {
    /// The field of `known[col]`, or `None` when the file has no such column.
    pub fn get(&self, col: usize) -> Option<&str> {
        self.fields.get(col).and_then(|f| f.as_deref())
    }

    pub fn owned(&self, col: usize) -> Option<String> {
        self.get(col).map(str::to_owned)
    }
}

fn bad(line: u64, reason: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("line {line}: {}", reason.into()),
    )
}

/// Reads `data` row by row and hands each non-blank row to `visit`, stopping at the first error:
/// a malformed file, or an error `visit` returns (which gets the row's `line N: ` in front).
/// Returns how many rows were visited.
pub fn for_each_record(
    data: &[u8],
    columns: Columns,
    mut visit: impl FnMut(&Record) -> Result<()>,
) -> Result<u64> {
    if data.len() > MAX_IMPORT_BYTES {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "The file is {:.1} MB; an import takes at most {} MB",
                data.len() as f64 / 1e6,
                MAX_IMPORT_BYTES / 1_000_000
            ),
        ));
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(data);
    let headers = reader.headers().map_err(|e| bad(1, reason(&e)))?.clone();
    let mut index = vec![None; columns.known.len()];
    for (pos, header) in headers.iter().enumerate() {
        let header = header.trim().to_lowercase();
        let Some(col) = columns.known.iter().position(|c| *c == header) else {
            return Err(bad(
                1,
                format!(
                    "unknown column \"{header}\" (expected {})",
                    columns.known.join(",")
                ),
            ));
        };
        if index[col].replace(pos).is_some() {
            return Err(bad(1, format!("column \"{header}\" appears twice")));
        }
    }
    for required in columns.required {
        if let Some(col) = columns.known.iter().position(|c| c == required) {
            if index[col].is_none() {
                return Err(bad(1, format!("the header has no \"{required}\" column")));
            }
        }
    }
    let mut visited = 0;
    for row in reader.records() {
        let row = row.map_err(|e| bad(e.position().map_or(0, |p| p.line()), reason(&e)))?;
        let line = row.position().map_or(0, |p| p.line());
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let record = Record {
            line,
            fields: index
                .iter()
                .map(|i| i.and_then(|i| row.get(i)).map(str::to_owned))
                .collect(),
        };
        // A row the rules refuse (invalid, clashing, naming nobody) makes the file invalid; a
        // storage failure stays what it is.
        visit(&record).map_err(|e| match e.code {
            ErrorCode::InvalidInput | ErrorCode::Conflict | ErrorCode::NotFound => {
                bad(line, e.message)
            }
            _ => e.at_line(line),
        })?;
        visited += 1;
    }
    Ok(visited)
}

fn reason(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".into(),
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} fields, the header has {expected_len}"),
        _ => e.to_string(),
    }
}

/// A cell as written to an exported CSV: one a spreadsheet would run as a formula (starting with
/// `= + - @`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A whole CSV document: the header, then each row, every cell neutralised and quoted as needed.
pub fn to_csv<R, C>(header: &[&str], rows: R) -> Result<String>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let csv_err = |e: ::csv::Error| Error::storage(format!("cannot write CSV: {e}"));
    // Header cells too: an export's column names can be user text (skill names, say).
    w.write_record(header.iter().map(|h| neutralise(h).into_owned()))
        .map_err(csv_err)?;
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        w.write_record(&cells).map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::storage(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::storage(format!("cannot write CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: Columns = Columns {
        known: &["name", "email"],
        required: &["name"],
    };

    type Row = (u64, Option<String>, Option<String>);

    fn read(data: &str) -> Result<Vec<Row>> {
        let mut rows = vec![];
        for_each_record(data.as_bytes(), COLUMNS, |r| {
            rows.push((r.line, r.owned(0), r.owned(1)));
            Ok(())
        })?;
        Ok(rows)
    }

    #[test]
    fn reads_bom_quotes_any_column_order_and_skips_blank_rows() {
        let rows =
            read("\u{feff}Email, NAME\n\"a@x.io\",\"Núñez, José\"\n,\n\"b@x.io\",Bo\n").unwrap();
        assert_eq!(
            rows,
            vec![
                (2, Some("Núñez, José".into()), Some("a@x.io".into())),
                (4, Some("Bo".into()), Some("b@x.io".into()))
            ]
        );
        let rows = read("name\nAda\n").unwrap();
        assert_eq!(rows[0].2, None, "no email column");
    }

    #[test]
    fn reports_the_line_and_reason_of_the_first_problem() {
        let cases = [
            ("mail\nx\n", "line 1: unknown column \"mail\""),
            ("name,name\nx,y\n", "line 1: column \"name\" appears twice"),
            ("email\nx\n", "line 1: the header has no \"name\" column"),
            (
                "name,email\nA,a\nB,b,c\n",
                "line 3: has 3 fields, the header has 2",
            ),
        ];
        for (data, expected) in cases {
            let e = read(data).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput);
            assert!(e.message.starts_with(expected), "{data:?}: {}", e.message);
        }
        let e = for_each_record(b"name\nA\n\xff\n", COLUMNS, |_| Ok(())).unwrap_err();
        assert!(
            e.message.starts_with("line 3: not valid UTF-8"),
            "{}",
            e.message
        );
        let e = for_each_record(b"name\nA\nB\n", COLUMNS, |r| {
            if r.get(0) == Some("B") {
                Err(Error::invalid("name", "no B"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert_eq!(e.message, "line 3: no B");
    }

    #[test]
    fn refuses_files_over_the_cap() {
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        let e = for_each_record(&big, COLUMNS, |_| Ok(())).unwrap_err();
        assert!(e.message.contains("at most 32 MB"), "{}", e.message);
    }

    #[test]
    fn exports_neutralise_formulas() {
        for cell in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("Ada"), "Ada");
        let csv = to_csv(
            &["name", "note"],
            [["Ada", "=HYPERLINK(\"x\")"], ["Bo, Jr", "ok"]],
        )
        .unwrap();
        assert_eq!(
            csv,
            "name,note\nAda,\"'=HYPERLINK(\"\"x\"\")\"\n\"Bo, Jr\",ok\n"
        );
    }
}
