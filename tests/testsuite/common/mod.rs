//! Helpers shared by the integration tests: the fixture sites, copying a
//! folder, and reading a folder back as a map of files; [`serve`] for the
//! tests of the preview server.

pub mod serve;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The small fixture site (`tests/fixtures/mini`, with `content/`).
pub fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// Copies the folder `from` to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All files under `dir`, by relative path with `/` separators.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Rows of a published dashboard table in `tests/fixtures/gepubliceerd/`:
/// (label, [totaal, afgerond, in uitvoering, vertraging, doorlopend, nog niet
/// gestart]).
pub fn published_table(fixture: &Path) -> Vec<(String, [usize; 6])> {
    let text = std::fs::read_to_string(fixture)
        .unwrap_or_else(|err| panic!("{} is niet te lezen: {err}", fixture.display()));
    let mut lines = text
        .lines()
        .skip_while(|l| !l.contains("| totaal | afgerond |"));
    let header = lines.next().expect("the fixture holds the dashboard table");
    assert!(header.contains("nog niet gestart"), "{header}");
    lines
        .skip(1) // the |---| line
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let numbers: Vec<usize> = cells[1..]
                .iter()
                .map(|c| {
                    c.parse()
                        .unwrap_or_else(|_| panic!("geen getal: {c:?} in {line}"))
                })
                .collect();
            (
                cells[0].to_string(),
                numbers.try_into().expect("zes getallen per rij"),
            )
        })
        .collect()
}

fn is_data_uri(value: &str) -> bool {
    value.trim_start().starts_with("data:")
}

/// Every `url(…)` and `@import` in a piece of CSS that is not a data URI.
pub fn external_in_css(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (i, _) in lower.match_indices("url(") {
        let arg = lower[i + 4..].trim_start_matches(['"', '\'', ' ']);
        if !arg.starts_with("data:") {
            found.push(css[i..(i + 40).min(css.len())].to_string());
        }
    }
    for (i, _) in lower.match_indices("@import") {
        found.push(css[i..(i + 40).min(css.len())].to_string());
    }
    found
}

/// Asserts that a single-file page (the annex, the review copy) needs no
/// other file or host: no `src`, `href` or CSS `url()` outside the file but
/// data URIs and links out, CSS inline, no script; and that every in-page
/// link has its target. Returns the number of in-page links.
pub fn assert_self_contained(html: &str) -> usize {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let all = Selector::parse("*").unwrap();
    let mut ids = std::collections::HashSet::new();
    for element in doc.select(&all) {
        let el = element.value();
        if let Some(id) = el.attr("id") {
            ids.insert(id.to_string());
        }
        for attr in [
            "src",
            "srcset",
            "poster",
            "data",
            "background",
            "action",
            "formaction",
        ] {
            if let Some(value) = el.attr(attr)
                && !is_data_uri(value)
            {
                problems.push(format!("<{} {attr}=\"{value}\">", el.name()));
            }
        }
        if let Some(href) = el.attr("href").or_else(|| el.attr("xlink:href")) {
            let navigation_out = el.name() == "a"
                && (href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:"));
            if !(href.starts_with('#') || is_data_uri(href) || navigation_out) {
                problems.push(format!("<{} href=\"{href}\">", el.name()));
            }
        }
        if let Some(style) = el.attr("style") {
            problems.extend(external_in_css(style));
        }
    }
    let styles = Selector::parse("style").unwrap();
    let mut style_count = 0;
    for style in doc.select(&styles) {
        style_count += 1;
        problems.extend(external_in_css(&style.text().collect::<String>()));
    }
    assert!(style_count > 0, "the CSS is inlined");
    assert!(problems.is_empty(), "external references: {problems:#?}");

    // Every in-page link has its target in the file.
    let links = Selector::parse("a[href^='#']").unwrap();
    let mut count = 0;
    for link in doc.select(&links) {
        count += 1;
        let target = &link.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "no element with id {target:?}");
    }
    assert!(!html.contains("<script"), "no script needed");
    count
}

/// The shipped content (`content/`), rendered (nothing written).
pub fn shipped() -> bijlage::Rendered {
    let options = bijlage::Options::new(bijlage::ContentSource::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"),
    ));
    bijlage::render(&options).expect("the shipped content builds")
}

/// The file `path` of a rendered site.
pub fn output_file<'a>(rendered: &'a bijlage::Rendered, path: &str) -> &'a [u8] {
    &rendered
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not in the output"))
        .bytes
}

/// The text file `path` of a rendered site.
pub fn output_text<'a>(rendered: &'a bijlage::Rendered, path: &str) -> &'a str {
    std::str::from_utf8(output_file(rendered, path))
        .unwrap_or_else(|err| panic!("{path} is not UTF-8: {err}"))
}

/// The element of `html` that starts with `start` (its opening tag up to the
/// first attribute or more, e.g. `<section id="dashboard"`), through its
/// matching end tag, exactly as written.
pub fn element<'a>(html: &'a str, start: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in the page"));
    let name: String = start[1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let opens_here = |i: usize| {
        html[i + open.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>')
    };
    let mut depth = 0;
    let mut at = from;
    loop {
        let next_close = html[at..]
            .find(&close)
            .map(|i| at + i)
            .unwrap_or_else(|| panic!("`{start}` is not closed"));
        let next_open = html[at..next_close]
            .match_indices(&open)
            .map(|(i, _)| at + i)
            .find(|&i| opens_here(i));
        match next_open {
            Some(i) => {
                depth += 1;
                at = i + open.len();
            }
            None => {
                depth -= 1;
                at = next_close + close.len();
                if depth == 0 {
                    return &html[from..at];
                }
            }
        }
    }
}

/// The `bijlage` binary, run in `dir`, without colour.
pub fn bijlage(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("bijlage").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A copy of the mini fixture in a temporary folder (the site root).
pub fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    tmp
}

/// What a finished command wrote on stderr.
pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}
