//! `cablemark import`: legacy cable text, or a Word document, into a
//! source. Many files (or directories of `*.txt` and `*.docx`) are imported
//! in parallel into `--out DIR`, one `<stem>.md` each.

use rayon::prelude::*;

use super::{finish, or_exit_2, write_output, Exit, Stop};
use crate::input::{self, InputError};
use crate::report::Console;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The cable texts or Word documents, or directories of them (`-`
    /// reads standard input).
    pub cables: Vec<String>,
    /// Where the source is written (default: standard output); a
    /// directory when there are many inputs.
    pub out: Option<String>,
}

/// One input imported: the source, and the warnings said about it.
struct Converted {
    markdown: String,
    warnings: Vec<String>,
}

/// Imports the cables; exit 2 when one cannot be read or written.
pub fn import(opts: &ImportOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

fn run(opts: &ImportOptions, console: &mut Console) -> Result<Exit, Stop> {
    let many = opts.cables.len() > 1
        || opts
            .cables
            .iter()
            .any(|c| c != "-" && std::path::Path::new(c).is_dir());
    if !many {
        let Some(cable) = opts.cables.first() else {
            return or_exit_2(console, Err("no cable to import"));
        };
        let converted = or_exit_2(console, convert(cable))?;
        for w in &converted.warnings {
            console.warning(w)?;
        }
        write_output(
            console,
            opts.out.as_deref(),
            converted.markdown.into_bytes(),
        )?;
        return Ok(Exit::Clean);
    }
    let Some(dir) = opts.out.as_deref() else {
        return or_exit_2(
            console,
            Err("importing many cables needs `--out DIR` (one source is written per cable)"),
        );
    };
    let paths = expand(&opts.cables);
    if paths.iter().any(|p| p == "-") {
        return or_exit_2(
            console,
            Err("`-` (standard input) cannot be imported together with other cables"),
        );
    }
    // One name per output: two inputs with the same stem would overwrite
    // each other, so nothing is written.
    let targets: Vec<std::path::PathBuf> = paths
        .iter()
        .map(|p| std::path::Path::new(dir).join(format!("{}.md", stem(p))))
        .collect();
    let mut seen = std::collections::BTreeMap::new();
    for (p, t) in paths.iter().zip(&targets) {
        if let Some(first) = seen.insert(t.clone(), p.clone()) {
            return or_exit_2(
                console,
                Err(format!(
                    "{first} and {p} would both be written to {}; import them into different directories",
                    t.display()
                )),
            );
        }
    }
    let progress = super::check::progress_bar(console.err_is_terminal, &paths, "importing");
    // Converted in parallel; written and reported in input order, so the
    // output does not depend on the thread schedule.
    let converted: Vec<Result<Converted, InputError>> = paths
        .par_iter()
        .map(|p| {
            let result = convert(p);
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
    for (result, target) in converted.into_iter().zip(&targets) {
        match result {
            Err(e) => {
                console.error(&e)?;
                status = Exit::Unreadable;
            }
            Ok(c) => {
                for w in &c.warnings {
                    console.warning(w)?;
                }
                let output = crate::render::Output {
                    path: target.clone(),
                    bytes: c.markdown.into_bytes(),
                };
                match crate::render::write_all(&[output]) {
                    Ok(_) => writeln!(console.out(), "{}", target.display())?,
                    Err(e) => {
                        console.error(&e)?;
                        status = Exit::Unreadable;
                    }
                }
            }
        }
    }
    console.flush()?;
    Ok(status)
}

/// The inputs, directories searched (sorted) for `*.txt` and `*.docx`.
fn expand(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for arg in args {
        let path = std::path::Path::new(arg);
        if arg != "-" && path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, 0);
            found.sort();
            out.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out, depth + 1);
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("docx"))
        {
            out.push(path);
        }
    }
}

/// `08STATE1400` from `cables/08STATE1400.txt`.
fn stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "cable".to_string())
}

/// One input into a source, with its warnings (`name:line: message`).
fn convert(path: &str) -> Result<Converted, InputError> {
    let bytes = input::read_bytes(path)?;
    let name = input::display_name(path);
    if input::is_word(path, &bytes) {
        let converted = input::word_source(path, &bytes, crate::word::Mode::Import)?;
        let warnings = converted
            .facts
            .hidden
            .iter()
            .map(|h| {
                let at = h
                    .paragraph
                    .map_or(String::new(), |p| format!(" at paragraph {p}"));
                format!(
                    "{name}: {}{at} kept as an HTML comment (never rendered or released): \"{}\"",
                    h.kind.name(),
                    crate::word::excerpt(&h.text)
                )
            })
            .collect();
        return Ok(Converted {
            markdown: converted.markdown,
            warnings,
        });
    }
    let mut warnings = Vec::new();
    // Cables are ASCII in practice; a stray byte is not worth refusing the
    // whole cable, but it is said.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            warnings.push(format!(
                "{name}: not valid UTF-8 at byte {offset}; invalid bytes replaced with U+FFFD"
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let imported = crate::import::import(&text);
    warnings.extend(
        imported
            .warnings
            .iter()
            .map(|(line, message)| format!("{name}:{line}: {message}")),
    );
    Ok(Converted {
        markdown: imported.markdown,
        warnings,
    })
}
