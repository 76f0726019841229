//! Property tests of the dataset parser and validator: any input is answered with a value
//! or an error (never a panic), and valid datasets survive a serialize → parse round trip.

use entity::vocab::{MoveKind, SourceKind};
use proptest::prelude::*;

use crate::Dataset;
use crate::dataset::{MoveRecord, RoleRecord, SkillRecord, SourceRecord};

fn slug() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,20}"
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.()'&/-]{0,60}"
}

prop_compose! {
    fn role()(slug in slug(), title in text(), track in text(), seniority in proptest::option::of(1..=8i32),
              summary in proptest::option::of(text()), job_zone in proptest::option::of(1..=5i32)) -> RoleRecord {
        RoleRecord { slug, title, track, seniority, onet_code: None, summary, job_zone }
    }
}

/// A valid dataset: unique slugs, one source, moves between distinct known roles.
fn dataset() -> impl Strategy<Value = Dataset> {
    (
        proptest::collection::vec(role(), 2..12),
        proptest::collection::vec((slug(), text()), 0..8),
        proptest::collection::vec(
            (
                0usize..100,
                0usize..100,
                0usize..4,
                proptest::option::of(0.0..60.0f64),
                proptest::option::of(0.01..1.0f64),
            ),
            0..20,
        ),
    )
        .prop_map(|(mut roles, skills, moves)| {
            roles.sort_by(|a, b| a.slug.cmp(&b.slug));
            roles.dedup_by(|a, b| a.slug == b.slug);
            let mut skills: Vec<SkillRecord> = skills
                .into_iter()
                .map(|(slug, name)| SkillRecord {
                    slug,
                    name,
                    category: "technical".into(),
                })
                .collect();
            skills.sort_by(|a, b| a.slug.cmp(&b.slug));
            skills.dedup_by(|a, b| a.slug == b.slug);
            let kinds = [
                MoveKind::Promotion,
                MoveKind::Lateral,
                MoveKind::Pivot,
                MoveKind::Related,
            ];
            let mut facts = crate::FactFile {
                source: "s".into(),
                file: "generated".into(),
                ..Default::default()
            };
            let mut seen = std::collections::HashSet::new();
            for (from, to, kind, years, likelihood) in moves {
                let (from, to) = (
                    &roles[from % roles.len()].slug,
                    &roles[to % roles.len()].slug,
                );
                if from == to || !seen.insert((from.clone(), to.clone(), kind)) {
                    continue;
                }
                facts.moves.push(MoveRecord {
                    from: from.clone(),
                    to: to.clone(),
                    kind: kinds[kind],
                    typical_years: years,
                    likelihood,
                    description: None,
                    derived: false,
                });
            }
            Dataset {
                sources: vec![SourceRecord {
                    key: "s".into(),
                    title: "Generated".into(),
                    kind: SourceKind::Derived,
                    publisher: None,
                    url: None,
                    attribution: None,
                    as_of: None,
                }],
                roles,
                skills,
                certifications: Vec::new(),
                facts: vec![facts],
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(text in ".{0,400}") {
        let _ = Dataset::from_json("fuzz.json", &text);
    }

    #[test]
    fn any_json_value_is_parsed_or_refused_without_panicking(
        value in proptest::arbitrary::any::<Vec<(String, u8)>>().prop_map(|pairs| {
            let map: serde_json::Map<String, serde_json::Value> = pairs
                .into_iter()
                .map(|(k, v)| (k, serde_json::json!(v)))
                .collect();
            serde_json::Value::Object(map)
        })
    ) {
        if let Ok(dataset) = Dataset::from_value("fuzz", value) {
            let _ = crate::validate(&dataset);
        }
    }

    #[test]
    fn valid_datasets_validate_and_round_trip(dataset in dataset()) {
        crate::validate(&dataset).unwrap();
        let text = serde_json::to_string(&dataset).unwrap();
        let parsed = Dataset::from_json("generated", &text).unwrap();
        prop_assert_eq!(&parsed.roles, &dataset.roles);
        prop_assert_eq!(&parsed.skills, &dataset.skills);
        prop_assert_eq!(&parsed.facts[0].moves, &dataset.facts[0].moves);
    }

    #[test]
    fn an_out_of_range_value_is_refused_naming_its_field(dataset in dataset(), years in 60.5..1e6f64) {
        prop_assume!(!dataset.facts[0].moves.is_empty());
        let mut bad = dataset;
        bad.facts[0].moves[0].typical_years = Some(years);
        match crate::validate(&bad) {
            Err(crate::SeedError::Rule { field, record, .. }) => {
                prop_assert_eq!(field, "typical_years");
                prop_assert_eq!(record, "moves[0]");
            }
            other => prop_assert!(false, "expected a validation error, got {:?}", other),
        }
    }
}
