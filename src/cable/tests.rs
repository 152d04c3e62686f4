use super::*;
use crate::markdown::{markdown_text, safe_line_start};

const REFERENCE: &str = include_str!("../../tests/golden/state-061156/reference.original.txt");

#[test]
fn reference_header_is_read() {
    let imported = import(REFERENCE);
    let md = &imported.markdown;
    for expected in [
        "precedence: \"PRIORITY\"",
        "dtg: \"122056Z JUN 09\"",
        "from: \"SECSTATE WASHDC\"",
        "to: [\"AIT TAIPEI PRIORITY 0000\"]",
        "reference: \"STATE 061156\"",
        "order: \"E.O. 12958\"",
        "declassify_on: \"2034-06-12\"",
        "tags: [\"PARM\", \"MTCRE\", \"PREL\", \"TW\", \"IR\", \"TU\"]",
        "subject: \"(S) RESPONDING TO TAIWAN ON QUESTIONS REGARDING TURKISH INTERMEDIARY AK MAKINA\"",
        "classified_by: \"ISN/MTR DIRECTOR PAM DURHAM\"",
        "reasons: [\"b\", \"c\", \"d\"]",
        "signature: \"CLINTON\"",
        "banner: \"SECRET\"",
    ] {
        assert!(md.contains(expected), "missing {expected}\n{md}");
    }
    assert!(
        md.contains("refs: [\"08 STATE 109927\", \"08 AIT TAIPEI 001474\""),
        "{md}"
    );
}

#[test]
fn reference_body_keeps_numbers_marks_and_the_non_paper() {
    let md = import(REFERENCE).markdown;
    assert!(md.contains("\n1. This is an action request."), "{md}");
    assert!(md.contains("\n2. (S) Background:"), "{md}");
    assert!(
        md.contains("## 6. (SECRET REL TAIWAN) Talking points/non-paper {.nonpaper}"),
        "{md}"
    );
    // The talking point broken across a blank line is joined.
    assert!(
        md.contains(
            "- We appreciate our continued cooperation on export control\n  and nonproliferation"
        ),
        "{md}"
    );
    assert!(md.contains("\n17. (U) Washington POC"), "{md}");
    assert!(!md.contains("End Cable Text"));
    assert!(!md.contains("](#)"));
}

#[test]
fn authority_forms() {
    let cases = [
        (
            "ISN/MTR DIRECTOR PAM DURHAM REASONS 1.4 (B), (C) AND (D).",
            "ISN/MTR DIRECTOR PAM DURHAM",
            "bcd",
        ),
        (
            "Chris Stevens, CDA, U.S. Embassy Tripoli, Dept of State; REASON: 1.4(B), (D)",
            "Chris Stevens, CDA, U.S. Embassy Tripoli, Dept of State",
            "bd",
        ),
        (
            "(U)  CLASSIFIED BY EAP DAS DAVID SHEAR, REASON: 1.4 (C).",
            "CLASSIFIED BY EAP DAS DAVID SHEAR",
            "c",
        ),
        (
            "DCM John Smith; reasons 1.4 b and d",
            "DCM John Smith",
            "bd",
        ),
        (
            "Ambassador William J. Burns for Reasons 1.4 (b/d)",
            "Ambassador William J. Burns",
            "bd",
        ),
        ("Ambassador Jones", "Ambassador Jones", ""),
        // No word `Reason`: the reasons start at the 1.4.
        (
            "POLITICAL COUNSELOR JOHN Q. DOE FOR 1.4 (D)",
            "POLITICAL COUNSELOR JOHN Q. DOE",
            "d",
        ),
        ("Amb Jane Doe, 1.4 b and d", "Amb Jane Doe", "bd"),
        ("DCM Jane Doe per 1.5 (b)", "DCM Jane Doe", "b"),
    ];
    for (text, by, reasons) in cases {
        let (b, r) = split_authority(text);
        assert_eq!(b, by, "{text}");
        assert_eq!(r.concat(), reasons, "{text}");
    }
}

#[test]
fn refs_split_on_letters() {
    assert_eq!(
        split_refs("A. STATE 123 B. BERLIN 128"),
        vec!["STATE 123", "BERLIN 128"]
    );
    assert_eq!(
        split_refs("(A) STATE 123 (B) BERLIN 128"),
        vec!["STATE 123", "BERLIN 128"]
    );
    assert_eq!(split_refs("STATE 123"), vec!["STATE 123"]);
    assert_eq!(
        split_refs("A) STATE 123 B) BERLIN 128"),
        vec!["STATE 123", "BERLIN 128"]
    );
    assert_eq!(
        split_refs("(A)STATE 123, (B)BERLIN 128"),
        vec!["STATE 123", "BERLIN 128"]
    );
}

#[test]
fn markdown_specials_are_escaped() {
    let t = markdown_text("a *b* [c] <d> & 5. e", "", 0);
    assert_eq!(t, "a \\*b\\* \\[c\\] \\<d\\> \\& 5. e");
    assert_eq!(safe_line_start("2. text"), "2\\. text");
    assert_eq!(safe_line_start("- text"), "\\- text");
}

#[test]
fn a_noforn_paragraph_opening_talking_points_keeps_its_mark() {
    let cable = "S E C R E T STATE 061156\n\nSUBJECT: (S) TEST\n\n1. (S//REL TO USA, TWN) One.\n\n2. (S//NF) Begin talking points:\n\n(S//REL TO USA, TWN)\n\n-- A point.\n\nEnd talking points.\n\n3. (S) Begin talking points:\n\n(SECRET REL TAIWAN)\n\n-- Another point.\n\nEnd talking points.\n";
    let md = import(cable).markdown;
    // NOFORN beside the line: both kept, so the check makes the author choose.
    assert!(
        md.contains("## 2. (S//NF) (S//REL TO USA, TWN) Talking points"),
        "{md}"
    );
    // `(S)` has no release decision: the line decides, as State writes it.
    assert!(
        md.contains("## 3. (SECRET REL TAIWAN) Talking points"),
        "{md}"
    );
}

#[test]
fn a_mixed_case_last_line_is_not_a_signature() {
    let cable = "S E C R E T STATE 061156\n\nSUBJECT: (S) TEST\n\n1. (S//NF) The source for this report is:\nColonel Hidden Name\n";
    let imported = import(cable);
    assert!(
        !imported.markdown.contains("signature:"),
        "{}",
        imported.markdown
    );
    assert!(imported.markdown.contains("Colonel Hidden Name"));
    let cable = "S E C R E T STATE 061156\n\nSUBJECT: (S) TEST\n\n1. (S//NF) Text.\n\nCLINTON\n";
    assert!(import(cable).markdown.contains("signature: \"CLINTON\""));
}

#[test]
fn talking_points_without_an_end_line_stop_at_the_first_other_text() {
    let cable = "S E C R E T STATE 061156\n\nSUBJECT: (S) TEST\n\n1. (S//REL TO USA, TWN) One.\n\n2. (S) Begin talking points:\n\n(S//REL TO USA, TWN)\n\n-- Point one.\n\nCOMMENT: our internal view.\n\n3. (S//NF) After.\n";
    let md = import(cable).markdown;
    let section = md.split("{.nonpaper").nth(1).unwrap_or("");
    let section = section.split("***").next().unwrap_or("");
    assert!(section.contains("Point one"), "{md}");
    assert!(
        !section.contains("internal view"),
        "the comment inherits the non-paper's release:\n{md}"
    );
}

#[test]
fn a_longer_capital_line_or_one_after_a_colon_is_not_a_signature() {
    for cable in [
        "S E C R E T STATE 1\n\nSUBJECT: (S) T\n\n1. (S//NF) THE SOURCE FOR THIS REPORT IS:\nCOLONEL IVAN HIDDEN\n",
        "S E C R E T STATE 1\n\nSUBJECT: (S) T\n\n1. (S//NF) THE SOURCE IS:\nIVAN HIDDEN\n",
        "S E C R E T STATE 1\n\nSUBJECT: (S) T\n\n1. (S//NF) Source is\n\nHIDDEN SMITH\n",
    ] {
        let md = import(cable).markdown;
        assert!(!md.contains("signature:"), "{md}");
    }
}

#[test]
fn header_fields_and_talking_points_take_no_body_text() {
    let head = "S E C R E T STATE 1\n\nSUBJECT: (S) T\nREF: STATE 123\nTHE SOURCE IS COLONEL IVAN PETROV\n\n";
    let md = import(&format!("{head}1. (S//NF) Text.\n")).markdown;
    assert!(!md.contains("refs: [\"STATE 123 THE SOURCE"), "{md}");
    let cable = "S E C R E T STATE 1\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) One.\n\n2. (S//NF) The source is a colonel.\nIVAN PETROV\n";
    assert!(!import(cable).markdown.contains("signature:"));
    for tail in [
        "-- Point one.\n\nour internal view never for Taiwan.\n\n3. (S//NF) After.\n",
        "-- Point one.\n\nCOMMENT: internal view never for Taiwan.\n\nEnd comment.\n\n3. (S//NF) After.\n",
        "-- Point one.\n\nEnd talking points. Internal view never for Taiwan.\n\n3. (S//NF) After.\n",
    ] {
        let cable = format!("S E C R E T STATE 1\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) One.\n\n2. (S) Begin talking points:\n\n(S//REL TO USA, TWN)\n\n{tail}");
        let md = import(&cable).markdown;
        let section = md.split("{.nonpaper").nth(1).unwrap_or("");
        let head = section.split('\n').next().unwrap_or("");
        let body = section.split("***").next().unwrap_or("");
        assert!(!body.contains("never for Taiwan") && !head.contains("never"), "{md}");
    }
}

#[test]
fn paragraphs_with_no_blank_line_between_them_get_none() {
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) First.\nEnd summary.\n2. (C) Second.\n\n3. (C) Third.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("1. (C) First.\n   End summary.\n2. (C) Second.\n\n3. (C) Third."),
        "{md}"
    );
}

#[test]
fn a_number_glued_to_unmarked_text_is_a_paragraph_of_its_own() {
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n17. (C) The last marked one.\n\n18.This cable was not marked.\n";
    let md = import(cable).markdown;
    // Not indented under paragraph 17 (it would inherit its mark).
    assert!(md.contains("\n\n18.This cable was not marked."), "{md}");
}

#[test]
fn a_talking_points_opening_with_its_own_rel_mark_gets_no_invented_line() {
    let cable = "S E C R E T STATE 000001\n\nSUBJECT: (S) T\n\n1. (S) One.\n\n8. (S//REL TURKEY) Begin talking points:\n\n-- A point.\n\nEnd talking points.\n\n9. (S/Rel China) Begin talking points:\n\n-- Another.\n\nEnd talking points.\n";
    let md = import(cable).markdown;
    for heading in [
        "## 8. (S//REL TURKEY) Talking points {.nonpaper",
        "## 9. (S/Rel China) Talking points {.nonpaper",
    ] {
        assert!(
            md.lines()
                .any(|l| l.starts_with(heading) && l.contains(" line=\"none\"")),
            "{md}"
        );
    }
    // With its releasability line, the line stays a line.
    let cable = "S E C R E T STATE 000001\n\nSUBJECT: (S) T\n\n8. (S) Begin talking points:\n\n(SECRET REL TURKEY)\n\n-- A point.\n\nEnd talking points.\n";
    let md = import(cable).markdown;
    assert!(!md.contains("line=\"none\""), "{md}");
}

#[test]
fn a_long_pass_to_line_before_the_eo_line_is_header() {
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSIPDIS\n\nDEPT PLEASE PASS TO COMMERCE (SMITH), DEPT FOR NEA/XYZ, LONDON AND PARIS FOR WATCHERS, CAIRO FOR ATTACHE\n\nE.O. 12958: DECL: 1/25/2019\nTAGS: PREL\n\nCLASSIFIED BY: Jane Doe, Ambassador. REASON: 1.4 (b), (d)\n\n1. (C) Text.\n";
    let md = import(cable).markdown;
    assert!(md.contains("order: \"E.O. 12958\""), "{md}");
    assert!(
        md.contains("classified_by: \"Jane Doe, Ambassador\""),
        "{md}"
    );
    assert!(md.contains("reasons: [\"b\", \"d\"]"), "{md}");
    // A line in capitals that no E.O./TAGS/SUBJECT line follows stays body.
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) Text.\n\nTHIS LINE IN CAPITALS IS BODY TEXT THAT GOES ON FOR LONGER THAN ANY CAPTION WOULD EVER BE\n";
    let md = import(cable).markdown;
    assert!(!md.contains("captions:"), "{md}");
}

#[test]
fn paragraph_one_run_onto_the_classified_by_line_is_split_off() {
    let cable = "S E C R E T STATE 000001\n\nE.O. 12958: DECL: 02/22/2018\nTAGS: PREL\nSUBJECT: (S) T\n\nClassified By: Director Jane Doe for reasons 1.4 (b) and (d). 1. (U) This is a request for action. See para 2.\n\n2. (S) More.\n";
    let md = import(cable).markdown;
    assert!(md.contains("reasons: [\"b\", \"d\"]"), "{md}");
    assert!(md.contains("body_joined: true"), "{md}");
    assert!(
        md.contains("\n1. (U) This is a request for action."),
        "{md}"
    );
}

#[test]
fn the_authority_block_wrapped_repeated_or_after_a_section_break_is_read() {
    let cable = "C O N F I D E N T I A L SECTION 01 OF 02 ATLANTIS 000001\n\nE.O. 12958: DECL: 1/25/2019\nTAGS: PREL\nSUBJECT: (C) T\n\nATLANTIS 00000001  001.2 OF 002\n\nCLASSIFIED BY: Jane Doe, Pol Chief, United\nStates Embassy, DOS.\nREASON: 1.4 (b), (d)\n\nCLASSIFIED BY: Jane Doe, Pol Chief, United\nStates Embassy, DOS.\nREASON: 1.4 (b), (d)\n\n1. (C) Text.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("classified_by: \"Jane Doe, Pol Chief, United States Embassy, DOS\""),
        "{md}"
    );
    assert!(md.contains("reasons: [\"b\", \"d\"]"), "{md}");
    let body = md.rsplit("---\n").next().unwrap_or("");
    assert!(!body.contains("CLASSIFIED BY"), "{md}");
    // A body line under Classified By that names no reason is not taken.
    let cable = "S E C R E T STATE 1\n\nSUBJECT: (S) T\nClassified By: Jane Doe\nTHE SOURCE IS COLONEL IVAN PETROV\n\n1. (S//NF) Text.\n";
    let md = import(cable).markdown;
    assert!(!md.contains("classified_by: \"Jane Doe THE SOURCE"), "{md}");
}

#[test]
fn a_secret_noforn_caption_puts_noforn_in_the_declared_banner() {
    let cable = "S E C R E T ATLANTIS 000001\n\nSIPDIS\nSECRET NOFORN\n\nSUBJECT: (S) T\n\n1. (S//NF) Text.\n";
    assert!(import(cable)
        .markdown
        .contains("banner: \"SECRET//NOFORN\""));
}

#[test]
fn numbered_sub_items_are_not_paragraph_numbers() {
    let cable = "UNCLAS STATE 000001\n\nSUBJECT: T\n\n1. (U) Candidates:\n1) Jane Doe.\n2) John Doe.\n3) Joe Doe.\n\n2. (U) Thanks.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("1. (U) Candidates:\n   1\\) Jane Doe.\n   2\\) John Doe.\n   3\\) Joe Doe.\n\n2. (U) Thanks."),
        "{md}"
    );
}

#[test]
fn tags_mixing_spaces_and_commas_or_wrapped() {
    let cable = "C O N F I D E N T I A L STATE 000001\n\nE.O. 12958: DECL: 1/25/2019\nTAGS: PREL PGOV, ECON,\nETRD, XX\nSUBJECT: (C) T\n\n1. (C) Text.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("tags: [\"PREL\", \"PGOV\", \"ECON\", \"ETRD\", \"XX\"]"),
        "{md}"
    );
    assert_eq!(
        split_tags("OVIP (RICE, CONDOLEEZZA), PREL"),
        vec!["OVIP (RICE, CONDOLEEZZA)", "PREL"]
    );
}

#[test]
fn a_bracketed_acronym_starting_a_wrapped_line_is_not_a_mark() {
    let head = "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n";
    let cable = format!("{head}1. (C) The head of the Defense Intelligence Organization\n\nATLANTIS 00000001  002 OF 002\n\n(DIO). He said the plan would go ahead.\n\n2. (C) More.\n");
    let imported = import(&cable);
    assert!(
        imported.markdown.contains("\n   (DIO). He said"),
        "{}",
        imported.markdown
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    // After a finished sentence, a group that may be a mark is not taken
    // into the paragraph above (it would inherit its release).
    let cable =
        format!("{head}1. (C//REL TO USA, GBR) A finished sentence.\n\n(X) Something else.\n");
    let md = import(&cable).markdown;
    assert!(md.contains("\n\n(X) Something else."), "{md}");
}

#[test]
fn a_lowercased_web_copy_has_its_header_and_classification_read() {
    let cable = "p 101200z mar 09\nfm amembassy atlantis\nto secstate washdc priority 0001\n\nc o n f i d e n t i a l atlantis 000126\n\nsipdis\n\ne.o. 12958: decl: 03/10/2019\ntags: prel, pgov, xx\nsubject: (c) harbor plan\n\nclassified by: ambassador jane doe, reasons 1.4 (b) and (d)\n\n1. (c) text.\n\n2. unmarked text.\n\ndoe\n";
    let md = import(cable).markdown;
    for expected in [
        "dtg: \"101200Z MAR 09\"",
        "banner: \"CONFIDENTIAL\"",
        "captions: [\"sipdis\"]",
        "tags: [\"PREL\", \"PGOV\", \"XX\"]",
        "reasons: [\"b\", \"d\"]",
        "signature: \"doe\"",
    ] {
        assert!(md.contains(expected), "missing {expected}\n{md}");
    }
    // A lowercase line after a capital classification line is body text,
    // never a caption (captions are printed in every release).
    let cable = "C O N F I D E N T I A L ATLANTIS 000126\n\nthe source said so\n\n1. (C) Text.\n";
    assert!(!import(cable).markdown.contains("captions:"));
}

#[test]
fn a_preamble_is_said_and_its_classification_kept() {
    let cable = "From: Someone\nSent: Monday\nCONFIDENTIAL\n\nVZCZCXRO1234\nPP RUEHDE\nP 101200Z MAR 09\nFM AMEMBASSY ATLANTIS\nTO SECSTATE WASHDC PRIORITY 0002\n\nSUBJECT: T\n\n1. Unmarked text.\n";
    let imported = import(cable);
    assert!(
        imported.markdown.contains("banner: \"CONFIDENTIAL\""),
        "{}",
        imported.markdown
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|(_, w)| w.contains("before the routing header")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn a_collapsed_classification_line_has_its_header_fields_read() {
    let cable = "C O N F I D E N T I A L SECTION 01 OF 02 STATE 000001 SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS PGOV\n\n1.(U) This.\n";
    let md = import(cable).markdown;
    for expected in [
        "reference: \"SECTION 01 OF 02 STATE 000001\"",
        "captions: [\"SIPDIS\"]",
        "order: \"E.O. 12958\"",
        "declassify_on: \"2020-01-04\"",
        "tags: [\"MASS\", \"PGOV\"]",
    ] {
        assert!(md.contains(expected), "missing {expected}\n{md}");
    }
    // A piece that reads as no field: nothing is taken, the line stays whole.
    let cable = "C O N F I D E N T I A L STATE 000001 SIPDIS the source said\n\n1.(C) This.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("reference: \"STATE 000001 SIPDIS the source said\""),
        "{md}"
    );
}

#[test]
fn a_signature_after_an_asterisk_rule_is_a_signature() {
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) Text\n\n*****\n\nDOE\n";
    let md = import(cable).markdown;
    assert!(md.contains("signature: \"DOE\""), "{md}");
}

#[test]
fn a_mixed_case_pass_to_line_before_the_eo_line_is_header() {
    let cable = "C O N F I D E N T I A L ATLANTIS 000001\n\nSIPDIS\n\nDept for NEA/MAG; London for Watchers\n\nE.O. 12958: DECL: 1/25/2019\nTAGS: PREL\nSUBJECT: (C) T\n\n1. (C) Text.\n";
    let md = import(cable).markdown;
    assert!(md.contains("order: \"E.O. 12958\""), "{md}");
    assert!(
        md.contains("\"Dept for NEA/MAG; London for Watchers\""),
        "{md}"
    );
    // A sentence there, or mixed-case text that names no routing, is not
    // taken (captions are printed in every release).
    for line in [
        "The minister said the plan is secret.",
        "The minister said the plan is secret",
    ] {
        let cable = format!("C O N F I D E N T I A L ATLANTIS 000001\n\n{line}\n\nE.O. 12958: DECL: 1/25/2019\nSUBJECT: (C) T\n\n1. (C) Text.\n");
        let md = import(&cable).markdown;
        assert!(!md.contains("captions: [\"The minister"), "{md}");
    }
}

#[test]
fn a_section_break_line_inside_a_paragraph_is_left_out() {
    let cable = "C O N F I D E N T I A L SECTION 01 OF 02 ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) The minister said the plan\nATLANTIS 00000001  002 OF 002\nwould go ahead.\n\nATLANTIS 00000001  002 OF 002\n\n2. (C) More.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("1. (C) The minister said the plan\n   would go ahead."),
        "{md}"
    );
    // Standing alone, it stays.
    assert!(md.contains("\n   ATLANTIS 00000001  002 OF 002\n"), "{md}");
}

#[test]
fn a_surname_in_mixed_case_standing_apart_is_a_signature() {
    let cable =
        "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) Text.\n\nDuddy\n";
    assert!(import(cable).markdown.contains("signature: \"Duddy\""));
    // Right under the paragraph, or after a colon, it is text.
    for cable in [
        "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) Text.\nDuddy\n",
        "C O N F I D E N T I A L ATLANTIS 000001\n\nSUBJECT: (C) T\n\n1. (C) The source is:\n\nPetrov\n",
    ] {
        assert!(!import(cable).markdown.contains("signature:"), "{cable}");
    }
}

/// What an attacker's pass made of the leniencies: each shape once, and
/// what must hold (nothing unmarked becomes header data, nothing lowers
/// the classification line).
#[test]
fn header_fields_never_swallow_marked_or_body_text() {
    let head = "S E C R E T STATE 001400\nSIPDIS\nE.O. 12958: DECL: 01/07/2018\nTAGS: PREL TW\n";
    // A marked line right under REF, SUBJECT or Classified By.
    for (field, line) in [
        ("REF: STATE 123456", "(S) Summary: NFWORD told us."),
        ("SUBJECT: (S//REL TO USA, TWN) TEST", "(S) NFWORD told us."),
        (
            "Classified By: EAP DAS JANE DOE",
            "(S) NFWORD told us, for reasons 1.4 (b) and (d).",
        ),
    ] {
        let cable = format!("{head}{field}\n{line}\n1. (S//REL TO USA, TWN) Shareable.\n");
        let md = import(&cable).markdown;
        let front = md.split("\n---\n").next().unwrap_or("");
        assert!(!front.contains("NFWORD"), "{field}: {md}");
    }
    // Short capital words after TAGS are not tags; a sentence after REF of
    // an SBU cable is not a reference.
    let md = import(&format!(
        "{head}KHALID IS OUR MOLE\nSUBJECT: (S) T\n\n1. (S) x.\n"
    ))
    .markdown;
    assert!(!md.contains("\"KHALID\""), "{md}");
    let sbu = "UNCLAS STATE 001400\nSENSITIVE\nSIPDIS\nE.O. 12958: N/A\nTAGS: PREL TW\nSUBJECT: T\nREF: STATE 123456\nSUMMARY: The official NFWORD told us that the\nlist is attached.\n1. (U) Plain.\n";
    let md = import(sbu).markdown;
    assert!(
        !md.split("\n---\n").next().unwrap_or("").contains("NFWORD"),
        "{md}"
    );
    // A caption prefix does not carry text with it.
    let md = import(&format!(
        "{head}SUBJECT: (S) T\n\nCORRECTED COPY THE SOURCE NFWORD TOLD US\n\n1. (S) x.\n"
    ))
    .markdown;
    assert!(
        !md.split("\n---\n").next().unwrap_or("").contains("NFWORD"),
        "{md}"
    );
    // After the fields, a line of capitals is body text, not a caption.
    let md = import(&format!("{head}\nTHE SOURCE NFWORD REPORTED THE PLAN\nWILL GO AHEAD ON MONDAY NOW\n\n1. (S//REL TO USA, TWN) x.\n")).markdown;
    assert!(
        !md.split("\n---\n").next().unwrap_or("").contains("NFWORD"),
        "{md}"
    );
}

#[test]
fn the_classification_line_is_never_lowered() {
    // Controls on the line itself.
    for line in [
        "SECRET//NOFORN STATE 010900",
        "S E C R E T NODIS STATE 010900",
        "SECRET//REL TO USA, GBR STATE 010900",
    ] {
        let md = import(&format!(
            "{line}\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) x.\n"
        ))
        .markdown;
        assert!(md.contains("banner: \"SECRET//NOFORN\""), "{line}: {md}");
    }
    // A stray UNCLAS line above the real one.
    let md = import("UNCLAS\nS E C R E T STATE 001400\n\nSUBJECT: (S) T\n\n1. (S) x.\n").markdown;
    assert!(md.contains("banner: \"SECRET\""), "{md}");
    // A preamble saying UNCLASSIFIED declares nothing.
    let md = import("Classification: UNCLASSIFIED\n\nSUBJECT: T\n\n1. Text.\n").markdown;
    assert!(!md.contains("banner: \"UNCLASSIFIED\""), "{md}");
}

#[test]
fn what_starts_like_another_paragraph_is_not_a_continuation() {
    let head = "S E C R E T STATE 001400\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) Shareable paragraph.\n\n";
    for line in [
        "2 The source NFWORD met the minister.",
        "(2)The source NFWORD met the minister.",
        "II. The source NFWORD met the minister.",
        "------- NFWORD Defector Debrief -------",
        "S//NF NFWORD met the minister.",
        "NOFORN NFWORD met the minister.",
    ] {
        let md = import(&format!("{head}{line}\n\n3. (U) Three.\n")).markdown;
        let indented = md
            .lines()
            .any(|l| l.starts_with("   ") && l.contains("NFWORD"));
        assert!(!indented, "{line}: {md}");
    }
}

#[test]
fn a_classification_line_below_a_web_copys_metadata_is_the_cables() {
    // A metadata block and a repeated header between the routing lines and
    // the classification line, written in mixed case: the cable is SECRET
    // and NOFORN (it rendered UNCLAS), every line of it kept.
    let cable = "O R 161415Z DEC 09\nFM AMEMBASSY ATLANTIS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 0140\n\n>\n12/16/2009 14:15\n09ATLANTIS1\nEmbassy Atlantis\nTAGS: PREL\nSUBJECT: Nothing\n\n\nS e c r e t section 01 of 02 atlantis 000001\n\nNoforn\nsipdis\n\n1. The minister said.\n";
    let md = import(cable).markdown;
    assert!(md.contains("banner: \"SECRET//NOFORN\""), "{md}");
    assert!(md.contains("Embassy Atlantis"), "{md}");
    // A metadata banner raises; a bare UNCLASSIFIED declares nothing.
    let md = import("O R 161415Z DEC 09\nFM AMEMBASSY ATLANTIS\n\n>\nCONFIDENTIAL\n\n1. Text.\n")
        .markdown;
    assert!(md.contains("banner: \"CONFIDENTIAL\""), "{md}");
    let md = import("O R 161415Z DEC 09\nFM AMEMBASSY ATLANTIS\n\n>\nUNCLASSIFIED\n\n1. Text.\n")
        .markdown;
    assert!(!md.contains("banner:"), "{md}");
}

#[test]
fn a_scrapers_line_above_the_classification_line_is_kept_and_the_header_read() {
    let cable = "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\nC O N F I D E N T I A L ATLANTIS 000641 \n \nSIPDIS \n \nE.O. 12958: DECL: 07/30/2014 \nTAGS: PREL NZ\nSUBJECT: A TITLE\n\nClassified By: Pol/Econ Counselor, Jane Doe, for reasons 1.\n5 (B/D)\n\n1. (C) Text.\n";
    let imported = import(cable);
    let md = &imported.markdown;
    assert!(
        md.contains("transmission: \"This record is a partial extract"),
        "{md}"
    );
    assert!(md.contains("subject: \"A TITLE\""), "{md}");
    assert!(md.contains("tags: [\"PREL\", \"NZ\"]"), "{md}");
    assert!(md.contains("reasons: [\"b\", \"d\"]"), "{md}");
    assert!(!md.contains("\n5 (B/D)"), "{md}");
    assert!(imported
        .warnings
        .iter()
        .any(|(line, w)| *line == 1 && w.contains("kept as written")));
    // A marked line there is never read as the reasons.
    let cable = "C O N F I D E N T I A L ATLANTIS 000641\n\nSUBJECT: (C) T\n\nClassified By: Jane Doe, for reasons 1.\n(C) The minister said.\n";
    let md = import(cable).markdown;
    assert!(md.contains("\n(C) The minister said."), "{md}");
}

#[test]
fn talking_points_under_the_paragraphs_own_mark_run_to_the_next_number() {
    // No closing line, no releasability line: the points, a heading and
    // text among them are paragraph 11's, to paragraph 12 (5 FAH-1
    // H-246.2c); they keep their bullets and spacing as written.
    let cable = "C O N F I D E N T I A L STATE 000001\n\nSUBJECT: (U) T\n\n11.  (U)  Begin talking points:\n\nOverview: Where We Are\n----------------------\n\n-- One point.\n\n--  Two spaces.\n\nText among the points.\n\n12. (C) After.\n";
    let md = import(cable).markdown;
    let heading = md.lines().find(|l| l.contains(".nonpaper")).unwrap_or("");
    assert!(heading.starts_with("## 11.  (U)  Talking points"), "{md}");
    assert!(heading.contains("bullets=\"-- |--  \""), "{md}");
    let section = md.split(".nonpaper").nth(1).unwrap_or("");
    let section = section.split("***").next().unwrap_or("");
    for text in ["Overview", "One point", "Two spaces", "Text among"] {
        assert!(section.contains(text), "{text}: {md}");
    }
    assert!(!section.contains("After"), "{md}");
    // What starts like a paragraph or holds a mark or a control word
    // closes them (fail closed: it does not take the paragraph's mark).
    for line in [
        "2 The source NFWORD met.",
        "S//NF NFWORD met.",
        "NOFORN NFWORD met.",
        "The source (S//NF) NFWORD met.",
        "(S//NF) NFWORD met.",
    ] {
        let cable = format!("S E C R E T STATE 000001\n\nSUBJECT: (U) T\n\n1.  (S//REL TO USA, TWN)  Begin talking points:\n\n-- One point.\n\n{line}\n\n-- Another point.\n");
        let md = import(&cable).markdown;
        let section = md.split(".nonpaper").nth(1).unwrap_or("");
        let section = section.split("***").next().unwrap_or("");
        assert!(section.contains("One point"), "{line}: {md}");
        assert!(!section.contains("NFWORD"), "{line}: {md}");
    }
    // With a releasability line of their own, text that is not a point
    // still closes them.
    let cable = "S E C R E T STATE 000001\n\nSUBJECT: (U) T\n\n1. (S) Begin talking points:\n\n(S//REL TO USA, TWN)\n\n-- One point.\n\nOur own view NFWORD.\n";
    let md = import(cable).markdown;
    let section = md.split(".nonpaper").nth(1).unwrap_or("");
    let section = section.split("***").next().unwrap_or("");
    assert!(!section.contains("NFWORD"), "{md}");
}

#[test]
fn a_non_paper_opened_without_a_colon_is_one() {
    let cable = "S E C R E T STATE 000001\n\nSUBJECT: (U) T\n\n5.  (S//REL SAU)  BEGIN NON-PAPER FOR SAUDI ARABIA\n\nDuring the visit she raised it.\n\n-- National Financial Measures\n\nEND NONPAPER FOR SAUDI ARABIA\n\n6. (U) After.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("## 5.  (S//REL SAU)  NON-PAPER FOR SAUDI ARABIA {.nonpaper"),
        "{md}"
    );
    let section = md.split(".nonpaper").nth(1).unwrap_or("");
    let section = section.split("***").next().unwrap_or("");
    assert!(
        section.contains("During the visit") && section.contains("National Financial"),
        "{md}"
    );
    // A sentence starting with `Begin` is no opening.
    let cable = "S E C R E T STATE 000001\n\nSUBJECT: (U) T\n\n5. (S) Begin the talking points when the minister arrives, not before.\n";
    assert!(!import(cable).markdown.contains(".nonpaper"));
}

#[test]
fn lines_above_the_classification_line_references_and_reasons_wrapped() {
    // An editor's note and a date line between the routing and the
    // classification line: kept with the line, the header under it read.
    let cable = "O 022330Z SEP 08\nFM SECSTATE WASHDC\nTO AMEMBASSY ATLANTIS IMMEDIATE 0000\n\nNOTE - DO NOT PUBLISH\n\nTuesday, 02 September 2008, 23:30\nC O N F I D E N T I A L STATE 093970\n\nEO 12958 DECL: 09/02/2018\n\nTAGS SENV, PREL\nSUBJECT: (C) Lifelines for a working group\nelection\n\nREF: (A)STATE 071143, (B)STATE 073601, (D)BEIJING\n5361, (E) STATE 148514\n\nClassified By: Charge Jane Doe. Reasons: 1.4 (b) an\nd (d).\n\n1. (C) Text.\n";
    let md = import(cable).markdown;
    assert!(
        md.contains("classification: \"NOTE - DO NOT PUBLISH\\n\\nTuesday, 02 September 2008, 23:30\\nC O N F I D E N T I A L STATE 093970\""),
        "{md}"
    );
    assert!(md.contains("tags: [\"SENV\", \"PREL\"]"), "{md}");
    assert!(
        md.contains("subject: \"(C) Lifelines for a working group election\""),
        "{md}"
    );
    assert!(md.contains("\"BEIJING 5361\", \"STATE 148514\"]"), "{md}");
    assert!(md.contains("reasons: [\"b\", \"d\"]"), "{md}");
    // Never a paragraph, a mark or a sentence: a marked line above the
    // classification line stays where it is, a REF line with words or a
    // subject's sentence is the body's.
    let cable = "O 022330Z SEP 08\nFM SECSTATE WASHDC\n\n(S//NF) NFWORD.\n\nC O N F I D E N T I A L STATE 093970\n\nSUBJECT: (C) A title\nThe minister NFWORD said.\n\nREF: (A)STATE 071143\n(S) NFWORD met\n";
    let md = import(cable).markdown;
    let front = md.split("\n---\n").next().unwrap_or("");
    assert!(!front.contains("NFWORD"), "{md}");
}
