//! Shiryo's print engine: lays out the 次第 and every 資料 as a page model, then writes one PDF packet.
//!
//! Two steps, as in typst: [`packet::layout`] (pure: a [`model::Document`] of positioned runs, lines and boxes,
//! printable as text for snapshot tests) and [`emit::emit`] (printpdf + lopdf). [`print`] runs both.

pub mod body;
pub mod comparison;
mod decor;
pub mod emit;
mod error;
pub mod fixtures;
pub mod fonts;
pub mod glyphs;
pub mod grid;
pub mod import;
pub mod kpi;
pub mod laid;
pub mod layout;
pub mod linebreak;
pub mod model;
pub mod packet;

use std::collections::BTreeMap;

use shiryo_core::Meeting;

pub use comparison::{print_comparison, Comparison, ComparisonCell};
pub use emit::EmitOptions;
pub use error::{Error, MissingGlyph, Result};
pub use fonts::{Face, Fonts};
pub use glyphs::GlyphPolicy;
pub use grid::{ColumnAlign, Grid, GridColumn, Orientation, TablePrint};
pub use kpi::{KpiColumn, KpiPrint, KpiRollup, KpiSection, KpiTable};
pub use packet::{Content, EmptyPolicy, LayoutOptions, Selection, Warning};

/// Everything a print needs besides the meeting and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOptions {
    pub layout: LayoutOptions,
    pub emit: EmitOptions,
}

/// A printed PDF and what to tell the user about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    /// (label, first page (1-based), page count) of each 資料 printed.
    pub materials: Vec<(String, usize, usize)>,
}

/// Lays out and writes the packet (or one 資料) of `meeting` as PDF bytes.
pub fn print(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    selection: Selection,
    opts: &PrintOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Printed> {
    let fonts = Fonts::load()?;
    let laid = packet::layout(&fonts, meeting, contents, selection, &opts.layout)?;
    let bytes = emit::emit(&fonts, &laid.document, &opts.emit, progress)?;
    Ok(Printed {
        bytes,
        pages: laid.document.pages.len(),
        warnings: laid.warnings,
        materials: laid.materials.into_iter().map(|(label, first, count)| (label, first + 1, count)).collect(),
    })
}

#[cfg(test)]
mod tests;
