//! The explorer's GraphQL documents (`api/assets/explore/queries/*.graphql`) against the real
//! schema: each one, as the server serves it to the page, runs on a server with introspection
//! off over the curated data plus the O*NET and BLS by-area fixtures, with the variables the
//! page sends, and answers without errors and with the figures its view draws.
use std::path::Path;

use api::http::pages::explore_document_path;
use integration_tests::{Backend, TestApp, on_both_backends};
use seed::onet::AreaPaths;
use serde_json::{Value, json};

use crate::onet::{fixture, fixture_paths};
use crate::places::areas_fixture;

on_both_backends!(every_explorer_document_runs_with_introspection_off);

/// One document's run: its variables and the JSON pointers (into `data`) that must hold a
/// number, a non-empty string or a non-empty list. Every `queries/<name>.graphql` but
/// `fragments.graphql` needs one, and every case needs its file.
struct Case {
    operation: &'static str,
    variables: fn() -> Value,
    filled: &'static [&'static str],
}

const IT_MANAGER: &str = "information-technology-manager";
const SENIOR_IT_MANAGER: &str = "senior-it-manager";
const CIO: &str = "chief-information-officer";

const CASES: &[Case] = &[
    Case {
        operation: "ExploreRole",
        variables: || json!({ "slug": SENIOR_IT_MANAGER }),
        filled: &[
            "/role/title",
            "/role/pay/sources",
            "/role/pay/sources/0/key",
            // Pay by area (BLS OEWS by-area fixture, joined by the role's O*NET code).
            "/role/byState",
            "/role/byState/0/area/name",
            "/role/byState/0/annual/median",
            "/role/byMetro/0/annual/median",
            "/role/nationalWages/annual/median",
            "/role/nationalWages/source/key",
            "/role/skills/0/skill/slug",
            "/role/certificationItems/0/certification/slug",
            "/role/nextMoves/0/to/slug",
            "/role/nextMoves/0/source/title",
            "/role/previousMoves",
            "/role/similarRoles/0/similarity",
            "/role/statements/0/text",
            "/role/duties/0/description",
        ],
    },
    Case {
        operation: "ExploreAreaWage",
        variables: || json!({ "slug": IT_MANAGER, "area": "CA" }),
        filled: &[
            "/role/wages/area/name",
            "/role/wages/annual/median",
            "/role/wages/annual/p90",
            "/role/wages/source/key",
        ],
    },
    Case {
        operation: "ExploreAreas",
        variables: || json!({ "q": "san j" }),
        filled: &["/areas/0/name", "/areas/0/code"],
    },
    Case {
        operation: "ExploreSkill",
        variables: || json!({ "slug": "budget-management" }),
        filled: &[
            "/skill/name",
            "/skill/roles/0/role/slug",
            "/skill/roles/0/source/key",
        ],
    },
    Case {
        operation: "ExploreCert",
        variables: || json!({ "slug": "pmp" }),
        filled: &["/certification/name", "/certification/roles/0/relevance"],
    },
    Case {
        operation: "ExploreSearch",
        variables: || json!({ "q": "information technology manag", "n": 8 }),
        filled: &[
            "/search/0/kind",
            "/search/0/matchedText",
            "/search/0/role/slug",
        ],
    },
    Case {
        operation: "ExploreTitle",
        variables: || json!({ "slug": CIO }),
        filled: &["/role/title"],
    },
    Case {
        operation: "ExploreRoutes",
        variables: || {
            json!({ "from": IT_MANAGER, "to": CIO, "n": 3, "optimize": "BALANCED", "steps": 6,
                    "via": [], "avoid": [], "related": false })
        },
        filled: &[
            "/careerRoutes/routes/0/roles/0/title",
            "/careerRoutes/routes/0/totals/years",
            "/careerRoutes/routes/0/steps/0/kind",
            "/careerRoutes/routes/0/steps/0/move/source/key",
            "/careerRoutes/routes/0/steps/0/likelihood",
        ],
    },
    Case {
        operation: "ExploreCompare",
        variables: || json!({ "a": IT_MANAGER, "b": CIO }),
        filled: &[
            "/compareRoles/a/title",
            "/compareRoles/b/pay/sources/0/key",
            "/compareRoles/headlineSalary/a",
            "/compareRoles/headlineSalary/b",
            "/compareRoles/sharedSkills/0/skill/name",
        ],
    },
    Case {
        operation: "ExploreFit",
        variables: || {
            json!({ "profile": { "skills": [
                        { "skill": "budget-management", "level": 4 },
                        { "skill": "project-management" },
                        { "skill": "people-management" } ] },
                    "goal": CIO })
        },
        filled: &[
            "/matchRoles/0/role/slug",
            "/matchRoles/0/score",
            "/matchRoles/0/summary",
            "/learnNext/0/skill/name",
            "/learnNext/0/unlockCount",
        ],
    },
];

/// The operation names of the files in `api/assets/explore/queries`, fragments aside.
fn document_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/assets/explore/queries");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|file| file.strip_suffix(".graphql").map(str::to_owned))
        .filter(|name| name != "fragments")
        .collect();
    names.sort();
    names
}

/// Whether a value is a figure a view can draw: a number, a non-empty string or list, or an
/// object (a filled list item).
fn is_filled(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Object(_) | Value::Bool(_) => true,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Null => false,
    }
}

async fn every_explorer_document_runs_with_introspection_off(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |c| c.query.introspection = false).await
    else {
        return;
    };
    let db = app.database.connect().await;
    seed::onet::import(&db, &fixture_paths(&fixture()), false)
        .await
        .expect("O*NET fixture");
    let dir = areas_fixture();
    seed::onet::import_areas(&db, &AreaPaths { dir }, false)
        .await
        .expect("BLS by-area fixture");
    app.settle().await;

    // The server really refuses introspection: the page cannot lean on it.
    let body = app.post("{ __schema { types { name } } }", json!({})).await;
    assert!(
        body["data"]["__schema"].is_null(),
        "introspection on: {body}"
    );

    let files = document_files();
    let mut cased: Vec<String> = CASES.iter().map(|c| c.operation.to_owned()).collect();
    cased.sort();
    assert_eq!(
        files, cased,
        "every document in api/assets/explore/queries needs a case here, and every case a file"
    );

    for case in CASES {
        let (status, document) = app.get(&explore_document_path(case.operation)).await;
        assert_eq!(status, 200, "{} is not served", case.operation);
        let body = app.post(&document, (case.variables)()).await;
        assert!(
            body.get("errors").is_none(),
            "{} failed against the schema: {body:#}",
            case.operation
        );
        let data = &body["data"];
        for pointer in case.filled {
            assert!(
                data.pointer(pointer).is_some_and(is_filled),
                "{}: nothing at {pointer} in {data:#}",
                case.operation
            );
        }
    }
}
