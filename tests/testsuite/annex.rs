//! The single-file annex (`bijlage.html`) and the CSV open data.

use crate::common;
use crate::common::{output_file, output_text, shipped};

use bijlage::{ContentSource, Options, Rendered};

fn annex(rendered: &Rendered) -> String {
    output_text(rendered, "bijlage.html").to_string()
}

#[test]
fn the_css_check_finds_external_urls() {
    use common::external_in_css;
    assert_eq!(
        external_in_css("a { background: url(data:image/png;base64,AA) }").len(),
        0
    );
    assert_eq!(external_in_css("a { background: url('x.png') }").len(), 1);
    assert_eq!(external_in_css("@import \"y.css\";").len(), 1);
}

#[test]
fn the_annex_references_no_other_file_or_host() {
    let html = annex(&shipped());
    let links = common::assert_self_contained(&html);
    assert!(links > 10, "the table of contents links into the file");
}

#[test]
fn the_annex_follows_the_published_order_and_holds_every_action() {
    let rendered = shipped();
    let html = annex(&rendered);
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the annex"))
    };
    let meta = &rendered.site.meta;
    let cover = at("class=\"omslag\"");
    assert!(cover < at(&format!("<h1>{}</h1>", meta.titel)));
    assert!(at(&meta.programma) < at("id=\"inhoudsopgave\""));
    for uitgever in &meta.uitgevers {
        assert!(
            at(uitgever) < at("id=\"inhoudsopgave\""),
            "{uitgever} on the cover"
        );
    }
    let mut order = vec![
        at("id=\"inhoudsopgave\""),
        at("id=\"legenda\""),
        at("id=\"dashboard\""),
        at(&meta.nog_niet_gemonitord.as_ref().unwrap().noot()),
    ];
    for lijn in &rendered.site.actielijnen {
        let section = at(&format!(
            "<section class=\"b-actielijn\" id=\"actielijn-{}\"",
            lijn.nummer
        ));
        order.push(section);
        assert!(html[section..].contains(&lijn.titel), "{}", lijn.titel);
        for actie in &lijn.acties {
            for anchor in actie.nummer.anchors() {
                let pos = at(&format!("id=\"{anchor}\""));
                assert!(pos > section, "{anchor} inside actielijn {}", lijn.nummer);
            }
        }
    }
    order.push(at("id=\"colofon\""));
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(
        order, sorted,
        "cover, contents, legend, dashboard, note, actielijnen, colophon"
    );
    // Cross-references point inside the file, not to the site's pages.
    assert!(html.contains("<a href=\"#actie-33\">actie 33</a>"));
    assert!(!html.contains("href=\"actielijn-"));
}

#[test]
fn the_site_links_to_the_annex() {
    let rendered = shipped();
    let index = output_text(&rendered, "index.html").to_string();
    assert!(index.contains("href=\"bijlage.html\""));
}

#[test]
fn the_annex_name_is_set_in_the_site_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    common::copy_dir(&common::fixture().join("content"), &content);
    let site = std::fs::read_to_string(content.join("_index.md")).unwrap();
    std::fs::write(
        content.join("_index.md"),
        site.replacen("---\n", "---\nbijlage_bestand: \"monitor-2026.html\"\n", 1),
    )
    .unwrap();
    let options = Options::new(ContentSource::Dir(content));
    let rendered = bijlage::render(&options).expect("builds");
    assert!(rendered.files.iter().any(|f| f.path == "monitor-2026.html"));
    assert!(!rendered.files.iter().any(|f| f.path == "bijlage.html"));
    let index = output_text(&rendered, "index.html").to_string();
    assert!(index.contains("href=\"monitor-2026.html\""));
}

#[test]
fn the_csv_opens_in_dutch_spreadsheets_and_has_a_row_per_entry() {
    let rendered = shipped();
    let bytes = output_file(&rendered, "data/acties.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 BOM, so spreadsheets read it as UTF-8"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    // Every record ends in CRLF (a progress text of several paragraphs keeps
    // its line breaks inside its quoted cell).
    assert_eq!(
        text.matches("\r\n").count(),
        rendered.site.acties().count() + 1,
        "CRLF line ends"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = bijlage::render::data::CSV_KOLOMMEN
        .iter()
        .map(|k| k.naam)
        .collect();
    assert_eq!(header, names);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let entries: Vec<_> = rendered.site.acties().collect();
    assert_eq!(rows.len(), entries.len());
    for (row, (lijn, actie)) in rows.iter().zip(entries) {
        assert_eq!(&row[2], lijn.nummer.to_string());
        assert_eq!(&row[4], actie.titel);
        assert_eq!(&row[5], actie.status.key());
        let years: Vec<u16> = row[7].split(", ").map(|y| y.parse().unwrap()).collect();
        assert_eq!(years, actie.jaren);
        assert_eq!(&row[8], actie.jaren_bron.key());
    }
    let combined = rows
        .iter()
        .find(|r| &r[0] == "3 en 4")
        .expect("the combined entry");
    assert_eq!(&combined[7], "2024, 2025");
    let extra = rows
        .iter()
        .find(|r| r[0].is_empty())
        .expect("the extra action");
    assert_eq!(&extra[1], "pilot-preventie-ronselen");
}
