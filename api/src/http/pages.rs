//! The browser pages the api serves from files compiled into the binary: the career explorer
//! (`/explore`, plain ES modules drawing SVG) and an offline GraphiQL (`/graphiql`, pinned
//! production builds of GraphiQL and React under `api/assets/graphiql/vendor`).
//!
//! Nothing is read from disk or fetched from another host at run time, so the README's run
//! command is all either page needs.

use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

/// One embedded file and how to serve it.
struct Asset {
    /// URL path it is served at.
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($url:literal, $file:literal, $type:expr) => {
        Asset {
            path: $url,
            content_type: $type,
            body: include_bytes!(concat!("../../assets/", $file)),
        }
    };
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const SVG: &str = "image/svg+xml";
const TEXT: &str = "text/plain; charset=utf-8";

static ASSETS: &[Asset] = &[
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
];

/// Strong ETags of the assets (a hash of the bytes), in `ASSETS` order; computed once.
static ETAGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| format!("\"{}\"", hex::encode(&Sha256::digest(a.body)[..12])))
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
    response.content_type(asset.content_type).body(asset.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_path_is_unique_and_under_a_page() {
        let mut paths: Vec<_> = ASSETS.iter().map(|a| a.path).collect();
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
            let text = std::str::from_utf8(a.body).unwrap_or_default();
            for needle in ["src=\"http", "href=\"http", "import \"http", "from \"http"] {
                assert!(!text.contains(needle), "{} contains {needle}", a.path);
            }
        }
    }
}
