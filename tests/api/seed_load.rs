//! The seed loader against real databases: idempotent, all-or-nothing, migrations reversible.
use entity::{career_move, role, role_demographic, role_profile, role_skill};
use integration_tests::{Backend, TestDatabase, on_both_empty_databases};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use seed::{Dataset, LoadOptions, SeedError};

on_both_empty_databases!(
    loading_twice_leaves_identical_rows,
    a_bad_record_aborts_the_load_and_writes_nothing,
    loaded_records_are_stored_as_parsed,
    a_database_failure_midway_rolls_everything_back,
    migrations_go_down_and_up_again,
);

async fn migrated(db: &TestDatabase) -> DatabaseConnection {
    let conn = db.connect().await;
    Migrator::up(&conn, None).await.unwrap();
    conn
}

async fn snapshot(
    db: &DatabaseConnection,
) -> (
    Vec<role::Model>,
    Vec<role_profile::Model>,
    Vec<role_skill::Model>,
    Vec<role_demographic::Model>,
    Vec<career_move::Model>,
) {
    (
        role::Entity::find()
            .order_by_asc(role::Column::Id)
            .all(db)
            .await
            .unwrap(),
        role_profile::Entity::find()
            .order_by_asc(role_profile::Column::Id)
            .all(db)
            .await
            .unwrap(),
        role_skill::Entity::find()
            .order_by_asc(role_skill::Column::Id)
            .all(db)
            .await
            .unwrap(),
        role_demographic::Entity::find()
            .order_by_asc(role_demographic::Column::Id)
            .all(db)
            .await
            .unwrap(),
        career_move::Entity::find()
            .order_by_asc(career_move::Column::Id)
            .all(db)
            .await
            .unwrap(),
    )
}

async fn totals(db: &DatabaseConnection) -> Vec<(&'static str, u64)> {
    seed::table_totals(db).await.unwrap()
}

async fn loading_twice_leaves_identical_rows(db: TestDatabase, _: Backend) {
    let conn = migrated(&db).await;
    let dataset = Dataset::curated().unwrap();
    let first = seed::load(&conn, &dataset, LoadOptions::default())
        .await
        .unwrap();
    let before = snapshot(&conn).await;
    let second = seed::load(&conn, &dataset, LoadOptions::default())
        .await
        .unwrap();
    assert_eq!(first.totals, second.totals);
    assert_eq!(before, snapshot(&conn).await);
    let role_count = first.totals.iter().find(|(t, _)| *t == "role").unwrap().1;
    assert_eq!(role_count, 25);
    let moves = first
        .totals
        .iter()
        .find(|(t, _)| *t == "career_move")
        .unwrap()
        .1;
    // 28 before the fact audit, less the five moves that mapped a generic "team lead" step.
    assert_eq!(moves, 23);
}

async fn a_bad_record_aborts_the_load_and_writes_nothing(db: TestDatabase, _: Backend) {
    let conn = migrated(&db).await;
    let mut dataset = Dataset::curated().unwrap();
    // One bad record deep inside the last file; everything before it is fine.
    dataset.facts[4].role_certifications[3].certification = "no-such-cert".into();
    let err = seed::load(&conn, &dataset, LoadOptions::default())
        .await
        .unwrap_err();
    match &err {
        SeedError::Rule {
            file,
            facts,
            record,
            field,
            message,
            ..
        } => {
            assert_eq!(
                (file.as_str(), *facts, record.as_str(), field.as_str()),
                (
                    "facts/004_4371e873dab14af6.json",
                    Some(4),
                    "role_certifications[3]",
                    "certification"
                )
            );
            assert!(message.contains("no-such-cert"), "{message}");
        }
        other => panic!("expected a rule error, got {other:?}"),
    }
    assert!(
        totals(&conn).await.iter().all(|(_, n)| *n == 0),
        "something was written"
    );
}

async fn loaded_records_are_stored_as_parsed(db: TestDatabase, _: Backend) {
    use sea_orm::{ColumnTrait, QueryFilter};
    let conn = migrated(&db).await;
    let mut dataset = Dataset::curated().unwrap();
    let slug = dataset.roles[0].slug.clone();
    dataset.roles[0].title = " CIO ".into();
    dataset.roles[0].track = "management\n".into();
    seed::load(&conn, &dataset, LoadOptions::default())
        .await
        .unwrap();
    let stored = role::Entity::find()
        .filter(role::Column::Slug.eq(slug.as_str()))
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.title.as_str(), stored.track.as_str()),
        ("CIO", "management")
    );
    // A value outside its range is refused naming the field; nothing is written.
    let mut bad = Dataset::curated().unwrap();
    bad.roles[1].seniority = Some(12);
    let version = seed::current_version(&conn).await.unwrap();
    match seed::load(&conn, &bad, LoadOptions::default()).await {
        Err(SeedError::Rule { record, field, .. }) => {
            assert_eq!((record.as_str(), field.as_str()), ("roles[1]", "seniority"));
        }
        other => panic!("expected a rule error, got {other:?}"),
    }
    assert_eq!(seed::current_version(&conn).await.unwrap(), version);
}

async fn a_database_failure_midway_rolls_everything_back(db: TestDatabase, _: Backend) {
    let conn = migrated(&db).await;
    // The last table written is gone: the load fails after writing everything else.
    conn.execute_unprepared("DROP TABLE role_comparison")
        .await
        .unwrap();
    let err = seed::load(&conn, &Dataset::curated().unwrap(), LoadOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, SeedError::Database(_)), "{err:?}");
    assert_eq!(role::Entity::find().all(&conn).await.unwrap().len(), 0);
    assert_eq!(
        career_move::Entity::find().all(&conn).await.unwrap().len(),
        0
    );
}

async fn migrations_go_down_and_up_again(db: TestDatabase, _: Backend) {
    let conn = migrated(&db).await;
    Migrator::down(&conn, None).await.unwrap();
    assert!(
        role::Entity::find().all(&conn).await.is_err(),
        "tables should be gone"
    );
    Migrator::up(&conn, None).await.unwrap();
    seed::load(&conn, &Dataset::curated().unwrap(), LoadOptions::default())
        .await
        .unwrap();
}
