//! Responses: keys in the order the query asks for them; the response cache and HTTP
//! validators (ETag, If-None-Match → 304) that are never stale across writes.

use integration_tests::{ADMIN_TOKEN, Backend, READ_TOKEN, TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(response_keys_follow_the_order_of_the_query);

async fn response_keys_follow_the_order_of_the_query(app: TestApp) {
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": r#"{ role(slug: "senior-it-manager") { title slug seniority track } dataVersion }"# }))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    // GraphQL spec §7.2.2: the order of the selection set, not alphabetical.
    assert!(at("\"role\"") < at("\"dataVersion\""), "{text}");
    assert!(at("\"title\"") < at("\"slug\""), "{text}");
    assert!(at("\"slug\"") < at("\"seniority\""), "{text}");
    assert!(at("\"seniority\"") < at("\"track\""), "{text}");
}

const PAGE: &str = r#"{ role(slug: "senior-it-manager") { title nextMoves { to { slug } } } }"#;
const MOVE: &str = r#"mutation { createCareerMove(input: { from: "senior-it-manager", to: "chief-technology-officer", kind: PROMOTION, likelihood: 0.99 }) { kind } }"#;

/// GET /graphql?query=…, with an optional If-None-Match and token.
async fn get(
    app: &TestApp,
    query: &str,
    if_none_match: Option<&str>,
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", query)]);
    if let Some(tag) = if_none_match {
        request = request.header("if-none-match", tag);
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers()[name].to_str().unwrap().to_owned()
}

fn first_move(body: &Value) -> Value {
    body["data"]["role"]["nextMoves"][0]["to"]["slug"].clone()
}

async fn etags_revalidate_with_304_and_never_outlive_a_write(backend: Backend) {
    for cache_mb in [64, 0] {
        let Some(app) = TestApp::spawn_configured(backend, |c| {
            c.cache.response_cache_mb = cache_mb;
            c.auth.admin_tokens = format!(
                "ops:admin:{},viewer:read:{}",
                hex::encode(api::auth::hash_token(ADMIN_TOKEN)),
                hex::encode(api::auth::hash_token(READ_TOKEN))
            );
        })
        .await
        else {
            return;
        };
        let first = get(&app, PAGE, None, None).await;
        assert_eq!(first.status(), 200);
        let etag = header(&first, "etag");
        assert_eq!(header(&first, "cache-control"), "public, no-cache");
        let before: Value = first.json().await.unwrap();
        assert_ne!(first_move(&before), "chief-technology-officer");
        // The same answer again (from the cache when it is on), byte for byte the same data.
        let again = get(&app, PAGE, None, None).await;
        assert_eq!(header(&again, "etag"), etag);
        assert_eq!(again.json::<Value>().await.unwrap(), before);
        // Revalidation: nothing changed, 304 without a body.
        let unchanged = get(&app, PAGE, Some(&etag), None).await;
        assert_eq!(unchanged.status(), 304, "cache {cache_mb} MB");
        assert_eq!(header(&unchanged, "etag"), etag);
        // A token's answers are private and tagged apart from the public ones.
        let private = get(&app, PAGE, None, Some(READ_TOKEN)).await;
        assert_eq!(header(&private, "cache-control"), "private, no-cache");
        assert_ne!(header(&private, "etag"), etag);
        assert_eq!(
            get(&app, PAGE, Some(&etag), Some(READ_TOKEN))
                .await
                .status(),
            200
        );

        // A write moves the data version on: the old tag no longer matches and the new move
        // (the most likely one) leads the list at once.
        app.admin_data(MOVE, json!({})).await;
        let after = get(&app, PAGE, Some(&etag), None).await;
        assert_eq!(after.status(), 200, "cache {cache_mb} MB");
        assert_ne!(header(&after, "etag"), etag);
        let body: Value = after.json().await.unwrap();
        assert_eq!(first_move(&body), "chief-technology-officer", "{body}");
        let posted = app.post(PAGE, json!({})).await;
        assert_eq!(first_move(&posted), "chief-technology-officer");
        // Errors are never cached or tagged.
        let failing = get(&app, r#"{ role(slug: "nope") { title } }"#, None, None).await;
        assert!(failing.headers().get("etag").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etags_revalidate_with_304_and_never_outlive_a_write_sqlite() {
    etags_revalidate_with_304_and_never_outlive_a_write(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etags_revalidate_with_304_and_never_outlive_a_write_postgres() {
    etags_revalidate_with_304_and_never_outlive_a_write(Backend::Postgres).await;
}
