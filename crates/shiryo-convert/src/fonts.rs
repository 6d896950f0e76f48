//! Fonts: the ones an Office file asks for (word/fontTable.xml, the theme and styles of .xlsx/.pptx, the font
//! declarations of ODF), the ones embedded in the converted PDF, the Windows Japanese fonts that were replaced
//! by something else, and a private fontconfig that makes LibreOffice use our BIZ UD fonts for them.

use std::path::{Path, PathBuf};

use quick_xml::events::Event;
// The most of one XML part read when looking for font names, and the most parts (slides, themes) read.
use shiryo_core::limits::{MAX_FONT_PARTS as MAX_PARTS, MAX_FONT_PART_BYTES as PART_LIMIT};
use shiryo_core::FileKind;

use crate::container::{open_zip, read_part};
use crate::error::{io, Result};

/// The fonts that stand in for the Windows Japanese fonts: BIZ UD明朝 for the 明朝 faces, BIZ UDゴシック for
/// the ゴシック ones (and メイリオ). They are the fonts Shiryo embeds in its own pages.
#[derive(Debug, Clone, Copy)]
pub struct ReplacementFonts {
    pub mincho: &'static [u8],
    pub gothic: &'static [u8],
}

/// Family names of the replacement fonts as their files name them.
pub const MINCHO_FAMILY: &str = "BIZ UDMincho";
pub const GOTHIC_FAMILY: &str = "BIZ UDGothic";

/// A Windows Japanese font: the names a document may use for it, its PostScript name prefix (what a PDF that
/// embeds it says), and whether it is a 明朝 (serif) face.
struct JapaneseFont {
    names: &'static [&'static str],
    postscript: &'static str,
    mincho: bool,
}

const JAPANESE_FONTS: &[JapaneseFont] = &[
    JapaneseFont { names: &["ＭＳ 明朝", "MS Mincho"], postscript: "MS-Mincho", mincho: true },
    JapaneseFont { names: &["ＭＳ Ｐ明朝", "MS PMincho"], postscript: "MS-PMincho", mincho: true },
    JapaneseFont { names: &["ＭＳ ゴシック", "MS Gothic"], postscript: "MS-Gothic", mincho: false },
    JapaneseFont { names: &["ＭＳ Ｐゴシック", "MS PGothic"], postscript: "MS-PGothic", mincho: false },
    JapaneseFont { names: &["MS UI Gothic"], postscript: "MS-UIGothic", mincho: false },
    JapaneseFont {
        names: &["游明朝", "Yu Mincho", "游明朝 Light", "游明朝 Demibold", "Yu Mincho Light", "Yu Mincho Demibold"],
        postscript: "YuMincho",
        mincho: true,
    },
    JapaneseFont {
        names: &[
            "游ゴシック",
            "Yu Gothic",
            "游ゴシック Light",
            "游ゴシック Medium",
            "Yu Gothic Light",
            "Yu Gothic Medium",
        ],
        postscript: "YuGothic",
        mincho: false,
    },
    JapaneseFont { names: &["メイリオ", "Meiryo"], postscript: "Meiryo", mincho: false },
    JapaneseFont { names: &["Meiryo UI"], postscript: "MeiryoUI", mincho: false },
];

/// Full-width Latin and spaces as half-width, without spaces, hyphens or case: "ＭＳ　Ｐ明朝" and "ms p明朝"
/// compare equal, and so do "MS-Mincho" and "MS Mincho".
fn normalise(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn japanese_font(name: &str) -> Option<&'static JapaneseFont> {
    let n = normalise(name);
    JAPANESE_FONTS.iter().find(|f| f.names.iter().any(|m| normalise(m) == n))
}

/// A Windows Japanese font the document asks for that the PDF does not embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// As the document names it: ＭＳ 明朝.
    pub requested: String,
    /// What our replacement table gives for it (BIZ UDMincho / BIZ UDGothic).
    pub suggested: &'static str,
}

/// The Japanese fonts of `requested` that are not among `embedded` (PDF font names, subset tags removed).
pub fn substitutions(requested: &[String], embedded: &[String]) -> Vec<Substitution> {
    let embedded: Vec<String> = embedded.iter().map(|e| normalise(e)).collect();
    let mut out: Vec<Substitution> = Vec::new();
    for name in requested {
        let Some(font) = japanese_font(name) else { continue };
        let ps = normalise(font.postscript);
        // MS-Mincho, MS-Mincho-Bold, MSMincho…: the PostScript name followed by a style or nothing.
        let present = embedded.iter().any(|e| e == &ps || (e.starts_with(&ps) && !font_continues(e, &ps)));
        if !present && !out.iter().any(|s| s.requested == *name) {
            let suggested = if font.mincho { MINCHO_FAMILY } else { GOTHIC_FAMILY };
            out.push(Substitution { requested: name.clone(), suggested });
        }
    }
    out
}

/// True when `embedded` is another font whose name merely starts like `ps` (MeiryoUI after Meiryo): the rest is
/// a style word (bold, italic, regular, light…) or it is not the same font.
fn font_continues(embedded: &str, ps: &str) -> bool {
    let rest = &embedded[ps.len()..];
    !["", "bold", "italic", "bolditalic", "regular", "light", "medium", "demibold", "semibold", ",bold"].contains(&rest)
}

/// The fonts embedded in a PDF, subset tags (ABCDEF+) removed, sorted and without duplicates.
pub fn embedded_fonts(doc: &lopdf::Document) -> Vec<String> {
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).is_ok_and(|t| t == b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| {
            let name = String::from_utf8_lossy(n).into_owned();
            match name.split_once('+') {
                Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest.to_string(),
                _ => name,
            }
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The fonts an Office file asks for, in the order first seen; empty for the binary 97–2003 formats and RTF,
/// whose font tables we do not read.
pub fn requested_fonts(file_name: &str, bytes: &[u8]) -> Vec<String> {
    let Some(format) = crate::office_format(shiryo_core::sniff(file_name, bytes)) else { return Vec::new() };
    let Ok(mut zip) = open_zip(file_name, bytes) else { return Vec::new() };
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let parts: Vec<&String> = names
        .iter()
        .filter(|n| match format.kind {
            FileKind::Docx => *n == "word/fontTable.xml",
            FileKind::Xlsx | FileKind::Xlsm => {
                *n == "xl/styles.xml" || (n.starts_with("xl/theme/") && n.ends_with(".xml"))
            }
            FileKind::Pptx => {
                (n.starts_with("ppt/theme/") || n.starts_with("ppt/slides/slide") || n.starts_with("ppt/slideMasters/"))
                    && n.ends_with(".xml")
            }
            FileKind::Odt | FileKind::Ods | FileKind::Odp => *n == "content.xml" || *n == "styles.xml",
            _ => false,
        })
        .take(MAX_PARTS)
        .collect();
    let mut fonts: Vec<String> = Vec::new();
    for part in parts {
        if let Some(xml) = read_part(&mut zip, part, PART_LIMIT) {
            for name in fonts_in_xml(&xml) {
                if !fonts.contains(&name) {
                    fonts.push(name);
                }
            }
        }
    }
    fonts
}

/// Font names in one part: `w:font w:name` (fontTable), `font/name val` (xlsx styles), `a:latin|a:ea|a:cs
/// typeface` and `a:font script="Jpan" typeface` (DrawingML themes and slides), `style:font-face style:name` (ODF).
/// Theme references (+mj-lt) and empty names are skipped.
fn fonts_in_xml(xml: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut in_xlsx_font = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::default()).ok().map(|v| v.into_owned()))
                };
                let qname = e.name();
                let local = e.local_name();
                let prefix = qname.prefix().map(|p| p.as_ref().to_vec()).unwrap_or_default();
                let name = match (prefix.as_slice(), local.as_ref()) {
                    (b"w", b"font") => attr(b"name"),
                    (b"a", b"latin" | b"ea" | b"cs") => attr(b"typeface"),
                    (b"a", b"font") if attr(b"script").as_deref() == Some("Jpan") => attr(b"typeface"),
                    (b"style", b"font-face") => attr(b"name"),
                    ([], b"font") => {
                        in_xlsx_font = true;
                        None
                    }
                    ([], b"name") if in_xlsx_font => attr(b"val"),
                    _ => None,
                };
                if let Some(n) = name.map(|n| n.trim().to_string()) {
                    if !n.is_empty() && !n.starts_with('+') && !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"font" => in_xlsx_font = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Writes the replacement fonts and a fontconfig file into `<cache>/fontconfig` and returns the file to pass as
/// FONTCONFIG_FILE: the system configuration, our fonts' folder, and rules that make every Windows Japanese font
/// name resolve to BIZ UD明朝 or BIZ UDゴシック. LibreOffice finds fonts through fontconfig on Linux and the BSDs
/// only; elsewhere (Windows has the Windows fonts) this returns None.
pub fn prepare_fontconfig(cache_dir: &Path, fonts: &ReplacementFonts) -> Result<Option<PathBuf>> {
    if cfg!(any(windows, target_os = "macos")) {
        return Ok(None);
    }
    let dir = cache_dir.join("fontconfig");
    let font_dir = dir.join("fonts");
    std::fs::create_dir_all(&font_dir).map_err(io(format!("creating {}", font_dir.display())))?;
    for (name, bytes) in [("BIZUDMincho-Regular.ttf", fonts.mincho), ("BIZUDGothic-Regular.ttf", fonts.gothic)] {
        let path = font_dir.join(name);
        let same = std::fs::metadata(&path).is_ok_and(|m| m.len() == u64::try_from(bytes.len()).unwrap_or(0));
        if !same {
            // Through a temporary file: a conversion running in another Shiryo must never see half a font.
            let tmp = font_dir.join(format!(".{name}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, bytes).map_err(io(format!("writing {}", tmp.display())))?;
            std::fs::rename(&tmp, &path).map_err(io(format!("writing {}", path.display())))?;
        }
    }
    let config = fontconfig_xml(&font_dir, &dir.join("cache"));
    let path = dir.join("fonts.conf");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(config.as_str()) {
        let tmp = dir.join(format!(".fonts.conf.{}.tmp", std::process::id()));
        std::fs::write(&tmp, &config).map_err(io(format!("writing {}", tmp.display())))?;
        std::fs::rename(&tmp, &path).map_err(io(format!("writing {}", path.display())))?;
    }
    Ok(Some(path))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn fontconfig_xml(font_dir: &Path, cache: &Path) -> String {
    let mut rules = String::new();
    for font in JAPANESE_FONTS {
        let family = if font.mincho { MINCHO_FAMILY } else { GOTHIC_FAMILY };
        for name in font.names {
            rules.push_str(&format!(
                "  <match target=\"pattern\">\n    <test qual=\"any\" name=\"family\"><string>{}</string></test>\n    \
                 <edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>{family}</string></edit>\n  </match>\n",
                xml_escape(name)
            ));
        }
    }
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<!-- Written by Shiryo for its \
         LibreOffice conversions: Windows Japanese fonts resolve to the BIZ UD fonts Shiryo ships. -->\n<fontconfig>\n  \
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n{rules}</fontconfig>\n",
        xml_escape(&font_dir.display().to_string()),
        xml_escape(&cache.display().to_string())
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_half_width_names_of_one_font_are_the_same_font() {
        assert!(japanese_font("ＭＳ　明朝").is_some());
        assert!(japanese_font("ms mincho").is_some());
        assert!(japanese_font("Times New Roman").is_none());
    }

    #[test]
    fn a_requested_japanese_font_missing_from_the_pdf_is_a_substitution_and_an_embedded_one_is_not() {
        let requested: Vec<String> =
            ["Times New Roman", "ＭＳ 明朝", "メイリオ", "ＭＳ ゴシック"].map(String::from).into();
        let embedded: Vec<String> = ["BIZUDMincho-Regular", "MS-Gothic", "MeiryoUI"].map(String::from).into();
        let subs = substitutions(&requested, &embedded);
        let names: Vec<(&str, &str)> = subs.iter().map(|s| (s.requested.as_str(), s.suggested)).collect();
        // Meiryo UI embedded is not メイリオ.
        assert_eq!(names, [("ＭＳ 明朝", MINCHO_FAMILY), ("メイリオ", GOTHIC_FAMILY)]);
    }

    #[test]
    fn theme_references_and_other_scripts_are_not_requested_fonts() {
        let xml = br#"<a:theme xmlns:a="x"><a:latin typeface="+mj-lt"/><a:ea typeface=""/>
            <a:font script="Hang" typeface="Malgun Gothic"/><a:font script="Jpan" typeface="&#28216;&#12468;&#12471;&#12483;&#12463;"/></a:theme>"#;
        assert_eq!(fonts_in_xml(xml), ["游ゴシック"]);
        let styles = br#"<styleSheet><fonts><font><sz val="11"/><name val="MS PGothic"/></font></fonts><cellStyles><name val="x"/></cellStyles></styleSheet>"#;
        assert_eq!(fonts_in_xml(styles), ["MS PGothic"]);
    }
}
