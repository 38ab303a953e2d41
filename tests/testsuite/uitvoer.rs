//! Nothing is ever lost: the output folder is replaced only by a complete
//! build, only when it holds nothing but an earlier build, never when it is
//! (or holds) the content, the theme, the site, the home folder or `/`; an
//! interrupted build leaves the previous output and no temporary folder
//! behind; two builds are byte-identical.

use crate::common::{bijlage, copy_dir, fixture, site, stderr_of, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The names in `dir` that start with `.`: leftovers of a build beside the
/// output folder.
fn hidden(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = site();
    bijlage(tmp.path())
        .args(["build", "--output", "a"])
        .assert()
        .success();
    bijlage(tmp.path())
        .args(["build", "--output", "b"])
        .assert()
        .success();
    let a = tree(&tmp.path().join("a"));
    assert!(a.contains_key(".bijlage-manifest"));
    assert!(a.len() > 5, "{:?}", a.keys());
    assert_eq!(a, tree(&tmp.path().join("b")));
    // And a rebuild into the same folder changes nothing.
    bijlage(tmp.path())
        .args(["build", "--output", "a"])
        .assert()
        .success();
    assert_eq!(a, tree(&tmp.path().join("a")));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let tmp = site();
    bijlage(tmp.path())
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let before = tree(&tmp.path().join("uit"));
    // A content error, then a template error: neither touches the output.
    let actie = tmp.path().join("content/actielijn-a/03-los.md");
    let good = fs::read_to_string(&actie).unwrap();
    fs::write(&actie, good.replace("status: afgerond", "status: klaar")).unwrap();
    bijlage(tmp.path())
        .args(["build", "--output", "uit"])
        .assert()
        .code(1);
    assert_eq!(tree(&tmp.path().join("uit")), before);
    fs::write(&actie, good).unwrap();
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(
        tmp.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block inhoud %}{{ bestaat.niet }}{% endblock inhoud %}",
    )
    .unwrap();
    bijlage(tmp.path())
        .args(["build", "--output", "uit"])
        .assert()
        .code(1);
    assert_eq!(tree(&tmp.path().join("uit")), before);
    assert!(hidden(tmp.path()).is_empty(), "{:?}", hidden(tmp.path()));
}

/// `bijlage build --output <output>` in `dir` is refused with status 1 and a
/// message containing `expected`; returns the message.
fn refused(dir: &Path, output: &str, env: &[(&str, &Path)], expected: &str) -> String {
    let mut cmd = bijlage(dir);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let assert = cmd.args(["build", "--output", output]).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains(expected), "{stderr}");
    assert!(stderr.contains("fout[uitvoermap-"), "{stderr}");
    stderr
}

#[test]
fn refuses_an_output_folder_that_is_or_holds_the_content_theme_site_home_or_root() {
    let tmp = site();
    let root = tmp.path();
    fs::create_dir_all(root.join("themes/eigen/templates")).unwrap();
    let content_before = tree(&root.join("content"));
    let stderr = refused(root, "content", &[], "is de contentmap");
    insta::assert_snapshot!("uitvoer_is_de_contentmap", stderr);
    refused(root, "./content/../content/", &[], "is de contentmap");
    refused(root, "content/actielijn-a", &[], "binnen de contentmap");
    refused(root, ".", &[], "is de hoofdmap van de site");
    refused(root, "..", &[], "een map boven de hoofdmap van de site");
    refused(root, "themes", &[], "is de map met thema's");
    refused(root, "themes/eigen/static", &[], "binnen de thema's");
    refused(root, "/", &[], "is de hoofdmap `/`");
    let home = root.join("thuis");
    fs::create_dir_all(&home).unwrap();
    refused(root, "thuis", &[("HOME", &home)], "is de thuismap");
    // Through a symbolic link the content folder is still the content folder.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("content"), root.join("ook-content")).unwrap();
        refused(root, "ook-content", &[], "is de contentmap");
    }
    // --force does not override these.
    let assert = bijlage(root)
        .args(["build", "--force", "--output", "content"])
        .assert()
        .code(1);
    assert!(stderr_of(&assert).contains("is de contentmap"));
    assert_eq!(tree(&root.join("content")), content_before);
    // With an explicit --content elsewhere, the same rules hold.
    let assert = bijlage(Path::new("/"))
        .arg("build")
        .arg("--content")
        .arg(root.join("content"))
        .arg("--output")
        .arg(root.join("content"))
        .assert()
        .code(1);
    assert!(stderr_of(&assert).contains("is de contentmap"));
    assert_eq!(tree(&root.join("content")), content_before);
}

#[test]
fn refuses_a_folder_with_files_it_did_not_write_unless_forced() {
    let tmp = site();
    let root = tmp.path();
    let uit = root.join("uit");
    fs::create_dir_all(uit.join("foto's")).unwrap();
    fs::write(uit.join("notities.txt"), "van mij").unwrap();
    fs::write(uit.join("foto's/a.jpg"), "jpg").unwrap();
    let before = tree(&uit);
    let stderr = refused(root, "uit", &[], "bevat bestanden die bijlage niet schreef");
    insta::assert_snapshot!("uitvoer_met_vreemde_bestanden", stderr);
    assert_eq!(tree(&uit), before, "nothing touched");

    // A folder that an earlier build wrote is replaced; one file added by
    // hand afterwards makes it foreign again.
    bijlage(root)
        .args(["build", "--output", "gebouwd"])
        .assert()
        .success();
    bijlage(root)
        .args(["build", "--output", "gebouwd"])
        .assert()
        .success();
    fs::write(root.join("gebouwd/css/eigen.css"), "body{}").unwrap();
    refused(root, "gebouwd", &[], "css/eigen.css");

    // --force replaces it all the same.
    bijlage(root)
        .args(["build", "--force", "--output", "uit"])
        .assert()
        .success();
    let after = tree(&uit);
    assert!(!after.contains_key("notities.txt"));
    assert!(after.contains_key("index.html"));

    // An output that is a file is refused.
    fs::write(root.join("een-bestand"), "x").unwrap();
    refused(root, "een-bestand", &[], "is geen map");
    assert_eq!(fs::read(root.join("een-bestand")).unwrap(), b"x");
}

/// Content big enough that writing the output takes a while: `n` actielijnen
/// with one action each.
fn big_site(n: usize, status: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    fs::create_dir_all(&content).unwrap();
    let site = fs::read_to_string(fixture().join("content/_index.md")).unwrap();
    fs::write(
        content.join("_index.md"),
        site.replace("acties: [9]", "acties: [99999]"),
    )
    .unwrap();
    let body = "Voortgang in een alinea die ruimte inneemt. ".repeat(60);
    for i in 1..=n {
        let dir = content.join(format!("lijn-{i:04}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("_index.md"),
            format!("---\nnummer: {i}\nkorte_titel: \"Lijn {i}\"\ntitel: \"Actielijn {i}\"\n---\n"),
        )
        .unwrap();
        fs::write(
            dir.join("actie.md"),
            format!(
                "---\nnummer: {i}\ntitel: \"Actie {i}\"\nstatus: {status}\njaren: [2025]\njaren_bron: actieplan\n---\n{body}\n\n{body}\n"
            ),
        )
        .unwrap();
    }
    tmp
}

/// Where a build was when it was stopped, read from the folders beside the
/// output while the process stood still.
#[cfg(target_os = "linux")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// Writing the new folder beside the output (the output untouched).
    Writing,
    /// Between moving the old output aside and moving the new one in.
    Swapping,
    /// The new output in place (removing the old one, or done).
    Swapped,
}

/// The files under `dir` (0 when it does not exist).
#[cfg(target_os = "linux")]
fn file_count(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .count()
}

/// Whether every thread of process `pid` is stopped (or it has exited).
#[cfg(target_os = "linux")]
fn stands_still(pid: u32) -> bool {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return true;
    };
    tasks.flatten().all(|task| {
        let stat = fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // `pid (name) state …`; the name may hold spaces and parentheses.
        let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
        matches!(
            state.and_then(|s| s.chars().next()),
            None | Some('T' | 't' | 'Z' | 'X')
        )
    })
}

#[cfg(target_os = "linux")]
fn send(pid: u32, signal: &str) {
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -{signal} {pid}")])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal}");
}

/// Whether this process ignores SIGINT, as everything started in the
/// background by a non-interactive shell does: the build would inherit it
/// and go on, so a Ctrl-C cannot be imitated.
#[cfg(target_os = "linux")]
fn ignores_sigint() -> bool {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let ignored = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .unwrap_or(0);
    ignored & (1 << (2 - 1)) != 0
}

/// Builds `root` into `uit`, stops the process (SIGSTOP) once the new
/// folder beside the output holds `written` files (`None`: once the swap
/// has begun, the old output moved aside or the new folder gone), reads where it stands,
/// and then sends `signal` (SIGKILL, or SIGINT as from Ctrl-C). Because the
/// process stands still from the moment it is read until the signal lands,
/// the moment is exact, wherever the stop happened to fall; `None` when the
/// build had finished before it could be stopped.
#[cfg(target_os = "linux")]
fn interrupt(root: &Path, written: Option<usize>, signal: &str) -> Option<Moment> {
    let bin = assert_cmd::cargo::cargo_bin("bijlage");
    let mut child = std::process::Command::new(bin)
        .current_dir(root)
        .args(["build", "--output", "uit"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (output, new, old) = (
        root.join("uit"),
        root.join(".uit.bijlage-nieuw"),
        root.join(".uit.bijlage-oud"),
    );
    let start = Instant::now();
    // Whether the new folder has been seen (it exists only while writing).
    let mut began = false;
    let mut reached = || match written {
        Some(files) => file_count(&new) >= files,
        None => {
            let writing = new.exists();
            let swapping = old.exists() || began && !writing;
            began |= writing;
            swapping
        }
    };
    while !reached() {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the build failed by itself: {status}");
            return None;
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the build neither wrote nor ended"
        );
        std::thread::sleep(Duration::from_micros(500));
    }
    send(pid, "STOP");
    let stopped = Instant::now();
    while !stands_still(pid) {
        assert!(stopped.elapsed() < Duration::from_secs(60), "no stop");
        std::thread::sleep(Duration::from_micros(200));
    }
    let moment = match (new.exists(), output.exists(), old.exists()) {
        (true, true, false) => Some(Moment::Writing),
        (_, false, true) => Some(Moment::Swapping),
        (false, true, _) => Some(Moment::Swapped),
        state => panic!("an unexpected state (new, output, old): {state:?}"),
    };
    send(pid, signal);
    if signal != "KILL" {
        send(pid, "CONT");
    }
    let status = child.wait().unwrap();
    if status.success() {
        // It had exited before the stop: the new output is in place.
        assert_eq!(
            moment,
            Some(Moment::Swapped),
            "SIG{signal} did not end a build that was {moment:?}"
        );
        return None;
    }
    moment
}

/// A real kill: the `bijlage` binary, building a large generated site, gets
/// SIGKILL (and, in a second round, SIGINT as from Ctrl-C) while it writes.
/// Wherever the signal lands, the previous output is intact or the new one
/// complete; the next run succeeds and leaves no temporary folder. The
/// build is stopped before the signal so the test knows where it landed:
/// early, halfway and late in the writing, once the swap has begun, and
/// again until it has landed while writing at least once.
#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_build_leaves_the_previous_output_and_no_leftovers() {
    let tmp = big_site(150, "afgerond");
    let root = tmp.path();
    bijlage(root)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let before = tree(&root.join("uit"));
    // The next edition: every action changes status.
    let next = big_site(150, "doorlopend");
    fs::remove_dir_all(root.join("content")).unwrap();
    copy_dir(&next.path().join("content"), &root.join("content"));
    bijlage(root)
        .args(["build", "--output", "verwacht"])
        .assert()
        .success();
    let expected = tree(&root.join("verwacht"));
    assert_ne!(before, expected);
    let (output, new, old) = (
        root.join("uit"),
        root.join(".uit.bijlage-nieuw"),
        root.join(".uit.bijlage-oud"),
    );

    // SIGTERM ends a build as SIGINT does when SIGINT cannot be sent.
    let ctrl_c = if ignores_sigint() {
        eprintln!("SIGINT is ignored here (and by the build): SIGTERM instead");
        "TERM"
    } else {
        "INT"
    };
    for signal in ["KILL", ctrl_c] {
        let mut seen = Vec::new();
        // Stop after a few files, after half of them, after nearly all, and
        // once the swap has begun.
        for written in [
            Some(3),
            Some(expected.len() / 2),
            Some(expected.len() - 3),
            None,
        ]
        .into_iter()
        .cycle()
        .take(12)
        {
            let moment = interrupt(root, written, signal);
            match moment {
                Some(Moment::Writing) => {
                    assert_eq!(tree(&output), before, "SIG{signal} while writing");
                }
                Some(Moment::Swapping) => {
                    assert!(!output.exists());
                    assert_eq!(tree(&old), before, "SIG{signal} while swapping");
                    assert_eq!(tree(&new), expected, "SIG{signal} while swapping");
                }
                Some(Moment::Swapped) | None => {
                    assert_eq!(tree(&output), expected, "SIG{signal} after the swap");
                }
            }
            seen.push(moment);
            // The next run clears the leftovers and builds.
            bijlage(root)
                .args(["build", "--output", "uit"])
                .assert()
                .success();
            assert_eq!(tree(&output), expected, "SIG{signal} {moment:?}");
            assert_eq!(hidden(root), Vec::<String>::new(), "SIG{signal} {moment:?}");
            // Back to the old output for the next try.
            restore(&output, &before);
            if seen.len() >= 4 && seen.contains(&Some(Moment::Writing)) {
                break;
            }
        }
        eprintln!("SIG{signal} landed: {seen:?}");
        assert!(
            seen.contains(&Some(Moment::Writing)),
            "SIG{signal} never landed while writing: {seen:?}"
        );
    }
}

/// Makes `dir` hold exactly `files`.
fn restore(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    fs::remove_dir_all(dir).unwrap();
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    assert_eq!(&tree(dir), files);
}
