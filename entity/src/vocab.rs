//! The domain vocabulary: every enumerated value the data uses, defined once.
//!
//! Each enum is stored as its snake_case name (`promotion`, `employer_type`), read and
//! written by sea-orm (`DeriveActiveEnum`), by the dataset format (serde, same spelling),
//! mapped one-to-one to a GraphQL enum by the api (`#[graphql(remote = …)]`) and used
//! as is by the route engine. A spelling appears nowhere else. What each value means is
//! documented once, on its GraphQL mirror (`api/src/graphql/enums.rs`): that is the text
//! users read in the schema.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Derives shared by every vocabulary enum.
macro_rules! vocabulary {
    ($($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? })+) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter,
            DeriveActiveEnum, Serialize, Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.to_value())
            }
        }
    )+};
}

vocabulary! {
    /// What kind of career move an edge is.
    MoveKind {
        Promotion,
        Lateral,
        Pivot,
        Related,
        /// Computed from skill similarity, never stored: routed only when asked for.
        Similar,
    }

    /// How much a role values a certification.
    Relevance {
        Required,
        Common,
        Preferred,
        Advantageous,
        Readiness,
    }

    /// How strongly an education level is expected.
    EducationRequirement {
        Required,
        Typical,
        Preferred,
    }

    /// Kinds of list facts about a role.
    AttributeKind {
        EmployerType,
        PayFactor,
        Resource,
        WorkEnvironment,
    }

    /// Where a fact comes from.
    SourceKind {
        Document,
        Dataset,
        Derived,
        Manual,
        Editorial,
    }

    /// What sort of narrative fact a role statement is.
    StatementKind {
        Requirement,
        Qualifier,
        Faq,
        Outlook,
        Trait,
        Knowledge,
        Duty,
        Comparison,
    }

    /// A demographic dimension.
    Dimension {
        /// Shares by gender.
        Gender,
        /// Shares by race or ethnicity.
        Race,
    }

    /// The kind of an area wages are published for (BLS area types N, S, M).
    AreaType {
        /// The whole United States.
        Nation,
        /// A state, the District of Columbia or a territory.
        State,
        /// A metropolitan or nonmetropolitan area.
        Metro,
    }
}

impl MoveKind {
    /// Whether route search takes this move by default (related roles are shown, never
    /// routed; computed similar moves only when a query asks for them).
    pub fn is_routable(self) -> bool {
        !matches!(self, Self::Related | Self::Similar)
    }
}

impl Relevance {
    /// Strength order, strongest first: what a skill-gap lists first.
    pub const BY_STRENGTH: [Relevance; 5] = [
        Self::Required,
        Self::Readiness,
        Self::Preferred,
        Self::Common,
        Self::Advantageous,
    ];

    /// Position in [`Self::BY_STRENGTH`] (0 = strongest).
    pub fn strength_rank(self) -> usize {
        Self::BY_STRENGTH
            .iter()
            .position(|r| *r == self)
            .unwrap_or(Self::BY_STRENGTH.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn stored_serialized_and_displayed_spellings_agree() {
        for kind in MoveKind::iter() {
            let stored = kind.to_value();
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, serde_json::Value::String(stored.clone()));
            assert_eq!(kind.to_string(), stored);
            assert_eq!(MoveKind::try_from_value(&stored).unwrap(), kind);
        }
        assert_eq!(AttributeKind::EmployerType.to_value(), "employer_type");
        assert_eq!(Relevance::Readiness.to_value(), "readiness");
    }

    #[test]
    fn unknown_spellings_are_rejected() {
        assert!(MoveKind::try_from_value(&"sideways".to_owned()).is_err());
        assert!(serde_json::from_str::<SourceKind>("\"Document\"").is_err());
    }

    #[test]
    fn every_relevance_has_a_strength() {
        for r in Relevance::iter() {
            assert!(r.strength_rank() < Relevance::BY_STRENGTH.len());
        }
    }
}
