//! The catalog's nodes: skills and certifications, each linked to the roles that need them.

use async_graphql::{ID, Object};
use entity::{certification, skill};

use super::{RoleCertification, RoleSkill, global_id};
use crate::graphql::kit::{At, indexed_type};
use crate::graphql::source::Source;

indexed_type!(Skill, skills, skill::Model, skill_index_of_id, "skill");
indexed_type!(
    Certification,
    certifications,
    certification::Model,
    certification_index_of_id,
    "certification"
);

/// A skill or knowledge area.
#[Object]
impl Skill {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Skill", &self.row().slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.row().slug
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// Category: `technical`, `management`, `business` or `interpersonal`.
    async fn category(&self) -> &str {
        &self.row().category
    }
    /// Roles that need this skill, with each source's weight.
    async fn roles(&self) -> Vec<RoleSkill> {
        self.m.skill_links[self.i as usize]
            .iter()
            .map(|l| RoleSkill(At::new(&self.m, l.role, l.pos as usize)))
            .collect()
    }
}

/// A professional certification.
#[Object]
impl Certification {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Certification", &self.row().slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.row().slug
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// Usual abbreviation, e.g. `PMP`.
    async fn acronym(&self) -> Option<&str> {
        self.row().acronym.as_deref()
    }
    /// Body that awards it.
    async fn issuer(&self) -> Option<&str> {
        self.row().issuer.as_deref()
    }
    /// Where `issuer` comes from: the editorial source (the documents name certifications,
    /// not their issuers); null when no issuer is set.
    async fn issuer_source(&self) -> Option<Source> {
        self.row()
            .issuer
            .as_ref()
            .and_then(|_| Source::editorial(&self.m))
    }
    /// Roles that value it, with relevance and source.
    async fn roles(&self) -> Vec<RoleCertification> {
        self.m.certification_links[self.i as usize]
            .iter()
            .map(|l| RoleCertification(At::new(&self.m, l.role, l.pos as usize)))
            .collect()
    }
}
