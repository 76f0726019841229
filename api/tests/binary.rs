//! The real binary: SIGTERM drains the server (in-flight requests finish, new connections are
//! refused, clean exit), and production logs are JSON lines carrying the request id.
#![allow(clippy::panic, clippy::unwrap_used)] // assertions and set-up in a test
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Starts the binary on a fresh SQLite database in a temporary directory, port 0, with `envs`.
fn start(name: &str, envs: &[(&str, &str)]) -> (std::process::Child, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("career-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_api"));
    command
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/c.db?mode=rwc", dir.display()),
        )
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (key, value) in envs {
        command.env(key, value);
    }
    (command.spawn().unwrap(), dir)
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
