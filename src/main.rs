//! The `cablemark` command line: clap arguments become the typed options
//! of [`cablemark::command`] once; the library decides and prints, this
//! file maps its result to the exit status (0 clean, 1 errors found, 2
//! input unreadable).

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use cablemark::command::{self, Exit, FixMode, ReleaseFormat};
use cablemark::marking::Profile;
use cablemark::report::{Console, Format};

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
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
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
        #[arg(long, value_enum, default_value_t = ReleaseFormat::Human)]
        report: ReleaseFormat,
        /// Release despite authority (A) and cable (C) errors; never despite
        /// a marking, portion, banner or release error
        #[arg(long)]
        force: bool,
    },
    /// Read legacy cable text into a source (marks kept as written)
    Import {
        /// The cable texts or Word documents, or directories of them
        /// (`*.txt`, `*.docx`); `-` reads standard input
        #[arg(required = true)]
        cables: Vec<String>,
        /// Write the source here instead of standard output; with many
        /// cables, the directory that gets one `<stem>.md` each
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let console = &mut Console::stdio();
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
        } => command::check(
            &command::CheckOptions {
                files,
                format,
                release_to,
                strict,
                profile: profile.map(ProfileArg::profile),
                fix: FixMode {
                    fix,
                    unsafe_fixes,
                    diff,
                },
            },
            console,
        ),
        Command::Banner { profile, marks } => command::banner(
            &command::BannerOptions {
                marks,
                profile: profile.map(ProfileArg::profile),
            },
            console,
        ),
        Command::Render {
            file,
            out,
            format,
            release_to,
            style,
            force,
        } => command::render(
            &command::RenderOptions {
                file,
                out_dir: out,
                formats: format,
                release_to,
                style,
                force,
            },
            console,
        ),
        Command::Import { cables, out } => {
            command::import(&command::ImportOptions { cables, out }, console)
        }
        Command::Release {
            file,
            to,
            out,
            report,
            force,
        } => command::release(
            &command::ReleaseOptions {
                file,
                to,
                out,
                report,
                force,
            },
            console,
        ),
        Command::Explain { code, list } => command::explain(code.as_deref(), list, console),
        Command::Lsp => match cablemark::lsp::run() {
            Ok(()) => Ok(Exit::Clean),
            Err(e) => console.error(e).map(|()| Exit::Unreadable),
        },
    };
    match result {
        Ok(exit) => ExitCode::from(exit.code()),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Writing failed (a full disk): said once, if standard error
            // still takes it.
            let _ = console.error(e);
            ExitCode::from(2)
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
