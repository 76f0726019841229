//! GraphQL enums for the text-coded columns, with their database spelling.

use async_graphql::Enum;

use crate::error::{ApiError, GqlResult};

macro_rules! db_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $db:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// The value stored in the database.
            pub fn as_db(self) -> &'static str {
                match self { $(Self::$variant => $db),+ }
            }

            /// Parses a stored value; an unknown one is an internal error (bad data).
            pub fn from_db(value: &str) -> GqlResult<Self> {
                match value {
                    $($db => Ok(Self::$variant),)+
                    other => Err(ApiError::Internal(anyhow::anyhow!(
                        concat!("unknown ", stringify!($name), " `{}` in database"), other
                    )).into()),
                }
            }
        }
    };
}

db_enum!(/// What kind of career move an edge is.
MoveKind {
    /// A step up in seniority or scope.
    Promotion = "promotion",
    /// A move at about the same level.
    Lateral = "lateral",
    /// A change of track or field.
    Pivot = "pivot",
    /// A related role (similar work), not necessarily a move people make.
    Related = "related",
});

db_enum!(/// How much a role values a certification.
CertificationRelevance {
    /// Employers require it.
    Required = "required",
    /// Commonly held by people in the role.
    Common = "common",
    /// Employers prefer it.
    Preferred = "preferred",
    /// An advantage, not an expectation.
    Advantageous = "advantageous",
    /// Signals readiness for the role or the next level.
    Readiness = "readiness",
});

db_enum!(/// How strongly an education level is expected.
EducationRequirement {
    /// Employers require it.
    Required = "required",
    /// What people in the role usually have.
    Typical = "typical",
    /// Employers prefer it.
    Preferred = "preferred",
});

db_enum!(/// Kinds of list facts about a role.
AttributeKind {
    /// Kinds of employers that hire the role most.
    EmployerType = "employer_type",
    /// Factors that move pay up or down.
    PayFactor = "pay_factor",
    /// Websites, blogs, associations and communities for people in the role.
    Resource = "resource",
    /// What the workplace is like: setting, hours, dress, pace.
    WorkEnvironment = "work_environment",
});

db_enum!(/// The kind of a source.
SourceKind {
    /// A source document (career web page), cited by file name.
    Document = "document",
    /// A public dataset release (e.g. O*NET 29.3).
    Dataset = "dataset",
    /// A rule of ours that derived facts from other sources.
    Derived = "derived",
    /// Entered by an administrator through the API.
    Manual = "manual",
});
