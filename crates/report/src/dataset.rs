//! A dataset: one row per point of a design (a parameter sweep), kept as a
//! directory of Apache Parquet files that readers of Parquet datasets take
//! as one table (`pandas.read_parquet(dir)`, `pyarrow.dataset`).
//!
//! The directory holds
//!
//! - [`DATASET_MANIFEST`] (`_cupola_dataset.json`): what the rows are — the
//!   number of points, the columns with their kinds, and the caller's
//!   description of the design (for a sweep: scenario, study, keys and
//!   values, seed, cupola version). Written once, and compared on every
//!   reopening: a dataset is never continued under another design, and the
//!   error names what differs.
//! - `part-000012.parquet`: the row of point 12, one file per point, in a
//!   file of its own so that a finished point is on disk the moment it is
//!   written and a rerun after a kill skips it. Written to a temporary
//!   file (`.part-000012.parquet.PID-N.tmp`), synced, renamed into place
//!   and the directory synced: a kill leaves a part whole or absent, never
//!   torn.
//!
//! Readers of Parquet datasets skip names starting with `_` or `.`
//! (pyarrow's default), so the manifest and temporary files are not taken
//! for data. Parts are named with six digits, so their names sort in point
//! order up to [`MAX_DATASET_POINTS`].
//!
//! Columns: `point` (UINT32), then the caller's [`Field`]s: a number as an
//! optional DOUBLE (a missing value or NaN is null), a text as an optional
//! UTF-8 string. The writer's settings are fixed (no compression, no
//! dictionary, chunk statistics, no page index, no key-value metadata,
//! `created_by` the parquet crate's own version string) and nothing in a
//! file depends on the time or the machine: the same row gives the same
//! bytes, so a resumed dataset is byte-identical to an uninterrupted one.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::file::properties::{
    DEFAULT_CREATED_BY, EnabledStatistics, WriterProperties, WriterVersion,
};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field as Cell;
use parquet::schema::types::Type;

use crate::ReportError;

/// Name of the manifest in a dataset directory.
pub const DATASET_MANIFEST: &str = "_cupola_dataset.json";

/// Name of the column that holds each row's point index.
pub const POINT_COLUMN: &str = "point";

/// The most points a dataset may have: part names have six digits and
/// sort in point order below this (a million files in one directory is
/// also past what file systems list quickly).
pub const MAX_DATASET_POINTS: u32 = 1_000_000;

/// The largest manifest or part file read, bytes (16 MiB): a part holds
/// one row and a manifest one design, both far smaller; anything larger
/// is not one.
const MAX_FILE_BYTES: u64 = 16 << 20;

/// What the manifest's `format` says.
const FORMAT: &str = "cupola dataset 1";

/// The kind of a column's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A number (`f64`; Parquet DOUBLE, optional).
    Number,
    /// A text (UTF-8; Parquet BYTE_ARRAY as STRING, optional).
    Text,
}

/// A column of a dataset after `point`: its name and kind.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The column's name (e.g. a key path `sbi.altitude_km`, or a figure
    /// `p_no_leak_lo`).
    pub name: String,
    /// The kind of its values.
    pub kind: FieldKind,
}

impl Field {
    /// A number column named `name`.
    pub fn number(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: FieldKind::Number,
        }
    }

    /// A text column named `name`.
    pub fn text(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: FieldKind::Text,
        }
    }
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Datum {
    /// A number (None, or NaN: null).
    Number(Option<f64>),
    /// A text (None: null).
    Text(Option<String>),
}

impl Datum {
    fn kind(&self) -> FieldKind {
        match self {
            Self::Number(_) => FieldKind::Number,
            Self::Text(_) => FieldKind::Text,
        }
    }
}

/// One row: a point's index and its values, one per [`Field`] in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Index of the point in the design (from 0).
    pub point: u32,
    /// Its values.
    pub data: Vec<Datum>,
}

/// The manifest as stored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Manifest {
    format: String,
    points: u32,
    columns: Vec<Field>,
    design: serde_json::Value,
}

/// An open dataset directory (see the module documentation).
#[derive(Debug, Clone)]
pub struct Dataset {
    dir: PathBuf,
    manifest: Manifest,
}

fn err(dir: &Path, reason: impl Into<String>) -> ReportError {
    ReportError::Dataset {
        path: dir.to_owned(),
        reason: reason.into(),
    }
}

/// The file name of point `point`'s part: `part-000012.parquet`.
pub fn part_name(point: u32) -> String {
    format!("part-{point:06}.parquet")
}

/// The point of a part's file name, if it is one.
fn part_point(name: &str) -> Option<u32> {
    let digits = name.strip_prefix("part-")?.strip_suffix(".parquet")?;
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&p| part_name(p) == name)
}

/// `text`, cut to about 60 characters for a message.
fn brief(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Open `path` if it is a regular file of at most [`MAX_FILE_BYTES`].
fn open_capped(dir: &Path, path: &Path) -> Result<File, ReportError> {
    let io = |e: std::io::Error| err(dir, format!("cannot read {}: {e}", path.display()));
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return Err(err(
            dir,
            format!(
                "{} is not a regular file of at most {MAX_FILE_BYTES} bytes",
                path.display()
            ),
        ));
    }
    Ok(file)
}

/// Sync the directory itself, so that a rename in it survives a crash.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

/// Write `bytes` to a fresh temporary file in `dir` named after `name`,
/// synced; returns its path.
fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let write = |temp: &Path| -> std::io::Result<()> {
        let mut f = File::create_new(temp)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    write(&temp).map_err(|source| {
        let _ = fs::remove_file(&temp);
        ReportError::Write {
            path: dir.join(name),
            temp: temp.clone(),
            source,
        }
    })?;
    Ok(temp)
}

impl Dataset {
    /// Open the dataset in `dir` for a design of `points` points whose rows
    /// have `columns` after `point`, described by `design` (any JSON value:
    /// what the rows are, compared with the stored one). A missing or empty
    /// directory becomes a new dataset (its manifest written atomically;
    /// of two runs creating one at once, one writes it and the other
    /// compares); an existing one must hold the same design.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when `dir` holds another design (the error
    /// names the entries of `design` that differ), files that are not a
    /// dataset's, or columns that are not unique names (or one named
    /// `point`); more than [`MAX_DATASET_POINTS`] points; I/O failures as
    /// [`ReportError::CreateDir`] / [`ReportError::Write`].
    pub fn create(
        dir: &Path,
        points: u32,
        columns: Vec<Field>,
        design: serde_json::Value,
    ) -> Result<Self, ReportError> {
        if points > MAX_DATASET_POINTS {
            return Err(err(
                dir,
                format!("{points} points: a dataset holds at most {MAX_DATASET_POINTS}"),
            ));
        }
        let mut names = BTreeSet::from([POINT_COLUMN]);
        for c in &columns {
            if !names.insert(c.name.as_str()) {
                return Err(err(dir, format!("two columns are named `{}`", c.name)));
            }
        }
        let wanted = Manifest {
            format: FORMAT.into(),
            points,
            columns,
            design,
        };
        fs::create_dir_all(dir).map_err(|source| ReportError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(DATASET_MANIFEST);
        if !path.exists() {
            let listing = fs::read_dir(dir).map_err(|source| ReportError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
            if let Some(other) = listing
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| !n.starts_with('.'))
            {
                return Err(err(
                    dir,
                    format!(
                        "the directory holds `{}` but no {DATASET_MANIFEST}: it is not a \
                         dataset; give a new or empty directory",
                        brief(&other)
                    ),
                ));
            }
            let text = crate::to_json_pretty(&wanted)?;
            let temp = write_temp(dir, DATASET_MANIFEST, text.as_bytes())?;
            // A hard link creates the manifest only if there is none: of two
            // runs creating the dataset at once, the second compares.
            let linked = fs::hard_link(&temp, &path);
            let _ = fs::remove_file(&temp);
            match linked {
                Ok(()) => {
                    sync_dir(dir).map_err(|source| ReportError::Write {
                        path: path.clone(),
                        temp: temp.clone(),
                        source,
                    })?;
                    return Ok(Self {
                        dir: dir.to_owned(),
                        manifest: wanted,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => {
                    return Err(ReportError::Rename {
                        path: path.clone(),
                        temp,
                        source,
                    });
                }
            }
        }
        let found = Self::open(dir)?;
        if found.manifest != wanted {
            return Err(err(dir, found.differences(&wanted)));
        }
        Ok(found)
    }

    /// Open the existing dataset in `dir`, as its manifest describes it.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when there is no manifest or it cannot be
    /// read as one.
    pub fn open(dir: &Path) -> Result<Self, ReportError> {
        let path = dir.join(DATASET_MANIFEST);
        if !path.exists() {
            return Err(err(dir, format!("no {DATASET_MANIFEST}: not a dataset")));
        }
        let mut bytes = Vec::new();
        open_capped(dir, &path)?
            .read_to_end(&mut bytes)
            .map_err(|e| err(dir, format!("cannot read {}: {e}", path.display())))?;
        let manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| err(dir, format!("{DATASET_MANIFEST}: {e}")))?;
        if manifest.format != FORMAT {
            return Err(err(
                dir,
                format!(
                    "{DATASET_MANIFEST}: format \"{}\", this cupola reads \"{FORMAT}\"",
                    brief(&manifest.format)
                ),
            ));
        }
        Ok(Self {
            dir: dir.to_owned(),
            manifest,
        })
    }

    /// Why this dataset is not the `wanted` one, in words.
    fn differences(&self, wanted: &Manifest) -> String {
        let have = &self.manifest;
        let mut what = Vec::new();
        let show = |v: &serde_json::Value| brief(&v.to_string());
        match (&have.design, &wanted.design) {
            (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for k in keys {
                    let (x, y) = (a.get(k), b.get(k));
                    if x != y {
                        let none = serde_json::Value::Null;
                        what.push(format!(
                            "{k} {} there, {} here",
                            show(x.unwrap_or(&none)),
                            show(y.unwrap_or(&none))
                        ));
                    }
                }
            }
            (a, b) if a != b => what.push(format!("design {} there, {} here", show(a), show(b))),
            _ => {}
        }
        if have.points != wanted.points {
            what.push(format!(
                "{} points there, {} here",
                have.points, wanted.points
            ));
        }
        if have.columns != wanted.columns {
            let names = |c: &[Field]| {
                brief(
                    &c.iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            what.push(format!(
                "columns {} there, {} here",
                names(&have.columns),
                names(&wanted.columns)
            ));
        }
        format!(
            "it holds the rows of another design ({}); resume with the same command, or \
             give another directory",
            what.join("; ")
        )
    }

    /// The dataset's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Its number of points.
    pub fn points(&self) -> u32 {
        self.manifest.points
    }

    /// Its columns after `point`.
    pub fn columns(&self) -> &[Field] {
        &self.manifest.columns
    }

    /// The design it was created with.
    pub fn design(&self) -> &serde_json::Value {
        &self.manifest.design
    }

    /// The points whose parts are on disk.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when the directory cannot be listed, or
    /// holds a part beyond the design's points or a file that is neither a
    /// part nor hidden (a reader of the directory would take it for data).
    pub fn finished(&self) -> Result<BTreeSet<u32>, ReportError> {
        let dir = &self.dir;
        let listing = fs::read_dir(dir).map_err(|e| err(dir, format!("cannot list: {e}")))?;
        let mut done = BTreeSet::new();
        for entry in listing {
            let entry = entry.map_err(|e| err(dir, format!("cannot list: {e}")))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(['.', '_']) {
                continue;
            }
            match part_point(&name) {
                Some(p) if p < self.manifest.points => {
                    done.insert(p);
                }
                Some(p) => {
                    return Err(err(
                        dir,
                        format!(
                            "{name}: point {p} is beyond the design's {} points",
                            self.manifest.points
                        ),
                    ));
                }
                None => {
                    return Err(err(
                        dir,
                        format!(
                            "`{}` is not a part of the dataset (a reader of the directory \
                             would take it for one); move it elsewhere",
                            brief(&name)
                        ),
                    ));
                }
            }
        }
        Ok(done)
    }

    /// Write `record` as its point's part (replacing one already there,
    /// which holds the same row if the design is deterministic); returns
    /// the part's path.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when the record does not fit the dataset
    /// (point out of range, other number or kinds of values);
    /// [`ReportError::Parquet`] if encoding fails; [`ReportError::Write`] /
    /// [`ReportError::Rename`] for I/O failures.
    pub fn write(&self, record: &Record) -> Result<PathBuf, ReportError> {
        let bytes = self.encode(record)?;
        let name = part_name(record.point);
        let path = self.dir.join(&name);
        let temp = write_temp(&self.dir, &name, &bytes)?;
        if let Err(source) = fs::rename(&temp, &path) {
            let _ = fs::remove_file(&temp);
            return Err(ReportError::Rename { path, temp, source });
        }
        sync_dir(&self.dir).map_err(|source| ReportError::Write {
            path: path.clone(),
            temp,
            source,
        })?;
        Ok(path)
    }

    /// Remove the temporary files killed writers left. Call it only while
    /// holding the directory's lock ([`crate::OutputLock`]), which every
    /// writer of the dataset holds, so that no live writer's file goes.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when the directory cannot be listed or a
    /// file removed.
    pub fn remove_temporaries(&self) -> Result<(), ReportError> {
        let dir = &self.dir;
        let listing = fs::read_dir(dir).map_err(|e| err(dir, format!("cannot list: {e}")))?;
        for entry in listing.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                fs::remove_file(entry.path())
                    .map_err(|e| err(dir, format!("cannot remove {name}: {e}")))?;
            }
        }
        Ok(())
    }

    /// The row of `point`, read back from its part.
    ///
    /// # Errors
    ///
    /// [`ReportError::Dataset`] when the part is missing, cannot be read,
    /// or does not hold one row of this dataset's columns.
    pub fn read(&self, point: u32) -> Result<Record, ReportError> {
        let name = part_name(point);
        let file = open_capped(&self.dir, &self.dir.join(&name))?;
        let bad = |reason: String| err(&self.dir, format!("{name}: {reason}"));
        let reader = SerializedFileReader::new(file).map_err(|e| bad(e.to_string()))?;
        let mut rows = reader.get_row_iter(None).map_err(|e| bad(e.to_string()))?;
        let row = match (rows.next(), rows.next()) {
            (Some(row), None) => row.map_err(|e| bad(e.to_string()))?,
            _ => return Err(bad("a part holds exactly one row".into())),
        };
        let mut cells = row.get_column_iter();
        match cells.next() {
            Some((n, Cell::UInt(p))) if n == POINT_COLUMN && *p == point => {}
            _ => return Err(bad(format!("its first column is not `point` {point}"))),
        }
        let mut data = Vec::with_capacity(self.manifest.columns.len());
        for field in &self.manifest.columns {
            let Some((n, cell)) = cells.next() else {
                return Err(bad(format!("no column `{}`", field.name)));
            };
            if *n != field.name {
                return Err(bad(format!("column `{n}` where `{}` belongs", field.name)));
            }
            data.push(match (field.kind, cell) {
                (FieldKind::Number, Cell::Double(v)) => Datum::Number(Some(*v)),
                (FieldKind::Number, Cell::Null) => Datum::Number(None),
                (FieldKind::Text, Cell::Str(s)) => Datum::Text(Some(s.clone())),
                (FieldKind::Text, Cell::Null) => Datum::Text(None),
                _ => return Err(bad(format!("column `{n}` is not of its kind"))),
            });
        }
        if let Some((n, _)) = cells.next() {
            return Err(bad(format!("an extra column `{n}`")));
        }
        Ok(Record { point, data })
    }

    /// Every finished row, in point order.
    ///
    /// # Errors
    ///
    /// As [`Dataset::finished`] and [`Dataset::read`].
    pub fn read_all(&self) -> Result<Vec<Record>, ReportError> {
        self.finished()?.into_iter().map(|p| self.read(p)).collect()
    }

    /// The bytes of `record`'s part.
    ///
    /// # Errors
    ///
    /// As [`Dataset::write`], without the I/O.
    pub fn encode(&self, record: &Record) -> Result<Vec<u8>, ReportError> {
        let columns = &self.manifest.columns;
        let bad = |reason: String| err(&self.dir, format!("point {}: {reason}", record.point));
        if record.point >= self.manifest.points {
            return Err(bad(format!(
                "beyond the design's {} points",
                self.manifest.points
            )));
        }
        if record.data.len() != columns.len() {
            return Err(bad(format!(
                "{} values for {} columns",
                record.data.len(),
                columns.len()
            )));
        }
        if let Some((f, _)) = columns
            .iter()
            .zip(&record.data)
            .find(|(f, d)| f.kind != d.kind())
        {
            return Err(bad(format!("the value of `{}` is not of its kind", f.name)));
        }
        encode(columns, record).map_err(|e| ReportError::Parquet {
            table: format!("{} point {}", self.dir.display(), record.point),
            reason: e.to_string(),
        })
    }
}

/// The fixed writer settings (see the module documentation).
fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_compression(Compression::UNCOMPRESSED)
        .set_dictionary_enabled(false)
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_offset_index_disabled(true)
        .set_bloom_filter_enabled(false)
        .set_key_value_metadata(None)
        .set_created_by(DEFAULT_CREATED_BY.to_owned())
        .build()
}

/// `record` (checked to fit `columns`) as a Parquet file.
fn encode(columns: &[Field], record: &Record) -> Result<Vec<u8>, parquet::errors::ParquetError> {
    let mut fields = vec![Arc::new(
        Type::primitive_type_builder(POINT_COLUMN, PhysicalType::INT32)
            .with_repetition(Repetition::REQUIRED)
            .with_logical_type(Some(LogicalType::integer(32, false)))
            .build()?,
    )];
    for c in columns {
        let t = match c.kind {
            FieldKind::Number => Type::primitive_type_builder(&c.name, PhysicalType::DOUBLE),
            FieldKind::Text => Type::primitive_type_builder(&c.name, PhysicalType::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String)),
        };
        fields.push(Arc::new(t.with_repetition(Repetition::OPTIONAL).build()?));
    }
    let schema = Type::group_type_builder("cupola")
        .with_fields(fields)
        .build()?;
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut out, Arc::new(schema), Arc::new(properties()))?;
    let mut group = writer.next_row_group()?;
    let mut k = 0;
    while let Some(mut col) = group.next_column()? {
        if k == 0 {
            col.typed::<Int32Type>()
                .write_batch(&[record.point.cast_signed()], None, None)?;
        } else {
            match &record.data[k - 1] {
                Datum::Number(v) => {
                    let v = v.filter(|x| !x.is_nan());
                    let present: Vec<f64> = v.into_iter().collect();
                    col.typed::<DoubleType>().write_batch(
                        &present,
                        Some(&[i16::from(v.is_some())]),
                        None,
                    )?;
                }
                Datum::Text(s) => {
                    let present: Vec<ByteArray> =
                        s.iter().map(|s| ByteArray::from(s.as_str())).collect();
                    col.typed::<ByteArrayType>().write_batch(
                        &present,
                        Some(&[i16::from(s.is_some())]),
                        None,
                    )?;
                }
            }
        }
        col.close()?;
        k += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(out)
}

#[cfg(test)]
mod tests;
