//! Pay by area (BLS OEWS May 2025) on real databases: a fixture cut from the real files
//! (`tests/fixtures/bls-areas-mini`) over the O*NET fixture import.
use std::path::{Path, PathBuf};

use entity::{area, area_wage, audit_log};
use integration_tests::{TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use seed::onet::{AREA_SOURCE, AreaPaths};
use serde_json::{Value, json};

use crate::onet::{fixture, fixture_paths};

on_both_databases!(
    state_metro_and_national_wages_are_the_published_values,
    top_coded_and_unreleased_values_are_null_with_their_footnotes,
    an_unknown_area_is_bad_user_input_on_area,
    wages_by_area_ranks_areas_with_unpublished_values_last,
    areas_are_found_by_usps_code_prefix_and_substring,
    compare_roles_and_career_routes_use_the_area_medians,
    importing_twice_changes_nothing,
    a_corrupt_file_names_file_line_and_column_and_writes_nothing,
    without_area_data_national_wages_are_null_and_a_named_area_is_unknown,
    match_roles_pay_change_uses_the_profile_area_medians,
    area_wages_are_kept_across_other_writes_and_read_again_when_they_change,
    a_replace_import_clears_the_area_wages_the_server_serves,
    the_2025_national_figures_are_a_profile_of_their_own_and_lead_the_merged_pay,
);

pub(crate) fn areas_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bls-areas-mini")
}

/// The O*NET fixture, then the by-area fixture; waits for the model.
async fn import_both(app: &TestApp) {
    let db = app.database.connect().await;
    seed::onet::import(&db, &fixture_paths(&fixture()), false)
        .await
        .unwrap();
    let report = seed::onet::import_areas(
        &db,
        &AreaPaths {
            dir: areas_fixture(),
        },
        false,
    )
    .await
    .unwrap();
    // Profiles: the five fixture occupations with a national row (11-1011, 11-3021, 15-1244,
    // 15-1252, 15-1299) and the curated roles the O*NET fixture maps to them.
    assert_eq!((report.areas, report.area_wages), (10, 50));
    assert!(report.profiles >= 5, "{report:?}");
    app.settle().await;
}

const WAGE: &str = "area { code name type stateCode } employment employmentRse
    hourly { mean p10 p25 median p75 p90 } annual { mean p10 p25 median p75 p90 }
    meanRse jobsPer1000 locationQuotient footnotes { field code text } source { key attribution }";

async fn wages(app: &TestApp, role: &str, area: Option<&str>) -> Value {
    let q = format!(
        "query($role: String!, $area: String) {{ role(slug: $role) {{ wages(area: $area) {{ {WAGE} }} }} }}"
    );
    app.data(&q, json!({ "role": role, "area": area })).await["role"]["wages"].clone()
}

async fn state_metro_and_national_wages_are_the_published_values(app: TestApp) {
    import_both(&app).await;
    let managers = "computer-and-information-systems-managers";
    // California: 0600000,11-3021,94720,1.3,114.63,238440,0.7,62.48,81.85,104.95,141.09,156.72,
    // 129970,170240,218290,293470,325970,5.201,1.21,
    let ca = wages(&app, managers, Some("CA")).await;
    assert_eq!(
        ca,
        json!({
            "area": { "code": "0600000", "name": "California", "type": "STATE", "stateCode": "CA" },
            "employment": 94720, "employmentRse": 1.3,
            "hourly": { "mean": 114.63, "p10": 62.48, "p25": 81.85, "median": 104.95, "p75": 141.09, "p90": 156.72 },
            "annual": { "mean": 238440, "p10": 129970, "p25": 170240, "median": 218290, "p75": 293470, "p90": 325970 },
            "meanRse": 0.7, "jobsPer1000": 5.201, "locationQuotient": 1.21, "footnotes": [],
            "source": { "key": AREA_SOURCE, "attribution": seed::onet::AREA_ATTRIBUTION },
        })
    );
    // The same area by code and by exact name, any case.
    assert_eq!(wages(&app, managers, Some("0600000")).await, ca);
    assert_eq!(wages(&app, managers, Some("  california ")).await, ca);
    // A metro by exact name.
    let sj = wages(&app, managers, Some("san jose-sunnyvale-santa clara, ca")).await;
    assert_eq!(sj["area"]["code"], "0041940");
    assert_eq!(sj["area"]["type"], "METRO");
    assert_eq!(sj["area"]["stateCode"], Value::Null);
    assert_eq!(sj["annual"]["median"], 291660);
    assert_eq!(sj["locationQuotient"], 3.9);
    assert_eq!(sj["jobsPer1000"], 16.806);
    // National when omitted: BLS gives no location quotient for the nation.
    let us = wages(&app, managers, None).await;
    assert_eq!(us["area"]["type"], "NATION");
    assert_eq!(us["employment"], 670570);
    assert_eq!(us["annual"]["median"], 175140);
    assert_eq!(us["locationQuotient"], Value::Null);
    // A curated role with the same O*NET code gets the same figures.
    assert_eq!(
        wages(&app, "information-technology-manager", Some("CA")).await,
        ca
    );
    // The 2024 national figures stay their own source.
    let data = app
        .data(
            r#"{ role(slug: "computer-and-information-systems-managers") { profiles { source { key } pay { medianSalary } } } }"#,
            json!({}),
        )
        .await;
    assert!(
        data["role"]["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["source"]["key"] == "bls-oews-2024"),
        "{data}"
    );
}

async fn top_coded_and_unreleased_values_are_null_with_their_footnotes(app: TestApp) {
    import_both(&app).await;
    // 3900003,11-1011,90,15.8,164.84,342860,7.9,40.69,54.55,79.46,179.90,,84630,113460,165290,
    // 374190,,0.640,0.49,H_PCT90=5;A_PCT90=5
    let top = wages(
        &app,
        "chief-executives",
        Some("Eastern Ohio nonmetropolitan area"),
    )
    .await;
    assert_eq!(top["hourly"]["p90"], Value::Null);
    assert_eq!(top["annual"]["p90"], Value::Null);
    assert_eq!(top["annual"]["p75"], 374190);
    assert_eq!(top["hourly"]["p75"], 179.9);
    assert_eq!(
        top["footnotes"],
        json!([
            { "field": "hourly.p90", "code": 5, "text": "This wage is equal to or greater than $115.00 per hour or $239,200 per year." },
            { "field": "annual.p90", "code": 5, "text": "This wage is equal to or greater than $115.00 per hour or $239,200 per year." },
        ])
    );
    // Oxnard: every wage of 11-3021 not released (8); employment is published.
    let held = wages(
        &app,
        "computer-and-information-systems-managers",
        Some("0037100"),
    )
    .await;
    assert_eq!(held["employment"], 1070);
    assert_eq!(
        held["annual"],
        json!({ "mean": null, "p10": null, "p25": null, "median": null, "p75": null, "p90": null })
    );
    assert_eq!(held["hourly"]["median"], Value::Null);
    let footnotes = held["footnotes"].as_array().unwrap();
    assert_eq!(footnotes.len(), 13);
    assert!(
        footnotes
            .iter()
            .all(|f| f["code"] == 8 && f["text"] == "Estimate not released.")
    );
    assert!(footnotes.iter().any(|f| f["field"] == "annual.median"));
    // Cape Coral: employment not released, wages published.
    let emp = wages(&app, "chief-executives", Some("Cape Coral-Fort Myers, FL")).await;
    assert_eq!(emp["employment"], Value::Null);
    assert_eq!(emp["annual"]["median"], 202190);
    assert_eq!(emp["footnotes"][0]["field"], "employment");
    assert_eq!(emp["footnotes"][0]["code"], 8);
    // No estimate for the occupation there: null, not an error. (The fixture's New York rows
    // exist, but a role without an O*NET code has none anywhere.)
    let data = app
        .data(
            r#"{ roles(first: 100) { nodes { slug onetCode wages(area: "NY") { annual { median } } } } }"#,
            json!({}),
        )
        .await;
    for role in data["roles"]["nodes"].as_array().unwrap() {
        if role["onetCode"].is_null() {
            assert_eq!(role["wages"], Value::Null, "{role}");
        }
    }
}

async fn an_unknown_area_is_bad_user_input_on_area(app: TestApp) {
    import_both(&app).await;
    for query in [
        r#"{ role(slug: "software-developers") { wages(area: "Atlantis") { employment } } }"#,
        r#"{ role(slug: "software-developers") { wages(area: "Calif") { employment } } }"#,
        r#"{ compareRoles(a: "software-developers", b: "chief-executives", area: "ZZ") { areaPay { area { code } } } }"#,
        r#"{ careerRoutes(from: "software-developers", to: "chief-executives", area: "9999999") { routes { rank } } }"#,
    ] {
        let error = app.error(query, json!({})).await;
        assert_eq!(
            error["extensions"]["code"], "BAD_USER_INPUT",
            "{query}: {error}"
        );
        assert_eq!(error["extensions"]["field"], "area", "{query}: {error}");
    }
}

async fn ranked(app: &TestApp, role: &str, args: &str) -> Vec<(String, Value)> {
    let q = format!(
        r#"{{ role(slug: "{role}") {{ wagesByArea{args} {{ area {{ name }} annual {{ median }} employment locationQuotient }} }} }}"#
    );
    app.data(&q, json!({})).await["role"]["wagesByArea"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["area"]["name"].as_str().unwrap().to_owned(), w.clone()))
        .collect()
}

fn names(rows: &[(String, Value)]) -> Vec<&str> {
    rows.iter().map(|(n, _)| n.as_str()).collect()
}

async fn wages_by_area_ranks_areas_with_unpublished_values_last(app: TestApp) {
    import_both(&app).await;
    let dev = "software-developers";
    // Defaults: states, highest annual median first (CA 174410, NY 166180, TX 132150, OH 114090).
    let states = ranked(&app, dev, "").await;
    assert_eq!(names(&states), ["California", "New York", "Texas", "Ohio"]);
    assert_eq!(states[0].1["annual"]["median"], 174410);
    let by_jobs = ranked(&app, dev, "(orderBy: EMPLOYMENT_DESC)").await;
    assert_eq!(names(&by_jobs), ["California", "Texas", "New York", "Ohio"]);
    let by_lq = ranked(
        &app,
        dev,
        "(type: METRO, orderBy: LOCATION_QUOTIENT_DESC, first: 2)",
    )
    .await;
    assert_eq!(
        names(&by_lq),
        [
            "San Jose-Sunnyvale-Santa Clara, CA",
            "Oxnard-Thousand Oaks-Ventura, CA"
        ]
    );
    // Oxnard's 11-3021 median was not released: last, after Abilene's.
    let metros = ranked(
        &app,
        "computer-and-information-systems-managers",
        "(type: METRO)",
    )
    .await;
    assert_eq!(
        names(&metros),
        [
            "San Jose-Sunnyvale-Santa Clara, CA",
            "Cape Coral-Fort Myers, FL",
            "Eastern Ohio nonmetropolitan area",
            "Abilene, TX",
            "Oxnard-Thousand Oaks-Ventura, CA",
        ]
    );
    // Chief executives' employment is not released in Cape Coral: last by employment.
    let execs = ranked(
        &app,
        "chief-executives",
        "(type: METRO, orderBy: EMPLOYMENT_DESC)",
    )
    .await;
    assert_eq!(execs.last().unwrap().0, "Cape Coral-Fort Myers, FL");
    let national = ranked(&app, dev, "(type: NATION)").await;
    assert_eq!(names(&national), ["National"]);
    let error = app
        .error(
            r#"{ role(slug: "software-developers") { wagesByArea(first: 0) { employment } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "first");
}

async fn area_names(app: &TestApp, args: &str) -> Vec<String> {
    let q = format!("{{ areas{args} {{ name code type stateCode stateFips }} }}");
    app.data(&q, json!({})).await["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn areas_are_found_by_usps_code_prefix_and_substring(app: TestApp) {
    import_both(&app).await;
    // USPS code first, then names starting with the text, then names containing it.
    assert_eq!(
        area_names(&app, r#"(search: "ca")"#).await,
        [
            "California",
            "Cape Coral-Fort Myers, FL",
            "Oxnard-Thousand Oaks-Ventura, CA",
            "San Jose-Sunnyvale-Santa Clara, CA",
        ]
    );
    assert_eq!(
        area_names(&app, r#"(search: "TX")"#).await,
        ["Texas", "Abilene, TX"]
    );
    assert_eq!(
        area_names(&app, r#"(search: "SAN J")"#).await,
        ["San Jose-Sunnyvale-Santa Clara, CA"]
    );
    assert_eq!(
        area_names(&app, r#"(search: "ohio", type: METRO)"#).await,
        ["Eastern Ohio nonmetropolitan area"]
    );
    assert_eq!(
        area_names(&app, "(type: STATE)").await,
        ["California", "New York", "Ohio", "Texas"]
    );
    let all = area_names(&app, "(first: 3)").await;
    assert_eq!(all, ["National", "California", "New York"]);
    let data = app
        .data(
            r#"{ areas(search: "0041940") { code type stateFips } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["areas"],
        json!([{ "code": "0041940", "type": "METRO", "stateFips": "06" }])
    );
    let error = app.error("{ areas(first: 101) { code } }", json!({})).await;
    assert_eq!(error["extensions"]["field"], "first");
}

async fn compare_roles_and_career_routes_use_the_area_medians(app: TestApp) {
    import_both(&app).await;
    let admins = "network-and-computer-systems-administrators";
    let managers = "computer-and-information-systems-managers";
    let data = app
        .data(
            r#"query($a: String!, $b: String!) { compareRoles(a: $a, b: $b, area: "TX") {
                areaPay { area { name } a { annual { median } } b { annual { median } }
                          annualMedian { a b difference percent } employment { a b } }
                headlineSalary { a b } } }"#,
            json!({ "a": admins, "b": managers }),
        )
        .await;
    let pay = &data["compareRoles"]["areaPay"];
    assert_eq!(pay["area"]["name"], "Texas");
    // Texas: 15-1244 median 101240, employment 34840; 11-3021 median 171530, employment 73060.
    assert_eq!(
        pay["annualMedian"],
        json!({ "a": 101240.0, "b": 171530.0, "difference": 70290.0, "percent": 69.4 })
    );
    assert_eq!(pay["employment"], json!({ "a": 34840.0, "b": 73060.0 }));
    let none = app
        .data(
            r#"query($a: String!, $b: String!) { compareRoles(a: $a, b: $b) { areaPay { area { name } } } }"#,
            json!({ "a": admins, "b": managers }),
        )
        .await;
    assert_eq!(none["compareRoles"]["areaPay"], Value::Null);

    // Route steps (the direct move): the salary change is the two roles' Texas medians.
    let routes = r#"query($area: String) { careerRoutes(from: "network-and-computer-systems-administrators",
            to: "computer-and-information-systems-managers", includeRelated: true, maxSteps: 1, area: $area) {
        routes { roles { slug wages(area: "TX") { annual { median } } }
                 steps { salaryChange { from to amount } salaryBasis }
                 totals { salaryChange { from to } salaryBasis } } } }"#;
    let data = app.data(routes, json!({ "area": "tx" })).await;
    let list = data["careerRoutes"]["routes"].as_array().unwrap();
    assert!(!list.is_empty());
    for route in list {
        let roles = route["roles"].as_array().unwrap();
        for (i, step) in route["steps"].as_array().unwrap().iter().enumerate() {
            assert_eq!(step["salaryBasis"], "AREA_MEDIAN", "{step}");
            assert_eq!(
                step["salaryChange"]["from"],
                roles[i]["wages"]["annual"]["median"]
            );
            assert_eq!(
                step["salaryChange"]["to"],
                roles[i + 1]["wages"]["annual"]["median"]
            );
        }
        assert_eq!(route["totals"]["salaryBasis"], "AREA_MEDIAN");
        assert_eq!(route["totals"]["salaryChange"]["from"], 101240);
        assert_eq!(route["totals"]["salaryChange"]["to"], 171530);
    }
    // Without an area (or where a median is unknown) the two occupations' national
    // benchmarks of one release are compared: neither role has pay of its own.
    let data = app.data(routes, json!({ "area": null })).await;
    let step = &data["careerRoutes"]["routes"][0]["steps"][0];
    assert_eq!(step["salaryBasis"], "OCCUPATION_BENCHMARK", "{step}");
    // Oxnard has no 11-3021 median: the step into managers falls back to the benchmarks.
    let data = app.data(routes, json!({ "area": "0037100" })).await;
    let steps = data["careerRoutes"]["routes"][0]["steps"]
        .as_array()
        .unwrap();
    assert_eq!(steps.last().unwrap()["salaryBasis"], "OCCUPATION_BENCHMARK");
}

/// Every area wage row, by id, without its id.
async fn area_wage_rows(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    area_wage::Entity::find()
        .order_by_asc(area_wage::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|mut w| {
            w.id = 0;
            format!("{w:?}")
        })
        .collect()
}

async fn importing_twice_changes_nothing(app: TestApp) {
    import_both(&app).await;
    let db = app.database.connect().await;
    let totals = seed::table_totals(&db).await.unwrap();
    let rows = area_wage_rows(&db).await;
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let paths = AreaPaths {
        dir: areas_fixture(),
    };
    seed::onet::import_areas(&db, &paths, false).await.unwrap();
    assert_eq!(seed::table_totals(&db).await.unwrap(), totals);
    assert_eq!(area_wage_rows(&db).await, rows);
    assert_eq!(
        area::Entity::find()
            .order_by_asc(area::Column::Id)
            .all(&db)
            .await
            .unwrap(),
        areas
    );
    // Each import is one audited write.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("importBls2025"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(audited, 2);
}

/// A copy of the by-area fixture in a directory of its own, for a test to edit.
fn fixture_copy(app: &TestApp, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "bls-areas-{name}-{}-{}",
        std::process::id(),
        app.address.rsplit(':').next().unwrap_or("0")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(areas_fixture()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Sets field `column` (from 0) of line `line` (from 0, the header is line 0) of the wages file
/// in `dir`.
fn edit_wages(dir: &Path, line: usize, column: usize, value: &str) {
    let wages = dir.join("wages_by_area_M2025.csv");
    let text = std::fs::read_to_string(&wages).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut fields: Vec<String> = lines[line].split(',').map(str::to_owned).collect();
    fields[column] = value.into();
    lines[line] = fields.join(",");
    std::fs::write(&wages, lines.join("\n") + "\n").unwrap();
}

async fn a_corrupt_file_names_file_line_and_column_and_writes_nothing(app: TestApp) {
    let db = app.database.connect().await;
    seed::onet::import(&db, &fixture_paths(&fixture()), false)
        .await
        .unwrap();
    let before = seed::table_totals(&db).await.unwrap();
    let version = seed::current_version(&db).await.unwrap();
    let dir = fixture_copy(&app, "corrupt");
    // Line 7 (the sixth data row), column 15 (A_MEDIAN): not a number.
    edit_wages(&dir, 6, 14, "12O000");
    let err = seed::onet::import_areas(&db, &AreaPaths { dir: dir.clone() }, false)
        .await
        .unwrap_err();
    integration_tests::assert_invalid(
        &err,
        "wages_by_area_M2025.csv",
        "line 7",
        "column 15 (A_MEDIAN)",
        "12O000",
    );
    assert_eq!(
        seed::table_totals(&db).await.unwrap(),
        before,
        "something was written"
    );
    assert_eq!(seed::current_version(&db).await.unwrap(), version);
    std::fs::remove_dir_all(&dir).unwrap();
}

async fn without_area_data_national_wages_are_null_and_a_named_area_is_unknown(app: TestApp) {
    // The curated dataset only: no areas are loaded.
    let national = app
        .data(
            r#"{ role(slug: "senior-it-manager") { wages { employment } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(national["role"]["wages"], Value::Null, "{national}");
    let error = app
        .error(
            r#"{ role(slug: "senior-it-manager") { wages(area: "CA") { employment } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert_eq!(error["extensions"]["field"], "area", "{error}");
}

async fn match_roles_pay_change_uses_the_profile_area_medians(app: TestApp) {
    import_both(&app).await;
    let query = r#"query($area: String) { matchRoles(profile: {
            currentRole: "network-and-computer-systems-administrators",
            skills: [{ skill: "critical-thinking" }], area: $area }, first: 50) {
        role { slug onetCode wages(area: "TX") { annual { median } } }
        payChange { basis from to amount } } }"#;
    let data = app.data(query, json!({ "area": "TX" })).await;
    // Texas: 15-1244 (administrators) median 101240. A role of the same occupation shares
    // that median: the change is never computed from it.
    let (mut checked, mut same) = (0, 0);
    for m in data["matchRoles"].as_array().unwrap() {
        if m["role"]["onetCode"]
            .as_str()
            .unwrap_or("")
            .starts_with("15-1244")
        {
            assert_ne!(m["payChange"]["basis"], "AREA_MEDIAN", "{m}");
            same += 1;
            continue;
        }
        let Some(to) = m["role"]["wages"]["annual"]["median"].as_f64() else {
            continue;
        };
        assert_eq!(m["payChange"]["basis"], "AREA_MEDIAN", "{m}");
        assert_eq!(m["payChange"]["from"].as_f64(), Some(101_240.0), "{m}");
        assert_eq!(m["payChange"]["to"].as_f64(), Some(to), "{m}");
        checked += 1;
    }
    assert!(checked > 0 && same > 0, "{data}");
    let error = app.error(query, json!({ "area": "Atlantis" })).await;
    assert_eq!(error["extensions"]["field"], "profile.area", "{error}");
}

const MANAGERS: &str = "computer-and-information-systems-managers";

/// The managers' annual median in California, as the server answers it.
async fn california_median(app: &TestApp) -> Value {
    wages(app, MANAGERS, Some("CA")).await["annual"]["median"].clone()
}

/// The area wages are read apart from the rest of the model: a write that leaves the area
/// tables alone keeps the very same copy (no second read of 217,000 rows), and a BLS by-area
/// import that changes a value is read again, by the model store and by the running server.
async fn area_wages_are_kept_across_other_writes_and_read_again_when_they_change(app: TestApp) {
    import_both(&app).await;
    assert_eq!(california_median(&app).await, json!(218_290));
    let db = app.database.connect().await;
    let store = api::model::ModelStore::new();
    let first = store.rebuild(&db).await.unwrap();
    let places = first.places.get().await.unwrap();

    seed::load(
        &db,
        &seed::Dataset::curated().unwrap(),
        seed::LoadOptions::default(),
    )
    .await
    .unwrap();
    let second = store.rebuild(&db).await.unwrap();
    assert!(second.version > first.version);
    assert!(
        std::sync::Arc::ptr_eq(&places, &second.places.get().await.unwrap()),
        "the area wages were read again although no write changed them"
    );

    // California, 11-3021 (line 33 of the fixture): A_MEDIAN (column 15) 218290 → 218300.
    let dir = fixture_copy(&app, "changed");
    edit_wages(&dir, 32, 14, "218300");
    seed::onet::import_areas(&db, &AreaPaths { dir: dir.clone() }, false)
        .await
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let third = store.rebuild(&db).await.unwrap();
    let reread = third.places.get().await.unwrap();
    assert!(!std::sync::Arc::ptr_eq(&places, &reread));
    let soc = reread.soc_index("11-3021").unwrap();
    let california = reread.find_area("CA").unwrap();
    let row = &reread.wages[reread.wage(soc, california).unwrap()];
    assert_eq!(row.annual_median(), Some(218_300));
    app.settle().await;
    assert_eq!(california_median(&app).await, json!(218_300));
}

/// A dataset REPLACE clears every table, the area tables too: the server stops serving them.
async fn a_replace_import_clears_the_area_wages_the_server_serves(app: TestApp) {
    import_both(&app).await;
    assert_eq!(california_median(&app).await, json!(218_290));
    let db = app.database.connect().await;
    let options = seed::ImportOptions {
        mode: seed::ImportMode::Replace,
        dry_run: false,
        actor: "seed",
    };
    seed::import(&db, &seed::Dataset::curated().unwrap(), options)
        .await
        .unwrap();
    app.settle().await;
    let areas = app.data("{ areas { code } }", json!({})).await;
    assert_eq!(areas["areas"], json!([]), "{areas}");
    let error = app
        .error(
            r#"{ role(slug: "senior-it-manager") { wages(area: "CA") { employment } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "area", "{error}");
}

/// The May 2025 national row becomes a profile citing its own source beside the May 2024 one
/// (`profiles` shows both, each with its figures and as-of month), and the `pay` record, with
/// no document stating pay, is the newer release's, from that one source.
async fn the_2025_national_figures_are_a_profile_of_their_own_and_lead_the_merged_pay(
    app: TestApp,
) {
    import_both(&app).await;
    let query = r#"{ role(slug: "computer-and-information-systems-managers") {
        pay { basis averageSalary medianSalary hourlyRate sources { key } }
        payBenchmark { basis averageSalary medianSalary hourlyRate sources { key } }
        profiles { source { key asOf } pay { averageSalary medianSalary } outlook { jobs } } } }"#;
    let role = app.data(query, json!({})).await["role"].clone();
    let profiles = role["profiles"].as_array().unwrap();
    let at = |key: &str| {
        profiles
            .iter()
            .position(|p| p["source"]["key"] == key)
            .unwrap_or_else(|| panic!("no {key} profile: {role}"))
    };
    let (newer, older) = (at(AREA_SOURCE), at(seed::onet::BLS_SOURCE));
    assert!(newer < older, "the newer release comes first: {role}");
    // National, 11-3021: May 2025 A_MEAN 192160, A_MEDIAN 175140, TOT_EMP 670570 (fixture line
    // 28); May 2024 A_MEAN 187990, A_MEDIAN 171200, TOT_EMP 645970.
    assert_eq!(
        profiles[newer],
        json!({ "source": { "key": AREA_SOURCE, "asOf": "2025-05" },
                "pay": { "averageSalary": 192160, "medianSalary": 175140 },
                "outlook": { "jobs": 670570 } })
    );
    assert_eq!(
        profiles[older],
        json!({ "source": { "key": seed::onet::BLS_SOURCE, "asOf": "2024-05" },
                "pay": { "averageSalary": 187990, "medianSalary": 171200 },
                "outlook": { "jobs": 645970 } })
    );
    // The pay record is the newest release's, all of it from that one source.
    assert_eq!(role["pay"]["averageSalary"], 192160, "{role}");
    assert_eq!(role["pay"]["medianSalary"], 175140, "{role}");
    assert_eq!(role["pay"]["hourlyRate"], 92.39, "{role}");
    assert_eq!(role["pay"]["basis"], "OCCUPATION_BENCHMARK", "{role}");
    assert_eq!(
        role["pay"]["sources"],
        json!([{ "key": AREA_SOURCE }]),
        "{role}"
    );
    assert_eq!(role["payBenchmark"], role["pay"], "{role}");
}
