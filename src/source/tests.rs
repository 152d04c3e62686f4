use super::*;
use crate::marking::Level;

fn doc(text: &str) -> Document {
    parse("t.md", text.to_string()).expect("parses")
}

#[test]
fn sample_model() {
    let text = include_str!("../../samples/state-061156.md");
    let d = doc(text);
    assert_eq!(
        d.header.dtg.as_ref().map(|d| d.value.as_str()),
        Some("122056Z JUN 09")
    );
    assert_eq!(d.header.refs.len(), 7);
    assert_eq!(d.header.reasons.len(), 3);
    let subject = d.subject.as_ref().expect("subject");
    assert_eq!(subject.mark.as_ref().map(|m| m.text.as_str()), Some("(S)"));
    assert!(subject.text.starts_with("Responding to Taiwan"));
    // 5 paragraphs, heading, 13 talking points, 2 paragraphs.
    assert_eq!(d.portions.len(), 21);
    assert_eq!(d.sections.len(), 1);
    let np = d.nonpaper().expect("non-paper");
    assert_eq!(np.title, "Talking points/non-paper");
    assert_eq!(np.body(), 6..19);
    let numbers: Vec<u32> = d.portions.iter().filter_map(|p| p.number).collect();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    for p in &d.portions[6..19] {
        assert!(p.inherited);
        assert_eq!(
            p.effective.as_ref().map(|m| m.portion()),
            Some("(S//REL TO USA, TWN)".into())
        );
    }
    assert!(d.portions[6]
        .text()
        .starts_with("We appreciate our continued cooperation on export control and"));
    assert_eq!(d.rollup().banner.banner(), "SECRET");
    // The mark's span points at the mark in the file.
    let m = d.portions[1].mark.as_ref().expect("mark");
    assert_eq!(&text[m.span.start..m.span.end], "(S)");
    let h = d.portions[5].mark.as_ref().expect("heading mark");
    assert_eq!(&text[h.span.start..h.span.end], "(S//REL TO USA, TWN)");
    assert_eq!(d.date, crate::date::Date::new(2009, 6, 12));
}

#[test]
fn sections_end_at_same_level_heading_or_rule() {
    let d =
        doc("# (S) A\n\ntext a\n\n## (C) B\n\ntext b\n\n# (U) C\n\ntext c\n\n***\n\n(U) after\n");
    assert_eq!(d.sections.len(), 3);
    assert_eq!(d.sections[0].body(), 1..4);
    assert_eq!(d.sections[1].parent, Some(0));
    assert_eq!(d.sections[2].body(), 5..6);
    assert_eq!(d.portions[6].section, None);
    assert_eq!(
        d.portions[1].effective.as_ref().map(|m| m.level),
        Some(Level::Secret)
    );
    assert_eq!(
        d.portions[3].effective.as_ref().map(|m| m.level),
        Some(Level::Confidential)
    );
    let numbers: Vec<Option<u32>> = d.portions.iter().map(|p| p.number).collect();
    assert_eq!(
        numbers,
        vec![Some(1), None, None, None, Some(2), None, Some(3)]
    );
}

#[test]
fn unmarked_top_level_portion_has_no_effective_mark() {
    let d = doc("This has no mark.\n\n(U) This has one.\n");
    assert!(d.portions[0].mark.is_none());
    assert!(d.portions[0].effective.is_none());
    assert_eq!(d.portions[1].text(), "This has one.");
}

#[test]
fn list_items_block_quotes_tables() {
    let d = doc("(U) intro\n\n- (S) one\n  - (C) nested\n- (U) two\n\n> (C) quoted\n> more\n\n| (S) a | b |\n|---|---|\n| c | d |\n");
    let kinds: Vec<PortionKind> = d.portions.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            PortionKind::Paragraph,
            PortionKind::ListItem {
                ordered: false,
                depth: 0
            },
            PortionKind::ListItem {
                ordered: false,
                depth: 1
            },
            PortionKind::ListItem {
                ordered: false,
                depth: 0
            },
            PortionKind::BlockQuote,
            PortionKind::Table,
        ]
    );
    assert_eq!(d.portions[1].text(), "one");
    assert_eq!(d.portions[2].text(), "nested");
    assert_eq!(d.portions[4].text(), "quoted more");
    assert_eq!(
        d.portions[5].cells,
        vec![
            vec!["a".to_string(), "b".into()],
            vec!["c".into(), "d".into()]
        ]
    );
    assert_eq!(
        d.portions[5].mark.as_ref().map(|m| m.text.as_str()),
        Some("(S)")
    );
}

#[test]
fn written_numbers_of_imported_paragraphs() {
    let d = doc("1. (U) one\n\n2. (S) two\n\n17. (U) seventeen\n");
    let n: Vec<(Option<u32>, Option<u32>)> = d
        .portions
        .iter()
        .map(|p| (p.number, p.written_number))
        .collect();
    assert_eq!(
        n,
        vec![(Some(1), Some(1)), (Some(2), Some(2)), (Some(17), Some(17))]
    );
}

#[test]
fn an_ordered_list_of_a_draft_is_sub_paragraphs_not_the_numbering() {
    let numbers =
        |body: &str| -> Vec<Option<u32>> { doc(body).portions.iter().map(|p| p.number).collect() };
    // Among unnumbered paragraphs, however many items it has.
    assert_eq!(
        numbers("(U) Intro.\n\n1. (U) a\n2. (U) b\n3. (U) c\n\n(U) Close.\n"),
        vec![Some(1), None, None, None, Some(2)]
    );
    // A draft that numbers its first paragraph numbers them as written.
    assert_eq!(
        numbers("1. (U) one\n\n(U) continued\n\n2. (U) two\n"),
        vec![Some(1), None, Some(2)]
    );
}

#[test]
fn front_matter_errors_have_locations() {
    let e = parse("t.md", "---\nsubjct: (U) x\n---\n(U) body\n".into()).unwrap_err();
    let SourceError::Parse {
        line,
        column,
        message,
        ..
    } = e;
    assert!(message.contains("did you mean `subject`"), "{message}");
    assert_eq!((line, column), (2, 1));
    let e = parse("t.md", "---\ndtg: [unclosed\n---\n".into()).unwrap_err();
    let SourceError::Parse { message, .. } = e;
    assert!(!message.is_empty());
    assert!(parse("t.md", "---\nsubject: x\n".into()).is_err());
    assert!(parse("t.md", "---\nprofile: nato\n---\n".into()).is_err());
}

#[test]
fn a_single_value_stands_for_a_list() {
    let d = doc("---\nto: AIT TAIPEI PRIORITY 0000\nreference: 12345\n---\n(U) x\n");
    assert_eq!(d.header.to.len(), 1);
    assert_eq!(
        d.header.reference.as_ref().map(|r| r.value.as_str()),
        Some("12345")
    );
}

#[test]
fn html_is_kept_apart() {
    let d = doc("(U) text <!-- (S) hidden --> more\n\n<div>(S) block</div>\n");
    assert_eq!(d.portions[0].text(), "text  more");
    // Inline and block HTML are recorded apart; a block is not a portion.
    assert_eq!(d.html.len(), 2);
    assert_eq!(d.portions.len(), 1);
}

#[test]
fn html_nested_in_a_list_item_or_quote_is_never_text() {
    let d = doc("- (U) item

  <!-- (S//NF) secret words -->

> (U) quote
>
> <div>secret div</div>
");
    for p in &d.portions {
        assert!(!p.text().contains("secret"), "{:?}", p.text());
    }
    assert!(d.html.len() >= 2);
}
