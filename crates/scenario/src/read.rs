//! Reading the files a scenario comes from: only regular files, of bounded
//! size, checked before a byte is read.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Largest scenario file read, bytes: 16 MiB. Assumed, range 1–64 MiB: the
/// largest example scenario is about 30 kB, and 16 MiB holds some 100,000
/// launches; a larger file is far more likely a mistake than a scenario.
pub const MAX_SCENARIO_BYTES: u64 = 16 << 20;

/// Largest catalog file (`tle_file`, `omm_file`) read, bytes: 128 MiB.
/// Assumed, range 32–512 MiB: CelesTrak's whole public catalog (about
/// 30,000 objects) is about 7 MB as TLEs and about 25 MB as OMM JSON, so
/// the cap leaves room for several times the catalog while refusing the
/// hundreds of megabytes that exhaust memory.
pub const MAX_CATALOG_BYTES: u64 = 128 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file: what it is instead (`a directory`, `a FIFO`…).
    NotRegular(&'static str),
    /// Over the cap: its size and the cap, bytes.
    TooLarge {
        /// The file's size, bytes (at least, when it grew while read).
        bytes: u64,
        /// The cap, bytes.
        cap: u64,
    },
    /// Not UTF-8 text: the offset of the first bad byte.
    NotUtf8(usize),
    /// The operating system's error.
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            Self::TooLarge { bytes, cap } if cap % (1 << 20) == 0 => write!(
                f,
                "it is {bytes} bytes, over the limit of {} MiB",
                cap >> 20
            ),
            Self::TooLarge { bytes, cap } => {
                write!(f, "it is {bytes} bytes, over the limit of {cap} bytes")
            }
            Self::NotUtf8(at) => write!(f, "it is not UTF-8 text (invalid byte at offset {at})"),
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<ReadError> for std::io::Error {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

/// The text of the regular file at `path`, if it is at most `cap` bytes of
/// UTF-8. The kind and size are checked before the file is opened (opening
/// a FIFO would wait for a writer), and again on the open file; reading
/// stops one byte past the cap, so a file that grows is refused too.
///
/// # Errors
///
/// [`ReadError`] saying why.
pub(crate) fn read_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    check_kind(&meta)?;
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            cap,
        });
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    check_kind(&file.metadata().map_err(ReadError::Io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            cap,
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Refuses anything but a regular file.
fn check_kind(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() {
        "a directory"
    } else {
        special_kind(&t)
    };
    Err(ReadError::NotRegular(what))
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        let e = read_text(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(
            matches!(e, ReadError::NotRegular("a character device")),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path(), 10).unwrap_err();
        assert_eq!(e.to_string(), "it is a directory, not a regular file");
    }

    #[test]
    fn size_is_capped_and_text_must_be_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, "12345").unwrap();
        assert_eq!(read_text(&p, 5).unwrap(), "12345");
        let e = read_text(&p, 4).unwrap_err();
        assert_eq!(e.to_string(), "it is 5 bytes, over the limit of 4 bytes");
        std::fs::write(&p, b"ab\xff").unwrap();
        let e = read_text(&p, 5).unwrap_err();
        assert!(matches!(e, ReadError::NotUtf8(2)), "{e}");
    }
}
