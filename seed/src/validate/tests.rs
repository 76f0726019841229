use super::*;
use crate::dataset::MoveRecord;

fn curated() -> Dataset {
    Dataset::curated().unwrap()
}

fn error_of(dataset: &Dataset) -> String {
    validate(dataset).unwrap_err().to_string()
}

#[test]
fn the_curated_dataset_is_valid() {
    validate(&curated()).unwrap();
}

#[test]
fn a_self_loop_move_names_file_record_and_field() {
    let mut d = curated();
    d.facts[0].moves.push(MoveRecord {
        from: "senior-it-manager".into(),
        to: "senior-it-manager".into(),
        kind: entity::vocab::MoveKind::Promotion,
        typical_years: None,
        likelihood: None,
        description: None,
        derived: false,
    });
    let text = error_of(&d);
    assert!(text.contains("000_b80cc34c2de5a287.json"), "{text}");
    assert!(text.contains("moves[0]") && text.contains("`to`"), "{text}");
}

#[test]
fn percentages_above_100_are_rejected() {
    let mut d = curated();
    d.facts[2].role_skills[0].share_pct = Some(101.0);
    let text = error_of(&d);
    assert!(
        text.contains("role_skills[0]") && text.contains("share_pct"),
        "{text}"
    );
}

#[test]
fn a_source_as_of_must_be_a_month() {
    let mut d = curated();
    d.sources[0].as_of = Some("2025-05".into());
    validate(&d).unwrap();
    d.sources[0].as_of = Some("May 2025".into());
    let text = error_of(&d);
    assert!(
        text.contains("as_of") && text.contains("May 2025"),
        "{text}"
    );
}

#[test]
fn negative_salaries_and_inverted_ranges_are_rejected() {
    let mut d = curated();
    d.facts[0].profiles[0].salary_mean = Some(-1);
    assert!(error_of(&d).contains("salary_mean"));
    let mut d = curated();
    d.facts[0].profiles[0].salary_low = Some(200_000);
    assert!(error_of(&d).contains("salary_high"));
}

#[test]
fn unknown_references_and_bad_slugs_are_rejected() {
    let mut d = curated();
    d.facts[1].role_skills[0].skill = "no-such-skill".into();
    assert!(error_of(&d).contains("unknown skill `no-such-skill`"));
    let mut d = curated();
    d.roles[0].slug = "Bad Slug".into();
    assert!(error_of(&d).contains("[a-z0-9-]+"));
    let mut d = curated();
    d.facts[3].source = "nope.txt".into();
    assert!(error_of(&d).contains("unknown source `nope.txt`"));
}

#[test]
fn duplicate_natural_keys_are_rejected() {
    let mut d = curated();
    let again = d.facts[2].role_skills[0].clone();
    d.facts[2].role_skills.push(again);
    assert!(error_of(&d).contains("duplicate entry"));
    let mut d = curated();
    let again = d.roles[0].clone();
    d.roles.push(again);
    assert!(error_of(&d).contains("duplicate entry"));
}

#[test]
fn parsing_returns_the_records_normalised() {
    let mut d = curated();
    d.roles[0].title = "  CIO ".into();
    d.skills[0].category = "technical\t".into();
    d.facts[1].aliases.push(RoleList {
        role: d.roles[0].slug.clone(),
        items: vec![" Chief Information Officer ".into()],
    });
    let parsed = parse_dataset(d).unwrap();
    assert_eq!(parsed.roles[0].title, "CIO");
    assert_eq!(parsed.skills[0].category, "technical");
    let alias = parsed.facts[1].aliases.last().unwrap();
    assert_eq!(alias.items, ["Chief Information Officer"]);
}

#[test]
fn a_record_parses_on_its_own_rules_naming_the_broken_field() {
    let role = RoleRecord {
        slug: "cio".into(),
        title: " CIO ".into(),
        track: "management".into(),
        seniority: Some(7),
        onet_code: None,
        summary: None,
        job_zone: None,
    };
    assert_eq!(parse_record(role.clone()).unwrap().title, "CIO");
    let bad = RoleRecord {
        seniority: Some(9),
        ..role
    };
    let broken = parse_record(bad).unwrap_err();
    assert_eq!(broken.field, "seniority");
    assert!(broken.message.contains("outside"), "{broken:?}");
}

#[test]
fn rule_errors_carry_file_record_key_and_field_as_data() {
    let mut d = curated();
    d.roles[2].slug = "Bad Slug".into();
    match validate(&d) {
        Err(SeedError::Rule {
            file,
            facts,
            record,
            key,
            field,
            ..
        }) => {
            assert_eq!((file.as_str(), facts), (CATALOG_FILE, None));
            assert_eq!((record.as_str(), field.as_str()), ("roles[2]", "slug"));
            assert_eq!(key.as_deref(), Some("Bad Slug"));
        }
        other => panic!("expected a rule error, got {other:?}"),
    }
}
