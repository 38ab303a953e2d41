//! Nothing gets in, nothing is lost (issue 14): hostile and unlucky input.
//! Each test is named after the promise it checks; each failed on the code
//! before the fix.

use crate::common::{bijlage, copy_dir, site, stderr_of, tree};

use std::fs;
use std::path::Path;

/// Adds `n` actions to the fixture's actielijn b, so that writing the output
/// takes long enough for builds to overlap.
fn grow(root: &Path, n: usize) {
    let body = "Voortgang in een alinea die ruimte inneemt. ".repeat(40);
    for i in 0..n {
        fs::write(
            root.join(format!("content/actielijn-b/x{i:04}.md")),
            format!(
                "---\nnummer: {}\ntitel: \"Actie {i}\"\nstatus: afgerond\njaren: [2025]\njaren_bron: actieplan\n---\n{body}\n",
                100 + i
            ),
        )
        .unwrap();
    }
}

// --- Data loss -------------------------------------------------------------

#[test]
fn concurrent_builds_into_one_folder_never_leave_an_incomplete_output() {
    let tmp = site();
    grow(tmp.path(), 300);
    let bin = assert_cmd::cargo::cargo_bin("bijlage");
    for round in 0..4 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(&bin)
                    .current_dir(tmp.path())
                    .args(["build", "--output", "uit"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: a concurrent build failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let files = tree(&tmp.path().join("uit"));
        for name in [
            "index.html",
            "bijlage.html",
            "actielijn-2.html",
            ".bijlage-manifest",
        ] {
            assert!(files.contains_key(name), "round {round}: no {name}");
        }
        // Nothing left beside the output: no temporary folder, no lock file.
        let beside: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(beside.is_empty(), "round {round}: {beside:?}");
    }
}

#[test]
fn never_replaces_a_git_folder_or_a_folder_that_holds_one_even_with_force() {
    let tmp = site();
    let root = tmp.path();
    fs::create_dir_all(root.join("uit/.git")).unwrap();
    fs::write(root.join("uit/.git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::create_dir_all(root.join("diep/sub/.git")).unwrap();
    fs::write(root.join("diep/sub/.git/HEAD"), "x").unwrap();
    for output in ["uit", "uit/.git", "diep"] {
        let assert = bijlage(root)
            .args(["build", "--force", "--output", output])
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("git"), "{output}: {stderr}");
        assert!(stderr.contains("fout[uitvoermap-beschermd]"), "{stderr}");
    }
    assert!(root.join("uit/.git/HEAD").is_file());
    assert!(root.join("diep/sub/.git/HEAD").is_file());
}

#[test]
fn never_replaces_the_previous_editions_folder_even_with_force() {
    let tmp = site();
    let root = tmp.path();
    copy_dir(&root.join("content"), &root.join("vorige"));
    let before = tree(&root.join("vorige"));
    for output in ["vorige", "vorige/actielijn-a"] {
        let assert = bijlage(root)
            .args([
                "build",
                "--force",
                "--previous",
                "vorige",
                "--output",
                output,
            ])
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("vorige editie"), "{output}: {stderr}");
    }
    assert_eq!(tree(&root.join("vorige")), before);
}

#[test]
fn the_annex_may_not_take_the_name_of_another_output_file() {
    let tmp = site();
    let root = tmp.path();
    copy_dir(&root.join("content"), &root.join("vorige"));
    let index = root.join("content/_index.md");
    let text = fs::read_to_string(&index).unwrap();
    fs::write(
        &index,
        text.replacen("---\n", "---\nbijlage_bestand: \"wijzigingen.html\"\n", 1),
    )
    .unwrap();
    let assert = bijlage(root)
        .args(["build", "--previous", "vorige", "--output", "uit"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("bijlage_bestand"), "{stderr}");
    assert!(stderr.contains("_index.md:2:"), "{stderr}");
    assert!(!root.join("uit").exists());
}

// --- Closed pipes and full disks ------------------------------------------

#[test]
fn a_closed_standard_output_ends_quietly_with_the_right_status() {
    let tmp = site();
    let bin = assert_cmd::cargo::cargo_bin("bijlage");
    for (args, code) in [
        (&["check", "--format", "json"][..], 0),
        (&["check"][..], 0),
        (&["build", "--output", "uit"][..], 0),
    ] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(tmp.path())
            .env("NO_COLOR", "1")
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before bijlage writes (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_standard_error_ends_with_the_right_status() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let tmp = site();
    let actie = tmp.path().join("content/actielijn-a/03-los.md");
    let text = fs::read_to_string(&actie).unwrap();
    fs::write(&actie, text.replace("status: afgerond", "status: klaar")).unwrap();
    let err = fs::OpenOptions::new().write(true).open(full).unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("bijlage"))
        .current_dir(tmp.path())
        .arg("check")
        .stdout(std::process::Stdio::null())
        .stderr(err)
        .status()
        .unwrap();
    // 1: the content has an error; a panic would be 101.
    assert_eq!(status.code(), Some(1));
}

// --- Bounded work ----------------------------------------------------------

/// Appends `yaml` to the front matter and `body` to the text of the
/// fixture's action 3; returns `bijlage check`'s status and stderr.
fn check_with(root: &Path, yaml: &str, body: &str) -> (Option<i32>, String) {
    let actie = root.join("content/actielijn-a/03-los.md");
    let text = fs::read_to_string(&actie).unwrap();
    let text = text
        .replace(
            "jaren_bron: actieplan\n",
            &format!("jaren_bron: actieplan\n{yaml}"),
        )
        .replace("Klaar, zie", &format!("{body}\n\nKlaar, zie"));
    fs::write(&actie, text).unwrap();
    let out = bijlage(root).arg("check").output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn raw_html_nested_100000_deep_fails_clearly_naming_the_limit() {
    let tmp = site();
    let (code, stderr) = check_with(tmp.path(), "", &"<div>".repeat(100_000));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("fout[te-diep-genest]"), "{stderr}");
    assert!(stderr.contains("dieper genest dan 100 niveaus"), "{stderr}");
    assert!(stderr.contains("03-los.md:9:1"), "{stderr}");
}

#[test]
fn yaml_brackets_nested_100000_deep_fail_clearly_naming_the_limit() {
    let tmp = site();
    let deep = format!("extra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (code, stderr) = check_with(tmp.path(), &deep, "");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("fout[te-diep-genest]"), "{stderr}");
    assert!(stderr.contains("dieper genest dan 32 niveaus"), "{stderr}");
    assert!(stderr.contains("03-los.md:7:40"), "{stderr}");
}

/// `bijlage check` with the site's own `templates/index.html`.
fn check_template(index: &str) -> (Option<i32>, String) {
    let tmp = site();
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(tmp.path().join("templates/index.html"), index).unwrap();
    let out = bijlage(tmp.path()).arg("check").output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_recursive_macro_is_an_error_with_template_and_line_not_a_crash() {
    let (code, stderr) = check_template(
        "{% extends \"base.html\" %}\n{% macro diep(n) %}{{ self::diep(n=n + 1) }}{% endmacro diep %}\n{% block inhoud %}{{ self::diep(n=0) }}{% endblock inhoud %}",
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("fout[template]"), "{stderr}");
    assert!(stderr.contains("templates/index.html:2:"), "{stderr}");
    assert!(
        stderr.contains("macro `diep` (index.html) roept zichzelf aan"),
        "{stderr}"
    );
}

#[test]
fn a_giant_range_in_a_template_is_an_error_not_out_of_memory() {
    let (code, stderr) = check_template(
        "{% extends \"base.html\" %}\n{% block inhoud %}\n{% for i in range(end=1000000000) %}{{ i }}{% endfor %}{% endblock inhoud %}",
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("templates/index.html"), "{stderr}");
    assert!(stderr.contains("het maximum is 100000"), "{stderr}");
}

// --- Nothing from outside the site ----------------------------------------

/// A file outside the site whose text must never be read: not published,
/// not quoted in a message.
const SECRET: &str = "GEHEIM-buiten-de-site";

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_are_errors_naming_the_link_and_nothing_of_them_is_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("geheim.md");
    fs::write(&secret, format!("---\n{SECRET}: [\n---\n{SECRET}\n")).unwrap();
    type Make<'a> = &'a dyn Fn(&Path);
    let cases: [(&str, Make); 4] = [
        ("content/actielijn-a/09-link.md", &|root| {
            symlink(&secret, root.join("content/actielijn-a/09-link.md")).unwrap()
        }),
        ("content/actielijn-c", &|root| {
            fs::create_dir_all(outside.path().join("lijn")).unwrap();
            fs::copy(&secret, outside.path().join("lijn/_index.md")).unwrap();
            symlink(
                outside.path().join("lijn"),
                root.join("content/actielijn-c"),
            )
            .unwrap()
        }),
        ("templates/index.html", &|root| {
            fs::create_dir_all(root.join("templates")).unwrap();
            symlink(&secret, root.join("templates/index.html")).unwrap()
        }),
        ("static/geheim.css", &|root| {
            let theme = root.join("themes/eigen");
            copy_dir(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/rijksoverheid"),
                &theme,
            );
            symlink(&secret, theme.join("static/geheim.css")).unwrap()
        }),
    ];
    for (link, make) in cases {
        let tmp = site();
        make(tmp.path());
        let theme = if link.starts_with("static") {
            "eigen"
        } else {
            "rijksoverheid"
        };
        let out = bijlage(tmp.path())
            .args(["build", "--theme", theme, "--output", "uit"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{link}: {stderr}");
        assert!(
            stderr.contains("fout[link-buiten-site]"),
            "{link}: {stderr}"
        );
        assert!(stderr.contains(link), "{link}: {stderr}");
        assert!(!stderr.contains(SECRET), "{link} quoted the file: {stderr}");
        assert!(!tmp.path().join("uit").exists(), "{link}");
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_site_are_followed() {
    let tmp = site();
    let root = tmp.path();
    fs::rename(
        root.join("content/actielijn-a/03-los.md"),
        root.join("los.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../../los.md", root.join("content/actielijn-a/03-los.md")).unwrap();
    bijlage(root)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let page = fs::read_to_string(root.join("uit/actielijn-1.html")).unwrap();
    assert!(page.contains("Een losse actie"));
}

#[test]
fn control_characters_are_removed_with_a_warning_at_their_place_and_never_reach_the_html() {
    let tmp = site();
    let root = tmp.path();
    let actie = root.join("content/actielijn-a/03-los.md");
    let text = fs::read_to_string(&actie).unwrap();
    let text = text
        .replace(
            "titel: \"Een losse actie\"",
            "titel: \"Een\u{0} losse\u{1b} actie\\0\"",
        )
        .replace("Klaar, zie", "Kla\u{7}ar &#1;, zie");
    fs::write(&actie, text).unwrap();
    let assert = bijlage(root)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("waarschuwing[stuurteken]"), "{stderr}");
    assert!(stderr.contains("U+0000"), "{stderr}");
    assert!(stderr.contains("03-los.md:3:12"), "{stderr}");
    assert!(stderr.contains("03-los.md:9:4"), "{stderr}");
    for (name, bytes) in tree(&root.join("uit")) {
        if name.ends_with(".html") || name.ends_with(".json") || name.ends_with(".csv") {
            let text = String::from_utf8(bytes).unwrap();
            let bad: Vec<char> = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                .collect();
            assert!(bad.is_empty(), "{name}: {bad:?}");
        }
    }
    let page = fs::read_to_string(root.join("uit/actielijn-1.html")).unwrap();
    assert!(page.contains("Een losse actie"), "the text itself stays");
}

#[test]
fn a_front_matter_url_follows_the_rule_of_markdown_links() {
    let tmp = site();
    let root = tmp.path();
    let index = root.join("content/_index.md");
    let text = fs::read_to_string(&index).unwrap();
    fs::write(
        &index,
        text.replace(
            "website: \"https://www.example.org\"",
            "website: \"java\\tscript:alert(document.domain)\"",
        ),
    )
    .unwrap();
    let assert = bijlage(root)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("waarschuwing[onveilige-link]"), "{stderr}");
    assert!(stderr.contains("_index.md:8:"), "{stderr}");
    for (name, bytes) in tree(&root.join("uit")) {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        assert!(!text.contains("script:alert"), "{name}");
    }
}

#[test]
fn an_image_from_another_host_is_warned_on_the_site_and_a_plain_link_in_the_annex() {
    let tmp = site();
    let root = tmp.path();
    let actie = root.join("content/actielijn-a/03-los.md");
    let text = fs::read_to_string(&actie).unwrap();
    fs::write(
        &actie,
        text.replace(
            "Klaar, zie",
            "![Kaart](https://elders.example/kaart.png) en ![](//elders.example/b.png)\n\nKlaar, zie",
        ),
    )
    .unwrap();
    let assert = bijlage(root)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("waarschuwing[externe-afbeelding]"),
        "{stderr}"
    );
    assert!(stderr.contains("03-los.md:9:1"), "{stderr}");
    assert!(stderr.contains("03-los.md:9:"), "{stderr}");
    let annex = fs::read_to_string(root.join("uit/bijlage.html")).unwrap();
    assert!(
        !annex.contains("<img src=\"https://elders"),
        "image kept in the annex"
    );
    assert!(
        !annex.contains("<img src=\"//elders"),
        "image kept in the annex"
    );
    assert!(annex.contains("<a href=\"https://elders.example/kaart.png\">Kaart</a>"));
}
