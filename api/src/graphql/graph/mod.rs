//! The graph's node types, which reference each other: roles, skills, certifications, the
//! moves between roles and the rows linking a role to its skills and certifications, and the
//! `Node` interface over them. This module owns them (its files import one another only
//! through it); value types below it (`source`, `profile`, `area`…) reference no node, and the
//! use-case query modules above it import nodes and values but not each other.

mod catalog;
mod facts;
mod moves;
mod role;

use async_graphql::{ID, Interface};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub use catalog::{Certification, Skill};
pub use facts::{
    AlternateTitle, CertificationItem, Duty, RatingStats, RegionalWage, RoleAttribute,
    RoleCertification, RoleSkill, SkillItem, Technology,
};
pub use moves::{CareerMove, SimilarRole};
pub use role::Role;

/// An object with a globally unique, stable ID.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Globally unique, opaque ID; pass it to `node(id:)`."
))]
pub enum Node {
    /// A role.
    Role(Role),
    /// A skill.
    Skill(Skill),
    /// A certification.
    Certification(Certification),
}

/// The global ID of a `type_name` object with this slug.
pub fn global_id(type_name: &str, slug: &str) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{type_name}:{slug}")))
}

/// The type name and slug a global ID stands for; `None` when it is not one of ours.
pub(crate) fn decode_global_id(id: &str) -> Option<(String, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(id).ok()?).ok()?;
    let (kind, slug) = text.split_once(':')?;
    Some((kind.to_owned(), slug.to_owned()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn global_ids_round_trip() {
        let id = super::global_id("Role", "cio");
        assert_eq!(
            super::decode_global_id(&id),
            Some(("Role".into(), "cio".into()))
        );
        assert_eq!(super::decode_global_id("%%%"), None);
    }
}
