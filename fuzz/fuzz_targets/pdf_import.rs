//! A department's own PDF imported into the packet: checked, measured (pages, outline), then its pages copied
//! into another document as form XObjects, as the packet export does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shiryo_print::import;

fuzz_target!(|data: &[u8]| {
    if import::inspect("資料1", "fuzz.pdf", data).is_err() {
        return;
    }
    let Ok(source) = import::load("資料1", "fuzz.pdf", data) else { return };
    let mut target = lopdf::Document::with_version("1.7");
    let _ = import::pages_as_forms("資料1", "fuzz.pdf", source, &mut target);
});
