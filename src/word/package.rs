//! The zip package of a DOCX, read with bounds: a zip bomb, a huge part or
//! a package of thousands of entries is refused before it costs memory.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::WordError;

/// The most entries a package may have.
const MAX_ENTRIES: usize = 10_000;
/// The largest part, uncompressed.
const MAX_PART: u64 = 64 * 1024 * 1024;
/// All parts read, uncompressed.
const MAX_TOTAL: u64 = 256 * 1024 * 1024;
/// Uncompressed against compressed size: beyond this a part is a bomb
/// (Word's own parts pack 5 to 30-fold) ...
const MAX_RATIO: u64 = 200;
/// ... once it is past this size.
const RATIO_FROM: u64 = 4 * 1024 * 1024;

pub(crate) struct Package {
    /// The parts read (XML parts only), by name.
    parts: HashMap<String, String>,
}

impl Package {
    pub(crate) fn open(bytes: &[u8]) -> Result<Package, WordError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| WordError::NotDocx(format!("not a zip package ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(WordError::TooLarge(format!(
                "{} entries in the package (at most {MAX_ENTRIES})",
                zip.len()
            )));
        }
        let mut parts = HashMap::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut file = zip
                .by_index(i)
                .map_err(|e| WordError::Corrupt(format!("entry {i}: {e}")))?;
            let name = file.name().trim_start_matches('/').to_string();
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".xml") || lower.ends_with(".rels")) || file.is_dir() {
                continue;
            }
            let compressed = file.compressed_size().max(1);
            let limit = MAX_PART.min(MAX_TOTAL - total);
            // Read in pieces, so a bomb is stopped when its ratio shows,
            // not after it has filled memory.
            let mut data = Vec::new();
            let mut chunk = vec![0u8; 1 << 20];
            loop {
                let n = file
                    .read(&mut chunk)
                    .map_err(|e| WordError::Corrupt(format!("{name}: {e}")))?;
                if n == 0 {
                    break;
                }
                data.extend_from_slice(&chunk[..n]);
                let size = data.len() as u64;
                if size > limit {
                    return Err(WordError::TooLarge(format!(
                        "{name} is larger than {} MiB uncompressed",
                        limit / (1024 * 1024)
                    )));
                }
                if size > RATIO_FROM && size / compressed > MAX_RATIO {
                    return Err(WordError::TooLarge(format!(
                        "{name} expands more than {MAX_RATIO}-fold (a zip bomb?)"
                    )));
                }
            }
            let size = data.len() as u64;
            total += size;
            let text = String::from_utf8(data)
                .map_err(|_| WordError::Corrupt(format!("{name} is not UTF-8 XML")))?;
            parts.insert(name, text);
        }
        if !parts.contains_key("[Content_Types].xml") {
            return Err(WordError::NotDocx(
                "the zip has no [Content_Types].xml".to_string(),
            ));
        }
        Ok(Package { parts })
    }

    pub(crate) fn part(&self, name: &str) -> Option<&str> {
        self.parts.get(name).map(String::as_str)
    }

    /// The main document part's name, from the package relationships.
    pub(crate) fn main_part(&self) -> Option<String> {
        let rels = self.part("_rels/.rels")?;
        super::parse::relationships(rels)
            .ok()?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| resolve("", &r.target))
            .or_else(|| {
                self.part("word/document.xml")
                    .map(|_| "word/document.xml".to_string())
            })
    }
}

/// A relationship target resolved against the folder of its source part.
pub(crate) fn resolve(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}
