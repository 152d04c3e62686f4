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

use crate::marking::Marking;
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

/// The banner of a part, as the model computed it (renderers never roll up
/// a banner): the document's, or the non-paper section's.
pub fn banner_marking(doc: &Document, part: Part) -> Marking {
    match part {
        Part::Whole => doc.banners.document.clone(),
        Part::NonPaper => doc
            .nonpaper_banner()
            .cloned()
            .unwrap_or_else(|| doc.banners.document.clone()),
    }
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

/// Writes every output all or nothing:
///
/// 1. every target is checked first (a directory in its place refuses the
///    whole write before anything changes);
/// 2. each output is written to a temporary file created exclusively in its
///    target directory (`O_EXCL`, a name no one can guess, never through a
///    planted symlink: tempfile's `NamedTempFile::new_in`);
/// 3. only then are they put in place: each existing target is moved aside,
///    the new file renamed in; if any step fails, every target already
///    replaced gets its old file back, and no temporary file is left.
pub fn write_all(outputs: &[Output]) -> Result<Vec<PathBuf>, WriteError> {
    let fail = |e: &std::io::Error, p: &Path| WriteError {
        path: p.display().to_string(),
        reason: crate::input::io_reason(e),
    };
    let dir_of = |p: &Path| -> PathBuf {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    };
    for output in outputs {
        if let Ok(meta) = std::fs::symlink_metadata(&output.path) {
            if meta.is_dir() {
                return Err(WriteError {
                    path: output.path.display().to_string(),
                    reason: "a directory is in the way".to_string(),
                });
            }
        }
    }
    let mut temps: Vec<(tempfile::NamedTempFile, &Path)> = Vec::new();
    for output in outputs {
        let dir = dir_of(&output.path);
        std::fs::create_dir_all(&dir).map_err(|e| fail(&e, &dir))?;
        let name = output
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| fail(&e, &output.path))?;
        temp.write_all(&output.bytes)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| fail(&e, &output.path))?;
        temps.push((temp, &output.path));
    }
    // Put them in place; keep what each replaced until all are in.
    let mut placed: Vec<(&Path, Option<tempfile::TempPath>)> = Vec::new();
    let rollback = |placed: &mut Vec<(&Path, Option<tempfile::TempPath>)>| {
        for (target, backup) in placed.drain(..).rev() {
            match backup {
                Some(b) => {
                    let _ = std::fs::rename(&b, target);
                }
                None => {
                    let _ = std::fs::remove_file(target);
                }
            }
        }
    };
    for (temp, target) in temps {
        let dir = dir_of(target);
        let backup = if std::fs::symlink_metadata(target).is_ok() {
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let slot = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(".old")
                .tempfile_in(&dir)
                .map(|f| f.into_temp_path());
            match slot.and_then(|b| std::fs::rename(target, &b).map(|()| b)) {
                Ok(b) => Some(b),
                Err(e) => {
                    rollback(&mut placed);
                    return Err(fail(&e, target));
                }
            }
        } else {
            None
        };
        if let Err(e) = temp.persist(target) {
            if let Some(b) = backup {
                let _ = std::fs::rename(&b, target);
            }
            rollback(&mut placed);
            return Err(fail(&e.error, target));
        }
        placed.push((target, backup));
    }
    // Every new file is in place: the old ones go (their TempPaths delete them).
    Ok(placed.into_iter().map(|(t, _)| t.to_path_buf()).collect())
}
