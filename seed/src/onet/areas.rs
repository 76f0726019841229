//! The BLS by-area import lives in `seed::bls`; these names stay here for the callers that
//! reach it through `seed::onet`.

pub use crate::bls::{
    AREA_ATTRIBUTION, AREA_SOURCE, AreaImportReport, AreaPaths, AreaRecord, AreaWageRecord,
    ParsedAreas, footnote_text, import_areas, import_areas_by, parse_areas, usps_of_fips,
};
