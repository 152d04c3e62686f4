//! Styles (`styles/*.yaml`): page, fonts, colours, wrap width and mark
//! style. Built-in styles are compiled in, so the binary works anywhere;
//! `--style PATH` reads a file.

use serde::Deserialize;

use crate::marking::Level;

/// How portion marks are printed in the cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MarkStyle {
    /// As written in the source (an imported cable keeps its own marks).
    #[default]
    AsWritten,
    /// Normalised to the Register form.
    Register,
}

/// How the cable's non-paper releasability line is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum NonpaperLine {
    /// State's legacy form, `(SECRET REL TAIWAN)`; a heading mark written in a
    /// legacy form is printed as written.
    #[default]
    Legacy,
    /// The Register form, `(SECRET//REL TO USA, TWN)`.
    Register,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CableStyle {
    /// Wrap width of the cable text (at most 69).
    pub wrap: usize,
    pub marks: MarkStyle,
    pub nonpaper_line: NonpaperLine,
    /// The talking-point bullet, `-- ` or `--`.
    pub bullet: String,
    /// A minijinja template to use instead of the built-in `templates/cable.txt.j2`.
    pub template: Option<String>,
}

impl Default for CableStyle {
    fn default() -> Self {
        CableStyle {
            wrap: 64,
            marks: MarkStyle::AsWritten,
            nonpaper_line: NonpaperLine::Legacy,
            bullet: "-- ".to_string(),
            template: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    #[default]
    Letter,
    A4,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::Letter => (612.0, 792.0),
            PageSize::A4 => (595.28, 841.89),
        }
    }
}

/// The built-in PDF fonts the styles may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FontFamily {
    #[default]
    Times,
    Helvetica,
    Courier,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageStyle {
    pub size: PageSize,
    /// Margins in points.
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

impl Default for PageStyle {
    fn default() -> Self {
        PageStyle {
            size: PageSize::Letter,
            margin_top: 72.0,
            margin_bottom: 72.0,
            margin_left: 72.0,
            margin_right: 72.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TextStyle {
    pub font: FontFamily,
    pub heading_font: FontFamily,
    /// Body size in points.
    pub size: f32,
    pub title_size: f32,
    pub heading_size: f32,
    pub banner_size: f32,
    /// Line height as a multiple of the size.
    pub line_spacing: f32,
    /// Space after a paragraph, in points.
    pub paragraph_spacing: f32,
    pub justify: bool,
    /// TrueType font files (paths relative to the style file) that draw
    /// in the PDF what the built-in faces cannot, first first: CJK names,
    /// say. `check --style` reports what none of them has either.
    pub fallback_fonts: Vec<String>,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            font: FontFamily::Times,
            heading_font: FontFamily::Helvetica,
            size: 12.0,
            title_size: 16.0,
            heading_size: 13.0,
            banner_size: 12.0,
            line_spacing: 1.25,
            paragraph_spacing: 8.0,
            justify: false,
            fallback_fonts: Vec::new(),
        }
    }
}

/// Banner colours per level, `#RRGGBB` (DESIGN §5.2).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Colors {
    pub unclassified: String,
    pub confidential: String,
    pub secret: String,
    pub top_secret: String,
    pub text: String,
}

impl Default for Colors {
    fn default() -> Self {
        Colors {
            unclassified: "#007A33".into(),
            confidential: "#0033A0".into(),
            secret: "#C8102E".into(),
            top_secret: "#FF8C00".into(),
            text: "#000000".into(),
        }
    }
}

impl Colors {
    /// The banner colour of a level, as `(r, g, b)` in 0..=255.
    pub fn level(&self, level: Level) -> (u8, u8, u8) {
        let hex = match level {
            Level::Unclassified => &self.unclassified,
            Level::Confidential => &self.confidential,
            Level::Secret => &self.secret,
            Level::TopSecret => &self.top_secret,
        };
        parse_hex(hex).unwrap_or((0, 0, 0))
    }

    pub fn text_rgb(&self) -> (u8, u8, u8) {
        parse_hex(&self.text).unwrap_or((0, 0, 0))
    }
}

/// `#C8102E` → (200, 16, 46).
pub fn parse_hex(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.trim().strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    pub name: String,
    pub cable: CableStyle,
    pub page: PageStyle,
    pub text: TextStyle,
    pub colors: Colors,
    /// The faces of `text.fallback_fonts`, loaded.
    #[serde(skip)]
    pub fallback: Vec<crate::render::pdf::metrics::Font>,
}

/// Why a style could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    #[error("no style named `{0}`: the built-in styles are {1}, or give a path to a .yaml file")]
    Unknown(String, String),
    #[error("{0}: cannot read: {1}")]
    Io(String, String),
    #[error("{0}: {1}")]
    Invalid(String, String),
    #[error("{0}:{1}:{2}: {3}")]
    InvalidAt(String, u64, u64, String),
}

/// The styles compiled into the binary: `(name, YAML)`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../styles/default.yaml")),
    ("register", include_str!("../../styles/register.yaml")),
    ("a4", include_str!("../../styles/a4.yaml")),
];

impl Style {
    /// A built-in style by name, or a style file by path.
    pub fn load(name_or_path: Option<&str>) -> Result<Style, StyleError> {
        let name = name_or_path.unwrap_or("default");
        if let Some((_, yaml)) = BUILTIN.iter().find(|(n, _)| *n == name) {
            return Style::from_yaml(name, yaml);
        }
        let looks_like_path = name.contains('/') || name.contains('.');
        if !looks_like_path {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            return Err(StyleError::Unknown(name.to_string(), names.join(", ")));
        }
        let text = std::fs::read_to_string(name)
            .map_err(|e| StyleError::Io(name.to_string(), crate::input::io_reason(&e)))?;
        Style::from_yaml(name, &text)
    }

    pub fn from_yaml(origin: &str, yaml: &str) -> Result<Style, StyleError> {
        let style: Style = serde_saphyr::from_str::<Option<Style>>(yaml)
            .map_err(|e| {
                // `error: line 3 column 9: unknown variant …` reads as
                // `mystyle.yaml:3:9: unknown variant …`, as every other
                // location the tool prints.
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                let text = first.strip_prefix("error: ").unwrap_or(&first).to_string();
                let at = text.strip_prefix("line ").and_then(|rest| {
                    let (line, rest) = rest.split_once(" column ")?;
                    let (col, message) = rest.split_once(": ")?;
                    Some((line.parse().ok()?, col.parse().ok()?, message.to_string()))
                });
                match at {
                    Some((line, col, message)) => {
                        StyleError::InvalidAt(origin.to_string(), line, col, message)
                    }
                    None => StyleError::Invalid(origin.to_string(), text),
                }
            })?
            .unwrap_or_default();
        let mut style = style;
        style.validate(origin)?;
        // Font paths are relative to the style file.
        let base = std::path::Path::new(origin)
            .parent()
            .unwrap_or(std::path::Path::new(""));
        for path in &style.text.fallback_fonts {
            let at = base.join(path);
            let face = crate::render::pdf::fonts::load_fallback(&at).map_err(|e| {
                StyleError::Invalid(
                    origin.to_string(),
                    format!("text.fallback_fonts: {}: {e}", at.display()),
                )
            })?;
            style.fallback.push(face);
        }
        Ok(style)
    }

    fn validate(&self, origin: &str) -> Result<(), StyleError> {
        let bad = |m: String| Err(StyleError::Invalid(origin.to_string(), m));
        if !(20..=69).contains(&self.cable.wrap) {
            return bad(format!(
                "cable.wrap is {}; it must be between 20 and 69",
                self.cable.wrap
            ));
        }
        let (w, h) = self.page.size.points();
        let p = &self.page;
        if [p.margin_top, p.margin_bottom, p.margin_left, p.margin_right]
            .iter()
            .any(|m| !m.is_finite() || *m < 0.0)
            || p.margin_left + p.margin_right > w - 144.0
            || p.margin_top + p.margin_bottom > h - 144.0
        {
            return bad("page margins leave less than 2 inches of text area".into());
        }
        let t = &self.text;
        for (name, v) in [
            ("size", t.size),
            ("title_size", t.title_size),
            ("heading_size", t.heading_size),
            ("banner_size", t.banner_size),
        ] {
            if !(4.0..=72.0).contains(&v) {
                return bad(format!(
                    "text.{name} is {v}; it must be between 4 and 72 points"
                ));
            }
        }
        if !(0.8..=4.0).contains(&t.line_spacing) || !(0.0..=72.0).contains(&t.paragraph_spacing) {
            return bad("text.line_spacing must be 0.8–4 and paragraph_spacing 0–72".into());
        }
        let c = &self.colors;
        for hex in [
            &c.unclassified,
            &c.confidential,
            &c.secret,
            &c.top_secret,
            &c.text,
        ] {
            if parse_hex(hex).is_none() {
                return bad(format!("colour `{hex}` is not #RRGGBB"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_styles_load() {
        for (name, _) in BUILTIN {
            let s = Style::load(Some(name)).expect(name);
            assert_eq!(s.name, *name);
        }
        let d = Style::load(None).expect("default");
        assert_eq!(d.cable.wrap, 64);
        assert_eq!(d.colors.level(Level::Secret), (0xC8, 0x10, 0x2E));
        assert_eq!(Style::load(Some("a4")).expect("a4").page.size, PageSize::A4);
    }

    #[test]
    fn bad_styles_are_refused() {
        assert!(matches!(
            Style::load(Some("nope")),
            Err(StyleError::Unknown(..))
        ));
        assert!(Style::from_yaml("t", "cable:\n  wrap: 100\n").is_err());
        assert!(Style::from_yaml("t", "cable:\n  wrapp: 60\n").is_err());
        assert!(Style::from_yaml("t", "colors:\n  secret: red\n").is_err());
    }
}
