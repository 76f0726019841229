//! Unit tests of `place`.

use super::*;

fn area(id: i32, code: &str, t: AreaType, usps: Option<&str>, title: &str) -> area::Model {
    area::Model {
        id,
        code: code.into(),
        area_type: t,
        state_fips: "06".into(),
        state_code: usps.map(str::to_owned),
        title: title.into(),
    }
}

fn wage(area: u16, source_id: i32, median: Option<i32>, emp: Option<i32>) -> AreaWage {
    AreaWage {
        area,
        soc: 0,
        source_id,
        footnotes: 0,
        employment: whole(emp),
        annual: [None, None, None, median, None, None].map(whole),
        decimals: Decimals::new([None; 10], &WAGE_SCALES),
    }
}

fn places() -> Places {
    let areas = vec![
        area(1, "0000000", AreaType::Nation, None, "National"),
        area(2, "0600000", AreaType::State, Some("CA"), "California"),
        area(3, "4800000", AreaType::State, Some("TX"), "Texas"),
        area(4, "3600000", AreaType::State, Some("NY"), "New York"),
    ];
    let rows = PlaceRows {
        wages: vec![
            wage(1, 7, Some(200), Some(5)),
            wage(2, 7, None, Some(50)),
            wage(3, 7, Some(150), None),
            wage(1, 9, Some(210), Some(6)),
            wage(0, 7, Some(100), Some(500)),
        ],
        soc_codes: vec!["11-3021".into()],
        footnote_texts: vec![String::new()],
        areas,
    };
    Places::build(rows)
}

#[test]
fn areas_are_found_by_code_usps_and_exact_title() {
    let p = places();
    assert_eq!(p.find_area("0600000"), Some(1));
    assert_eq!(p.find_area("ca"), p.find_area("California"));
    assert_eq!(p.find_area(" new york "), Some(3));
    assert_eq!(p.find_area("Calif"), None);
    assert_eq!(p.national(), Some(0));
}

#[test]
fn one_row_per_area_the_newest_source_and_unknowns_last() {
    let p = places();
    let soc = p.soc_index("11-3021").unwrap();
    let ca = p.wage(soc, 1).unwrap();
    assert_eq!(p.wages[ca].source_id, 9);
    assert_eq!(p.wages[ca].annual_median(), Some(210));
    let by_median: Vec<usize> = p
        .ordered(soc, AreaType::State, WageOrder::MedianDesc)
        .iter()
        .map(|&i| p.wages[i as usize].area())
        .collect();
    assert_eq!(by_median, vec![1, 3, 2], "CA 210, TX 150, NY unknown last");
    let by_jobs: Vec<usize> = p
        .ordered(soc, AreaType::State, WageOrder::EmploymentDesc)
        .iter()
        .map(|&i| p.wages[i as usize].area())
        .collect();
    assert_eq!(by_jobs, vec![2, 1, 3]);
}

#[test]
fn footnotes_are_parsed_into_fields_and_codes() {
    assert_eq!(
        parse_footnotes("A_MEDIAN=5;TOT_EMP=8"),
        vec![(12, 5), (0, 8)]
    );
}

#[test]
fn area_wage_decimals_round_trip_exactly_including_the_fallback() {
    // BLS figures (cents, one- and two-place stats) and one that needs the full width.
    let stats = [Some(1.3), Some(0.7), None, Some(1.0 / 7.0)];
    let hourly = [
        Some(61.19),
        Some(35.02),
        None,
        Some(58.4),
        Some(73.55),
        Some(115.0),
    ];
    let mut values = [None; 10];
    values[..4].copy_from_slice(&stats);
    values[4..].copy_from_slice(&hourly);
    let w = AreaWage {
        decimals: Decimals::new(values, &WAGE_SCALES),
        ..wage(1, 7, Some(127_270), Some(1_240))
    };
    let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
    assert_eq!(bits(&w.hourly()), bits(&hourly));
    let got = [
        w.employment_rse(),
        w.mean_rse(),
        w.jobs_per_1000(),
        w.location_quotient(),
    ];
    assert_eq!(bits(&got), bits(&stats));
    assert_eq!(w.annual_median(), Some(127_270));
    assert!(std::mem::size_of::<AreaWage>() <= 88);
}

#[test]
fn rows_are_grouped_by_soc_code_in_code_order_whatever_the_read_order() {
    let areas = vec![
        area(1, "0000000", AreaType::Nation, None, "National"),
        area(2, "0600000", AreaType::State, Some("CA"), "California"),
    ];
    let row = |area: u16, soc: u16, median: i32| AreaWage {
        soc,
        ..wage(area, 7, Some(median), None)
    };
    let rows = PlaceRows {
        // Read order: 15-1254 first (index 0), then 11-3021 (index 1), interleaved.
        wages: vec![row(1, 0, 80), row(0, 1, 170), row(0, 0, 90), row(1, 1, 160)],
        soc_codes: vec!["15-1254".into(), "11-3021".into()],
        footnote_texts: vec![String::new()],
        areas,
    };
    let p = Places::build(rows);
    let (managers, developers) = (
        p.soc_index("11-3021").unwrap(),
        p.soc_index("15-1254").unwrap(),
    );
    assert_eq!(
        (managers, developers),
        (0, 1),
        "SOC indices follow code order"
    );
    let median = |soc, area| p.wage(soc, area).and_then(|w| p.wages[w].annual_median());
    assert_eq!(median(managers, 0), Some(170));
    assert_eq!(median(managers, 1), Some(160));
    assert_eq!(median(developers, 0), Some(90));
    assert_eq!(median(developers, 1), Some(80));
    assert_eq!(p.wages.len(), 4);
}
