//! GraphQL faces of the domain vocabulary (`entity::vocab`): each enum here mirrors one
//! vocabulary enum variant for variant (`remote`), so a spelling exists only there.

use async_graphql::Enum;

/// What kind of career move an edge is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::MoveKind")]
pub enum MoveKind {
    /// A step up in seniority or scope.
    Promotion,
    /// A move at about the same level.
    Lateral,
    /// A change of track or field.
    Pivot,
    /// A related role (similar work), not necessarily a move people make.
    Related,
    /// Computed from skill similarity (the first role covers most of what the second needs);
    /// never stored, only in answers that ask for computed moves.
    Similar,
}

/// How much a role values a certification.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::Relevance")]
pub enum CertificationRelevance {
    /// Employers require it.
    Required,
    /// Commonly held by people in the role.
    Common,
    /// Employers prefer it.
    Preferred,
    /// An advantage, not an expectation.
    Advantageous,
    /// Signals readiness for the role or the next level.
    Readiness,
}

/// How strongly an education level is expected.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::EducationRequirement")]
pub enum EducationRequirement {
    /// Employers require it.
    Required,
    /// What people in the role usually have.
    Typical,
    /// Employers prefer it.
    Preferred,
}

/// Kinds of list facts about a role.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::AttributeKind")]
pub enum AttributeKind {
    /// Kinds of employers that hire the role most.
    EmployerType,
    /// Factors that move pay up or down.
    PayFactor,
    /// Websites, blogs, associations and communities for people in the role.
    Resource,
    /// What the workplace is like: setting, hours, dress, pace.
    WorkEnvironment,
}

/// The kind of a source.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::SourceKind")]
pub enum SourceKind {
    /// A source document (career web page), cited by file name.
    Document,
    /// A public dataset release (e.g. O*NET 29.3).
    Dataset,
    /// A rule of ours that derived facts from other sources.
    Derived,
    /// Entered by an administrator through the API.
    Manual,
    /// Our own editorial judgement (a classification, scale or mapping such as a move's
    /// likelihood weight), stated by no document.
    Editorial,
}

/// What sort of narrative fact a role statement is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::StatementKind")]
pub enum StatementKind {
    /// Something the role asks of candidates.
    Requirement,
    /// A condition or nuance on another fact (how many employers, at least, usually).
    Qualifier,
    /// The answer to a frequently asked question (`question` holds the question).
    Faq,
    /// Where the role and its field are heading.
    Outlook,
    /// A personal quality people in the role are described with.
    Trait,
    /// Knowledge the role needs.
    Knowledge,
    /// Work the role does, beyond the listed duties.
    Duty,
    /// How the role differs from another one.
    Comparison,
}

/// The kind of an area pay is published for.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(remote = "entity::vocab::AreaType")]
pub enum AreaType {
    /// The whole United States.
    Nation,
    /// A state, the District of Columbia or a territory.
    State,
    /// A metropolitan or nonmetropolitan area.
    Metro,
}

/// What a salary change is computed from.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::place::SalaryBasis")]
pub enum SalaryBasis {
    /// Both roles' own pay (each from a source describing that role, e.g. its document).
    RolePay,
    /// Both roles' occupation benchmarks (BLS national figures of the same release) for two
    /// different occupations.
    OccupationBenchmark,
    /// Both roles' annual medians in the asked area (BLS OEWS) for two different occupations.
    AreaMedian,
    /// No pair of figures of one kind: e.g. two roles of one occupation whose only pay is that
    /// occupation's benchmark, or one role with its own pay and one with only a benchmark.
    /// The salary change is null.
    NotComparable,
}
