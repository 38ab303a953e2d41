//! Themes: a folder with `templates/` (tera) and `static/` (copied to the
//! output as is). A theme is looked up in the site's `themes/` folder first,
//! then among the themes compiled into the binary. Templates in the site's own
//! `templates/` folder override the theme's templates of the same name.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::{Diagnostic, Location, Problem};

/// The themes shipped with bijlage, compiled into the binary.
pub(crate) static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// A theme's files, read once per build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    /// (template name, source), for every `*.html` and `*.css` under
    /// `templates/` (CSS templates are included inline, e.g. in the annex).
    pub templates: Vec<(String, String)>,
    /// (path relative to `static/`, contents).
    pub statics: Vec<(String, Vec<u8>)>,
    /// Where the theme came from, for messages.
    pub origin: String,
    /// (template name, path shown in messages) for every template: the
    /// theme's, or the site's own that overrides it.
    pub paths: Vec<(String, String)>,
}

impl Theme {
    /// The path of template `name` as shown in messages.
    pub(crate) fn path_of(&self, name: &str) -> String {
        self.paths.iter().find(|(n, _)| n == name).map_or_else(
            || format!("{}/templates/{name}", self.origin),
            |(_, p)| p.clone(),
        )
    }

    /// (path shown in messages, source) of every template, to show the
    /// lines of template errors.
    pub fn sources(&self) -> Vec<(String, String)> {
        self.templates
            .iter()
            .map(|(name, text)| (self.path_of(name), text.clone()))
            .collect()
    }
}

/// The byte range of the first occurrence of `needle` in `text`.
fn find_in(text: &str, needle: &str) -> Option<(usize, usize)> {
    let at = text.find(needle)?;
    Some((at, at + needle.len()))
}

/// Turns a tera error into a diagnostic: the template's path, the line and
/// column (from tera's parse error, or where the missing variable, filter or
/// template is named), and tera's own message, which is English.
pub(crate) fn template_diagnostic(theme: &Theme, template: &str, err: &tera::Error) -> Diagnostic {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    let head = parts.first().cloned().unwrap_or_default();
    let what = if head.starts_with("Failed to parse") {
        Some("niet te lezen")
    } else if head.starts_with("Failed to render") {
        Some("niet te renderen")
    } else {
        None
    };
    let detail = if what.is_some() {
        parts[1..].join(": ")
    } else {
        parts.join(": ")
    };
    let path = theme.path_of(template);
    let text = theme
        .templates
        .iter()
        .find(|(n, _)| n == template)
        .map(|(_, t)| t.as_str())
        .unwrap_or_default();
    // A parse error: " --> 3:19", the line drawn, "= expected …".
    let parsed_at = detail.find("--> ").and_then(|i| {
        let mut numbers = detail[i + 4..]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse::<usize>().ok());
        numbers.next().zip(numbers.next())
    });
    let (message, position) = match parsed_at {
        Some(position) => {
            let reason = detail
                .lines()
                .rev()
                .find_map(|l| l.trim_start().strip_prefix("= "))
                .unwrap_or("syntaxfout")
                .to_string();
            let (line, column) = position;
            let at = crate::error::byte_offset(text, line, column);
            (reason, Some((at, at)))
        }
        None => {
            // "Variable `x` not found …": point at the first `x`.
            let named = detail.split('`').nth(1).filter(|n| !n.is_empty());
            (detail.clone(), named.and_then(|n| find_in(text, n)))
        }
    };
    let message = match what {
        Some(what) => format!("{what}: {message}"),
        None => message,
    };
    let location = match position {
        Some((start, end)) => Location::span(path, start, end),
        None => Location::file(path),
    };
    Diagnostic::new(
        location,
        Problem::Template {
            template: template.to_string(),
            message,
        },
    )
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files under `root`, following only the symbolic links that stay
/// inside `confine` (see [`crate::confine`]).
fn read_dir_files(
    root: &Path,
    confine: &crate::confine::Confine,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    if !root.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        if let Ok(entry) = &entry
            && entry.path_is_symlink()
        {
            let shown = entry.path().display().to_string();
            confine
                .link(entry.path(), &shown)
                .map_err(|problem| Diagnostic::new(Location::file(&shown), problem))?;
        }
        let entry = entry.map_err(|err| {
            Diagnostic::new(
                Location::file(root.display().to_string()),
                Problem::Walk(match err.io_error() {
                    Some(io) => crate::error::io_message(io),
                    None => err.to_string(),
                }),
            )
        })?;
        if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            let bytes = std::fs::read(entry.path()).map_err(|err| {
                Diagnostic::new(
                    Location::file(entry.path().display().to_string()),
                    Problem::Unreadable(crate::error::io_message(&err)),
                )
            })?;
            files.push((rel(root, entry.path()), bytes));
        }
    }
    Ok(files)
}

fn embedded_files(dir: Option<&Dir<'static>>) -> Vec<(String, Vec<u8>)> {
    let Some(dir) = dir else {
        return Vec::new();
    };
    let base = dir.path().to_path_buf();
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            if !f
                .path()
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .starts_with('.')
            {
                files.push((rel(&base, f.path()), f.contents().to_vec()));
            }
        }
        stack.extend(d.dirs());
    }
    files.sort();
    files
}

fn templates_from(
    files: Vec<(String, Vec<u8>)>,
    origin: &str,
) -> Result<Vec<(String, String)>, Diagnostic> {
    files
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") || name.ends_with(".css"))
        .map(|(name, bytes)| {
            String::from_utf8(bytes)
                .map(|text| (name.clone(), text))
                .map_err(|_| {
                    Diagnostic::new(Location::file(format!("{origin}/{name}")), Problem::NotUtf8)
                })
        })
        .collect()
}

fn available(site_root: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = EMBEDDED
        .dirs()
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect();
    if let Some(root) = site_root
        && let Ok(entries) = std::fs::read_dir(root.join("themes"))
    {
        names.extend(
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    names.sort();
    names.dedup();
    names
}

/// Loads theme `name` for a site whose root folder is `site_root` (the folder
/// that holds `content/`, and possibly `themes/` and `templates/`).
pub fn load(site_root: Option<&Path>, name: &str) -> Result<Theme, Diagnostic> {
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let on_disk: Option<PathBuf> = site_root
        .map(|root| root.join("themes").join(name))
        .filter(|dir| valid_name && dir.is_dir());
    let site = site_root.unwrap_or(Path::new("."));
    let mut theme = if let Some(dir) = on_disk {
        let origin = dir.display().to_string();
        let confine = crate::confine::Confine::new([site, dir.as_path()]);
        Theme {
            templates: templates_from(
                read_dir_files(&dir.join("templates"), &confine)?,
                &format!("{origin}/templates"),
            )?,
            statics: read_dir_files(&dir.join("static"), &confine)?,
            origin,
            paths: Vec::new(),
        }
    } else if let Some(dir) = EMBEDDED.get_dir(name).filter(|_| valid_name) {
        let origin = format!("themes/{name}");
        Theme {
            templates: templates_from(
                embedded_files(dir.get_dir(format!("{name}/templates"))),
                &format!("{origin}/templates"),
            )?,
            statics: embedded_files(dir.get_dir(format!("{name}/static"))),
            origin,
            paths: Vec::new(),
        }
    } else {
        return Err(Diagnostic::new(
            Location::file(format!("themes/{name}")),
            Problem::ThemeNotFound {
                name: name.to_string(),
                available: available(site_root),
            },
        ));
    };
    theme.paths = theme
        .templates
        .iter()
        .map(|(n, _)| (n.clone(), format!("{}/templates/{n}", theme.origin)))
        .collect();
    if let Some(root) = site_root {
        let overrides_dir = root.join("templates");
        let shown = overrides_dir.display().to_string();
        let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
        let overrides = templates_from(
            read_dir_files(&overrides_dir, &crate::confine::Confine::new([root]))?,
            &overrides_dir.display().to_string(),
        )?;
        for (name, text) in overrides {
            let path = format!("{shown}/{name}");
            match theme.paths.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = path,
                None => theme.paths.push((name.clone(), path)),
            }
            match theme.templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => theme.templates.push((name, text)),
            }
        }
    }
    Ok(theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_embedded() {
        let theme = load(None, "rijksoverheid").expect("embedded theme");
        let names: Vec<&str> = theme.templates.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"index.html"), "{names:?}");
        assert!(names.contains(&"actielijn.html"), "{names:?}");
        assert!(theme.statics.iter().any(|(n, _)| n.ends_with(".css")));
    }

    #[test]
    fn an_unknown_theme_names_the_available_ones() {
        let err = load(None, "bestaat-niet").unwrap_err();
        match err.problem {
            Problem::ThemeNotFound { available, .. } => {
                assert!(available.contains(&"rijksoverheid".to_string()))
            }
            other => panic!("{other:?}"),
        }
        assert!(load(None, "../rijksoverheid").is_err());
    }
}
