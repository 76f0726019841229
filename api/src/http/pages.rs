//! The browser pages the api serves from files compiled into the binary: the career explorer
//! (`/explore`, plain ES modules drawing SVG) and an offline GraphiQL (`/graphiql`, pinned
//! production builds of GraphiQL and React under `api/assets/graphiql/vendor`).
//!
//! The explorer's GraphQL queries are fixed documents, one named operation per file in
//! `api/assets/explore/queries` (written against the schema, so the page needs no
//! introspection and works with `INTROSPECTION=false`), served at
//! `/explore/queries/<Operation>.graphql` with the fragments of `fragments.graphql` they use
//! appended. The integration tests run every one of them against the server.
//!
//! Nothing is read from disk or fetched from another host at run time, so the README's run
//! command is all either page needs.

use std::borrow::Cow;
use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// One embedded file and how to serve it.
struct Asset {
    /// URL path it is served at.
    path: Cow<'static, str>,
    content_type: &'static str,
    body: Bytes,
}

macro_rules! asset {
    ($url:literal, $file:literal, $type:expr) => {
        Asset {
            path: Cow::Borrowed($url),
            content_type: $type,
            body: Bytes::from_static(include_bytes!(concat!("../../assets/", $file))),
        }
    };
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const SVG: &str = "image/svg+xml";
const TEXT: &str = "text/plain; charset=utf-8";
/// A GraphQL document (`application/graphql` is the type GraphQL tools have long used for
/// one; the explorer reads it as text).
const GRAPHQL: &str = "application/graphql; charset=utf-8";

/// The fragments the explorer's documents share.
const FRAGMENTS: &str = include_str!("../../assets/explore/queries/fragments.graphql");

macro_rules! operation {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../assets/explore/queries/", $name, ".graphql")),
        )
    };
}

/// The explorer's operations: name and the text of `queries/<name>.graphql`.
pub const EXPLORE_OPERATIONS: &[(&str, &str)] = &[
    operation!("ExploreRole"),
    operation!("ExploreAreaWage"),
    operation!("ExploreAreas"),
    operation!("ExploreSkill"),
    operation!("ExploreCert"),
    operation!("ExploreSearch"),
    operation!("ExploreTitle"),
    operation!("ExploreRoutes"),
    operation!("ExploreCompare"),
    operation!("ExploreFit"),
];

/// The URL path an explorer operation is served at.
pub fn explore_document_path(name: &str) -> String {
    format!("/explore/queries/{name}.graphql")
}

/// The names of the fragments `text` spreads (`...Name`; inline fragments `... on T` aside).
fn spreads(text: &str) -> impl Iterator<Item = &str> {
    text.split("...").skip(1).filter_map(|rest| {
        let name = rest.trim_start();
        let end = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        Some(&name[..end]).filter(|n| !n.is_empty() && *n != "on")
    })
}

/// The fragment definitions of `fragments.graphql` by name (each starts a line with
/// `fragment`; the comment lines before the first one are left out).
fn fragment_definitions() -> Vec<(&'static str, &'static str)> {
    let mut starts: Vec<usize> = FRAGMENTS
        .match_indices("fragment ")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || FRAGMENTS.as_bytes()[i - 1] == b'\n')
        .collect();
    starts.push(FRAGMENTS.len());
    starts
        .windows(2)
        .map(|w| {
            let text = FRAGMENTS[w[0]..w[1]].trim_end();
            let name = text["fragment ".len()..]
                .split_whitespace()
                .next()
                .unwrap_or_default();
            (name, text)
        })
        .collect()
}

/// An operation with the fragments it uses, directly or through other fragments, appended in
/// the order of `fragments.graphql`: the document the explorer sends. A spread of a fragment
/// that does not exist is left for the server's validation to name.
pub fn explore_document(operation: &str) -> String {
    let definitions = fragment_definitions();
    let mut used: Vec<&str> = spreads(operation).collect();
    let mut i = 0;
    while i < used.len() {
        if let Some((_, text)) = definitions.iter().find(|(name, _)| *name == used[i]) {
            for name in spreads(text) {
                if !used.contains(&name) {
                    used.push(name);
                }
            }
        }
        i += 1;
    }
    let mut document = operation.trim_end().to_owned();
    for (name, text) in &definitions {
        if used.contains(name) {
            document.push_str("\n\n");
            document.push_str(text);
        }
    }
    document.push('\n');
    document
}

/// Every file the pages serve: the embedded files, then the explorer's documents.
static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    let mut assets = files();
    assets.extend(EXPLORE_OPERATIONS.iter().map(|(name, text)| Asset {
        path: Cow::Owned(explore_document_path(name)),
        content_type: GRAPHQL,
        body: Bytes::from(explore_document(text)),
    }));
    assets
});

fn files() -> Vec<Asset> {
    vec![
        asset!("/explore", "explore/index.html", HTML),
        asset!("/explore/app.js", "explore/app.js", JS),
        asset!("/explore/api.js", "explore/api.js", JS),
        asset!("/explore/dom.js", "explore/dom.js", JS),
        asset!("/explore/charts.js", "explore/charts.js", JS),
        asset!("/explore/search.js", "explore/search.js", JS),
        asset!("/explore/role.js", "explore/role.js", JS),
        asset!("/explore/plan.js", "explore/plan.js", JS),
        asset!("/explore/compare.js", "explore/compare.js", JS),
        asset!("/explore/fit.js", "explore/fit.js", JS),
        asset!("/explore/style.css", "explore/style.css", CSS),
        asset!("/explore/icon.svg", "explore/icon.svg", SVG),
        asset!("/graphiql", "graphiql/index.html", HTML),
        asset!("/graphiql/start.js", "graphiql/start.js", JS),
        asset!("/graphiql/examples.js", "graphiql/examples.js", JS),
        asset!("/graphiql/page.css", "graphiql/page.css", CSS),
        asset!(
            "/graphiql/vendor/react.production.min.js",
            "graphiql/vendor/react.production.min.js",
            JS
        ),
        asset!(
            "/graphiql/vendor/react-dom.production.min.js",
            "graphiql/vendor/react-dom.production.min.js",
            JS
        ),
        asset!(
            "/graphiql/vendor/graphiql.min.js",
            "graphiql/vendor/graphiql.min.js",
            JS
        ),
        asset!(
            "/graphiql/vendor/graphiql.min.css",
            "graphiql/vendor/graphiql.min.css",
            CSS
        ),
        asset!(
            "/graphiql/vendor/LICENSES.txt",
            "graphiql/vendor/LICENSES.txt",
            TEXT
        ),
        asset!(
            "/graphiql/vendor/VERSIONS.txt",
            "graphiql/vendor/VERSIONS.txt",
            TEXT
        ),
    ]
}

/// Strong ETags of the assets (a hash of the bytes), in `ASSETS` order; computed once.
static ETAGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| format!("\"{}\"", hex::encode(&Sha256::digest(&a.body)[..12])))
        .collect()
});

/// The explorer only talks to this server; styles and scripts are files of its own.
const EXPLORE_CSP: &str = "default-src 'self'; img-src 'self' data:; connect-src 'self'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// GraphiQL sets inline styles and embeds its fonts as data: URLs.
const GRAPHIQL_CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Registers `/explore`, `/graphiql` and their files (GET and HEAD); `/explore/` and
/// `/graphiql/` redirect to the pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for page in ["/explore", "/graphiql"] {
        cfg.route(page, web::get().to(serve))
            .route(page, web::head().to(serve))
            .route(&format!("{page}/"), web::get().to(to_page))
            .route(&format!("{page}/{{file:.+}}"), web::get().to(serve))
            .route(&format!("{page}/{{file:.+}}"), web::head().to(serve));
    }
}

/// `/explore/` → `/explore` (the pages' links are absolute, so either would work; one URL
/// per view keeps shared links the same).
async fn to_page(req: HttpRequest) -> HttpResponse {
    let page = req.path().trim_end_matches('/');
    let target = match req.query_string() {
        "" => page.to_owned(),
        query => format!("{page}?{query}"),
    };
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, target))
        .finish()
}

/// Serves one embedded file. Every file is revalidated (`no-cache` + ETag → 304): the files
/// have fixed names, so a longer cache would mix old and new files after an upgrade, and a
/// revalidation costs one round trip.
async fn serve(req: HttpRequest) -> HttpResponse {
    let Some(index) = ASSETS.iter().position(|a| a.path == req.path()) else {
        return HttpResponse::NotFound()
            .content_type(TEXT)
            .body("no such file");
    };
    let asset = &ASSETS[index];
    let etag = &ETAGS[index];
    let csp = if asset.path.starts_with("/graphiql") {
        GRAPHIQL_CSP
    } else {
        EXPLORE_CSP
    };
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag.as_str()))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if asset.content_type == HTML {
        response
            .insert_header((header::CONTENT_SECURITY_POLICY, csp))
            .insert_header((
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ));
    }
    if matches {
        return response.finish();
    }
    response
        .content_type(asset.content_type)
        .body(asset.body.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_path_is_unique_and_under_a_page() {
        let mut paths: Vec<_> = ASSETS.iter().map(|a| &a.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), ASSETS.len());
        assert!(
            paths
                .iter()
                .all(|p| p.starts_with("/explore") || p.starts_with("/graphiql"))
        );
    }

    /// The pages must not reach for another host: no absolute URL in a script or style
    /// reference of our own files.
    #[test]
    fn own_files_reference_no_other_host() {
        for a in ASSETS.iter().filter(|a| !a.path.contains("/vendor/")) {
            let text = std::str::from_utf8(&a.body).unwrap_or_default();
            for needle in ["src=\"http", "href=\"http", "import \"http", "from \"http"] {
                assert!(!text.contains(needle), "{} contains {needle}", a.path);
            }
        }
    }

    /// Each explorer document is one operation named as its file, parses with the fragments
    /// appended, and carries exactly the fragments it uses (a GraphQL server rejects unused
    /// ones); every shared fragment is used somewhere.
    #[test]
    fn explore_documents_are_one_named_operation_with_the_fragments_they_use() {
        use async_graphql::parser::{parse_query, types::DocumentOperations};

        // A document needs an operation to parse; the fragments come after one.
        let shared = parse_query(format!("{{ __typename }}\n{FRAGMENTS}"))
            .expect("fragments.graphql parses");
        let names: Vec<_> = fragment_definitions().iter().map(|(n, _)| *n).collect();
        let mut declared: Vec<_> = shared.fragments.keys().map(|n| n.as_str()).collect();
        declared.sort_unstable();
        let mut split = names.clone();
        split.sort_unstable();
        assert_eq!(
            split, declared,
            "every fragment starts a line with `fragment`"
        );

        let mut used = std::collections::BTreeSet::new();
        for (name, text) in EXPLORE_OPERATIONS {
            let served = explore_document(text);
            let document = parse_query(&served)
                .map_err(|e| format!("{name}: {e}"))
                .expect("the document parses");
            // An anonymous operation has no name to list.
            let op_names: Vec<_> = match &document.operations {
                DocumentOperations::Multiple(operations) => {
                    operations.keys().map(|n| n.as_str()).collect()
                }
                DocumentOperations::Single(_) => Vec::new(),
            };
            assert_eq!(
                op_names,
                [*name],
                "{name}.graphql holds one operation named {name}"
            );
            let mut spread: Vec<&str> = spreads(&served).collect();
            spread.sort_unstable();
            spread.dedup();
            let mut defined: Vec<_> = document.fragments.keys().map(|n| n.as_str()).collect();
            defined.sort_unstable();
            assert_eq!(
                defined, spread,
                "{name}: fragments appended = fragments spread"
            );
            used.extend(spread.into_iter().map(str::to_owned));
        }
        let unused: Vec<_> = names.iter().filter(|n| !used.contains(**n)).collect();
        assert!(unused.is_empty(), "fragments no document uses: {unused:?}");
    }

    #[test]
    fn spreads_are_found_and_inline_fragments_are_not() {
        let text = "{ a { ...One } b { ... on T { x } } c { ...Two_2 } d { ... Three } }";
        assert_eq!(spreads(text).collect::<Vec<_>>(), ["One", "Two_2", "Three"]);
    }
}
