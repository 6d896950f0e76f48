//! Small helpers over quick-xml events: attribute values by local name, on/off values, decoded text.

use quick_xml::events::{BytesStart, BytesText};

/// The value of the attribute whose local name is `name` (`w:val` → `val`), unescaped.
pub(crate) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`): absent value means on.
pub(crate) fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// A number attribute; out-of-range or malformed values are `None`.
pub(crate) fn number(e: &BytesStart, name: &[u8]) -> Option<i64> {
    attr(e, name)?.trim().parse().ok()
}

/// The characters of a text event (entities other than the XML five are left out).
pub(crate) fn text(t: &BytesText) -> String {
    t.xml10_content().map(|c| c.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(t).into_owned())
}

/// A character or entity reference inside text (`&#x3000;`, `&amp;`); `None` for one that is malformed or not
/// one of the XML five (Word writes no others).
pub(crate) fn general_ref(r: &quick_xml::events::BytesRef) -> Option<char> {
    crate::xml_char(r).ok().flatten()
}

/// An element being passed over with everything inside it: its depth while a reader is inside it.
#[derive(Debug, Default)]
pub(crate) struct Skip(usize);

impl Skip {
    /// Passes over the element that just started (an empty one has nothing inside).
    pub(crate) fn begin(&mut self, empty: bool) {
        if !empty {
            self.0 = 1;
        }
    }

    /// Whether a start (or empty) event lies inside what is passed over; counts it.
    pub(crate) fn start(&mut self, empty: bool) -> bool {
        if self.0 == 0 {
            return false;
        }
        if !empty {
            self.0 += 1;
        }
        true
    }

    /// Whether an end event closes something passed over; counts it.
    pub(crate) fn end(&mut self) -> bool {
        if self.0 == 0 {
            return false;
        }
        self.0 -= 1;
        true
    }
}
