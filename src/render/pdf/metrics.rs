//! Font metrics of the built-in PDF fonts, and what they can draw.
//!
//! printpdf has no text-measuring API and writes the 14 built-in fonts
//! unembedded in WinAnsiEncoding (CP1252): a character outside CP1252
//! silently becomes `?`. So widths come from the Adobe AFM tables in
//! [`super::afm`], and every string is passed through [`drawable`] before
//! layout: a few Unicode spaces and hyphens are mapped to their CP1252
//! equivalents, anything else outside CP1252 is refused.

use super::afm;
use crate::render::style::FontFamily;

/// A built-in font the renderer draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    TimesRoman,
    TimesBold,
    Helvetica,
    HelveticaBold,
    Courier,
    CourierBold,
}

/// Courier: every glyph is 600/1000 em wide.
const COURIER_WIDTH: u32 = 600;

impl Font {
    /// The regular face of a family.
    pub fn regular(family: FontFamily) -> Font {
        match family {
            FontFamily::Times => Font::TimesRoman,
            FontFamily::Helvetica => Font::Helvetica,
            FontFamily::Courier => Font::Courier,
        }
    }

    /// The bold face of a family.
    pub fn bold(family: FontFamily) -> Font {
        match family {
            FontFamily::Times => Font::TimesBold,
            FontFamily::Helvetica => Font::HelveticaBold,
            FontFamily::Courier => Font::CourierBold,
        }
    }

    fn table(self) -> Option<&'static [u16; 256]> {
        match self {
            Font::TimesRoman => Some(&afm::TIMES_ROMAN),
            Font::TimesBold => Some(&afm::TIMES_BOLD),
            Font::Helvetica => Some(&afm::HELVETICA),
            Font::HelveticaBold => Some(&afm::HELVETICA_BOLD),
            Font::Courier | Font::CourierBold => None,
        }
    }

    /// Advance width of a character in 1/1000 em. A character the font
    /// cannot draw measures as the `?` printpdf would put in its place
    /// (never reached: text goes through [`drawable`] first).
    pub fn char_units(self, c: char) -> u32 {
        let Some(table) = self.table() else {
            return COURIER_WIDTH;
        };
        let byte = win_ansi(c).unwrap_or(b'?');
        u32::from(table[usize::from(byte)])
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let units: u32 = match self.table() {
            // ASCII, most text: a byte is its own WinAnsi code.
            Some(table) if text.is_ascii() => {
                text.bytes().map(|b| u32::from(table[usize::from(b)])).sum()
            }
            None => COURIER_WIDTH * text.chars().count() as u32,
            Some(_) => text.chars().map(|c| self.char_units(c)).sum(),
        };
        units as f32 * size / 1000.0
    }
}

/// The WinAnsiEncoding (CP1252) byte of a character, or `None` when the
/// built-in fonts cannot draw it. The same table as printpdf's encoder
/// (PDF 32000-1, Annex D.2).
pub fn win_ansi(c: char) -> Option<u8> {
    // ASCII and Latin-1 agree with CP1252; 0x80..=0x9F differ.
    if let cp @ (0x20..=0x7E | 0xA0..=0xFF) = u32::from(c) {
        return u8::try_from(cp).ok();
    }
    Some(match c {
        '\u{20AC}' => 0x80, // €
        '\u{201A}' => 0x82, // ‚
        '\u{0192}' => 0x83, // ƒ
        '\u{201E}' => 0x84, // „
        '\u{2026}' => 0x85, // …
        '\u{2020}' => 0x86, // †
        '\u{2021}' => 0x87, // ‡
        '\u{02C6}' => 0x88, // ˆ
        '\u{2030}' => 0x89, // ‰
        '\u{0160}' => 0x8A, // Š
        '\u{2039}' => 0x8B, // ‹
        '\u{0152}' => 0x8C, // Œ
        '\u{017D}' => 0x8E, // Ž
        '\u{2018}' => 0x91, // ‘
        '\u{2019}' => 0x92, // ’
        '\u{201C}' => 0x93, // “
        '\u{201D}' => 0x94, // ”
        '\u{2022}' => 0x95, // •
        '\u{2013}' => 0x96, // –
        '\u{2014}' => 0x97, // —
        '\u{02DC}' => 0x98, // ˜
        '\u{2122}' => 0x99, // ™
        '\u{0161}' => 0x9A, // š
        '\u{203A}' => 0x9B, // ›
        '\u{0153}' => 0x9C, // œ
        '\u{017E}' => 0x9E, // ž
        '\u{0178}' => 0x9F, // Ÿ
        _ => return None,
    })
}

/// What a character outside CP1252 is drawn as, when it has an exact
/// CP1252 stand-in: `Some(None)` drops it (an invisible character),
/// `Some(Some(c))` replaces it, `None` means it cannot be drawn.
fn stand_in(c: char) -> Option<Option<char>> {
    Some(match c {
        // Line and word breaks the layout handles itself.
        '\n' => Some('\n'),
        '\t' => Some(' '),
        '\r' => None,
        // Hyphens and the minus sign.
        '\u{2010}' | '\u{2011}' | '\u{2212}' => Some('-'),
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

/// `text` as the built-in fonts draw it: CP1252 characters unchanged,
/// the stand-ins of [`stand_in`] applied. The error is the first
/// character that cannot be drawn.
pub fn drawable(text: &str) -> Result<String, char> {
    // The common case (every character in CP1252 and no stand-in) copies.
    if text
        .chars()
        .all(|c| c != '\u{00AD}' && win_ansi(c).is_some())
    {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\u{00AD}' && win_ansi(c).is_some() {
            out.push(c);
            continue;
        }
        match stand_in(c) {
            Some(Some(r)) => out.push(r),
            Some(None) => {}
            None => return Err(c),
        }
    }
    Ok(out)
}

/// The message for a character that cannot be drawn.
pub fn undrawable_message(c: char) -> String {
    format!(
        "U+{:04X} '{}' cannot be drawn in the built-in PDF fonts (WinAnsi/CP1252): \
         replace it, or render this document as cable text or DOCX",
        u32::from(c),
        c.escape_debug()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_width_matches_the_afm() {
        // 13446 units of Helvetica-Bold at 12 pt.
        let w = Font::HelveticaBold.width("SECRET//REL TO USA, GBR", 12.0);
        assert!((w - 161.352).abs() < 0.001, "{w}");
    }

    #[test]
    fn spaces_and_typographic_characters_have_widths() {
        assert_eq!(Font::TimesRoman.char_units(' '), 250);
        assert_eq!(Font::TimesRoman.char_units('\u{00A0}'), 250);
        assert_eq!(Font::Helvetica.char_units(' '), 278);
        assert_eq!(Font::TimesRoman.char_units('\u{201D}'), 444);
        assert_eq!(Font::TimesRoman.char_units('\u{2014}'), 1000);
        assert_eq!(Font::TimesRoman.char_units('\u{2022}'), 350);
        assert_eq!(Font::TimesRoman.char_units('§'), 500);
        assert_eq!(Font::Courier.width("abc", 10.0), 18.0);
    }

    #[test]
    fn cp1252_passes_and_stand_ins_apply() {
        let s = "“Quoted” – en — em • § é\u{00A0}x";
        assert_eq!(drawable(s).as_deref(), Ok(s));
        assert_eq!(
            drawable("a\u{2011}b\u{202F}c\u{200B}d\u{00AD}e\r\n").as_deref(),
            Ok("a-b\u{00A0}cde\n")
        );
    }

    #[test]
    fn other_characters_are_refused_by_name() {
        assert_eq!(drawable("Taiwan 中华"), Err('中'));
        assert_eq!(
            undrawable_message('中'),
            "U+4E2D '中' cannot be drawn in the built-in PDF fonts (WinAnsi/CP1252): \
             replace it, or render this document as cable text or DOCX"
        );
        assert_eq!(drawable("\u{1F600}"), Err('\u{1F600}'));
        assert_eq!(drawable("bell\u{7}"), Err('\u{7}'));
    }
}
