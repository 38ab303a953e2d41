//! Property: no input string panics the loader. Whatever a page holds, as
//! the site's, an actielijn's or an action's file, reading it gives
//! diagnostics (each with a place inside the file), never a panic. The
//! cargo-fuzz target `fuzz/fuzz_targets/loader.rs` explores the same entry
//! point for much longer; crashes it finds become cases below.

use proptest::prelude::*;

const KINDS: [&str; 3] = [
    "_index.md",
    "actielijn-1/_index.md",
    "actielijn-1/01-actie.md",
];

/// Pieces that front matter and Markdown are made of, to reach deeper than
/// random text does.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("nummer: ".to_string()),
        Just("status: ".to_string()),
        Just("jaren: [".to_string()),
        Just("titel: \"".to_string()),
        Just("id: ".to_string()),
        Just("legenda:\n  - sleutel: ".to_string()),
        Just("planjaren: [2024, 2025]\n".to_string()),
        Just("operationele_doelen:\n  punten:\n    - kop: ".to_string()),
        Just("\"3//4\"".to_string()),
        Just("'".to_string()),
        Just("&a *a ".to_string()),
        Just("!!binary ".to_string()),
        Just("<script>".to_string()),
        Just("[x](actie:".to_string()),
        Just("[^1]".to_string()),
        Just("```rust\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("\t".to_string()),
        Just("é€😀".to_string()),
        "[a-z_]{1,12}: ".prop_map(|s| s),
        "[0-9/]{1,6}".prop_map(|s| s),
        ".{0,20}".prop_map(|s| s),
        "\n {0,4}- ".prop_map(|s| s),
    ]
}

fn check(kind: usize, text: &[u8]) {
    let rel = KINDS[kind];
    let diagnostics = bijlage::check_page(rel, text);
    // The text as the loader reads it is never longer than this.
    let length = String::from_utf8_lossy(text).len();
    for d in &diagnostics {
        assert!(d.location.file.ends_with(rel), "{d:?}");
        // A place inside the file (or just after its end).
        if let Some(span) = d.location.span {
            assert!(span.end() <= length, "{d:?} in {length} bytes");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_gives_diagnostics_not_a_panic(kind in 0usize..3, text in any::<String>()) {
        check(kind, text.as_bytes());
    }

    #[test]
    fn any_bytes_give_diagnostics_not_a_panic(kind in 0usize..3, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(kind, &bytes);
    }

    #[test]
    fn pages_made_of_front_matter_pieces(kind in 0usize..3, pieces in proptest::collection::vec(piece(), 0..40)) {
        check(kind, pieces.concat().as_bytes());
    }
}

/// A valid page gives no diagnostics: the property above is not vacuous.
#[test]
fn a_valid_action_has_no_diagnostics() {
    let text = "---\nnummer: 15\ntitel: \"Titel\"\nstatus: afgerond\njaren: [2024]\njaren_bron: actieplan\n---\nTekst met <b>html</b>.\n";
    assert_eq!(bijlage::check_page(KINDS[2], text.as_bytes()), vec![]);
    let broken = text.replace("afgerond", "klaar");
    assert_eq!(bijlage::check_page(KINDS[2], broken.as_bytes()).len(), 1);
}
