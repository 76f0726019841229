//! `importDataset` / `exportDataset`: MERGE and REPLACE counts, validation before any write,
//! multipart upload, and export → import into an empty database reproducing it exactly.
use integration_tests::{ADMIN_TOKEN, Backend, TestApp, with_tokens};
use serde_json::{Value, json};

with_tokens!(
    merge_and_replace_report_what_changed,
    invalid_datasets_are_refused_whole_with_the_field_named,
    a_dataset_can_be_uploaded_as_a_file,
    imported_titles_are_stored_trimmed,
);

mod round_trip {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::export_then_import_into_an_empty_database_reproduces_it(
            integration_tests::Backend::Sqlite,
        )
        .await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::export_then_import_into_an_empty_database_reproduces_it(
            integration_tests::Backend::Postgres,
        )
        .await;
    }
}

const IMPORT: &str = "mutation($dataset: JSON, $mode: ImportMode!) { importDataset(dataset: $dataset, mode: $mode) { created updated unchanged deleted dataVersion tables { table created updated unchanged deleted } } }";

async fn import(app: &TestApp, dataset: &Value, mode: &str) -> Value {
    let body = app
        .post_as(
            Some(ADMIN_TOKEN),
            IMPORT,
            json!({ "dataset": dataset, "mode": mode }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["importDataset"].clone()
}

/// Rows in the database, counted by the loader's own table census (one row = one record).
async fn rows(app: &TestApp) -> u64 {
    let db = app.database.connect().await;
    seed::table_totals(&db)
        .await
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum()
}

fn counts(result: &Value) -> [u64; 4] {
    ["created", "updated", "unchanged", "deleted"].map(|k| result[k].as_u64().unwrap())
}

fn table<'a>(result: &'a Value, name: &str) -> &'a Value {
    result["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == name)
        .unwrap_or_else(|| panic!("no {name} in {result}"))
}

/// Index of the fact file citing `source`.
fn facts_of(dataset: &Value, source: &str) -> usize {
    dataset["facts"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["source"] == source)
        .unwrap()
}

async fn merge_and_replace_report_what_changed(app: TestApp) {
    let total = rows(&app).await;
    let exported = app.export().await;
    // Importing what is there changes nothing.
    let version = app.data("{ dataVersion }", json!({})).await["dataVersion"].clone();
    let same = import(&app, &exported, "MERGE").await;
    assert_eq!(counts(&same), [0, 0, total, 0], "{same}");
    assert!(same["dataVersion"].as_i64() > version.as_i64());
    assert_eq!(app.export().await, exported);

    // Change a title, add a role, drop one move.
    let mut changed = exported.clone();
    let roles = changed["roles"].as_array_mut().unwrap();
    let vp = roles.iter_mut().find(|r| r["slug"] == "vp-of-it").unwrap();
    vp["title"] = json!("Vice President of Information Technology");
    roles.push(json!({ "slug": "head-of-platform", "title": "Head of Platform", "track": "management", "seniority": 6 }));
    // In export order (by slug), so the export after REPLACE can be compared as a whole.
    roles.sort_by(|a, b| a["slug"].as_str().cmp(&b["slug"].as_str()));
    let doc = facts_of(&changed, "004_4371e873dab14af6.txt");
    let moves = changed["facts"][doc]["moves"].as_array_mut().unwrap();
    let dropped = moves.remove(0);
    let merged = import(&app, &changed, "MERGE").await;
    assert_eq!(counts(&merged), [1, 1, total - 2, 0], "{merged}");
    assert_eq!(table(&merged, "role")["created"], 1);
    assert_eq!(table(&merged, "role")["updated"], 1);
    let title = app
        .data(r#"{ role(slug: "vp-of-it") { title } }"#, json!({}))
        .await;
    assert_eq!(
        title["role"]["title"],
        "Vice President of Information Technology"
    );
    // MERGE kept the move the dataset no longer lists.
    let from = dropped["from"].as_str().unwrap();
    let to = dropped["to"].as_str().unwrap().to_owned();
    let next = format!(
        r#"{{ role(slug: "{from}") {{ nextMoves {{ to {{ slug }} source {{ key }} }} }} }}"#
    );
    let cites = |data: &Value| {
        data["role"]["nextMoves"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| {
                m["to"]["slug"] == to.as_str() && m["source"]["key"] == "004_4371e873dab14af6.txt"
            })
    };
    assert!(cites(&app.data(&next, json!({})).await));

    // REPLACE deletes exactly that move and reports the rest unchanged.
    let replaced = import(&app, &changed, "REPLACE").await;
    assert_eq!(counts(&replaced), [0, 0, total - 1 + 1, 1], "{replaced}");
    assert_eq!(table(&replaced, "career_move")["deleted"], 1);
    assert!(
        !cites(&app.data(&next, json!({})).await),
        "REPLACE kept a dropped move"
    );
    assert_eq!(app.export().await, changed);
    assert_eq!(rows(&app).await, total);
}

async fn invalid_datasets_are_refused_whole_with_the_field_named(app: TestApp) {
    let before = app.export().await;
    let doc = facts_of(&before, "003_1223a2aff6a9897a.txt");
    let facts = before["facts"].as_array().unwrap();
    let dem = facts
        .iter()
        .position(|f| f.get("demographics").is_some())
        .unwrap();
    let group = before["facts"][dem]["demographics"][0]["shares"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let roles = before["roles"].as_array().unwrap().len();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, String, &str)> = vec![
        (
            Box::new(|d| d["roles"][0]["slug"] = json!("Not A Slug")),
            "dataset.roles[0].slug".into(),
            "[a-z0-9-]+",
        ),
        (
            Box::new(|d| d["roles"][0]["title"] = json!("")),
            "dataset.roles[0].title".into(),
            "1–200",
        ),
        (
            Box::new(|d| d["roles"][1]["title"] = json!("t".repeat(201))),
            "dataset.roles[1].title".into(),
            "1–200",
        ),
        (
            Box::new(|d| {
                let r = d["roles"][0].clone();
                d["roles"].as_array_mut().unwrap().push(r)
            }),
            format!("dataset.roles[{roles}].slug"),
            "duplicate",
        ),
        (
            Box::new(move |d| d["facts"][doc]["profiles"][0]["salary_low"] = json!(-5)),
            format!("dataset.facts[{doc}].profiles[0].salary_low"),
            "outside",
        ),
        (
            Box::new(move |d| {
                d["facts"][doc]["profiles"][0]["salary_low"] = json!(900_000);
                d["facts"][doc]["profiles"][0]["salary_high"] = json!(100_000)
            }),
            format!("dataset.facts[{doc}].profiles[0].salary_high"),
            "must not be below",
        ),
        (
            Box::new({
                let group = group.clone();
                move |d| d["facts"][dem]["demographics"][0]["shares"][&group] = json!(140.0)
            }),
            format!("dataset.facts[{dem}].demographics[0].shares.{group}"),
            "outside",
        ),
        (
            Box::new(move |d| {
                d["facts"][doc]["moves"][0]["to"] = d["facts"][doc]["moves"][0]["from"].clone()
            }),
            format!("dataset.facts[{doc}].moves[0].to"),
            "itself",
        ),
        (
            Box::new(move |d| d["facts"][doc]["moves"][0]["to"] = json!("nowhere")),
            format!("dataset.facts[{doc}].moves[0].to"),
            "unknown role",
        ),
        (
            Box::new(move |d| d["facts"][doc]["role_skills"][0]["share_pct"] = json!(101)),
            format!("dataset.facts[{doc}].role_skills[0].share_pct"),
            "outside",
        ),
        (
            Box::new(|d| d["sources"][0]["kind"] = json!("rumour")),
            "dataset.sources[0].kind".into(),
            "rumour",
        ),
    ];
    for mode in ["MERGE", "REPLACE"] {
        for (change, field, mentions) in &cases {
            let mut dataset = before.clone();
            change(&mut dataset);
            let body = app
                .post_as(
                    Some(ADMIN_TOKEN),
                    IMPORT,
                    json!({ "dataset": dataset, "mode": mode }),
                )
                .await;
            let error = &body["errors"][0];
            assert_eq!(
                error["extensions"]["code"], "BAD_USER_INPUT",
                "{mode} {field}: {body}"
            );
            assert_eq!(
                error["extensions"]["field"],
                field.as_str(),
                "{mode}: {body}"
            );
            assert!(
                error["message"].as_str().unwrap().contains(mentions),
                "{mode} {field}: {body}"
            );
        }
    }
    // Under REPLACE a fact may cite only what the dataset itself declares; MERGE may also
    // cite what the database holds.
    let mut without_vp = before.clone();
    without_vp["roles"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["slug"] != "vp-of-it");
    let body = app
        .post_as(
            Some(ADMIN_TOKEN),
            IMPORT,
            json!({ "dataset": without_vp, "mode": "REPLACE" }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown role `vp-of-it`"),
        "{body}"
    );
    assert_eq!(app.export().await, before, "a refused import changed data");
    let merged = import(&app, &without_vp, "MERGE").await;
    assert_eq!(counts(&merged)[0..2], [0, 0], "{merged}");
    // Shape errors name the path of the bad value.
    for (dataset, mentions, field) in [
        (json!({ "rolez": [] }), "rolez", "dataset.rolez"),
        (
            json!({ "roles": [{ "slug": "a", "title": "A", "track": "t", "seniority": "high" }] }),
            "roles[0].seniority",
            "dataset.roles[0].seniority",
        ),
    ] {
        let body = app
            .post_as(
                Some(ADMIN_TOKEN),
                IMPORT,
                json!({ "dataset": dataset, "mode": "MERGE" }),
            )
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(mentions),
            "{body}"
        );
    }
    assert_eq!(app.export().await, before, "a refused import changed data");
}

async fn a_dataset_can_be_uploaded_as_a_file(app: TestApp) {
    let mut dataset = app.export().await;
    dataset["skills"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "slug": "platform-engineering", "name": "Platform engineering", "category": "technical" }));
    let operations = json!({
        "query": "mutation($file: Upload, $mode: ImportMode!) { importDataset(file: $file, mode: $mode) { created updated deleted } }",
        "variables": { "file": null, "mode": "MERGE" },
    });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", r#"{ "0": ["variables.file"] }"#)
        .part(
            "0",
            reqwest::multipart::Part::bytes(dataset.to_string().into_bytes())
                .file_name("dataset.json")
                .mime_str("application/json")
                .unwrap(),
        );
    let body: Value = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(ADMIN_TOKEN)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["data"]["importDataset"],
        json!({ "created": 1, "updated": 0, "deleted": 0 }),
        "{body}"
    );
    let skill = app
        .data(
            r#"{ skill(slug: "platform-engineering") { name } }"#,
            json!({}),
        )
        .await;
    assert_eq!(skill["skill"]["name"], "Platform engineering");
    // Neither or both sources of a dataset: refused, naming the argument.
    let body = app
        .post_as(
            Some(ADMIN_TOKEN),
            "mutation { importDataset(mode: MERGE) { created } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "dataset",
        "{body}"
    );
}

async fn export_then_import_into_an_empty_database_reproduces_it(backend: Backend) {
    let Some(source) = TestApp::spawn_with_tokens(backend).await else {
        return;
    };
    // Some data only the O*NET importer writes (aliases, technologies, rating statistics,
    // job zones) must survive the trip too.
    let db = source.database.connect().await;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/onet-mini");
    let paths = seed::onet::ImportPaths {
        onet_dir: fixtures,
        bls_file: None,
    };
    seed::onet::import(&db, &paths, false).await.unwrap();
    source.settle().await;
    // ...and an admin edit.
    let body = source
        .post_as(Some(ADMIN_TOKEN), r#"mutation { createCareerMove(input: { from: "it-engineer", to: "vp-of-it", kind: PROMOTION, likelihood: 0.25 }) { kind } }"#, json!({}))
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let exported = source.export().await;
    for key in ["aliases", "technologies"] {
        assert!(
            exported.to_string().contains(&format!("\"{key}\"")),
            "export has no {key}"
        );
    }

    let empty = TestApp::spawn_tokens(backend, false).await.unwrap();
    assert_eq!(rows(&empty).await, 0);
    let result = import(&empty, &exported, "REPLACE").await;
    let total = rows(&source).await;
    assert_eq!(counts(&result), [total, 0, 0, 0], "{result}");
    assert_eq!(empty.export().await, exported);
    assert_eq!(rows(&empty).await, total);
    // The two services answer alike.
    let query = r#"{ role(slug: "senior-it-manager") { title pay { medianSalary headlineSalary } skills { skill { slug } rank } nextMoves { to { slug } } }
        careerRoutes(from: "it-engineer", to: "chief-information-officer") { routes { roles { slug } } }
        search(query: "network admin", first: 5) { __typename } }"#;
    let (mut a, mut b) = (
        source.data(query, json!({})).await,
        empty.data(query, json!({})).await,
    );
    // Skills that weigh the same keep load order, which an import may change: compare them
    // as sets, the rest as is.
    for data in [&mut a, &mut b] {
        let skills = data["role"]["skills"].as_array_mut().unwrap();
        skills.sort_by_key(|s| s.to_string());
    }
    assert_eq!(a, b, "\n{a:#}\n{b:#}");
}

async fn imported_titles_are_stored_trimmed(app: TestApp) {
    let mut dataset = app.export().await;
    let slug = dataset["roles"][0]["slug"].as_str().unwrap().to_owned();
    dataset["roles"][0]["title"] = json!(" CIO ");
    import(&app, &dataset, "MERGE").await;
    let role = app
        .data(
            "query($slug: String!) { role(slug: $slug) { title } }",
            json!({ "slug": slug }),
        )
        .await;
    assert_eq!(role["role"]["title"], "CIO");
    assert_eq!(app.export().await["roles"][0]["title"], "CIO");
}
