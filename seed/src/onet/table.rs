//! Reading the O*NET tab-separated files (`.tsv` or `.txt`) and the BLS CSV file (plain or
//! gzipped), row by row, with errors that name the file, the line and the column.

use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use indicatif::{ProgressBar, ProgressStyle};

use crate::SeedError;

/// A TSV/CSV file being read, for error messages.
pub(crate) struct Table {
    file: String,
    reader: csv::Reader<Box<dyn Read>>,
    headers: Vec<String>,
    bar: ProgressBar,
}

/// Opens `path`, or `path.gz` when `path` does not exist; decompresses `.gz` files.
fn open(path: &Path) -> Result<(String, Box<dyn Read>), SeedError> {
    let gz = PathBuf::from(format!("{}.gz", path.display()));
    let (path, compressed) = if path.exists() {
        (
            path.to_path_buf(),
            path.extension().is_some_and(|e| e == "gz"),
        )
    } else {
        (gz, true)
    };
    let file = std::fs::File::open(&path).map_err(|source| SeedError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let reader: Box<dyn Read> = if compressed {
        Box::new(GzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    Ok((name, reader))
}

/// A spinner counting the rows of `file` (hidden unless asked for).
fn spinner(file: &str, progress: bool) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg:<48} {pos:>8} rows") {
        bar.set_style(style);
    }
    bar.set_message(file.to_owned());
    bar
}

impl Table {
    /// Opens a tab-separated O*NET file.
    pub(crate) fn tsv(path: &Path, expected: &[&str], progress: bool) -> Result<Self, SeedError> {
        Self::open(path, b'\t', expected, progress)
    }

    /// Opens a delimited file and checks that its header has every `expected` column.
    pub(crate) fn open(
        path: &Path,
        delimiter: u8,
        expected: &[&str],
        progress: bool,
    ) -> Result<Self, SeedError> {
        let (file, input) = open(path)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(delimiter != b'\t')
            .flexible(false)
            .from_reader(input);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| SeedError::Parse {
                file: file.clone(),
                message: e.to_string(),
            })?
            .iter()
            .map(str::to_owned)
            .collect();
        for name in expected {
            if !headers.iter().any(|h| h == name) {
                return Err(SeedError::Invalid {
                    file,
                    record: "line 1".into(),
                    field: (*name).into(),
                    message: format!("missing column; the header is {headers:?}"),
                });
            }
        }
        let bar = spinner(&file, progress);
        Ok(Self {
            file,
            reader,
            headers,
            bar,
        })
    }

    fn column(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or(usize::MAX)
    }

    /// Calls `each` with every record and its line; stops at the first error.
    pub(crate) fn rows(
        &mut self,
        mut each: impl FnMut(&Row) -> Result<(), SeedError>,
    ) -> Result<(), SeedError> {
        let mut record = csv::StringRecord::new();
        loop {
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| SeedError::Parse {
                    file: self.file.clone(),
                    message: e.to_string(),
                })?;
            if !more {
                break;
            }
            let line = record.position().map_or(0, |p| p.line());
            each(&Row {
                table: self,
                record: &record,
                line,
            })?;
            self.bar.inc(1);
        }
        self.bar.finish();
        Ok(())
    }
}

/// One record of a [`Table`].
pub(crate) struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
    line: u64,
}

impl Row<'_> {
    /// An error naming the file, this row's line and `column`.
    pub(crate) fn fail(&self, column: &str, message: impl Into<String>) -> SeedError {
        let index = self.table.column(column);
        SeedError::Invalid {
            file: self.table.file.clone(),
            record: format!("line {}", self.line),
            field: format!("column {} ({column})", index.saturating_add(1)),
            message: message.into(),
        }
    }

    /// The trimmed text of `column`; empty when absent or `n/a` (O*NET's text edition writes
    /// `n/a` where the Excel edition leaves the cell empty).
    pub(crate) fn text(&self, column: &str) -> &str {
        let text = self
            .record
            .get(self.table.column(column))
            .unwrap_or("")
            .trim();
        if text == "n/a" { "" } else { text }
    }

    pub(crate) fn opt_f64(&self, column: &str) -> Result<Option<f64>, SeedError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        text.replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| self.fail(column, format!("`{text}` is not a number")))
    }

    pub(crate) fn opt_i32(&self, column: &str) -> Result<Option<i32>, SeedError> {
        match self.opt_f64(column)? {
            Some(v) if v.fract() == 0.0 && v.abs() < f64::from(i32::MAX) => Ok(Some(v as i32)),
            Some(v) => Err(self.fail(column, format!("`{v}` is not a whole number"))),
            None => Ok(None),
        }
    }

    /// A whole number that must be there.
    pub(crate) fn i32(&self, column: &str) -> Result<i32, SeedError> {
        self.opt_i32(column)?
            .ok_or_else(|| self.fail(column, "missing"))
    }

    pub(crate) fn flag(&self, column: &str) -> Result<bool, SeedError> {
        match self.text(column) {
            "Y" => Ok(true),
            "N" | "" => Ok(false),
            other => Err(self.fail(column, format!("`{other}` is not Y or N"))),
        }
    }

    /// The occupation whose O*NET-SOC code `column` holds.
    pub(crate) fn occupation(
        &self,
        by_code: &HashMap<String, usize>,
        column: &str,
    ) -> Result<usize, SeedError> {
        let code = self.text(column);
        by_code
            .get(code)
            .copied()
            .ok_or_else(|| self.fail(column, format!("unknown O*NET-SOC code `{code}`")))
    }
}
