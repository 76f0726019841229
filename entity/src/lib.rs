//! sea-orm entities of the career knowledge graph.
//!
//! Tables only: no GraphQL types and no business rules live here. Every fact table
//! carries a `source_id` so the API can say where each number came from.

pub mod area;
pub mod area_wage;
pub mod audit_log;
pub mod career_move;
pub mod certification;
pub mod data_version;
pub mod job_zone;
pub mod role;
pub mod role_alias;
pub mod role_attribute;
pub mod role_certification;
pub mod role_comparison;
pub mod role_demographic;
pub mod role_duty;
pub mod role_education;
pub mod role_profile;
pub mod role_regional_wage;
pub mod role_skill;
pub mod role_statement;
pub mod role_technology;
pub mod skill;
pub mod source;
pub mod vocab;

pub mod prelude {
    //! Entity aliases for terse queries.
    pub use super::area::Entity as Area;
    pub use super::area_wage::Entity as AreaWage;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::career_move::Entity as CareerMove;
    pub use super::certification::Entity as Certification;
    pub use super::data_version::Entity as DataVersion;
    pub use super::role::Entity as Role;
    pub use super::role_alias::Entity as RoleAlias;
    pub use super::role_attribute::Entity as RoleAttribute;
    pub use super::role_certification::Entity as RoleCertification;
    pub use super::role_comparison::Entity as RoleComparison;
    pub use super::role_demographic::Entity as RoleDemographic;
    pub use super::role_duty::Entity as RoleDuty;
    pub use super::role_education::Entity as RoleEducation;
    pub use super::role_profile::Entity as RoleProfile;
    pub use super::role_regional_wage::Entity as RoleRegionalWage;
    pub use super::role_skill::Entity as RoleSkill;
    pub use super::role_statement::Entity as RoleStatement;
    pub use super::role_technology::Entity as RoleTechnology;
    pub use super::skill::Entity as Skill;
    pub use super::source::Entity as Source;
}
