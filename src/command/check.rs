//! `cablemark check`: the pre-send check of many files in parallel, with
//! `--fix` and a total.

use rayon::prelude::*;

use super::{finish, or_exit_2, Exit, Stop};
use crate::check::{self, fix};
use crate::input::{self, InputError};
use crate::marking::Profile;
use crate::model::Document;
use crate::report::{self, Console, FileReport, Format};

/// What `check --fix` is asked to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixMode {
    /// Apply the safe fixes in place.
    pub fix: bool,
    /// Also the unsafe ones.
    pub unsafe_fixes: bool,
    /// Print a unified diff and write nothing.
    pub diff: bool,
}

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Files, directories (searched for `*.md`) or `-`.
    pub files: Vec<String>,
    pub format: Format,
    /// A trigraph or a country's name.
    pub release_to: Option<String>,
    pub strict: bool,
    /// Overrides the front matter's `profile:`.
    pub profile: Option<Profile>,
    pub fix: FixMode,
}

/// One file's formatted check, and the fix report or diff for standard
/// error when the format is a machine one.
struct Checked {
    errors: bool,
    text: Output,
    note: String,
}

enum Output {
    Text(String),
    Sarif(Vec<serde_json::Value>),
}

/// Checks every file; exit 1 when any has errors, 2 when any cannot be read.
pub fn check(opts: &CheckOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

fn run(opts: &CheckOptions, console: &mut Console) -> Result<Exit, Stop> {
    let release_to = opts
        .release_to
        .as_deref()
        .map(crate::release::country)
        .transpose();
    let release_to = or_exit_2(console, release_to)?;
    let options = check::Options {
        strict: opts.strict,
        release_to,
    };
    let paths = input::expand_paths(&opts.files);
    let progress = progress_bar(console.err_is_terminal, &paths, "checking");
    let color = console.color_out;
    let single = paths.len() == 1;
    // Each file is read, checked and formatted on its own and only its
    // output is kept, so many files cost the memory of a few documents.
    let outputs: Vec<Result<Checked, InputError>> = paths
        .par_iter()
        .map(|p| {
            let result = load_fixed(p, opts.fix, &options).map(|(mut doc, note)| {
                if let Some(profile) = opts.profile {
                    doc.profile = profile;
                    doc.seal();
                }
                let checked = check_one(&doc, &options, opts.format, color, note);
                if single {
                    // One file: the process ends next, and freeing a large
                    // document portion by portion would cost a tenth of
                    // the check. With many, memory is given back per file.
                    std::mem::forget(doc);
                }
                checked
            });
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            result
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut status = Exit::Clean;
    let mut sarif = Vec::new();
    let (mut with_errors, mut unreadable) = (0usize, 0usize);
    let files = outputs.len();
    for output in outputs {
        match output {
            Err(e) => {
                console.error(&e)?;
                if let Format::Json = opts.format {
                    // One JSON object for an input that cannot be read, so a
                    // machine reader sees every file.
                    writeln!(console.out(), "{}", unreadable_json(&e))?;
                }
                status = Exit::Unreadable;
                unreadable += 1;
            }
            Ok(checked) => {
                if checked.errors {
                    with_errors += 1;
                    if status == Exit::Clean {
                        status = Exit::Findings;
                    }
                }
                if !checked.note.is_empty() {
                    console.out().flush()?;
                    console.err().write_all(checked.note.as_bytes())?;
                }
                match checked.text {
                    Output::Text(text) => console.out().write_all(text.as_bytes())?,
                    Output::Sarif(results) => sarif.extend(results),
                }
            }
        }
    }
    if files > 1 {
        if let Format::Human = opts.format {
            writeln!(
                console.out(),
                "{files} files checked: {} clean, {with_errors} with errors, {unreadable} unreadable",
                files - with_errors - unreadable
            )?;
        }
    }
    if let Format::Sarif = opts.format {
        console
            .out()
            .write_all(report::sarif::log(sarif).as_bytes())?;
    }
    console.flush()?;
    Ok(status)
}

fn check_one(
    doc: &Document,
    options: &check::Options,
    format: Format,
    color: bool,
    note: String,
) -> Checked {
    let diagnostics = check::check(doc, options);
    let fr = FileReport {
        doc,
        diagnostics: &diagnostics,
    };
    // With the human format the fix report leads the file's findings on
    // standard output; with a machine format it goes to standard error.
    let (text, note) = match format {
        Format::Human => (
            Output::Text(note + &report::human::render(&fr, &doc.rollup(), color)),
            String::new(),
        ),
        Format::Json => (Output::Text(report::json::render(&fr)), note),
        Format::Sarif => (Output::Sarif(report::sarif::results(&fr)), note),
    };
    Checked {
        errors: check::has_errors(&diagnostics),
        text,
        note,
    }
}

/// The JSON object for a file that cannot be read.
fn unreadable_json(e: &InputError) -> String {
    let (line, column) = e.position();
    let q = |v: &str| serde_json::to_string(v).unwrap_or_default();
    format!(
        "{{\"file\":{},\"line\":{line},\"column\":{column},\"code\":\"input\",\"severity\":\"error\",\"message\":{},\"help\":\"\",\"rule\":{}}}",
        q(e.file()),
        q(&e.to_string()),
        q("DESIGN §1 (exit status 2: input that cannot be read)")
    )
}

/// Reads a source; with `--fix`, fixes it first (in place, atomically, or
/// only as a diff) and returns the fixed document with the fix report or
/// the diff.
fn load_fixed(
    path: &str,
    mode: FixMode,
    options: &check::Options,
) -> Result<(Document, String), InputError> {
    let bytes = input::read_bytes(path)?;
    let word = input::is_word(path, &bytes);
    let doc = input::parse_bytes(path, bytes)?;
    if !mode.fix {
        return Ok((doc, String::new()));
    }
    if word {
        // The fixes are edits of a Markdown source: a Word document is
        // never rewritten (its converted source is not the file).
        let name = input::display_name(path);
        return Ok((
            doc,
            format!("note: {name}: --fix does not edit Word documents; the findings are reported as they are\n"),
        ));
    }
    let fixed = fix::fix_source(&doc.path, &doc.source, mode.unsafe_fixes, options);
    if fixed.text == doc.source {
        return Ok((doc, String::new()));
    }
    let name = input::display_name(path);
    let note = if mode.diff || path == "-" {
        fix::unified_diff(&name, &doc.source, &fixed.text)
    } else {
        let output = crate::render::Output {
            path: std::path::PathBuf::from(path),
            bytes: fixed.text.clone().into_bytes(),
        };
        crate::render::write_all(&[output]).map_err(|e| InputError::Io {
            path: name.clone(),
            reason: e.reason,
        })?;
        format!(
            "fixed {name}: {} fix{} applied\n",
            fixed.applied,
            if fixed.applied == 1 { "" } else { "es" }
        )
    };
    let doc = input::parse_bytes(path, fixed.text.into_bytes())?;
    Ok((doc, note))
}

/// A progress bar on standard error for long work — many files, or many
/// megabytes — and only when standard error is a terminal.
pub(crate) fn progress_bar(
    err_is_terminal: bool,
    paths: &[String],
    verb: &str,
) -> Option<indicatif::ProgressBar> {
    if !err_is_terminal {
        return None;
    }
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if paths.len() < 16 && bytes < 16 * 1024 * 1024 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(paths.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{verb} {{bar:40}} {{pos}}/{{len}} files ({{elapsed}})"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}
