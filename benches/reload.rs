//! Save → reload-event latency of `bijlage serve`: the time from writing an
//! action file to the `herladen` event arriving at an SSE client, in place
//! and by rename, as an editor saves. On the shipped content (44 actions)
//! and on a generated site of 10,000 actions over 40 actielijnen.
//!
//!     cargo bench --bench reload
//!     RELOAD_ACTIES=2000 cargo bench --bench reload    # another size; 0: shipped only
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

fn measure(name: &str, file: &Path, content: &Path, rounds: usize) {
    let original = std::fs::read_to_string(file).expect("the action file");
    let server = Server::start(content, &[]);
    let mut events = server.events();
    events.next();

    let mut in_place = Vec::new();
    let mut by_rename = Vec::new();
    for round in 0..rounds {
        let text = original.replacen("---\n", &format!("---\n# ronde {round}\n"), 1);
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
        if rename {
            by_rename.push(ms);
        } else {
            in_place.push(ms);
        }
        std::thread::sleep(Duration::from_millis(150));
    }

    println!("bijlage serve: save → reload event, {name}, {rounds} saves");
    for (name, samples) in [("in place", &mut in_place), ("by rename", &mut by_rename)] {
        samples.sort_by(f64::total_cmp);
        println!(
            "  {name:<10} min {:6.1} ms   median {:6.1} ms   p95 {:6.1} ms   max {:6.1} ms",
            samples[0],
            percentile(samples, 0.5),
            percentile(samples, 0.95),
            samples[samples.len() - 1]
        );
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
