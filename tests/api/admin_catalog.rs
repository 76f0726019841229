//! Admin mutations on skills, certifications, role links and moves: validation naming the
//! field, CONFLICT on duplicates and on referenced deletes, cascade, and reads that follow.
use integration_tests::{ADMIN_TOKEN, TestApp, with_tokens};
use serde_json::{Value, json};

with_tokens!(
    skills_and_certifications_are_managed_with_validation,
    role_links_carry_weights_and_sources,
    moves_are_updated_and_deleted_and_routes_follow,
    names_given_to_admin_mutations_are_stored_trimmed,
);

async fn admin(app: &TestApp, query: &str, variables: Value) -> Value {
    app.post_as(Some(ADMIN_TOKEN), query, variables).await
}

/// Asserts the request failed with `code` (and, for BAD_USER_INPUT, named `field`).
async fn refused(app: &TestApp, query: &str, variables: Value, code: &str, field: Option<&str>) {
    let body = admin(app, query, variables).await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], code, "{query}: {body}");
    if let Some(field) = field {
        assert_eq!(error["extensions"]["field"], field, "{query}: {body}");
    }
}

const SKILL: &str =
    "mutation($input: CreateSkillInput!) { createSkill(input: $input) { slug name category } }";
const CERT: &str = "mutation($input: CreateCertificationInput!) { createCertification(input: $input) { slug name acronym issuer } }";

async fn skills_and_certifications_are_managed_with_validation(app: TestApp) {
    let input = json!({ "slug": "finops", "name": "FinOps", "category": "business" });
    let body = admin(&app, SKILL, json!({ "input": input })).await;
    assert_eq!(body["data"]["createSkill"], input, "{body}");
    refused(&app, SKILL, json!({ "input": input }), "CONFLICT", None).await;
    for (bad, field) in [
        (
            json!({ "slug": "Fin Ops", "name": "F", "category": "c" }),
            "input.slug",
        ),
        (
            json!({ "slug": "f", "name": " ", "category": "c" }),
            "input.name",
        ),
        (
            json!({ "slug": "f", "name": "F", "category": "c".repeat(201) }),
            "input.category",
        ),
    ] {
        refused(
            &app,
            SKILL,
            json!({ "input": bad }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }
    let body = admin(&app, r#"mutation { updateSkill(slug: "finops", input: { category: "finance" }) { name category } }"#, json!({})).await;
    assert_eq!(
        body["data"]["updateSkill"],
        json!({ "name": "FinOps", "category": "finance" })
    );
    refused(
        &app,
        r#"mutation { updateSkill(slug: "nope", input: { name: "N" }) { name } }"#,
        json!({}),
        "BAD_USER_INPUT",
        Some("slug"),
    )
    .await;
    let skill = app
        .data(r#"{ skill(slug: "finops") { name category } }"#, json!({}))
        .await;
    assert_eq!(
        skill["skill"],
        json!({ "name": "FinOps", "category": "finance" })
    );

    // A linked skill is protected unless cascade; the cascade removes its links.
    let linked = r#"{ role(slug: "senior-it-manager") { skills { skill { slug } } } }"#;
    assert!(
        app.data(linked, json!({}))
            .await
            .to_string()
            .contains("change-management")
    );
    refused(
        &app,
        r#"mutation { deleteSkill(slug: "change-management") { deleted } }"#,
        json!({}),
        "CONFLICT",
        None,
    )
    .await;
    let body = admin(
        &app,
        r#"mutation { deleteSkill(slug: "change-management", cascade: true) { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["deleteSkill"]["deleted"], true, "{body}");
    assert!(
        !app.data(linked, json!({}))
            .await
            .to_string()
            .contains("change-management")
    );
    let body = admin(
        &app,
        r#"mutation { deleteSkill(slug: "finops") { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["deleteSkill"]["deleted"], true, "{body}");

    let input = json!({ "slug": "togaf", "name": "TOGAF Enterprise Architecture", "acronym": "TOGAF", "issuer": "The Open Group" });
    let body = admin(&app, CERT, json!({ "input": input })).await;
    assert_eq!(body["data"]["createCertification"], input, "{body}");
    refused(&app, CERT, json!({ "input": input }), "CONFLICT", None).await;
    refused(
        &app,
        CERT,
        json!({ "input": { "slug": "x", "name": "" } }),
        "BAD_USER_INPUT",
        Some("input.name"),
    )
    .await;
    refused(
        &app,
        CERT,
        json!({ "input": { "slug": "x_y", "name": "X" } }),
        "BAD_USER_INPUT",
        Some("input.slug"),
    )
    .await;
    let body = admin(&app, r#"mutation { updateCertification(slug: "togaf", input: { acronym: "TOGAF 10" }) { name acronym issuer } }"#, json!({})).await;
    assert_eq!(
        body["data"]["updateCertification"],
        json!({ "name": "TOGAF Enterprise Architecture", "acronym": "TOGAF 10", "issuer": "The Open Group" })
    );
    refused(
        &app,
        r#"mutation { deleteCertification(slug: "cissp") { deleted } }"#,
        json!({}),
        "CONFLICT",
        None,
    )
    .await;
    let body = admin(
        &app,
        r#"mutation { deleteCertification(slug: "cissp", cascade: true) { deleted } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        body["data"]["deleteCertification"]["deleted"], true,
        "{body}"
    );
    let gone = app
        .error(r#"{ certification(slug: "cissp") { name } }"#, json!({}))
        .await;
    assert_eq!(gone["extensions"]["code"], "NOT_FOUND");
}

const LINK: &str = "mutation($input: RoleSkillInput!) { createRoleSkill(input: $input) { sharePct rank importance level note source { key } skill { slug } } }";
const CERT_LINK: &str = "mutation($input: RoleCertificationInput!) { createRoleCertification(input: $input) { relevance note source { key } certification { slug } } }";

async fn role_links_carry_weights_and_sources(app: TestApp) {
    let input = json!({ "role": "vp-of-it", "skill": "azure", "sharePct": 12.5, "rank": 2, "importance": 4.0, "level": 5.5, "note": "cloud budget" });
    let body = admin(&app, LINK, json!({ "input": input })).await;
    assert_eq!(
        body["data"]["createRoleSkill"],
        json!({ "sharePct": 12.5, "rank": 2, "importance": 4.0, "level": 5.5, "note": "cloud budget", "source": { "key": "admin-api" }, "skill": { "slug": "azure" } }),
        "{body}"
    );
    refused(&app, LINK, json!({ "input": input }), "CONFLICT", None).await;
    let base = json!({ "role": "vp-of-it", "skill": "budget-management" });
    for (extra, field) in [
        (json!({ "sharePct": 100.5 }), "input.sharePct"),
        (json!({ "sharePct": -1 }), "input.sharePct"),
        (json!({ "rank": 0 }), "input.rank"),
        (json!({ "importance": 5.5 }), "input.importance"),
        (json!({ "level": 7.5 }), "input.level"),
        (json!({ "role": "nobody" }), "input.role"),
        (json!({ "skill": "nothing" }), "input.skill"),
        (json!({ "source": "no-such-source" }), "input.source"),
    ] {
        let mut input = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        refused(
            &app,
            LINK,
            json!({ "input": input }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }
    // The role's skills show the link; a partial update keeps the other weights.
    let body = admin(&app, r#"mutation { updateRoleSkill(input: { role: "vp-of-it", skill: "azure", rank: 1 }) { rank sharePct note } }"#, json!({})).await;
    assert_eq!(
        body["data"]["updateRoleSkill"],
        json!({ "rank": 1, "sharePct": 12.5, "note": "cloud budget" })
    );
    let skills = r#"{ role(slug: "vp-of-it") { skills { skill { slug } rank source { key } } } }"#;
    let data = app.data(skills, json!({})).await;
    assert!(data["role"]["skills"].as_array().unwrap().iter().any(|s| s == &json!({ "skill": { "slug": "azure" }, "rank": 1, "source": { "key": "admin-api" } })), "{data}");
    // A link citing a document source is addressed with that source.
    let key = json!({ "role": "senior-it-manager", "skill": "change-management", "source": "004_4371e873dab14af6.txt" });
    refused(
        &app,
        "mutation($key: RoleSkillKeyInput!) { deleteRoleSkill(key: $key) { deleted } }",
        json!({ "key": { "role": "senior-it-manager", "skill": "change-management" } }),
        "NOT_FOUND",
        None,
    )
    .await;
    let body = admin(
        &app,
        "mutation($key: RoleSkillKeyInput!) { deleteRoleSkill(key: $key) { deleted } }",
        json!({ "key": key }),
    )
    .await;
    assert_eq!(body["data"]["deleteRoleSkill"]["deleted"], true, "{body}");

    let input = json!({ "role": "vp-of-it", "certification": "pmp", "relevance": "PREFERRED", "note": "program work" });
    let body = admin(&app, CERT_LINK, json!({ "input": input })).await;
    assert_eq!(
        body["data"]["createRoleCertification"],
        json!({ "relevance": "PREFERRED", "note": "program work", "source": { "key": "admin-api" }, "certification": { "slug": "pmp" } }),
        "{body}"
    );
    refused(&app, CERT_LINK, json!({ "input": input }), "CONFLICT", None).await;
    let mut bad = input.clone();
    bad["relevance"] = json!("MANDATORY");
    refused(
        &app,
        CERT_LINK,
        json!({ "input": bad }),
        "BAD_USER_INPUT",
        Some("input.relevance"),
    )
    .await;
    let mut bad = input.clone();
    bad["certification"] = json!("nope");
    refused(
        &app,
        CERT_LINK,
        json!({ "input": bad }),
        "BAD_USER_INPUT",
        Some("input.certification"),
    )
    .await;
    let body = admin(&app, r#"mutation { updateRoleCertification(input: { role: "vp-of-it", certification: "pmp", relevance: PREFERRED, note: "portfolio work" }) { note } }"#, json!({})).await;
    assert_eq!(
        body["data"]["updateRoleCertification"]["note"],
        "portfolio work"
    );
    let certs = app.data(r#"{ role(slug: "vp-of-it") { certifications { certification { slug } relevance note } } }"#, json!({})).await;
    assert!(certs.to_string().contains("portfolio work"), "{certs}");
    let body = admin(&app, r#"mutation { deleteRoleCertification(key: { role: "vp-of-it", certification: "pmp", relevance: PREFERRED }) { deleted } }"#, json!({})).await;
    assert_eq!(body["data"]["deleteRoleCertification"]["deleted"], true);
    let certs = app
        .data(
            r#"{ role(slug: "vp-of-it") { certifications { note } } }"#,
            json!({}),
        )
        .await;
    assert!(!certs.to_string().contains("portfolio work"), "{certs}");
}

async fn moves_are_updated_and_deleted_and_routes_follow(app: TestApp) {
    let routes = r#"{ careerRoutes(from: "it-engineer", to: "it-infrastructure-manager", first: 1) { routes { roles { slug } } } }"#;
    let before = app.data(routes, json!({})).await;
    assert_eq!(
        before["careerRoutes"]["routes"][0]["roles"],
        json!([{ "slug": "it-engineer" }, { "slug": "it-infrastructure-manager" }])
    );
    let key = json!({ "from": "it-engineer", "to": "it-infrastructure-manager", "kind": "PROMOTION", "source": "001_85606e24b525279d.txt" });
    let update = "mutation($key: CareerMoveKeyInput!, $input: UpdateCareerMoveInput!) { updateCareerMove(key: $key, input: $input) { typicalYears likelihood description } }";
    let body = admin(
        &app,
        update,
        json!({ "key": key, "input": { "typicalYears": 4.5 } }),
    )
    .await;
    assert_eq!(
        body["data"]["updateCareerMove"]["typicalYears"], 4.5,
        "{body}"
    );
    assert!(
        body["data"]["updateCareerMove"]["likelihood"].is_number(),
        "likelihood kept: {body}"
    );
    for (input, field) in [
        (json!({ "likelihood": 0.0 }), "input.likelihood"),
        (json!({ "typicalYears": -1 }), "input.typicalYears"),
    ] {
        refused(
            &app,
            update,
            json!({ "key": key, "input": input }),
            "BAD_USER_INPUT",
            Some(field),
        )
        .await;
    }
    let mut missing = key.clone();
    missing["kind"] = json!("LATERAL");
    refused(
        &app,
        update,
        json!({ "key": missing, "input": { "typicalYears": 1 } }),
        "NOT_FOUND",
        None,
    )
    .await;
    let body = admin(
        &app,
        "mutation($key: CareerMoveKeyInput!) { deleteCareerMove(key: $key) { deleted } }",
        json!({ "key": key }),
    )
    .await;
    assert_eq!(body["data"]["deleteCareerMove"]["deleted"], true, "{body}");
    // The direct move is gone from routes as soon as the mutation returns.
    let after = app.data(routes, json!({})).await;
    assert_ne!(after, before, "routes still use the deleted move");
}

async fn names_given_to_admin_mutations_are_stored_trimmed(app: TestApp) {
    let role =
        "mutation($input: CreateRoleInput!) { createRole(input: $input) { slug title track } }";
    let input = json!({ "slug": "cio-2", "title": " CIO ", "track": " management " });
    let body = admin(&app, role, json!({ "input": input })).await;
    assert_eq!(
        body["data"]["createRole"],
        json!({ "slug": "cio-2", "title": "CIO", "track": "management" }),
        "{body}"
    );
    let exported = app.export().await;
    let stored = exported["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "cio-2")
        .unwrap();
    assert_eq!(stored["title"], "CIO");
    let body = admin(
        &app,
        r#"mutation { updateCertification(slug: "pmp", input: { acronym: " PMP  " }) { acronym } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        body["data"]["updateCertification"]["acronym"], "PMP",
        "{body}"
    );
    refused(
        &app,
        role,
        json!({ "input": { "slug": "cio-3", "title": "CIO", "track": "m", "seniority": 9 } }),
        "BAD_USER_INPUT",
        Some("input.seniority"),
    )
    .await;
}
