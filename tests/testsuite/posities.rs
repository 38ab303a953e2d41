//! Every kind of position a diagnostic can have, each on a line with é, ë
//! and ’ before the fault: the line and the column (in characters, as an
//! editor counts them) must be the same in the JSON report and in the human
//! report, and must be where the fault is. The expected place is counted
//! here from the text itself, not typed in.

use crate::common::{copy_dir, fixture};

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const ACTIE: &str = "content/actielijn-a/03-los.md";
const LIJN: &str = "content/actielijn-a/_index.md";
const SITE: &str = "content/_index.md";

/// The fixture with `from` replaced by `to` in `file` (relative to the site
/// root; a file under `templates/` is written whole).
fn site(file: &str, from: &str, to: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    let path = tmp.path().join(file);
    if from.is_empty() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, to).unwrap();
    } else {
        let text = fs::read(&path).unwrap();
        let text = String::from_utf8(text).unwrap();
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not in {file}"));
        let mut bytes = text.as_bytes()[..at].to_vec();
        bytes.extend_from_slice(to);
        bytes.extend_from_slice(&text.as_bytes()[at + from.len()..]);
        fs::write(&path, bytes).unwrap();
    }
    tmp
}

fn check(root: &Path, json: bool) -> String {
    let mut args = vec!["check"];
    if json {
        args.extend(["--format", "json"]);
    }
    let output = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(&args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let text = if json { output.stdout } else { output.stderr };
    String::from_utf8_lossy(&text).into_owned()
}

/// Line and column (characters, 1-based) of the first `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text}"));
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Applies the change, runs `check` in both formats and asserts that the
/// diagnostic `code` in `file` is at `needle`, which is on a line with é, ë
/// and ’ before it.
fn assert_at(file: &str, from: &str, to: &str, code: &str, needle: &str) {
    assert_at_bytes(file, from, to.as_bytes(), to, code, needle, true);
}

fn assert_at_bytes(
    file: &str,
    from: &str,
    to: &[u8],
    shown: &str,
    code: &str,
    needle: &str,
    accents: bool,
) {
    let tmp = site(file, from, to);
    let text = String::from_utf8_lossy(&fs::read(tmp.path().join(file)).unwrap()).into_owned();
    let (line, column) = place_of(&text, needle);
    let line_text = text.lines().nth(line - 1).unwrap();
    let before: String = line_text.chars().take(column - 1).collect();
    assert!(
        !accents || (before.contains('é') && before.contains('ë') && before.contains('’')),
        "the fault in {shown:?} must follow é, ë and ’ on its line: {line_text:?}"
    );
    // The byte column differs from the character column: the test would
    // not notice a report that counts bytes otherwise.
    if accents {
        assert_ne!(before.len() + 1, column);
    }

    let json: serde_json::Value = serde_json::from_str(&check(tmp.path(), true)).unwrap();
    let found = json["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["waarschuwingen"].as_array().unwrap())
        .find(|m| m["code"] == code && m["bestand"] == file)
        .unwrap_or_else(|| panic!("no {code} in {file}: {json:#}"));
    assert_eq!(
        (found["regel"].as_u64(), found["kolom"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{code} for {shown:?}: {found:#}"
    );
    let human = check(tmp.path(), false);
    assert!(
        human.contains(&format!("{file}:{line}:{column}")),
        "{code} for {shown:?} not at {line}:{column}:\n{human}"
    );
}

#[test]
fn yaml_syntaxfout_na_een_dubbele_punt() {
    assert_at(
        ACTIE,
        "jaren_bron: actieplan",
        "jaren_bron: Café-coördinatie, ’t overleg, Geëvalueerd: tabel 2",
        "yaml",
        ": tabel 2",
    );
}

#[test]
fn item_in_een_lijst() {
    assert_at(
        SITE,
        "uitgevers:\n  - \"Ministerie van Proeven\"",
        "uitgevers: [\"Café-coördinatie ’t Geëvalueerd\", [\"x\"]]",
        "verkeerde-waarde",
        "[\"x\"]",
    );
}

#[test]
fn jaar_buiten_het_plan_in_een_lijst_onder_elkaar() {
    // A year on a line of its own, below a line with é, ë and ’: nothing
    // can stand before a year on its line.
    let to = "jaren: # één, ’t, geëvalueerd\n  - 2026\n  - 2031";
    assert_at_bytes(
        ACTIE,
        "jaren: [2026]",
        to.as_bytes(),
        to,
        "jaar-buiten-plan",
        "2031",
        false,
    );
}

#[test]
fn verwijzing_in_de_tekst() {
    assert_at(
        ACTIE,
        "Klaar, zie",
        "Café-coördinatie met ’t veld is geëvalueerd, zie [actie 99](actie:99).\n\nKlaar, zie",
        "verwijzing",
        "[actie 99]",
    );
}

#[test]
fn verwijzing_in_een_inleiding() {
    assert_at(
        LIJN,
        "inleiding: \"Het doel in het kort.\"",
        "inleiding: \"Café-coördinatie ’t geëvalueerd, zie [actie 99](actie:99).\"",
        "verwijzing",
        "[actie 99]",
    );
}

#[test]
fn ruwe_html_in_de_tekst() {
    assert_at(
        ACTIE,
        "Klaar, zie",
        "Café-coördinatie ’t geëvalueerd <script>x</script>\n\nKlaar, zie",
        "ruwe-html",
        "<script>",
    );
}

#[test]
fn onveilige_link_in_de_tekst() {
    assert_at(
        ACTIE,
        "Klaar, zie",
        "Café-coördinatie ’t geëvalueerd [klik](javascript:alert(1))\n\nKlaar, zie",
        "onveilige-link",
        "[klik]",
    );
}

#[test]
fn geen_utf8_na_tekens_met_accenten() {
    let mut bytes = "titel: \"Café-coördinatie ’t geëvalueerd "
        .as_bytes()
        .to_vec();
    bytes.push(0xe9); // Latin-1 é
    bytes.push(b'"');
    assert_at_bytes(
        ACTIE,
        "titel: \"Een losse actie\"",
        &bytes,
        "Latin-1 é",
        "geen-utf8",
        "\u{fffd}",
        true,
    );
}

#[test]
fn onzichtbaar_teken_tussen_twee_waarden() {
    // In a flow mapping, after a key's colon.
    assert_at(
        SITE,
        "tijdlijn:\n  uitvoeringsjaar: \"Uitgevoerd in dit jaar.\"\n  geen_uitvoeringsjaar: \"Niet uitgevoerd in dit jaar.\"",
        "tijdlijn: {uitvoeringsjaar: \"Café-coördinatie ’t geëvalueerd\", geen_uitvoeringsjaar:\u{a0}\"Niet.\"}",
        "onzichtbaar-teken",
        "\u{a0}",
    );
}

#[test]
fn fout_in_een_template() {
    assert_at(
        "templates/index.html",
        "",
        "{% extends \"base.html\" %}\n{% block inhoud %}\n<p>Café-coördinatie ’t geëvalueerd: {{ site.bestaat_niet }}</p>\n{% endblock inhoud %}\n",
        "template",
        "site.bestaat_niet",
    );
}
