//! Every checkable fact of the five source documents, one table per document, read through
//! the GraphQL API of the running server. A missing or wrong fact fails naming its document,
//! row and fact (the tables follow the fact audit's list of checkable facts).
use std::collections::HashMap;

use integration_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    document_000_senior_manager_infrastructure_and_it_manager_facts_are_served,
    document_001_it_infrastructure_manager_facts_are_served,
    document_002_technical_lead_and_systems_manager_facts_are_served,
    document_003_senior_it_manager_career_profile_facts_are_served,
    document_004_senior_it_manager_work_and_advancement_facts_are_served,
    the_editorial_source_holds_the_moves_no_document_states,
);

const DOC0: &str = "000_b80cc34c2de5a287.txt";
const DOC1: &str = "001_85606e24b525279d.txt";
const DOC2: &str = "002_0e9ecb0f078a81e9.txt";
const DOC3: &str = "003_1223a2aff6a9897a.txt";
const DOC4: &str = "004_4371e873dab14af6.txt";

/// Everything a row may look at on one role, each list item with its source.
const ROLE: &str = r#"query($slug: String!) { role(slug: $slug) {
  profiles { source { key }
    pay { averageSalary medianSalary hourlyRate salaryRange { low high } percentiles { p10 p90 }
          highestPayingCity highestPayingState bestPayingCompany bestPayingIndustry }
    outlook { growthRatePct growthOutlook jobs jobSatisfaction aiImpact }
    experience { years { min max } managementYears { min max } yearsToBecome { min max }
                 budget { min max } directReports { min max } licenses }
    education { degree degreeSharePct major college }
    demographics { averageAge lgbtSharePct gender { group sharePct } race { group sharePct } } }
  education { requirements { level requirement source { key } } }
  skills { skill { slug } sharePct rank source { key } }
  certifications { certification { slug } relevance note source { key } }
  duties { position title description source { key } }
  attributes { kind position name detail source { key } }
  regionalWages { region rank medianSalary source { key } }
  nextMoves { to { slug } kind likelihood typicalYears derived source { key } }
  previousMoves { from { slug } kind likelihood typicalYears derived source { key } }
  statements { kind topic text question position source { key } }
  comparedWith { slug }
  sources { key kind }
} }"#;

const COMPARE: &str = r#"query($a: String!, $b: String!) { compareRoles(a: $a, b: $b) {
  averageSalary { a b difference } } }"#;

/// What a row reads: one role, or two roles side by side.
enum Subject {
    Role(&'static str),
    Compare(&'static str, &'static str),
}

/// One checkable fact: where it is read, how, and the value the document states.
struct Fact {
    subject: Subject,
    fact: &'static str,
    read: fn(&Value) -> Value,
    expected: Expected,
}

/// What the read value must be.
enum Expected {
    /// Equal (numbers compared as numbers, so `5` equals `5.0`).
    Is(Value),
    /// A string containing every one of these.
    Contains(&'static [&'static str]),
    /// A string containing none of these.
    Lacks(&'static [&'static str]),
    /// Anything but null.
    Present,
}

fn role(
    slug: &'static str,
    fact: &'static str,
    read: fn(&Value) -> Value,
    expected: Value,
) -> Fact {
    Fact {
        subject: Subject::Role(slug),
        fact,
        read,
        expected: Expected::Is(expected),
    }
}

fn role_where(
    slug: &'static str,
    fact: &'static str,
    read: fn(&Value) -> Value,
    expected: Expected,
) -> Fact {
    Fact {
        subject: Subject::Role(slug),
        fact,
        read,
        expected,
    }
}

fn compare(a: &'static str, b: &'static str, fact: &'static str, expected: Value) -> Fact {
    Fact {
        subject: Subject::Compare(a, b),
        fact,
        read: |c| c["averageSalary"].clone(),
        expected: Expected::Is(expected),
    }
}

/// Whether two JSON values are equal, numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

impl Expected {
    fn holds(&self, got: &Value) -> bool {
        let text = got.as_str();
        match self {
            Expected::Is(want) => same(want, got),
            Expected::Contains(parts) => text.is_some_and(|t| parts.iter().all(|p| t.contains(p))),
            Expected::Lacks(parts) => text.is_some_and(|t| !parts.iter().any(|p| t.contains(p))),
            Expected::Present => !got.is_null(),
        }
    }

    fn describe(&self) -> String {
        match self {
            Expected::Is(want) => want.to_string(),
            Expected::Contains(parts) => format!("a text containing {parts:?}"),
            Expected::Lacks(parts) => format!("a text without {parts:?}"),
            Expected::Present => "a value".to_owned(),
        }
    }
}

/// Reads every row of `document`'s table through the API (each role once) and fails listing
/// every fact that is missing or wrong.
async fn check(app: &TestApp, document: &str, table: Vec<Fact>) {
    let mut roles: HashMap<&str, Value> = HashMap::new();
    let mut failures = Vec::new();
    for (i, row) in table.iter().enumerate() {
        let subject = match row.subject {
            Subject::Role(slug) => {
                if !roles.contains_key(slug) {
                    let data = app.data(ROLE, json!({ "slug": slug })).await;
                    roles.insert(slug, data["role"].clone());
                }
                roles[slug].clone()
            }
            Subject::Compare(a, b) => {
                app.data(COMPARE, json!({ "a": a, "b": b })).await["compareRoles"].clone()
            }
        };
        let got = (row.read)(&subject);
        if !row.expected.holds(&got) {
            let who = match row.subject {
                Subject::Role(slug) => slug.to_owned(),
                Subject::Compare(a, b) => format!("{a} vs {b}"),
            };
            failures.push(format!(
                "{document} row {}: {who}: {}: expected {}, got {got}",
                i + 1,
                row.fact,
                row.expected.describe(),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} facts of {document} are wrong or missing:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

/// The role's figures as `doc` states them (its own profile, not the merged one).
fn profile<'a>(r: &'a Value, doc: &str) -> &'a Value {
    r["profiles"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["source"]["key"] == doc))
        .unwrap_or(&Value::Null)
}

/// Items of one of the role's lists that cite `doc`.
fn cited<'a>(r: &'a Value, list: &str, doc: &str) -> Vec<&'a Value> {
    r[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter(|item| item["source"]["key"] == doc)
                .collect()
        })
        .unwrap_or_default()
}

/// One value (a JSON pointer) of each item, in order.
fn each(items: &[&Value], pointer: &str) -> Value {
    items
        .iter()
        .map(|item| item.pointer(pointer).cloned().unwrap_or(Value::Null))
        .collect()
}

/// One value of each item, sorted (for facts the document gives as a set).
fn set_of(items: &[&Value], pointer: &str) -> Value {
    let mut values: Vec<String> = items
        .iter()
        .filter_map(|item| item.pointer(pointer).and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    values.sort();
    json!(values)
}

/// The first item whose `pointer` is `value`, or null.
fn find<'a>(items: &[&'a Value], pointer: &str, value: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item.pointer(pointer).and_then(Value::as_str) == Some(value))
        .copied()
        .unwrap_or(&Value::Null)
}

/// A demographic group's share in `doc`'s profile.
fn share(r: &Value, doc: &str, dimension: &str, group: &str) -> Value {
    let groups: Vec<&Value> = profile(r, doc)["demographics"][dimension]
        .as_array()
        .map(|g| g.iter().collect())
        .unwrap_or_default();
    find(&groups, "/group", group)["sharePct"].clone()
}

/// The role's statements citing `doc`, narrowed to a kind and/or a topic.
fn statements<'a>(
    r: &'a Value,
    doc: &str,
    kind: Option<&str>,
    topic: Option<&str>,
) -> Vec<&'a Value> {
    cited(r, "statements", doc)
        .into_iter()
        .filter(|s| kind.is_none_or(|k| s["kind"] == k) && topic.is_none_or(|t| s["topic"] == t))
        .collect()
}

fn count(items: &[&Value]) -> Value {
    json!(items.len())
}

/// Distinct values of one field of the items, sorted.
fn distinct(items: &[&Value], pointer: &str) -> Value {
    let mut values: Vec<String> = items
        .iter()
        .filter_map(|item| item.pointer(pointer).and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    values.sort();
    values.dedup();
    json!(values)
}

async fn document_000_senior_manager_infrastructure_and_it_manager_facts_are_served(app: TestApp) {
    const SMI: &str = "senior-manager-infrastructure";
    const ITM: &str = "information-technology-manager";
    let table = vec![
        role(
            SMI,
            "average salary",
            |r| profile(r, DOC0)["pay"]["averageSalary"].clone(),
            json!(135642),
        ),
        role(
            SMI,
            "hourly rate",
            |r| profile(r, DOC0)["pay"]["hourlyRate"].clone(),
            json!(65.21),
        ),
        role(
            SMI,
            "salary range",
            |r| profile(r, DOC0)["pay"]["salaryRange"].clone(),
            json!({ "low": 98000, "high": 186000 }),
        ),
        role(
            SMI,
            "growth rate",
            |r| profile(r, DOC0)["outlook"]["growthRatePct"].clone(),
            json!(16),
        ),
        role(
            SMI,
            "jobs",
            |r| profile(r, DOC0)["outlook"]["jobs"].clone(),
            json!(71131),
        ),
        role(
            SMI,
            "job satisfaction (not stated)",
            |r| profile(r, DOC0)["outlook"]["jobSatisfaction"].clone(),
            Value::Null,
        ),
        role(
            SMI,
            "years to become",
            |r| profile(r, DOC0)["experience"]["yearsToBecome"].clone(),
            json!({ "min": 6, "max": 8 }),
        ),
        role(
            SMI,
            "years of experience",
            |r| profile(r, DOC0)["experience"]["years"].clone(),
            json!({ "min": 8, "max": 8 }),
        ),
        role(
            SMI,
            "degree and its share",
            |r| {
                json!([
                    profile(r, DOC0)["education"]["degree"],
                    profile(r, DOC0)["education"]["degreeSharePct"]
                ])
            },
            json!(["Bachelor's Degree", 69]),
        ),
        role(
            SMI,
            "major and college",
            |r| {
                json!([
                    profile(r, DOC0)["education"]["major"],
                    profile(r, DOC0)["education"]["college"]
                ])
            },
            json!(["Computer Science", "Carnegie Mellon University"]),
        ),
        role(
            SMI,
            "highest paying city and state",
            |r| {
                json!([
                    profile(r, DOC0)["pay"]["highestPayingCity"],
                    profile(r, DOC0)["pay"]["highestPayingState"]
                ])
            },
            json!(["San Francisco, CA", "California"]),
        ),
        role(
            SMI,
            "best paying company and industry",
            |r| {
                json!([
                    profile(r, DOC0)["pay"]["bestPayingCompany"],
                    profile(r, DOC0)["pay"]["bestPayingIndustry"]
                ])
            },
            json!(["NVIDIA", "Hospitality"]),
        ),
        role(
            SMI,
            "average age and LGBT share",
            |r| {
                json!([
                    profile(r, DOC0)["demographics"]["averageAge"],
                    profile(r, DOC0)["demographics"]["lgbtSharePct"]
                ])
            },
            json!([47, 11]),
        ),
        role(
            SMI,
            "gender shares",
            |r| {
                json!([
                    share(r, DOC0, "gender", "Male"),
                    share(r, DOC0, "gender", "Female")
                ])
            },
            json!([92.2, 7.8]),
        ),
        role(
            SMI,
            "race shares",
            |r| {
                json!([
                    share(r, DOC0, "race", "White"),
                    share(r, DOC0, "race", "Asian"),
                    share(r, DOC0, "race", "American Indian and Alaska Native")
                ])
            },
            json!([65.6, 12.8, 0.2]),
        ),
        role(
            SMI,
            "top three skills in order",
            |r| {
                let s = cited(r, "skills", DOC0);
                json!([each(&s, "/skill/slug"), each(&s, "/rank")])
            },
            json!([["cloud", "architecture", "azure"], [1, 2, 3]]),
        ),
        role(
            SMI,
            "duty count",
            |r| count(&cited(r, "duties", DOC0)),
            json!(6),
        ),
        role_where(
            SMI,
            "compared with the IT manager",
            |r| {
                json!(
                    r["comparedWith"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|x| x["slug"] == ITM))
                )
            },
            Expected::Is(json!(true)),
        ),
        role(
            ITM,
            "average salary",
            |r| profile(r, DOC0)["pay"]["averageSalary"].clone(),
            json!(119589),
        ),
        role(
            ITM,
            "hourly rate",
            |r| profile(r, DOC0)["pay"]["hourlyRate"].clone(),
            json!(57.49),
        ),
        role(
            ITM,
            "salary range",
            |r| profile(r, DOC0)["pay"]["salaryRange"].clone(),
            json!({ "low": 84000, "high": 169000 }),
        ),
        role(
            ITM,
            "growth rate and jobs",
            |r| {
                json!([
                    profile(r, DOC0)["outlook"]["growthRatePct"],
                    profile(r, DOC0)["outlook"]["jobs"]
                ])
            },
            json!([16, 108179]),
        ),
        role(
            ITM,
            "job satisfaction",
            |r| profile(r, DOC0)["outlook"]["jobSatisfaction"].clone(),
            json!(5),
        ),
        role(
            ITM,
            "years to become",
            |r| profile(r, DOC0)["experience"]["yearsToBecome"].clone(),
            json!({ "min": 6, "max": 8 }),
        ),
        role(
            ITM,
            "degree share",
            |r| profile(r, DOC0)["education"]["degreeSharePct"].clone(),
            json!(64),
        ),
        role(
            ITM,
            "highest paying city and state",
            |r| {
                json!([
                    profile(r, DOC0)["pay"]["highestPayingCity"],
                    profile(r, DOC0)["pay"]["highestPayingState"]
                ])
            },
            json!(["Richmond, CA", "New Hampshire"]),
        ),
        role(
            ITM,
            "best paying company; industry not stated",
            |r| {
                json!([
                    profile(r, DOC0)["pay"]["bestPayingCompany"],
                    profile(r, DOC0)["pay"]["bestPayingIndustry"]
                ])
            },
            json!(["Meta", null]),
        ),
        role(
            ITM,
            "female share",
            |r| share(r, DOC0, "gender", "Female"),
            json!(15.5),
        ),
        role(
            ITM,
            "race shares",
            |r| {
                json!([
                    share(r, DOC0, "race", "Hispanic or Latino"),
                    share(r, DOC0, "race", "White")
                ])
            },
            json!([9.9, 65.4]),
        ),
        role(
            ITM,
            "ranked skills",
            |r| {
                let s: Vec<&Value> = cited(r, "skills", DOC0)
                    .into_iter()
                    .filter(|s| !s["rank"].is_null())
                    .collect();
                json!([each(&s, "/skill/slug"), each(&s, "/rank")])
            },
            json!([
                ["customer-service", "project-management", "database"],
                [1, 2, 3]
            ]),
        ),
        role(
            ITM,
            "unranked skills",
            |r| {
                let s: Vec<&Value> = cited(r, "skills", DOC0)
                    .into_iter()
                    .filter(|s| s["rank"].is_null())
                    .collect();
                set_of(&s, "/skill/slug")
            },
            json!(["information-systems-knowledge", "programming-languages"]),
        ),
        role(
            ITM,
            "knowledge statement topic",
            |r| each(&statements(r, DOC0, Some("KNOWLEDGE"), None), "/topic"),
            json!(["software-hardware-processes"]),
        ),
        role_where(
            SMI,
            "third duty names no kind of budget (C08)",
            |r| each(&cited(r, "duties", DOC0), "/description")[2].clone(),
            Expected::Lacks(&["infrastructure"]),
        ),
        compare(
            SMI,
            ITM,
            "average salaries side by side",
            json!({ "a": 135642, "b": 119589, "difference": -16053 }),
        ),
    ];
    check(&app, DOC0, table).await;
}

async fn document_001_it_infrastructure_manager_facts_are_served(app: TestApp) {
    const IIM: &str = "it-infrastructure-manager";
    let table = vec![
        role(
            IIM,
            "median salary",
            |r| profile(r, DOC1)["pay"]["medianSalary"].clone(),
            json!(131600),
        ),
        role(
            IIM,
            "10th and 90th percentiles",
            |r| profile(r, DOC1)["pay"]["percentiles"].clone(),
            json!({ "p10": 80160, "p90": 166160 }),
        ),
        role(
            IIM,
            "average salary (only a median is stated)",
            |r| profile(r, DOC1)["pay"]["averageSalary"].clone(),
            Value::Null,
        ),
        role(
            IIM,
            "best paying states",
            |r| {
                let w = cited(r, "regionalWages", DOC1);
                json!([
                    each(&w, "/rank"),
                    each(&w, "/region"),
                    each(&w, "/medianSalary")
                ])
            },
            json!([
                [1, 2, 3],
                ["California", "New York", "Virginia"],
                [153800, 152300, 151900]
            ]),
        ),
        role(
            IIM,
            "minimum years of experience",
            |r| profile(r, DOC1)["experience"]["years"]["min"].clone(),
            json!(10),
        ),
        role(
            IIM,
            "minimum years in management",
            |r| profile(r, DOC1)["experience"]["managementYears"]["min"].clone(),
            json!(5),
        ),
        role(
            IIM,
            "bachelor's degree required",
            |r| {
                find(
                    &cited(&r["education"], "requirements", DOC1),
                    "/level",
                    "bachelor",
                )["requirement"]
                    .clone()
            },
            json!("REQUIRED"),
        ),
        role(
            IIM,
            "master's degree preferred",
            |r| {
                find(
                    &cited(&r["education"], "requirements", DOC1),
                    "/level",
                    "master",
                )["requirement"]
                    .clone()
            },
            json!("PREFERRED"),
        ),
        role(
            IIM,
            "preferred certifications",
            |r| {
                let c: Vec<&Value> = cited(r, "certifications", DOC1)
                    .into_iter()
                    .filter(|c| c["relevance"] == "PREFERRED")
                    .collect();
                set_of(&c, "/certification/slug")
            },
            json!(["ccie", "mcse-solutions-expert", "mcse-systems-engineer"]),
        ),
        role_where(
            IIM,
            "CCIE note claims nothing about how many require it (C01)",
            |r| {
                find(
                    &cited(r, "certifications", DOC1),
                    "/certification/slug",
                    "ccie",
                )["note"]
                    .clone()
            },
            Expected::Lacks(&["few"]),
        ),
        role(
            IIM,
            "skills",
            |r| set_of(&cited(r, "skills", DOC1), "/skill/slug"),
            json!([
                "attention-to-detail",
                "cisco-networking",
                "communication",
                "firewalls",
                "microsoft-technologies",
                "people-management",
                "routers",
                "san",
                "virtualization",
                "vmware",
                "wan-acceleration"
            ]),
        ),
        role(
            IIM,
            "skill count; no rank or share stated",
            |r| {
                let s = cited(r, "skills", DOC1);
                json!([
                    s.len(),
                    s.iter()
                        .all(|s| s["rank"].is_null() && s["sharePct"].is_null())
                ])
            },
            json!([11, true]),
        ),
        role(
            IIM,
            "duty headings in order",
            |r| each(&cited(r, "duties", DOC1), "/title"),
            json!([
                "Oversee the IT department",
                "Record data",
                "Implement processes and procedures",
                "Develop strategies"
            ]),
        ),
        role(
            IIM,
            "resource count",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC1)
                    .into_iter()
                    .filter(|a| a["kind"] == "RESOURCE")
                    .collect();
                count(&a)
            },
            json!(6),
        ),
        role_where(
            IIM,
            "IT Specialist Network membership",
            |r| {
                find(
                    &cited(r, "attributes", DOC1),
                    "/name",
                    "IT Specialist Network",
                )["detail"]
                    .clone()
            },
            Expected::Contains(&["250,000"]),
        ),
        role(
            IIM,
            "from IT engineer: a promotion with no typical duration (C02)",
            |r| {
                let m = find(
                    &cited(r, "previousMoves", DOC1),
                    "/from/slug",
                    "it-engineer",
                );
                json!([m["kind"], m["typicalYears"]])
            },
            json!(["PROMOTION", null]),
        ),
        role(
            IIM,
            "personality traits",
            |r| {
                let s = statements(r, DOC1, Some("TRAIT"), None);
                json!([s.len(), distinct(&s, "/topic")])
            },
            json!([5, ["personality"]]),
        ),
        role(
            IIM,
            "experience qualifier",
            |r| each(&statements(r, DOC1, None, Some("experience")), "/kind"),
            json!(["QUALIFIER"]),
        ),
        role(
            IIM,
            "certification qualifier",
            |r| each(&statements(r, DOC1, None, Some("certification")), "/kind"),
            json!(["QUALIFIER"]),
        ),
        role(
            IIM,
            "strategy scope duty",
            |r| each(&statements(r, DOC1, None, Some("strategy-scope")), "/kind"),
            json!(["DUTY"]),
        ),
        role(
            IIM,
            "the document is among the role's sources",
            |r| {
                json!(
                    r["sources"]
                        .as_array()
                        .is_some_and(|s| s.iter().any(|s| s["key"] == DOC1))
                )
            },
            json!(true),
        ),
    ];
    check(&app, DOC1, table).await;
}

async fn document_002_technical_lead_and_systems_manager_facts_are_served(app: TestApp) {
    const TL: &str = "information-technology-technical-lead";
    const SM: &str = "information-technology-systems-manager";
    let table = vec![
        role(
            TL,
            "average salary and hourly rate",
            |r| {
                json!([
                    profile(r, DOC2)["pay"]["averageSalary"],
                    profile(r, DOC2)["pay"]["hourlyRate"]
                ])
            },
            json!([110879, 53.31]),
        ),
        role(
            TL,
            "salary range",
            |r| profile(r, DOC2)["pay"]["salaryRange"].clone(),
            json!({ "low": 84000, "high": 146000 }),
        ),
        role(
            TL,
            "growth rate and jobs",
            |r| {
                json!([
                    profile(r, DOC2)["outlook"]["growthRatePct"],
                    profile(r, DOC2)["outlook"]["jobs"]
                ])
            },
            json!([16, 156246]),
        ),
        role(
            TL,
            "years to become; years of experience",
            |r| {
                json!([
                    profile(r, DOC2)["experience"]["yearsToBecome"],
                    profile(r, DOC2)["experience"]["years"]
                ])
            },
            json!([{ "min": 4, "max": 6 }, { "min": 6, "max": 6 }]),
        ),
        role(
            TL,
            "degree share and college",
            |r| {
                json!([
                    profile(r, DOC2)["education"]["degreeSharePct"],
                    profile(r, DOC2)["education"]["college"]
                ])
            },
            json!([63, "Stanford University"]),
        ),
        role(
            TL,
            "average age",
            |r| profile(r, DOC2)["demographics"]["averageAge"].clone(),
            json!(44),
        ),
        role(
            TL,
            "highest paying state, best paying company and industry",
            |r| {
                let p = &profile(r, DOC2)["pay"];
                json!([
                    p["highestPayingState"],
                    p["bestPayingCompany"],
                    p["bestPayingIndustry"]
                ])
            },
            json!(["Connecticut", "McKinsey & Company Inc", "Pharmaceutical"]),
        ),
        role(
            TL,
            "gender shares",
            |r| {
                json!([
                    share(r, DOC2, "gender", "Male"),
                    share(r, DOC2, "gender", "Female")
                ])
            },
            json!([75.9, 24.1]),
        ),
        role(
            TL,
            "race shares",
            |r| {
                json!([
                    share(r, DOC2, "race", "White"),
                    share(r, DOC2, "race", "Unknown"),
                    share(r, DOC2, "race", "American Indian and Alaska Native")
                ])
            },
            json!([67.7, 4.7, 0.5]),
        ),
        role(
            TL,
            "project management share and rank",
            |r| {
                let s = find(
                    &cited(r, "skills", DOC2),
                    "/skill/slug",
                    "project-management",
                );
                json!([s["sharePct"], s["rank"]])
            },
            json!([8, 1]),
        ),
        role(
            TL,
            "architecture share and rank",
            |r| {
                let s = find(&cited(r, "skills", DOC2), "/skill/slug", "architecture");
                json!([s["sharePct"], s["rank"]])
            },
            json!([7, 2]),
        ),
        role(
            TL,
            "governance and java shares",
            |r| {
                let s = cited(r, "skills", DOC2);
                json!([
                    find(&s, "/skill/slug", "governance")["sharePct"],
                    find(&s, "/skill/slug", "java")["sharePct"]
                ])
            },
            json!([6, 6]),
        ),
        role(
            TL,
            "customer service and NIST shares",
            |r| {
                let s = cited(r, "skills", DOC2);
                json!([
                    find(&s, "/skill/slug", "customer-service")["sharePct"],
                    find(&s, "/skill/slug", "nist")["sharePct"]
                ])
            },
            json!([5, 3]),
        ),
        role(
            TL,
            "duty count",
            |r| count(&cited(r, "duties", DOC2)),
            json!(11),
        ),
        role(
            TL,
            "knowledge statement topics",
            |r| set_of(&statements(r, DOC2, Some("KNOWLEDGE"), None), "/topic"),
            json!(["industry-knowledge", "system-code"]),
        ),
        role(
            SM,
            "average salary and hourly rate",
            |r| {
                json!([
                    profile(r, DOC2)["pay"]["averageSalary"],
                    profile(r, DOC2)["pay"]["hourlyRate"]
                ])
            },
            json!([130526, 62.75]),
        ),
        role(
            SM,
            "salary range",
            |r| profile(r, DOC2)["pay"]["salaryRange"].clone(),
            json!({ "low": 95000, "high": 178000 }),
        ),
        role(
            SM,
            "jobs",
            |r| profile(r, DOC2)["outlook"]["jobs"].clone(),
            json!(156656),
        ),
        role(
            SM,
            "years to become; years of experience",
            |r| {
                json!([
                    profile(r, DOC2)["experience"]["yearsToBecome"],
                    profile(r, DOC2)["experience"]["years"]
                ])
            },
            json!([{ "min": 6, "max": 8 }, { "min": 8, "max": 8 }]),
        ),
        role(
            SM,
            "degree share and college",
            |r| {
                json!([
                    profile(r, DOC2)["education"]["degreeSharePct"],
                    profile(r, DOC2)["education"]["college"]
                ])
            },
            json!([64, "Carnegie Mellon University"]),
        ),
        role(
            SM,
            "highest paying city and state",
            |r| {
                json!([
                    profile(r, DOC2)["pay"]["highestPayingCity"],
                    profile(r, DOC2)["pay"]["highestPayingState"]
                ])
            },
            json!(["San Francisco, CA", "California"]),
        ),
        role(
            SM,
            "best paying company and industry",
            |r| {
                json!([
                    profile(r, DOC2)["pay"]["bestPayingCompany"],
                    profile(r, DOC2)["pay"]["bestPayingIndustry"]
                ])
            },
            json!(["Southern California Edison", "Hospitality"]),
        ),
        role(
            SM,
            "male share",
            |r| share(r, DOC2, "gender", "Male"),
            json!(86.5),
        ),
        role(
            SM,
            "race shares",
            |r| {
                json!([
                    share(r, DOC2, "race", "Hispanic or Latino"),
                    share(r, DOC2, "race", "White")
                ])
            },
            json!([10.1, 65.1]),
        ),
        role(
            SM,
            "customer service and project management shares",
            |r| {
                let s = cited(r, "skills", DOC2);
                json!([
                    find(&s, "/skill/slug", "customer-service")["sharePct"],
                    find(&s, "/skill/slug", "project-management")["sharePct"]
                ])
            },
            json!([8, 8]),
        ),
        role(
            SM,
            "network infrastructure and SAN shares",
            |r| {
                let s = cited(r, "skills", DOC2);
                json!([
                    find(&s, "/skill/slug", "network-infrastructure")["sharePct"],
                    find(&s, "/skill/slug", "san")["sharePct"]
                ])
            },
            json!([4, 4]),
        ),
        role(
            SM,
            "SQL Server and Windows Server shares",
            |r| {
                let s = cited(r, "skills", DOC2);
                json!([
                    find(&s, "/skill/slug", "sql-server")["sharePct"],
                    find(&s, "/skill/slug", "windows-server")["sharePct"]
                ])
            },
            json!([3, 3]),
        ),
        role(
            SM,
            "duty count",
            |r| count(&cited(r, "duties", DOC2)),
            json!(9),
        ),
        role_where(
            SM,
            "eighth duty names the title and escrow applications (C07)",
            |r| each(&cited(r, "duties", DOC2), "/description")[7].clone(),
            Expected::Contains(&["title and escrow"]),
        ),
        role(
            SM,
            "knowledge statement topics",
            |r| set_of(&statements(r, DOC2, Some("KNOWLEDGE"), None), "/topic"),
            json!(["industry-knowledge", "system-code"]),
        ),
        compare(
            TL,
            SM,
            "average salaries side by side",
            json!({ "a": 110879, "b": 130526, "difference": 19647 }),
        ),
    ];
    check(&app, DOC2, table).await;
}

async fn document_003_senior_it_manager_career_profile_facts_are_served(app: TestApp) {
    const SITM: &str = "senior-it-manager";
    let table = vec![
        role(
            SITM,
            "years of experience",
            |r| profile(r, DOC3)["experience"]["years"].clone(),
            json!({ "min": 12, "max": 15 }),
        ),
        role(
            SITM,
            "years in management",
            |r| profile(r, DOC3)["experience"]["managementYears"].clone(),
            json!({ "min": 5, "max": 7 }),
        ),
        role(
            SITM,
            "budget owned",
            |r| profile(r, DOC3)["experience"]["budget"].clone(),
            json!({ "min": 2000000, "max": 20000000 }),
        ),
        role(
            SITM,
            "direct reports",
            |r| profile(r, DOC3)["experience"]["directReports"].clone(),
            json!({ "min": 4, "max": 10 }),
        ),
        role_where(
            SITM,
            "AI impact",
            |r| profile(r, DOC3)["outlook"]["aiImpact"].clone(),
            Expected::Present,
        ),
        role(
            SITM,
            "education levels and expectations",
            |r| {
                let e = cited(&r["education"], "requirements", DOC3);
                json!([each(&e, "/level"), each(&e, "/requirement")])
            },
            json!([
                ["bachelor", "mba", "master"],
                ["TYPICAL", "PREFERRED", "PREFERRED"]
            ]),
        ),
        role(
            SITM,
            "commonly held certifications",
            |r| {
                let c: Vec<&Value> = cited(r, "certifications", DOC3)
                    .into_iter()
                    .filter(|c| c["relevance"] == "COMMON")
                    .collect();
                set_of(&c, "/certification/slug")
            },
            json!([
                "aws-solutions-architect",
                "azure-solutions-architect-expert",
                "cism",
                "cissp",
                "itil",
                "pmp"
            ]),
        ),
        role(
            SITM,
            "readiness certifications",
            |r| {
                let c: Vec<&Value> = cited(r, "certifications", DOC3)
                    .into_iter()
                    .filter(|c| c["relevance"] == "READINESS")
                    .collect();
                count(&c)
            },
            json!(10),
        ),
        role(
            SITM,
            "employer types in order",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC3)
                    .into_iter()
                    .filter(|a| a["kind"] == "EMPLOYER_TYPE")
                    .collect();
                each(&a, "/name")
            },
            json!([
                "Healthcare",
                "Financial Services",
                "Manufacturing",
                "Government",
                "Enterprise IT"
            ]),
        ),
        role(
            SITM,
            "pay factors",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC3)
                    .into_iter()
                    .filter(|a| a["kind"] == "PAY_FACTOR")
                    .collect();
                count(&a)
            },
            json!(1),
        ),
        role(
            SITM,
            "duty count",
            |r| count(&cited(r, "duties", DOC3)),
            json!(10),
        ),
        role(
            SITM,
            "skill count",
            |r| count(&cited(r, "skills", DOC3)),
            json!(10),
        ),
        role(
            SITM,
            "to VP of IT: most common",
            |r| {
                let m = find(&cited(r, "nextMoves", DOC3), "/to/slug", "vp-of-it");
                json!([m["kind"], m["likelihood"]])
            },
            json!(["PROMOTION", 0.8]),
        ),
        role(
            SITM,
            "to CIO: most common",
            |r| {
                let m = find(
                    &cited(r, "nextMoves", DOC3),
                    "/to/slug",
                    "chief-information-officer",
                );
                json!([m["kind"], m["likelihood"]])
            },
            json!(["PROMOTION", 0.8]),
        ),
        role(
            SITM,
            "related IT jobs",
            |r| {
                let m: Vec<&Value> = cited(r, "nextMoves", DOC3)
                    .into_iter()
                    .filter(|m| m["kind"] == "RELATED")
                    .collect();
                count(&m)
            },
            json!(6),
        ),
        role(
            SITM,
            "from business analyst and program manager: pivots",
            |r| {
                let m = cited(r, "previousMoves", DOC3);
                json!([
                    find(&m, "/from/slug", "business-analyst")["kind"],
                    find(&m, "/from/slug", "program-manager")["kind"]
                ])
            },
            json!(["PIVOT", "PIVOT"]),
        ),
        role(
            SITM,
            "from IT manager: no typical duration (C03)",
            |r| {
                let m = find(
                    &cited(r, "previousMoves", DOC3),
                    "/from/slug",
                    "information-technology-manager",
                );
                json!([m["kind"], m["typicalYears"]])
            },
            json!(["PROMOTION", null]),
        ),
        role(
            SITM,
            "no move from the technical lead role (C04)",
            |r| {
                find(
                    &cited(r, "previousMoves", DOC3),
                    "/from/slug",
                    "information-technology-technical-lead",
                )
                .clone()
            },
            Value::Null,
        ),
        role(
            SITM,
            "compared with the IT director",
            |r| {
                json!(
                    r["comparedWith"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|x| x["slug"] == "it-director"))
                )
            },
            json!(true),
        ),
        role(
            SITM,
            "how it differs from an IT director (FAQ)",
            |r| {
                let s = statements(r, DOC3, None, Some("differs-from-it-director"));
                json!([s.len(), distinct(&s, "/kind")])
            },
            json!([4, ["FAQ"]]),
        ),
        role(
            SITM,
            "whether an MBA is needed (FAQ)",
            |r| {
                let s = statements(r, DOC3, None, Some("mba"));
                json!([s.len(), distinct(&s, "/kind")])
            },
            json!([4, ["FAQ"]]),
        ),
        role(
            SITM,
            "how many direct reports (FAQ)",
            |r| {
                let s = statements(r, DOC3, None, Some("direct-reports"));
                json!([s.len(), distinct(&s, "/kind")])
            },
            json!([3, ["FAQ"]]),
        ),
        role(
            SITM,
            "what AI changes (FAQ)",
            |r| {
                let s = statements(r, DOC3, None, Some("ai-impact"));
                json!([s.len(), distinct(&s, "/kind")])
            },
            json!([4, ["FAQ"]]),
        ),
        role(
            SITM,
            "FAQ answers carry their question",
            |r| {
                json!(
                    statements(r, DOC3, Some("FAQ"), None)
                        .iter()
                        .all(|s| s["question"].is_string())
                )
            },
            json!(true),
        ),
        role(
            SITM,
            "backgrounds",
            |r| count(&statements(r, DOC3, None, Some("background"))),
            json!(3),
        ),
        role(
            SITM,
            "outlook statements",
            |r| count(&statements(r, DOC3, Some("OUTLOOK"), None)),
            json!(7),
        ),
        role_where(
            SITM,
            "time to develop the skill mix",
            |r| each(&statements(r, DOC3, None, Some("time-to-develop")), "/text")[0].clone(),
            Expected::Contains(&["4th or 5th year"]),
        ),
        role_where(
            SITM,
            "management share of experience",
            |r| {
                each(
                    &statements(r, DOC3, Some("QUALIFIER"), Some("experience")),
                    "/text",
                )[0]
                .clone()
            },
            Expected::Contains(&["5-7", "12-15"]),
        ),
        role(
            SITM,
            "requirement statements",
            |r| count(&statements(r, DOC3, Some("REQUIREMENT"), None)),
            json!(7),
        ),
        role(
            "it-director",
            "how it differs from a senior IT manager",
            |r| {
                let s = statements(r, DOC3, Some("COMPARISON"), None);
                json!([s.len(), distinct(&s, "/topic")])
            },
            json!([4, ["differs-from-senior-it-manager"]]),
        ),
        role(
            "vp-of-it",
            "MBA preferred",
            |r| {
                find(
                    &cited(&r["education"], "requirements", DOC3),
                    "/level",
                    "mba",
                )["requirement"]
                    .clone()
            },
            json!("PREFERRED"),
        ),
        role(
            "chief-information-officer",
            "no MBA row citing the document (C13)",
            |r| count(&cited(&r["education"], "requirements", DOC3)),
            json!(0),
        ),
        role(
            "senior-it-auditor",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 95000, "high": 145000 }),
        ),
        role(
            "senior-it-manager-assistant",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 55000, "high": 88000 }),
        ),
        role(
            "senior-information-security-analyst",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 105000, "high": 155000 }),
        ),
        role(
            "senior-information-security-analyst",
            "duties: drives security improvements across the technology environment",
            |r| {
                let duties = each(&cited(r, "duties", DOC3), "/description");
                json!(duties.as_array().is_some_and(|l| l.iter().any(|d| {
                    d.as_str()
                        .is_some_and(|d| d.contains("security improvements"))
                })))
            },
            json!(true),
        ),
        role(
            "senior-network-administrator",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 88000, "high": 128000 }),
        ),
        role(
            "devops-itsm-engineer",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 95000, "high": 140000 }),
        ),
        role(
            "it-compliance-manager",
            "salary range",
            |r| profile(r, DOC3)["pay"]["salaryRange"].clone(),
            json!({ "low": 95000, "high": 155000 }),
        ),
        role(
            "senior-it-manager-assistant",
            "one requirement statement",
            |r| {
                let s = cited(r, "statements", DOC3);
                json!([s.len(), distinct(&s, "/kind")])
            },
            json!([1, ["REQUIREMENT"]]),
        ),
        role(
            "it-compliance-manager",
            "duty count",
            |r| count(&cited(r, "duties", DOC3)),
            json!(3),
        ),
    ];
    check(&app, DOC3, table).await;
}

async fn document_004_senior_it_manager_work_and_advancement_facts_are_served(app: TestApp) {
    const SITM: &str = "senior-it-manager";
    let table = vec![
        role_where(
            SITM,
            "growth outlook",
            |r| profile(r, DOC4)["outlook"]["growthOutlook"].clone(),
            Expected::Present,
        ),
        role_where(
            SITM,
            "licenses",
            |r| profile(r, DOC4)["experience"]["licenses"].clone(),
            Expected::Present,
        ),
        role(
            SITM,
            "no pay figure stated",
            |r| {
                let p = &profile(r, DOC4)["pay"];
                json!([p["averageSalary"], p["medianSalary"], p["salaryRange"]])
            },
            json!([null, null, null]),
        ),
        role(
            SITM,
            "education levels and expectations",
            |r| {
                let e = cited(&r["education"], "requirements", DOC4);
                json!([each(&e, "/level"), each(&e, "/requirement")])
            },
            json!([["bachelor", "master"], ["TYPICAL", "TYPICAL"]]),
        ),
        role(
            SITM,
            "preferred certifications",
            |r| {
                let c: Vec<&Value> = cited(r, "certifications", DOC4)
                    .into_iter()
                    .filter(|c| c["relevance"] == "PREFERRED")
                    .collect();
                set_of(&c, "/certification/slug")
            },
            json!(["cissp", "itil", "pmp"]),
        ),
        role(
            SITM,
            "advantageous certifications",
            |r| {
                let c: Vec<&Value> = cited(r, "certifications", DOC4)
                    .into_iter()
                    .filter(|c| c["relevance"] == "ADVANTAGEOUS")
                    .collect();
                set_of(&c, "/certification/slug")
            },
            json!(["certified-scrummaster", "cisa"]),
        ),
        role(
            SITM,
            "key areas",
            |r| set_of(&cited(r, "skills", DOC4), "/skill/slug"),
            json!([
                "change-management",
                "digital-transformation",
                "governance",
                "risk-management",
                "strategic-planning",
                "talent-development"
            ]),
        ),
        role(
            SITM,
            "key areas are not ranked (C06)",
            |r| json!(cited(r, "skills", DOC4).iter().all(|s| s["rank"].is_null())),
            json!(true),
        ),
        role(
            SITM,
            "duty count",
            |r| count(&cited(r, "duties", DOC4)),
            json!(5),
        ),
        role(
            SITM,
            "pay factors in order",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC4)
                    .into_iter()
                    .filter(|a| a["kind"] == "PAY_FACTOR")
                    .collect();
                each(&a, "/name")
            },
            json!([
                "Industry sector",
                "Company size",
                "Years of experience",
                "Technical expertise",
                "Leadership skills",
                "Scope of responsibility"
            ]),
        ),
        role(
            SITM,
            "work environment count",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC4)
                    .into_iter()
                    .filter(|a| a["kind"] == "WORK_ENVIRONMENT")
                    .collect();
                count(&a)
            },
            json!(6),
        ),
        role(
            SITM,
            "third work environment item",
            |r| {
                let a: Vec<&Value> = cited(r, "attributes", DOC4)
                    .into_iter()
                    .filter(|a| a["kind"] == "WORK_ENVIRONMENT" && a["position"] == 3)
                    .collect();
                each(&a, "/name")
            },
            json!(["Smart casual dress code"]),
        ),
        role(
            SITM,
            "to CIO",
            |r| {
                let m = find(
                    &cited(r, "nextMoves", DOC4),
                    "/to/slug",
                    "chief-information-officer",
                );
                json!([m["kind"], m["likelihood"]])
            },
            json!(["PROMOTION", 0.6]),
        ),
        role(
            SITM,
            "to CTO",
            |r| {
                let m = find(
                    &cited(r, "nextMoves", DOC4),
                    "/to/slug",
                    "chief-technology-officer",
                );
                json!([m["kind"], m["likelihood"]])
            },
            json!(["PROMOTION", 0.6]),
        ),
        role(
            SITM,
            "consulting: a stated path, not a less common one (C05)",
            |r| {
                find(&cited(r, "nextMoves", DOC4), "/to/slug", "it-consultant")["likelihood"]
                    .clone()
            },
            json!(0.6),
        ),
        role(
            SITM,
            "entrepreneurship: a stated path, not a less common one (C05)",
            |r| {
                find(
                    &cited(r, "nextMoves", DOC4),
                    "/to/slug",
                    "technology-entrepreneur",
                )["likelihood"]
                    .clone()
            },
            json!(0.6),
        ),
        role(
            SITM,
            "move count",
            |r| count(&cited(r, "nextMoves", DOC4)),
            json!(4),
        ),
        role(
            SITM,
            "experience statements",
            |r| count(&statements(r, DOC4, None, Some("experience"))),
            json!(4),
        ),
        role(
            SITM,
            "knowledge statement topic",
            |r| each(&statements(r, DOC4, Some("KNOWLEDGE"), None), "/topic"),
            json!(["experience"]),
        ),
        role(
            SITM,
            "outlook statement topic",
            |r| each(&statements(r, DOC4, Some("OUTLOOK"), None), "/topic"),
            json!(["role-in-growth"]),
        ),
        role(
            SITM,
            "education qualifier",
            |r| distinct(&statements(r, DOC4, None, Some("education")), "/kind"),
            json!(["QUALIFIER"]),
        ),
        role(
            SITM,
            "duty statements",
            |r| count(&statements(r, DOC4, Some("DUTY"), None)),
            json!(6),
        ),
        role(
            SITM,
            "advancement requirement",
            |r| distinct(&statements(r, DOC4, None, Some("advancement")), "/kind"),
            json!(["REQUIREMENT"]),
        ),
        role(
            SITM,
            "statement count",
            |r| count(&cited(r, "statements", DOC4)),
            json!(17),
        ),
    ];
    check(&app, DOC4, table).await;
}

/// Moves and mappings no document states cite the editorial source, never a document.
async fn the_editorial_source_holds_the_moves_no_document_states(app: TestApp) {
    const ED: &str = "editorial";
    let table = vec![
        role(
            "senior-it-manager",
            "to IT director: our inference",
            |r| {
                let m = find(&cited(r, "nextMoves", ED), "/to/slug", "it-director");
                json!([m["derived"], m["likelihood"]])
            },
            json!([true, 0.3]),
        ),
        role(
            "senior-it-manager",
            "no document states the move to IT director",
            |r| {
                json!(r["nextMoves"].as_array().is_some_and(|m| {
                    m.iter()
                        .all(|m| m["to"]["slug"] != "it-director" || m["source"]["key"] == ED)
                }))
            },
            json!(true),
        ),
        role(
            "chief-information-officer",
            "VP of IT and IT director placed below the CIO",
            |r| set_of(&cited(r, "previousMoves", ED), "/from/slug"),
            json!(["it-director", "vp-of-it"]),
        ),
        role(
            "chief-information-officer",
            "the C-level MBA mapping",
            |r| each(&cited(&r["education"], "requirements", ED), "/level"),
            json!(["mba"]),
        ),
        role(
            "chief-information-officer",
            "the editorial source is listed with its kind",
            |r| {
                let s: Vec<&Value> = r["sources"]
                    .as_array()
                    .map(|s| s.iter().filter(|s| s["key"] == ED).collect())
                    .unwrap_or_default();
                each(&s, "/kind")
            },
            json!(["EDITORIAL"]),
        ),
    ];
    check(&app, ED, table).await;
}
