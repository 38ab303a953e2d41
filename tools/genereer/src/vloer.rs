//! The floor of a build: what only reading every source file and writing
//! the output costs, with no parsing or rendering in between. Reads every
//! file under `--content`, then writes, into a fresh `--uit`, files with the
//! paths and sizes of those under `--zoals` (a bijlage output folder), in
//! parallel like the build. `scripts/bench.sh` times it beside the build.
//!
//! ```sh
//! cargo run --release -p bijlage-genereer --bin vloer -- --content /dev/shm/x/content --zoals /dev/shm/x/public --uit /dev/shm/x/vloer
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

#[derive(Parser)]
#[command(
    about = "Leest alle bronbestanden en schrijft bestanden van dezelfde grootte als een uitvoermap"
)]
struct Args {
    #[arg(long, value_name = "MAP")]
    content: PathBuf,
    /// De uitvoermap waarvan paden en groottes worden nagebootst.
    #[arg(long, value_name = "MAP")]
    zoals: PathBuf,
    /// Waar de bestanden komen; wordt eerst leeggemaakt.
    #[arg(long, value_name = "MAP")]
    uit: PathBuf,
}

fn files(dir: &PathBuf) -> Vec<(PathBuf, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            (
                e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf(),
                size,
            )
        })
        .collect()
}

fn main() -> ExitCode {
    let args = Args::parse();
    let shape = files(&args.zoals);
    let sources: Vec<PathBuf> = files(&args.content)
        .into_iter()
        .map(|(rel, _)| args.content.join(rel))
        .collect();
    let read: usize = sources
        .par_iter()
        .map(|path| std::fs::read(path).map(|b| b.len()).unwrap_or(0))
        .sum();
    let _ = std::fs::remove_dir_all(&args.uit);
    let written: std::io::Result<Vec<()>> = shape
        .par_iter()
        .map(|(rel, size)| {
            let target = args.uit.join(rel);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&target, vec![b'x'; *size as usize])
        })
        .collect();
    match written {
        Ok(_) => {
            println!(
                "{} bronbestanden ({read} bytes) gelezen, {} bestanden geschreven",
                sources.len(),
                shape.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("vloer: {err}");
            ExitCode::FAILURE
        }
    }
}
