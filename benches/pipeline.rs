//! The stages of a build, each on its own: load (walk, read, parse), model
//! (group, order, check), render (Markdown, templates, data) and write (the
//! output folder, atomically). First the fixed cost of every build, the parse
//! of the theme's templates (`thema/templates`); then on the shipped edition
//! and on a generated site of 1,000 actions over 40 actielijnen
//! (`tools/genereer`).
//!
//! `cargo bench --bench pipeline`; one group: `cargo bench --bench pipeline -- render`.
//! The generated site and the output go to /dev/shm when it exists (tmpfs:
//! the disk's timings vary too much to compare runs).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use bijlage::content::{self, ContentSource, Loaded};
use bijlage::{model, output, render};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use genereer::{self as generate, Spec};

fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let builder = tempfile::Builder::new()
        .prefix("bijlage-bench-")
        .tempdir_in(if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        });
    builder.expect("a scratch folder")
}

struct Case {
    name: &'static str,
    content: PathBuf,
    acties: u64,
    /// Keeps the generated site until the benchmarks end.
    _dir: Option<tempfile::TempDir>,
}

fn cases() -> Vec<Case> {
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let shipped_acties = content::load(&ContentSource::Dir(shipped.clone()))
        .acties
        .len() as u64;
    let dir = scratch();
    let spec = Spec {
        acties: 1000,
        actielijnen: 40,
        zaad: 2025,
    };
    let programme = generate::programme(&spec);
    generate::write(dir.path(), &programme.bijlage_files()).expect("the generated site is written");
    vec![
        Case {
            name: "geleverd",
            content: shipped,
            acties: shipped_acties,
            _dir: None,
        },
        Case {
            name: "1k",
            content: dir.path().join("content"),
            acties: spec.acties as u64,
            _dir: Some(dir),
        },
    ]
}

fn parts(
    loaded: &Loaded,
) -> (
    model::SiteMeta,
    Vec<model::Actielijn>,
    Vec<model::ActieInvoer>,
) {
    (
        loaded.site.clone().expect("the site has _index.md"),
        loaded.actielijnen.clone(),
        loaded.acties.clone(),
    )
}

fn pipeline(c: &mut Criterion) {
    let theme = render::theme::load(None, "rijksoverheid").expect("the embedded theme");
    // The fixed cost of every build, whatever its size: tera parsing the
    // theme's templates (on every core, as a build does).
    let mut group = c.benchmark_group("thema");
    group.bench_function("templates", |b| {
        b.iter(|| black_box(render::environment(&theme).expect("the theme parses")))
    });
    group.finish();
    for case in cases() {
        let source = ContentSource::Dir(case.content.clone());
        let loaded = content::load(&source);
        assert!(
            loaded.diagnostics.is_empty(),
            "{}: {:?}",
            case.name,
            loaded.diagnostics
        );
        let (meta, lijnen, acties) = parts(&loaded);
        let (site, diagnostics) = model::assemble(meta, lijnen, acties, false);
        assert!(diagnostics.is_empty(), "{}: {diagnostics:?}", case.name);
        let files = render::render_site(&site, &theme, None).expect("the site renders");

        let mut group = c.benchmark_group(case.name);
        group.throughput(Throughput::Elements(case.acties));
        group.sample_size(20);

        group.bench_function("load", |b| b.iter(|| black_box(content::load(&source))));
        group.bench_function("model", |b| {
            b.iter_batched(
                || parts(&loaded),
                |(meta, lijnen, acties)| black_box(model::assemble(meta, lijnen, acties, false)),
                BatchSize::LargeInput,
            )
        });
        group.bench_function("render", |b| {
            b.iter(|| black_box(render::render_site(&site, &theme, None)))
        });
        let out = scratch();
        let public = out.path().join("public");
        group.bench_function("write", |b| {
            b.iter(|| output::write(&public, &files).expect("the output is written"))
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
