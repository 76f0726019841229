//! Sources: where every fact comes from, a document or a dataset release.

use async_graphql::Object;
use entity::source;

use super::enums::SourceKind;
use super::kit::{View, indexed_type};

indexed_type!(Source, sources, source::Model, source_index_of_id, "source");

impl Source {
    /// The editorial source: values we set ourselves (classifications, weights, inferences)
    /// cite it. `None` when the data has none (e.g. after a dataset REPLACE without it).
    pub(crate) fn editorial(m: &View) -> Option<Self> {
        m.source_index(seed::dataset::EDITORIAL_SOURCE)
            .map(|i| Self::at(m, i))
    }
}

/// Where facts come from: a source document or a dataset release.
#[Object]
impl Source {
    /// File name of the document (e.g. `003_1223a2aff6a9897a.txt`) or dataset id.
    async fn key(&self) -> &str {
        &self.row().key
    }
    /// What the source is, in our words.
    async fn title(&self) -> &str {
        &self.row().title
    }
    /// Document, dataset or derivation rule.
    async fn kind(&self) -> SourceKind {
        self.row().kind.into()
    }
    /// Publisher, when known.
    async fn publisher(&self) -> Option<&str> {
        self.row().publisher.as_deref()
    }
    /// Where to find it, when known.
    async fn url(&self) -> Option<&str> {
        self.row().url.as_deref()
    }
    /// Attribution text that must accompany its data, when its licence requires one.
    async fn attribution(&self) -> Option<&str> {
        self.row().attribution.as_deref()
    }
    /// The month its figures are as of (`YYYY-MM`), for a dataset: a survey's reference month
    /// (BLS OEWS May 2025: `2025-05`) or a database release's month. Where two releases state
    /// the same figure, the newest leads the merged views (`Role.pay` and the others).
    async fn as_of(&self) -> Option<&str> {
        self.row().as_of.as_deref()
    }
}
