//! Shiryo's print engine: lays out the 次第 and every 資料 as a page model, then writes one PDF packet.
//!
//! Two steps, as in typst: [`packet::layout`] (pure: a [`model::Document`] of positioned runs, lines and boxes,
//! printable as text for snapshot tests) and [`emit::emit`] (lopdf, pdf-writer, subsetter). [`print`] runs both.

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
pub mod revision;

use std::collections::BTreeMap;

use shiryo_core::Meeting;

pub use comparison::{print_comparison, Comparison, ComparisonCell};
pub use emit::EmitOptions;
pub use error::{Error, MissingGlyph, Result};
pub use fonts::{Face, Fonts};
pub use glyphs::GlyphPolicy;
pub use grid::{ColumnAlign, Grid, GridColumn, Orientation, TablePrint};
pub use kpi::{KpiColumn, KpiPrint, KpiRollup, KpiSection, KpiTable};
pub use packet::{BlankPage, Content, EmptyPolicy, LayoutOptions, Selection, Warning};
pub use revision::{Cover, PageBody, Part, PartBodies, Revision, Stamp};

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
    /// Blank pages added for duplex printing (counted in `pages`).
    pub blanks: usize,
    /// The body of every page of each part, when the layout options asked for them.
    pub bodies: Vec<PartBodies>,
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
    print_with(&fonts, meeting, contents, selection, opts, progress)
}

fn print_with(
    fonts: &Fonts,
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    selection: Selection,
    opts: &PrintOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Printed> {
    let laid = packet::layout(fonts, meeting, contents, selection, &opts.layout)?;
    let bytes = emit::emit(fonts, &laid.document, &opts.emit, progress)?;
    Ok(Printed {
        bytes,
        pages: laid.document.pages.len(),
        warnings: laid.warnings,
        materials: laid.materials.into_iter().map(|(label, first, count)| (label, first + 1, count)).collect(),
        blanks: laid.blanks,
        bodies: laid.bodies,
    })
}

/// Prints several selections (the 次第 and each 資料 as files of their own), loading the fonts once. Every
/// selection is laid out first, so that an error (an empty 資料, a missing glyph) stops the whole run before
/// anything is written. `progress` gets (done, total) over all of them.
pub fn print_each(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    selections: &[(Selection, EmitOptions)],
    layout: &LayoutOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Printed>> {
    let fonts = Fonts::load()?;
    let mut laid = Vec::with_capacity(selections.len());
    for (selection, emit) in selections {
        laid.push((packet::layout(&fonts, meeting, contents, *selection, layout)?, emit));
    }
    let total: usize = laid.iter().map(|(l, _)| l.document.pages.len() * 2).sum();
    let mut before = 0usize;
    let mut out = Vec::with_capacity(laid.len());
    for (l, emit) in laid {
        let n = l.document.pages.len() * 2;
        let bytes = emit::emit(&fonts, &l.document, emit, &mut |done, _| progress(before + done, total))?;
        before += n;
        out.push(Printed {
            bytes,
            pages: l.document.pages.len(),
            warnings: l.warnings,
            materials: l.materials.into_iter().map(|(label, first, count)| (label, first + 1, count)).collect(),
            blanks: l.blanks,
            bodies: l.bodies,
        });
    }
    Ok(out)
}

/// Lays out without writing: the page counts an export would have (for the sheet count shown before printing).
pub fn plan(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    selection: Selection,
    layout: &LayoutOptions,
) -> Result<Planned> {
    let fonts = Fonts::load()?;
    let laid = packet::layout(&fonts, meeting, contents, selection, layout)?;
    Ok(Planned {
        pages: laid.document.pages.len(),
        blanks: laid.blanks,
        materials: laid.materials.into_iter().map(|(label, _, count)| (label, count)).collect(),
    })
}

/// The page counts of a layout (see [`plan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// All pages, blank ones included.
    pub pages: usize,
    pub blanks: usize,
    /// (label, pages) of each 資料.
    pub materials: Vec<(String, usize)>,
}

#[cfg(test)]
mod tests;
