//! The real binary: SIGTERM drains the server (in-flight requests finish, new connections are
//! refused, clean exit), production logs are JSON lines carrying the request id, and two
//! processes on one database (PostgreSQL or a SQLite file) see each other's writes within a
//! second.
#![allow(clippy::panic, clippy::unwrap_used)] // assertions and set-up in a test
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The binary on `database_url`, port 0, with `envs` (the curated dataset only unless `envs`
/// says otherwise; an empty value unsets a variable); standard output piped.
fn spawn_on(database_url: &str, envs: &[(&str, &str)]) -> std::process::Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_api"));
    command
        .env("DATABASE_URL", database_url)
        .env("PORT", "0")
        .env("IMPORT_ONET_ON_START", "false")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (key, value) in envs {
        // An empty value removes the variable: the binary's default applies.
        if value.is_empty() {
            command.env_remove(key);
        } else {
            command.env(key, value);
        }
    }
    command.spawn().unwrap()
}

/// Starts the binary on a fresh SQLite database in a temporary directory, port 0, with `envs`.
fn start(name: &str, envs: &[(&str, &str)]) -> (std::process::Child, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("career-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/c.db?mode=rwc", dir.display());
    (spawn_on(&url, envs), dir)
}

/// The `host:port` the binary listens on: it prints `GraphiQL: http://HOST:PORT/graphiql`
/// once it listens (first line of its standard output when RUST_LOG=warn).
fn address_of(child: &mut std::process::Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .trim_start_matches("GraphiQL: http://")
        .trim_end_matches("/graphiql")
        .to_owned()
}

#[test]
fn sigterm_lets_in_flight_requests_finish_then_exits() {
    let (mut child, dir) = start(
        "signal",
        &[("RUST_LOG", "warn"), ("SHUTDOWN_TIMEOUT_SECS", "10")],
    );
    let address = address_of(&mut child);

    let body = r#"{"query": "{ dataVersion }"}"#;
    let head = |close: bool| {
        format!(
            "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
            body.len(),
            if close { "close" } else { "keep-alive" }
        )
    };
    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    stream
        .write_all(format!("{}{body}", head(false)).as_bytes())
        .unwrap();
    let mut first = [0u8; 4096];
    let n = stream.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"));
    // A second request, half sent, is in flight when the signal arrives.
    stream.write_all(head(true).as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        TcpStream::connect(&address).is_err(),
        "still accepting after SIGTERM"
    );
    stream.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("dataVersion"), "{answer}");

    let deadline = Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "{exit:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn json_logs_carry_the_request_id_returned_to_the_client() {
    let (mut child, dir) = start("logs", &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")]);
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut logs = Vec::new();
    let address = loop {
        let line = lines_rx.recv_timeout(Duration::from_secs(60)).unwrap();
        if let Some(rest) = line.strip_prefix("GraphiQL: http://") {
            break rest.trim_end_matches("/graphiql").to_owned();
        }
        logs.push(line);
    };
    let mut stream = TcpStream::connect(&address).unwrap();
    let body = r#"{"query": "{ dataVersion }"}"#;
    write!(
        stream,
        "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let id = answer
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .unwrap_or_else(|| panic!("no request id in {answer}"))
        .trim()
        .to_owned();
    // Collect what the request logged, then stop the server.
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && !logs.iter().any(|l| l.contains(&id)) {
        if let Ok(line) = lines_rx.recv_timeout(Duration::from_millis(200)) {
            logs.push(line);
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(!logs.is_empty());
    for line in &logs {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
        assert!(parsed.is_ok(), "not a JSON log line: {line}");
    }
    let request_line = logs
        .iter()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("request id {id} in no log line: {logs:#?}"));
    let parsed: serde_json::Value = serde_json::from_str(request_line).unwrap();
    assert_eq!(parsed["span"]["request_id"], id.as_str(), "{request_line}");
}

#[test]
fn sigterm_exits_within_the_shutdown_timeout_even_if_a_request_hangs() {
    let (mut child, dir) = start(
        "hang",
        &[("RUST_LOG", "warn"), ("SHUTDOWN_TIMEOUT_SECS", "1")],
    );
    let address = address_of(&mut child);
    let mut stream = TcpStream::connect(&address).unwrap();
    let body = r#"{"query": "{ dataVersion }"}"#;
    let first = format!(
        "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(first.as_bytes()).unwrap();
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer).unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
    // A request whose body never completes.
    let hanging = format!(
        "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"query\"",
        body.len()
    );
    stream.write_all(hanging.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let signalled = Instant::now();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(8),
            "still running 8 s after SIGTERM with a 1 s shutdown timeout"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = signalled.elapsed();
    assert!(
        took >= Duration::from_millis(900),
        "did not wait for the request: {took:?}"
    );
    assert!(exit.code().is_some(), "killed by a signal: {exit:?}");
    drop(stream);
    std::fs::remove_dir_all(&dir).ok();
}

/// One running replica: killed (and reaped) when dropped, also when the test panics.
struct Replica {
    name: &'static str,
    child: std::process::Child,
    address: String,
    /// Everything it printed to standard output (logs), for failure messages.
    output: Arc<Mutex<Vec<String>>>,
}

impl Replica {
    /// Starts the binary on `database_url` and waits (up to 120 s: the first replica migrates
    /// and seeds) until it listens. Its output is drained for as long as it runs.
    fn start(name: &'static str, database_url: &str, envs: &[(&str, &str)]) -> Self {
        let mut envs = envs.to_vec();
        envs.push(("RUST_LOG", "warn,api::model=info"));
        let mut child = spawn_on(database_url, &envs);
        let stdout = child.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let (address_tx, address_rx) = std::sync::mpsc::channel::<String>();
        let lines = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("GraphiQL: http://") {
                    let _ = address_tx.send(rest.trim_end_matches("/graphiql").to_owned());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let mut replica = Self {
            name,
            child,
            address: String::new(),
            output,
        };
        match address_rx.recv_timeout(Duration::from_secs(120)) {
            Ok(address) => replica.address = address,
            Err(_) => panic!(
                "replica {name} did not start listening; exit {:?}, output:\n{}",
                replica.child.try_wait(),
                replica.output()
            ),
        }
        replica
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().join("\n")
    }

    /// Runs a GraphQL request that must succeed; returns `data`.
    fn data(&self, token: Option<&str>, query: &str) -> serde_json::Value {
        let body = graphql(&self.address, token, query);
        assert!(
            body.get("errors").is_none(),
            "replica {}: errors for {query}: {body:#}",
            self.name
        );
        body["data"].clone()
    }

    fn data_version(&self) -> i64 {
        self.data(None, "{ dataVersion }")["dataVersion"]
            .as_i64()
            .unwrap()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// POSTs a GraphQL query over plain HTTP/1.1 (one connection per request) with an optional
/// bearer token; returns the JSON body of a 200 answer.
fn graphql(address: &str, token: Option<&str>, query: &str) -> serde_json::Value {
    let body = serde_json::json!({ "query": query }).to_string();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {answer}"));
    assert!(head.starts_with("HTTP/1.1 200"), "{answer}");
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}

/// The payload of a chunked HTTP/1.1 body.
fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}

fn unique_name(what: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "career_test_{what}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000
    )
}

/// A fresh PostgreSQL database on the server at `TEST_DATABASE_URL`, dropped when this is.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PgDatabase {
    /// `None` (after a message) when `TEST_DATABASE_URL` is unset, unless `REQUIRE_POSTGRES`
    /// is set: then it fails (the convention of `tests/support`).
    fn create() -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            assert!(
                std::env::var("REQUIRE_POSTGRES").is_err(),
                "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
            );
            eprintln!("skipping PostgreSQL test: TEST_DATABASE_URL is not set");
            return None;
        };
        let name = unique_name("replicas");
        Self::admin_sql(&admin_url, &format!("CREATE DATABASE \"{name}\""))
            .unwrap_or_else(|e| panic!("create database {name}: {e}"));
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        Some(Self {
            admin_url,
            name,
            url,
        })
    }

    /// Runs one statement on the server's admin database.
    fn admin_sql(admin_url: &str, sql: &str) -> Result<(), sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let admin = sea_orm::Database::connect(admin_url).await?;
            let result = admin.execute_unprepared(sql).await.map(|_| ());
            admin.close().await.ok();
            result
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(e) = Self::admin_sql(&self.admin_url, &sql) {
            eprintln!("could not drop test database {}: {e}", self.name);
        }
    }
}

/// A temporary directory, removed when this is dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ADMIN_TOKEN: &str = "replica-admin-token";

/// Whether `data` (a `careerRoutes` answer) holds the direct route it-engineer → vp-of-it.
fn has_direct_route(data: &serde_json::Value) -> bool {
    data["careerRoutes"]["routes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|route| {
            route["roles"] == serde_json::json!([{ "slug": "it-engineer" }, { "slug": "vp-of-it" }])
        })
}

/// Starts replica A (which migrates and seeds `database_url`), then replica B on the same
/// database; writes a move through A and measures how long until B's routes show it. Asserts
/// under a second (the acceptance criterion) after reporting the measured latency.
fn a_write_through_one_replica_shows_in_the_other(backend: &str, database_url: &str) {
    let admin = hex::encode(api::auth::hash_token(ADMIN_TOKEN));
    let tokens = format!("ops:admin:{admin}");
    let a = Replica::start("A", database_url, &[("ADMIN_TOKENS", &tokens)]);
    let b = Replica::start("B", database_url, &[]);

    let routes = r#"{ careerRoutes(from: "it-engineer", to: "vp-of-it", maxSteps: 1) { dataVersion routes { roles { slug } } } }"#;
    let before = b.data(None, routes);
    assert!(
        !has_direct_route(&before),
        "the seeded data already has the move: {before:#}"
    );
    assert_eq!(a.data_version(), b.data_version());

    let created = a.data(
        Some(ADMIN_TOKEN),
        r#"mutation { createCareerMove(input: { from: "it-engineer", to: "vp-of-it", kind: PROMOTION, likelihood: 0.25 }) { kind } }"#,
    );
    let written = Instant::now();
    assert_eq!(created["createCareerMove"]["kind"], "PROMOTION");
    let version_a = a.data_version();

    // Poll B for up to 10 s so a miss reports the real latency rather than just "too slow".
    let (latency, seen) = loop {
        let data = b.data(None, routes);
        let elapsed = written.elapsed();
        if has_direct_route(&data) {
            break (elapsed, data);
        }
        assert!(
            elapsed < Duration::from_secs(10),
            "{backend}: replica B still lacks the move 10 s after A wrote it: {data:#}\nB's output:\n{}",
            b.output()
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    eprintln!(
        "{backend}: a move written through replica A showed in replica B's routes after {} ms",
        latency.as_millis()
    );
    assert_eq!(seen["careerRoutes"]["dataVersion"], version_a, "{seen:#}");
    assert_eq!(b.data_version(), version_a);
    assert!(
        latency < Duration::from_secs(1),
        "{backend}: replica B showed the move {} ms after A's response (limit 1000 ms)\nB's output:\n{}",
        latency.as_millis(),
        b.output()
    );
}

#[test]
fn two_processes_on_one_postgres_database_see_each_others_writes_within_a_second() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    a_write_through_one_replica_shows_in_the_other("PostgreSQL", &database.url);
}

#[test]
fn two_processes_on_one_sqlite_file_see_each_others_writes_within_a_second() {
    let dir = TempDir(std::env::temp_dir().join(unique_name("replicas")));
    std::fs::create_dir_all(&dir.0).unwrap();
    let url = format!("sqlite://{}/c.db?mode=rwc", dir.0.display());
    a_write_through_one_replica_shows_in_the_other("SQLite", &url);
}

#[test]
fn the_default_first_start_loads_the_full_data_and_later_starts_reuse_it() {
    let (mut child, dir) = start(
        "full-data",
        &[("RUST_LOG", "warn"), ("IMPORT_ONET_ON_START", "")],
    );
    let address = address_of(&mut child);
    let count = r#"{ roles(first: 1) { totalCount } role(slug: "senior-it-manager") { pay { basis medianSalary sources { key } } profiles { source { key } } } }"#;
    let first = graphql(&address, None, count);
    let roles = first["data"]["roles"]["totalCount"].as_i64().unwrap();
    assert!(roles >= 1_000, "{first}");
    // No document states a Senior IT Manager salary: its pay is the occupation benchmark of
    // its code (11-3021) from one source, the newest release (May 2025 national median
    // 175,140); the May 2024 release stays among the profiles.
    let pay = &first["data"]["role"]["pay"];
    assert_eq!(pay["medianSalary"], 175_140, "{pay}");
    assert_eq!(pay["basis"], "OCCUPATION_BENCHMARK", "{pay}");
    assert_eq!(pay["sources"].as_array().unwrap().len(), 1, "{pay}");
    assert_eq!(pay["sources"][0]["key"], "bls-oews-2025", "{pay}");
    let profiles = first["data"]["role"]["profiles"].to_string();
    assert!(profiles.contains("bls-oews-2024"), "{profiles}");
    let version = graphql(&address, None, "{ dataVersion }")["data"]["dataVersion"].clone();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();

    // The second start finds the data and imports nothing.
    let url = format!("sqlite://{}/c.db?mode=rwc", dir.display());
    let mut again = spawn_on(&url, &[("RUST_LOG", "warn"), ("IMPORT_ONET_ON_START", "")]);
    let address = address_of(&mut again);
    let second = graphql(&address, None, count);
    assert_eq!(second["data"]["roles"]["totalCount"], roles);
    assert_eq!(
        graphql(&address, None, "{ dataVersion }")["data"]["dataVersion"],
        version
    );
    again.kill().unwrap();
    again.wait().unwrap();

    // Data an older build imported (sources without `as_of`, no May 2025 national profiles) is
    // refreshed once by the next start: the profiles appear and lead the merged pay.
    PgDatabase::admin_sql(
        &url,
        "DELETE FROM role_profile WHERE source_id = (SELECT id FROM source WHERE key = 'bls-oews-2025')",
    )
    .unwrap();
    PgDatabase::admin_sql(&url, "UPDATE source SET as_of = NULL").unwrap();
    let older = graphql_on(&url, count);
    assert_eq!(
        older["data"]["role"]["pay"]["sources"][0]["key"], "bls-oews-2025",
        "{older}"
    );
    assert_eq!(
        older["data"]["role"]["pay"]["medianSalary"], 175_140,
        "{older}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Starts the binary on `url` with the default data loading, answers `query`, stops it.
fn graphql_on(url: &str, query: &str) -> serde_json::Value {
    let mut child = spawn_on(url, &[("RUST_LOG", "warn"), ("IMPORT_ONET_ON_START", "")]);
    let address = address_of(&mut child);
    let answer = graphql(&address, None, query);
    child.kill().unwrap();
    child.wait().unwrap();
    answer
}
