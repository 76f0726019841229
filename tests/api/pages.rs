//! The browser pages: `/explore` and the offline `/graphiql` with every file they load, served
//! from the binary with the right content types, revalidation headers and 304s. (What the
//! pages do in a browser is tested by `tests/browser/run.sh`.)
use integration_tests::{Backend, TestApp};

/// Every file the two pages reference, with the content type it must be served as.
const FILES: &[(&str, &str)] = &[
    ("/explore", "text/html; charset=utf-8"),
    ("/explore/app.js", "text/javascript; charset=utf-8"),
    ("/explore/api.js", "text/javascript; charset=utf-8"),
    ("/explore/dom.js", "text/javascript; charset=utf-8"),
    ("/explore/charts.js", "text/javascript; charset=utf-8"),
    ("/explore/search.js", "text/javascript; charset=utf-8"),
    ("/explore/role.js", "text/javascript; charset=utf-8"),
    ("/explore/plan.js", "text/javascript; charset=utf-8"),
    ("/explore/compare.js", "text/javascript; charset=utf-8"),
    ("/explore/fit.js", "text/javascript; charset=utf-8"),
    ("/explore/style.css", "text/css; charset=utf-8"),
    ("/explore/icon.svg", "image/svg+xml"),
    (
        "/explore/queries/ExploreRole.graphql",
        "application/graphql; charset=utf-8",
    ),
    ("/graphiql", "text/html; charset=utf-8"),
    ("/graphiql/start.js", "text/javascript; charset=utf-8"),
    ("/graphiql/examples.js", "text/javascript; charset=utf-8"),
    ("/graphiql/page.css", "text/css; charset=utf-8"),
    (
        "/graphiql/vendor/react.production.min.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/graphiql/vendor/react-dom.production.min.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/graphiql/vendor/graphiql.min.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/graphiql/vendor/graphiql.min.css",
        "text/css; charset=utf-8",
    ),
    ("/graphiql/vendor/LICENSES.txt", "text/plain; charset=utf-8"),
];

async fn app() -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, false)
        .await
        .expect("sqlite")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_their_files_are_served_with_their_content_types_and_revalidated() {
    let app = app().await;
    for (path, content_type) in FILES {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], *content_type, "{path}");
        assert_eq!(headers["cache-control"], "no-cache", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        let etag = headers["etag"].to_str().unwrap().to_owned();
        assert!(!response.bytes().await.unwrap().is_empty(), "{path}");

        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_load_nothing_from_other_hosts_and_say_so_in_their_policy() {
    let app = app().await;
    for page in ["/explore", "/graphiql"] {
        let response = app
            .client
            .get(format!("{}{page}", app.address))
            .send()
            .await
            .unwrap();
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.starts_with("default-src 'self'"), "{page}: {csp}");
        assert!(!csp.contains("http"), "{page}: {csp}");
        let html = response.text().await.unwrap();
        let foreign: Vec<_> = html
            .split(['"', '\''])
            .filter(|s| s.contains("://"))
            .collect();
        assert!(
            foreign.is_empty(),
            "{page} references other hosts: {foreign:?}"
        );
        // Every file the page names is one of ours.
        for reference in html
            .split("src=\"")
            .chain(html.split("href=\""))
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|s| s.starts_with('/'))
        {
            assert!(
                FILES.iter().any(|(path, _)| path == &reference)
                    || reference.starts_with("/graphiql?")
                    || ["/graphiql", "/explore"].contains(&reference)
                    || reference.starts_with("/explore?"),
                "{page} references {reference}, which is not served"
            );
        }
    }
    let (status, _) = app.get("/explore/missing.js").await;
    assert_eq!(status, 404);
    let head = app
        .client
        .head(format!("{}/explore/app.js", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        head.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let slash = client
        .get(format!("{}/explore/?role=cio", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(slash.status(), 308);
    assert_eq!(slash.headers()["location"], "/explore?role=cio");
    let (_, index) = app.get("/").await;
    assert!(index.contains("href=\"/explore\""), "{index}");
}
