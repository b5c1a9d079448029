//! A line index of one text: where each line starts, found once, so that
//! locating any number of problems costs a binary search each instead of a
//! scan from the top of the file.

use std::ops::Range;

/// Byte offsets of the starts of the lines of a text.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`, in one pass over its bytes.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// 1-based line and character column of byte offset `at` of `text` (the
    /// text this index was built from); `at` must be a char boundary.
    pub fn locate(&self, text: &str, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..at).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// Byte range of `width` columns (characters) from `column` of `line`
    /// (both 1-based) of `text`, clamped to the line (before its `\r\n` or
    /// `\n`); past the last line, the empty range at the end of the text.
    pub fn span(&self, text: &str, line: usize, column: usize, width: usize) -> Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len()..text.len();
        };
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let this = text.get(start..end).unwrap_or("").trim_end_matches('\r');
        let byte = |col: usize| this.char_indices().nth(col).map_or(this.len(), |(i, _)| i);
        let from = byte(column.saturating_sub(1));
        let to = byte(column.saturating_sub(1) + width.max(1)).max(from);
        start + from..start + to
    }

    /// The text of `line` (1-based) of `text`, without its line ending;
    /// empty past the last line.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        text.get(start..end).unwrap_or("").trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_lines_and_characters() {
        let text = "ab\r\ncdé\nxyz";
        let ix = LineIndex::new(text);
        assert_eq!(ix.span(text, 1, 2, 1), 1..2);
        assert_eq!(&text[ix.span(text, 2, 3, 1)], "é");
        assert_eq!(ix.span(text, 3, 5, 1), 12..12, "past the end of the line");
        assert_eq!(ix.span(text, 9, 1, 1), text.len()..text.len());
        assert_eq!(ix.span(text, 1, 1, 9), 0..2, "clamped before the \\r");
        assert_eq!(ix.line(text, 2), "cdé");
        assert_eq!(ix.line(text, 1), "ab");
        assert_eq!(ix.line(text, 4), "");
    }

    #[test]
    fn locate_is_one_based_and_counts_characters() {
        let text = "a = 1\nbé = 2\n";
        let ix = LineIndex::new(text);
        assert_eq!(ix.locate(text, 0), (1, 1));
        assert_eq!(ix.locate(text, 6), (2, 1));
        assert_eq!(ix.locate(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(ix.locate(text, text.rfind('=').unwrap()), (2, 4));
        assert_eq!(ix.locate(text, text.len()), (3, 1));
    }
}
