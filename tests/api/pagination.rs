//! Relay pagination, search, filters and ordering of `roles`.
use integration_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    cursors_walk_every_role_exactly_once,
    first_out_of_range_and_bad_cursors_are_bad_input,
    search_is_case_insensitive_and_filters_combine,
    roles_sort_by_salary_and_seniority,
);

const PAGE: &str = r#"query($first: Int, $after: String) {
  roles(first: $first, after: $after) {
    totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"#;

async fn cursors_walk_every_role_exactly_once(app: TestApp) {
    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    loop {
        let data = app.data(PAGE, json!({ "first": 10, "after": after })).await;
        let roles = &data["roles"];
        assert_eq!(roles["totalCount"], 25);
        assert_eq!(roles["pageInfo"]["hasPreviousPage"], pages > 0);
        for edge in roles["edges"].as_array().unwrap() {
            seen.push(edge["node"]["slug"].as_str().unwrap().to_owned());
        }
        pages += 1;
        if roles["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = roles["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(pages, 3);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 25, "{seen:?}");
    // Default order is by title.
    let titles = app
        .data(
            "{ roles(first: 100) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    let titles: Vec<String> = titles["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

async fn first_out_of_range_and_bad_cursors_are_bad_input(app: TestApp) {
    for first in [0, 101, -1] {
        let error = app.error(PAGE, json!({ "first": first })).await;
        assert_eq!(
            error["extensions"]["code"], "BAD_USER_INPUT",
            "first={first}: {error}"
        );
        assert_eq!(error["extensions"]["field"], "first");
        assert!(error["message"].as_str().unwrap().contains("`first`"));
    }
    let error = app
        .error(PAGE, json!({ "first": 5, "after": "bm90LWEtY3Vyc29y" }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "after");
    let error = app
        .error(
            "{ roles(filter: { seniorityMin: 9 }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "filter.seniorityMin");
    // A cursor past the end gives an empty page, not an error.
    let data = app
        .data("{ roles(first: 100) { edges { cursor } } }", json!({}))
        .await;
    let last = data["roles"]["edges"][24]["cursor"].clone();
    let data = app.data(PAGE, json!({ "first": 5, "after": last })).await;
    assert_eq!(data["roles"]["edges"], json!([]));
    assert_eq!(data["roles"]["pageInfo"]["hasNextPage"], false);
}

async fn search_is_case_insensitive_and_filters_combine(app: TestApp) {
    let data = app
        .data(
            r#"{ roles(search: "iT mAnAgEr", first: 50) { totalCount edges { node { slug } } } }"#,
            json!({}),
        )
        .await;
    let slugs: Vec<_> = data["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["slug"].as_str().unwrap())
        .collect();
    assert!(
        slugs.contains(&"senior-it-manager") && slugs.contains(&"senior-it-manager-assistant"),
        "{slugs:?}"
    );
    let data = app
        .data(
            r#"{ roles(filter: { tracks: ["executive"], seniorityMin: 8 }) { totalCount edges { node { slug } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["roles"]["totalCount"], 2);
    let data = app
        .data(
            r#"{ roles(filter: { skill: "san" }) { edges { node { slug } } } }"#,
            json!({}),
        )
        .await;
    let mut slugs: Vec<_> = data["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["slug"].as_str().unwrap())
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        [
            "information-technology-systems-manager",
            "it-infrastructure-manager"
        ]
    );
    // LIKE wildcards in the search are literal.
    let data = app
        .data(r#"{ roles(search: "%") { totalCount } }"#, json!({}))
        .await;
    assert_eq!(data["roles"]["totalCount"], 0);
}

async fn roles_sort_by_salary_and_seniority(app: TestApp) {
    let data = app
        .data(
            r#"{ roles(first: 5, orderBy: { field: SALARY, direction: DESC }) { edges { node { slug pay { headlineSalary } } } } }"#,
            json!({}),
        )
        .await;
    let salaries: Vec<i64> = data["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["pay"]["headlineSalary"].as_i64().unwrap())
        .collect();
    assert_eq!(salaries, [135642, 131600, 130526, 130000, 125000]);
    let data = app
        .data(r#"{ roles(first: 3, orderBy: { field: SENIORITY, direction: DESC }) { edges { node { seniority } } } }"#, json!({}))
        .await;
    let levels: Vec<i64> = data["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["seniority"].as_i64().unwrap())
        .collect();
    assert_eq!(levels, [8, 8, 7]);
}
