//! Pay by area: the areas BLS publishes estimates for (the nation, states and territories,
//! metropolitan and nonmetropolitan areas) and each area's wages per SOC occupation, per source.
//! Area wages are keyed by SOC code, not by role: roles join them through their O*NET code.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_area_wages"
    }
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Whole-number estimates of `area_wage` (null: BLS did not publish it; `footnotes` says why).
const WHOLE: [&str; 7] = [
    "employment",
    "annual_mean",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
];
/// Decimal estimates of `area_wage` (nullable likewise).
const DECIMAL: [&str; 10] = [
    "employment_rse",
    "hourly_mean",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
    "mean_rse",
    "jobs_per_1000",
    "location_quotient",
];

/// A text column sorted byte-wise on both databases (PostgreSQL: the "C" collation).
fn sort_text(column: &str, backend: DbBackend, unique: bool) -> ColumnDef {
    let mut def = if unique {
        string_uniq(a(column))
    } else {
        string(a(column))
    };
    if backend == DbBackend::Postgres {
        def.extra("COLLATE \"C\"");
    }
    def
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(a("area"))
                    .if_not_exists()
                    .col(pk_auto(a("id")))
                    .col(sort_text("code", backend, true))
                    .col(string(a("area_type")))
                    .col(string(a("state_fips")))
                    .col(string_null(a("state_code")))
                    .col(sort_text("title", backend, false))
                    .to_owned(),
            )
            .await?;
        let mut wage = Table::create();
        wage.table(a("area_wage"))
            .if_not_exists()
            .col(pk_auto(a("id")))
            .col(integer(a("area_id")))
            .col(integer(a("source_id")))
            .col(sort_text("soc_code", backend, false));
        for column in WHOLE {
            wage.col(integer_null(a(column)));
        }
        for column in DECIMAL {
            wage.col(double_null(a(column)));
        }
        wage.col(text_null(a("footnotes")))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_area_wage_area_id")
                    .from(a("area_wage"), a("area_id"))
                    .to(a("area"), a("id"))
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .foreign_key(
                ForeignKey::create()
                    .name("fk_area_wage_source_id")
                    .from(a("area_wage"), a("source_id"))
                    .to(a("source"), a("id"))
                    .on_delete(ForeignKeyAction::Restrict),
            );
        manager.create_table(wage.to_owned()).await?;
        for column in ["soc_code", "source_id"] {
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_area_wage_{column}"))
                        .table(a("area_wage"))
                        .col(a(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("uq_area_wage")
                    .table(a("area_wage"))
                    .unique()
                    .col(a("area_id"))
                    .col(a("soc_code"))
                    .col(a("source_id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["area_wage", "area"] {
            manager
                .drop_table(Table::drop().table(a(table)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
