//! Writing a set of output files as one directory, swapped in whole.

use std::path::{Path, PathBuf};

use crate::ReportError;

mod lock;
mod stage;

pub use lock::OutputLock;
pub use stage::MANIFEST_NAME;

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
    /// control characters, not the manifest's name ([`MANIFEST_NAME`]).
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
        } else if name == MANIFEST_NAME {
            Some("the name is reserved for the manifest of the set")
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

    /// Writes the set as the whole contents of the directory `dir`,
    /// replacing an earlier run's directory there in one step. Returns the
    /// final paths, in insertion order.
    ///
    /// The files (and a manifest, [`MANIFEST_NAME`], listing them) are
    /// written and synced into a fresh staging directory beside `dir`
    /// (`.NAME.cupola-staging-<pid>-<n>`), which is then swapped in whole:
    /// renamed into place when `dir` does not exist or is empty, exchanged
    /// with it atomically (Linux `renameat2(RENAME_EXCHANGE)`) when it
    /// holds an earlier run, whose files are then removed. A reader, or a
    /// run killed at any moment, therefore sees either the old complete set
    /// or the new one, never a mix. (Where the exchange is not available,
    /// the old directory is first renamed aside; a run killed between the
    /// two renames leaves no `dir`, and the next run puts the old one back
    /// before it starts.)
    ///
    /// While writing, the run holds an exclusive lock on `.NAME.cupola-lock`
    /// beside `dir` (an advisory `flock`, released by the kernel if the
    /// process dies); a second run on the same `dir` fails at once with
    /// [`ReportError::Locked`]. Under the lock, staging directories left by
    /// killed runs are removed first. The lock file is removed on success
    /// and on failure.
    ///
    /// An existing `dir` is only replaced if it is empty or holds a
    /// manifest (was written by this function): a directory of other files
    /// is refused with [`ReportError::ForeignDirectory`], so a mistyped
    /// `--out` never deletes a user's files.
    ///
    /// # Errors
    ///
    /// - [`ReportError::InvalidName`] for a bad name (nothing is written);
    /// - [`ReportError::OutDirectory`] when `dir` names no directory of its
    ///   own (`.`, `/`), or exists and is not a directory;
    /// - [`ReportError::ForeignDirectory`], [`ReportError::Locked`] as
    ///   above;
    /// - [`ReportError::CreateDir`] if `dir`'s parent cannot be created;
    /// - [`ReportError::Write`] / [`ReportError::Rename`] for I/O failures.
    ///   On any failure `dir` is as it was, staging files are removed and
    ///   parent directories this call created are removed if still empty.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
        stage::write_staged(self, dir, &mut |_| {})
    }

    /// The files, in insertion order.
    fn entries(&self) -> &[(String, Vec<u8>)] {
        &self.files
    }
}

#[cfg(test)]
mod kill;
#[cfg(test)]
mod tests;
