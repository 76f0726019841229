//! Role queries: document facts round-trip exactly, with their sources.
use integration_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    senior_manager_infrastructure_facts_round_trip,
    technical_lead_top_skills_and_shares_round_trip,
    senior_it_manager_has_duties_certifications_and_moves,
    infrastructure_manager_has_percentiles_and_regional_wages,
    related_roles_carry_their_salary_ranges,
    unknown_slugs_are_not_found,
    moves_report_salary_change,
    compared_roles_are_listed_once,
    facts_several_sources_state_are_one_item_with_each_statement,
    values_we_set_cite_the_editorial_source,
);

const ROLE: &str = r#"query($slug: String!) { role(slug: $slug) {
  slug title track seniority onetCode
  pay { averageSalary hourlyRate medianSalary headlineSalary salaryRange { low high }
        percentiles { p10 p50 p90 } highestPayingCity highestPayingState
        bestPayingCompany bestPayingIndustry sources { key } }
  outlook { growthRatePct jobs jobSatisfaction growthOutlook aiImpact }
  experience { years { min max } managementYears { min max } yearsToBecome { min max }
               budget { min max } directReports { min max } licenses }
  education { degree degreeSharePct major college
              requirements { level requirement fields source { key } } }
  demographics { averageAge lgbtSharePct gender { group sharePct } race { group sharePct } }
  skills { skill { slug name } sharePct rank source { key } }
  certifications { certification { slug acronym } relevance source { key } }
  duties { position title description source { key } }
  nextMoves { to { slug } kind likelihood derived source { key } }
  previousMoves { from { slug } kind }
  relatedRoles { slug pay { salaryRange { low high } } }
  comparedWith { slug }
  regionalWages { region rank medianSalary }
  attributes { kind name detail }
  profiles { source { key } pay { averageSalary } }
  sources { key kind }
} }"#;

async fn role(app: &TestApp, slug: &str) -> Value {
    app.data(ROLE, json!({ "slug": slug })).await["role"].clone()
}

fn slugs(list: &Value, path: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.pointer(path).and_then(Value::as_str).unwrap().to_owned())
        .collect()
}

async fn senior_manager_infrastructure_facts_round_trip(app: TestApp) {
    let r = role(&app, "senior-manager-infrastructure").await;
    assert_eq!(r["pay"]["averageSalary"], 135642);
    assert_eq!(r["pay"]["hourlyRate"], 65.21);
    assert_eq!(
        r["pay"]["salaryRange"],
        json!({ "low": 98000, "high": 186000 })
    );
    assert_eq!(r["pay"]["highestPayingCity"], "San Francisco, CA");
    assert_eq!(r["pay"]["highestPayingState"], "California");
    assert_eq!(r["pay"]["bestPayingCompany"], "NVIDIA");
    assert_eq!(r["pay"]["bestPayingIndustry"], "Hospitality");
    assert_eq!(
        r["pay"]["sources"],
        json!([{ "key": "000_b80cc34c2de5a287.txt" }])
    );
    assert_eq!(r["outlook"]["growthRatePct"], 16.0);
    assert_eq!(r["outlook"]["jobs"], 71131);
    assert_eq!(r["outlook"]["jobSatisfaction"], Value::Null);
    assert_eq!(r["experience"]["years"], json!({ "min": 8.0, "max": 8.0 }));
    assert_eq!(
        r["experience"]["yearsToBecome"],
        json!({ "min": 6.0, "max": 8.0 })
    );
    assert_eq!(r["education"]["degree"], "Bachelor's Degree");
    assert_eq!(r["education"]["degreeSharePct"], 69.0);
    assert_eq!(r["education"]["major"], "Computer Science");
    assert_eq!(r["education"]["college"], "Carnegie Mellon University");
    assert_eq!(r["demographics"]["averageAge"], 47.0);
    assert_eq!(r["demographics"]["lgbtSharePct"], 11.0);
    assert_eq!(
        r["demographics"]["gender"],
        json!([{ "group": "Male", "sharePct": 92.2 }, { "group": "Female", "sharePct": 7.8 }])
    );
    let race = r["demographics"]["race"].as_array().unwrap();
    assert_eq!(race.len(), 6);
    assert_eq!(race[0], json!({ "group": "White", "sharePct": 65.6 }));
    assert_eq!(
        race[5],
        json!({ "group": "American Indian and Alaska Native", "sharePct": 0.2 })
    );
    assert_eq!(
        slugs(&r["skills"], "/skill/slug"),
        ["cloud", "architecture", "azure"]
    );
    assert_eq!(
        slugs(&r["comparedWith"], "/slug"),
        ["information-technology-manager"]
    );
    assert_eq!(r["onetCode"], "11-3021.00");
    assert_eq!(r["duties"].as_array().unwrap().len(), 6);

    let itm = role(&app, "information-technology-manager").await;
    assert_eq!(itm["pay"]["averageSalary"], 119589);
    assert_eq!(itm["pay"]["hourlyRate"], 57.49);
    assert_eq!(itm["outlook"]["jobSatisfaction"], 5.0);
    assert_eq!(itm["outlook"]["jobs"], 108179);
    assert_eq!(itm["pay"]["bestPayingIndustry"], Value::Null);
}

async fn technical_lead_top_skills_and_shares_round_trip(app: TestApp) {
    let r = role(&app, "information-technology-technical-lead").await;
    let top: Vec<(String, f64)> = r["skills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["sharePct"].is_null())
        .map(|s| {
            (
                s["skill"]["name"].as_str().unwrap().to_owned(),
                s["sharePct"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("Project Management", 8.0),
        ("Architecture", 7.0),
        ("IT Governance", 6.0),
        ("Java", 6.0),
        ("Customer Service", 5.0),
        ("NIST Frameworks", 3.0),
    ];
    let expected: Vec<(String, f64)> = expected.iter().map(|(n, s)| (n.to_string(), *s)).collect();
    assert_eq!(top, expected);
    assert!(
        r["skills"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["source"]["key"] == "002_0e9ecb0f078a81e9.txt")
    );
    assert_eq!(r["pay"]["averageSalary"], 110879);
    assert_eq!(
        r["experience"]["yearsToBecome"],
        json!({ "min": 4.0, "max": 6.0 })
    );
    assert_eq!(r["demographics"]["averageAge"], 44.0);
    assert_eq!(r["education"]["college"], "Stanford University");
    assert_eq!(r["pay"]["bestPayingCompany"], "McKinsey & Company Inc");
}

async fn senior_it_manager_has_duties_certifications_and_moves(app: TestApp) {
    let r = role(&app, "senior-it-manager").await;
    let duties = r["duties"].as_array().unwrap();
    let from = |key: &str| duties.iter().filter(|d| d["source"]["key"] == key).count();
    assert_eq!(from("003_1223a2aff6a9897a.txt"), 10);
    assert_eq!(from("004_4371e873dab14af6.txt"), 5);
    let readiness: Vec<_> = r["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["relevance"] == "READINESS")
        .map(|c| c["certification"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(readiness.len(), 10);
    assert!(readiness.contains(&"pgmp") && readiness.contains(&"safe-program-consultant"));
    let next = slugs(&r["nextMoves"], "/to/slug");
    for target in [
        "vp-of-it",
        "chief-information-officer",
        "chief-technology-officer",
        "it-consultant",
        "technology-entrepreneur",
        "it-director",
    ] {
        assert!(
            next.contains(&target.to_owned()),
            "{target} missing from {next:?}"
        );
    }
    let previous = slugs(&r["previousMoves"], "/from/slug");
    assert!(previous.contains(&"information-technology-manager".to_owned()));
    // The document's "team lead" step names no role of ours, so no move is invented.
    assert!(!previous.contains(&"information-technology-technical-lead".to_owned()));
    assert_eq!(
        r["experience"]["years"],
        json!({ "min": 12.0, "max": 15.0 })
    );
    assert_eq!(
        r["experience"]["managementYears"],
        json!({ "min": 5.0, "max": 7.0 })
    );
    assert_eq!(
        r["experience"]["budget"],
        json!({ "min": 2000000, "max": 20000000 })
    );
    assert_eq!(
        r["experience"]["directReports"],
        json!({ "min": 4, "max": 10 })
    );
    assert!(
        r["experience"]["licenses"]
            .as_str()
            .unwrap()
            .contains("No specific licence")
    );
    let employer_types: Vec<_> = r["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "EMPLOYER_TYPE")
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        employer_types,
        [
            "Healthcare",
            "Financial Services",
            "Manufacturing",
            "Government",
            "Enterprise IT"
        ]
    );
    let workplace: Vec<_> = r["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "WORK_ENVIRONMENT")
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(workplace.len(), 6);
    assert!(workplace.contains(&"Smart casual dress code"));
    let mut keys = slugs(&r["sources"], "/key");
    keys.sort();
    assert_eq!(
        keys,
        [
            "003_1223a2aff6a9897a.txt",
            "004_4371e873dab14af6.txt",
            "editorial"
        ]
    );
    // Inferred moves say so, and cite our editorial source rather than a document.
    let director = r["nextMoves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"]["slug"] == "it-director")
        .unwrap();
    assert_eq!(director["derived"], true);
    assert_eq!(director["source"]["key"], "editorial");
}

async fn infrastructure_manager_has_percentiles_and_regional_wages(app: TestApp) {
    let r = role(&app, "it-infrastructure-manager").await;
    assert_eq!(r["pay"]["medianSalary"], 131600);
    assert_eq!(
        r["pay"]["percentiles"],
        json!({ "p10": 80160, "p50": 131600, "p90": 166160 })
    );
    assert_eq!(
        r["regionalWages"],
        json!([
            { "region": "California", "rank": 1, "medianSalary": 153800 },
            { "region": "New York", "rank": 2, "medianSalary": 152300 },
            { "region": "Virginia", "rank": 3, "medianSalary": 151900 },
        ])
    );
    let certs = slugs(&r["certifications"], "/certification/slug");
    assert_eq!(
        certs,
        ["ccie", "mcse-solutions-expert", "mcse-systems-engineer"]
    );
    let reqs = r["education"]["requirements"].as_array().unwrap();
    assert_eq!(reqs[0]["level"], "bachelor");
    assert_eq!(reqs[0]["requirement"], "REQUIRED");
    assert_eq!(reqs[1]["requirement"], "PREFERRED");
    assert_eq!(r["experience"]["years"]["min"], 10.0);
    assert_eq!(r["experience"]["managementYears"]["min"], 5.0);
    let resources = r["attributes"].as_array().unwrap();
    assert_eq!(resources.len(), 6);
    assert!(resources.iter().all(|a| a["kind"] == "RESOURCE"));
}

async fn related_roles_carry_their_salary_ranges(app: TestApp) {
    let r = role(&app, "senior-it-manager").await;
    let related = r["relatedRoles"].as_array().unwrap();
    assert_eq!(related.len(), 6);
    let auditor = related
        .iter()
        .find(|x| x["slug"] == "senior-it-auditor")
        .unwrap();
    assert_eq!(
        auditor["pay"]["salaryRange"],
        json!({ "low": 95000, "high": 145000 })
    );
    let assistant = related
        .iter()
        .find(|x| x["slug"] == "senior-it-manager-assistant")
        .unwrap();
    assert_eq!(
        assistant["pay"]["salaryRange"],
        json!({ "low": 55000, "high": 88000 })
    );
    // Relatedness is symmetric from the other side.
    let back = role(&app, "it-compliance-manager").await;
    assert_eq!(slugs(&back["relatedRoles"], "/slug"), ["senior-it-manager"]);
}

async fn unknown_slugs_are_not_found(app: TestApp) {
    for (field, arg) in [
        ("role", "slug"),
        ("skill", "slug"),
        ("certification", "slug"),
        ("source", "key"),
    ] {
        let query = format!("{{ {field}({arg}: \"no-such-thing\") {{ __typename }} }}");
        let body = app.post(&query, json!({})).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "NOT_FOUND",
            "{field}: {body}"
        );
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("no-such-thing")
        );
        assert_eq!(body["data"][field], Value::Null);
    }
}

async fn moves_report_salary_change(app: TestApp) {
    // The documents give no move between two roles that both have a salary figure, so add
    // one: a dataset of two roles with salaries and a promotion between them.
    let dataset = seed::Dataset::from_json(
        "extra.json",
        r#"{ "sources": [{ "key": "extra", "title": "Test data", "kind": "derived" }],
             "roles": [{ "slug": "junior", "title": "Junior", "track": "t" },
                       { "slug": "senior", "title": "Senior", "track": "t" }],
             "facts": [{ "source": "extra",
                         "profiles": [{ "role": "junior", "salary_mean": 80000 },
                                      { "role": "senior", "salary_low": 90000, "salary_high": 110000 }],
                         "moves": [{ "from": "junior", "to": "senior", "kind": "promotion" }] }] }"#,
    )
    .unwrap();
    app.load_beside(&dataset).await;
    let data = app
        .data(
            r#"{ role(slug: "junior") { nextMoves { to { slug } salaryChange { from to amount percent } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["role"]["nextMoves"][0]["salaryChange"],
        json!({ "from": 80000, "to": 100000, "amount": 20000, "percent": 25.0 })
    );
    // Senior IT Manager has no salary figure in the documents: no change is invented.
    let data = app
        .data(
            r#"{ role(slug: "information-technology-manager") { nextMoves { to { slug } salaryChange { amount } } } }"#,
            json!({}),
        )
        .await;
    let to_sitm = data["role"]["nextMoves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"]["slug"] == "senior-it-manager")
        .unwrap()
        .clone();
    assert_eq!(to_sitm["salaryChange"], Value::Null);
}

async fn compared_roles_are_listed_once(app: TestApp) {
    // Two sources compare `one` with `two`, with `three` in between: `two` must still be
    // listed once (a comparison seen from either side counts).
    let dataset = seed::Dataset::from_json(
        "compared.json",
        r#"{ "sources": [{ "key": "cmp-1", "title": "Comparisons 1", "kind": "derived" },
                         { "key": "cmp-2", "title": "Comparisons 2", "kind": "derived" }],
             "roles": [{ "slug": "one", "title": "One", "track": "t" },
                       { "slug": "two", "title": "Two", "track": "t" },
                       { "slug": "three", "title": "Three", "track": "t" }],
             "facts": [{ "source": "cmp-1", "comparisons": [{ "a": "one", "b": "two" }, { "a": "one", "b": "three" }] },
                       { "source": "cmp-2", "comparisons": [{ "a": "two", "b": "one" }] }] }"#,
    )
    .unwrap();
    app.load_beside(&dataset).await;
    let data = app
        .data(
            r#"{ role(slug: "one") { comparedWith { slug } } compareRoles(a: "one", b: "two") { documentedBy { key } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["role"]["comparedWith"],
        json!([{ "slug": "two" }, { "slug": "three" }])
    );
    assert_eq!(
        data["compareRoles"]["documentedBy"],
        json!([{ "key": "cmp-1" }, { "key": "cmp-2" }])
    );
}

/// PMP is named three times for the Senior IT Manager (common and readiness in document 003,
/// preferred in 004): one item with the three statements. No role lists a certification, degree level or skill
/// twice in the grouped fields, and every per-source record is in exactly one item.
async fn facts_several_sources_state_are_one_item_with_each_statement(app: TestApp) {
    let data = app
        .data(
            r#"{ role(slug: "senior-it-manager") {
                certificationItems { certification { slug } relevance statements { relevance source { key } } }
                certifications { certification { slug } }
                education { degrees { level requirement statements { requirement source { key } } }
                            requirements { level } } } }"#,
            json!({}),
        )
        .await;
    let role = &data["role"];
    let pmp: Vec<&Value> = role["certificationItems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["certification"]["slug"] == "pmp")
        .collect();
    assert_eq!(pmp.len(), 1, "{role}");
    let statements = pmp[0]["statements"].as_array().unwrap();
    assert!(statements.len() >= 2, "{role}");
    // Document 003 names it twice (commonly held, and a sign of readiness), 004 once.
    let keys: std::collections::HashSet<(&str, &str)> = statements
        .iter()
        .map(|s| {
            (
                s["source"]["key"].as_str().unwrap(),
                s["relevance"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys.len(),
        statements.len(),
        "no statement repeated: {role}"
    );
    let sources: std::collections::HashSet<&str> = keys.iter().map(|k| k.0).collect();
    assert_eq!(sources.len(), 2, "{role}");
    // The item's relevance is the strongest stated.
    let relevances: Vec<&str> = statements
        .iter()
        .map(|s| s["relevance"].as_str().unwrap())
        .collect();
    assert!(relevances.contains(&pmp[0]["relevance"].as_str().unwrap()));
    let bachelor: Vec<&Value> = role["education"]["degrees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "bachelor")
        .collect();
    assert_eq!(bachelor.len(), 1, "{role}");
    assert!(
        bachelor[0]["statements"].as_array().unwrap().len() >= 2,
        "{role}"
    );

    // Every curated role: grouped lists hold each thing once and every record once.
    let slugs = app
        .data(r#"{ roles(first: 100) { nodes { slug } } }"#, json!({}))
        .await;
    for node in slugs["roles"]["nodes"].as_array().unwrap() {
        let data = app
            .data(
                r#"query($slug: String!) { role(slug: $slug) {
                    certificationItems { certification { slug } statements { source { key } } }
                    certifications { certification { slug } }
                    skillItems { skill { slug } statements { source { key } } }
                    skills { skill { slug } }
                    education { degrees { level statements { source { key } } } requirements { level } } } }"#,
                json!({ "slug": node["slug"] }),
            )
            .await;
        let role = &data["role"];
        for (items, key, records) in [
            (
                &role["certificationItems"],
                "/certification/slug",
                &role["certifications"],
            ),
            (&role["skillItems"], "/skill/slug", &role["skills"]),
            (
                &role["education"]["degrees"],
                "/level",
                &role["education"]["requirements"],
            ),
        ] {
            let items = items.as_array().unwrap();
            let names: Vec<&Value> = items.iter().map(|i| i.pointer(key).unwrap()).collect();
            let unique: std::collections::HashSet<String> =
                names.iter().map(|n| n.to_string()).collect();
            assert_eq!(unique.len(), names.len(), "{}: {names:?}", node["slug"]);
            let statements: usize = items
                .iter()
                .map(|i| i["statements"].as_array().unwrap().len())
                .sum();
            assert_eq!(
                statements,
                records.as_array().unwrap().len(),
                "{}",
                node["slug"]
            );
        }
    }
}

/// Likelihoods and kinds of moves, inferred moves, tracks, seniority levels and issuers are
/// ours: each cites the editorial source; every move keeps the source that states it.
async fn values_we_set_cite_the_editorial_source(app: TestApp) {
    let data = app
        .data(
            r#"{ roles(first: 100) { nodes { slug track seniority classifiedBy { key }
                   nextMoves { derived likelihood source { key } assessedBy { key } } } }
                 certifications(first: 100) { nodes { slug issuer issuerSource { key } } } }"#,
            json!({}),
        )
        .await;
    let (mut moves, mut derived, mut issuers) = (0, 0, 0);
    for role in data["roles"]["nodes"].as_array().unwrap() {
        assert_eq!(role["classifiedBy"]["key"], "editorial", "{role}");
        for m in role["nextMoves"].as_array().unwrap() {
            assert_eq!(m["assessedBy"]["key"], "editorial", "{m}");
            if m["derived"] == true {
                assert_eq!(m["source"]["key"], "editorial", "{m}");
                derived += 1;
            } else {
                let key = m["source"]["key"].as_str().unwrap();
                assert!(
                    key.ends_with(".txt"),
                    "a stated move cites its document: {m}"
                );
            }
            moves += 1;
        }
    }
    for c in data["certifications"]["nodes"].as_array().unwrap() {
        if c["issuer"].is_string() {
            assert_eq!(c["issuerSource"]["key"], "editorial", "{c}");
            issuers += 1;
        } else {
            assert!(c["issuerSource"].is_null(), "{c}");
        }
    }
    assert!(
        moves >= 20 && derived >= 3 && issuers >= 5,
        "{moves} {derived} {issuers}"
    );
}
