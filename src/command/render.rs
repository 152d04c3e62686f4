//! `cablemark render`: cable text, PDF and DOCX into a directory, behind
//! the render gate (and, with a country, the release gate).

use std::path::Path;

use super::{finish, or_exit_2, print_errors, Exit, Stop};
use crate::check::{self, Diagnostic, Severity};
use crate::input;
use crate::release;
use crate::render::{self as r, Format, Style};
use crate::report::Console;

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The source (`-` reads standard input).
    pub file: String,
    /// The output directory.
    pub out_dir: String,
    /// Format names: cable, pdf, docx.
    pub formats: Vec<String>,
    /// Render the version releasable to this country.
    pub release_to: Option<String>,
    /// A built-in style's name or a style file.
    pub style: Option<String>,
    /// Render despite errors (see [`blocking`]).
    pub force: bool,
}

/// Renders every format and prints the paths written; exit 1 (nothing
/// written) when the gate refuses or the content cannot be drawn.
pub fn render(opts: &RenderOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

/// The render gate: the errors that refuse a render. With a country, the
/// release gate decides (any error refuses; `--force` overrides only the A
/// and C groups). Without one, any error refuses unless `force`, and the
/// forced render's banners are the model's fail-closed ones.
pub fn blocking<'a>(
    diagnostics: &'a [Diagnostic],
    country: Option<&str>,
    force: bool,
) -> Vec<&'a Diagnostic> {
    match country {
        Some(_) => release::gate(diagnostics, force).err().unwrap_or_default(),
        None if force => Vec::new(),
        None => diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

fn run(opts: &RenderOptions, console: &mut Console) -> Result<Exit, Stop> {
    let mut wanted = Vec::new();
    for name in &opts.formats {
        match Format::from_name(name) {
            Some(f) => wanted.push(f),
            None => {
                console.error(format_args!(
                    "`{name}` is not an output format: write cable, pdf or docx"
                ))?;
                return Ok(Exit::Unreadable);
            }
        }
    }
    let style = or_exit_2(console, Style::load(opts.style.as_deref()))?;
    let country = opts.release_to.as_deref().map(release::country).transpose();
    let country = or_exit_2(console, country)?;
    let doc = or_exit_2(console, input::load(&opts.file))?;
    let options = check::Options {
        strict: false,
        release_to: country.clone(),
        fonts: style.fallback.clone(),
    };
    let diagnostics = check::check(&doc, &options);
    if print_errors(console, &doc, &diagnostics)? {
        if !blocking(&diagnostics, country.as_deref(), opts.force).is_empty() {
            let why = match (&country, opts.force) {
                (Some(cc), true) => format!(
                    "not rendered: the release to {cc} is refused: --force overrides only authority (A) and cable (C) errors, never a marking, portion, banner or release error"
                ),
                (Some(cc), false) => format!(
                    "not rendered: the release to {cc} is refused while the check finds errors"
                ),
                (None, _) => {
                    "not rendered: the check found errors (fix them, or use --force)".to_string()
                }
            };
            writeln!(console.err(), "error: {why}")?;
            return Ok(Exit::Findings);
        }
        console.warning(
            "rendering despite errors (--force); banners are never below the declared banner or any mark's level",
        )?;
    }
    let doc = match &country {
        Some(cc) => {
            let released = release::filter(&doc, cc);
            // The same proof as `release`: the released version, written as
            // a source, reads back as released; else nothing is rendered.
            if let Err(e) = release::write_verified(&released) {
                console.error(format_args!(
                    "not rendered: the release to {cc} is refused: {e}; nothing was written"
                ))?;
                return Ok(Exit::Findings);
            }
            released
        }
        None => doc,
    };
    let stem = if opts.file == "-" {
        "stdin".to_string()
    } else {
        Path::new(&opts.file)
            .file_stem()
            .map_or_else(|| "out".to_string(), |s| s.to_string_lossy().into_owned())
    };
    let outputs = match r::render_all(
        &doc,
        &wanted,
        &style,
        Path::new(&opts.out_dir),
        &stem,
        country.as_deref(),
    ) {
        Ok(o) => o,
        Err(e) => {
            console.error(format_args!("{}: {e}", input::display_name(&opts.file)))?;
            return Ok(match e {
                r::RenderError::Content { .. } => Exit::Findings,
                _ => Exit::Unreadable,
            });
        }
    };
    let paths = or_exit_2(console, r::write_all(&outputs))?;
    for p in paths {
        writeln!(console.out(), "{}", p.display())?;
    }
    console.flush()?;
    Ok(Exit::Clean)
}
