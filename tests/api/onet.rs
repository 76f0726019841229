//! O*NET + BLS import on real databases: a fixture cut from the real files, and the full
//! shipped data.
use std::path::{Path, PathBuf};

use entity::{
    career_move, job_zone, role, role_alias, role_duty, role_skill, role_technology, source,
};
use integration_tests::{TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use seed::onet::{DERIVED_SOURCE, ImportPaths, ONET_SOURCE};
use serde_json::{Value, json};

on_both_databases!(
    fixture_import_writes_every_row_with_exact_values,
    derived_promotions_follow_the_rule,
    importing_twice_changes_nothing,
    a_corrupted_file_stops_the_import_and_writes_nothing,
    alternate_titles_and_typos_are_found_by_search,
    the_full_shipped_dataset_imports_and_routes,
    the_30_layout_text_fixture_imports_to_the_same_rows_as_the_29_layout,
    an_incomplete_download_is_refused_naming_the_missing_files,
    the_job_zone_reference_is_stored_citing_its_release,
    a_renumbered_job_zone_reference_imports_and_gaps_follow_its_order,
);

pub(crate) fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/onet-mini")
}

/// The `onet-mini` rows in the O*NET 30.3+ layout, text edition (see its README).
fn fixture_30() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/onet-30.3-text")
}

pub(crate) fn fixture_paths(dir: &Path) -> ImportPaths {
    ImportPaths {
        onet_dir: dir.to_path_buf(),
        bls_file: Some(dir.join("national_M2024_dl.csv")),
    }
}

/// Data lines of a fixture TSV, split into fields.
fn rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture().join(format!("{name}.tsv"))).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

async fn import_fixture(app: &TestApp) -> seed::onet::ImportReport {
    let report = seed::onet::import(
        &app.database.connect().await,
        &fixture_paths(&fixture()),
        false,
    )
    .await
    .unwrap();
    app.settle().await;
    report
}

async fn fixture_import_writes_every_row_with_exact_values(app: TestApp) {
    import_fixture(&app).await;
    let db = app.database.connect().await;
    let onet = source::Entity::find()
        .filter(source::Column::Key.eq(ONET_SOURCE))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let count_onet = |n: u64| n;
    // Row counts, computed independently from the files.
    let occupations = rows("Occupation Data").len() as u64;
    assert_eq!(
        role::Entity::find()
            .filter(role::Column::JobZone.is_not_null())
            .count(&db)
            .await
            .unwrap(),
        occupations
    );
    let tasks = rows("Task Statements").len() as u64;
    let duties = role_duty::Entity::find()
        .filter(role_duty::Column::SourceId.eq(onet.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(count_onet(duties), tasks);
    let mut techs: Vec<(String, String)> = rows("Technology Skills")
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    techs.sort();
    techs.dedup();
    assert_eq!(
        role_technology::Entity::find().count(&db).await.unwrap(),
        techs.len() as u64
    );
    let mut aliases: Vec<(String, String)> = Vec::new();
    for r in rows("Alternate Titles") {
        aliases.push((r[0].clone(), r[2].clone()));
        if !r[3].is_empty() {
            aliases.push((r[0].clone(), r[3].clone()));
        }
    }
    aliases.sort();
    aliases.dedup();
    assert_eq!(
        role_alias::Entity::find().count(&db).await.unwrap(),
        aliases.len() as u64
    );
    let related = rows("Related Occupations").len() as u64;
    let related_moves = career_move::Entity::find()
        .filter(career_move::Column::Kind.eq("related"))
        .filter(career_move::Column::SourceId.eq(onet.id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(related_moves, related);

    // A known occupation's ratings and wages, exactly as in the files.
    let ratings: Vec<Vec<String>> = rows("Skills")
        .into_iter()
        .filter(|r| r[0] == "11-3021.00" && r[2] == "2.A.1.a")
        .collect();
    let importance: f64 = ratings.iter().find(|r| r[4] == "IM").unwrap()[6]
        .parse()
        .unwrap();
    let level: f64 = ratings.iter().find(|r| r[4] == "LV").unwrap()[6]
        .parse()
        .unwrap();
    let n: i64 = ratings.iter().find(|r| r[4] == "IM").unwrap()[7]
        .parse()
        .unwrap();
    let data = app
        .data(
            r#"{ role(slug: "computer-and-information-systems-managers") {
                onetCode jobZone track
                pay { averageSalary medianSalary hourlyRate percentiles { p10 p90 } note sources { key } }
                outlook { jobs }
                education { degree }
                skills { skill { name category } importance level importanceStats { n } source { key } }
                alternateTitles(first: 3) { title }
                technologies(hotOnly: true) { name hot }
                sources { key } } }"#,
            json!({}),
        )
        .await;
    let r = &data["role"];
    assert_eq!(r["onetCode"], "11-3021.00");
    assert_eq!(r["jobZone"], 4);
    assert_eq!(r["track"], "management");
    assert_eq!(r["pay"]["averageSalary"], 187990);
    assert_eq!(r["pay"]["medianSalary"], 171200);
    assert_eq!(r["pay"]["hourlyRate"], 90.38);
    assert_eq!(r["pay"]["percentiles"]["p10"], 104450);
    // `#` in the BLS file: top-coded at $239,200 and said so.
    assert_eq!(r["pay"]["percentiles"]["p90"], 239200);
    assert!(r["pay"]["note"].as_str().unwrap().contains("at least"));
    assert_eq!(r["pay"]["sources"], json!([{ "key": "bls-oews-2024" }]));
    assert_eq!(r["outlook"]["jobs"], 645970);
    let reading = r["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"]["name"] == "Reading Comprehension")
        .unwrap();
    assert_eq!(reading["importance"].as_f64().unwrap(), importance);
    assert_eq!(reading["level"].as_f64().unwrap(), level);
    assert_eq!(reading["importanceStats"]["n"].as_i64().unwrap(), n);
    assert_eq!(reading["source"]["key"], ONET_SOURCE);
    assert_eq!(r["alternateTitles"].as_array().unwrap().len(), 3);
    assert!(
        r["technologies"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["hot"] == true)
    );
    assert!(!r["education"]["degree"].is_null());

    // Curated roles linked by code keep their facts and gain the dataset's, each with its source.
    let data = app
        .data(
            r#"{ role(slug: "information-technology-manager") {
                pay { averageSalary } profiles { source { key } pay { averageSalary } }
                skills { source { key } } } }"#,
            json!({}),
        )
        .await;
    let r = &data["role"];
    assert_eq!(r["pay"]["averageSalary"], 119589);
    let profiles = r["profiles"].as_array().unwrap();
    let bls = profiles
        .iter()
        .find(|p| p["source"]["key"] == "bls-oews-2024")
        .unwrap();
    assert_eq!(bls["pay"]["averageSalary"], 187990);
    assert!(
        profiles
            .iter()
            .any(|p| p["source"]["key"] == "000_b80cc34c2de5a287.txt")
    );
    let from_onet = r["skills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["source"]["key"] == ONET_SOURCE)
        .count();
    assert!(from_onet > 30, "{from_onet}");
    // The attribution is served.
    let data = app
        .data("{ attributions { key attribution } }", json!({}))
        .await;
    let text: Vec<&str> = data["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["attribution"].as_str().unwrap())
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("O*NET 29.3 Database") && t.contains("CC BY 4.0"))
    );
    assert!(
        text.iter()
            .any(|t| t.contains("Bureau of Labor Statistics"))
    );
}

async fn derived_promotions_follow_the_rule(app: TestApp) {
    import_fixture(&app).await;
    let db = app.database.connect().await;
    let derived = source::Entity::find()
        .filter(source::Column::Key.eq(DERIVED_SOURCE))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(derived.kind, entity::vocab::SourceKind::Derived);
    let roles = role::Entity::find().all(&db).await.unwrap();
    let code = |id: i32| {
        roles
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.onet_code.clone())
            .unwrap()
    };
    let mut promotions: Vec<(String, String)> = career_move::Entity::find()
        .filter(career_move::Column::SourceId.eq(derived.id))
        .order_by_asc(career_move::Column::Id)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .inspect(|m| assert!(m.derived && m.kind == entity::vocab::MoveKind::Promotion))
        .map(|m| (code(m.from_role_id), code(m.to_role_id)))
        .collect();
    promotions.sort();
    // Same job zone (4) everywhere in the fixture: only the 15 % median-wage rule applies.
    let expected = [
        ("15-1244.00", "11-3021.00"),
        ("15-1244.00", "15-1252.00"),
        ("15-1252.00", "11-3021.00"),
        ("15-1299.09", "11-3021.00"),
        ("15-1299.09", "15-1252.00"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(promotions, expected);
    // Derived promotions are routable.
    let set = app
        .data(
            r#"{ careerRoutes(from: "network-and-computer-systems-administrators", to: "computer-and-information-systems-managers") {
                routes { roles { slug } steps { move { derived source { key } } } } } }"#,
            json!({}),
        )
        .await;
    let first = &set["careerRoutes"]["routes"][0];
    assert_eq!(first["roles"].as_array().unwrap().len(), 2);
    assert_eq!(first["steps"][0]["move"]["source"]["key"], DERIVED_SOURCE);
}

async fn snapshot(
    app: &TestApp,
) -> (
    Vec<role_skill::Model>,
    Vec<career_move::Model>,
    Vec<role_alias::Model>,
    Vec<(&'static str, u64)>,
) {
    let db = app.database.connect().await;
    (
        role_skill::Entity::find()
            .order_by_asc(role_skill::Column::Id)
            .all(&db)
            .await
            .unwrap(),
        career_move::Entity::find()
            .order_by_asc(career_move::Column::Id)
            .all(&db)
            .await
            .unwrap(),
        role_alias::Entity::find()
            .order_by_asc(role_alias::Column::Id)
            .all(&db)
            .await
            .unwrap(),
        seed::table_totals(&db).await.unwrap(),
    )
}

async fn importing_twice_changes_nothing(app: TestApp) {
    let first = import_fixture(&app).await;
    let before = snapshot(&app).await;
    let second = import_fixture(&app).await;
    assert_eq!(first, second);
    assert_eq!(before, snapshot(&app).await);
}

/// A fresh copy of `onet-mini` in a temporary directory named after `name`.
fn mini_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onet-mini-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn corrupted_copy(file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = mini_copy(&format!("corrupt-{}", file.len()));
    let target = dir.join(file);
    let text = std::fs::read_to_string(&target).unwrap();
    std::fs::write(&target, edit(&text)).unwrap();
    dir
}

async fn a_corrupted_file_stops_the_import_and_writes_nothing(app: TestApp) {
    let db = app.database.connect().await;
    let before = seed::table_totals(&db).await.unwrap();
    // A bad number on line 5 of Skills.tsv, column 7 (Data Value).
    let dir = corrupted_copy("Skills.tsv", |text| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut fields: Vec<String> = lines[4].split('\t').map(str::to_owned).collect();
        fields[6] = "4.x".into();
        lines[4] = fields.join("\t");
        lines.join("\n") + "\n"
    });
    let err = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap_err();
    integration_tests::assert_invalid(&err, "Skills.tsv", "line 5", "column 7 (Data Value)", "4.x");
    // Unknown code and wrong header are caught too.
    let dir = corrupted_copy("Task Statements.tsv", |text| {
        text.replacen("11-1011.00", "99-9999.99", 1)
    });
    let err = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Task Statements.tsv") && err.contains("99-9999.99") && err.contains("line 2"),
        "{err}"
    );
    let dir = corrupted_copy("Job Zones.tsv", |text| text.replacen("Job Zone", "Zone", 1));
    let err = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Job Zones.tsv") && err.contains("line 1") && err.contains("Job Zone"),
        "{err}"
    );
    assert_eq!(
        before,
        seed::table_totals(&db).await.unwrap(),
        "something was written"
    );
    let data = app.data("{ attributions { key } }", json!({})).await;
    assert_eq!(data["attributions"], json!([]));
}

async fn alternate_titles_and_typos_are_found_by_search(app: TestApp) {
    import_fixture(&app).await;
    let q = r#"query($q: String!) { search(query: $q, first: 5) { kind score matchedText role { slug } skill { slug } certification { acronym } } }"#;
    let hit = |data: &Value| data["search"][0].clone();
    let data = app
        .data(q, json!({ "q": "computer programming manager" }))
        .await;
    assert_eq!(
        hit(&data)["role"]["slug"],
        "computer-and-information-systems-managers"
    );
    assert_eq!(hit(&data)["matchedText"], "Computer Programming Manager");
    // Typos and a prefix still find it.
    let data = app
        .data(q, json!({ "q": "Computr Programing Manag" }))
        .await;
    assert_eq!(
        hit(&data)["role"]["slug"],
        "computer-and-information-systems-managers"
    );
    let data = app.data(q, json!({ "q": "cissp" })).await;
    assert_eq!(hit(&data)["certification"]["acronym"], "CISSP");
    let data = app.data(q, json!({ "q": "reading comprehension" })).await;
    assert_eq!(hit(&data)["kind"], "SKILL");
    let error = app.error(q, json!({ "q": "" })).await;
    assert_eq!(error["extensions"]["field"], "query");
}

async fn the_full_shipped_dataset_imports_and_routes(app: TestApp) {
    let db = app.database.connect().await;
    let report = seed::onet::import(&db, &ImportPaths::shipped(), false)
        .await
        .unwrap();
    app.settle().await;
    let written = |table: &str| report.written.iter().find(|(t, _)| *t == table).unwrap().1;
    assert_eq!(written("role"), 1016);
    assert!(written("role_alias") >= 56_560);
    assert!(written("career_move") > 18_460);
    let data = app
        .data(
            r#"{ careerRoutes(from: "computer-user-support-specialists", to: "computer-and-information-systems-managers", first: 5) {
                complete routes { roles { slug } } }
                search(query: "sofware enginer", first: 3) { role { slug } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["careerRoutes"]["complete"], true);
    let routes = data["careerRoutes"]["routes"].as_array().unwrap();
    assert!(!routes.is_empty());
    assert!(
        routes
            .iter()
            .all(|r| r["roles"].as_array().unwrap().last().unwrap()["slug"]
                == "computer-and-information-systems-managers")
    );
    let slugs: Vec<&str> = data["search"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["role"]["slug"].as_str())
        .collect();
    assert!(slugs.contains(&"software-developers"), "{slugs:?}");
}

/// `IMPORT_ONET_ON_START=true`: the first start imports the shipped data, a restart does not redo it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_can_import_onet_on_first_start() {
    let app =
        integration_tests::TestApp::spawn_configured(integration_tests::Backend::Sqlite, |c| {
            c.data.import_onet_on_start = true;
        })
        .await
        .unwrap();
    let data = app
        .data(
            "{ roles { totalCount } attributions { key } dataVersion }",
            json!({}),
        )
        .await;
    assert_eq!(data["roles"]["totalCount"], 1041);
    // O*NET, BLS May 2024, derived promotions, BLS May 2025 by area.
    assert_eq!(data["attributions"].as_array().unwrap().len(), 4);
    let places = app
        .data(
            r#"{ areas(type: STATE, first: 100) { code } role(slug: "software-developers") { wagesByArea(type: METRO, first: 100) { area { code } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(places["areas"].as_array().unwrap().len(), 54);
    assert!(places["role"]["wagesByArea"].as_array().unwrap().len() > 50);
    let version = data["dataVersion"].clone();
    let mut config = api::config::Config::for_database(app.database.url.clone());
    config.data.import_onet_on_start = true;
    let again = api::startup::Application::build(config).await.unwrap();
    drop(again);
    let data = app.data("{ dataVersion }", json!({})).await;
    assert_eq!(data["dataVersion"], version, "a restart imported again");
}

/// The rows of `E` citing source `id` (`column`), without what differs between imports of
/// two releases (`strip`: row id and source id), printed and sorted.
async fn rows_citing<E: EntityTrait>(
    db: &sea_orm::DatabaseConnection,
    column: E::Column,
    id: i32,
    strip: impl Fn(E::Model) -> E::Model,
) -> Vec<String>
where
    E::Model: std::fmt::Debug,
{
    let mut rows: Vec<String> = E::find()
        .filter(column.eq(id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{:?}", strip(r)))
        .collect();
    rows.sort();
    rows
}

/// The role-skill and technology rows citing source `key`.
async fn rows_of(db: &sea_orm::DatabaseConnection, key: &str) -> (Vec<String>, Vec<String>) {
    let source = source::Entity::find()
        .filter(source::Column::Key.eq(key))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no source {key}"));
    let skills =
        rows_citing::<role_skill::Entity>(db, role_skill::Column::SourceId, source.id, |r| {
            role_skill::Model {
                id: 0,
                source_id: 0,
                ..r
            }
        })
        .await;
    let technologies = rows_citing::<role_technology::Entity>(
        db,
        role_technology::Column::SourceId,
        source.id,
        |r| role_technology::Model {
            id: 0,
            source_id: 0,
            ..r
        },
    )
    .await;
    (skills, technologies)
}

async fn the_30_layout_text_fixture_imports_to_the_same_rows_as_the_29_layout(app: TestApp) {
    let report = import_fixture(&app).await;
    assert_eq!(
        report.onet,
        "O*NET 29.3, 29.x layout, Excel-derived edition (.tsv)"
    );
    let db = app.database.connect().await;
    let roles = role::Entity::find().count(&db).await.unwrap();
    let paths = ImportPaths {
        onet_dir: fixture_30(),
        bls_file: Some(fixture().join("national_M2024_dl.csv")),
    };
    let report = seed::onet::import(&db, &paths, false).await.unwrap();
    app.settle().await;
    assert_eq!(report.onet, "O*NET 30.3, 30.3+ layout, text edition (.txt)");
    // The same occupations: no role is added.
    assert_eq!(role::Entity::find().count(&db).await.unwrap(), roles);
    let (skills_29, technologies_29) = rows_of(&db, ONET_SOURCE).await;
    let (skills_30, technologies_30) = rows_of(&db, "onet-30.3").await;
    // Every rating row of Skills and Knowledge that is not suppressed, computed from the file.
    let rated: std::collections::HashSet<(String, String)> = rows("Skills")
        .into_iter()
        .chain(rows("Knowledge"))
        .filter(|r| r[11] != "Y" && r[12] != "Y")
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    assert!(
        skills_29.len() >= rated.len(),
        "{} < {}",
        skills_29.len(),
        rated.len()
    );
    assert_eq!(skills_30, skills_29);
    assert!(!technologies_29.is_empty());
    assert_eq!(technologies_30, technologies_29);
    // The new source names its release, and its attribution follows.
    let data = app
        .data("{ attributions { key title attribution } }", json!({}))
        .await;
    let onet_30 = data["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "onet-30.3")
        .unwrap()
        .clone();
    assert_eq!(onet_30["title"], "O*NET 30.3 Database (May 2026 release)");
    assert!(
        onet_30["attribution"]
            .as_str()
            .unwrap()
            .starts_with("This includes information from the O*NET 30.3 Database by"),
        "{onet_30}"
    );
}

/// A copy of the 30.3+ fixture without `missing`.
fn copy_without(missing: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "onet-30.3-incomplete-{}-{}",
        std::process::id(),
        missing.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(fixture_30()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if !missing
            .iter()
            .any(|m| name.to_string_lossy().starts_with(m))
        {
            std::fs::copy(&path, dir.join(name)).unwrap();
        }
    }
    dir
}

async fn an_incomplete_download_is_refused_naming_the_missing_files(app: TestApp) {
    let db = app.database.connect().await;
    let before = seed::table_totals(&db).await.unwrap();
    let dir = copy_without(&["Software Skills.", "Job Titles."]);
    let err = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("incomplete O*NET 30.3+ layout: missing Software Skills, Job Titles ("),
        "{err}"
    );
    let dir = copy_without(&[
        "Essential Skills.",
        "Transferable Skills.",
        "Software Skills.",
    ]);
    let err = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("no O*NET layout found"), "{err}");
    assert!(
        err.contains("the 29.x layout needs") && err.contains("the 30.3+ layout needs"),
        "{err}"
    );
    assert_eq!(
        before,
        seed::table_totals(&db).await.unwrap(),
        "something was written"
    );
}

/// `onet-mini` with the shipped `Job Zone Reference` beside it.
fn fixture_with_zone_reference() -> PathBuf {
    let dir = mini_copy("zones");
    let reference = "Job Zone Reference.tsv.gz";
    let shipped = ImportPaths::shipped().onet_dir.join(reference);
    std::fs::copy(shipped, dir.join(reference)).unwrap();
    dir
}

async fn the_job_zone_reference_is_stored_citing_its_release(app: TestApp) {
    let db = app.database.connect().await;
    // Without a reference the table stays empty (the engine falls back to O*NET's 1–5).
    import_fixture(&app).await;
    assert_eq!(job_zone::Entity::find().count(&db).await.unwrap(), 0);
    let dir = fixture_with_zone_reference();
    let report = seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let written = report.written.iter().find(|(t, _)| *t == "job_zone");
    assert_eq!(written, Some(&("job_zone", 5)));
    let zones = job_zone::Entity::find()
        .order_by_asc(job_zone::Column::Number)
        .all(&db)
        .await
        .unwrap();
    let stated: Vec<(i32, Option<f64>, Option<f64>)> = zones
        .iter()
        .map(|z| (z.number, z.svp_min, z.svp_max))
        .collect();
    assert_eq!(
        stated,
        [
            (1, None, Some(4.0)),
            (2, Some(4.0), Some(6.0)),
            (3, Some(6.0), Some(7.0)),
            (4, Some(7.0), Some(8.0)),
            (5, Some(8.0), None)
        ]
    );
    assert_eq!(zones[2].name, "Job Zone Three: Medium Preparation Needed");
    assert_eq!(zones[4].svp_range, "(8.0 and above)");
    assert!(zones[3].education.contains("bachelor"), "{:?}", zones[3]);
    let source = source::Entity::find_by_id(zones[0].source_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(source.key, ONET_SOURCE);
    assert!(zones.iter().all(|z| z.source_id == source.id));
}

/// `onet-mini` with a Job Zone Reference numbering O*NET's five zones 10, 20, …, 50 (same SVP
/// ranges, so the same order) and `Job Zones` renumbered to match: a release that changed what
/// its zone numbers mean.
fn fixture_with_renumbered_zones() -> PathBuf {
    let dir = mini_copy("renumbered");
    let svp = [
        "(Below 4.0)",
        "(4.0 to < 6.0)",
        "(6.0 to < 7.0)",
        "(7.0 to < 8.0)",
        "(8.0 and above)",
    ];
    let mut reference =
        String::from("Job Zone\tName\tExperience\tEducation\tJob Training\tExamples\tSVP Range\n");
    // Listed out of order: the rank comes from the SVP ranges, not the file's order.
    for (i, range) in svp.iter().enumerate().rev() {
        let n = (i + 1) * 10;
        reference.push_str(&format!("{n}\tZone {n}\t-\t-\t-\t-\t{range}\n"));
    }
    std::fs::write(dir.join("Job Zone Reference.tsv"), reference).unwrap();
    let zones = rows("Job Zones")
        .into_iter()
        .map(|mut r| {
            r[2] = format!("{}0", r[2]);
            r.join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let header = "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n";
    std::fs::write(dir.join("Job Zones.tsv"), format!("{header}{zones}\n")).unwrap();
    dir
}

async fn a_renumbered_job_zone_reference_imports_and_gaps_follow_its_order(app: TestApp) {
    let db = app.database.connect().await;
    // The plain fixture first: its derived promotions are what the renumbered one must give.
    import_fixture(&app).await;
    let derived = |db: sea_orm::DatabaseConnection| async move {
        let id = source::Entity::find()
            .filter(source::Column::Key.eq(DERIVED_SOURCE))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        rows_citing::<career_move::Entity>(&db, career_move::Column::SourceId, id, |mut m| {
            m.id = 0;
            m
        })
        .await
    };
    let promotions = derived(db.clone()).await;
    assert!(!promotions.is_empty());
    let dir = fixture_with_renumbered_zones();
    seed::onet::import(&db, &fixture_paths(&dir), false)
        .await
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    app.settle().await;
    // Stored as the release numbers them; seniority is the rank (O*NET's 1–5 scale).
    // (The occupation's own role: a curated role may share its code.)
    let expected: Vec<(String, String, i32)> = rows("Job Zones")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].parse().unwrap()))
        .collect();
    for (code, title, zone) in &expected {
        let role = role::Entity::find()
            .filter(role::Column::OnetCode.eq(code.as_str()))
            .filter(role::Column::Title.eq(title.as_str()))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (role.job_zone, role.seniority),
            (Some(zone * 10), Some(*zone)),
            "{code}"
        );
    }
    // A promotion is a higher rank, so the same moves are derived.
    assert_eq!(derived(db.clone()).await, promotions);
    // The served gaps are steps in the reference (10 → 20 is one step), not differences of
    // numbers.
    let data = app
        .data(
            r#"{ roles(first: 100) { edges { node { slug jobZone
                 similarRoles(first: 10) { role { jobZone } gates { jobZoneGap } } } } } }"#,
            json!({}),
        )
        .await;
    let mut steps = Vec::new();
    for edge in data["roles"]["edges"].as_array().unwrap() {
        let from = edge["node"]["jobZone"].as_i64();
        for similar in edge["node"]["similarRoles"].as_array().unwrap() {
            let to = similar["role"]["jobZone"].as_i64();
            let gap = similar["gates"]["jobZoneGap"].as_i64();
            match (from, to) {
                (Some(from), Some(to)) => {
                    assert_eq!(gap, Some((to - from) / 10), "{edge}");
                    steps.push(gap.unwrap());
                }
                _ => assert_eq!(gap, None, "{edge}"),
            }
        }
    }
    assert!(steps.iter().any(|&g| g != 0), "no gap to check: {steps:?}");
    // A dataset may only give zones the stored reference defines: 5 is refused naming the
    // record and field, 50 is taken; nothing is written by the refused one.
    let before = seed::table_totals(&db).await.unwrap();
    let mut dataset = seed::Dataset::curated().unwrap();
    dataset.roles.truncate(1);
    dataset.facts.clear();
    dataset.roles[0].job_zone = Some(5);
    let err = seed::load(&db, &dataset, seed::LoadOptions::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("roles[0]")
            && err.contains("`job_zone`")
            && err.contains(
                "5 is not a job zone the stored Job Zone Reference defines (10, 20, 30, 40, 50)"
            ),
        "{err}"
    );
    assert_eq!(seed::table_totals(&db).await.unwrap(), before);
    // `importDataset`'s path (MERGE) refuses it the same way.
    let options = seed::ImportOptions {
        mode: seed::ImportMode::Merge,
        dry_run: false,
        actor: "test",
    };
    let err = seed::import(&db, &dataset, options)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("roles[0]") && err.contains("5 is not a job zone"),
        "{err}"
    );
    assert_eq!(seed::table_totals(&db).await.unwrap(), before);
    dataset.roles[0].job_zone = Some(50);
    seed::load(&db, &dataset, seed::LoadOptions::default())
        .await
        .unwrap();
}
