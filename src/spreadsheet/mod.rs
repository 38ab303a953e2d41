//! Spreadsheets for the action holders. `bijlage export` writes a workbook
//! with one row per entry, the current status and text read-only and empty
//! columns for the answers; `bijlage import` reads the filled-in workbooks
//! (.xlsx or .ods) and changes the action files in place.

pub mod export;
pub mod import;
pub mod tekst;

use std::io::Write;
use std::path::Path;

use crate::content::SourceFile;

/// The sheet that explains what to fill in (the first one).
pub const BLAD_UITLEG: &str = "Uitleg";
/// The sheet with one row per entry.
pub const BLAD_ACTIES: &str = "Acties";
/// The hidden sheet with the edition, the content's identity and the
/// status list of the drop-down.
pub const BLAD_GEGEVENS: &str = "Gegevens";

/// The column headers of [`BLAD_ACTIES`], in order.
pub const KOLOMMEN: [&str; 8] = [
    KOLOM_NUMMER,
    "Actielijn",
    KOLOM_TITEL,
    "Huidige status",
    "Huidige voortgangstekst",
    KOLOM_STATUS,
    KOLOM_TEKST,
    KOLOM_OPMERKING,
];
pub(crate) const KOLOM_NUMMER: &str = "Nummer";
pub(crate) const KOLOM_TITEL: &str = "Titel";
pub(crate) const KOLOM_STATUS: &str = "Nieuwe status";
pub(crate) const KOLOM_TEKST: &str = "Nieuwe voortgangstekst";
pub(crate) const KOLOM_OPMERKING: &str = "Opmerking";
/// How many of [`KOLOMMEN`], from the left, are read-only.
pub(crate) const ALLEEN_LEZEN: usize = 5;

/// Keys in column A of [`BLAD_GEGEVENS`]; the value is in column B.
pub(crate) const SLEUTEL_EDITIE: &str = "editie";
pub(crate) const SLEUTEL_INHOUD: &str = "inhoud";
/// The row (0-based) of [`BLAD_GEGEVENS`] where the status labels of the
/// drop-down start, one per row in column A, the key beside it.
pub(crate) const STATUS_RIJ: u32 = 5;

/// The identity of the content a workbook was made from: a 64-bit FNV-1a
/// hash over every content file (path and text), as 16 hex digits.
pub fn inhoud(files: &[SourceFile]) -> String {
    use std::hash::Hasher;
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut hasher = fnv::FnvHasher::default();
    for file in sorted {
        hasher.write(file.rel.as_bytes());
        hasher.write(&[0]);
        hasher.write(file.text.as_bytes());
        hasher.write(&[0]);
    }
    format!("{:016x}", hasher.finish())
}

/// The letter(s) of a 0-based column: A … Z, AA, ….
pub(crate) fn kolomletter(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell in words, for messages: "blad `Acties`, rij 5, kolom F (Nieuwe
/// status)". `row` and `col` are 0-based.
pub(crate) fn cel(sheet: &str, row: usize, col: usize, header: Option<&str>) -> String {
    let mut text = format!(
        "blad `{sheet}`, rij {}, kolom {}",
        row + 1,
        kolomletter(col)
    );
    if let Some(header) = header {
        text.push_str(&format!(" ({header})"));
    }
    text
}

/// Writes `bytes` to `path` through a temporary file beside it, so that
/// `path` is either as it was or completely new. Keeps the permissions of
/// an existing file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The temporary file beside `path`: hidden (a leading dot), so that the
/// content loader skips it should it ever be left behind.
pub(crate) fn temp_path(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.bijlage-tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(kolomletter(0), "A");
        assert_eq!(kolomletter(5), "F");
        assert_eq!(kolomletter(25), "Z");
        assert_eq!(kolomletter(26), "AA");
        assert_eq!(kolomletter(27), "AB");
        assert_eq!(kolomletter(701), "ZZ");
        assert_eq!(kolomletter(702), "AAA");
    }

    #[test]
    fn cells_in_words() {
        assert_eq!(
            cel(BLAD_ACTIES, 4, 5, Some(KOLOM_STATUS)),
            "blad `Acties`, rij 5, kolom F (Nieuwe status)"
        );
    }
}
