//! The ceiling of the peers benchmark: a bare actix-web server that answers POST /graphql with
//! fixed response bytes, chosen by the exact request body. No parsing, no database.
//!
//! Usage: `replay <port> <bodies> <responses> [<bodies> <responses> ...]`. Each file holds one
//! JSON document per line; line i of a bodies file is answered with line i of the responses file
//! that follows it. Port 0 picks a free port; the address is printed on stdout once listening.

use std::collections::HashMap;
use std::net::TcpListener;

use actix_web::{App, HttpResponse, HttpServer, web};

/// Request body → response body.
type Replies = HashMap<web::Bytes, web::Bytes>;

/// Reads one file as its non-empty lines.
fn lines(path: &str) -> std::io::Result<Vec<web::Bytes>> {
    let text = std::fs::read(path)?;
    Ok(text
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(web::Bytes::copy_from_slice)
        .collect())
}

/// Builds the reply table from (bodies file, responses file) pairs.
fn load(pairs: &[String]) -> Result<Replies, String> {
    if pairs.is_empty() || !pairs.len().is_multiple_of(2) {
        return Err("expected pairs of <bodies> <responses> files".into());
    }
    let mut replies = Replies::new();
    for pair in pairs.chunks(2) {
        let bodies = lines(&pair[0]).map_err(|e| format!("{}: {e}", pair[0]))?;
        let responses = lines(&pair[1]).map_err(|e| format!("{}: {e}", pair[1]))?;
        if bodies.len() != responses.len() {
            return Err(format!(
                "{} has {} lines but {} has {}",
                pair[0],
                bodies.len(),
                pair[1],
                responses.len()
            ));
        }
        replies.extend(bodies.into_iter().zip(responses));
    }
    Ok(replies)
}

/// POST /graphql: the stored response for this exact body, or a GraphQL error (404).
async fn graphql(replies: web::Data<Replies>, body: web::Bytes) -> HttpResponse {
    match replies.get(&body) {
        Some(response) => HttpResponse::Ok()
            .content_type("application/json")
            .body(response.clone()),
        None => HttpResponse::NotFound()
            .content_type("application/json")
            .body(r#"{"errors":[{"message":"replay: no response stored for this body"}]}"#),
    }
}

/// GET /ready: always 200, for the start-up wait.
async fn ready() -> HttpResponse {
    HttpResponse::Ok().body("ready")
}

/// Loads the replies, binds 127.0.0.1:<port> and serves until SIGINT/SIGTERM.
#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: replay <port> <bodies> <responses> [<bodies> <responses> ...]";
    let Some(port) = args.first().and_then(|p| p.parse::<u16>().ok()) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let replies = match load(&args[1..]) {
        Ok(replies) => web::Data::new(replies),
        Err(e) => {
            eprintln!("replay: {e}\n{usage}");
            std::process::exit(2);
        }
    };
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let port = listener.local_addr()?.port();
    let count = replies.len();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(replies.clone())
            .route("/graphql", web::post().to(graphql))
            .route("/ready", web::get().to(ready))
    })
    .listen(listener)?
    .run();
    println!("Replay: http://127.0.0.1:{port}/graphql ({count} bodies)");
    server.await
}
