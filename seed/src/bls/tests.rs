//! Parsing, profiles and area codes, on small files made here.

use super::fips::USPS_BY_FIPS;
use super::footnotes::unpublished_note;
use super::parse::is_soc_code;
use super::profiles::national_profile;
use super::*;
use entity::vocab::AreaType;

#[test]
fn unpublished_figures_are_named_with_their_footnote() {
    let note = unpublished_note("A_MEDIAN=5;A_PCT90=5;TOT_EMP=8").unwrap();
    assert!(note.contains("A_MEDIAN, A_PCT90 (footnote 5: This wage is equal to or greater than $115.00 per hour or $239,200 per year.)"), "{note}");
    assert!(
        note.contains("TOT_EMP (footnote 8: Estimate not released.)"),
        "{note}"
    );
    assert_eq!(unpublished_note(""), None);
    let w = AreaWageRecord {
        soc_code: "11-1011".into(),
        whole: [Some(10), Some(300_000), None, None, None, None, None],
        decimal: [None; 10],
        footnotes: Some("A_MEDIAN=5".into()),
        ..AreaWageRecord::default()
    };
    let p = national_profile("chief-executives".into(), &w);
    assert_eq!(
        (p.jobs_count, p.salary_mean, p.salary_median),
        (Some(10), Some(300_000), None)
    );
    assert!(p.pay_note.unwrap().contains("A_MEDIAN"));
}

const AREAS: &str = "AREA_CODE,AREA_TYPE,STATE_CODE,AREA_TITLE\n\
    0000000,N,00,National\n\
    0600000,S,06,California\n\
    0041940,M,06,\"San Jose-Sunnyvale-Santa Clara, CA\"\n";
const FOOTNOTES: &str =
    "CODE,TEXT\n4,Hourly or annual only.\n5,Top-coded.\n8,Estimate not released.\n";
const HEADER: &str = "AREA_CODE,OCC_CODE,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,JOBS_1000,LOC_QUOTIENT,FOOTNOTES\n";

/// A directory with the three files; `wages` are the data lines after the header.
fn dir(name: &str, wages: &str) -> AreaPaths {
    let dir = std::env::temp_dir().join(format!("areas-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(AREAS_FILE), AREAS).unwrap();
    std::fs::write(dir.join(FOOTNOTES_FILE), FOOTNOTES).unwrap();
    std::fs::write(dir.join(WAGES_FILE), format!("{HEADER}{wages}")).unwrap();
    AreaPaths { dir }
}

#[test]
fn values_are_read_exactly_and_unpublished_ones_stay_absent() {
    let paths = dir(
        "ok",
        "0041940,11-3021,19070,3.2,153.69,319670,1.9,79.04,105.70,140.22,153.63,181.28,164400,219860,291660,319540,377060,16.806,3.90,\n\
         0600000,29-1215,50,12.9,,,5.6,,,,,,,,,,,1.003,1.45,H_MEAN=5;A_MEAN=5;A_MEDIAN=5\n\
         0000000,25-1021,40,8.9,,69210,2.9,,,,,,50690,50690,50760,79730,122510,,,H_MEAN=4\n",
    );
    let parsed = parse_areas(&paths, false).unwrap();
    assert_eq!(parsed.areas.len(), 3);
    assert_eq!(parsed.areas[1].state_code.as_deref(), Some("CA"));
    assert_eq!(parsed.areas[1].area_type, AreaType::State);
    assert_eq!(parsed.areas[2].state_code, None);
    let sj = &parsed.wages[0];
    assert_eq!((sj.area, sj.soc_code.as_str()), (2, "11-3021"));
    assert_eq!(
        sj.whole,
        [
            Some(19070),
            Some(319670),
            Some(164400),
            Some(219860),
            Some(291660),
            Some(319540),
            Some(377060)
        ]
    );
    assert_eq!(sj.decimal[4], Some(140.22));
    assert_eq!(sj.decimal[9], Some(3.90));
    assert_eq!(sj.footnotes, None);
    let top = &parsed.wages[1];
    assert_eq!(
        top.whole[4], None,
        "top-coded median is absent, not invented"
    );
    assert_eq!(
        top.footnotes.as_deref(),
        Some("H_MEAN=5;A_MEAN=5;A_MEDIAN=5")
    );
    let annual_only = &parsed.wages[2];
    assert_eq!(annual_only.whole[1], Some(69210));
    assert_eq!(annual_only.decimal[1], None, "no hourly figure is derived");
    std::fs::remove_dir_all(&paths.dir).unwrap();
}

#[test]
fn errors_name_the_file_line_and_column() {
    for (name, line, expected) in [
        ("number", "0600000,11-3021,12x,", "column 3 (TOT_EMP)"),
        ("area", "9999999,11-3021,1,", "not in areas.csv"),
        ("soc", "0600000,113021,1,", "column 2 (OCC_CODE)"),
        ("footnote", "0600000,11-3021,1,", "column 20 (FOOTNOTES)"),
    ] {
        let mut fields: Vec<&str> = line.split(',').filter(|f| !f.is_empty()).collect();
        fields.resize(19, "");
        let footnote = if name == "footnote" { "A_MEDIAN=9" } else { "" };
        let wages = format!("{},{footnote}\n", fields.join(","));
        let paths = dir(name, &wages);
        let err = parse_areas(&paths, false).unwrap_err().to_string();
        assert!(err.contains("wages_by_area_M2025.csv"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains(expected), "{name}: {err}");
        std::fs::remove_dir_all(&paths.dir).unwrap();
    }
}

#[test]
fn every_state_fips_has_one_usps_code() {
    let mut codes: Vec<&str> = USPS_BY_FIPS.iter().map(|(_, u)| *u).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), USPS_BY_FIPS.len());
    assert_eq!(usps_of_fips("11"), Some("DC"));
    assert_eq!(usps_of_fips("72"), Some("PR"));
    assert_eq!(usps_of_fips("03"), None);
}

#[test]
fn soc_codes_are_checked() {
    assert!(is_soc_code("11-3021"));
    assert!(!is_soc_code("11-3021.00"));
    assert!(!is_soc_code("1103021"));
}

#[test]
fn area_records_keep_the_record_rules() {
    let area = |title: &str| AreaRecord {
        code: "0600000".into(),
        area_type: AreaType::State,
        state_fips: "06".into(),
        state_code: Some("CA".into()),
        title: title.into(),
    };
    let wage = |median: i32| AreaWageRecord {
        soc_code: "11-3021".into(),
        whole: [Some(10), None, Some(90_000), None, Some(median), None, None],
        ..AreaWageRecord::default()
    };
    let parsed = ParsedAreas {
        areas: vec![area(" California ")],
        wages: vec![wage(120_000)],
        footnotes: Vec::new(),
    };
    let valid = write::parse_records(parsed).unwrap();
    assert_eq!(valid.areas[0].title, "California");
    let inverted = ParsedAreas {
        areas: vec![area("California")],
        wages: vec![wage(80_000)],
        footnotes: Vec::new(),
    };
    match write::parse_records(inverted) {
        Err(crate::SeedError::Rule {
            file,
            record,
            field,
            ..
        }) => {
            assert_eq!(
                (file.as_str(), record.as_str(), field.as_str()),
                (WAGES_FILE, "wages[0]", "A_MEDIAN")
            );
        }
        other => panic!("expected a rule error, got {other:?}"),
    }
    let blank = ParsedAreas {
        areas: vec![area("  ")],
        ..ParsedAreas::default()
    };
    assert!(write::parse_records(blank).is_err());
}
