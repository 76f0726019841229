//! Admin authorization: `Authorization: Bearer <token>`, tokens configured as SHA-256 hashes
//! (`ADMIN_TOKENS=id:scope:hex,...`, scope `admin` or `read`) and compared in constant time.
//! Queries are public, except `exportDataset` (a token of any scope) and `auditLog` (an
//! `admin` token); mutations need an `admin` token. [`TokenGuard`] checks it on a field.

use async_graphql::{Context, Guard};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::ApiError;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Read and write.
    Admin,
    /// Read only: mutations are FORBIDDEN.
    ReadOnly,
}

/// Lets a field run only for a caller with a token: any token, or one with `admin` scope.
/// Without a token: UNAUTHENTICATED; a read-only token where `admin` is needed: FORBIDDEN.
pub struct TokenGuard {
    admin: bool,
}

impl TokenGuard {
    /// Needs a token with `admin` scope.
    pub fn admin() -> Self {
        Self { admin: true }
    }

    /// Needs a token of any scope.
    pub fn any() -> Self {
        Self { admin: false }
    }
}

impl Guard for TokenGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        match ctx.data_opt::<Caller>() {
            Some(Caller::Token { scope, .. }) if !self.admin || *scope == Scope::Admin => Ok(()),
            Some(Caller::Token { .. }) => Err(ApiError::Forbidden.into()),
            _ => Err(ApiError::Unauthenticated.into()),
        }
    }
}

/// A configured token: its id (for logs and the audit trail), scope and SHA-256 hash.
#[derive(Clone, Debug)]
struct TokenEntry {
    id: String,
    scope: Scope,
    hash: [u8; 32],
}

/// Who made a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// No `Authorization` header.
    Anonymous,
    /// A header that matches no configured token.
    Invalid,
    /// A configured token.
    Token { id: String, scope: Scope },
}

/// The configured tokens.
#[derive(Clone, Debug, Default)]
pub struct TokenSet(Vec<TokenEntry>);

/// SHA-256 of a token.
pub fn hash_token(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl TokenSet {
    /// Parses `id:scope:sha256hex` entries separated by commas (empty: no tokens).
    pub fn parse(spec: &str) -> anyhow::Result<Self> {
        let mut entries = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let mut parts = item.splitn(3, ':');
            let (Some(id), Some(scope), Some(hex_hash)) =
                (parts.next(), parts.next(), parts.next())
            else {
                anyhow::bail!("ADMIN_TOKENS entry `{item}` is not id:scope:sha256hex");
            };
            let scope = match scope {
                "admin" => Scope::Admin,
                "read" => Scope::ReadOnly,
                other => anyhow::bail!("ADMIN_TOKENS scope `{other}` is not admin or read"),
            };
            let bytes = hex::decode(hex_hash)
                .map_err(|_| anyhow::anyhow!("ADMIN_TOKENS hash of `{id}` is not hex"))?;
            let hash: [u8; 32] = bytes.try_into().map_err(|_| {
                anyhow::anyhow!("ADMIN_TOKENS hash of `{id}` is not 32 bytes (SHA-256)")
            })?;
            entries.push(TokenEntry {
                id: id.to_owned(),
                scope,
                hash,
            });
        }
        Ok(Self(entries))
    }

    /// Identifies the caller from an `Authorization` header value.
    pub fn caller(&self, header: Option<&str>) -> Caller {
        let Some(header) = header else {
            return Caller::Anonymous;
        };
        let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
            return Caller::Invalid;
        };
        let presented = hash_token(token);
        // Compare against every entry, in constant time, without stopping early.
        let mut found: Option<&TokenEntry> = None;
        for entry in &self.0 {
            if bool::from(entry.hash.ct_eq(&presented)) {
                found = Some(entry);
            }
        }
        match found {
            Some(entry) => Caller::Token {
                id: entry.id.clone(),
                scope: entry.scope,
            },
            None => Caller::Invalid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_matched_by_hash_and_scope() {
        let admin = hex::encode(hash_token("secret-a"));
        let reader = hex::encode(hash_token("secret-r"));
        let set = TokenSet::parse(&format!("ops:admin:{admin}, bot:read:{reader}")).unwrap();
        assert_eq!(
            set.caller(Some("Bearer secret-a")),
            Caller::Token {
                id: "ops".into(),
                scope: Scope::Admin
            }
        );
        assert_eq!(
            set.caller(Some("Bearer secret-r")),
            Caller::Token {
                id: "bot".into(),
                scope: Scope::ReadOnly
            }
        );
        assert_eq!(set.caller(Some("Bearer nope")), Caller::Invalid);
        assert_eq!(set.caller(Some("Basic secret-a")), Caller::Invalid);
        assert_eq!(set.caller(None), Caller::Anonymous);
        assert!(TokenSet::parse("x:root:00").is_err());
        assert!(TokenSet::parse("x:admin:zz").is_err());
    }
}
