//! The initial schema: catalog tables (source, role, skill, certification) and the fact
//! tables that hang off a role, each citing a source.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_create_schema"
    }
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Catalog tables, created first and dropped last.
const CATALOG: [&str; 4] = ["source", "role", "skill", "certification"];

/// Fact tables in creation order (dropped in reverse).
const FACTS: [&str; 10] = [
    "role_profile",
    "role_demographic",
    "role_skill",
    "role_certification",
    "role_duty",
    "role_education",
    "role_attribute",
    "role_regional_wage",
    "career_move",
    "role_comparison",
];

/// A foreign key column `column` → `target.id`, with its index.
struct Ref {
    column: &'static str,
    target: &'static str,
}

const fn r(column: &'static str, target: &'static str) -> Ref {
    Ref { column, target }
}

/// A sortable text column. On PostgreSQL it uses the "C" collation so ordering is
/// byte-wise, exactly as on SQLite, whatever the server's default locale.
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

fn catalog_table(name: &str, backend: DbBackend) -> TableCreateStatement {
    let text = |column: &str, unique: bool| sort_text(column, backend, unique);
    let mut t = Table::create();
    t.table(a(name)).if_not_exists().col(pk_auto(a("id")));
    match name {
        "source" => t
            .col(text("key", true))
            .col(string(a("title")))
            .col(string(a("kind")))
            .col(string_null(a("publisher")))
            .col(string_null(a("url")))
            .col(text_null(a("attribution"))),
        "role" => t
            .col(text("slug", true))
            .col(text("title", false))
            .col(text_null(a("summary")))
            .col(string(a("track")))
            .col(integer_null(a("seniority")))
            .col(string_null(a("onet_code"))),
        "skill" => t
            .col(text("slug", true))
            .col(text("name", false))
            .col(string(a("category"))),
        _ => t
            .col(text("slug", true))
            .col(text("name", false))
            .col(string_null(a("acronym")))
            .col(string_null(a("issuer"))),
    };
    t.to_owned()
}

/// Columns, references and natural key of a fact table.
fn fact_table(name: &str) -> (TableCreateStatement, Vec<Ref>, Vec<&'static str>) {
    let mut t = Table::create();
    t.table(a(name)).if_not_exists().col(pk_auto(a("id")));
    let (refs, key): (Vec<Ref>, Vec<&'static str>) = match name {
        "role_profile" => {
            for c in [
                "salary_mean",
                "salary_median",
                "salary_low",
                "salary_high",
                "salary_p10",
                "salary_p25",
                "salary_p75",
                "salary_p90",
                "jobs_count",
                "direct_reports_min",
                "direct_reports_max",
            ] {
                t.col(integer_null(a(c)));
            }
            for c in [
                "hourly_mean",
                "hourly_median",
                "hourly_p10",
                "hourly_p25",
                "hourly_p75",
                "hourly_p90",
                "growth_rate_pct",
                "job_satisfaction",
                "experience_years_min",
                "experience_years_max",
                "management_years_min",
                "management_years_max",
                "years_to_become_min",
                "years_to_become_max",
                "average_age",
                "degree_share_pct",
                "lgbt_share_pct",
            ] {
                t.col(double_null(a(c)));
            }
            for c in [
                "degree",
                "major",
                "college",
                "highest_paying_city",
                "highest_paying_state",
                "best_paying_company",
                "best_paying_industry",
            ] {
                t.col(string_null(a(c)));
            }
            for c in ["pay_note", "growth_outlook", "ai_impact", "licenses"] {
                t.col(text_null(a(c)));
            }
            t.col(big_integer_null(a("budget_min")))
                .col(big_integer_null(a("budget_max")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id"],
            )
        }
        "role_demographic" => {
            t.col(string(a("dimension")))
                .col(string(a("group_name")))
                .col(double(a("share_pct")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id", "dimension", "group_name"],
            )
        }
        "role_skill" => {
            t.col(double_null(a("share_pct")))
                .col(integer_null(a("rank")))
                .col(double_null(a("importance")))
                .col(double_null(a("level")))
                .col(text_null(a("note")));
            (
                vec![
                    r("role_id", "role"),
                    r("skill_id", "skill"),
                    r("source_id", "source"),
                ],
                vec!["role_id", "skill_id", "source_id"],
            )
        }
        "role_certification" => {
            t.col(string(a("relevance"))).col(text_null(a("note")));
            (
                vec![
                    r("role_id", "role"),
                    r("certification_id", "certification"),
                    r("source_id", "source"),
                ],
                vec!["role_id", "certification_id", "source_id", "relevance"],
            )
        }
        "role_duty" => {
            t.col(integer(a("position")))
                .col(string_null(a("title")))
                .col(text(a("description")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id", "position"],
            )
        }
        "role_education" => {
            t.col(integer(a("position")))
                .col(string(a("level")))
                .col(string(a("requirement")))
                .col(text_null(a("fields")))
                .col(text_null(a("note")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id", "position"],
            )
        }
        "role_attribute" => {
            t.col(string(a("kind")))
                .col(integer(a("position")))
                .col(string(a("name")))
                .col(text_null(a("detail")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id", "kind", "position"],
            )
        }
        "role_regional_wage" => {
            t.col(string(a("region")))
                .col(integer(a("rank")))
                .col(integer(a("salary_median")));
            (
                vec![r("role_id", "role"), r("source_id", "source")],
                vec!["role_id", "source_id", "region"],
            )
        }
        "career_move" => {
            t.col(string(a("kind")))
                .col(double_null(a("typical_years")))
                .col(double_null(a("likelihood")))
                .col(text_null(a("description")))
                .col(boolean(a("derived")).default(false));
            (
                vec![
                    r("from_role_id", "role"),
                    r("to_role_id", "role"),
                    r("source_id", "source"),
                ],
                vec!["from_role_id", "to_role_id", "kind", "source_id"],
            )
        }
        _ => (
            vec![
                r("role_a_id", "role"),
                r("role_b_id", "role"),
                r("source_id", "source"),
            ],
            vec!["role_a_id", "role_b_id", "source_id"],
        ),
    };
    for reference in &refs {
        t.col(integer(a(reference.column))).foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_{}", reference.column))
                .from(a(name), a(reference.column))
                .to(a(reference.target), a("id"))
                // Facts die with their role; a source cannot vanish under its facts.
                .on_delete(if reference.target == "source" {
                    ForeignKeyAction::Restrict
                } else {
                    ForeignKeyAction::Cascade
                }),
        );
    }
    (t.to_owned(), refs, key)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in CATALOG {
            let backend = manager.get_database_backend();
            manager.create_table(catalog_table(name, backend)).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_role_onet_code")
                    .table(a("role"))
                    .col(a("onet_code"))
                    .to_owned(),
            )
            .await?;
        for name in FACTS {
            let (table, refs, key) = fact_table(name);
            manager.create_table(table).await?;
            for reference in refs {
                manager
                    .create_index(
                        Index::create()
                            .name(format!("idx_{name}_{}", reference.column))
                            .table(a(name))
                            .col(a(reference.column))
                            .to_owned(),
                    )
                    .await?;
            }
            let mut unique = Index::create();
            unique.name(format!("uq_{name}")).table(a(name)).unique();
            for column in key {
                unique.col(a(column));
            }
            manager.create_index(unique.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in FACTS.iter().rev().chain(CATALOG.iter().rev()) {
            manager
                .drop_table(Table::drop().table(a(name)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
