//! Service configuration from flags and `APP_`-free environment variables (see `.env.example`).

use clap::{Parser, ValueEnum};

/// Log output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for development.
    Pretty,
    /// One JSON object per line, for production log shipping.
    Json,
}

/// Career knowledge service.
#[derive(Clone, Debug, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = 8000)]
    pub port: u16,
    /// Database URL: `sqlite://career.db?mode=rwc` (default, embedded) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc"
    )]
    pub database_url: String,
    /// Maximum pooled database connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10)]
    pub database_max_connections: u32,
    /// Load the built-in curated dataset when the database has no roles.
    #[arg(long, env = "SEED_ON_START", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_on_start: bool,
    /// Also import the shipped O*NET 29.3 and BLS OEWS 2024 data on start when not yet imported.
    #[arg(long, env = "IMPORT_ONET_ON_START", default_value_t = false, action = clap::ArgAction::Set)]
    pub import_onet_on_start: bool,
    /// Admin tokens as `id:scope:sha256hex` entries, comma-separated (scope `admin` or `read`);
    /// mint one with `cargo run -p seed -- mint-token --id NAME`.
    #[arg(long, env = "ADMIN_TOKENS", default_value = "", hide_env_values = true)]
    pub admin_tokens: String,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
}

impl Config {
    /// Configuration for tests and embedding: defaults, a free port, the given database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            database_url: database_url.into(),
            database_max_connections: 5,
            seed_on_start: true,
            import_onet_on_start: false,
            admin_tokens: String::new(),
            log_format: LogFormat::Pretty,
        }
    }
}
