//! The review copy: `bijlage review` (one file) and `bijlage build --review`
//! (a folder), on the made-up pair of editions with a draft added, and on the
//! shipped content; and that a normal build carries none of its markings.

use crate::common;
use crate::common::copy_dir;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bijlage::{ContentSource, Options};
use scraper::{Html, Selector};

const MERK: &str = "CONCEPT — niet voor publicatie";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn editions() -> PathBuf {
    repo().join("tests/fixtures/edities")
}

/// A draft with paragraphs, a nested list and a loose list, to cite.
const DRAFT: &str = "---\nnummer: 6\ntitel: \"Een nieuwe actie in concept\"\nstatus: niet-gestart\njaren: [2026]\njaren_bron: periode\nconcept: true\n---\nEerste alinea.\n\n- een punt\n- nog een punt\n  - dieper\n\nDerde blok, na de lijst.\n";

/// The current edition of the pair, copied, with the draft added; returns
/// the temporary folder and its content folder.
fn site_with_draft() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("site").join("content");
    copy_dir(&editions().join("nu/content"), &content);
    fs::write(content.join("actielijn-a/06-concept.md"), DRAFT).unwrap();
    (tmp, content)
}

fn options(content: &Path) -> Options {
    Options {
        previous: Some(editions().join("vorige").display().to_string()),
        ..Options::new(ContentSource::Dir(content.to_path_buf()))
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

/// Writes the review file of `content` and returns its text and the site.
fn review(content: &Path, out: &Path) -> (String, bijlage::model::Site) {
    let (rendered, path) = bijlage::review(&options(content), Some(out)).expect("review builds");
    assert_eq!(path, out);
    (fs::read_to_string(out).unwrap(), rendered.site)
}

#[test]
fn the_review_file_is_self_contained_and_holds_every_action_and_draft() {
    let (tmp, content) = site_with_draft();
    let out = tmp.path().join("concept.html");
    let (html, site) = review(&content, &out);
    let links = common::assert_self_contained(&html);
    assert!(links > 10, "{links} in-page links");

    let doc = Html::parse_document(&html);
    // Every action, drafts too, once, with its source file.
    let rows = select(&doc, "table.b-acties > tbody > tr");
    let entries: Vec<_> = site.acties().collect();
    assert_eq!(rows.len(), entries.len());
    assert!(
        entries.iter().any(|(_, a)| a.concept),
        "the draft is in the site"
    );
    for (row, (_, actie)) in rows.iter().zip(&entries) {
        assert_eq!(
            row.value().attr("id"),
            Some(actie.nummer.anchors()[0].as_str())
        );
        let summary = select(
            &doc,
            &format!(
                "tr[id='{}'] details.review-bron > summary",
                actie.nummer.anchors()[0]
            ),
        );
        assert_eq!(summary.len(), 1, "source of {}", actie.nummer);
        let shown = text(&summary[0]);
        assert!(
            actie
                .bron
                .file
                .ends_with(shown.trim_start_matches("Bron: ")),
            "{shown}"
        );
        // The panel holds every line of the source, numbered.
        let source = fs::read_to_string(&actie.bron.file).unwrap();
        let numbers = select(
            &doc,
            &format!("tr[id='{}'] .bijlage-bron__nr", actie.nummer.anchors()[0]),
        );
        assert_eq!(numbers.len(), source.lines().count(), "{}", actie.bron.file);
        // A draft is marked as one.
        let marked = row.value().classes().any(|c| c == "actie--concept");
        assert_eq!(marked, actie.concept, "{}", actie.nummer);
        if actie.concept {
            assert!(text(row).contains("Concept"));
        }
    }
    // The marking: on the cover, at the top of every section, in the title
    // and in the margin of every printed page (an @page rule).
    let cover = select(&doc, "header.omslag .review-omslag__merk");
    assert_eq!(cover.len(), 1);
    assert_eq!(text(&cover[0]), MERK);
    for section in ["legenda", "dashboard", "wijzigingen", "colofon"] {
        // Right before the section or first inside it: sections are far
        // longer than this window, so no other section's band is in it.
        let at = html.find(&format!("<section id=\"{section}\"")).unwrap();
        assert!(
            html.match_indices("class=\"review-merk\"")
                .any(|(band, _)| band + 300 > at && band < at + 300),
            "{section}"
        );
    }
    for lijn in &site.actielijnen {
        assert_eq!(
            select(
                &doc,
                &format!("section#actielijn-{} > .review-merk", lijn.nummer)
            )
            .len(),
            1
        );
    }
    assert!(text(&select(&doc, "title")[0]).starts_with("CONCEPT"));
    assert!(html.contains("@top-center"));
    assert!(html.contains(&format!("content: \"{MERK} · editie mei 2026 ·")));
    // How to respond, before the contents.
    let reageren = select(&doc, "#reageren");
    assert_eq!(reageren.len(), 1);
    assert!(html.find("id=\"reageren\"") < html.find("id=\"inhoudsopgave\""));
    assert!(text(&reageren[0]).contains("Deze versie heeft 1 concept-actie."));
}

#[test]
fn the_change_markers_match_the_changes_data() {
    let (tmp, content) = site_with_draft();
    let out = tmp.path().join("uit");
    let mut opts = options(&content);
    opts.review = true;
    bijlage::build(&opts, &out).expect("builds");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("data/wijzigingen.json")).unwrap())
            .unwrap();
    let key = |entry: &serde_json::Value| match entry["id"].as_str() {
        Some(id) => format!("actie-{id}"),
        // `nummer` as in data/acties.json: an integer, or "3/4".
        None => match entry["nummer"].as_str() {
            Some(combined) => format!("actie-{}", combined.split('/').next().unwrap()),
            None => format!("actie-{}", entry["nummer"]),
        },
    };
    let changed: BTreeSet<String> = json["gewijzigd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| key(&c["nu"]))
        .collect();
    let added: BTreeSet<String> = json["toegevoegd"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert!(!changed.is_empty() && !added.is_empty());

    let html = fs::read_to_string(out.join("bijlage.html")).unwrap();
    let doc = Html::parse_document(&html);
    let mut gewijzigd = BTreeSet::new();
    let mut nieuw = BTreeSet::new();
    let mut details = BTreeSet::new();
    for row in select(&doc, "table.b-acties > tbody > tr") {
        let id = row.value().attr("id").unwrap().to_string();
        let row_html = row.html();
        let row = Html::parse_fragment(&format!("<table>{row_html}</table>"));
        for marker in select(&row, ".gewijzigd") {
            if text(&marker).starts_with("Nieuw") {
                nieuw.insert(id.clone());
            } else {
                gewijzigd.insert(id.clone());
            }
        }
        if !select(&row, ".review-wijziging").is_empty() {
            details.insert(id.clone());
        }
    }
    assert_eq!(gewijzigd, changed, "changed markers");
    assert_eq!(nieuw, added, "new markers");
    assert_eq!(details, changed, "what changed, on every changed action");
    // The changes section: dashboard then and now, status changes, new and
    // removed (the removed one is only there).
    for id in [
        "wijzigingen-dashboard",
        "wijzigingen-status",
        "wijzigingen-nieuw",
        "wijzigingen-vervallen",
    ] {
        assert_eq!(
            select(&doc, &format!("#wijzigingen #{id}")).len(),
            1,
            "{id}"
        );
    }
    for removed in json["verwijderd"].as_array().unwrap() {
        let titel = removed["titel"].as_str().unwrap();
        assert!(html.contains(titel), "{titel}");
    }
    // The text diff of the changes page, on the action: the same markup.
    let page = fs::read_to_string(out.join("wijzigingen.html")).unwrap();
    let diff_of = |html: &str| {
        let doc = Html::parse_document(html);
        select(&doc, "p.diff")
            .iter()
            .map(|p| p.html())
            .collect::<BTreeSet<_>>()
    };
    let on_page = diff_of(&page);
    assert!(!on_page.is_empty());
    assert_eq!(diff_of(&html), on_page);
    // The site pages have the same markings.
    let lijn = fs::read_to_string(out.join("actielijn-1.html")).unwrap();
    assert!(lijn.contains(MERK));
    assert!(lijn.contains("href=\"css/review.css\""));
    assert!(lijn.contains("class=\"review-wijziging\""));
    assert!(out.join("css/review.css").is_file());
}

/// (id, reference) of every numbered paragraph and list item.
fn references(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    select(&doc, ".alinea")
        .iter()
        .map(|el| {
            let reference = select(&Html::parse_fragment(&el.html()), ".alinea__ref")
                .first()
                .map(text)
                .unwrap_or_default();
            (el.value().attr("id").unwrap().to_string(), reference)
        })
        .collect()
}

#[test]
fn paragraph_references_are_unique_stable_and_byte_identical() {
    let (tmp, content) = site_with_draft();
    let first = tmp.path().join("een.html");
    let second = tmp.path().join("twee.html");
    let (html, _) = review(&content, &first);
    let (again, _) = review(&content, &second);
    assert_eq!(
        html.as_bytes(),
        again.as_bytes(),
        "byte-identical on a rebuild"
    );
    let refs = references(&html);
    let ids: BTreeSet<&str> = refs.iter().map(|(id, _)| id.as_str()).collect();
    let labels: BTreeSet<&str> = refs.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(ids.len(), refs.len(), "unique ids: {refs:?}");
    assert_eq!(labels.len(), refs.len(), "unique references: {refs:?}");
    // The draft: two paragraphs around a list of three items, in order.
    let draft: Vec<&str> = refs
        .iter()
        .filter(|(id, _)| id.starts_with("actie-6_"))
        .map(|(_, r)| r.as_str())
        .collect();
    assert_eq!(draft, ["6.1", "6.2", "6.3", "6.4", "6.5"]);
    let doc = Html::parse_document(&html);
    assert_eq!(
        select(&doc, "li[id='actie-6_4']").len(),
        1,
        "the nested item"
    );
    assert!(html.contains("<span class=\"alinea__ref\">6.5</span> Derde blok"));
    // The extra action is cited by its id.
    assert!(
        refs.iter()
            .any(|(id, r)| id == "actie-pilot-proef_1" && r == "pilot-proef.1"),
        "{refs:?}"
    );
    // Every action with text has its references, numbered from 1.
    let by_action: BTreeMap<&str, usize> = refs.iter().fold(BTreeMap::new(), |mut m, (id, _)| {
        *m.entry(id.rsplit_once('_').unwrap().0).or_default() += 1;
        m
    });
    for row in select(&doc, "table.b-acties > tbody > tr") {
        let id = row.value().attr("id").unwrap();
        assert!(
            by_action.get(id).is_some_and(|&n| n >= 1),
            "{id} has references"
        );
    }
    // Stable: the shipped content, twice, gives the same references.
    let shipped = || {
        let options = Options {
            review: true,
            ..Options::new(ContentSource::Dir(repo().join("content")))
        };
        let rendered = bijlage::render(&options).unwrap();
        let annex = rendered
            .files
            .iter()
            .find(|f| f.path == rendered.site.meta.bijlage_bestand)
            .unwrap();
        references(std::str::from_utf8(&annex.bytes).unwrap())
    };
    let one = shipped();
    let entries = bijlage::render(&Options::new(ContentSource::Dir(repo().join("content"))))
        .unwrap()
        .site
        .acties()
        .count();
    assert!(
        one.len() >= entries,
        "{} references for {entries} entries",
        one.len()
    );
    assert_eq!(one, shipped());
    let unique: BTreeSet<&String> = one.iter().map(|(id, _)| id).collect();
    assert_eq!(unique.len(), one.len());
    // The combined entry 3/4 is cited as such.
    assert!(
        one.iter().any(|(id, r)| id == "actie-3_1" && r == "3/4.1"),
        "{one:?}"
    );
}

/// Whatever a normal build writes carries no review marking.
fn assert_unmarked(dir: &Path) {
    let files = common::tree(dir);
    assert!(!files.is_empty());
    assert!(!files.contains_key("css/review.css"));
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for needle in [
            "CONCEPT",
            "niet voor publicatie",
            "review-",
            "class=\"alinea\"",
            "alinea__ref",
            "bijlage-bron",
            "Hoe te reageren",
        ] {
            assert!(
                !text.contains(needle),
                "{needle:?} in {}/{name}",
                dir.display()
            );
        }
    }
}

#[test]
fn a_normal_build_has_none_of_the_markings() {
    // The committed public/ …
    assert_unmarked(&repo().join("public"));
    // … a fresh build, also with drafts and a comparison.
    let (tmp, content) = site_with_draft();
    let out = tmp.path().join("uit");
    let opts = Options {
        drafts: true,
        ..options(&content)
    };
    bijlage::build(&opts, &out).unwrap();
    assert!(out.join("wijzigingen.html").is_file());
    assert_unmarked(&out);
}

fn bijlage_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bijlage").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

#[test]
fn bad_input_gets_the_diagnostics_of_a_build_and_writes_nothing() {
    let (tmp, content) = site_with_draft();
    let broken = content.join("actielijn-a/01.md");
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(
        &broken,
        text.replace("status: afgerond", "status: klaar\nkleur: rood"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = bijlage_in(tmp.path()).args(args).output().unwrap();
        assert!(!output.status.success(), "{args:?} fails");
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let content_arg = content.display().to_string();
    let (build_json, _) = run(&[
        "build",
        "--content",
        &content_arg,
        "--output",
        "uit",
        "--format",
        "json",
    ]);
    let (review_json, _) = run(&[
        "review",
        "--content",
        &content_arg,
        "--output",
        "concept.html",
        "--format",
        "json",
    ]);
    assert!(
        build_json.contains("klaar") && build_json.contains("kleur"),
        "{build_json}"
    );
    assert_eq!(review_json, build_json);
    let (_, build_human) = run(&["build", "--content", &content_arg, "--output", "uit"]);
    let (_, review_human) = run(&[
        "review",
        "--content",
        &content_arg,
        "--output",
        "concept.html",
    ]);
    let diagnostics = |text: &str| {
        text.lines()
            .filter(|l| !l.starts_with("bijlage:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(diagnostics(&review_human), diagnostics(&build_human));
    assert!(
        review_human.contains("er is niets geschreven"),
        "{review_human}"
    );
    assert!(!tmp.path().join("concept.html").exists());
    // An earlier review file stays as it was.
    fs::write(tmp.path().join("concept.html"), "eerder").unwrap();
    run(&[
        "review",
        "--content",
        &content_arg,
        "--output",
        "concept.html",
    ]);
    assert_eq!(
        fs::read_to_string(tmp.path().join("concept.html")).unwrap(),
        "eerder"
    );
    // Into the content folder or onto a folder: refused.
    fs::write(&broken, &text).unwrap();
    let inside = content.join("x.html").display().to_string();
    let (_, refused) = run(&["review", "--content", &content_arg, "--output", &inside]);
    assert!(refused.contains("het reviewbestand"), "{refused}");
    assert!(!content.join("x.html").exists());
    fs::create_dir(tmp.path().join("map")).unwrap();
    let (_, refused) = run(&["review", "--content", &content_arg, "--output", "map"]);
    assert!(refused.contains("een map"), "{refused}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("GIT_COMMITTER_DATE", "2026-04-28T12:00:00+02:00")
        .env("GIT_AUTHOR_DATE", "2026-04-28T12:00:00+02:00")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_file_names_the_commit_of_the_content_or_says_it_has_none() {
    let (tmp, content) = site_with_draft();
    let site = content.parent().unwrap().to_path_buf();
    // Not in git (unless the temporary folder is itself in a repository).
    let outside = std::process::Command::new("git")
        .arg("-C")
        .arg(&site)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true);
    let assert = bijlage_in(&site)
        .args(["review", "--previous"])
        .arg(editions().join("vorige"))
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("reviewbestand geschreven: bijlage-concept.html"),
        "{stdout}"
    );
    let html = fs::read_to_string(site.join("bijlage-concept.html")).unwrap();
    if outside {
        assert!(
            html.contains("de content staat niet in git"),
            "no commit named"
        );
    }
    fs::remove_file(site.join("bijlage-concept.html")).unwrap();
    // In git: the short id and the date of the last commit of the content.
    git(&site, &["init", "-q"]);
    git(&site, &["add", "content"]);
    git(&site, &["commit", "-q", "-m", "concept mei"]);
    let id = git(&site, &["log", "-1", "--format=%h"]).trim().to_string();
    let out = tmp.path().join("concept.html");
    let (html, _) = review(&content, &out);
    let line = format!("content van commit {id} van 28 april 2026");
    assert!(html.contains(&line), "{line}");
    assert!(!html.contains("nog niet in een commit"));
    // The same content later gives the same file: no clock in it.
    let (again, _) = review(&content, &tmp.path().join("later.html"));
    assert_eq!(again, html);
    // A change not yet committed is said.
    fs::write(
        content.join("actielijn-a/06-concept.md"),
        DRAFT.replace("Eerste", "Andere"),
    )
    .unwrap();
    let (html, _) = review(&content, &out);
    assert!(html.contains("met wijzigingen die nog niet in een commit staan"));
}

#[test]
fn a_template_that_drops_the_marking_stops_the_review_copy() {
    let (tmp, content) = site_with_draft();
    let templates = content.parent().unwrap().join("templates");
    fs::create_dir(&templates).unwrap();
    // A site's own annex template from before the review copy existed.
    fs::write(
        templates.join("bijlage.html"),
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><title>{{ site.titel }}</title></head>\n\
         <body><main><h1>{{ site.titel }}</h1></main></body>\n</html>\n",
    )
    .unwrap();
    let out = tmp.path().join("concept.html");
    let err = bijlage::review(&options(&content), Some(&out)).unwrap_err();
    let bijlage::error::BuildError::Invalid { diagnostics, .. } = err else {
        panic!("{err:?}");
    };
    let messages: Vec<String> = diagnostics.iter().map(|d| d.problem.to_string()).collect();
    assert_eq!(
        messages,
        ["pagina `bijlage.html` van de reviewversie toont de CONCEPT-markering niet"]
    );
    assert!(!out.exists());
    // The normal build is not affected.
    bijlage::build(&options(&content), &tmp.path().join("uit")).unwrap();
}
