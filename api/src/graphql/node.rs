//! Global object identification: `node(id)` fetches a role, skill or certification by the
//! opaque global ID its `id` field gave.

use async_graphql::{Context, ID, Object};

use super::graph::{Certification, Node, Role, Skill, decode_global_id};
use crate::error::{ApiError, GqlResult};

#[derive(Default)]
pub struct NodeQuery;

/// `node(id)` query.
#[Object]
impl NodeQuery {
    /// Fetches any object by its global ID.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID returned by an `id` field.")] id: ID,
    ) -> GqlResult<Option<Node>> {
        let m = super::model(ctx)?;
        let (kind, slug) = decode_global_id(&id)
            .ok_or_else(|| ApiError::bad_input("id", "is not a global ID of this API"))?;
        let node = match kind.as_str() {
            "Role" => Node::Role(Role::at(
                &m,
                m.role_index(&slug)
                    .ok_or_else(|| ApiError::not_found("role", &slug))?,
            )),
            "Skill" => Node::Skill(Skill::at(
                &m,
                m.skill_index(&slug)
                    .ok_or_else(|| ApiError::not_found("skill", &slug))?,
            )),
            "Certification" => Node::Certification(Certification::at(
                &m,
                m.certification_index(&slug)
                    .ok_or_else(|| ApiError::not_found("certification", &slug))?,
            )),
            _ => return Err(ApiError::bad_input("id", "is not a global ID of this API").into()),
        };
        Ok(Some(node))
    }
}
