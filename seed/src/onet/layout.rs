//! Which O*NET download a directory holds, found from the files present before any is read:
//! the layout (29.x or 30.3+), the edition (the official text edition, `.txt` with `n/a` for
//! a missing value, or the Excel-derived `.tsv` the project ships; either plain or `.gz`) and
//! the release. A layout's files are all checked first, so an incomplete download fails
//! naming every missing file and nothing is read or written.
//!
//! Sources for the file names and columns (read, not copied): O*NET's data dictionaries
//! (<https://www.onetcenter.org/dictionary/29.3/text/> and `/30.3/text/`; the 30.3 Transferable
//! Skills page says "added as a new file" in 30.3, with the Skills columns), the 30.3 release
//! page (<https://www.onetcenter.org/dev_db.html>: modernised content model, Software Skills,
//! interest data), and public importers written for 30.3 and 31.0: a measured inventory of
//! `db_31_0_text.zip` (46 tab-separated files plus `Read Me.txt`, no file or column changed
//! from 30.3; Essential Skills 2.A and Transferable Skills 2.B with `Data Value`, `N`,
//! `Standard Error`, CI bounds, `Recommend Suppress`, `Not Relevant`), and loaders that read
//! `Software Skills.txt` by `Workplace Example`, `Element Name`, `Hot Technology`, `In Demand`,
//! `Job Titles.txt` by `Job Title` and `Short Title`, and `Education.txt` / `Training and
//! Experience.txt` with their `… Categories.txt` files. In 29.x these were `Technology Skills`
//! (`Example`, `Commodity Title`), `Alternate Titles` (`Alternate Title`) and `Education,
//! Training, and Experience` (+ `Categories`); element IDs and scales are unchanged.

use std::path::{Path, PathBuf};

use crate::SeedError;

/// A file of a layout, by what the import reads from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Occupations,
    JobZones,
    Skills,
    Knowledge,
    Related,
    Technology,
    Tasks,
    Education,
    EducationCategories,
    Titles,
}

/// One O*NET release layout: its files (name without extension) and the columns that differ.
#[derive(Debug)]
pub(super) struct Layout {
    /// `29.x` or `30.3+`.
    pub(super) name: &'static str,
    files: &'static [(&'static str, Part)],
    /// The technology file's item and category columns.
    pub(super) technology_columns: (&'static str, &'static str),
    /// The alternate-title file's title column.
    pub(super) title_column: &'static str,
    /// Files whose presence says this is the layout.
    markers: &'static [&'static str],
}

/// The layout of O*NET 29.x (and earlier releases back to 20.x).
const V29: Layout = Layout {
    name: "29.x",
    files: &[
        ("Occupation Data", Part::Occupations),
        ("Job Zones", Part::JobZones),
        ("Skills", Part::Skills),
        ("Knowledge", Part::Knowledge),
        ("Related Occupations", Part::Related),
        ("Technology Skills", Part::Technology),
        ("Task Statements", Part::Tasks),
        (
            "Education, Training, and Experience Categories",
            Part::EducationCategories,
        ),
        ("Education, Training, and Experience", Part::Education),
        ("Alternate Titles", Part::Titles),
    ],
    technology_columns: ("Example", "Commodity Title"),
    title_column: "Alternate Title",
    markers: &["Skills", "Technology Skills"],
};

/// The layout from O*NET 30.3 on (31.0 keeps it).
const V30: Layout = Layout {
    name: "30.3+",
    files: &[
        ("Occupation Data", Part::Occupations),
        ("Job Zones", Part::JobZones),
        ("Essential Skills", Part::Skills),
        ("Transferable Skills", Part::Skills),
        ("Knowledge", Part::Knowledge),
        ("Related Occupations", Part::Related),
        ("Software Skills", Part::Technology),
        ("Task Statements", Part::Tasks),
        ("Education Categories", Part::EducationCategories),
        (
            "Training and Experience Categories",
            Part::EducationCategories,
        ),
        ("Education", Part::Education),
        ("Training and Experience", Part::Education),
        ("Job Titles", Part::Titles),
    ],
    technology_columns: ("Workplace Example", "Element Name"),
    title_column: "Job Title",
    markers: &["Essential Skills", "Transferable Skills", "Software Skills"],
};

const LAYOUTS: [&Layout; 2] = [&V29, &V30];

/// How the files are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Edition {
    /// O*NET's text edition: `.txt`, `n/a` for a missing value.
    Text,
    /// The Excel edition converted to `.tsv` (the shipped copy): empty for a missing value.
    Tsv,
}

/// Extensions a file may have, in the order they are looked for.
const EXTENSIONS: [(&str, Edition); 4] = [
    ("tsv", Edition::Tsv),
    ("tsv.gz", Edition::Tsv),
    ("txt", Edition::Text),
    ("txt.gz", Edition::Text),
];

/// The O*NET files of one directory, checked complete.
#[derive(Debug)]
pub(super) struct Download {
    pub(super) layout: &'static Layout,
    pub(super) edition: Edition,
    /// The release number (`29.3`), when the files or the directory name say it.
    pub(super) release: Option<String>,
    /// The release month (`2025-05`), when known.
    pub(super) as_of: Option<String>,
    files: Vec<(Part, PathBuf)>,
    /// `Job Zone Reference`, when the download has it (the zones' definition; without it
    /// the O*NET 1–5 definition holds).
    zone_reference: Option<PathBuf>,
}

/// The file defining the job zones; optional in every layout.
const ZONE_REFERENCE: &str = "Job Zone Reference";

/// `dir/name.<ext>` for the first extension present.
fn find(dir: &Path, name: &str) -> Option<(PathBuf, Edition)> {
    EXTENSIONS.iter().find_map(|(ext, edition)| {
        let path = dir.join(format!("{name}.{ext}"));
        path.is_file().then_some((path, *edition))
    })
}

/// `Skills`, `Knowledge`, … as a readable list.
fn names(files: &[&str]) -> String {
    files.join(", ")
}

impl Download {
    /// Detects the layout and edition of `dir` and checks that every file the layout needs
    /// is there; the error names what is missing.
    pub(super) fn detect(dir: &Path) -> Result<Self, SeedError> {
        let fail = |message: String| SeedError::Parse {
            file: dir.display().to_string(),
            message,
        };
        if !dir.is_dir() {
            return Err(fail("not a directory".into()));
        }
        let present = |name: &&str| find(dir, name).is_some();
        let matching: Vec<&Layout> = LAYOUTS
            .into_iter()
            .filter(|l| l.markers.iter().any(present))
            .collect();
        let layout = match matching[..] {
            [layout] => layout,
            [] => {
                let needs: Vec<String> = LAYOUTS
                    .iter()
                    .map(|l| {
                        let files: Vec<&str> = l.files.iter().map(|(f, _)| *f).collect();
                        format!("the {} layout needs {}", l.name, names(&files))
                    })
                    .collect();
                return Err(fail(format!(
                    "no O*NET layout found (files are looked for as .tsv, .txt, or either with .gz); {}",
                    needs.join("; ")
                )));
            }
            _ => {
                return Err(fail(
                    "holds files of both the 29.x layout (Skills, Technology Skills) and the 30.3+ \
                     layout (Essential Skills, Transferable Skills, Software Skills): keep one release \
                     per directory"
                        .into(),
                ));
            }
        };
        let mut files = Vec::with_capacity(layout.files.len());
        let mut missing = Vec::new();
        let mut edition = None;
        for &(name, part) in layout.files {
            match find(dir, name) {
                Some((path, found)) => {
                    edition.get_or_insert(found);
                    files.push((part, path));
                }
                None => missing.push(name),
            }
        }
        if !missing.is_empty() {
            return Err(fail(format!(
                "incomplete O*NET {} layout: missing {} (as .tsv or .txt, plain or .gz); nothing was imported",
                layout.name,
                names(&missing)
            )));
        }
        let (release, as_of) = release(dir);
        Ok(Self {
            layout,
            edition: edition.unwrap_or(Edition::Tsv),
            release,
            as_of,
            files,
            zone_reference: find(dir, ZONE_REFERENCE).map(|(path, _)| path),
        })
    }

    /// The files of `part`, in layout order.
    fn all(&self, part: Part) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(move |(p, _)| *p == part)
            .map(|(_, path)| path.as_path())
    }

    /// The one file of `part` (every layout has one of each but skills and education).
    fn one(&self, part: Part) -> &Path {
        self.all(part).next().unwrap_or(Path::new(""))
    }

    pub(super) fn occupations(&self) -> &Path {
        self.one(Part::Occupations)
    }
    pub(super) fn job_zones(&self) -> &Path {
        self.one(Part::JobZones)
    }
    pub(super) fn zone_reference(&self) -> Option<&Path> {
        self.zone_reference.as_deref()
    }
    /// `Skills`, or `Essential Skills` then `Transferable Skills`.
    pub(super) fn skills(&self) -> impl Iterator<Item = &Path> {
        self.all(Part::Skills)
    }
    pub(super) fn knowledge(&self) -> &Path {
        self.one(Part::Knowledge)
    }
    pub(super) fn related(&self) -> &Path {
        self.one(Part::Related)
    }
    pub(super) fn technology(&self) -> &Path {
        self.one(Part::Technology)
    }
    pub(super) fn tasks(&self) -> &Path {
        self.one(Part::Tasks)
    }
    /// The category files (one, or education and training-and-experience).
    pub(super) fn education_categories(&self) -> impl Iterator<Item = &Path> {
        self.all(Part::EducationCategories)
    }
    /// The rating files (one, or education and training-and-experience).
    pub(super) fn education(&self) -> impl Iterator<Item = &Path> {
        self.all(Part::Education)
    }
    pub(super) fn titles(&self) -> &Path {
        self.one(Part::Titles)
    }

    /// `O*NET 29.3`, or `O*NET (release unknown)`.
    pub(super) fn label(&self) -> String {
        self.release.as_ref().map_or_else(
            || "O*NET (release unknown)".to_owned(),
            |r| format!("O*NET {r}"),
        )
    }

    /// What was detected, for the import report.
    pub(super) fn describe(&self) -> String {
        let edition = match self.edition {
            Edition::Text => "text edition (.txt)",
            Edition::Tsv => "Excel-derived edition (.tsv)",
        };
        format!("{}, {} layout, {edition}", self.label(), self.layout.name)
    }
}

/// Release months known from O*NET's release notes (the Read Me and the data dictionary
/// name the month; a directory name does not).
const RELEASE_MONTHS: [(&str, &str); 3] = [
    ("29.3", "2025-05"),
    ("30.3", "2026-05"),
    ("31.0", "2026-08"),
];

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The release and its month: from the download's own `Read Me.txt` (its first line naming
/// O*NET with a version), else from the directory name (`onet-29.3`, `db_30_3_text`).
fn release(dir: &Path) -> (Option<String>, Option<String>) {
    let note = ["Read Me.txt", "Read Me.txt.gz", "Read Me.tsv"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .and_then(|p| read_note(&p));
    let from_note = note.as_deref().and_then(|text| {
        text.lines()
            .filter(|l| l.contains("O*NET"))
            .find_map(|l| version_in(l).map(|v| (v, month_in(l))))
    });
    let (release, month) = match from_note {
        Some((v, month)) => (Some(v), month),
        None => {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (version_in(&name), None)
        }
    };
    let month = month.or_else(|| {
        let r = release.as_deref()?;
        RELEASE_MONTHS
            .iter()
            .find(|(v, _)| *v == r)
            .map(|(_, m)| (*m).to_owned())
    });
    (release, month)
}

fn read_note(path: &Path) -> Option<String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).ok()?;
    let mut text = String::new();
    let mut reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    // The release is stated at the top; a few kilobytes are enough.
    reader
        .by_ref()
        .take(16 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// The first `major.minor` (or `major_minor`) version in `text`: one or two digits, a
/// separator, one digit, not part of a longer number (`db_30_3_text` → `30.3`).
pub(super) fn version_in(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let major = digits(i);
        let sep = i + major;
        if (1..=2).contains(&major)
            && sep + 1 < b.len()
            && (b[sep] == b'.' || b[sep] == b'_')
            && digits(sep + 1) == 1
        {
            return Some(format!("{}.{}", &text[i..sep], &text[sep + 1..sep + 2]));
        }
        i += major.max(1);
    }
    None
}

/// `YYYY-MM` from a `Month YYYY` in `text`.
fn month_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|w| {
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w[0]))?;
        let year: u16 = w[1].parse().ok().filter(|y| (1998..=2200).contains(y))?;
        Some(format!("{year}-{:02}", month + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_come_from_notes_and_directory_names() {
        assert_eq!(version_in("onet-29.3").as_deref(), Some("29.3"));
        assert_eq!(version_in("db_30_3_text").as_deref(), Some("30.3"));
        assert_eq!(version_in("db_31_0_excel").as_deref(), Some("31.0"));
        assert_eq!(
            version_in("O*NET 30.3 Database, released May 2026").as_deref(),
            Some("30.3")
        );
        assert_eq!(version_in("onet-mini"), None);
        assert_eq!(version_in("release 2025.05"), None);
        assert_eq!(version_in("v123.4"), None);
        assert_eq!(
            month_in("O*NET 31.0 Database (August 2026)").as_deref(),
            Some("2026-08")
        );
        assert_eq!(month_in("May be 12"), None);
    }
}
