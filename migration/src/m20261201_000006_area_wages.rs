//! Pay by area: the areas BLS publishes estimates for (the nation, states and territories,
//! metropolitan and nonmetropolitan areas) and each area's wages per SOC occupation, per source.
//! Area wages are keyed by SOC code, not by role: roles join them through their O*NET code.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{a, drop_tables, sort_text, unique_key};

#[derive(DeriveMigrationName)]
pub struct Migration;

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
        let key = ["area_id", "soc_code", "source_id"];
        unique_key(manager, "uq_area_wage", "area_wage", &key).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["area_wage", "area"]).await
    }
}
