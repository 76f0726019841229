//! `seed` CLI: validate and load a dataset, or import O*NET and BLS data, into any database URL.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use sea_orm::Database;
use seed::onet::ImportPaths;
use seed::{Dataset, LoadOptions};

/// Load a career dataset (default: the built-in curated dataset) into a database.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Database URL (sqlite://file.db?mode=rwc or postgres://user@host/db).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc",
        global = true
    )]
    database_url: String,
    /// Do not apply pending migrations first.
    #[arg(long, global = true)]
    no_migrate: bool,
    /// Dataset directory (catalog.json + facts/*.json); the built-in dataset when omitted.
    dataset: Option<PathBuf>,
    /// Dry run: validate, then (when the database is reachable) report what a load would
    /// change, table by table, and roll it back. Nothing is written.
    #[arg(long)]
    check: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Import O*NET (the shipped 29.3, or another release), BLS OEWS May 2024 (national) and
    /// May 2025 (by area) (default: the copies shipped in seed/data).
    Import {
        /// Directory of an O*NET release, as downloaded and unzipped: the 29.x layout (Skills,
        /// Technology Skills, …) or the 30.3+ layout (Essential Skills, Transferable Skills,
        /// Software Skills, …); text edition (.txt) or Excel-derived .tsv, each file plain or
        /// .gz. The release is read from its Read Me.txt, else the directory name (db_31_0_text).
        /// A missing file stops the import before anything is written, naming the file.
        #[arg(long)]
        onet: Option<PathBuf>,
        /// BLS national CSV (plain or .gz).
        #[arg(long)]
        bls: Option<PathBuf>,
        /// Skip BLS wages.
        #[arg(long)]
        no_bls: bool,
        /// Directory of BLS OEWS May 2025 by area (areas.csv, footnotes.csv,
        /// wages_by_area_M2025.csv[.gz]); default: the copy shipped in seed/data.
        #[arg(long)]
        bls_areas: Option<PathBuf>,
        /// Skip the BLS by-area wages.
        #[arg(long)]
        no_bls_areas: bool,
    },
    /// Write the whole database as one dataset document (the format `importDataset` takes).
    Export {
        /// Output file; standard output when omitted.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Import a dataset document (from `export` or `exportDataset`) in one transaction.
    ImportDataset {
        /// The JSON document.
        file: PathBuf,
        /// Delete what the document lacks instead of keeping it.
        #[arg(long)]
        replace: bool,
        /// Report what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Bring the database to the shipped state the service starts with: the curated dataset
    /// when it is empty, then the shipped O*NET and BLS data when absent or imported by an
    /// older build (the same policy as the server's start).
    Bootstrap {
        /// Keep to the curated dataset (as IMPORT_ONET_ON_START=false does).
        #[arg(long)]
        no_onet: bool,
    },
    /// Mint an admin API token: prints the token (once) and the ADMIN_TOKENS entry to configure.
    MintToken {
        /// Token id, shown in logs and the audit trail.
        #[arg(long)]
        id: String,
        /// `admin` (read and write) or `read`.
        #[arg(long, default_value = "admin")]
        scope: String,
    },
}

/// A new random token (32 bytes from the OS) and its ADMIN_TOKENS entry.
fn mint_token(id: &str, scope: &str) -> anyhow::Result<(String, String)> {
    use anyhow::Context as _;
    use sha2::Digest;
    anyhow::ensure!(
        scope == "admin" || scope == "read",
        "scope must be admin or read"
    );
    anyhow::ensure!(
        !id.is_empty() && !id.contains([':', ',']),
        "id must be non-empty without ':' or ','"
    );
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).context("cannot read random bytes from the OS")?;
    let token = hex::encode(bytes);
    let hash = hex::encode(sha2::Sha256::digest(token.as_bytes()));
    Ok((token, format!("{id}:{scope}:{hash}")))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Some(Command::MintToken { id, scope }) = &cli.command {
        let (token, entry) = mint_token(id, scope)?;
        println!("token (give it to the administrator; it is not stored): {token}");
        println!("add to ADMIN_TOKENS: {entry}");
        return Ok(());
    }
    if cli.check && cli.command.is_none() {
        return check(&cli).await;
    }
    let db = Database::connect(&cli.database_url).await?;
    if !cli.no_migrate {
        Migrator::up(&db, None).await?;
    }
    let started = Instant::now();
    match cli.command {
        Some(Command::Import {
            onet,
            bls,
            no_bls,
            bls_areas,
            no_bls_areas,
        }) => {
            let shipped = ImportPaths::shipped();
            let paths = ImportPaths {
                onet_dir: onet.unwrap_or(shipped.onet_dir),
                bls_file: if no_bls {
                    None
                } else {
                    bls.or(shipped.bls_file)
                },
            };
            let report = seed::onet::import(&db, &paths, true).await?;
            print!("{report}");
            if !no_bls_areas {
                let paths = bls_areas.map_or_else(seed::onet::AreaPaths::shipped, |dir| {
                    seed::onet::AreaPaths { dir }
                });
                let report = seed::onet::import_areas(&db, &paths, true).await?;
                print!("{report}");
            }
        }
        Some(Command::Export { out }) => {
            let dataset = seed::export(&db).await?;
            let text = serde_json::to_string_pretty(&dataset)?;
            match out {
                Some(path) => std::fs::write(&path, text)?,
                None => println!("{text}"),
            }
            return Ok(());
        }
        Some(Command::ImportDataset {
            file,
            replace,
            dry_run,
        }) => {
            let text = std::fs::read_to_string(&file)?;
            let dataset = Dataset::from_json(&file.display().to_string(), &text)?;
            let mode = if replace {
                seed::ImportMode::Replace
            } else {
                seed::ImportMode::Merge
            };
            let options = seed::ImportOptions {
                mode,
                dry_run,
                actor: "seed",
            };
            print_changes(&seed::import(&db, &dataset, options).await?);
        }
        Some(Command::Bootstrap { no_onet }) => {
            let policy = seed::bootstrap::Policy {
                curated: true,
                shipped_imports: !no_onet,
                actor: "seed",
            };
            let done = seed::bootstrap::bootstrap(&db, policy).await?;
            println!(
                "curated roles loaded: {}, O*NET/BLS records: {}, area wages: {}",
                done.curated_roles, done.onet_records, done.area_wages
            );
        }
        Some(Command::MintToken { .. }) => {}
        None => {
            let dataset = match &cli.dataset {
                Some(dir) => Dataset::from_dir(dir)?,
                None => Dataset::curated()?,
            };
            let report = seed::load(
                &db,
                &dataset,
                LoadOptions {
                    progress: true,
                    actor: Some("seed"),
                },
            )
            .await?;
            print!("{report}");
        }
    }
    println!("done in {:.1?}", started.elapsed());
    Ok(())
}

/// `--check`: validates the dataset, then dry-runs it against the database when it can.
async fn check(cli: &Cli) -> anyhow::Result<()> {
    let dataset = match &cli.dataset {
        Some(dir) => Dataset::from_dir(dir)?,
        None => Dataset::curated()?,
    };
    seed::validate(&dataset)?;
    println!(
        "dataset is valid: {} roles, {} fact files",
        dataset.roles.len(),
        dataset.facts.len()
    );
    let options = seed::ImportOptions {
        mode: seed::ImportMode::Merge,
        dry_run: true,
        actor: "seed",
    };
    let dry_run = async {
        let db = Database::connect(&cli.database_url).await?;
        anyhow::Ok(seed::import(&db, &dataset, options).await?)
    };
    match dry_run.await {
        Ok(report) => {
            println!("a load would change (dry run, nothing written):");
            print_changes(&report);
        }
        Err(e) => println!("no dry run against the database ({e}): validation only"),
    }
    Ok(())
}

/// Prints an import report as a table.
fn print_changes(report: &seed::ImportReport) {
    println!(
        "{:<20} {:>8} {:>8} {:>9} {:>8}",
        "table", "created", "updated", "unchanged", "deleted"
    );
    for t in report.tables.iter().chain([&report.total()]) {
        let name = if t.table.is_empty() { "total" } else { t.table };
        println!(
            "{name:<20} {:>8} {:>8} {:>9} {:>8}",
            t.created, t.updated, t.unchanged, t.deleted
        );
    }
    if report.dry_run {
        println!(
            "dry run: nothing written (data version {})",
            report.data_version
        );
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use sha2::Digest;

    #[test]
    fn minted_tokens_differ_and_the_entry_holds_the_token_hash() {
        let (first, entry) = super::mint_token("ops", "admin").unwrap();
        let (second, _) = super::mint_token("ops", "admin").unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 64, "32 random bytes, hex-encoded");
        let hash = hex::encode(sha2::Sha256::digest(first.as_bytes()));
        assert_eq!(entry, format!("ops:admin:{hash}"));
    }

    #[test]
    fn bad_scopes_and_ids_are_refused() {
        assert!(super::mint_token("ops", "root").is_err());
        assert!(super::mint_token("", "read").is_err());
        assert!(super::mint_token("a:b", "read").is_err());
    }
}
