//! The pay rule over the whole shipped data (curated documents, O*NET 29.3, BLS May 2024):
//! one source per pay record, the occupation benchmark beside it, like-for-like differences.
use integration_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    every_pay_record_has_one_source_and_differences_are_like_for_like,
    the_documents_comparisons_give_the_documents_differences,
);

const PAY: &str = "basis averageSalary medianSalary headlineSalary hourlyRate note
    salaryRange { low high } percentiles { p10 p25 p50 p75 p90 } sources { key asOf }";

/// Every role with its pay record, its benchmark and its per-source profiles.
async fn all_roles(app: &TestApp) -> Vec<Value> {
    let query = format!(
        r#"query($after: String) {{ roles(first: 100, after: $after) {{
            pageInfo {{ hasNextPage endCursor }}
            nodes {{ slug onetCode pay {{ {PAY} }} payBenchmark {{ {PAY} }}
                     profiles {{ source {{ key asOf }} pay {{ {PAY} }} }}
                     nextMoves {{ to {{ slug }} salaryChange {{ basis from to amount percent }} }} }} }} }}"#
    );
    let (mut out, mut after) = (Vec::new(), Value::Null);
    loop {
        let data = app.data(&query, json!({ "after": after })).await;
        let page = &data["roles"];
        out.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if page["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

async fn with_shipped_data(app: &TestApp) {
    let db = app.database.connect().await;
    seed::onet::import(&db, &seed::onet::ImportPaths::shipped(), false)
        .await
        .unwrap();
    app.settle().await;
}

async fn every_pay_record_has_one_source_and_differences_are_like_for_like(app: TestApp) {
    with_shipped_data(&app).await;
    let roles = all_roles(&app).await;
    assert!(roles.len() >= 1_000, "{}", roles.len());
    let by_slug: std::collections::HashMap<&str, &Value> = roles
        .iter()
        .map(|r| (r["slug"].as_str().unwrap(), r))
        .collect();
    let (mut own, mut benchmark_only, mut moves_checked) = (0, 0, 0);
    for role in &roles {
        let pay = &role["pay"];
        let sources = pay["sources"].as_array().unwrap();
        if pay["headlineSalary"].is_null() {
            continue;
        }
        // One source, and every figure of the record is that source's own.
        assert_eq!(sources.len(), 1, "{role}");
        let profile = role["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["source"] == sources[0])
            .unwrap_or_else(|| panic!("no profile of the pay source: {role}"));
        assert_eq!(&profile["pay"], pay, "{}", role["slug"]);
        // A document (no as-of month) before the occupation benchmark.
        let documented = role["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["source"]["asOf"].is_null() && !p["pay"]["headlineSalary"].is_null());
        if documented {
            assert_eq!(pay["basis"], "ROLE", "{role}");
            own += 1;
        } else {
            assert_eq!(pay["basis"], "OCCUPATION_BENCHMARK", "{role}");
            assert_eq!(&role["payBenchmark"], pay, "{role}");
            benchmark_only += 1;
        }
        assert_ne!(role["payBenchmark"]["basis"], "ROLE", "{role}");
        // No mean outside [p10, p90] unless the record's note explains its figures.
        let (mean, p10, p90) = (
            pay["averageSalary"].as_f64(),
            pay["percentiles"]["p10"].as_f64(),
            pay["percentiles"]["p90"].as_f64(),
        );
        if let (Some(mean), Some(p10), Some(p90)) = (mean, p10, p90)
            && !(p10..=p90).contains(&mean)
        {
            assert!(pay["note"].is_string(), "{role}");
        }
        // Moves: like for like. Two roles with their own pay compare it; a role of the same
        // occupation as the other never compares the shared benchmark.
        for m in role["nextMoves"].as_array().unwrap() {
            let other = by_slug[m["to"]["slug"].as_str().unwrap()];
            let change = &m["salaryChange"];
            if other["pay"]["headlineSalary"].is_null() {
                assert!(change.is_null(), "{m}");
                continue;
            }
            moves_checked += 1;
            let soc = |r: &Value| r["onetCode"].as_str().map(|c| c[..7].to_owned());
            match (pay["basis"].as_str(), other["pay"]["basis"].as_str()) {
                (Some("ROLE"), Some("ROLE")) => {
                    assert_eq!(change["basis"], "ROLE_PAY", "{m}");
                    assert_eq!(change["from"], pay["headlineSalary"], "{m}");
                    assert_eq!(change["to"], other["pay"]["headlineSalary"], "{m}");
                }
                _ if soc(role).is_some() && soc(role) == soc(other) => {
                    assert_eq!(change["basis"], "NOT_COMPARABLE", "{m}");
                    assert!(change["amount"].is_null(), "{m}");
                }
                (Some("OCCUPATION_BENCHMARK"), Some("OCCUPATION_BENCHMARK")) => {
                    assert_eq!(change["basis"], "OCCUPATION_BENCHMARK", "{m}");
                    assert_eq!(change["from"], pay["headlineSalary"], "{m}");
                }
                _ => {
                    // One role's own pay against the other's benchmark: not like for like,
                    // unless both benchmarks (of different occupations) can be compared.
                    assert_ne!(change["basis"], "ROLE_PAY", "{m}");
                }
            }
        }
    }
    assert!(own >= 10 && benchmark_only >= 800, "{own} {benchmark_only}");
    assert!(moves_checked >= 50, "{moves_checked}");
}

async fn the_documents_comparisons_give_the_documents_differences(app: TestApp) {
    with_shipped_data(&app).await;
    let compare = r#"query($a: String!, $b: String!) { compareRoles(a: $a, b: $b) {
        headlineSalary { a b difference percent } salaryChange { basis from to amount percent } } }"#;
    // Document 000: Senior Manager Infrastructure $135,642 against IT Manager $119,589, both
    // mapped to 11-3021 with its BLS benchmark beside them.
    let data = app
        .data(
            compare,
            json!({ "a": "information-technology-manager", "b": "senior-manager-infrastructure" }),
        )
        .await;
    assert_eq!(
        data["compareRoles"]["salaryChange"],
        json!({ "basis": "ROLE_PAY", "from": 119589, "to": 135642, "amount": 16053, "percent": 13.4 })
    );
    assert_eq!(
        data["compareRoles"]["headlineSalary"]["difference"],
        16053.0
    );
    // Document 002: an IT systems manager earns 17.7 % more than an IT technical lead.
    let data = app
        .data(
            compare,
            json!({ "a": "information-technology-technical-lead", "b": "information-technology-systems-manager" }),
        )
        .await;
    let change = &data["compareRoles"]["salaryChange"];
    assert_eq!(change["basis"], "ROLE_PAY", "{change}");
    assert_eq!(change["percent"], 17.7, "{change}");
    // IT Manager → Senior IT Manager: no document gives the senior role's pay, and the two
    // share one occupation (11-3021): not comparable, never "+$0".
    let route = app
        .data(
            r#"{ careerRoutes(from: "information-technology-manager", to: "senior-it-manager", first: 1) {
                routes { steps { salaryChange { basis amount } salaryBasis } } } }"#,
            json!({}),
        )
        .await;
    let step = &route["careerRoutes"]["routes"][0]["steps"][0];
    assert_eq!(
        step["salaryChange"],
        json!({ "basis": "NOT_COMPARABLE", "amount": null })
    );
    assert_eq!(step["salaryBasis"], "NOT_COMPARABLE");
}
