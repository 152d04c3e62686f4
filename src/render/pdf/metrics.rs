//! What the PDF's fonts can draw and how wide it is.
//!
//! The fonts are the embedded Liberation faces ([`super::fonts`]),
//! metric-compatible with Times, Helvetica and Courier. Every string is
//! passed through [`drawable`] before layout: a few Unicode spaces and
//! hyphens are mapped to what the fonts have, invisible characters are
//! dropped, and a character no face can draw is refused with its name.

pub use super::fonts::Face as Font;
use crate::render::style::FontFamily;

impl Font {
    /// The regular face of a family.
    pub fn regular(family: FontFamily) -> Font {
        match family {
            FontFamily::Times => Font::SerifRegular,
            FontFamily::Helvetica => Font::SansRegular,
            FontFamily::Courier => Font::MonoRegular,
        }
    }

    /// The bold face of a family.
    pub fn bold(family: FontFamily) -> Font {
        match family {
            FontFamily::Times => Font::SerifBold,
            FontFamily::Helvetica => Font::SansBold,
            FontFamily::Courier => Font::MonoBold,
        }
    }

    /// The face of a family for a run's style: bold, italic, both; code
    /// in the monospace face.
    pub fn styled(family: FontFamily, bold: bool, italic: bool, code: bool) -> Font {
        let family = if code { FontFamily::Courier } else { family };
        match (family, bold, italic) {
            (FontFamily::Times, false, false) => Font::SerifRegular,
            (FontFamily::Times, true, false) => Font::SerifBold,
            (FontFamily::Times, false, true) => Font::SerifItalic,
            (FontFamily::Times, true, true) => Font::SerifBoldItalic,
            (FontFamily::Helvetica, false, false) => Font::SansRegular,
            (FontFamily::Helvetica, true, false) => Font::SansBold,
            (FontFamily::Helvetica, false, true) => Font::SansItalic,
            (FontFamily::Helvetica, true, true) => Font::SansBoldItalic,
            (FontFamily::Courier, false, false) => Font::MonoRegular,
            (FontFamily::Courier, true, false) => Font::MonoBold,
            (FontFamily::Courier, false, true) => Font::MonoItalic,
            (FontFamily::Courier, true, true) => Font::MonoBoldItalic,
        }
    }

    /// Advance width of a character in 1/1000 em (0 for one the face does
    /// not have: text goes through [`drawable`] first).
    pub fn char_units(self, c: char) -> u32 {
        self.info().glyph(c).map_or(0, |g| u32::from(g.1))
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let info = self.info();
        let units: u32 = text
            .chars()
            .map(|c| info.glyph(c).map_or(0, |g| u32::from(g.1)))
            .sum();
        units as f32 * size / 1000.0
    }
}

/// What a character is drawn as when the fonts do not draw it itself:
/// `Some(None)` drops it (an invisible character), `Some(Some(c))`
/// replaces it, `None` means it cannot be drawn.
fn stand_in(c: char) -> Option<Option<char>> {
    Some(match c {
        // Line and word breaks the layout handles itself.
        '\n' => Some('\n'),
        '\t' => Some(' '),
        '\r' => None,
        // Hyphens and the minus sign.
        '\u{2010}' | '\u{2011}' => Some('-'),
        // Non-breaking spaces stay non-breaking.
        '\u{2007}' | '\u{202F}' => Some('\u{00A0}'),
        // Other typographic spaces.
        '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' => Some(' '),
        // Invisible: zero-width space and joiners, word joiner, BOM, and the
        // soft hyphen (the layout never hyphenates, so it is never shown).
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        _ => return None,
    })
}

/// Whether the fonts draw the character as it is: every built-in face
/// has it, or one of the style's fallback fonts does.
fn drawn(c: char, fallback: &[Font]) -> bool {
    c != '\u{00AD}'
        && !c.is_control()
        && (super::fonts::covers(c) || fallback.iter().any(|f| f.info().glyph(c).is_some()))
}

/// `text` as the built-in fonts draw it: [`drawable_in`] without fallback
/// fonts.
pub fn drawable(text: &str) -> Result<String, char> {
    drawable_in(text, &[])
}

/// `text` as the fonts draw it: characters every face (or a fallback
/// font) has unchanged, the stand-ins of [`stand_in`] applied. The error
/// is the first character that cannot be drawn.
pub fn drawable_in(text: &str, fallback: &[Font]) -> Result<String, char> {
    // Printable ASCII and line breaks: every face draws them.
    if text
        .bytes()
        .all(|b| (0x20..0x7F).contains(&b) || b == b'\n')
    {
        return Ok(text.to_string());
    }
    if text.chars().all(|c| drawn(c, fallback)) {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match stand_in(c) {
            Some(Some(r)) => out.push(r),
            Some(None) => {}
            None if drawn(c, fallback) => out.push(c),
            None => return Err(c),
        }
    }
    Ok(out)
}

/// Whether the PDF can show the character: drawn as it is (by the
/// built-in faces or a fallback font), by a stand-in, or dropped as
/// invisible.
pub fn can_draw(c: char, fallback: &[Font]) -> bool {
    drawn(c, fallback) || stand_in(c).is_some()
}

/// Every character of `text` the fonts cannot draw (no stand-in either).
pub fn undrawable<'t>(text: &'t str, fallback: &'t [Font]) -> impl Iterator<Item = char> + 't {
    text.chars().filter(move |&c| !can_draw(c, fallback))
}

/// The message for a character that cannot be drawn.
pub fn undrawable_message(c: char) -> String {
    format!(
        "U+{:04X} '{}' cannot be drawn in the PDF's fonts (Liberation: Latin, Greek, Cyrillic, \
         and the style's fallback_fonts): replace it, name a font that has it in the style's \
         text.fallback_fonts, or render this document as cable text or DOCX",
        u32::from(c),
        c.escape_debug()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_width_matches_helvetica() {
        // 13446 units of Helvetica-Bold at 12 pt: Liberation Sans Bold is
        // metric-compatible.
        let w = Font::SansBold.width("SECRET//REL TO USA, GBR", 12.0);
        assert!((w - 161.352).abs() < 0.001, "{w}");
    }

    #[test]
    fn spaces_and_typographic_characters_have_widths() {
        assert_eq!(Font::SerifRegular.char_units(' '), 250);
        assert_eq!(Font::SerifRegular.char_units('\u{00A0}'), 250);
        assert_eq!(Font::SansRegular.char_units(' '), 278);
        assert_eq!(Font::SerifRegular.char_units('\u{201D}'), 444);
        assert_eq!(Font::SerifRegular.char_units('\u{2014}'), 1000);
        assert_eq!(Font::SerifRegular.char_units('\u{2022}'), 350);
        assert_eq!(Font::SerifRegular.char_units('§'), 500);
        assert_eq!(Font::MonoRegular.width("abc", 10.0), 18.0);
    }

    #[test]
    fn real_names_pass_and_stand_ins_apply() {
        let s = "“Quoted” – en — em • § é\u{00A0}x Erdoğan Wałęsa Hải Phòng Ωμέγα Москва";
        assert_eq!(drawable(s).as_deref(), Ok(s));
        assert_eq!(
            drawable("a\u{2011}b\u{202F}c\u{200B}d\u{00AD}e\r\n").as_deref(),
            Ok("a-b\u{00A0}cde\n")
        );
    }

    #[test]
    fn other_characters_are_refused_by_name() {
        assert_eq!(drawable("Taiwan 中华"), Err('中'));
        assert!(
            undrawable_message('中').starts_with("U+4E2D '中' cannot be drawn in the PDF's fonts")
        );
        assert_eq!(drawable("\u{1F600}"), Err('\u{1F600}'));
        assert_eq!(drawable("bell\u{7}"), Err('\u{7}'));
        assert_eq!(
            undrawable("a中b华\u{2011}", &[]).collect::<String>(),
            "中华"
        );
    }
}
