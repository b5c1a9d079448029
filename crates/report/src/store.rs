//! A resumable on-disk store of the finished points of a long run (the
//! points of an uncertainty or sensitivity design): a run killed at any
//! moment keeps every point it finished, and a rerun on the same store
//! skips them and computes the rest.
//!
//! The store is a directory holding `design.json` (what the points are:
//! written once, by a temporary file renamed into place, and compared on
//! every reopening so that a store is never resumed under another design)
//! and `points.jsonl`, one JSON line per finished point appended with a
//! single write and synced to disk before the next. A kill during a write
//! leaves at most a final line without its line feed, which reopening
//! ignores and cuts off: a point is either whole on disk or absent. Every
//! whole line must fit the design (a point index inside it, given once,
//! with the design's number of values): anything else is an error naming
//! the store, never a point silently filled with missing values. Values
//! are kept as the bit patterns of their `f64`s (with a readable copy), so
//! a resumed run computes from exactly the numbers an uninterrupted one
//! had. While open, the store holds the lock of its directory (see
//! [`OutputLock`]): two runs never append to one store.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{OutputLock, ReportError};

/// Name of the design file in a store.
pub const DESIGN_NAME: &str = "design.json";
/// Name of the points file in a store.
pub const POINTS_NAME: &str = "points.jsonl";

/// One finished point as stored: its index and its values (`None` for a
/// value the point does not have).
#[derive(serde::Serialize, serde::Deserialize)]
struct Line {
    /// Index of the point in the design.
    point: u64,
    /// The values' `f64` bit patterns (exact), `null` for a missing one.
    bits: Vec<Option<u64>>,
    /// The values as numbers, for a reader.
    values: Vec<Option<f64>>,
}

/// An open point store (see the module documentation).
#[derive(Debug)]
pub struct PointStore {
    dir: PathBuf,
    points: Mutex<File>,
    _lock: OutputLock,
}

/// Finished points by index, each with its values.
pub type Points = BTreeMap<u64, Vec<Option<f64>>>;

fn store_err(dir: &Path, reason: impl Into<String>) -> ReportError {
    ReportError::Store {
        path: dir.to_owned(),
        reason: reason.into(),
    }
}

impl PointStore {
    /// Open the store in `dir` (created if missing) for the design
    /// described by `design` (any JSON text; compared byte for byte with
    /// the stored one), whose points are numbered below `points` and each
    /// hold `width` values, and read the points it already holds.
    ///
    /// # Errors
    ///
    /// [`ReportError::Store`] when `dir` holds another design, or a line
    /// other than a torn last one cannot be read or does not fit the
    /// design (a point index out of range or given twice, another number
    /// of values); [`ReportError::Locked`] when another run has the store
    /// open; [`ReportError::CreateDir`] / [`ReportError::Write`] /
    /// [`ReportError::Rename`] for I/O failures.
    pub fn open(
        dir: &Path,
        design: &str,
        points: u64,
        width: usize,
    ) -> Result<(Self, Points), ReportError> {
        let total = points;
        fs::create_dir_all(dir).map_err(|source| ReportError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
        let lock = OutputLock::acquire(dir)?;
        let design_path = dir.join(DESIGN_NAME);
        let write_err = |path: &Path, source| ReportError::Write {
            path: path.to_owned(),
            temp: path.to_owned(),
            source,
        };
        match fs::read_to_string(&design_path) {
            Ok(stored) if stored == design => {}
            Ok(_) => {
                return Err(store_err(
                    dir,
                    "it holds the points of another design (other scenario, keys, \
                     samples, seed or cupola version); give a new directory",
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let temp = dir.join(format!(".{DESIGN_NAME}.tmp"));
                let mut f = File::create(&temp).map_err(|e| write_err(&temp, e))?;
                f.write_all(design.as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(|e| write_err(&temp, e))?;
                fs::rename(&temp, &design_path).map_err(|source| ReportError::Rename {
                    path: design_path.clone(),
                    temp: temp.clone(),
                    source,
                })?;
            }
            Err(e) => return Err(write_err(&design_path, e)),
        }
        let points_path = dir.join(POINTS_NAME);
        let text = match fs::read(&points_path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(write_err(&points_path, e)),
        };
        // Everything after the last line feed is a torn write.
        let whole = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut points = Points::new();
        for (n, line) in text[..whole].split(|&b| b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let at =
                |reason: String| store_err(dir, format!("{POINTS_NAME} line {}: {reason}", n + 1));
            let l: Line = serde_json::from_slice(line).map_err(|e| at(e.to_string()))?;
            if l.point >= total {
                return Err(at(format!(
                    "point {} is beyond the design's {total} points",
                    l.point
                )));
            }
            if l.bits.len() != width || l.values.len() != width {
                return Err(at(format!(
                    "point {} has {} values (readable copy: {}), the design {width}",
                    l.point,
                    l.bits.len(),
                    l.values.len()
                )));
            }
            let values = l.bits.iter().map(|b| b.map(f64::from_bits)).collect();
            if points.insert(l.point, values).is_some() {
                return Err(at(format!("point {} is stored twice", l.point)));
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&points_path)
            .map_err(|e| write_err(&points_path, e))?;
        if whole < text.len() {
            file.set_len(whole as u64)
                .map_err(|e| write_err(&points_path, e))?;
        }
        Ok((
            Self {
                dir: dir.to_owned(),
                points: Mutex::new(file),
                _lock: lock,
            },
            points,
        ))
    }

    /// Record the finished point `point` with its `values`: one line,
    /// written at once and synced before this returns.
    ///
    /// # Errors
    ///
    /// [`ReportError::Write`] when the line cannot be written or synced.
    pub fn append(&self, point: u64, values: &[Option<f64>]) -> Result<(), ReportError> {
        let line = Line {
            point,
            bits: values.iter().map(|v| v.map(f64::to_bits)).collect(),
            values: values.iter().map(|v| v.filter(|x| x.is_finite())).collect(),
        };
        let mut text = serde_json::to_vec(&line)?;
        text.push(b'\n');
        let path = self.dir.join(POINTS_NAME);
        let mut file = self
            .points
            .lock()
            .map_err(|_| store_err(&self.dir, "a writer failed while holding the store"))?;
        file.write_all(&text)
            .and_then(|()| file.sync_data())
            .map_err(|source| ReportError::Write {
                temp: path.clone(),
                path,
                source,
            })
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_survive_reopening_exactly_and_a_torn_line_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let third = 1.0 / 3.0;
        {
            let (s, done) = PointStore::open(&dir, "{\"n\":2}", 3, 2).unwrap();
            assert!(done.is_empty());
            s.append(1, &[Some(third), None]).unwrap();
            s.append(0, &[Some(f64::INFINITY), Some(-0.0)]).unwrap();
        }
        // A kill in the middle of the third line.
        let path = dir.join(POINTS_NAME);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"point\":2,\"bits\":[4").unwrap();
        drop(f);
        let (s, done) = PointStore::open(&dir, "{\"n\":2}", 3, 2).unwrap();
        assert_eq!(done.len(), 2);
        assert_eq!(done[&1], vec![Some(third), None]);
        assert_eq!(done[&0][0], Some(f64::INFINITY));
        assert!(done[&0][1].unwrap().is_sign_negative());
        s.append(2, &[Some(2.0), Some(3.0)]).unwrap();
        drop(s);
        let (_, done) = PointStore::open(&dir, "{\"n\":2}", 3, 2).unwrap();
        assert_eq!(done[&2], vec![Some(2.0), Some(3.0)]);
    }

    #[test]
    fn another_design_or_a_second_writer_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let (s, _) = PointStore::open(&dir, "a", 2, 1).unwrap();
        assert!(matches!(
            PointStore::open(&dir, "a", 2, 1),
            Err(ReportError::Locked { .. })
        ));
        drop(s);
        let err = PointStore::open(&dir, "b", 2, 1).unwrap_err();
        assert!(err.to_string().contains("another design"), "{err}");
    }

    #[test]
    fn a_damaged_line_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        drop(PointStore::open(&dir, "a", 2, 1).unwrap());
        fs::write(dir.join(POINTS_NAME), "not json\n").unwrap();
        let err = PointStore::open(&dir, "a", 2, 1).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn a_line_that_does_not_fit_the_design_is_an_error_naming_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let ok = "{\"point\":0,\"bits\":[null],\"values\":[null]}\n";
        for (bad, why) in [
            (
                "{\"point\":1,\"bits\":[null,null],\"values\":[null,null]}\n",
                "has 2 values",
            ),
            ("{\"point\":1,\"bits\":[],\"values\":[]}\n", "has 0 values"),
            (
                "{\"point\":7,\"bits\":[null],\"values\":[null]}\n",
                "beyond the design's 2 points",
            ),
            (ok, "stored twice"),
        ] {
            let _ = fs::remove_dir_all(&dir);
            drop(PointStore::open(&dir, "a", 2, 1).unwrap());
            fs::write(dir.join(POINTS_NAME), format!("{ok}{bad}")).unwrap();
            let err = PointStore::open(&dir, "a", 2, 1).unwrap_err().to_string();
            assert!(err.contains("point store"), "{err}");
            assert!(err.contains("line 2") && err.contains(why), "{err}");
        }
    }
}
