//! Admin mutations: authorization, validation, atomicity, cascade, and the route graph
//! following writes at once.
use integration_tests::{ADMIN_TOKEN, READ_TOKEN, TestApp, on_both_databases, with_tokens};
use serde_json::{Value, json};

with_tokens!(
    writes_without_a_valid_admin_token_change_nothing,
    roles_are_created_updated_and_deleted_with_validation,
    a_new_move_shows_in_routes_as_soon_as_the_mutation_returns,
    mutations_over_get_are_refused,
    concurrent_identical_creates_give_one_row_and_clean_answers,
);
on_both_databases!(mutations_need_configured_tokens);

async fn post(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    app.post_as(token, query, variables).await
}

const CREATE: &str =
    r#"mutation($input: CreateRoleInput!) { createRole(input: $input) { slug title seniority } }"#;
const MOVE: &str = r#"mutation($input: CreateCareerMoveInput!) { createCareerMove(input: $input) { kind from { slug } to { slug } source { key kind } } }"#;

const DOC4: &str = "004_4371e873dab14af6.txt";
const DOC1: &str = "001_85606e24b525279d.txt";

/// One valid call of every mutation, in an order in which each succeeds for an admin.
pub(crate) fn every_write() -> Vec<(&'static str, String)> {
    let move_key = format!(
        r#"{{ from: "it-engineer", to: "it-infrastructure-manager", kind: PROMOTION, source: "{DOC1}" }}"#
    );
    let sim_skill =
        format!(r#"{{ role: "senior-it-manager", skill: "change-management", source: "{DOC4}" }}"#);
    let sim_cert = format!(
        r#"{{ role: "senior-it-manager", certification: "certified-scrummaster", relevance: ADVANTAGEOUS, source: "{DOC4}" }}"#
    );
    vec![
        ("createRole", r#"mutation { createRole(input: { slug: "new-role", title: "New", track: "t" }) { slug } }"#.into()),
        ("updateRole", r#"mutation { updateRole(slug: "vp-of-it", input: { title: "X" }) { slug } }"#.into()),
        ("createCareerMove", r#"mutation { createCareerMove(input: { from: "it-infrastructure-manager", to: "vp-of-it", kind: PROMOTION }) { kind } }"#.into()),
        ("updateCareerMove", format!("mutation {{ updateCareerMove(key: {move_key}, input: {{ likelihood: 0.9 }}) {{ likelihood }} }}")),
        ("deleteCareerMove", format!("mutation {{ deleteCareerMove(key: {move_key}) {{ deleted }} }}")),
        ("createSkill", r#"mutation { createSkill(input: { slug: "new-skill", name: "New", category: "technical" }) { slug } }"#.into()),
        ("updateSkill", r#"mutation { updateSkill(slug: "azure", input: { name: "Microsoft Azure" }) { slug } }"#.into()),
        ("createRoleSkill", r#"mutation { createRoleSkill(input: { role: "vp-of-it", skill: "azure", importance: 3 }) { importance } }"#.into()),
        ("updateRoleSkill", format!("mutation {{ updateRoleSkill(input: {{ role: \"senior-it-manager\", skill: \"change-management\", source: \"{DOC4}\", rank: 1 }}) {{ rank }} }}")),
        ("deleteRoleSkill", format!("mutation {{ deleteRoleSkill(key: {sim_skill}) {{ deleted }} }}")),
        ("deleteSkill", r#"mutation { deleteSkill(slug: "azure", cascade: true) { deleted } }"#.into()),
        ("createCertification", r#"mutation { createCertification(input: { slug: "new-cert", name: "New Cert" }) { slug } }"#.into()),
        ("updateCertification", r#"mutation { updateCertification(slug: "pmp", input: { issuer: "PMI" }) { slug } }"#.into()),
        ("createRoleCertification", r#"mutation { createRoleCertification(input: { role: "vp-of-it", certification: "pmp", relevance: COMMON }) { relevance } }"#.into()),
        ("updateRoleCertification", format!("mutation {{ updateRoleCertification(input: {{ role: \"senior-it-manager\", certification: \"certified-scrummaster\", relevance: ADVANTAGEOUS, source: \"{DOC4}\", note: \"n\" }}) {{ note }} }}")),
        ("deleteRoleCertification", format!("mutation {{ deleteRoleCertification(key: {sim_cert}) {{ deleted }} }}")),
        ("deleteCertification", r#"mutation { deleteCertification(slug: "pmp", cascade: true) { deleted } }"#.into()),
        ("importDataset", r#"mutation { importDataset(dataset: { roles: [{ slug: "imported", title: "Imported", track: "t" }] }, mode: MERGE) { created } }"#.into()),
        ("deleteRole", r#"mutation { deleteRole(slug: "vp-of-it", cascade: true) { deleted } }"#.into()),
        ("importDataset", r#"mutation { importDataset(dataset: {}, mode: REPLACE) { deleted } }"#.into()),
    ]
}

/// The whole dataset and the data version.
async fn state(app: &TestApp) -> (Value, Value) {
    let version = app.data("{ dataVersion }", json!({})).await;
    (app.export().await, version)
}

async fn writes_without_a_valid_admin_token_change_nothing(app: TestApp) {
    // Every mutation of the schema is tried.
    let fields = app
        .data(
            r#"{ __type(name: "Mutation") { fields { name } } }"#,
            json!({}),
        )
        .await;
    let mut all: Vec<&str> = fields["__type"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let writes = every_write();
    let mut tried: Vec<&str> = writes.iter().map(|(name, _)| *name).collect();
    all.sort_unstable();
    tried.sort_unstable();
    tried.dedup();
    assert_eq!(
        all, tried,
        "every mutation must be tried without a valid token"
    );

    let before = state(&app).await;
    for (name, query) in &writes {
        for (token, code) in [
            (None, "UNAUTHENTICATED"),
            (Some("wrong"), "UNAUTHENTICATED"),
            (Some(READ_TOKEN), "FORBIDDEN"),
        ] {
            let body = post(&app, token, query, json!({})).await;
            assert_eq!(
                body["errors"][0]["extensions"]["code"], code,
                "{name} with {token:?}: {body}"
            );
        }
    }
    assert_eq!(
        before,
        state(&app).await,
        "an unauthorized write changed data"
    );
    // No token at all cannot export either; a read token can.
    let body = post(&app, None, "{ exportDataset }", json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let body = post(&app, Some(READ_TOKEN), "{ exportDataset }", json!({})).await;
    assert_eq!(body["data"]["exportDataset"], before.0);
    // The same calls with the admin token all succeed: the refusals above were about the token.
    for (name, query) in &writes {
        let body = post(&app, Some(ADMIN_TOKEN), query, json!({})).await;
        assert!(body.get("errors").is_none(), "{name}: {body}");
    }
    assert_ne!(before, state(&app).await);
}

async fn roles_are_created_updated_and_deleted_with_validation(app: TestApp) {
    let a = Some(ADMIN_TOKEN);
    let body = post(&app, a, CREATE, json!({ "input": { "slug": "data-steward", "title": "Data Steward", "track": "data", "seniority": 3 } })).await;
    assert_eq!(
        body["data"]["createRole"],
        json!({ "slug": "data-steward", "title": "Data Steward", "seniority": 3 })
    );
    let again = post(
        &app,
        a,
        CREATE,
        json!({ "input": { "slug": "data-steward", "title": "Other", "track": "data" } }),
    )
    .await;
    assert_eq!(again["errors"][0]["extensions"]["code"], "CONFLICT");
    for (input, field) in [
        (
            json!({ "slug": "Bad Slug", "title": "T", "track": "t" }),
            "input.slug",
        ),
        (
            json!({ "slug": "ok", "title": "  ", "track": "t" }),
            "input.title",
        ),
        (
            json!({ "slug": "ok", "title": "x".repeat(201), "track": "t" }),
            "input.title",
        ),
        (
            json!({ "slug": "ok", "title": "T", "track": "t", "seniority": 9 }),
            "input.seniority",
        ),
    ] {
        let body = post(&app, a, CREATE, json!({ "input": input })).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    // Partial update: only the title changes.
    let body = post(&app, a, r#"mutation { updateRole(slug: "data-steward", input: { title: "Data Steward II" }) { title seniority track } }"#, json!({})).await;
    assert_eq!(
        body["data"]["updateRole"],
        json!({ "title": "Data Steward II", "seniority": 3, "track": "data" })
    );
    // A referenced role is protected unless cascade.
    let body = post(
        &app,
        a,
        r#"mutation { deleteRole(slug: "vp-of-it") { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "CONFLICT");
    assert_eq!(
        app.data(r#"{ role(slug: "vp-of-it") { slug } }"#, json!({}))
            .await["role"]["slug"],
        "vp-of-it"
    );
    let body = post(
        &app,
        a,
        r#"mutation { deleteRole(slug: "vp-of-it", cascade: true) { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["deleteRole"]["deleted"], true);
    let gone = app
        .error(r#"{ role(slug: "vp-of-it") { slug } }"#, json!({}))
        .await;
    assert_eq!(gone["extensions"]["code"], "NOT_FOUND");
    let next = app
        .data(
            r#"{ role(slug: "senior-it-manager") { nextMoves { to { slug } } } }"#,
            json!({}),
        )
        .await;
    assert!(
        !next.to_string().contains("vp-of-it"),
        "moves to a deleted role remain"
    );
    // An unreferenced role deletes without cascade.
    let body = post(
        &app,
        a,
        r#"mutation { deleteRole(slug: "data-steward") { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["deleteRole"]["deleted"], true);
    // Every write is in the audit log, newest first, with the token id and data version.
    let log = post(
        &app,
        a,
        "{ auditLog(first: 10) { tokenId action target dataVersion } }",
        json!({}),
    )
    .await;
    let entries = log["data"]["auditLog"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "deleteRole",
            "deleteRole(cascade)",
            "updateRole",
            "createRole"
        ]
    );
    assert!(entries.iter().all(|e| e["tokenId"] == "ops"));
    assert!(entries[0]["dataVersion"].as_i64() > entries[3]["dataVersion"].as_i64());
    let denied = post(&app, Some(READ_TOKEN), "{ auditLog { action } }", json!({})).await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "FORBIDDEN");
    // Not "may not change data": reading the audit log changes nothing, it needs the scope.
    let message = denied["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("`admin` token") && !message.contains("change"),
        "{message}"
    );
}

async fn a_new_move_shows_in_routes_as_soon_as_the_mutation_returns(app: TestApp) {
    let routes = r#"{ careerRoutes(from: "it-engineer", to: "vp-of-it") { routes { roles { slug } } } dataVersion }"#;
    let before = app.data(routes, json!({})).await;
    let body = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": { "from": "it-infrastructure-manager", "to": "vp-of-it", "kind": "PROMOTION", "likelihood": 0.5 } })).await;
    assert_eq!(
        body["data"]["createCareerMove"]["source"],
        json!({ "key": "admin-api", "kind": "MANUAL" }),
        "{body}"
    );
    let after = app.data(routes, json!({})).await;
    assert_eq!(
        after["careerRoutes"]["routes"][0]["roles"],
        json!([{ "slug": "it-engineer" }, { "slug": "it-infrastructure-manager" }, { "slug": "vp-of-it" }])
    );
    assert_eq!(
        after["dataVersion"].as_i64().unwrap(),
        before["dataVersion"].as_i64().unwrap() + 1
    );
    for (input, field, code) in [
        (
            json!({ "from": "vp-of-it", "to": "vp-of-it", "kind": "LATERAL" }),
            "input.to",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "nowhere", "kind": "LATERAL" }),
            "input.to",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "it-director", "kind": "SIDEWAYS" }),
            "input.kind",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "it-director", "kind": "SIMILAR" }),
            "input.kind",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "it-director", "kind": "LATERAL", "likelihood": 1.5 }),
            "input.likelihood",
            "BAD_USER_INPUT",
        ),
    ] {
        let body = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": input })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    let dup = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": { "from": "it-infrastructure-manager", "to": "vp-of-it", "kind": "PROMOTION" } })).await;
    assert_eq!(dup["errors"][0]["extensions"]["code"], "CONFLICT");
}

async fn mutations_over_get_are_refused(app: TestApp) {
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[(
            "query",
            r#"mutation { deleteRole(slug: "vp-of-it", cascade: true) { deleted } }"#,
        )])
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    assert_eq!(
        app.data(r#"{ role(slug: "vp-of-it") { slug } }"#, json!({}))
            .await["role"]["slug"],
        "vp-of-it"
    );
}

async fn mutations_need_configured_tokens(app: TestApp) {
    // No ADMIN_TOKENS configured: every token is invalid.
    let body = post(
        &app,
        Some(ADMIN_TOKEN),
        CREATE,
        json!({ "input": { "slug": "x", "title": "X", "track": "t" } }),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}

async fn concurrent_identical_creates_give_one_row_and_clean_answers(app: TestApp) {
    let vars = json!({ "query": CREATE, "variables": { "input": { "slug": "race-role", "title": "Race", "track": "t" } } });
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (client, url, vars) = (
                app.client.clone(),
                format!("{}/graphql", app.address),
                vars.clone(),
            );
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .bearer_auth(ADMIN_TOKEN)
                    .json(&vars)
                    .send()
                    .await
                    .unwrap();
                response.json::<Value>().await.unwrap()
            })
        })
        .collect();
    let mut bodies = Vec::new();
    for task in tasks {
        bodies.push(task.await.unwrap());
    }
    let created = bodies
        .iter()
        .filter(|b| b["data"]["createRole"]["slug"] == "race-role")
        .count();
    let conflicts = bodies
        .iter()
        .filter(|b| b["errors"][0]["extensions"]["code"] == "CONFLICT")
        .count();
    assert_eq!((created, conflicts), (1, 5), "{bodies:?}");
    let data = app
        .data(
            r#"{ roles(search: "race-role") { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["roles"]["totalCount"], 1);
}
