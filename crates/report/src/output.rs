//! Atomic writing of a set of output files.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::ReportError;

/// Distinguishes temporary files of concurrent writers in one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A set of files to write together into one directory.
///
/// Names are plain file names (`summary.csv`), kept in insertion order;
/// adding a name again replaces its contents. Names are checked when the
/// set is written (and by [`OutputSet::check_name`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    files: Vec<(String, Vec<u8>)>,
}

impl OutputSet {
    /// Creates an empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file, replacing any earlier file of the same name.
    pub fn add(&mut self, name: impl Into<String>, contents: impl Into<Vec<u8>>) -> &mut Self {
        let name = name.into();
        let contents = contents.into();
        match self.files.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = contents,
            None => self.files.push((name, contents)),
        }
        self
    }

    /// Adds a file (builder style). See [`OutputSet::add`].
    #[must_use]
    pub fn with_file(mut self, name: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        self.add(name, contents);
        self
    }

    /// Number of files in the set.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True if the set holds no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file names, in insertion order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The contents of the named file, if present.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_slice())
    }

    /// Checks that `name` is a plain, portable file name: not empty, not
    /// absolute, no `/` or `\` separators, no `..`, not `.`, no `:`, no
    /// control characters.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidName`] saying what is wrong.
    pub fn check_name(name: &str) -> Result<(), ReportError> {
        let reason = if name.is_empty() {
            Some("name is empty")
        } else if Path::new(name).is_absolute() || name.starts_with(['/', '\\']) {
            Some("absolute paths are not allowed; give a file name")
        } else if name.contains("..") {
            Some("\"..\" is not allowed")
        } else if name.contains(['/', '\\']) {
            Some("path separators are not allowed; give a file name")
        } else if name == "." {
            Some("\".\" is not a file name")
        } else if name.contains(':') {
            Some("\":\" is not allowed (drive or stream separator on Windows)")
        } else if name.chars().any(char::is_control) {
            Some("control characters are not allowed")
        } else {
            None
        };
        match reason {
            None => Ok(()),
            Some(reason) => Err(ReportError::InvalidName {
                name: name.to_owned(),
                reason,
            }),
        }
    }

    /// Writes every file into `dir`, creating `dir` (and missing parents)
    /// first. Returns the final paths, in insertion order.
    ///
    /// Each file is first written to a hidden temporary file in `dir`
    /// (`.name.tmp-<pid>-<n>`) and synced to disk; only when all of them
    /// are written are they renamed into place, replacing any existing
    /// files of the same name, and the directory is then synced (best
    /// effort, Unix only). Readers therefore see each file either whole
    /// and old or whole and new, never partial.
    ///
    /// On failure the temporaries are removed, directories this call
    /// created are removed again if still empty, and the error is
    /// returned. A failure before the renames leaves `dir` untouched; a
    /// rename failing part way (rare: all targets are checked first) leaves
    /// the files renamed so far in place, each complete.
    ///
    /// # Errors
    ///
    /// - [`ReportError::InvalidName`] for a bad name (nothing is written);
    /// - [`ReportError::CreateDir`] if `dir` cannot be created (e.g. it is
    ///   a file);
    /// - [`ReportError::TargetIsDirectory`] if a destination is a directory;
    /// - [`ReportError::Write`] / [`ReportError::Rename`] for I/O failures.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
        for (name, _) in &self.files {
            Self::check_name(name)?;
        }
        let created = create_dir_tracked(dir)?;
        let result = self.write_files(dir);
        if result.is_err() {
            // Undo directories this call created; remove_dir only succeeds on
            // empty directories, so nothing else is at risk.
            remove_empty_dirs(&created);
        }
        result
    }

    fn write_files(&self, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
        let mut temps = TempFiles::default();
        let mut finals = Vec::with_capacity(self.files.len());
        for (name, contents) in &self.files {
            let path = dir.join(name);
            write_temp(dir, name, contents, &path, &mut temps)?;
            finals.push(path);
        }
        for path in &finals {
            if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
                return Err(ReportError::TargetIsDirectory { path: path.clone() });
            }
        }
        for (i, path) in finals.iter().enumerate() {
            let temp = &temps.paths[i];
            fs::rename(temp, path).map_err(|source| ReportError::Rename {
                path: path.clone(),
                temp: temp.clone(),
                source,
            })?;
            temps.renamed = i + 1;
        }
        sync_dir(dir);
        Ok(finals)
    }
}

/// Temporary files created so far, in file order. On drop, those not yet
/// renamed into place (from index `renamed` on) are removed.
#[derive(Default)]
struct TempFiles {
    paths: Vec<PathBuf>,
    renamed: usize,
}

impl Drop for TempFiles {
    fn drop(&mut self) {
        for p in self.paths.iter().skip(self.renamed) {
            let _ = fs::remove_file(p);
        }
    }
}

/// Creates a fresh temporary file for `name` in `dir`, writes and syncs it,
/// and records it in `temps` (also on failure, so it gets removed).
fn write_temp(
    dir: &Path,
    name: &str,
    contents: &[u8],
    path: &Path,
    temps: &mut TempFiles,
) -> Result<(), ReportError> {
    let pid = std::process::id();
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.tmp-{pid}-{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(source) => {
                return Err(ReportError::Write {
                    path: path.to_owned(),
                    temp,
                    source,
                });
            }
        }
    };
    temps.paths.push(temp.clone());
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|source| ReportError::Write {
            path: path.to_owned(),
            temp,
            source,
        })
}

/// Creates `dir` and any missing parents, returning the directories that
/// did not exist before, outermost first.
fn create_dir_tracked(dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.as_os_str().is_empty() || fs::symlink_metadata(d).is_ok() {
            break;
        }
        missing.push(d.to_owned());
        cur = d.parent();
    }
    missing.reverse();
    match fs::create_dir_all(dir) {
        Ok(()) => Ok(missing),
        Err(source) => {
            remove_empty_dirs(&missing);
            Err(ReportError::CreateDir {
                path: dir.to_owned(),
                source,
            })
        }
    }
}

/// Removes `dirs` innermost first, stopping at the first that is not empty
/// (or cannot be removed). `remove_dir` never removes a non-empty directory.
fn remove_empty_dirs(dirs: &[PathBuf]) {
    for d in dirs.iter().rev() {
        if fs::remove_dir(d).is_err() {
            break;
        }
    }
}

/// Syncs the directory entry so the renames survive a crash. Best effort:
/// some file systems and platforms cannot sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests;
