//! What a layout takes besides its content and what it gives back: the choices ([`LayoutOptions`]), the page
//! model with what was noticed on the way ([`Laid`], [`Warning`]). Shared by the packet and the comparison
//! printed on its own.

use crate::error::MissingGlyph;
use crate::glyphs::GlyphPolicy;
use crate::model::Document;

/// What to do with a 資料 that has no content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmptyPolicy {
    /// Stop with [`crate::Error::EmptyMaterial`]: a handout with nothing in it is a mistake to catch before printing.
    #[default]
    Refuse,
    /// Print its label and title with （別途配付） and report a warning.
    Placeholder,
}

/// What a blank page added for duplex printing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlankPage {
    /// Nothing at all.
    #[default]
    Empty,
    /// 「（白紙）」 centred, so that nobody takes the sheet for a printing fault.
    Hakushi,
}

/// Layout choices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// Number pages across the packet (after the 次第) instead of within each 資料.
    pub continuous_page_numbers: bool,
    /// Duplex-safe (両面): the 次第 and every 資料 start on a front (odd) page; a part with an odd page count is
    /// followed by a blank page that carries neither label nor page number and is not counted anywhere.
    pub duplex: Option<BlankPage>,
    pub empty: EmptyPolicy,
    pub missing_glyphs: GlyphPolicy,
    pub author: String,
    /// What is marked as replaced (差替え stamps, notes, the 差し替え資料一覧); nothing by default.
    pub revision: crate::revision::Revision,
    /// Also give the body of every page ([`Laid::bodies`]), to compare this print with a later one.
    pub bodies: bool,
}

/// Something the user should know about a printed packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A 資料 without content printed as （別途配付）.
    EmptyMaterial { label: String, title: String },
    /// A character printed as 〓.
    MissingGlyph(MissingGlyph),
    /// Two 資料 have the same label.
    DuplicateLabel { label: String },
}

/// The laid-out packet and what was noticed on the way.
#[derive(Debug)]
pub struct Laid {
    pub document: Document,
    pub warnings: Vec<Warning>,
    /// (label, first page index, page count) of each 資料 printed (blank pages not counted).
    pub materials: Vec<(String, usize, usize)>,
    /// Blank pages added for duplex printing.
    pub blanks: usize,
    /// The body of every page of each part, when [`LayoutOptions::bodies`] asked for them.
    pub bodies: Vec<crate::revision::PartBodies>,
}
