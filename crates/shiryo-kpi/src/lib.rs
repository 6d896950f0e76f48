//! KPI import: CSV (UTF-8 or Shift_JIS) and .xlsx tables into `shiryo-core` indicators, header recognition and
//! column mappings, the check report (judgements, findings, roll-ups) and CSV export.

mod error;
pub mod export;
pub mod mapping;
pub mod read;
pub mod report;
pub mod tables;

pub use error::{Error, Result};
pub use export::to_csv;
pub use mapping::{
    header_signature, import, mapping_for, recognise, ColumnMapping, ImportResult, RejectedRow, YearColumn,
};
pub use read::{read_bytes, read_capped, read_field_specs, read_file, read_grid, Grid, Table};
pub use report::{check, CheckOptions, Report};
