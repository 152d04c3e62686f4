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
    let mut buf = [0u8; 4];
    for paragraph in text.split('\n') {
        let mut current = String::new();
        // Widths add up (no kerning), so a line's width is kept as it
        // grows; the exact width is measured again only near the limit.
        let mut current_w = 0.0f32;
        let width_now = |lines: &Vec<Line>| if lines.is_empty() { first } else { rest };
        // Words with the spacing written before them: inside a line the
        // spacing is kept as written (`1.  Text`, `end.  Next`); at a break
        // it goes.
        let words = bind_wide_gaps(
            paragraph,
            words_with_gaps(paragraph),
            rest.min(first),
            measure,
        );
        if words.is_empty() {
            lines.push(Line {
                text: String::new(),
                last: true,
            });
            continue;
        }
        for (gap, word) in &words {
            let limit = width_now(&lines);
            let word_w = measure(word);
            let (add, with_gap) = if current.is_empty() {
                (word_w, false)
            } else {
                (measure(gap) + word_w, true)
            };
            let estimate = current_w + add;
            let fits = if estimate < limit - 0.01 {
                true
            } else {
                let candidate = if with_gap {
                    format!("{current}{gap}{word}")
                } else {
                    word.to_string()
                };
                measure(&candidate) <= limit
            };
            if fits {
                if with_gap {
                    current.push_str(gap);
                }
                current.push_str(word);
                current_w = estimate;
                continue;
            }
            if !current.is_empty() {
                lines.push(Line {
                    text: std::mem::take(&mut current),
                    last: false,
                });
            }
            // The word alone; split it if it is wider than a line.
            let limit = width_now(&lines);
            if word_w <= limit {
                current = word.to_string();
                current_w = word_w;
                continue;
            }
            let mut piece = String::new();
            let mut piece_w = 0.0f32;
            for c in word.chars() {
                let c_w = measure(c.encode_utf8(&mut buf));
                if piece_w + c_w > width_now(&lines) && !piece.is_empty() {
                    lines.push(Line {
                        text: std::mem::take(&mut piece),
                        last: false,
                    });
                    piece_w = 0.0;
                }
                piece.push(c);
                piece_w += c_w;
            }
            current = piece;
            current_w = piece_w;
        }
        lines.push(Line {
            text: current,
            last: true,
        });
    }
    lines
}

/// Words separated by two spaces or more (`end.  Next`) stay on one line
/// when they fit, so the spacing as written survives wrapping. A bound
/// unit is still one slice of the paragraph (word, gap, word are adjacent).
fn bind_wide_gaps<'a>(
    paragraph: &'a str,
    words: Vec<(usize, usize, usize)>,
    width: f32,
    measure: &dyn Fn(&str) -> f32,
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(words.len());
    for (gap_start, start, end) in words {
        if let Some(last) = out.last_mut() {
            if start - gap_start >= 2 && measure(&paragraph[last.1..end]) <= width {
                last.2 = end;
                continue;
            }
        }
        out.push((gap_start, start, end));
    }
    out.into_iter()
        .map(|(g, s, e)| {
            let gap = &paragraph[g..s];
            (if gap.contains('\t') { " " } else { gap }, &paragraph[s..e])
        })
        .collect()
}

/// `(gap start, word start, word end)` byte offsets; tabs count as spaces.
fn words_with_gaps(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let gap_start = i;
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\t' {
            i += 1;
        }
        out.push((gap_start, start, i));
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
