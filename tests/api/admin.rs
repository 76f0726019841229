//! Admin mutations: authorization, validation, atomicity, cascade, and the route graph
//! following writes at once.
use integration_tests::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

const ADMIN_TOKEN: &str = "test-admin-token";
const READ_TOKEN: &str = "test-read-token";

async fn spawn(backend: Backend) -> Option<TestApp> {
    let admin = hex::encode(api::auth::hash_token(ADMIN_TOKEN));
    let read = hex::encode(api::auth::hash_token(READ_TOKEN));
    TestApp::spawn_configured(backend, |c| {
        c.admin_tokens = format!("ops:admin:{admin},viewer:read:{read}")
    })
    .await
}

/// Defines sqlite/postgres tests that get a server configured with an admin and a read token.
macro_rules! with_tokens {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(super::spawn(integration_tests::Backend::Sqlite).await.unwrap()).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = super::spawn(integration_tests::Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )+};
}

with_tokens!(
    writes_without_a_valid_admin_token_change_nothing,
    roles_are_created_updated_and_deleted_with_validation,
    a_new_move_shows_in_routes_as_soon_as_the_mutation_returns,
    mutations_over_get_are_refused,
    concurrent_identical_creates_give_one_row_and_clean_answers,
);
on_both_databases!(mutations_need_configured_tokens);

async fn post(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

const CREATE: &str =
    r#"mutation($input: CreateRoleInput!) { createRole(input: $input) { slug title seniority } }"#;
const MOVE: &str = r#"mutation($input: CreateCareerMoveInput!) { createCareerMove(input: $input) { kind from { slug } to { slug } source { key kind } } }"#;

async fn state(app: &TestApp) -> (Vec<(&'static str, u64)>, Value) {
    let db = app.database.connect().await;
    let totals = seed::table_totals(&db).await.unwrap();
    let roles = app.data("{ roles(first: 100) { edges { node { slug title seniority nextMoves { to { slug } } } } } dataVersion }", json!({})).await;
    (totals, roles)
}

async fn writes_without_a_valid_admin_token_change_nothing(app: TestApp) {
    let before = state(&app).await;
    let attempts = [
        (
            CREATE,
            json!({ "input": { "slug": "new-role", "title": "New", "track": "t" } }),
        ),
        (
            r#"mutation { updateRole(slug: "vp-of-it", input: { title: "X" }) { slug } }"#,
            json!({}),
        ),
        (
            r#"mutation { deleteRole(slug: "vp-of-it", cascade: true) { deleted } }"#,
            json!({}),
        ),
        (
            MOVE,
            json!({ "input": { "from": "it-engineer", "to": "vp-of-it", "kind": "promotion" } }),
        ),
    ];
    for (query, vars) in attempts {
        for (token, code) in [
            (None, "UNAUTHENTICATED"),
            (Some("wrong"), "UNAUTHENTICATED"),
            (Some(READ_TOKEN), "FORBIDDEN"),
        ] {
            let body = post(&app, token, query, vars.clone()).await;
            assert_eq!(
                body["errors"][0]["extensions"]["code"], code,
                "{query} with {token:?}: {body}"
            );
        }
    }
    assert_eq!(
        before,
        state(&app).await,
        "an unauthorized write changed data"
    );
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
}

async fn a_new_move_shows_in_routes_as_soon_as_the_mutation_returns(app: TestApp) {
    let routes = r#"{ careerRoutes(from: "it-engineer", to: "vp-of-it") { routes { roles { slug } } } dataVersion }"#;
    let before = app.data(routes, json!({})).await;
    let body = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": { "from": "it-infrastructure-manager", "to": "vp-of-it", "kind": "promotion", "likelihood": 0.5 } })).await;
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
            json!({ "from": "vp-of-it", "to": "vp-of-it", "kind": "lateral" }),
            "input.to",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "nowhere", "kind": "lateral" }),
            "input.to",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "it-director", "kind": "sideways" }),
            "input.kind",
            "BAD_USER_INPUT",
        ),
        (
            json!({ "from": "vp-of-it", "to": "it-director", "kind": "lateral", "likelihood": 1.5 }),
            "input.likelihood",
            "BAD_USER_INPUT",
        ),
    ] {
        let body = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": input })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    let dup = post(&app, Some(ADMIN_TOKEN), MOVE, json!({ "input": { "from": "it-infrastructure-manager", "to": "vp-of-it", "kind": "promotion" } })).await;
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
