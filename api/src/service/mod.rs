//! Use cases: career questions, role and catalog listings over the read model, and the admin
//! writes. The admin writes and the first read of the area wages (`model::place`, read once
//! per data version, apart from the rest of the model) are the request path's only database
//! access.

pub mod admin;
pub mod career;
pub mod catalog;
pub mod check;
pub mod place;
pub mod planning;
pub mod role;

/// A window over an ordered list: skip `offset`, take `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}
