//! The three embedded faces (BIZ UD明朝, BIZ UDゴシック Regular and Bold), with glyph ids and advance widths read
//! by `ttf-parser` once per character and cached.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::error::Error;

/// The font files, embedded at compile time from `assets/fonts/` (OFL 1.1, see `assets/fonts/README.md`).
const MINCHO: &[u8] = include_bytes!("../../../assets/fonts/BIZUDMincho-Regular.ttf");
const GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/BIZUDGothic-Regular.ttf");
const GOTHIC_BOLD: &[u8] = include_bytes!("../../../assets/fonts/BIZUDGothic-Bold.ttf");

/// A face of the packet: 明朝 for body text, ゴシック for headings, labels and table headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Mincho,
    Gothic,
    GothicBold,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Mincho, Face::Gothic, Face::GothicBold];

    /// The short name used in page-model snapshots.
    pub fn name(self) -> &'static str {
        match self {
            Face::Mincho => "mincho",
            Face::Gothic => "gothic",
            Face::GothicBold => "gothic-bold",
        }
    }

    /// The font file's name without `.ttf`, the PostScript name of the faces we ship.
    pub fn file_stem(self) -> &'static str {
        match self {
            Face::Mincho => "BIZUDMincho-Regular",
            Face::Gothic => "BIZUDGothic-Regular",
            Face::GothicBold => "BIZUDGothic-Bold",
        }
    }

    /// The font program's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Mincho => MINCHO,
            Face::Gothic => GOTHIC,
            Face::GothicBold => GOTHIC_BOLD,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Face::Mincho => 0,
            Face::Gothic => 1,
            Face::GothicBold => 2,
        }
    }
}

/// What the PDF's font descriptor says of a face, in font units.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub postscript_name: String,
    pub units_per_em: f32,
    pub bbox: [i16; 4],
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
}

/// A glyph of a face: its id and advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
}

struct Parsed {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// The Basic Multilingual Plane, indexed by the character: [`UNKNOWN`], [`MISSING`] or the glyph id in the
    /// high half and its advance in font units in the low half. Layout asks for every character of every run
    /// (twice: measuring, then drawing), so this is a table rather than a hashed map (which was a fifth of a
    /// 786-page table's export).
    bmp: RefCell<Vec<u32>>,
    /// Characters beyond the BMP (rare in our texts).
    astral: RefCell<HashMap<char, Option<Glyph>>>,
}

/// Not looked up yet.
const UNKNOWN: u32 = 0;
/// Looked up: the face lacks it. (A glyph id of 0xFFFF with an advance of 0xFFFF would read as this; our faces have
/// fewer glyphs than that.)
const MISSING: u32 = u32::MAX;

/// The faces with their glyph caches. Cheap to create: `ttf-parser` reads tables lazily.
pub struct Fonts {
    faces: [Parsed; 3],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

impl Fonts {
    /// Parses the embedded faces.
    pub fn load() -> Result<Fonts, Error> {
        let parse = |face: Face| -> Result<Parsed, Error> {
            let parsed = ttf_parser::Face::parse(face.bytes(), 0)
                .map_err(|e| Error::Font { face: face.name(), reason: e.to_string() })?;
            let units_per_em = f32::from(parsed.units_per_em());
            Ok(Parsed {
                face: parsed,
                units_per_em,
                bmp: RefCell::new(vec![UNKNOWN; 0x1_0000]),
                astral: RefCell::new(HashMap::new()),
            })
        };
        Ok(Fonts { faces: [parse(Face::Mincho)?, parse(Face::Gothic)?, parse(Face::GothicBold)?] })
    }

    /// The glyph for `c`, or `None` when the face lacks it.
    pub fn glyph(&self, face: Face, c: char) -> Option<Glyph> {
        let parsed = &self.faces[face.index()];
        let lookup = || {
            let id = parsed.face.glyph_index(c).filter(|g| g.0 != 0)?;
            Some((id.0, parsed.face.glyph_hor_advance(id).unwrap_or(0)))
        };
        let glyph = |(id, units): (u16, u16)| Glyph { id, advance: f32::from(units) / parsed.units_per_em };
        let Ok(index) = usize::try_from(u32::from(c)) else { return lookup().map(glyph) };
        if index >= 0x1_0000 {
            return *parsed.astral.borrow_mut().entry(c).or_insert_with(|| lookup().map(glyph));
        }
        let packed = parsed.bmp.borrow()[index];
        let packed = if packed == UNKNOWN {
            let found = lookup().map_or(MISSING, |(id, units)| u32::from(id) << 16 | u32::from(units));
            parsed.bmp.borrow_mut()[index] = found;
            found
        } else {
            packed
        };
        // Both halves fit in u16 by construction.
        (packed != MISSING).then(|| glyph(((packed >> 16) as u16, (packed & 0xFFFF) as u16)))
    }

    /// The face's name and metrics for its font descriptor.
    pub fn metrics(&self, face: Face) -> Metrics {
        let parsed = &self.faces[face.index()];
        let f = &parsed.face;
        let postscript_name = f
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic()))
            .unwrap_or_else(|| face.file_stem().to_string());
        let b = f.global_bounding_box();
        Metrics {
            postscript_name,
            units_per_em: parsed.units_per_em,
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max],
            ascender: f.ascender(),
            descender: f.descender(),
            cap_height: f.capital_height().unwrap_or(f.ascender()),
        }
    }

    /// The advance of glyph 0 (`.notdef`) in em.
    pub fn notdef_advance(&self, face: Face) -> f32 {
        let parsed = &self.faces[face.index()];
        f32::from(parsed.face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0)) / parsed.units_per_em
    }

    /// The advance of `c` in em; a missing character measures as a full-width one (it prints as 〓).
    pub fn advance(&self, face: Face, c: char) -> f32 {
        match self.glyph(face, c) {
            Some(g) => g.advance,
            None => 1.0,
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }

    /// Whether the face can print `c` (control characters never are).
    pub fn has(&self, face: Face, c: char) -> bool {
        self.glyph(face, c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_characters_are_one_em_and_ascii_half() {
        let fonts = Fonts::load().unwrap();
        for face in Face::ALL {
            assert_eq!(fonts.advance(face, '資'), 1.0, "{face:?}");
            assert_eq!(fonts.advance(face, '１'), 1.0, "{face:?}");
            assert_eq!(fonts.advance(face, '1'), 0.5, "{face:?}");
        }
        assert!((fonts.width(Face::Mincho, 10.0, "資料(1)") - 35.0).abs() < 0.01);
    }

    #[test]
    fn a_character_outside_the_fonts_is_reported_missing() {
        let fonts = Fonts::load().unwrap();
        assert!(fonts.has(Face::Mincho, '髙'));
        assert!(!fonts.has(Face::Mincho, '\u{1F600}'), "no emoji in BIZ UD");
        assert!(!fonts.has(Face::Mincho, '\u{0007}'));
    }

    #[test]
    fn a_glyph_read_again_from_the_tables_is_the_one_read_first() {
        let fonts = Fonts::load().unwrap();
        for c in ['資', 'A', '〓', '\u{0007}', '\u{1F600}', '\u{2000B}'] {
            let first = fonts.glyph(Face::Gothic, c);
            assert_eq!(fonts.glyph(Face::Gothic, c), first, "{c:?}");
            assert_eq!(Fonts::load().unwrap().glyph(Face::Gothic, c), first, "{c:?}");
        }
        let a = fonts.glyph(Face::Gothic, 'A').unwrap();
        assert!(a.id > 0 && a.advance == 0.5, "{a:?}");
        // Against the font itself, read without our tables: id and advance come back unpacked as they went in.
        let raw = ttf_parser::Face::parse(Face::Gothic.bytes(), 0).unwrap();
        for c in ['資', 'A', '〓', 'ｱ', '…'] {
            let id = raw.glyph_index(c).unwrap();
            let units = f32::from(raw.glyph_hor_advance(id).unwrap());
            let expected = Glyph { id: id.0, advance: units / f32::from(raw.units_per_em()) };
            assert_eq!(fonts.glyph(Face::Gothic, c), Some(expected), "{c:?}");
        }
    }
}
