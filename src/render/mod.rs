//! Renderers: one module per output, behind one trait, fed a finished
//! model (mdBook's `Renderer`). A renderer reads effective marks and
//! banners from the [`Document`]; it never parses Markdown and never
//! decides a marking. Release happens before: renderers only ever see the
//! released document.

pub mod cable;
pub mod content;
pub mod docx;
pub mod layout;
pub mod pdf;
pub mod style;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::marking::{Marking, Rollup};
use crate::model::Document;

pub use style::Style;

/// What part of a document an output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole document.
    Whole,
    /// The non-paper section alone (DESIGN §5.2).
    NonPaper,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Cable,
    Pdf,
    Docx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Cable, Format::Pdf, Format::Docx];

    pub fn name(self) -> &'static str {
        match self {
            Format::Cable => "cable",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Cable => "cable.txt",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Why an output could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{0}")]
    Template(String),
    #[error("line {line}: {message}")]
    Content { line: usize, message: String },
    #[error("{0}")]
    Backend(String),
    #[error("the document has no non-paper section")]
    NoNonPaper,
}

/// A renderer: one output format.
pub trait Render {
    fn render(&self, doc: &Document, part: Part, style: &Style) -> Result<Vec<u8>, RenderError>;
}

/// The renderer of a format.
pub fn renderer(format: Format) -> Box<dyn Render + Send + Sync> {
    match format {
        Format::Cable => Box::new(cable::Cable),
        Format::Pdf => Box::new(pdf::Pdf),
        Format::Docx => Box::new(docx::Docx),
    }
}

/// The date an output carries: the document's (from its DTG), else
/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
/// convention), else none. Never the clock.
pub fn document_date(doc: &Document) -> Option<crate::date::Date> {
    doc.date.or_else(|| {
        let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        Some(crate::date::Date::from_days(secs.div_euclid(86_400)))
    })
}

/// The banner of a part: the roll-up of what is on it.
pub fn banner(doc: &Document, part: Part) -> Rollup {
    match part {
        Part::Whole => doc.rollup(),
        Part::NonPaper => doc
            .sections
            .iter()
            .position(|s| s.nonpaper)
            .and_then(|i| doc.section_rollup(i))
            .unwrap_or_else(|| doc.rollup()),
    }
}

/// The banner marking of a part.
pub fn banner_marking(doc: &Document, part: Part) -> Marking {
    banner(doc, part).banner
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Renders every requested output of a document into memory. Names:
/// `<stem>[.rel-<cc>].cable.txt`, `.pdf`, `.docx`, and `.nonpaper.pdf`,
/// `.nonpaper.docx` when the document has a non-paper section.
pub fn render_all(
    doc: &Document,
    formats: &[Format],
    style: &Style,
    out_dir: &Path,
    stem: &str,
    release: Option<&str>,
) -> Result<Vec<Output>, RenderError> {
    let stem = match release {
        Some(cc) => format!("{stem}.rel-{}", cc.to_ascii_lowercase()),
        None => stem.to_string(),
    };
    // Every output is independent: render them side by side.
    let mut jobs: Vec<(Format, Part, PathBuf)> = Vec::new();
    for &format in Format::ALL.iter().filter(|f| formats.contains(f)) {
        jobs.push((
            format,
            Part::Whole,
            out_dir.join(format!("{stem}.{}", format.extension())),
        ));
        if format != Format::Cable && doc.nonpaper().is_some() {
            jobs.push((
                format,
                Part::NonPaper,
                out_dir.join(format!("{stem}.nonpaper.{}", format.extension())),
            ));
        }
    }
    use rayon::prelude::*;
    jobs.into_par_iter()
        .map(|(format, part, path)| {
            let bytes = renderer(format).render(doc, part, style)?;
            Ok(Output { path, bytes })
        })
        .collect()
}

/// Why outputs could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write: {reason}")]
pub struct WriteError {
    pub path: String,
    pub reason: String,
}

/// Writes every output atomically: each to a temporary file in its target
/// directory, then, once all are written, renamed into place. On any
/// failure the temporary files are removed and no earlier output is touched.
pub fn write_all(outputs: &[Output]) -> Result<Vec<PathBuf>, WriteError> {
    let mut temps: Vec<(PathBuf, &Path)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, &Path)]| {
        for (t, _) in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for output in outputs {
        let dir = output
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let fail = |e: std::io::Error, p: &Path| WriteError {
            path: p.display().to_string(),
            reason: crate::input::io_reason(&e),
        };
        if let Err(e) = std::fs::create_dir_all(dir) {
            cleanup(&temps);
            return Err(fail(e, dir));
        }
        let name = output
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&temp).and_then(|mut f| {
            f.write_all(&output.bytes)?;
            f.sync_all()
        });
        temps.push((temp.clone(), &output.path));
        if let Err(e) = written {
            cleanup(&temps);
            return Err(fail(e, &output.path));
        }
    }
    let mut done = Vec::new();
    for (i, (temp, target)) in temps.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, target) {
            cleanup(&temps[i..]);
            return Err(WriteError {
                path: target.display().to_string(),
                reason: crate::input::io_reason(&e),
            });
        }
        done.push(target.to_path_buf());
    }
    Ok(done)
}
