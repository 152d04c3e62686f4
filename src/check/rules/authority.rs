//! A: the classification authority block.

use crate::authority::{normal_order, normal_reason, EO_13526_IN_FORCE};
use crate::check::{Diagnostic, Rule, Sink};
use crate::date::Date;
use crate::marking::Rollup;
use crate::model::{Document, Span};

pub fn run(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let h = &doc.header;
    let fm = front_matter_span(doc);
    let classified = rollup.banner.level.is_classified();

    if classified {
        if h.classified_by
            .as_ref()
            .is_none_or(|c| c.value.trim().is_empty())
        {
            sink.report(
                Diagnostic::new(
                    Rule::MissingClassifiedBy,
                    fm,
                    "classified document without `classified_by`",
                )
                .label("no classifier named")
                .help("add `classified_by: <name and position>` to the front matter"),
            );
        }
        if h.reasons.is_empty() {
            sink.report(
                Diagnostic::new(
                    Rule::MissingClassificationReason,
                    fm,
                    "classified document without a classification reason",
                )
                .label("no reasons")
                .help("add `reasons: [b, d]` (EO 13526 §1.4 categories a–h)"),
            );
        }
        if h.declassify_on.is_none() {
            sink.report(
                Diagnostic::new(
                    Rule::MissingDeclassification,
                    fm,
                    "classified document without `declassify_on`",
                )
                .label("no declassification instruction")
                .help(match doc.date {
                    Some(d) => format!(
                        "add `declassify_on: {}` (10 years, the default) or up to 25 years",
                        d.add_years(10)
                    ),
                    None => "add `declassify_on: <date within 25 years>`".to_string(),
                }),
            );
        }
    }

    for reason in &h.reasons {
        if normal_reason(&reason.value).is_none() {
            sink.report(
                Diagnostic::new(
                    Rule::UnknownClassificationReason,
                    reason.span,
                    format!("`{}` is not an EO 13526 §1.4 category", reason.value),
                )
                .label("not a–h")
                .help("use the letters a to h, e.g. `reasons: [b, d]`"),
            );
        }
    }

    if let Some(decl) = &h.declassify_on {
        check_declassify(doc, &decl.value, decl.span, sink);
    }

    if let Some(date) = doc.date {
        let expected = if date < EO_13526_IN_FORCE {
            12958
        } else {
            13526
        };
        let mismatch = |span: Span, written: String| {
            Diagnostic::new(
                Rule::OrderDoesNotMatchDate,
                span,
                format!("{written} does not match the document date {date}"),
            )
            .label(format!("E.O. {expected} was in force"))
            .help(format!("write `order: E.O. {expected}`"))
        };
        match &h.order {
            Some(o) => match normal_order(&o.value) {
                None => sink.report(
                    Diagnostic::new(
                        Rule::OrderDoesNotMatchDate,
                        o.span,
                        format!("`{}` is not E.O. 12958 or E.O. 13526", o.value),
                    )
                    .label("unknown order")
                    .help(format!(
                        "write `order: E.O. {expected}` for a document dated {date}"
                    )),
                ),
                Some(n) if n != expected => sink.report(mismatch(o.span, format!("E.O. {n}"))),
                Some(_) => {}
            },
            None if classified && expected != 13526 => {
                sink.report(mismatch(fm, "E.O. 13526 (the default order)".to_string()))
            }
            None => {}
        }
    }
}

fn check_declassify(doc: &Document, value: &str, span: Span, sink: &mut Sink) {
    let v = value.trim().to_ascii_uppercase();
    let first = v.split([',', ' ']).next().unwrap_or("");
    let after_2003 = doc.date.is_none_or(|d| d.year > 2003);
    if (first == "OADR" || is_x_code(first)) && after_2003 {
        sink.report(
            Diagnostic::new(
                Rule::ProhibitedDeclassificationMarking,
                span,
                format!("`{first}` may not be used on documents created after 2003"),
            )
            .label("prohibited legacy marking")
            .help(match doc.date {
                Some(d) => format!(
                    "write a date within 25 years, e.g. `declassify_on: {}`",
                    d.add_years(25)
                ),
                None => "write a date within 25 years, or a 25X/50X exemption".to_string(),
            }),
        );
        return;
    }
    // `25X1-human`: authorised until ISOO Notice 2012-02 replaced it with
    // 50X1-HUM.
    if first == "25X1-HUMAN" {
        if doc.date.is_some_and(|d| d.year >= 2012) {
            sink.report(
                Diagnostic::new(
                    Rule::ProhibitedDeclassificationMarking,
                    span,
                    "`25X1-human` may not be used after 2011 (ISOO Notice 2012-02)",
                )
                .label("replaced by 50X1-HUM")
                .help("write `declassify_on: 50X1-HUM`"),
            );
        }
        return;
    }
    let exempt_25 = first.len() == 4
        && first.starts_with("25X")
        && first.as_bytes()[3].is_ascii_digit()
        && first != "25X0";
    let exempt_50_75 = first.starts_with("50X") || first.starts_with("75X");
    if exempt_50_75 {
        return;
    }
    let date_text = if exempt_25 {
        v[first.len()..].trim_start_matches([',', ' ']).trim()
    } else {
        v.as_str()
    };
    if exempt_25 && date_text.is_empty() {
        return;
    }
    let Some(decl) = Date::parse(date_text) else {
        // Shaped like a date, but no such day: an error, not an event.
        if looks_like_a_date(date_text) {
            sink.report(
                Diagnostic::new(Rule::ImpossibleDeclassificationDate, span, format!("`{value}` is not a day of the calendar"))
                    .label("impossible date")
                    .help("write the declassification date that was meant, e.g. the last day of that month"),
            );
            return;
        }
        sink.report(
            Diagnostic::new(
                Rule::UnreadableDeclassification,
                span,
                format!("`{value}` is neither a date nor an exemption"),
            )
            .label("cannot be checked")
            .help("write a date (`2034-06-12`), `25X<n>, <date>`, `50X1-HUM` or `50X2-WMD`"),
        );
        return;
    };
    let Some(date) = doc.date else { return };
    if decl <= date {
        sink.report(
            Diagnostic::new(
                Rule::DeclassificationNotAfterDocumentDate,
                span,
                format!("declassification date {decl} is not after the document date {date}"),
            )
            .label("already declassified")
            .help(format!(
                "write a later date, e.g. `declassify_on: {}` (10 years)",
                date.add_years(10)
            )),
        );
    } else if decl > date.add_years(25) && !exempt_25 {
        sink.report(
            Diagnostic::new(
                Rule::DeclassificationBeyond25Years,
                span,
                format!("declassification date {decl} is more than 25 years after the document date {date}"),
            )
            .label("beyond 25 years")
            .help(format!(
                "write a date on or before {}, or give the exemption: `25X<n>, {decl}`",
                date.add_years(25)
            )),
        );
    }
}

fn is_x_code(s: &str) -> bool {
    s.len() == 2 && s.starts_with('X') && matches!(s.as_bytes()[1], b'1'..=b'8')
}

/// The first line of the front matter, or of the file.
fn front_matter_span(doc: &Document) -> Span {
    let end = doc.source.find('\n').unwrap_or(doc.source.len());
    Span::new(0, end)
}

/// `2034-02-30`, `02/30/2034`, `20340230`: digits in the shape of a date.
fn looks_like_a_date(text: &str) -> bool {
    let t = text.trim();
    let shape: String = t
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    matches!(
        shape.as_str(),
        "9999-99-99" | "99/99/9999" | "9/99/9999" | "99/9/9999" | "9/9/9999" | "99999999"
    )
}
