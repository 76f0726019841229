//! Room for imported occupational data: O*NET job zone on roles, the statistics O*NET gives
//! with each importance/level rating, alternate titles and technology skills.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000003_onet_tables"
    }
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Statistics columns added to `role_skill` (all nullable).
const SKILL_STATS: [&str; 8] = [
    "importance_n",
    "importance_se",
    "importance_ci_low",
    "importance_ci_high",
    "level_n",
    "level_se",
    "level_ci_low",
    "level_ci_high",
];

/// A role-owned table citing a source, with its extra columns and natural key.
async fn fact_table(
    manager: &SchemaManager<'_>,
    name: &str,
    columns: Vec<ColumnDef>,
    key: &[&str],
) -> Result<(), DbErr> {
    let mut table = Table::create();
    table.table(a(name)).if_not_exists().col(pk_auto(a("id")));
    for column in ["role_id", "source_id"] {
        let target = if column == "role_id" {
            "role"
        } else {
            "source"
        };
        table.col(integer(a(column))).foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_{column}"))
                .from(a(name), a(column))
                .to(a(target), a("id"))
                .on_delete(if target == "role" {
                    ForeignKeyAction::Cascade
                } else {
                    ForeignKeyAction::Restrict
                }),
        );
    }
    for column in columns {
        table.col(column);
    }
    manager.create_table(table.to_owned()).await?;
    for column in ["role_id", "source_id"] {
        manager
            .create_index(
                Index::create()
                    .name(format!("idx_{name}_{column}"))
                    .table(a(name))
                    .col(a(column))
                    .to_owned(),
            )
            .await?;
    }
    let mut unique = Index::create();
    unique.name(format!("uq_{name}")).table(a(name)).unique();
    for column in key {
        unique.col(a(column));
    }
    manager.create_index(unique.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("role"))
                    .add_column(integer_null(a("job_zone")))
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite cannot add several in one ALTER TABLE.
        for column in SKILL_STATS {
            let def = if column.ends_with("_n") {
                integer_null(a(column))
            } else {
                double_null(a(column))
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(a("role_skill"))
                        .add_column(def)
                        .to_owned(),
                )
                .await?;
        }
        fact_table(
            manager,
            "role_alias",
            vec![string(a("title"))],
            &["role_id", "source_id", "title"],
        )
        .await?;
        fact_table(
            manager,
            "role_technology",
            vec![
                string(a("name")),
                string_null(a("commodity")),
                boolean(a("hot")).default(false).to_owned(),
                boolean(a("in_demand")).default(false).to_owned(),
            ],
            &["role_id", "source_id", "name"],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_alias_title")
                    .table(a("role_alias"))
                    .col(a("title"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["role_technology", "role_alias"] {
            manager
                .drop_table(Table::drop().table(a(table)).if_exists().to_owned())
                .await?;
        }
        for column in SKILL_STATS {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("role_skill"))
                        .drop_column(a(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(a("role"))
                    .drop_column(a("job_zone"))
                    .to_owned(),
            )
            .await
    }
}
