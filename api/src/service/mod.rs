//! Use cases: career questions, role and catalog listings over the read model, and the admin
//! writes (the only sea-orm access of the request path).

pub mod admin;
pub mod career;
pub mod catalog;
pub mod place;
pub mod planning;
pub mod role;

/// A window over an ordered list: skip `offset`, take `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}
