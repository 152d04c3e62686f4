//! Line breaking, apart from any writer (typst's layout/PDF split): given
//! a width function, it serves the monospace cable (width = characters)
//! and proportional PDF text (width = font metrics) alike.

/// One laid-out line: its text and whether it ends a paragraph (the last
/// line of a justified paragraph is not stretched).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub last: bool,
}

/// Greedy first-fit wrapping. `first` is the width of the first line,
/// `rest` of the following ones; `measure` gives a string's width in the
/// same unit. Explicit `\n` in the text break lines. A word wider than a
/// whole line is split, so no line is ever wider than its width (unless a
/// single character is).
pub fn wrap(text: &str, first: f32, rest: f32, measure: &dyn Fn(&str) -> f32) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        let width_now = |lines: &Vec<Line>| if lines.is_empty() { first } else { rest };
        // Words with the spacing written before them: inside a line the
        // spacing is kept as written (`1.  Text`, `end.  Next`); at a break
        // it goes.
        let words = bind_wide_gaps(words_with_gaps(paragraph), rest.min(first), measure);
        if words.is_empty() {
            lines.push(Line {
                text: String::new(),
                last: true,
            });
            continue;
        }
        for (gap, word) in &words {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current}{gap}{word}")
            };
            if measure(&candidate) <= width_now(&lines) {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(Line {
                    text: std::mem::take(&mut current),
                    last: false,
                });
            }
            // The word alone; split it if it is wider than a line.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if measure(&piece) > width_now(&lines) && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(Line {
                        text: std::mem::take(&mut piece),
                        last: false,
                    });
                    piece.push(c);
                }
            }
            current = piece;
        }
        lines.push(Line {
            text: current,
            last: true,
        });
    }
    lines
}

/// Words separated by two spaces or more (`end.  Next`) stay on one line
/// when they fit, so the spacing as written survives wrapping.
fn bind_wide_gaps(
    words: Vec<(&str, &str)>,
    width: f32,
    measure: &dyn Fn(&str) -> f32,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(words.len());
    for (gap, word) in words {
        if let Some(last) = out.last_mut() {
            if gap.len() >= 2 {
                let joined = format!("{}{gap}{word}", last.1);
                if measure(&joined) <= width {
                    last.1 = joined;
                    continue;
                }
            }
        }
        out.push((gap.to_string(), word.to_string()));
    }
    out
}

/// `(spacing before, word)` pairs; tabs count as spaces.
fn words_with_gaps(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let word_start = rest
            .find(|c: char| c != ' ' && c != '\t')
            .unwrap_or(rest.len());
        if word_start == rest.len() {
            break;
        }
        let gap = &rest[..word_start];
        let after = &rest[word_start..];
        let word_end = after.find([' ', '\t']).unwrap_or(after.len());
        out.push((
            if gap.contains('\t') { " " } else { gap },
            &after[..word_end],
        ));
        rest = &after[word_end..];
    }
    out
}

/// Character count: the width function of fixed-width cable text.
pub fn chars(s: &str) -> f32 {
    s.chars().count() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn wraps_at_width() {
        let l = wrap("aaa bbb ccc ddd", 7.0, 7.0, &chars);
        assert_eq!(texts(&l), ["aaa bbb", "ccc ddd"]);
        assert!(l[1].last && !l[0].last);
    }

    #[test]
    fn first_line_width_differs() {
        let l = wrap("aaa bbb ccc", 3.0, 7.0, &chars);
        assert_eq!(texts(&l), ["aaa", "bbb ccc"]);
    }

    #[test]
    fn long_words_are_split() {
        let l = wrap("abcdefghij", 4.0, 4.0, &chars);
        assert_eq!(texts(&l), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn spacing_inside_a_line_is_kept() {
        let l = wrap("1.  Text here.  Next", 40.0, 40.0, &chars);
        assert_eq!(texts(&l), ["1.  Text here.  Next"]);
        let l = wrap("aaa.  bbb", 4.0, 4.0, &chars);
        assert_eq!(texts(&l), ["aaa.", "bbb"]);
    }

    #[test]
    fn hard_breaks_are_kept() {
        let l = wrap("a b\nc", 10.0, 10.0, &chars);
        assert_eq!(texts(&l), ["a b", "c"]);
        let l = wrap("a\n\nb", 10.0, 10.0, &chars);
        assert_eq!(texts(&l), ["a", "", "b"]);
    }
}
