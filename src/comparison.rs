//! The previous edition a build compares with, and every edition it knows
//! (for the progress over the editions): found by name, loaded and compared.

use std::path::Path;

use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;
use crate::{
    ContentSource, Options, VorigeEditie, content, edities, load_site, previous, wijzigingen,
};

/// Where the previous edition was named: on the command line, or in the
/// site's `vorige_editie` (at this place).
enum Named {
    Option,
    Site(Location),
}

/// The editions that exist, for the message when a named one does not: the
/// folders in `edities/` (or the embedded ones) and the repository's tags.
fn known_editions(options: &Options, content_dir: &Path) -> Vec<String> {
    let mut known: Vec<String> = match &options.content {
        ContentSource::Embedded => content::embedded_editions(),
        _ => edities::on_disk(&options.site_root())
            .into_iter()
            .map(|(name, _)| name)
            .collect(),
    };
    known.extend(previous::tags(content_dir));
    known
}

/// Loads the previous edition named by `spec` and compares. A relative
/// folder is taken from `base`: the current folder for `--previous`, the
/// site root for the site's `vorige_editie`. A folder or revision that does
/// not exist is an error that lists the editions that do.
fn compare_with(
    spec: &str,
    base: &Path,
    named: Named,
    options: &Options,
    site: &Site,
) -> Result<VorigeEditie, Diagnostic> {
    let root = options.site_root();
    let content_dir = match &options.content {
        ContentSource::Dir(dir) => dir.clone(),
        _ => root.join("content"),
    };
    let embedded = match &options.content {
        ContentSource::Embedded => content::embedded_edition(spec),
        _ => None,
    };
    let resolved = match embedded {
        Some(source) => Ok(source),
        None => previous::resolve(spec, base, &content_dir),
    };
    let source = match resolved {
        Ok(source) => source,
        Err(err) => {
            let location = match named {
                Named::Option => Location::file("--previous"),
                Named::Site(location) => location,
            };
            return Err(Diagnostic::new(
                location,
                Problem::PreviousNotFound {
                    spec: spec.into(),
                    reason: err.to_string().into(),
                    known: known_editions(options, &content_dir).into(),
                },
            ));
        }
    };
    let bron = match &source {
        ContentSource::Dir(_) => spec.to_string(),
        ContentSource::Memory { .. } if spec.starts_with(edities::MAP) => spec.to_string(),
        other => other.display(),
    };
    Ok(match load_site(&source, false) {
        Ok((vorige, _, _)) => VorigeEditie::Vergeleken(wijzigingen::Vergelijking {
            wijzigingen: wijzigingen::compare(&vorige, site),
            vorige: Box::new(vorige),
            bron,
        }),
        Err((diagnostics, files)) => VorigeEditie::Onleesbaar {
            reason: format!("{} fout(en) in de vorige editie", diagnostics.len()),
            bron,
            diagnostics,
            sources: files
                .into_iter()
                .map(|f| (f.display, f.text.to_string()))
                .collect(),
        },
    })
}

/// Where `key:` starts in the site's `_index.md`, for diagnostics about it
/// (the whole file when the key is not there).
pub(crate) fn site_key_location(site: &Site, files: &[content::SourceFile], key: &str) -> Location {
    let file = &site.meta.bron.file;
    let prefix = format!("{key}:");
    files
        .iter()
        .find(|f| &f.display == file)
        .and_then(|f| {
            let mut offset = 0;
            f.text.split_inclusive('\n').find_map(|line| {
                let at = offset;
                offset += line.len();
                line.starts_with(&prefix).then_some(at)
            })
        })
        .map_or_else(
            || Location::file(file.clone()),
            |at| Location::at(file.clone(), at),
        )
}

/// Every edition the build knows, for the progress over the editions: the
/// current one, the previous one and the past editions beside the content
/// (`edities/`). A past edition that does not load is left out with a
/// warning.
pub(crate) fn editions(
    options: &Options,
    site: &Site,
    comparison: &VorigeEditie,
) -> (Vec<edities::EditieTelling>, Vec<Diagnostic>) {
    // The current edition's source is not named: it is this build (and a
    // path here would make the output depend on where it was built).
    let mut all = vec![edities::EditieTelling::new(site, "", true)];
    let mut warnings = Vec::new();
    let mut compared = None;
    if let VorigeEditie::Vergeleken(v) = comparison {
        all.push(edities::EditieTelling::new(&v.vorige, &v.bron, false));
        compared = Some(
            v.bron
                .trim_end_matches('/')
                .trim_end_matches("/content")
                .to_string(),
        );
    }
    let past: Vec<(String, ContentSource)> = match &options.content {
        ContentSource::Embedded => content::embedded_editions()
            .into_iter()
            .filter_map(|name| content::embedded_edition(&name).map(|s| (name, s)))
            .collect(),
        ContentSource::Dir(_) => edities::on_disk(&options.site_root()),
        ContentSource::Memory { .. } => Vec::new(),
    };
    for (name, source) in past {
        if compared.as_deref() == Some(name.as_str()) {
            continue;
        }
        match load_site(&source, false) {
            Ok((vorige, _, _)) => all.push(edities::EditieTelling::new(&vorige, &name, false)),
            Err((diagnostics, _)) => warnings.push(Diagnostic::warning(
                Location::file(source.display()),
                Problem::PastEditionInvalid {
                    name,
                    errors: diagnostics.iter().filter(|d| d.is_error()).count(),
                },
            )),
        }
    }
    (edities::in_order(all), warnings)
}

/// The previous edition this build compares with: the one `--previous`
/// names, else the site's `vorige_editie`, if any.
pub(crate) fn comparison(
    options: &Options,
    site: &Site,
    files: &[content::SourceFile],
) -> Result<VorigeEditie, Diagnostic> {
    match (&options.previous, &site.meta.vorige_editie) {
        (Some(spec), _) if spec == edities::GEEN => Ok(VorigeEditie::Geen),
        (Some(spec), _) => compare_with(spec, Path::new("."), Named::Option, options, site),
        (None, Some(spec)) if spec == edities::GEEN => Ok(VorigeEditie::Geen),
        (None, Some(spec)) => {
            let at = site_key_location(site, files, "vorige_editie");
            compare_with(spec, &options.site_root(), Named::Site(at), options, site)
        }
        (None, None) => Ok(VorigeEditie::Geen),
    }
}

/// The warning for a previous edition that is not older than this one.
pub(crate) fn not_later(
    site: &Site,
    files: &[content::SourceFile],
    comparison: &VorigeEditie,
) -> Option<Diagnostic> {
    match comparison {
        VorigeEditie::Vergeleken(v) if v.vorige.meta.editie >= site.meta.editie => {
            Some(Diagnostic::warning(
                site_key_location(site, files, "editie"),
                Problem::EditionNotLater {
                    current: site.meta.editie.naam().into(),
                    previous: v.vorige.meta.editie.naam().into(),
                    bron: v.bron.as_str().into(),
                },
            ))
        }
        _ => None,
    }
}
