//! Global object identification: `node(id)` and opaque global IDs.

use async_graphql::{Context, ID, Interface, Object};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::catalog::{Certification, Skill};
use super::role::Role;
use crate::error::{ApiError, GqlResult};

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

fn decode(id: &str) -> Option<(String, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(id).ok()?).ok()?;
    let (kind, slug) = text.split_once(':')?;
    Some((kind.to_owned(), slug.to_owned()))
}

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
        let (kind, slug) = decode(&id)
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

#[cfg(test)]
mod tests {
    #[test]
    fn global_ids_round_trip() {
        let id = super::global_id("Role", "cio");
        assert_eq!(super::decode(&id), Some(("Role".into(), "cio".into())));
        assert_eq!(super::decode("%%%"), None);
    }
}
