//! A response cache that is never stale: identical requests (the same body, or query string
//! for GET, from the same caller scope) at the same data version answer with the bytes
//! computed the first time, before the request is even parsed. Entries of older versions can never be hit (the version is part of the
//! key) and are dropped when a new version is seen; the cache is bounded in bytes.
//!
//! The same key gives the response's `ETag` (`"<version>-<hash>"`), so a GET revalidation
//! (`If-None-Match`) is answered with 304 before anything runs.

use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use actix_web::web::Bytes;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

/// Who may see a cached response: everyone, or one token.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// No token: the response may be shared with every anonymous caller (and HTTP caches).
    Public,
    /// A token's own responses, never shared with another token.
    Token(String),
}

/// What identifies one request's response at one data version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub version: i64,
    pub scope: Scope,
    /// The request as sent: the JSON body of a POST, the query string of a GET (so the method
    /// is part of it: a body starts with `{`, a query string never does).
    pub request: Bytes,
}

impl Key {
    /// A 64-bit digest of the key (for the ETag; the cache compares whole keys): the first
    /// eight bytes of a SHA-256 of its fields, each length-prefixed. SHA-256 is specified, so
    /// an ETag stays valid across restarts, between replicas and across builds (std's
    /// `DefaultHasher` promises none of that).
    pub fn digest(&self) -> u64 {
        let mut hasher = Sha256::new();
        hasher.update(self.version.to_le_bytes());
        let scope: &[u8] = match &self.scope {
            Scope::Public => b"",
            Scope::Token(id) => id.as_bytes(),
        };
        for part in [scope, &self.request[..]] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        let digest = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_le_bytes(first)
    }

    /// The entity tag of this response.
    pub fn etag(&self) -> String {
        format!("\"{}-{:016x}\"", self.version, self.digest())
    }

    fn size(&self) -> usize {
        self.request.len()
            + match &self.scope {
                Scope::Public => 0,
                Scope::Token(id) => id.len(),
            }
    }
}

/// A cached answer: the operation's metrics label and the response body.
#[derive(Clone, Debug)]
pub struct Cached {
    pub label: Arc<str>,
    pub body: Bytes,
}

#[derive(Clone)]
struct BySize;

impl Weighter<Key, Cached> for BySize {
    fn weight(&self, key: &Key, value: &Cached) -> u64 {
        // Bookkeeping overhead per entry, roughly.
        (key.size() + value.body.len() + value.label.len() + 128) as u64
    }
}

/// The bounded cache; `None` inside when turned off (size 0).
#[derive(Clone)]
pub struct ResponseCache {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    cache: Cache<Key, Cached, BySize>,
    /// Newest data version seen; older entries are cleared when it moves on.
    version: AtomicI64,
}

impl ResponseCache {
    /// A cache holding at most `megabytes` MB of keys and bodies (0 turns it off).
    pub fn new(megabytes: usize) -> Self {
        if megabytes == 0 {
            return Self { inner: None };
        }
        let bytes = (megabytes as u64).saturating_mul(1024 * 1024);
        Self {
            inner: Some(Arc::new(Inner {
                // Estimated items: a few KB per response.
                cache: Cache::with_weighter((bytes / 4096).max(16) as usize, bytes, BySize),
                version: AtomicI64::new(i64::MIN),
            })),
        }
    }

    /// True when caching is on.
    pub fn enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// The cached answer for `key`, if any.
    pub fn get(&self, key: &Key) -> Option<Cached> {
        let inner = self.inner.as_ref()?;
        let seen = inner.version.fetch_max(key.version, Ordering::AcqRel);
        if key.version > seen && seen != i64::MIN {
            // A new data version: nothing older can be hit again.
            inner.cache.clear();
        }
        inner.cache.get(key)
    }

    /// Remembers the answer for `key` (unless the data moved on meanwhile).
    pub fn put(&self, key: Key, label: &str, body: Bytes) {
        if let Some(inner) = &self.inner
            && key.version >= inner.version.load(Ordering::Acquire)
        {
            let label = Arc::from(label);
            inner.cache.insert(key, Cached { label, body });
        }
    }

    /// Bytes held (keys, bodies and overhead).
    pub fn weight(&self) -> u64 {
        self.inner.as_ref().map_or(0, |i| i.cache.weight())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: i64, scope: Scope, request: &str) -> Key {
        Key {
            version,
            scope,
            request: Bytes::copy_from_slice(request.as_bytes()),
        }
    }

    fn body(cached: Option<Cached>) -> Option<Bytes> {
        cached.map(|c| c.body)
    }

    #[test]
    fn entries_are_per_version_and_per_scope() {
        let cache = ResponseCache::new(1);
        let public = key(1, Scope::Public, "{ a }");
        cache.put(public.clone(), "A", Bytes::from_static(b"one"));
        assert_eq!(body(cache.get(&public)).as_deref(), Some(&b"one"[..]));
        assert_eq!(
            cache.get(&public).map(|c| c.label.to_string()),
            Some("A".into())
        );
        assert!(
            cache
                .get(&key(1, Scope::Token("ops".into()), "{ a }"))
                .is_none()
        );
        assert!(cache.get(&key(1, Scope::Public, "{ b }")).is_none());
        // A newer version misses and drops the old entries.
        assert!(cache.get(&key(2, Scope::Public, "{ a }")).is_none());
        assert!(cache.get(&public).is_none());
        // A late write of an old version is not kept.
        cache.put(public.clone(), "A", Bytes::from_static(b"stale"));
        assert!(cache.get(&public).is_none());
    }

    #[test]
    fn the_cache_is_bounded_and_can_be_off() {
        let cache = ResponseCache::new(1);
        for i in 0..2_000 {
            cache.put(
                key(1, Scope::Public, &format!("{{ q{i} }}")),
                "Q",
                Bytes::from(vec![b'x'; 4096]),
            );
        }
        assert!(cache.weight() <= 1024 * 1024, "{}", cache.weight());
        let off = ResponseCache::new(0);
        off.put(
            key(1, Scope::Public, "{ a }"),
            "A",
            Bytes::from_static(b"x"),
        );
        assert!(!off.enabled() && off.get(&key(1, Scope::Public, "{ a }")).is_none());
    }

    #[test]
    fn etags_name_the_version_and_differ_by_key() {
        let a = key(7, Scope::Public, "{ a }");
        assert!(a.etag().starts_with("\"7-"));
        assert_eq!(a.etag(), a.clone().etag());
        assert_ne!(a.etag(), key(7, Scope::Public, "{ b }").etag());
        assert_ne!(a.etag(), key(8, Scope::Public, "{ a }").etag());
        assert_ne!(a.etag(), key(7, Scope::Token("t".into()), "{ a }").etag());
        // Fixed by the algorithm, not by this build: replicas and later builds agree.
        assert_eq!(
            key(1, Scope::Public, "{ dataVersion }").digest(),
            0x150c_f480_5983_6d2d
        );
    }
}
