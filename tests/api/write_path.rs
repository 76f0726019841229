//! The one write path: every kind of write (admin mutation, dataset import, seed load,
//! O*NET import) bumps the data version exactly once and leaves exactly one audit row;
//! a dry run or a refused write leaves both alone.
use entity::{audit_log, data_version};
use integration_tests::{ADMIN_TOKEN, TestApp, on_both_databases, with_tokens};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::json;

use crate::admin::every_write;
use crate::onet::{fixture, fixture_paths};

with_tokens!(
    every_admin_mutation_bumps_the_version_once_and_writes_one_audit_row,
    a_dry_run_import_reports_changes_and_writes_nothing,
    a_refused_write_leaves_version_and_audit_log_alone,
);
on_both_databases!(
    seed_loads_and_onet_imports_bump_once_and_are_audited,
    the_first_start_bootstrap_is_not_audited,
);

/// The data version and the audit log, read from the database.
async fn ledger(db: &DatabaseConnection) -> (i64, u64, Option<audit_log::Model>) {
    let version = data_version::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .map_or(0, |v| v.version);
    let rows = audit_log::Entity::find().count(db).await.unwrap();
    let last = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await
        .unwrap();
    (version, rows, last)
}

/// `data_version.area_version`: the version of the last write that changed the area tables.
async fn area_version(db: &DatabaseConnection) -> i64 {
    data_version::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .map_or(0, |v| v.area_version)
}

/// Asserts one write happened since `before`: version +1, one audit row by `actor` doing
/// `action` that records the new version.
async fn one_write(db: &DatabaseConnection, before: (i64, u64), actor: &str, action: &str) {
    let (version, rows, last) = ledger(db).await;
    assert_eq!(version, before.0 + 1, "{action}: version must move by one");
    assert_eq!(rows, before.1 + 1, "{action}: exactly one audit row");
    let last = last.unwrap();
    assert_eq!(
        (
            last.token_id.as_str(),
            last.action.as_str(),
            last.data_version
        ),
        (actor, action, version),
        "{action}"
    );
}

async fn every_admin_mutation_bumps_the_version_once_and_writes_one_audit_row(app: TestApp) {
    let db = app.database.connect().await;
    for (name, query) in every_write() {
        let (version, rows, _) = ledger(&db).await;
        let areas_before = area_version(&db).await;
        let body = app.post_as(Some(ADMIN_TOKEN), &query, json!({})).await;
        assert!(body.get("errors").is_none(), "{name}: {body}");
        let action = match name {
            "importDataset" if query.contains("MERGE") => "importDataset(MERGE)",
            "importDataset" => "importDataset(REPLACE)",
            "deleteRole" | "deleteSkill" | "deleteCertification"
                if query.contains("cascade: true") =>
            {
                &format!("{name}(cascade)")
            }
            other => other,
        };
        one_write(&db, (version, rows), "ops", action).await;
        // Only a REPLACE (which clears the area tables) moves the area version, to its own.
        let expected = if action == "importDataset(REPLACE)" {
            version + 1
        } else {
            areas_before
        };
        assert_eq!(area_version(&db).await, expected, "{action}");
    }
}

async fn a_dry_run_import_reports_changes_and_writes_nothing(app: TestApp) {
    let db = app.database.connect().await;
    let (version, rows, _) = ledger(&db).await;
    let before = app.export().await;
    let query = r#"mutation { importDataset(dataset: { roles: [{ slug: "dry", title: "Dry", track: "t" }] }, mode: REPLACE, dryRun: true) { created deleted dataVersion dryRun tables { table created } } }"#;
    let result = &app.admin_data(query, json!({})).await["importDataset"];
    assert_eq!(result["dryRun"], true);
    assert_eq!(result["created"], 1, "{result}");
    assert!(result["deleted"].as_u64().unwrap() > 100, "{result}");
    assert_eq!(result["dataVersion"], version);
    assert_eq!(ledger(&db).await.0, version);
    assert_eq!(ledger(&db).await.1, rows);
    assert_eq!(app.export().await, before, "a dry run must keep nothing");
    // The same import for real reports the same counts.
    let real = query.replace(", dryRun: true", "");
    let applied = &app.admin_data(&real, json!({})).await["importDataset"];
    assert_eq!(applied["dryRun"], false);
    assert_eq!(applied["tables"], result["tables"]);
    one_write(&db, (version, rows), "ops", "importDataset(REPLACE)").await;
}

async fn a_refused_write_leaves_version_and_audit_log_alone(app: TestApp) {
    let db = app.database.connect().await;
    let (version, rows, _) = ledger(&db).await;
    for query in [
        r#"mutation { createRole(input: { slug: "Bad Slug", title: "T", track: "t" }) { slug } }"#,
        r#"mutation { createCareerMove(input: { from: "it-manager", to: "nowhere", kind: PROMOTION }) { kind } }"#,
        r#"mutation { updateRoleSkill(input: { role: "it-manager", skill: "azure", sharePct: 120 }) { sharePct } }"#,
        r#"mutation { deleteRole(slug: "it-manager") { deleted } }"#,
    ] {
        let body = app.post_as(Some(ADMIN_TOKEN), query, json!({})).await;
        assert!(
            body["errors"][0]["extensions"]["code"].is_string(),
            "{query}: {body}"
        );
        let (v, r, _) = ledger(&db).await;
        assert_eq!((v, r), (version, rows), "{query} changed the ledger");
    }
}

async fn seed_loads_and_onet_imports_bump_once_and_are_audited(app: TestApp) {
    let db = app.database.connect().await;
    let before = ledger(&db).await;
    seed::load(
        &db,
        &seed::Dataset::curated().unwrap(),
        seed::LoadOptions::default(),
    )
    .await
    .unwrap();
    one_write(&db, (before.0, before.1), "seed", "loadDataset").await;

    let before = ledger(&db).await;
    seed::onet::import(&db, &fixture_paths(&fixture()), false)
        .await
        .unwrap();
    one_write(&db, (before.0, before.1), "seed", "importOnet").await;
    assert_eq!(
        area_version(&db).await,
        0,
        "no write changed the area tables yet"
    );

    let before = ledger(&db).await;
    let areas = seed::onet::AreaPaths {
        dir: crate::places::areas_fixture(),
    };
    seed::onet::import_areas(&db, &areas, false).await.unwrap();
    one_write(&db, (before.0, before.1), "seed", "importBls2025").await;
    assert_eq!(area_version(&db).await, before.0 + 1);

    let before = ledger(&db).await;
    let options = seed::ImportOptions {
        mode: seed::ImportMode::Merge,
        dry_run: false,
        actor: "seed",
    };
    seed::import(&db, &seed::Dataset::curated().unwrap(), options)
        .await
        .unwrap();
    one_write(&db, (before.0, before.1), "seed", "importDataset(MERGE)").await;

    let before = ledger(&db).await;
    let dry = seed::ImportOptions {
        dry_run: true,
        ..options
    };
    let report = seed::import(&db, &seed::Dataset::default(), dry)
        .await
        .unwrap();
    assert!(report.dry_run && report.data_version == before.0);
    assert_eq!(
        (ledger(&db).await.0, ledger(&db).await.1),
        (before.0, before.1)
    );
}

async fn the_first_start_bootstrap_is_not_audited(app: TestApp) {
    let db = app.database.connect().await;
    let (version, rows, _) = ledger(&db).await;
    assert_eq!(version, 1, "the bootstrap load is one write");
    assert_eq!(
        rows, 0,
        "the bootstrap load is the initial state, not an audited change"
    );
}
