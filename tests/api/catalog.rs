//! Skills, certifications, sources and global IDs.
use integration_tests::{TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(
    a_skill_lists_the_roles_that_need_it,
    a_certification_lists_the_roles_that_value_it,
    skills_and_certifications_are_searchable,
    sources_list_every_document_and_the_editorial_source,
    node_resolves_global_ids,
);

async fn a_skill_lists_the_roles_that_need_it(app: TestApp) {
    let data = app
        .data(
            r#"{ skill(slug: "project-management") { name category
                 roles { role { slug } sharePct source { key } } } }"#,
            json!({}),
        )
        .await;
    let skill = &data["skill"];
    assert_eq!(skill["category"], "management");
    let mut roles: Vec<_> = skill["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"]["slug"].as_str().unwrap().to_owned())
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            "information-technology-manager",
            "information-technology-systems-manager",
            "information-technology-technical-lead",
        ]
    );
}

async fn a_certification_lists_the_roles_that_value_it(app: TestApp) {
    let data = app
        .data(
            r#"{ certification(slug: "pmp") { name acronym issuer
                 roles { role { slug } relevance note source { key } } } }"#,
            json!({}),
        )
        .await;
    let cert = &data["certification"];
    assert_eq!(cert["acronym"], "PMP");
    let roles = cert["roles"].as_array().unwrap();
    // Key certification and readiness signal (003) and "often required or beneficial" (004).
    let mut relevances: Vec<_> = roles
        .iter()
        .map(|r| r["relevance"].as_str().unwrap())
        .collect();
    relevances.sort();
    assert_eq!(relevances, ["COMMON", "PREFERRED", "READINESS"]);
    assert!(
        roles
            .iter()
            .all(|r| r["role"]["slug"] == "senior-it-manager")
    );
}

async fn skills_and_certifications_are_searchable(app: TestApp) {
    let data = app
        .data(
            r#"{ skills(search: "SERVER") { totalCount edges { node { slug } } }
                 certifications(search: "cis") { totalCount edges { node { acronym } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["skills"]["totalCount"], 2);
    let acronyms: Vec<_> = data["certifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["acronym"].as_str().unwrap())
        .collect();
    // Name or acronym matches, ordered by name.
    assert_eq!(acronyms, ["CISM", "CISA", "CISSP", "CCIE"]);
    let all = app
        .data(
            "{ skills(first: 100) { totalCount } certifications(first: 100) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(all["skills"]["totalCount"], 37);
    assert_eq!(all["certifications"]["totalCount"], 15);
}

async fn sources_list_every_document_and_the_editorial_source(app: TestApp) {
    let data = app.data("{ sources { key kind title } }", json!({})).await;
    let keys: Vec<_> = data["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "000_b80cc34c2de5a287.txt",
            "001_85606e24b525279d.txt",
            "002_0e9ecb0f078a81e9.txt",
            "003_1223a2aff6a9897a.txt",
            "004_4371e873dab14af6.txt",
            "editorial",
        ]
    );
    // The documents, and our own judgements under a kind of their own.
    assert!(data["sources"].as_array().unwrap().iter().all(|s| s["kind"]
        == if s["key"] == "editorial" {
            "EDITORIAL"
        } else {
            "DOCUMENT"
        }));
}

async fn node_resolves_global_ids(app: TestApp) {
    let data = app
        .data(
            r#"{ role(slug: "vp-of-it") { id } skill(slug: "java") { id } certification(slug: "cism") { id } }"#,
            json!({}),
        )
        .await;
    for (id, expected) in [
        (
            &data["role"]["id"],
            json!({ "__typename": "Role", "slug": "vp-of-it" }),
        ),
        (
            &data["skill"]["id"],
            json!({ "__typename": "Skill", "slug": "java" }),
        ),
        (
            &data["certification"]["id"],
            json!({ "__typename": "Certification", "slug": "cism" }),
        ),
    ] {
        let node = app
            .data(
                "query($id: ID!) { node(id: $id) { __typename ... on Role { slug } ... on Skill { slug } ... on Certification { slug } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(node["node"], expected);
    }
    let error = app
        .error(r#"{ node(id: "garbage!") { __typename } }"#, json!({}))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
}
