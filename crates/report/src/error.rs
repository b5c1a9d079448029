//! The error type of the report crate.

use std::path::PathBuf;

/// Everything that can go wrong while building or writing a report.
///
/// File-system variants name the path involved and carry the underlying
/// [`std::io::Error`] as their source.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A table's columns do not all have the same number of values.
    #[error(
        "table \"{table}\": column \"{column}\" has {found} values but column \"{first}\" has {expected}"
    )]
    ColumnLength {
        /// Title of the table.
        table: String,
        /// Name of the first column, whose length sets the expected row count.
        first: String,
        /// Name of the offending column.
        column: String,
        /// Number of values in the first column.
        expected: usize,
        /// Number of values in the offending column.
        found: usize,
    },

    /// An output file name is not a plain, portable file name.
    #[error("invalid output file name \"{name}\": {reason}")]
    InvalidName {
        /// The rejected name, as given.
        name: String,
        /// Why it was rejected.
        reason: &'static str,
    },

    /// A table could not be encoded as Parquet.
    #[error("table \"{table}\": cannot encode as Parquet: {reason}")]
    Parquet {
        /// Title of the table.
        table: String,
        /// What the encoder said.
        reason: String,
    },

    /// The output directory could not be created.
    #[error("cannot create output directory {}: {source}", path.display())]
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },

    /// A temporary file could not be created, written or synced to disk.
    #[error("cannot write {} (temporary file for {}): {source}", temp.display(), path.display())]
    Write {
        /// The final path the data was meant for.
        path: PathBuf,
        /// The temporary file being written.
        temp: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },

    /// The output directory path cannot be used: it names no directory of
    /// its own (`.`, `/`), or a file or symbolic link is there.
    #[error("{}: {reason}", path.display())]
    OutDirectory {
        /// The output directory as given.
        path: PathBuf,
        /// Why it cannot be used.
        reason: &'static str,
    },

    /// The output directory exists and holds files that no earlier run
    /// wrote (it has no manifest), so it is not replaced.
    #[error(
        "{} exists and holds files not written by cupola (it has no `.cupola-run` manifest);          give a new or empty directory, or remove this one",
        path.display()
    )]
    ForeignDirectory {
        /// The output directory.
        path: PathBuf,
    },

    /// Another run is writing the same output directory.
    #[error(
        "another run is writing this output directory (it holds the lock {}); wait for it to          finish or give another directory",
        lock.display()
    )]
    Locked {
        /// The lock file.
        lock: PathBuf,
    },

    /// A finished temporary file could not be renamed into place.
    #[error("cannot move {} into place as {}: {source}", temp.display(), path.display())]
    Rename {
        /// The final path.
        path: PathBuf,
        /// The temporary file that was to be renamed.
        temp: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },

    /// A plot could not be drawn.
    #[error("cannot render plot \"{title}\": {message}")]
    Plot {
        /// Title of the plot.
        title: String,
        /// What went wrong.
        message: String,
    },

    /// A point store cannot be used as it is.
    #[error("point store {}: {reason}", path.display())]
    Store {
        /// The store's directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// A dataset directory cannot be used as it is, or a row does not fit it.
    #[error("dataset {}: {reason}", path.display())]
    Dataset {
        /// The dataset's directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// A value could not be serialised to JSON.
    #[error("cannot serialise to JSON: {0}")]
    Json(#[from] serde_json::Error),
}
