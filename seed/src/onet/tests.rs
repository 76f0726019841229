//! `parse` on a tiny fixture written with the real headers: the records it gives.

use std::path::{Path, PathBuf};

use entity::vocab::MoveKind;

use super::*;
use crate::FactFile;
use crate::dataset::{RoleRecord, SkillRecord, TechnologyItem};

const MANAGERS: &str = "11-3021.00";
const IT_MANAGER: &str = "11-3021.01";
const ADMINS: &str = "15-1244.00";
const DEVELOPERS: &str = "15-1252.00";

/// Rows of tab-separated fields, the header first.
fn tsv(rows: &[&[&str]]) -> String {
    rows.iter().map(|r| r.join("\t") + "\n").collect()
}

#[rustfmt::skip]
fn files() -> Vec<(&'static str, String)> {
    let rating_header: &[&str] = &[
        "O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name",
        "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound",
        "Recommend Suppress", "Not Relevant", "Date", "Domain Source",
    ];
    vec![
        ("Occupation Data.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Description"],
            &[MANAGERS, "Computer and Information Systems Managers", "Plan and direct computing."],
            &[IT_MANAGER, "IT Manager", "Run an IT department."],
            &[ADMINS, "Network and Computer Systems Administrators", "Keep networks up."],
            &[DEVELOPERS, "Software Developers", "Write software."],
        ])),
        ("Job Zones.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
            &[MANAGERS, "Managers", "4", "08/2023", "Analyst"],
            &[ADMINS, "Administrators", "3", "08/2023", "Analyst"],
            &[DEVELOPERS, "Developers", "4", "08/2023", "Analyst"],
        ])),
        ("Skills.tsv", tsv(&[
            rating_header,
            &[MANAGERS, "M", "2.A.1.a", "Reading Comprehension", "IM", "Importance", "4.12", "8", "0.125", "3.88", "4.37", "N", "", "08/2023", "Analyst"],
            &[MANAGERS, "M", "2.A.1.a", "Reading Comprehension", "LV", "Level", "4.62", "8", "0.183", "4.2664", "4.9836", "N", "N", "08/2023", "Analyst"],
            &[MANAGERS, "M", "2.A.1.b", "Active Listening", "IM", "Importance", "1.2", "8", "0.5", "", "", "Y", "", "08/2023", "Analyst"],
            &[DEVELOPERS, "D", "2.A.1.a", "Reading Comprehension", "IM", "Importance", "3.75", "8", "0.1", "3.5", "4", "N", "", "08/2023", "Analyst"],
        ])),
        ("Knowledge.tsv", tsv(&[
            rating_header,
            &[MANAGERS, "M", "2.C.3.a", "Computers and Electronics", "IM", "Importance", "4.5", "20", "0.1", "4.3", "4.7", "N", "", "08/2023", "Incumbent"],
        ])),
        ("Related Occupations.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Related O*NET-SOC Code", "Related Title", "Relatedness Tier", "Index"],
            &[ADMINS, "A", MANAGERS, "M", "Primary-Short", "1"],
            &[MANAGERS, "M", DEVELOPERS, "D", "Primary-Long", "2"],
            &[DEVELOPERS, "D", DEVELOPERS, "D", "Supplemental", "3"],
        ])),
        ("Technology Skills.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
            &[MANAGERS, "M", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"],
            &[DEVELOPERS, "D", "Python", "43232403", "", "Y", "Y"],
            &[MANAGERS, "M", "Microsoft Excel", "43232110", "Spreadsheet software", "N", "Y"],
        ])),
        ("Task Statements.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"],
            &[MANAGERS, "M", "1", "Direct the work of systems analysts.", "Core", "", "08/2023", "Analyst"],
            &[DEVELOPERS, "D", "2", "Write code.", "Core", "", "08/2023", "Analyst"],
            &[MANAGERS, "M", "3", "Plan budgets.", "Core", "", "08/2023", "Analyst"],
        ])),
        ("Education, Training, and Experience Categories.tsv", tsv(&[
            &["Element ID", "Element Name", "Scale ID", "Scale Name", "Category", "Category Description"],
            &["2.D.1", "Required Level of Education", "RL", "RL", "2", "High School Diploma - or the equivalent (for example, GED)"],
            &["2.D.1", "Required Level of Education", "RL", "RL", "6", "Bachelor's Degree"],
            &["3.A.1", "Related Work Experience", "RW", "RW", "7", "Over 2 years, up to and including 4 years"],
        ])),
        ("Education, Training, and Experience.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name", "Category", "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"],
            &[MANAGERS, "M", "2.D.1", "E", "RL", "RL", "2", "12.5", "28", "", "", "", "N", "08/2023", "Incumbent"],
            &[MANAGERS, "M", "2.D.1", "E", "RL", "RL", "6", "61.234", "28", "", "", "", "N", "08/2023", "Incumbent"],
            &[MANAGERS, "M", "3.A.1", "X", "RW", "RW", "7", "40", "28", "", "", "", "N", "08/2023", "Incumbent"],
        ])),
        ("Alternate Titles.tsv", tsv(&[
            &["O*NET-SOC Code", "Title", "Alternate Title", "Short Title", "Source(s)"],
            &[MANAGERS, "M", "Computer Programming Manager", "", "08"],
            &[MANAGERS, "M", "Information Technology Manager", "IT Manager", "08"],
            &[MANAGERS, "M", "Information Technology Director", "IT Manager", "08"],
        ])),
        ("national_M2024_dl.csv", [
            "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY",
            "99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,11-0000,Management Occupations,major,10966830,0.2,,,,,68.15,141760,0.2,27.41,38.42,58.7,82.5,#,57010,79900,122090,171610,#,,",
            "99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,11-3021,Computer and Information Systems Managers,detailed,645970,0.6,,,,,90.38,187990,0.3,50.22,64.59,82.31,103.95,#,104450,134350,171200,216220,#,,",
            "99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,15-1244,Network and Computer Systems Administrators,detailed,318570,1.1,,,,,48.65,101190,0.6,29,36.47,46.54,59.32,72.27,60320,75860,96800,123390,150320,,",
            "99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,15-1252,Software Developers,detailed,\"1,654,440\",0.7,,,,,69.5,144570,0.6,38.39,49.55,63.98,81.25,101.66,79850,103050,133080,169000,211450,,",
        ].iter().map(|l| format!("{l}\n")).collect()),
    ]
}

/// A fresh directory holding `files`; its name carries release 29.3.
fn directory(name: &str, files: Vec<(String, Vec<u8>)>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onet-29.3-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

/// The fixture (29.x layout, `.tsv`) in a fresh directory.
fn fixture(name: &str) -> PathBuf {
    let files = files()
        .into_iter()
        .map(|(f, text)| (f.to_owned(), text.into_bytes()))
        .collect();
    directory(name, files)
}

fn paths(dir: &Path) -> ImportPaths {
    ImportPaths {
        onet_dir: dir.to_path_buf(),
        bls_file: Some(dir.join("national_M2024_dl.csv")),
    }
}

/// `parse` on the fixture (in its own directory, removed afterwards).
fn parse_fixture(name: &str, curated: &Dataset) -> Result<Dataset, SeedError> {
    let dir = fixture(name);
    let parsed = parse(&paths(&dir), curated, false);
    let _ = std::fs::remove_dir_all(&dir);
    parsed
}

/// A curated catalog with a role linked to the managers' code, a role whose slug an
/// occupation's title would give, and a skill whose slug an O*NET element would give.
fn curated() -> Dataset {
    let role = |slug: &str, code: Option<&str>| RoleRecord {
        slug: slug.into(),
        title: slug.into(),
        track: "it".into(),
        seniority: Some(3),
        onet_code: code.map(Into::into),
        summary: None,
        job_zone: None,
    };
    Dataset {
        roles: vec![
            role("it-director", Some(MANAGERS)),
            role("it-manager", None),
        ],
        skills: vec![SkillRecord {
            slug: "reading-comprehension".into(),
            name: "Reading".into(),
            category: "skill".into(),
        }],
        ..Dataset::default()
    }
}

fn facts<'a>(d: &'a Dataset, source: &str) -> &'a FactFile {
    d.facts.iter().find(|f| f.source == source).unwrap()
}

#[test]
fn parse_gives_the_catalog_records() {
    let curated = curated();
    let d = parse_fixture("catalog", &curated).unwrap();
    crate::validate_onto(&d, Some(&curated)).unwrap();
    let keys: Vec<&str> = d.sources.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, [ONET_SOURCE, BLS_SOURCE, DERIVED_SOURCE]);
    assert!(
        d.sources[2].title.contains("at least 15% higher"),
        "{}",
        d.sources[2].title
    );
    let slugs: Vec<&str> = d.roles.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "computer-and-information-systems-managers",
            // The curated `it-manager` keeps its slug.
            "it-manager-11-3021-01",
            "network-and-computer-systems-administrators",
            "software-developers",
        ]
    );
    let managers = &d.roles[0];
    assert_eq!(managers.onet_code.as_deref(), Some(MANAGERS));
    assert_eq!((managers.job_zone, managers.seniority), (Some(4), Some(4)));
    assert_eq!(managers.track, "management");
    assert_eq!(
        managers.summary.as_deref(),
        Some("Plan and direct computing.")
    );
    assert_eq!(d.roles[1].job_zone, None);
    let skills: Vec<(&str, &str)> = d
        .skills
        .iter()
        .map(|s| (s.slug.as_str(), s.category.as_str()))
        .collect();
    // A suppressed rating still names its element; a curated skill's slug gets `-onet`.
    assert_eq!(
        skills,
        [
            ("reading-comprehension-onet", "skill"),
            ("active-listening", "skill"),
            ("computers-and-electronics", "knowledge"),
        ]
    );
}

#[test]
fn parse_gives_moves_and_derived_promotions() {
    let d = parse_fixture("moves", &curated()).unwrap();
    let related = &facts(&d, ONET_SOURCE).moves;
    assert_eq!(related.len(), 2, "the self-link is dropped");
    let up = &related[0];
    assert_eq!(
        (up.from.as_str(), up.to.as_str(), up.kind),
        (
            "network-and-computer-systems-administrators",
            "computer-and-information-systems-managers",
            MoveKind::Related
        )
    );
    assert_eq!(up.likelihood, Some(0.5));
    assert_eq!(
        up.description.as_deref(),
        Some("O*NET related occupation (Primary-Short, rank 1)")
    );
    assert!(!up.derived);
    assert_eq!(related[1].likelihood, Some(0.343));
    // Higher job zone and 171,200 ≥ 1.15 × 96,800; managers → developers is neither.
    let promotions = &facts(&d, DERIVED_SOURCE).moves;
    assert_eq!(promotions.len(), 1);
    let p = &promotions[0];
    assert_eq!((&p.from, &p.to), (&up.from, &up.to));
    assert_eq!(
        (p.kind, p.derived, p.likelihood),
        (MoveKind::Promotion, true, Some(0.5))
    );
    assert_eq!(
        p.description.as_deref(),
        Some(
            "Derived from an O*NET related occupation: higher job zone and a median wage at least 15% higher"
        )
    );
}

#[test]
fn a_curated_role_with_the_code_receives_skills_education_and_wages() {
    let d = parse_fixture("curated", &curated()).unwrap();
    let onet = facts(&d, ONET_SOURCE);
    type Skill<'a> = (&'a str, Option<f64>, Option<f64>, Option<i32>);
    let of = |role: &str| -> Vec<Skill> {
        onet.role_skills
            .iter()
            .filter(|s| s.role == role)
            .map(|s| (s.skill.as_str(), s.importance, s.level, s.importance_n))
            .collect()
    };
    let expected = [
        (
            "reading-comprehension-onet",
            Some(4.12),
            Some(4.62),
            Some(8),
        ),
        ("computers-and-electronics", Some(4.5), None, Some(20)),
    ];
    assert_eq!(of("computer-and-information-systems-managers"), expected);
    assert_eq!(of("it-director"), expected);
    let stats = onet
        .role_skills
        .iter()
        .find(|s| s.role == "it-director")
        .unwrap();
    assert_eq!(
        (stats.level_se, stats.level_ci_low, stats.level_ci_high),
        (Some(0.183), Some(4.2664), Some(4.9836))
    );
    let education = onet
        .profiles
        .iter()
        .find(|p| p.role == "it-director")
        .unwrap();
    assert_eq!(education.degree.as_deref(), Some("Bachelor's Degree"));
    assert_eq!(education.degree_share_pct, Some(61.23));
    assert_eq!(
        (
            education.experience_years_min,
            education.experience_years_max
        ),
        (Some(2.0), Some(4.0))
    );
    assert_eq!(education.salary_mean, None);
    let roles: Vec<&str> = onet.profiles.iter().map(|p| p.role.as_str()).collect();
    assert_eq!(
        roles,
        ["computer-and-information-systems-managers", "it-director"]
    );
}

#[test]
fn wages_go_to_every_code_under_the_bls_code_with_the_top_coding_note() {
    let d = parse_fixture("wages", &curated()).unwrap();
    let bls = facts(&d, BLS_SOURCE);
    let roles: Vec<&str> = bls.profiles.iter().map(|p| p.role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "computer-and-information-systems-managers",
            "it-director",
            "it-manager-11-3021-01",
            "network-and-computer-systems-administrators",
            "software-developers",
        ]
    );
    let w = &bls.profiles[1];
    assert_eq!(
        (w.salary_mean, w.salary_median),
        (Some(187_990), Some(171_200))
    );
    assert_eq!((w.salary_p10, w.salary_p90), (Some(104_450), Some(239_200)));
    assert_eq!((w.hourly_mean, w.hourly_p90), (Some(90.38), Some(115.0)));
    assert_eq!(w.jobs_count, Some(645_970));
    assert_eq!(
        w.pay_note.as_deref(),
        Some(
            "BLS top-codes wages: a value of $239200 a year or $115.00 an hour means at least that much."
        )
    );
    assert_eq!(w.degree, None);
    let developers = &bls.profiles[4];
    assert_eq!(
        (developers.jobs_count, developers.pay_note.as_deref()),
        (Some(1_654_440), None)
    );
}

#[test]
fn parse_gives_duties_technologies_and_aliases_per_role() {
    let d = parse_fixture("lists", &curated()).unwrap();
    let onet = facts(&d, ONET_SOURCE);
    let managers = "computer-and-information-systems-managers";
    let duties: Vec<(&str, Vec<&str>)> = onet
        .duties
        .iter()
        .map(|l| {
            (
                l.role.as_str(),
                l.items.iter().map(|i| i.description.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        duties,
        [
            (
                managers,
                vec!["Direct the work of systems analysts.", "Plan budgets."]
            ),
            ("software-developers", vec!["Write code."]),
        ]
    );
    assert_eq!(onet.technologies[0].role, managers);
    assert_eq!(
        onet.technologies[0].items,
        [TechnologyItem {
            name: "Microsoft Excel".into(),
            commodity: Some("Spreadsheet software".into()),
            hot: true,
            in_demand: true,
        }]
    );
    assert_eq!(onet.technologies[1].items[0].commodity, None);
    assert_eq!(onet.aliases.len(), 1);
    assert_eq!(
        onet.aliases[0].items,
        [
            "Computer Programming Manager",
            "Information Technology Manager",
            "IT Manager",
            "Information Technology Director",
        ]
    );
}

#[test]
fn facts_for_curated_roles_the_database_lacks_are_dropped() {
    let d = parse_fixture("absent", &curated()).unwrap();
    let mut without = d.clone();
    drop_absent_roles(&mut without, &HashMap::new());
    let mut with = d.clone();
    drop_absent_roles(&mut with, &HashMap::from([("it-director".to_owned(), 1)]));
    assert_eq!(with, d);
    for (all, kept) in d.facts.iter().zip(&without.facts) {
        assert!(kept.profiles.iter().all(|p| p.role != "it-director"));
        assert!(kept.role_skills.iter().all(|s| s.role != "it-director"));
        let dropped = all.profiles.len() + all.role_skills.len()
            - kept.profiles.len()
            - kept.role_skills.len();
        let expected = match all.source.as_str() {
            ONET_SOURCE => 3,
            BLS_SOURCE => 1,
            _ => 0,
        };
        assert_eq!(dropped, expected, "{}", all.source);
    }
}

#[test]
fn a_bad_number_names_file_line_and_column() {
    let dir = fixture("bad");
    let path = dir.join("Skills.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("4.62", "4.x", 1);
    std::fs::write(&path, text).unwrap();
    let parsed = parse(&paths(&dir), &curated(), false);
    let _ = std::fs::remove_dir_all(&dir);
    let err = parsed.unwrap_err().to_string();
    assert!(
        err.contains("Skills.tsv")
            && err.contains("line 3")
            && err.contains("column 7 (Data Value)"),
        "{err}"
    );
}

#[test]
fn the_report_lists_the_import_tables_in_order() {
    let report = ImportReport::of(
        "O*NET 29.3".into(),
        &[("role", 4), ("certification", 0), ("source", 3)],
    );
    let tables: Vec<&str> = report.written.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        tables,
        [
            "source",
            "job_zone",
            "role",
            "skill",
            "role_profile",
            "role_skill",
            "career_move",
            "role_duty",
            "role_technology",
            "role_alias"
        ]
    );
    assert_eq!(report.written[0], ("source", 3));
    let text = report.to_string();
    assert!(
        text.starts_with("source                         3\n"),
        "{text}"
    );
    assert!(text.ends_with("read: O*NET 29.3\n"), "{text}");
}

/// `text` with every empty field written `n/a`, as O*NET's text edition does.
fn text_edition(text: &str) -> String {
    text.lines()
        .map(|line| {
            let fields: Vec<&str> = line
                .split('\t')
                .map(|f| if f.is_empty() { "n/a" } else { f })
                .collect();
            fields.join("\t") + "\n"
        })
        .collect()
}

/// The header and the rows of `text` where `column` satisfies `keep`.
fn rows_where(text: &str, column: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let at = header.split('\t').position(|h| h == column).unwrap();
    let rows = lines.filter(|l| keep(l.split('\t').nth(at).unwrap()));
    std::iter::once(header)
        .chain(rows)
        .map(|l| format!("{l}\n"))
        .collect()
}

fn gzip(text: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// The fixture re-laid-out as O*NET 30.3+ ships it, text edition: Skills split into Essential
/// (2.A) and Transferable (2.B) Skills, Software Skills and Job Titles with their renamed
/// columns, Education and Training and Experience apart, `n/a` for missing values, and
/// Knowledge gzipped.
fn files_30() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut put = |name: &str, text: String| out.push((format!("{name}.txt"), text.into_bytes()));
    let ete = "Education, Training, and Experience";
    let mut bls = None;
    for (file, text) in files() {
        let Some(name) = file.strip_suffix(".tsv") else {
            bls = Some((file.to_owned(), text.into_bytes()));
            continue;
        };
        match name {
            "Skills" => {
                put(
                    "Essential Skills",
                    rows_where(&text, "Element ID", |e| e.starts_with("2.A")),
                );
                put(
                    "Transferable Skills",
                    rows_where(&text, "Element ID", |e| e.starts_with("2.B")),
                );
            }
            "Technology Skills" => put(
                "Software Skills",
                text.replacen("\tExample\t", "\tWorkplace Example\t", 1)
                    .replacen("Commodity Title", "Element Name", 1),
            ),
            "Alternate Titles" => put(
                "Job Titles",
                text.replacen("Alternate Title", "Job Title", 1),
            ),
            "Education, Training, and Experience Categories" => {
                put(
                    "Education Categories",
                    rows_where(&text, "Scale ID", |s| s == "RL"),
                );
                put(
                    "Training and Experience Categories",
                    rows_where(&text, "Scale ID", |s| s != "RL"),
                );
            }
            _ if name == ete => {
                put("Education", rows_where(&text, "Scale ID", |s| s == "RL"));
                put(
                    "Training and Experience",
                    rows_where(&text, "Scale ID", |s| s != "RL"),
                );
            }
            _ => put(name, text),
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = out
        .into_iter()
        .map(|(name, bytes)| {
            let text = text_edition(&String::from_utf8(bytes).unwrap());
            if name == "Knowledge.txt" {
                ("Knowledge.txt.gz".to_owned(), gzip(&text))
            } else {
                (name, text.into_bytes())
            }
        })
        .collect();
    files.extend(bls);
    files
}

/// A dataset with its O*NET sources' keys replaced by `onet-*`, for comparing releases.
fn without_release(mut d: Dataset) -> Dataset {
    let rename = |key: &mut String| {
        if let Some(rest) = key.strip_prefix(ONET_SOURCE) {
            *key = format!("onet-*{rest}");
        } else if let Some(rest) = key.strip_prefix("onet-30.3") {
            *key = format!("onet-*{rest}");
        }
    };
    for s in &mut d.sources {
        rename(&mut s.key);
        s.title.clear();
        s.attribution = None;
        s.as_of = None;
    }
    for f in &mut d.facts {
        rename(&mut f.source);
        rename(&mut f.file);
    }
    d
}

#[test]
fn the_30_layout_in_the_text_edition_gives_the_same_records_as_the_29_layout() {
    let curated = curated();
    let old = parse_fixture("same-29", &curated).unwrap();
    let dir = directory("same-30", files_30());
    let renamed = dir.with_file_name(format!("onet-30.3-text-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&renamed);
    std::fs::rename(&dir, &renamed).unwrap();
    let download = layout::Download::detect(&renamed).unwrap();
    let new = parse(&paths(&renamed), &curated, false);
    let _ = std::fs::remove_dir_all(&renamed);
    let new = new.unwrap();
    assert_eq!(
        download.describe(),
        "O*NET 30.3, 30.3+ layout, text edition (.txt)"
    );
    assert_eq!(new.sources[0].key, "onet-30.3");
    assert_eq!(
        new.sources[0].title,
        "O*NET 30.3 Database (May 2026 release)"
    );
    assert!(
        new.sources[0]
            .attribution
            .as_deref()
            .unwrap()
            .contains("the O*NET 30.3 Database by")
    );
    assert_eq!(new.facts[2].source, "onet-30.3-derived-promotions");
    // Same roles, skills, ratings (with every statistic), technologies, titles, education.
    let (old, new) = (without_release(old), without_release(new));
    let sorted = |d: &Dataset| {
        let mut skills: Vec<String> = d.facts[0]
            .role_skills
            .iter()
            .map(|s| format!("{s:?}"))
            .collect();
        skills.sort();
        skills
    };
    assert_eq!(sorted(&new), sorted(&old));
    // Three unsuppressed ratings; the managers' two also go to the curated `it-director`.
    assert_eq!(sorted(&old).len(), 5);
    let mut skills = (old.skills.clone(), new.skills.clone());
    skills.0.sort_by(|a, b| a.slug.cmp(&b.slug));
    skills.1.sort_by(|a, b| a.slug.cmp(&b.slug));
    assert_eq!(skills.0, skills.1);
    assert_eq!(new.roles, old.roles);
    assert_eq!(new.facts[0].technologies, old.facts[0].technologies);
    assert_eq!(new.facts[0].aliases, old.facts[0].aliases);
    assert_eq!(new.facts[0].profiles, old.facts[0].profiles);
    assert_eq!(new.facts[0].moves, old.facts[0].moves);
    assert_eq!(new.facts[0].duties, old.facts[0].duties);
    assert_eq!(new.facts[1..], old.facts[1..]);
    assert_eq!(new.sources, old.sources);
}

/// `parse` of the fixture without `file`: the error text.
fn error_without(name: &str, file: &str) -> String {
    let dir = fixture(name);
    std::fs::remove_file(dir.join(file)).unwrap();
    let parsed = parse(&paths(&dir), &curated(), false);
    let _ = std::fs::remove_dir_all(&dir);
    parsed.unwrap_err().to_string()
}

#[test]
fn a_missing_file_is_named_and_nothing_is_read() {
    let err = error_without("missing", "Task Statements.tsv");
    assert!(
        err.contains("incomplete O*NET 29.x layout: missing Task Statements ("),
        "{err}"
    );
    // The check comes before any file is read: a broken file elsewhere is not reached.
    let dir = fixture("missing-two");
    std::fs::remove_file(dir.join("Alternate Titles.tsv")).unwrap();
    std::fs::remove_file(dir.join("Job Zones.tsv")).unwrap();
    std::fs::write(dir.join("Occupation Data.tsv"), "not\ta header\n").unwrap();
    let parsed = parse(&paths(&dir), &curated(), false);
    let _ = std::fs::remove_dir_all(&dir);
    let err = parsed.unwrap_err().to_string();
    assert!(err.contains("missing Job Zones, Alternate Titles"), "{err}");
}

#[test]
fn a_30_layout_missing_a_file_names_it() {
    let files: Vec<(String, Vec<u8>)> = files_30()
        .into_iter()
        .filter(|(f, _)| f != "Transferable Skills.txt" && f != "Job Titles.txt")
        .collect();
    let dir = directory("missing-30", files);
    let parsed = parse(&paths(&dir), &curated(), false);
    let _ = std::fs::remove_dir_all(&dir);
    let err = parsed.unwrap_err().to_string();
    assert!(
        err.contains("incomplete O*NET 30.3+ layout: missing Transferable Skills, Job Titles ("),
        "{err}"
    );
}

#[test]
fn a_directory_of_neither_layout_lists_what_each_needs() {
    let dir = directory(
        "neither",
        vec![("Occupation Data.txt".into(), b"x\n".to_vec())],
    );
    let err = layout::Download::detect(&dir).unwrap_err().to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(err.contains("no O*NET layout found"), "{err}");
    assert!(
        err.contains("the 29.x layout needs Occupation Data, Job Zones, Skills, Knowledge"),
        "{err}"
    );
    assert!(
        err.contains("the 30.3+ layout needs Occupation Data, Job Zones, Essential Skills, Transferable Skills"),
        "{err}"
    );
    assert!(
        err.contains("Software Skills") && err.contains("Job Titles"),
        "{err}"
    );
}

#[test]
fn files_of_both_layouts_are_refused() {
    let mut files = files_30();
    files.push(("Skills.tsv".into(), b"O*NET-SOC Code\n".to_vec()));
    let dir = directory("both", files);
    let err = layout::Download::detect(&dir).unwrap_err().to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(err.contains("both the 29.x layout"), "{err}");
}

#[test]
fn the_release_comes_from_the_read_me_then_the_directory_name() {
    let mut files: Vec<(String, Vec<u8>)> = files()
        .into_iter()
        .map(|(f, t)| (f.to_owned(), t.into_bytes()))
        .collect();
    files.push((
        "Read Me.txt".into(),
        b"Welcome\nO*NET 31.0 Database, August 2026\n".to_vec(),
    ));
    let dir = directory("readme", files);
    let from_note = layout::Download::detect(&dir).unwrap();
    let unknown_dir = dir.with_file_name(format!("onet-download-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&unknown_dir);
    std::fs::rename(&dir, &unknown_dir).unwrap();
    std::fs::remove_file(unknown_dir.join("Read Me.txt")).unwrap();
    let unknown = layout::Download::detect(&unknown_dir).unwrap();
    let d = parse(&paths(&unknown_dir), &curated(), false);
    let _ = std::fs::remove_dir_all(&unknown_dir);
    assert_eq!(
        (from_note.release.as_deref(), from_note.as_of.as_deref()),
        (Some("31.0"), Some("2026-08"))
    );
    assert_eq!(
        from_note.describe(),
        "O*NET 31.0, 29.x layout, Excel-derived edition (.tsv)"
    );
    assert_eq!((unknown.release, unknown.as_of), (None, None));
    let d = d.unwrap();
    let onet = &d.sources[0];
    assert_eq!(
        (
            onet.key.as_str(),
            onet.title.as_str(),
            onet.as_of.as_deref()
        ),
        ("onet", "O*NET (release unknown) Database", None)
    );
    assert!(
        onet.attribution
            .as_deref()
            .unwrap()
            .starts_with("This includes information from the O*NET (release unknown) Database by"),
    );
    assert_eq!(d.sources[2].key, "onet-derived-promotions");
}

#[test]
fn the_shipped_release_keeps_its_keys_title_and_attribution() {
    let release = OnetRelease::new(Some("29.3"), Some("2025-05".into()));
    assert_eq!(
        (release.key.as_str(), release.derived_key.as_str()),
        (ONET_SOURCE, DERIVED_SOURCE)
    );
    assert_eq!(release.title(), "O*NET 29.3 Database (May 2025 release)");
    // The text the service showed before releases were detected, word for word.
    assert_eq!(
        release.attribution(),
        "This includes information from the O*NET 29.3 Database by the U.S. Department of Labor, \
         Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is \
         a trademark of USDOL/ETA. Career knowledge service has modified all or some of this information. \
         USDOL/ETA has not approved, endorsed, or tested these modifications."
    );
    let shipped = layout::Download::detect(&ImportPaths::shipped().onet_dir).unwrap();
    assert_eq!(
        shipped.describe(),
        "O*NET 29.3, 29.x layout, Excel-derived edition (.tsv)"
    );
    assert_eq!(shipped.as_of.as_deref(), Some("2025-05"));
}

#[test]
fn the_29_layout_in_the_text_edition_gives_the_same_records() {
    let curated = curated();
    let tsv = parse_fixture("edition-tsv", &curated).unwrap();
    let files = files()
        .into_iter()
        .map(|(f, text)| match f.strip_suffix(".tsv") {
            Some(name) => (format!("{name}.txt"), text_edition(&text).into_bytes()),
            None => (f.to_owned(), text.into_bytes()),
        })
        .collect();
    let dir = directory("edition-txt", files);
    let download = layout::Download::detect(&dir).unwrap();
    let txt = parse(&paths(&dir), &curated, false);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(download.edition, layout::Edition::Text);
    assert_eq!(txt.unwrap(), tsv);
}

#[test]
fn svp_ranges_are_read_as_bounds() {
    use super::parse::svp_bounds;
    assert_eq!(svp_bounds("(Below 4.0)"), Some((None, Some(4.0))));
    assert_eq!(svp_bounds("(4.0 to < 6.0)"), Some((Some(4.0), Some(6.0))));
    assert_eq!(svp_bounds("(8.0 and above)"), Some((Some(8.0), None)));
    assert_eq!(svp_bounds("(6.0 to < 4.0)"), None);
    assert_eq!(svp_bounds("about six"), None);
}

#[test]
fn a_higher_job_zone_is_one_ranked_higher_in_the_reference() {
    use super::parse::{Parsed, ZoneDefinition};
    let mut p = Parsed::default();
    // Without a reference: O*NET's 1–5.
    assert_eq!((p.zone_rank(3), p.zone_rank(6)), (Some(3), None));
    // A reference numbering its zones 10, 20, 30: ranks follow the order, not the numbers.
    p.zones = [10, 20, 30]
        .map(|number| ZoneDefinition {
            number,
            ..ZoneDefinition::default()
        })
        .to_vec();
    assert_eq!(
        (p.zone_rank(10), p.zone_rank(30), p.zone_rank(3)),
        (Some(1), Some(3), None)
    );
}
