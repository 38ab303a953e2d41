//! A site far larger than the shipped edition: 2,000 generated actions over
//! 25 actielijnen build, and every count in the output matches what the
//! generator wrote. (Speed is measured in `benches/` and `scripts/bench.sh`,
//! not here.)

use bijlage::{ContentSource, Options};
use genereer::{self as generate, Spec};

#[test]
fn a_generated_site_of_2000_actions_builds_with_the_counts_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let programme = generate::programme(&Spec {
        acties: 2000,
        actielijnen: 25,
        zaad: 42,
    });
    let summary = programme.summary();
    generate::write(dir.path(), &programme.bijlage_files()).unwrap();
    // The generated site exercises what real texts have.
    assert!(summary.concepten > 0 && summary.gecombineerd > 0 && summary.extra > 0);
    assert!(summary.verwijzingen > 0 && summary.codeblokken > 0);
    assert!(!summary.niet_gemonitord.is_empty());

    let options = Options::new(ContentSource::Dir(dir.path().join("content")));
    let public = dir.path().join("public");
    let site = bijlage::build(&options, &public)
        .expect("the generated site is valid")
        .site;

    // The model: totals per status and entries per actielijn.
    assert_eq!(site.dashboard().totaal.per_status, summary.per_status);
    let per_lijn: Vec<usize> = site.actielijnen.iter().map(|l| l.acties.len()).collect();
    assert_eq!(per_lijn, summary.per_actielijn);
    assert_eq!(
        site.summary().split(' ').next(),
        Some(summary.acties().to_string().as_str())
    );

    // The pages: one per actielijn, each with one article per entry, every
    // cross-reference resolved to a link.
    for (i, lijn) in site.actielijnen.iter().enumerate() {
        let html = std::fs::read_to_string(public.join(format!("actielijn-{}.html", lijn.nummer)))
            .unwrap();
        assert_eq!(
            html.matches("<article class=\"actie").count(),
            summary.per_actielijn[i],
            "actielijn {}",
            lijn.nummer
        );
        assert!(!html.contains("href=\"actie:"), "an unresolved reference");
    }
    let pages = std::fs::read_dir(&public)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("actielijn-"))
        .count();
    assert_eq!(pages, 25);
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(index.contains(&format!(
        "<span class=\"totaal__getal\">{}</span>",
        summary.acties()
    )));

    // The open data: one object per entry.
    let acties: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/acties.json")).unwrap()).unwrap();
    assert_eq!(
        acties["acties"].as_array().unwrap().len(),
        summary.entries()
    );

    // With drafts, every file is an entry.
    let with_drafts = bijlage::render(&Options {
        drafts: true,
        ..options
    })
    .expect("the generated site is valid with drafts");
    let entries: usize = with_drafts
        .site
        .actielijnen
        .iter()
        .map(|l| l.acties.len())
        .sum();
    assert_eq!(entries, summary.bestanden);
}
