//! The register of described tables: each table's TOML path and its key
//! descriptors, for [`crate::key::tables`] and the docs.

use crate::key::KeyDescriptor;

/// Every described table, by TOML path, in the order of `docs/scenario.md`.
pub(crate) static TABLES: &[(&str, &[KeyDescriptor])] =
    &[("cost.element", crate::cost::element::ELEMENT_KEYS)];
