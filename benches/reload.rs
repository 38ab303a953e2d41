//! Save → reload-event latency of `bijlage serve`: the time from writing an
//! action file to the `herladen` event arriving at an SSE client, in place
//! and by rename, as an editor saves. On the shipped content (44 actions)
//! and on a generated site of 10,000 actions over 40 actielijnen.
//!
//!     cargo bench --bench reload
//!     RELOAD_ACTIES=2000 cargo bench --bench reload    # another size; 0: shipped only
//!     RELOAD_BIJLAGE=/path/to/bijlage cargo bench --bench reload   # another build
//!
//! Two kinds of save, each in place and by rename in turn: a comment added
//! to the front matter (the file changes, what it holds does not: no page
//! changes), and a sentence added to the progress text (the action's
//! actielijn page and the start page change).
//!
//! The budgets: 40 ms on the shipped content, 100 ms on 10,000 actions. The
//! server's own log line per rebuild says how the time splits (debounce
//! quiet period, render) and how much was done again: files read, texts
//! rendered, pages rendered before the reload (the start page and the saved
//! action's actielijn; the rest, the annex with every action among them, is
//! rendered when first asked for). After the saves, one more save, and the
//! time from its reload event to the answer of the annex (rendered on that
//! request) and of the start page (rendered before the reload).

// The helpers of the integration tests (tests/testsuite/common), of which
// this bench uses only the preview server's.
#[path = "../tests/testsuite/common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::serve::{Server, copy_dir};

const ROUNDS: usize = 40;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

fn main() {
    let shipped = tempfile::tempdir().expect("temp dir");
    let content = shipped.path().join("content");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &content);
    // The previous edition the shipped content compares with
    // (`vorige_editie`): without it every build fails and no save reloads.
    copy_dir(&root.join("edities"), &shipped.path().join("edities"));
    measure(
        "shipped content (44 actions)",
        &content.join("actielijn-2/15-meldingsbereidheid-criminele-uitbuiting.md"),
        &content,
        ROUNDS,
    );
    let acties: usize = std::env::var("RELOAD_ACTIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    if acties > 0 {
        let shm = Path::new("/dev/shm");
        let generated = tempfile::Builder::new()
            .prefix("bijlage-reload-")
            .tempdir_in(if shm.is_dir() {
                shm.to_path_buf()
            } else {
                std::env::temp_dir()
            })
            .expect("temp dir");
        let programme = genereer::programme(&genereer::Spec {
            acties,
            actielijnen: 40,
            zaad: 2025,
        });
        let files = programme.bijlage_files();
        genereer::write(generated.path(), &files).expect("the generated site");
        let action = files
            .iter()
            .map(|f| f.path.as_str())
            .find(|p| !p.ends_with("_index.md"))
            .expect("an action file");
        measure(
            &format!("generated, {acties} actions over 40 actielijnen"),
            &generated.path().join(action),
            &generated.path().join("content"),
            ROUNDS / 4,
        );
    }
}

/// A save's time to the reload event, and the server's own split: from the
/// first event to the reload, and the render alone (ms).
type Sample = (f64, (f64, f64));

fn measure(name: &str, file: &Path, content: &Path, rounds: usize) {
    let original = std::fs::read_to_string(file).expect("the action file");
    let server = match std::env::var_os("RELOAD_BIJLAGE") {
        Some(binary) => Server::start_binary(Path::new(&binary), content, &[]),
        None => Server::start(content, &[]),
    };
    let mut events = server.events();
    events.next();

    type Edit = fn(&str, usize) -> String;
    let kinds: [(&str, Edit); 2] = [
        ("comment", |text, round| {
            text.replacen("---\n", &format!("---\n# ronde {round}\n"), 1)
        }),
        ("text", |text, round| {
            format!("{}\nRonde {round} van de meting.\n", text.trim_end())
        }),
    ];
    println!("bijlage serve: save → reload event, {name}, {rounds} saves of each kind");
    for (kind, edit) in kinds {
        let mut in_place = Vec::new();
        let mut by_rename = Vec::new();
        for round in 0..rounds {
            let text = edit(&original, round);
            let rename = round % 2 == 1;
            let start = Instant::now();
            if rename {
                let temp = file.with_file_name(".bewaren.md.tmp");
                std::fs::write(&temp, &text).expect("write");
                std::fs::rename(&temp, file).expect("rename");
            } else {
                std::fs::write(file, &text).expect("write");
            }
            events.reload();
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            std::thread::sleep(Duration::from_millis(150));
            // The server's log line of this save: from its first event to
            // the reload, and the render alone.
            let log = server.stderr();
            let split = log
                .lines()
                .rev()
                .find(|l| l.contains(" na de wijziging "))
                .and_then(|l| {
                    let total: f64 = l
                        .split(" ms na de wijziging")
                        .next()?
                        .rsplit(' ')
                        .next()?
                        .parse()
                        .ok()?;
                    let render: f64 = l
                        .split("gebouwd in ")
                        .nth(1)?
                        .split(" ms")
                        .next()?
                        .parse()
                        .ok()?;
                    Some((total, render))
                })
                .unwrap_or((f64::NAN, f64::NAN));
            if rename {
                by_rename.push((ms, split));
            } else {
                in_place.push((ms, split));
            }
        }
        for (how, samples) in [("in place", &in_place), ("by rename", &by_rename)] {
            let mut ms: Vec<f64> = samples.iter().map(|s| s.0).collect();
            ms.sort_by(f64::total_cmp);
            let median_of = |f: &dyn Fn(&Sample) -> f64| {
                let mut v: Vec<f64> = samples.iter().map(f).collect();
                v.sort_by(f64::total_cmp);
                percentile(&v, 0.5)
            };
            println!(
                "  {kind:<7} {how:<10} min {:6.1} ms   median {:6.1} ms   p95 {:6.1} ms   max {:6.1} ms   \
                 (median: save to first event {:5.1}, first event to render {:5.1}, render {:5.1})",
                ms[0],
                percentile(&ms, 0.5),
                percentile(&ms, 0.95),
                ms[ms.len() - 1],
                median_of(&|s| s.0 - s.1.0),
                median_of(&|s| s.1.0 - s.1.1),
                median_of(&|s| s.1.1),
            );
        }
    }
    // What a browser asks after the reload: a page rendered before the
    // reload, and the annex, rendered on this request.
    std::fs::write(file, &original).expect("write");
    events.reload();
    let start = Instant::now();
    let index = server.get("/");
    let index_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let annex = server.get("/bijlage.html");
    let annex_ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!((index.status, annex.status), (200, 200));
    println!(
        "  after a reload: start page served in {index_ms:.1} ms, the annex ({:.1} MB) in {annex_ms:.1} ms",
        annex.body.len() as f64 / 1e6
    );
    let log = server.stderr();
    let renders: Vec<f64> = log
        .lines()
        .filter_map(|l| l.split("gebouwd in ").nth(1))
        .filter_map(|rest| rest.split(" ms").next())
        .filter_map(|ms| ms.parse().ok())
        .collect();
    if !renders.is_empty() {
        let mut renders = renders;
        renders.sort_by(f64::total_cmp);
        println!(
            "  render alone: median {:.1} ms, max {:.1} ms (debounce quiet period: {} ms)",
            percentile(&renders, 0.5),
            renders[renders.len() - 1],
            bijlage::serve::watch::QUIET.as_millis()
        );
    }
}
