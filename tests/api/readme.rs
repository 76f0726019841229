//! README's GraphQL examples run: every ```graphql block and every inline `{ … }` query of
//! README.md is executed against a server with the shipped data (as `cargo run` serves it), and
//! must answer without errors. A README example that names a field, argument or role that does
//! not exist fails here. (SQLite only: this checks the text, not the database.)

use integration_tests::{Backend, TestApp};
use serde_json::{Value, json};

const README: &str = include_str!("../../README.md");

/// The GraphQL documents README shows: fenced `graphql` blocks, and inline code that is a
/// query (`{ role(slug: …) { … } }`).
fn examples() -> Vec<String> {
    let mut found = Vec::new();
    // Fenced blocks: GraphQL ones are examples; no block's text is prose.
    let mut block: Option<(bool, String)> = None;
    for line in README.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut block, fence) {
            (None, Some(lang)) => block = Some((lang == "graphql", String::new())),
            (Some((graphql, text)), Some(_)) => {
                if *graphql {
                    found.push(std::mem::take(text));
                }
                block = None;
            }
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {
                // Inline code spans of prose that hold a whole query.
                for (i, span) in line.split('`').enumerate() {
                    if i % 2 == 1
                        && span.starts_with("{ ")
                        && span.ends_with(" }")
                        && span.contains('(')
                    {
                        found.push(span.to_owned());
                    }
                }
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_graphql_example_in_the_readme_runs_without_errors() {
    let examples = examples();
    assert!(examples.len() >= 8, "{} examples found", examples.len());
    let app = TestApp::spawn_configured(Backend::Sqlite, |c| {
        c.data.import_onet_on_start = true;
    })
    .await
    .expect("sqlite");
    for example in &examples {
        let answer: Value = app.post(example, json!({})).await;
        assert!(
            answer["errors"].is_null() && answer["data"].is_object(),
            "README example fails:\n{example}\n{answer:#}"
        );
    }
}
