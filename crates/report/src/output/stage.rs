//! The staged write behind [`OutputSet::write_to`]: a fresh directory beside
//! the destination, filled and synced, then swapped in whole.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::lock::{OutputLock, parent_of};
use crate::{OutputSet, ReportError};

/// Name of the manifest written into every output directory: its first line
/// is `cupola output set`, then one line per file, `BYTES<TAB>NAME`, in the
/// order written. Its presence marks a directory that
/// [`OutputSet::write_to`] may replace; a reader can check a directory's
/// files against it.
pub const MANIFEST_NAME: &str = ".cupola-run";

/// First line of the manifest.
const MANIFEST_HEADER: &str = "cupola output set";

/// Distinguishes staging directories of concurrent writers in one process.
static STAGE_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `set` as the whole contents of `dir` (see
/// [`OutputSet::write_to`]). `step` is called with a short description
/// before each change to the file system, in order; tests use it to stop
/// the process at every step.
pub(super) fn write_staged(
    set: &OutputSet,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ReportError> {
    for (name, _) in set.entries() {
        OutputSet::check_name(name)?;
    }
    let name = dir
        .file_name()
        .ok_or_else(|| ReportError::OutDirectory {
            path: dir.to_owned(),
            reason: "it names no directory of its own; give a directory name such as `results`",
        })?
        .to_string_lossy()
        .into_owned();
    let parent = parent_of(dir);
    step("create parent directories");
    let created = create_dir_tracked(parent)?;
    let result = locked_write(set, dir, parent, &name, step);
    if result.is_err() {
        // Undo directories this call created; remove_dir only succeeds on
        // empty directories, so nothing else is at risk.
        remove_empty_dirs(&created);
    }
    result
}

/// What is at the destination before the swap.
enum Target {
    /// Nothing, or an empty directory: the staging directory is renamed
    /// onto it.
    Fresh,
    /// An earlier run's directory: exchanged with the staging directory.
    EarlierRun,
}

fn locked_write(
    set: &OutputSet,
    dir: &Path,
    parent: &Path,
    name: &str,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ReportError> {
    step("lock");
    let lock = OutputLock::acquire(dir)?;
    step("remove stale staging directories");
    recover_stale(dir, parent, name);
    let target = inspect(dir)?;
    let n = STAGE_COUNTER.fetch_add(1, Ordering::Relaxed);
    let staging = parent.join(format!(".{name}.cupola-staging-{}-{n}", std::process::id()));
    step("create staging directory");
    let mut guard = Staging::create(&staging, dir)?;
    let mut manifest = format!("{MANIFEST_HEADER}\n");
    let mut finals = Vec::with_capacity(set.len());
    for (file, contents) in set.entries() {
        step(file);
        write_synced(&staging.join(file), contents, &dir.join(file))?;
        manifest.push_str(&format!("{}\t{file}\n", contents.len()));
        finals.push(dir.join(file));
    }
    step(MANIFEST_NAME);
    write_synced(
        &staging.join(MANIFEST_NAME),
        manifest.as_bytes(),
        &dir.join(MANIFEST_NAME),
    )?;
    sync_dir(&staging);
    let rename_err = |source| ReportError::Rename {
        path: dir.to_owned(),
        temp: staging.clone(),
        source,
    };
    match target {
        Target::Fresh => {
            step("rename staging directory into place");
            fs::rename(&staging, dir).map_err(rename_err)?;
            guard.disarm();
        }
        Target::EarlierRun => {
            swap_in(&staging, dir, parent, name, step).map_err(rename_err)?;
            // `staging` now holds the earlier run (or is gone): remove it.
            guard.disarm();
            step("remove the earlier run");
            let _ = fs::remove_dir_all(&staging);
        }
    }
    sync_dir(parent);
    step("unlock");
    drop(lock);
    Ok(finals)
}

/// Exchanges the full `staging` directory with the earlier run at `dir`.
/// Atomic where the platform can exchange two names; otherwise the earlier
/// run is renamed aside first (see [`recover_stale`]) and removed by the
/// caller from `staging`'s name.
fn swap_in(
    staging: &Path,
    dir: &Path,
    parent: &Path,
    name: &str,
    step: &mut dyn FnMut(&str),
) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let _ = (parent, name);
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        step("exchange staging directory with the earlier run");
        renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).map_err(Into::into)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let old = parent.join(format!(".{name}.cupola-old-{}", std::process::id()));
        step("rename the earlier run aside");
        fs::rename(dir, &old)?;
        step("rename staging directory into place");
        if let Err(e) = fs::rename(staging, dir) {
            let _ = fs::rename(&old, dir);
            return Err(e);
        }
        fs::rename(&old, staging)
    }
}

/// Under the lock: removes staging directories of killed runs, and puts
/// back an earlier run renamed aside by a run killed before it could
/// rename its own set into place.
fn recover_stale(dir: &Path, parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.cupola-staging-");
    let old = format!(".{name}.cupola-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let path = entry.path();
        if file_name.starts_with(&staging) {
            let _ = fs::remove_dir_all(&path);
        } else if file_name.starts_with(&old) {
            if fs::symlink_metadata(dir).is_err() {
                let _ = fs::rename(&path, dir);
            } else {
                let _ = fs::remove_dir_all(&path);
            }
        }
    }
}

/// What is at `dir`, refusing anything but nothing, an empty directory or
/// an earlier run's directory.
fn inspect(dir: &Path) -> Result<Target, ReportError> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Fresh),
        Err(source) => {
            return Err(ReportError::CreateDir {
                path: dir.to_owned(),
                source,
            });
        }
    };
    if meta.file_type().is_symlink() {
        return Err(ReportError::OutDirectory {
            path: dir.to_owned(),
            reason: "it is a symbolic link; give the directory itself",
        });
    }
    if !meta.is_dir() {
        return Err(ReportError::OutDirectory {
            path: dir.to_owned(),
            reason: "a file with that name exists; give a directory path (it is created \
                     when missing)",
        });
    }
    let mut entries = fs::read_dir(dir).map_err(|source| ReportError::CreateDir {
        path: dir.to_owned(),
        source,
    })?;
    if entries.next().is_none() {
        return Ok(Target::Fresh);
    }
    if dir.join(MANIFEST_NAME).is_file() {
        Ok(Target::EarlierRun)
    } else {
        Err(ReportError::ForeignDirectory {
            path: dir.to_owned(),
        })
    }
}

/// A staging directory, removed with its contents on drop unless disarmed.
struct Staging {
    path: PathBuf,
    armed: bool,
}

impl Staging {
    fn create(path: &Path, dir: &Path) -> Result<Self, ReportError> {
        fs::create_dir(path).map_err(|source| ReportError::Write {
            path: dir.to_owned(),
            temp: path.to_owned(),
            source,
        })?;
        Ok(Self {
            path: path.to_owned(),
            armed: true,
        })
    }

    fn disarm(&mut self) {
        self.armed = false;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Writes `contents` to the new file `temp` and syncs it; errors name
/// `path`, the file's final place.
fn write_synced(temp: &Path, contents: &[u8], path: &Path) -> Result<(), ReportError> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .and_then(|mut f| f.write_all(contents).and_then(|()| f.sync_all()))
        .map_err(|source| ReportError::Write {
            path: path.to_owned(),
            temp: temp.to_owned(),
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
