//! `cablemark release`: the version of a source releasable to one country,
//! behind the one release gate.

use super::{finish, or_exit_2, print_errors, write_output, Exit, Stop};
use crate::check::{self, Diagnostic};
use crate::input;
use crate::model::Document;
use crate::release as rel;
use crate::report::Console;

/// How the report of what was dropped is printed (on standard error).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReleaseFormat {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Default)]
pub struct ReleaseOptions {
    /// The source (`-` reads standard input).
    pub file: String,
    /// A trigraph or a country's name.
    pub to: String,
    /// Where the released source is written (default: standard output).
    pub out: Option<String>,
    pub report: ReleaseFormat,
    /// Pass authority (A) and cable (C) errors; never any other.
    pub force: bool,
}

/// Writes the released source; exit 1 (nothing written) when the gate
/// refuses or the released source does not read back as released.
pub fn release(opts: &ReleaseOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

fn run(opts: &ReleaseOptions, console: &mut Console) -> Result<Exit, Stop> {
    let country = or_exit_2(console, rel::country(&opts.to))?;
    let doc = or_exit_2(console, input::load(&opts.file))?;
    let options = check::Options {
        strict: false,
        release_to: Some(country.clone()),
        ..check::Options::default()
    };
    let diagnostics = check::check(&doc, &options);
    if print_errors(console, &doc, &diagnostics)? {
        // Fail closed: one decision for every release (release::gate).
        if rel::gate(&diagnostics, opts.force).is_err() {
            let why = if opts.force {
                "--force overrides only authority (A) and cable (C) errors"
            } else {
                "fix the errors above"
            };
            console.error(format_args!(
                "not released: {} has errors that could widen a release to {country} ({why}); nothing was written",
                doc.path
            ))?;
            return Ok(Exit::Findings);
        }
        console.warning("releasing despite authority or cable errors (--force)")?;
    }
    let plan = rel::plan(&doc, &country);
    let released = rel::filter(&doc, &country);
    let markdown = match rel::write_verified(&released) {
        Ok(md) => md,
        Err(e) => {
            console.error(format_args!("not released: {e}; nothing was written"))?;
            return Ok(Exit::Findings);
        }
    };
    let report = rel::report(&doc, &released, &plan);
    let warnings: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "R004").collect();
    match opts.report {
        ReleaseFormat::Json => print_json(console, &doc, &report, &warnings)?,
        ReleaseFormat::Human => print_human(console, &doc, &report, &country, &warnings)?,
    }
    write_output(console, opts.out.as_deref(), markdown.into_bytes())?;
    Ok(Exit::Clean)
}

fn print_json(
    console: &mut Console,
    doc: &Document,
    report: &rel::Report,
    warnings: &[&Diagnostic],
) -> std::io::Result<()> {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    let w: Vec<serde_json::Value> = warnings
        .iter()
        .map(|d| {
            serde_json::json!({
                "line": doc.line_col(d.span.start).0,
                "code": d.code,
                "message": d.message,
            })
        })
        .collect();
    value["warnings"] = serde_json::Value::Array(w);
    writeln!(console.err(), "{value}")
}

fn print_human(
    console: &mut Console,
    doc: &Document,
    report: &rel::Report,
    country: &str,
    warnings: &[&Diagnostic],
) -> std::io::Result<()> {
    let err = console.err();
    writeln!(
        err,
        "release to {}: banner {}, {} portions kept, {} dropped",
        report.country,
        report.banner,
        report.kept,
        report.dropped.len()
    )?;
    for d in &report.dropped {
        writeln!(
            err,
            "  dropped: {}:{}: {} {}",
            doc.path, d.line, d.what, d.mark
        )?;
    }
    if report.subject_dropped {
        writeln!(
            err,
            "warning: the subject is not releasable to {country} and was dropped"
        )?;
    }
    for d in warnings {
        writeln!(
            err,
            "warning: {}:{}: {}",
            doc.path,
            doc.line_col(d.span.start).0,
            d.message
        )?;
    }
    Ok(())
}
