//! HTTP surface: health, readiness, GraphiQL, GET queries.
use integration_tests::{TestApp, on_both_databases};

on_both_databases!(
    health_and_ready_answer_200,
    graphiql_is_served_and_linked_from_the_index,
    queries_work_over_get,
);

async fn health_and_ready_answer_200(app: TestApp) {
    assert_eq!(app.get("/health").await, (200, "ok".into()));
    assert_eq!(app.get("/ready").await, (200, "ready".into()));
}

async fn graphiql_is_served_and_linked_from_the_index(app: TestApp) {
    let (status, body) = app.get("/graphiql").await;
    assert_eq!(status, 200);
    assert!(body.to_lowercase().contains("graphiql"), "{body}");
    let (status, body) = app.get("/").await;
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/graphiql\""), "{body}");
}

async fn queries_work_over_get(app: TestApp) {
    let (status, body) = app
        .get("/graphql?query=%7Brole(slug%3A%22chief-information-officer%22)%7Btitle%7D%7D")
        .await;
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["data"]["role"]["title"],
        "Chief Information Officer (CIO)"
    );
}
