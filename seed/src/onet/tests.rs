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

/// The fixture in a fresh directory.
fn fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onet-parse-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files() {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
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
    let report = ImportReport::of(&[("role", 4), ("certification", 0), ("source", 3)]);
    let tables: Vec<&str> = report.written.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        tables,
        [
            "source",
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
    assert!(
        report
            .to_string()
            .starts_with("source                         3\n")
    );
}
