//! `cargo run -p migration -- up|down|status|fresh` against `DATABASE_URL`.
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::Database;

/// Apply, roll back or inspect the schema migrations.
#[derive(Parser)]
struct Cli {
    /// Database URL (sqlite://file.db?mode=rwc or postgres://user@host/db).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc"
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations (all, or the next N).
    Up { steps: Option<u32> },
    /// Roll back the last N applied migrations (default 1).
    Down { steps: Option<u32> },
    /// List every migration and whether it is applied.
    Status,
    /// Drop everything and re-apply all migrations.
    Fresh,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let db = Database::connect(&cli.database_url).await?;
    match cli.command {
        Command::Up { steps } => Migrator::up(&db, steps).await?,
        Command::Down { steps } => Migrator::down(&db, Some(steps.unwrap_or(1))).await?,
        Command::Fresh => Migrator::fresh(&db).await?,
        Command::Status => {
            for migration in Migrator::get_migration_with_status(&db).await? {
                println!("{:<40} {:?}", migration.name(), migration.status());
            }
        }
    }
    Ok(())
}
