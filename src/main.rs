//! The `cablemark` command line: clap arguments become library options
//! once; the library decides, this file prints and maps results to exit
//! statuses (0 clean, 1 errors found, 2 input unreadable).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use cablemark::check::{self, Diagnostic};
use cablemark::import;
use cablemark::input::{self, InputError};
use cablemark::marking::{self, Profile};
use cablemark::release;
use cablemark::render::{self, Format, Style};
use cablemark::report::{self, FileReport};

#[derive(Parser)]
#[command(
    name = "cablemark",
    version,
    about = "Check portion markings, roll up banners, render cables, PDF and DOCX"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pre-send check of one or more sources (`-` reads standard input;
    /// a directory is searched for *.md files)
    Check {
        /// Sources to check: Markdown files, directories (searched for
        /// *.md), or `-` for standard input
        #[arg(required = true, value_name = "FILES")]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Report what a release to this country would drop (trigraph or name)
        #[arg(long, value_name = "CC")]
        release_to: Option<String>,
        /// Every portion must carry its own mark (no inheritance)
        #[arg(long)]
        strict: bool,
        /// Marking rules: state (the default) or capco (Table 3 rule 16 to the
        /// letter); overrides the front matter's `profile:`
        #[arg(long, value_enum)]
        profile: Option<ProfileArg>,
        /// Apply the safe fixes in place (legacy forms, REL TO order and
        /// duplicates), re-checking until nothing changes; then report what remains
        #[arg(long)]
        fix: bool,
        /// With --fix: also apply the unsafe fixes (a blank line before a
        /// second mark in a paragraph)
        #[arg(long, requires = "fix")]
        unsafe_fixes: bool,
        /// With --fix: print a unified diff of the fixes and write nothing
        #[arg(long, requires = "fix")]
        diff: bool,
    },
    /// Roll portion marks up into the banner line
    Banner {
        /// Marking rules: state (the default: a portion without a release
        /// decision leaves the level alone) or capco (Table 3 rule 16: NOFORN)
        #[arg(long, value_enum)]
        profile: Option<ProfileArg>,
        /// Portion marks, with or without parentheses: (S//REL TO USA, TWN) C S/NF
        #[arg(required = true, allow_hyphen_values = true)]
        marks: Vec<String>,
    },
    /// Render cable text, PDF and DOCX into a directory
    Render {
        /// The source to render (Markdown; `-` reads standard input)
        #[arg(value_name = "FILE")]
        file: String,
        /// Output directory
        #[arg(long, default_value = "out")]
        out: String,
        /// Formats to write, comma-separated: cable,pdf,docx
        #[arg(long, value_delimiter = ',', default_value = "cable,pdf,docx")]
        format: Vec<String>,
        /// Render the version releasable to this country (trigraph or name)
        #[arg(long, value_name = "CC")]
        release_to: Option<String>,
        /// A built-in style (default, register, a4) or a path to a style file
        #[arg(long, value_name = "NAME|PATH")]
        style: Option<String>,
        /// Render even when the check finds errors; banners stay fail-closed.
        /// With --release-to, overrides only authority (A) and cable (C) errors
        #[arg(long)]
        force: bool,
    },
    /// Write the version of a source releasable to one country
    Release {
        /// The source to release (Markdown; `-` reads standard input)
        #[arg(value_name = "FILE")]
        file: String,
        /// The country: trigraph (TWN) or name (TAIWAN)
        #[arg(long, value_name = "CC")]
        to: String,
        /// Write the released source here (default: standard output)
        #[arg(long)]
        out: Option<String>,
        /// The report of what was dropped, on standard error (human) or as JSON
        #[arg(long, value_enum, default_value_t = ReportArg::Human)]
        report: ReportArg,
        /// Release despite authority (A) and cable (C) errors; never despite
        /// a marking, portion, banner or release error
        #[arg(long)]
        force: bool,
    },
    /// Read legacy cable text into a source (marks kept as written)
    Import {
        /// The cable text (`-` reads standard input)
        cable: String,
        /// Write the source here instead of standard output
        #[arg(long)]
        out: Option<String>,
    },
    /// Language server on standard input and output: live checks, quick
    /// fixes, hover, the banner, the outline
    Lsp,
    /// Print the documentation of a check code (e.g. P001), or --list them all
    Explain {
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// List every code with its name and severity
        #[arg(long)]
        list: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportArg {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    State,
    Capco,
}

impl ProfileArg {
    fn profile(self) -> Profile {
        match self {
            ProfileArg::State => Profile::State,
            ProfileArg::Capco => Profile::Capco,
        }
    }
}

/// What `check --fix` is asked to do.
#[derive(Clone, Copy)]
struct FixMode {
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            files,
            format,
            release_to,
            strict,
            profile,
            fix,
            unsafe_fixes,
            diff,
        } => run_check(
            &files,
            format,
            release_to,
            strict,
            profile.map(ProfileArg::profile),
            FixMode {
                fix,
                unsafe_fixes,
                diff,
            },
        ),
        Command::Banner { profile, marks } => run_banner(profile, &marks),
        Command::Render {
            file,
            out,
            format,
            release_to,
            style,
            force,
        } => run_render(
            &file,
            &out,
            &format,
            release_to.as_deref(),
            style.as_deref(),
            force,
        ),
        Command::Import { cable, out } => run_import(&cable, out.as_deref()),
        Command::Release {
            file,
            to,
            out,
            report,
            force,
        } => run_release(&file, &to, out.as_deref(), report, force),
        Command::Explain { code, list } => run_explain(code.as_deref(), list),
        Command::Lsp => match cablemark::lsp::run() {
            Ok(()) => Ok(0),
            Err(e) => {
                eprintln!("error: {e}");
                Ok(2)
            }
        },
    };
    match result {
        Ok(code) | Err(Stop::Status(code)) => ExitCode::from(code),
        // A closed pipe (`| head`) is not an error.
        Err(Stop::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Stop::Io(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why a command stopped early: a status already explained on standard
/// error, or an I/O error writing the output.
enum Stop {
    Status(u8),
    Io(std::io::Error),
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        Stop::Io(e)
    }
}

/// An input or usage failure: said in one line, exit status 2.
fn or_exit_2<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<T, Stop> {
    result.map_err(|e| {
        eprintln!("error: {e}");
        Stop::Status(2)
    })
}

fn color_on(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn run_check(
    files: &[String],
    format: FormatArg,
    release_to: Option<String>,
    strict: bool,
    profile: Option<Profile>,
    fix: FixMode,
) -> Result<u8, Stop> {
    let release_to = or_exit_2(release_to.map(|c| release::country(&c)).transpose())?;
    let options = check::Options { strict, release_to };
    let paths = input::expand_paths(files);
    let progress = progress_bar(&paths);
    let color = color_on(std::io::stdout().is_terminal());
    let single = paths.len() == 1;
    // Each file is read, checked and formatted on its own and only its
    // output is kept, so many files cost the memory of a few documents.
    let outputs: Vec<Result<(bool, Checked), InputError>> = paths
        .par_iter()
        .map(|p| {
            let result = load_fixed(p, fix, &options).map(|(mut doc, diff)| {
                if let Some(profile) = profile {
                    doc.profile = profile;
                    doc.seal();
                }
                let diagnostics = check::check(&doc, &options);
                let fr = FileReport {
                    doc: &doc,
                    diagnostics: &diagnostics,
                };
                let checked = match format {
                    FormatArg::Human => {
                        Checked::Text(diff + &report::human::render(&fr, &doc.rollup(), color))
                    }
                    FormatArg::Json => {
                        eprint!("{diff}");
                        Checked::Text(report::json::render(&fr))
                    }
                    FormatArg::Sarif => {
                        eprint!("{diff}");
                        Checked::Sarif(report::sarif::results(&fr))
                    }
                };
                let errors = check::has_errors(&diagnostics);
                if single {
                    // One file: the process ends next, and freeing a large
                    // document portion by portion would cost a tenth of
                    // the check. With many, memory is given back per file.
                    std::mem::forget(doc);
                }
                (errors, checked)
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

    let mut out = std::io::stdout().lock();
    let mut status = 0u8;
    let mut sarif = Vec::new();
    let (mut with_errors, mut unreadable) = (0usize, 0usize);
    let files = outputs.len();
    for output in outputs {
        match output {
            Err(e) => {
                out.flush()?;
                eprintln!("error: {e}");
                if let FormatArg::Json = format {
                    // One JSON object for an input that cannot be read, so a
                    // machine reader sees every file.
                    let (line, column) = e.position();
                    let q = |v: &str| serde_json::to_string(v).unwrap_or_default();
                    writeln!(
                        out,
                        "{{\"file\":{},\"line\":{line},\"column\":{column},\"code\":\"input\",\"severity\":\"error\",\"message\":{},\"help\":\"\",\"rule\":{}}}",
                        q(e.file()),
                        q(&e.to_string()),
                        q("DESIGN §1 (exit status 2: input that cannot be read)")
                    )?;
                }
                status = 2;
                unreadable += 1;
            }
            Ok((errors, checked)) => {
                if errors {
                    with_errors += 1;
                }
                if errors && status == 0 {
                    status = 1;
                }
                match checked {
                    Checked::Text(text) => out.write_all(text.as_bytes())?,
                    Checked::Sarif(results) => sarif.extend(results),
                }
            }
        }
    }
    if files > 1 {
        if let FormatArg::Human = format {
            writeln!(
                out,
                "{files} files checked: {} clean, {with_errors} with errors, {unreadable} unreadable",
                files - with_errors - unreadable
            )?;
        }
    }
    if let FormatArg::Sarif = format {
        out.write_all(report::sarif::log(sarif).as_bytes())?;
    }
    out.flush()?;
    Ok(status)
}

/// Reads a source; with `--fix`, fixes it first (in place, atomically, or
/// only as a diff) and returns the fixed document with the diff (empty
/// unless `--diff`).
fn load_fixed(
    path: &str,
    mode: FixMode,
    options: &check::Options,
) -> Result<(cablemark::model::Document, String), InputError> {
    let doc = input::load(path)?;
    if !mode.fix {
        return Ok((doc, String::new()));
    }
    let fixed = check::fix::fix_source(&doc.path, &doc.source, mode.unsafe_fixes, options);
    if fixed.text == doc.source {
        return Ok((doc, String::new()));
    }
    let name = input::display_name(path);
    let diff = if mode.diff || path == "-" {
        check::fix::unified_diff(&name, &doc.source, &fixed.text)
    } else {
        let output = render::Output {
            path: std::path::PathBuf::from(path),
            bytes: fixed.text.clone().into_bytes(),
        };
        render::write_all(&[output]).map_err(|e| InputError::Io {
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
    Ok((doc, diff))
}

/// One file's formatted check.
enum Checked {
    Text(String),
    Sarif(Vec<serde_json::Value>),
}

/// A progress bar on standard error for long work — many files, or many
/// megabytes — and only when standard error is a terminal.
fn progress_bar(paths: &[String]) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
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
        indicatif::ProgressStyle::with_template("checking {bar:40} {pos}/{len} files ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Marks split by the shell (`(S//REL TO USA, TWN)` unquoted) are joined back.
fn join_split_marks(args: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for arg in args {
        if open {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(arg);
            }
        } else {
            out.push(arg.clone());
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        open = last.trim_start().starts_with('(') && !last.contains(')');
    }
    out
}

fn run_banner(profile: Option<ProfileArg>, marks: &[String]) -> Result<u8, Stop> {
    let mut profile = profile.map_or(Profile::State, ProfileArg::profile);
    // `--profile` after the marks (`banner (S) (U) --profile capco`): the
    // marks take hyphens, so the option is read here.
    let mut rest: Vec<String> = Vec::new();
    let mut args = marks.iter();
    while let Some(a) = args.next() {
        let value = match a.strip_prefix("--profile") {
            Some("") => args.next().cloned(),
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            _ => {
                rest.push(a.clone());
                continue;
            }
        };
        match value.as_deref().and_then(Profile::from_name) {
            Some(p) => profile = p,
            None => {
                eprintln!("error: `--profile` takes `state` or `capco`");
                return Ok(2);
            }
        }
    }
    if rest.is_empty() {
        eprintln!("error: give at least one mark, e.g. `cablemark banner '(S//NF)' '(U)'`");
        return Ok(2);
    }
    let marks = &rest;
    let mut markings = Vec::new();
    let mut unreadable = false;
    for m in join_split_marks(marks) {
        match marking::parse(&m) {
            Ok(p) => {
                for problem in &p.problems {
                    // An unknown code cannot be honoured: the mark is not
                    // read with certainty, and no banner is printed.
                    if let marking::MarkProblem::UnknownCode(_) = problem {
                        eprintln!(
                            "error[M003]: `{m}`: {problem}\n  = help: use the ISO 3166-1 alpha-3 trigraph, e.g. `TWN` for Taiwan\n  = note: rule: {}",
                            check::Rule::UnknownCountryCode.citation()
                        );
                        unreadable = true;
                    } else {
                        eprintln!("warning: `{m}`: {problem}");
                    }
                }
                markings.push(p.marking);
            }
            Err(e) => {
                eprintln!(
                    "error[M001]: `{m}` is not a readable mark: {e}\n  = help: write a Register mark such as `(S//NF)` or `(S//REL TO USA, TWN)`\n  = note: rule: {}",
                    check::Rule::MalformedMark.citation()
                );
                unreadable = true;
            }
        }
    }
    if unreadable {
        return Ok(1);
    }
    let banner = marking::rollup(&markings, profile).banner.banner();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{banner}")?;
    Ok(0)
}

fn run_render(
    file: &str,
    out_dir: &str,
    formats: &[String],
    release_to: Option<&str>,
    style: Option<&str>,
    force: bool,
) -> Result<u8, Stop> {
    let mut wanted = Vec::new();
    for name in formats {
        match Format::from_name(name) {
            Some(f) => wanted.push(f),
            None => {
                eprintln!("error: `{name}` is not an output format: write cable, pdf or docx");
                return Ok(2);
            }
        }
    }
    let style = or_exit_2(Style::load(style))?;
    let country = or_exit_2(release_to.map(release::country).transpose())?;
    let doc = or_exit_2(input::load(file))?;
    // The source's own errors refuse the render (unless --force). With
    // --release-to, a non-paper not releasable to the country only means no
    // non-paper output; nothing releasable at all refuses.
    let options = check::Options {
        strict: false,
        release_to: country.clone(),
    };
    let diagnostics = check::check(&doc, &options);
    // A release goes ahead only as `release::gate` says (any error refuses;
    // --force overrides only the A and C groups). A render of the whole
    // document refuses on any error unless --force; its banners are then
    // the model's fail-closed ones.
    let blocking: Vec<&Diagnostic> = match &country {
        Some(_) => release::gate(&diagnostics, force).err().unwrap_or_default(),
        None if force => Vec::new(),
        None => diagnostics
            .iter()
            .filter(|d| d.severity == check::Severity::Error)
            .collect(),
    };
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == check::Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        let stderr = std::io::stderr();
        let color = color_on(stderr.is_terminal());
        let fr = FileReport {
            doc: &doc,
            diagnostics: &errors,
        };
        let text = report::human::render(&fr, &doc.rollup(), color);
        let mut err = stderr.lock();
        err.write_all(text.as_bytes())?;
        if !blocking.is_empty() {
            let why = match (&country, force) {
                (Some(cc), true) => format!(
                    "error: not rendered: the release to {cc} is refused: --force overrides only authority (A) and cable (C) errors, never a marking, portion, banner or release error"
                ),
                (Some(cc), false) => format!(
                    "error: not rendered: the release to {cc} is refused while the check finds errors"
                ),
                (None, _) => {
                    "error: not rendered: the check found errors (fix them, or use --force)"
                        .to_string()
                }
            };
            writeln!(err, "{why}")?;
            return Ok(1);
        }
        writeln!(
            err,
            "warning: rendering despite errors (--force); banners are never below the declared banner or any mark's level"
        )?;
    }
    let doc = match &country {
        Some(cc) => release::filter(&doc, cc),
        None => doc,
    };
    let stem = if file == "-" {
        "stdin".to_string()
    } else {
        std::path::Path::new(file)
            .file_stem()
            .map_or_else(|| "out".to_string(), |s| s.to_string_lossy().into_owned())
    };
    let outputs = match render::render_all(
        &doc,
        &wanted,
        &style,
        std::path::Path::new(out_dir),
        &stem,
        country.as_deref(),
    ) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}: {e}", input::display_name(file));
            return Ok(match e {
                render::RenderError::Content { .. } => 1,
                _ => 2,
            });
        }
    };
    let paths = or_exit_2(render::write_all(&outputs))?;
    let mut out = std::io::stdout().lock();
    for p in paths {
        writeln!(out, "{}", p.display())?;
    }
    Ok(0)
}

fn run_release(
    file: &str,
    to: &str,
    out: Option<&str>,
    format: ReportArg,
    force: bool,
) -> Result<u8, Stop> {
    let country = or_exit_2(release::country(to))?;
    let doc = or_exit_2(input::load(file))?;
    let options = check::Options {
        strict: false,
        release_to: Some(country.clone()),
    };
    let diagnostics = check::check(&doc, &options);
    let stderr = std::io::stderr();
    let color = color_on(stderr.is_terminal());
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == check::Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        let fr = FileReport {
            doc: &doc,
            diagnostics: &errors,
        };
        let mut err = stderr.lock();
        err.write_all(report::human::render(&fr, &doc.rollup(), color).as_bytes())?;
        // Fail closed: one decision for every release (release::gate).
        if release::gate(&diagnostics, force).is_err() {
            let why = if force {
                "--force overrides only authority (A) and cable (C) errors"
            } else {
                "fix the errors above"
            };
            writeln!(
                err,
                "error: not released: {} has errors that could widen a release to {country} ({why}); nothing was written",
                doc.path
            )?;
            return Ok(1);
        }
        writeln!(
            err,
            "warning: releasing despite authority or cable errors (--force)"
        )?;
    }
    let plan = release::plan(&doc, &country);
    let released = release::filter(&doc, &country);
    let markdown = match release::write_verified(&released) {
        Ok(md) => md,
        Err(e) => {
            eprintln!("error: not released: {e}; nothing was written");
            return Ok(1);
        }
    };
    let rep = release::report(&doc, &released, &plan);
    let warnings: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "R004").collect();
    match format {
        ReportArg::Json => {
            let mut value = serde_json::to_value(&rep).unwrap_or_default();
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
            eprintln!("{value}");
        }
        ReportArg::Human => {
            let mut err = stderr.lock();
            writeln!(
                err,
                "release to {}: banner {}, {} portions kept, {} dropped",
                rep.country,
                rep.banner,
                rep.kept,
                rep.dropped.len()
            )?;
            for d in &rep.dropped {
                writeln!(
                    err,
                    "  dropped: {}:{}: {} {}",
                    doc.path, d.line, d.what, d.mark
                )?;
            }
            if rep.subject_dropped {
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
        }
    }
    match out {
        Some(path) => {
            let output = render::Output {
                path: std::path::PathBuf::from(path),
                bytes: markdown.into_bytes(),
            };
            or_exit_2(render::write_all(&[output]))?;
            println!("{path}");
        }
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(markdown.as_bytes())?;
            so.flush()?;
        }
    }
    Ok(0)
}

fn run_import(cable: &str, out: Option<&str>) -> Result<u8, Stop> {
    let bytes = or_exit_2(input::read_bytes(cable))?;
    // Cables are ASCII in practice; a stray byte is not worth refusing the
    // whole cable, but it is said.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            eprintln!(
                "warning: {}: not valid UTF-8 at byte {offset}; invalid bytes replaced with U+FFFD",
                input::display_name(cable)
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let imported = import::import(&text);
    for (line, message) in &imported.warnings {
        eprintln!("warning: {}:{line}: {message}", input::display_name(cable));
    }
    match out {
        Some(path) => {
            let output = render::Output {
                path: std::path::PathBuf::from(path),
                bytes: imported.markdown.into_bytes(),
            };
            or_exit_2(render::write_all(&[output]))?;
            println!("{path}");
        }
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(imported.markdown.as_bytes())?;
            so.flush()?;
        }
    }
    Ok(0)
}

fn run_explain(code: Option<&str>, list: bool) -> Result<u8, Stop> {
    if list {
        let mut out = std::io::stdout().lock();
        for rule in check::Rule::ALL.iter().filter(|r| !r.removed()) {
            writeln!(
                out,
                "{} {} ({})",
                rule.code(),
                rule.name(),
                rule.severity().as_str()
            )?;
        }
        return Ok(0);
    }
    let code = code.unwrap_or_default().trim().to_ascii_uppercase();
    let Some(rule) = check::Rule::from_code(&code) else {
        eprintln!(
            "error: no check has the code `{code}`; `cablemark explain` takes codes such as P001"
        );
        return Ok(2);
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {} ({})\n\n{}\n\nRule: {}",
        rule.code(),
        rule.name(),
        rule.severity().as_str(),
        rule.doc(),
        rule.citation()
    )?;
    Ok(0)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
