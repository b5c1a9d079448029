//! Report writers for cupola.
//!
//! This crate turns study results into things people read: CSV tables
//! ([`Table`]), aligned terminal tables ([`TextTable`]), SVG line plots
//! ([`LinePlot`]), pretty JSON ([`to_json_pretty`]), a self-contained HTML
//! report ([`HtmlReport`]), and writes them to disk as one directory swapped
//! in whole, under a lock ([`OutputSet`], [`OutputLock`]); the rows of a
//! parameter sweep as a Parquet dataset, one file per point ([`Dataset`]).
//!
//! Nothing here prints. Only [`OutputSet::write_to`], [`OutputLock`],
//! [`PointStore`] and [`Dataset`] touch the file system;
//! every other function returns a `String` for the caller to show or store.
//!
//! Units are carried as data: a [`Column`] names its unit (e.g. `km`) and the
//! CSV header spells it as a suffix (`altitude_km`), following the scenario
//! key convention of the workspace.

mod columnar;
mod dataset;
mod error;
mod html;
mod json;
mod output;
mod plot;
mod store;
mod table;
mod text;

pub use dataset::{
    DATASET_MANIFEST, Dataset, Datum, Field, FieldKind, MAX_DATASET_POINTS, POINT_COLUMN, Record,
    part_name,
};
pub use error::ReportError;
pub use html::{HtmlReport, HtmlSection, escape};
pub use json::to_json_pretty;
pub use output::{MANIFEST_NAME, OutputLock, OutputSet};
pub use plot::{LinePlot, LogLogPlot, Series, Tornado, TornadoRow};
pub use store::{DESIGN_NAME, POINTS_NAME, PointStore, Points};
pub use table::{Column, Table, csv_field};
pub use text::TextTable;
