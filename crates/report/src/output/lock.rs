//! The lock that keeps two runs from writing one output directory at once.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::ReportError;

/// An exclusive lock on an output directory, held while a run writes it.
///
/// The lock is an advisory `flock` on the file `.NAME.cupola-lock` beside
/// the directory `NAME` (beside, not inside, because the directory itself
/// is swapped whole). The kernel releases it when the process ends, however
/// it ends, so a killed run never leaves the directory locked; the lock
/// file itself is removed when the lock is dropped (a killed run leaves it
/// behind, harmless, and the next run reuses and removes it). On platforms
/// without `flock` the file is created exclusively instead, and a file left
/// by a killed run must be removed by hand (the error names it).
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    file: Option<File>,
}

impl OutputLock {
    /// The lock file of the output directory `dir`:
    /// `PARENT/.NAME.cupola-lock`. `None` when `dir` has no final name
    /// (`/`, `.`, `..`).
    pub fn path_for(dir: &Path) -> Option<PathBuf> {
        // A non-UTF-8 name is shown lossily: the path only has to be
        // stable for one directory.
        let name = dir.file_name()?.to_string_lossy();
        Some(parent_of(dir).join(format!(".{name}.cupola-lock")))
    }

    /// Takes the lock of the output directory `dir`, without waiting. The
    /// parent of `dir` must exist.
    ///
    /// # Errors
    ///
    /// [`ReportError::Locked`] naming the lock file when another run holds
    /// it; [`ReportError::OutDirectory`] when `dir` has no final name;
    /// [`ReportError::Write`] when the lock file cannot be created.
    pub fn acquire(dir: &Path) -> Result<Self, ReportError> {
        let path = Self::path_for(dir).ok_or_else(|| ReportError::OutDirectory {
            path: dir.to_owned(),
            reason: "it names no directory of its own; give a directory name such as `results`",
        })?;
        let write_err = |source| ReportError::Write {
            path: dir.to_owned(),
            temp: path.clone(),
            source,
        };
        // A lock file removed by its holder between our open and our lock
        // is no longer the lock: try again on the file now at `path`.
        for _ in 0..16 {
            // Without `flock`, an existing lock file means another run.
            let file = open_lock_file(&path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => ReportError::Locked { lock: path.clone() },
                _ => write_err(e),
            })?;
            if !try_lock(&file).map_err(write_err)? {
                return Err(ReportError::Locked { lock: path });
            }
            if same_file(&file, &path) {
                return Ok(Self {
                    path,
                    file: Some(file),
                });
            }
        }
        Err(ReportError::Locked { lock: path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, then release it by
        // closing: a waiting run that opened the old file sees it replaced.
        let _ = fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// The directory holding `dir` (the current directory for a bare name).
pub(super) fn parent_of(dir: &Path) -> &Path {
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

#[cfg(not(unix))]
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Takes the exclusive lock without waiting: `Ok(false)` when another
/// holder has it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    // Created exclusively by `open_lock_file`: holding it is the lock.
    Ok(true)
}

/// Whether the open `file` is still the file at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    true
}
