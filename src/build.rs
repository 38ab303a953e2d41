//! Building into an output folder: which folders may be replaced, the lock,
//! the staging folder swapped in; and the review file.

use std::path::{Path, PathBuf};

use crate::error::{BuildError, Diagnostic, Location, Problem};
use crate::model::Site;
use crate::{ContentSource, Options, Rendered, output, render, render_into};

/// How to write the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildFlags {
    /// Replace an output folder even if it holds files bijlage did not write.
    pub force: bool,
}

/// Renders and writes the output folder atomically.
pub fn build(options: &Options, output: &Path) -> Result<Rendered, BuildError> {
    build_with(options, output, BuildFlags::default())
}

/// The folders the output may not be, hold or lie inside, for
/// [`output::protected`]: the content, the theme, the site root, the current
/// folder, the home folder and `/`.
fn guarded_folders(options: &Options) -> output::Guarded {
    let root = options.site_root();
    let mut guarded = output::Guarded {
        folders: vec![
            (PathBuf::from("/"), "de hoofdmap `/`"),
            (root.clone(), "de hoofdmap van de site"),
            (root.join("themes"), "de map met thema's"),
            (root.join("themes").join(&options.theme), "de themamap"),
            (root.join("templates"), "de map met eigen templates"),
            (PathBuf::from("."), "de map waarin bijlage draait"),
        ],
        inside: Vec::new(),
    };
    if let ContentSource::Dir(dir) = &options.content {
        guarded.folders.push((dir.clone(), "de contentmap"));
        guarded
            .inside
            .push((dir.clone(), "een map binnen de contentmap"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        guarded.folders.push((PathBuf::from(home), "de thuismap"));
    }
    for folder in ["themes", "templates"] {
        guarded
            .inside
            .push((root.join(folder), "een map binnen de thema's of templates"));
    }
    guarded
}

/// Why `output` may not be the output folder, if it may not (see
/// [`guarded_folders`]).
fn protected(options: &Options, output: &Path) -> Option<String> {
    output::protected(output, &guarded_folders(options))
}

/// Why `output` may not be the output folder because of the previous
/// edition it is compared with: it is that edition's folder, or holds it, or
/// lies inside it.
fn previous_edition(options: &Options, site: &Site, output: &Path) -> Option<String> {
    let (spec, base) = match (&options.previous, &site.meta.vorige_editie) {
        (Some(spec), _) => (spec, PathBuf::from(".")),
        (None, Some(spec)) => (spec, options.site_root()),
        (None, None) => return None,
    };
    let folder = base.join(spec);
    (folder.is_dir() && output::overlaps(output, &folder))
        .then(|| format!("de map van de vorige editie (`{spec}`)"))
}

fn refused(output: &Path, problem: Problem) -> BuildError {
    BuildError::Invalid {
        diagnostics: vec![Diagnostic::new(
            Location::file(output.display().to_string()),
            problem,
        )],
        sources: Vec::new(),
    }
}

/// Renders and writes the output folder atomically, after checking that the
/// output folder is one bijlage may replace. Returns what was rendered, with
/// the warnings.
pub fn build_with(
    options: &Options,
    output: &Path,
    flags: BuildFlags,
) -> Result<Rendered, BuildError> {
    let path = output.display().to_string();
    if let Some(what) = protected(options, output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    if output.exists() && !output.is_dir() {
        return Err(refused(output, Problem::OutputNotADir { path }));
    }
    // One build per output folder at a time, from here to the swap: the
    // staging folder beside the output is this build's alone.
    let _lock = output::lock(output).map_err(|err| BuildError::io(output, err))?;
    if let Some(what) = output::holds_git(output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    // Pages are written into a fresh folder beside the output as they are
    // rendered; it replaces the output only when everything was written.
    let staging = output::Staging::begin(output).map_err(|err| BuildError::io(output, err))?;
    let rendered = render_into(options, Some((&staging, output)), None)?;
    if let Some(what) = previous_edition(options, &rendered.site, output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    if !flags.force {
        let foreign = output::foreign_files_of(output, &staging.paths(), 5)
            .map_err(|err| BuildError::io(output, err))?;
        if !foreign.is_empty() {
            return Err(refused(
                output,
                Problem::OutputForeign {
                    path,
                    files: foreign,
                },
            ));
        }
    }
    staging
        .commit()
        .map_err(|err| BuildError::io(output, err))?;
    Ok(rendered)
}

/// The review file for `options` when none is named: the annex's name with
/// `-concept` before the extension, in the current folder.
pub(crate) fn review_file_name(site: &Site) -> PathBuf {
    let name = &site.meta.bijlage_bestand;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "html"));
    PathBuf::from(format!("{stem}-concept.{ext}"))
}

/// `bijlage review`: renders the review copy and writes its single-file
/// annex to `output` (by default `review_file_name`) atomically. A bad
/// input gets the diagnostics of a build and writes nothing. Returns what was
/// rendered and the path written.
pub fn review(options: &Options, output: Option<&Path>) -> Result<(Rendered, PathBuf), BuildError> {
    let options = Options {
        review: true,
        ..options.clone()
    };
    let check = |path: &Path| -> Result<(), BuildError> {
        let shown = path.display().to_string();
        let what = protected(&options, path).or_else(|| path.is_dir().then(|| "een map".into()));
        if let Some(what) = what {
            return Err(refused(path, Problem::ReviewFile { path: shown, what }));
        }
        Ok(())
    };
    if let Some(path) = output {
        check(path)?;
    }
    let rendered = render(&options)?;
    let path = match output {
        Some(path) => path.to_path_buf(),
        None => {
            let path = review_file_name(&rendered.site);
            check(&path)?;
            path
        }
    };
    let annex = rendered
        .files
        .iter()
        .find(|f| f.path == rendered.site.meta.bijlage_bestand)
        .map(|f| f.bytes.as_slice())
        .unwrap_or_default();
    output::write_file(&path, annex).map_err(|err| BuildError::io(&path, err))?;
    Ok((rendered, path))
}
