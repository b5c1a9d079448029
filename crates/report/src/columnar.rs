//! Tables as Apache Parquet files: one optional DOUBLE column per table
//! column, named by its CSV header (name and unit), NaN written as null;
//! one row group, no compression.

use crate::error::ReportError;
use crate::table::Table;
use parquet::basic::{Repetition, Type as PhysicalType};
use parquet::data_type::DoubleType;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::sync::Arc;

impl Table {
    /// The table as the bytes of a Parquet file.
    ///
    /// # Errors
    ///
    /// [`ReportError::ColumnLength`] if the columns differ in length;
    /// [`ReportError::Parquet`] if the encoder fails.
    pub fn to_parquet(&self) -> Result<Vec<u8>, ReportError> {
        self.validate()?;
        let fail = |e: parquet::errors::ParquetError| ReportError::Parquet {
            table: self.title.clone(),
            reason: e.to_string(),
        };
        let fields = self
            .columns
            .iter()
            .map(|c| {
                Type::primitive_type_builder(&c.header(), PhysicalType::DOUBLE)
                    .with_repetition(Repetition::OPTIONAL)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        let schema = Type::group_type_builder("cupola")
            .with_fields(fields)
            .build()
            .map_err(fail)?;
        let mut out = Vec::new();
        let mut writer = SerializedFileWriter::new(
            &mut out,
            Arc::new(schema),
            Arc::new(WriterProperties::builder().build()),
        )
        .map_err(fail)?;
        let mut group = writer.next_row_group().map_err(fail)?;
        let mut k = 0;
        while let Some(mut col) = group.next_column().map_err(fail)? {
            let values = &self.columns[k].values;
            let present: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
            let levels: Vec<i16> = values.iter().map(|v| i16::from(!v.is_nan())).collect();
            col.typed::<DoubleType>()
                .write_batch(&present, Some(&levels), None)
                .map_err(fail)?;
            col.close().map_err(fail)?;
            k += 1;
        }
        group.close().map_err(fail)?;
        writer.close().map_err(fail)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    /// A table written as Parquet reads back: names, values, NaN as null.
    #[test]
    fn round_trip() {
        let t = Table::new("t")
            .with_column("salvo", "", vec![1.0, 2.0, 5.0])
            .with_column("p", "", vec![0.9, f64::NAN, 0.25]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        std::fs::write(&path, t.to_parquet().unwrap()).unwrap();
        let r = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(r.metadata().file_metadata().num_rows(), 3);
        let rows: Vec<Vec<(String, Field)>> = r
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .get_column_iter()
                    .map(|(n, f)| (n.clone(), f.clone()))
                    .collect()
            })
            .collect();
        assert_eq!(rows[0][0], ("salvo".into(), Field::Double(1.0)));
        assert_eq!(rows[1][1], ("p".into(), Field::Null));
        assert_eq!(rows[2][1], ("p".into(), Field::Double(0.25)));
    }
}
