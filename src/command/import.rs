//! `cablemark import`: legacy cable text, or a Word document, into a source
//! — one cable to standard output or a file, or an archive (many files, or
//! directories of them) into a directory, in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{finish, or_exit_2, write_output, Exit, Stop};
use crate::input::{self, InputError};
use crate::report::Console;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The cable texts or Word documents, or directories of them (`-` reads
    /// standard input, alone).
    pub cables: Vec<String>,
    /// Where the source is written: a file (default: standard output) for
    /// one cable, a directory (required) for several.
    pub out: Option<String>,
}

/// Imports the cables; exit 2 when one cannot be read or written.
pub fn import(opts: &ImportOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

/// One cable imported: its source and what was said about it.
struct Imported {
    markdown: String,
    warnings: Vec<String>,
}

/// Imports one cable text or Word document of `bytes`, read from `path`.
fn convert(path: &str, bytes: Vec<u8>) -> Result<Imported, InputError> {
    let name = input::display_name(path);
    if input::is_word(path, &bytes) {
        let converted = input::word_source(path, &bytes, crate::word::Mode::Import)?;
        let warnings = (converted.facts.hidden.iter())
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
        return Ok(Imported {
            markdown: converted.markdown,
            warnings,
        });
    }
    // Cables are ASCII in practice; a stray byte is not worth refusing the
    // whole cable, but it is said.
    let mut warnings = Vec::new();
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
    let imported = crate::cable::import(&text);
    warnings.extend(
        (imported.warnings.iter()).map(|(line, message)| format!("{name}:{line}: {message}")),
    );
    Ok(Imported {
        markdown: imported.markdown,
        warnings,
    })
}

fn run(opts: &ImportOptions, console: &mut Console) -> Result<Exit, Stop> {
    let single = match opts.cables.as_slice() {
        [one] => one == "-" || !Path::new(one).is_dir(),
        _ => false,
    };
    if single {
        let path = &opts.cables[0];
        let bytes = or_exit_2(console, input::read_bytes(path))?;
        let imported = or_exit_2(console, convert(path, bytes))?;
        for w in &imported.warnings {
            console.warning(w)?;
        }
        write_output(console, opts.out.as_deref(), imported.markdown.into_bytes())?;
        return Ok(Exit::Clean);
    }
    archive(opts, console)
}

/// Many cables into a directory: each `NAME.txt` (or `NAME.docx`) becomes
/// `DIR/NAME.md`, in parallel across cores, a progress bar on a terminal.
/// Each source is written whole or not at all (a temporary file renamed
/// into place); the warnings are printed afterwards, file by file in the
/// order given, so the output does not depend on the scheduling.
fn archive(opts: &ImportOptions, console: &mut Console) -> Result<Exit, Stop> {
    let Some(out) = opts.out.as_deref() else {
        console
            .error("importing several cables needs --out DIR (the directory for the sources)")?;
        return Err(Stop::Exit(Exit::Unreadable));
    };
    if opts.cables.iter().any(|c| c == "-") {
        console.error("`-` (standard input) can only be imported alone")?;
        return Err(Stop::Exit(Exit::Unreadable));
    }
    let paths = input::expand_cables(&opts.cables);
    let dir = PathBuf::from(out);
    // Where each source goes; two inputs of one name would overwrite each
    // other, so that is refused before anything is written.
    let mut targets: Vec<PathBuf> = Vec::with_capacity(paths.len());
    let mut seen = std::collections::HashMap::new();
    for p in &paths {
        let stem = Path::new(p)
            .file_stem()
            .map_or_else(|| "cable".into(), |s| s.to_string_lossy().into_owned());
        let target = dir.join(format!("{stem}.md"));
        if let Some(first) = seen.insert(target.clone(), p.clone()) {
            console.error(format_args!(
                "{first} and {p} would both be imported as {}: import them into different directories",
                target.display()
            ))?;
            return Err(Stop::Exit(Exit::Unreadable));
        }
        targets.push(target);
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        console.error(format_args!(
            "{out}: cannot create the directory: {}",
            input::io_reason(&e)
        ))?;
        return Err(Stop::Exit(Exit::Unreadable));
    }
    let progress = super::check::progress_bar(console.err_is_terminal, &paths, "importing");
    let results: Vec<Result<Imported, String>> = paths
        .par_iter()
        .zip(&targets)
        .map(|(path, target)| {
            let imported = input::read_bytes(path)
                .and_then(|bytes| convert(path, bytes))
                .map_err(|e| e.to_string())?;
            put(target, imported.markdown.as_bytes())?;
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            Ok(Imported {
                markdown: String::new(),
                warnings: imported.warnings,
            })
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let (mut written, mut failed, mut warned) = (0usize, 0usize, 0usize);
    for result in &results {
        match result {
            Ok(imported) => {
                written += 1;
                warned += imported.warnings.len();
                for w in &imported.warnings {
                    console.warning(w)?;
                }
            }
            Err(e) => {
                failed += 1;
                console.error(e)?;
            }
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        console.err(),
        "imported {} into {out} ({}, {})",
        plural(written, "cable", "cables"),
        plural(warned, "warning", "warnings"),
        plural(failed, "cable not read", "cables not read"),
    )?;
    Ok(if failed > 0 {
        Exit::Unreadable
    } else {
        Exit::Clean
    })
}

/// Writes a source whole: a temporary file beside it, renamed into place
/// (a symbolic link planted at the name is replaced, never followed).
fn put(target: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let fail = |e: std::io::Error| {
        format!(
            "{}: cannot write: {}",
            target.display(),
            input::io_reason(&e)
        )
    };
    if std::fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
        return Err(format!("{}: a directory is in the way", target.display()));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".import.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.persist(target).map_err(|e| fail(e.error))?;
    Ok(())
}
