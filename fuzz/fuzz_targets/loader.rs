//! Fuzzes the loader: any bytes as a page (front matter + Markdown), read as
//! the site's `_index.md`, an actielijn's `_index.md` or an action, must give
//! diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses what kind of page the rest is.
    let Some((&kind, page)) = data.split_first() else {
        return;
    };
    let rel = match kind % 3 {
        0 => "_index.md",
        1 => "actielijn-1/_index.md",
        _ => "actielijn-1/01-actie.md",
    };
    let _ = bijlage::check_page(rel, page);
});
