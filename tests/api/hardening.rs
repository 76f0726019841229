//! Production hardening: HTTP status codes and media types, body/batch/query limits, rate
//! limits, timeouts, request ids, metrics, database loss, unreachable database at start and
//! graceful shutdown.
use std::time::{Duration, Instant};

use integration_tests::{Backend, CuttableProxy, TestApp, TestDatabase, on_both_backends};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_backends!(
    status_codes_and_media_types_follow_graphql_over_http,
    oversized_bodies_get_413,
    batches_are_capped,
    query_depth_complexity_recursion_and_directives_are_limited,
    introspection_and_suggestions_can_be_turned_off,
    clients_over_the_rate_limit_get_429,
    slow_requests_time_out_with_503,
    metrics_count_requests_and_report_the_graph,
    an_unreachable_database_at_start_is_retried_then_reported,
    graceful_shutdown_lets_in_flight_requests_finish,
);

mod database_loss {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::losing_the_database_masks_errors_and_recovers().await;
    }
}

/// An ADMIN_TOKENS entry for [`integration_tests::ADMIN_TOKEN`].
fn admin_token() -> String {
    let hash = hex::encode(api::auth::hash_token(integration_tests::ADMIN_TOKEN));
    format!("ops:admin:{hash}")
}

async fn spawn(backend: Backend, adjust: impl FnOnce(&mut api::config::Config)) -> Option<TestApp> {
    TestApp::spawn_configured(backend, adjust).await
}

async fn raw(
    app: &TestApp,
    content_type: Option<&str>,
    accept: Option<&str>,
    body: &str,
) -> (u16, String, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .body(body.to_owned());
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    (
        status,
        media,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

const JSON: Option<&str> = Some("application/json");
const GQL: Option<&str> = Some("application/graphql-response+json");

async fn status_codes_and_media_types_follow_graphql_over_http(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    let ok = r#"{"query": "{ dataVersion }"}"#;
    let (status, media, body) = raw(&app, JSON, None, ok).await;
    assert_eq!(
        (status, media.as_str()),
        (200, "application/json; charset=utf-8")
    );
    assert!(body["data"]["dataVersion"].is_number());
    let (_, media, _) = raw(&app, JSON, GQL, ok).await;
    assert_eq!(media, "application/graphql-response+json; charset=utf-8");
    // Wrong or missing media types.
    for ct in [
        Some("text/plain"),
        None,
        Some("application/x-www-form-urlencoded"),
    ] {
        let (status, _, body) = raw(&app, ct, None, ok).await;
        assert_eq!(status, 415, "{ct:?}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "UNSUPPORTED_MEDIA_TYPE"
        );
    }
    let (status, _, _) = raw(&app, JSON, Some("text/html"), ok).await;
    assert_eq!(status, 406);
    // Malformed requests: 400 whatever the client accepts.
    for body in [
        "",
        "{ not json",
        r#"{"qeury": "{ dataVersion }"}"#,
        r#"{"query": 1}"#,
        r#"{"query": "{ dataVersion }", "variables": []}"#,
    ] {
        for accept in [JSON, GQL] {
            let (status, _, answer) = raw(&app, JSON, accept, body).await;
            assert_eq!(status, 400, "{body} {accept:?}: {answer}");
            assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_REQUEST");
        }
    }
    // A document that does not validate: 400 without `data` for graphql-response+json,
    // 200 with errors for application/json.
    let invalid = r#"{"query": "{ noSuchField }"}"#;
    let (status, _, body) = raw(&app, JSON, GQL, invalid).await;
    assert_eq!(status, 400);
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    let (status, _, body) = raw(&app, JSON, JSON, invalid).await;
    assert_eq!(status, 200);
    assert!(body["errors"].is_array());
    // A field error is a 200 either way.
    let missing = r#"{"query": "{ role(slug: \"nobody\") { slug } }"}"#;
    let (status, _, body) = raw(&app, JSON, GQL, missing).await;
    assert_eq!(status, 200);
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    // Every response carries a fresh request id.
    let ids: Vec<String> = futures_ids(&app).await;
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids[0].len(), 36, "{ids:?}");
}

async fn futures_ids(app: &TestApp) -> Vec<String> {
    let mut ids = Vec::new();
    for path in ["/graphql?query=%7BdataVersion%7D", "/health"] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        ids.push(
            response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
    }
    ids
}

async fn oversized_bodies_get_413(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    let padding = "x".repeat(1024 * 1024);
    let body =
        json!({ "query": "{ dataVersion }", "extensions": { "padding": padding } }).to_string();
    let (status, _, answer) = raw(&app, JSON, None, &body).await;
    assert_eq!(status, 413, "{answer}");
    assert_eq!(
        answer["errors"][0]["extensions"]["code"],
        "PAYLOAD_TOO_LARGE"
    );
    // Just under the limit is served.
    let padding = "x".repeat(1024 * 1024 - 200);
    let body =
        json!({ "query": "{ dataVersion }", "extensions": { "padding": padding } }).to_string();
    let (status, _, _) = raw(&app, JSON, None, &body).await;
    assert_eq!(status, 200);
}

async fn batches_are_capped(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    let one = json!({ "query": "{ dataVersion }" });
    let (status, _, body) = raw(&app, JSON, None, &json!([one, one]).to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(2), "{body}");
    let eleven: Vec<Value> = vec![one.clone(); 11];
    let (status, _, body) = raw(&app, JSON, None, &Value::Array(eleven).to_string()).await;
    assert_eq!(status, 400);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("1 to 10"),
        "{body}"
    );
    // The same cap holds for batches sent as multipart requests.
    let operations: Vec<Value> = vec![one.clone(); 11];
    let form = reqwest::multipart::Form::new()
        .text("operations", Value::Array(operations).to_string())
        .text("map", "{}");
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let Some(off) = spawn(backend, |c| c.http.max_batch = 0).await else {
        return;
    };
    let (status, _, body) = raw(&off, JSON, None, &json!([one]).to_string()).await;
    assert_eq!(status, 400);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("turned off")
    );
}

async fn query_depth_complexity_recursion_and_directives_are_limited(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    let refused = |body: &Value, mentions: &str| {
        let message = body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase();
        assert!(message.contains(mentions), "expected `{mentions}`: {body}");
        assert!(body["data"].is_null(), "{body}");
    };
    // Depth: 16 levels of nextMoves/to.
    let mut deep = String::from("slug");
    for _ in 0..8 {
        deep = format!("nextMoves {{ to {{ {deep} }} }}");
    }
    let deep = format!(r#"{{ role(slug: "it-engineer") {{ {deep} }} }}"#);
    // (on a server without a complexity limit, to see the depth limit alone)
    let Some(unbounded) = spawn(backend, |c| c.query.query_max_complexity = usize::MAX).await
    else {
        return;
    };
    refused(&unbounded.post(&deep, json!({})).await, "nested too deep");
    let Some(deeper) = spawn(backend, |c| {
        c.query.query_max_complexity = usize::MAX;
        c.query.query_max_depth = 20;
    })
    .await
    else {
        return;
    };
    assert!(deeper.post(&deep, json!({})).await.get("errors").is_none());
    // Complexity scales with `first`: 100 roles × 100 skills is refused, 20 × 5 is served.
    let heavy =
        "{ roles(first: 100) { edges { node { skills(first: 100) { skill { name slug } } } } } }";
    refused(&app.post(heavy, json!({})).await, "too complex");
    let light =
        "{ roles(first: 20) { edges { node { skills(first: 5) { skill { name slug } } } } } }";
    assert!(app.post(light, json!({})).await.get("errors").is_none());
    // Aliases count: one page is fine, the same page under 40 aliases is not.
    let page = "roles(first: 100) { edges { node { slug title seniority track } } }";
    assert!(
        app.post(&format!("{{ {page} }}"), json!({}))
            .await
            .get("errors")
            .is_none()
    );
    let aliased: String = (0..40).map(|i| format!("a{i}: {page} ")).collect();
    refused(
        &app.post(&format!("{{ {aliased} }}"), json!({})).await,
        "too complex",
    );
    // Recursion: selections nested 41 deep (with the depth limit raised out of the way).
    let mut deepest = String::from("slug");
    for _ in 0..20 {
        deepest = format!("nextMoves {{ to {{ {deepest} }} }}");
    }
    let deepest = format!(r#"{{ role(slug: "it-engineer") {{ {deepest} }} }}"#);
    let Some(recursive) = spawn(backend, |c| {
        c.query.query_max_complexity = usize::MAX;
        c.query.query_max_depth = 100;
    })
    .await
    else {
        return;
    };
    refused(&recursive.post(&deepest, json!({})).await, "recursion");
    // Directives: 11 on one field.
    let directives = "@include(if: true) ".repeat(11);
    refused(
        &app.post(&format!("{{ dataVersion {directives} }}"), json!({}))
            .await,
        "directives",
    );
}

async fn introspection_and_suggestions_can_be_turned_off(backend: Backend) {
    let Some(open) = spawn(backend, |_| {}).await else {
        return;
    };
    let schema = "{ __schema { queryType { name } } }";
    assert_eq!(
        open.data(schema, json!({})).await["__schema"]["queryType"]["name"],
        "Query"
    );
    let typo = open.post("{ rolez { totalCount } }", json!({})).await;
    assert!(typo.to_string().contains("Did you mean"), "{typo}");
    let Some(private) = spawn(backend, |c| {
        c.query.introspection = false;
        c.query.field_suggestions = false;
    })
    .await
    else {
        return;
    };
    let body = private.post(schema, json!({})).await;
    assert!(
        body["data"]["__schema"].is_null(),
        "introspection still answered: {body}"
    );
    let body = private
        .post(r#"{ __type(name: "Role") { fields { name } } }"#, json!({}))
        .await;
    assert!(
        body["data"]["__type"].is_null(),
        "introspection still answered: {body}"
    );
    let typo = private.post("{ rolez { totalCount } }", json!({})).await;
    assert!(typo["errors"].is_array());
    assert!(!typo.to_string().contains("Did you mean"), "{typo}");
}

async fn clients_over_the_rate_limit_get_429(backend: Backend) {
    // Loopback is exempt by default.
    let Some(app) = spawn(backend, |c| c.rate_limit.rate_limit_per_minute = 3).await else {
        return;
    };
    for _ in 0..6 {
        assert!(app.post("{ dataVersion }", json!({})).await["data"].is_object());
    }
    let Some(app) = spawn(backend, |c| {
        c.rate_limit.rate_limit_per_minute = 3;
        c.rate_limit.rate_limit_loopback = true;
    })
    .await
    else {
        return;
    };
    for _ in 0..3 {
        assert!(app.post("{ dataVersion }", json!({})).await["data"].is_object());
    }
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "{ dataVersion }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    // Health checks are not limited.
    assert_eq!(app.get("/health").await.0, 200);
}

async fn slow_requests_time_out_with_503(backend: Backend) {
    // A zero budget: any request that has to wait runs out of time. Reads of the catalog answer
    // from memory without waiting; the dataset export reads the database.
    let Some(app) = spawn(backend, |c| {
        c.http.request_timeout_ms = 0;
        c.auth.admin_tokens = admin_token();
    })
    .await
    else {
        return;
    };
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(integration_tests::ADMIN_TOKEN)
        .json(&json!({ "query": "{ exportDataset }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
    // The service still answers afterwards.
    assert_eq!(app.get("/health").await.0, 200);
    // Mutations (admin writes, imports) have their own, longer budget.
    let Some(app) = TestApp::spawn_configured(backend, |c| {
        c.http.request_timeout_ms = 0;
        c.auth.admin_tokens = admin_token();
    })
    .await
    else {
        return;
    };
    let body = app
        .post_as(
            Some(integration_tests::ADMIN_TOKEN),
            r#"mutation { createSkill(input: { slug: "late-skill", name: "Late", category: "technical" }) { slug } }"#,
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["createSkill"]["slug"], "late-skill", "{body}");
    let Some(strict) = TestApp::spawn_configured(backend, |c| {
        c.http.mutation_timeout_ms = 0;
        c.auth.admin_tokens = admin_token();
    })
    .await
    else {
        return;
    };
    let response = strict
        .client
        .post(format!("{}/graphql", strict.address))
        .bearer_auth(integration_tests::ADMIN_TOKEN)
        .json(&json!({ "query": r#"mutation { deleteRole(slug: "vp-of-it", cascade: true) { deleted } }"# }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        503,
        "a mutation ignored its budget"
    );
    // ...and one cut short is rolled back.
    let role = strict
        .data(r#"{ role(slug: "vp-of-it") { slug } }"#, json!({}))
        .await;
    assert_eq!(role["role"]["slug"], "vp-of-it");
}

async fn metrics_count_requests_and_report_the_graph(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    for _ in 0..3 {
        app.data(
            "query RolePage { roles(first: 5) { totalCount } }",
            json!({}),
        )
        .await;
    }
    app.post("query Broken { nothing }", json!({})).await;
    app.data(r#"query Routes { careerRoutes(from: "it-engineer", to: "vp-of-it") { routes { roles { slug } } } }"#, json!({})).await;
    let (status, text) = app.get("/metrics").await;
    assert_eq!(status, 200);
    for expected in [
        // The first run computes the answer; the two repeats come from the response cache.
        r#"career_graphql_requests_total{operation="RolePage",outcome="ok"} 1"#,
        r#"career_graphql_requests_total{operation="RolePage",outcome="cached"} 2"#,
        r#"career_graphql_requests_total{operation="Broken",outcome="request_error"} 1"#,
        "career_route_search_duration_seconds_count 1",
        r#"career_db_pool_connections{state="max"} 5"#,
        "career_graphql_request_duration_seconds_count 5",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in\n{text}");
    }
    let version = app.data("{ dataVersion }", json!({})).await["dataVersion"]
        .as_i64()
        .unwrap();
    assert!(
        text.contains(&format!("career_graph_snapshot_version {version}")),
        "{text}"
    );
}

async fn an_unreachable_database_at_start_is_retried_then_reported(backend: Backend) {
    let url = match backend {
        Backend::Sqlite => "sqlite:///nonexistent-dir/sub/career.db?mode=rwc".to_owned(),
        Backend::Postgres => {
            if std::env::var("TEST_DATABASE_URL").is_err() {
                return;
            }
            // Nothing listens on port 1.
            "postgres://postgres:secret@127.0.0.1:1/career".to_owned()
        }
    };
    let mut config = api::config::Config::for_database(url);
    config.database.database_connect_timeout_secs = 1;
    let started = Instant::now();
    let Err(error) = api::startup::Application::build(config).await else {
        panic!("built an application without a database");
    };
    let message = format!("{error:#}");
    assert!(
        message.contains("cannot connect to the database"),
        "{message}"
    );
    assert!(message.contains("attempts"), "{message}");
    assert!(!message.contains("secret"), "password leaked: {message}");
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "no retry: {:?}",
        started.elapsed()
    );
}

async fn graceful_shutdown_lets_in_flight_requests_finish(backend: Backend) {
    let Some(app) = spawn(backend, |_| {}).await else {
        return;
    };
    let address = app.address.trim_start_matches("http://").to_owned();
    let body = r#"{"query": "{ dataVersion }"}"#;
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = |close: bool| {
        format!(
            "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
            body.len(),
            if close { "close" } else { "keep-alive" }
        )
    };
    // A first request on the connection, so the server is serving it...
    stream
        .write_all(format!("{}{body}", head(false)).as_bytes())
        .await
        .unwrap();
    let mut first = vec![0u8; 4096];
    let n = stream.read(&mut first).await.unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"));
    // ...then a second one, half sent.
    stream.write_all(head(true).as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    // The request is in flight; stop the server as SIGTERM would.
    let stopping = tokio::spawn(app.stop.clone().stop(true));
    tokio::time::sleep(Duration::from_millis(300)).await;
    // New connections are refused...
    assert!(
        tokio::net::TcpStream::connect(&address).await.is_err(),
        "still accepting"
    );
    // ...while the one in flight completes.
    stream.write_all(&body.as_bytes()[10..]).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("dataVersion"), "{answer}");
    tokio::time::timeout(Duration::from_secs(10), stopping)
        .await
        .expect("server did not stop")
        .unwrap();
}

async fn losing_the_database_masks_errors_and_recovers() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let (host_port, rest) = {
        let after = database.url.split_once('@').unwrap().1;
        let (host_port, rest) = after.split_once('/').unwrap();
        (host_port.to_owned(), rest.to_owned())
    };
    let proxy = CuttableProxy::start(host_port).await;
    let prefix = database.url.split_once('@').unwrap().0.to_owned();
    let via_proxy = format!("{prefix}@{}/{rest}", proxy.address);
    let app = TestApp::spawn_on(database, |c| {
        c.database.database_url = via_proxy;
        c.auth.admin_tokens = admin_token();
    })
    .await
    .unwrap();
    let read = r#"{ role(slug: "senior-it-manager") { title skills { skill { name } } } }"#;
    let query = r#"mutation { createSkill(input: { slug: "while-down", name: "While down", category: "technical" }) { slug } }"#;
    assert!(app.post(read, json!({})).await.get("errors").is_none());
    assert_eq!(app.get("/ready").await.0, 200);

    proxy.cut();
    // Reads keep answering from the read model while the database is away.
    let body = app.post(read, json!({})).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["role"]["title"], "Senior IT Manager");
    // Writes need the database: UNAVAILABLE, with no driver detail.
    let body = app
        .post_as(Some(integration_tests::ADMIN_TOKEN), query, json!({}))
        .await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "UNAVAILABLE", "{body}");
    let text = body.to_string().to_lowercase();
    for leak in ["sql", "select", "connection refused", "pool", "postgres"] {
        assert!(
            !text.contains(leak),
            "driver detail `{leak}` leaked: {body}"
        );
    }
    assert_eq!(app.get("/ready").await.0, 503);
    assert_eq!(
        app.get("/health").await.0,
        200,
        "the process must keep running"
    );

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let body = app
            .post_as(Some(integration_tests::ADMIN_TOKEN), query, json!({}))
            .await;
        if body.get("errors").is_none() {
            break;
        }
        assert!(Instant::now() < deadline, "did not recover: {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.get("/ready").await.0, 200);
}
