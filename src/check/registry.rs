//! The one table that assigns check codes (ruff's `codes.rs`). Each row
//! makes a variant of [`Rule`]: its stable code, name, default severity,
//! whether it blocks a render or a release ([`Gate`]), the applicability of
//! the fix it may carry, its citation and its documentation. A diagnostic
//! is made from a variant, so a mistyped code does not compile. Codes are
//! never reused; a retired rule stays here, its row marked `#[removed]`.

use super::fix::Applicability;
use super::Severity;

/// What an error of a rule does to a release (`check --release-to`,
/// `release`, `render --release-to`). A render of the whole document
/// refuses on any error unless `--force`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    /// A warning or a note: never blocks.
    None,
    /// An error that cannot widen a release (the authority block, the cable
    /// format): it refuses a release, and `--force` may override it.
    Forceable,
    /// An error about marks, portions, the banner or the release itself:
    /// it refuses a release, and `--force` never overrides it.
    Always,
}

/// What the registry says about one rule (a row of the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub rule: Rule,
    pub code: &'static str,
    /// Names the problem, never the fix.
    pub name: &'static str,
    pub severity: Severity,
    pub gate: Gate,
    /// The applicability of the fix its diagnostics may carry; `None`: no fix.
    pub fix: Option<Applicability>,
    /// The rule it enforces, as cited in every diagnostic.
    pub citation: &'static str,
    /// What it finds, why it matters, an example and the fix.
    pub doc: &'static str,
    pub removed: bool,
}

macro_rules! removed {
    () => {
        false
    };
    (removed) => {
        true
    };
}

macro_rules! applicability {
    (None) => {
        None
    };
    ($a:ident) => {
        Some(Applicability::$a)
    };
}

/// The table: `Variant(code, name, severity, gate, fix, citation, doc)`.
macro_rules! rules {
    ($( $(#[$removed:ident])? $variant:ident(
        $code:literal, $name:literal, $severity:ident, $gate:ident, $fix:ident,
        $citation:literal, $doc:literal $(,)?
    ), )*) => {
        /// A check rule. Its variants are the rows of the registry table, in
        /// code order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $( $variant, )*
        }

        /// The registry, one row per [`Rule`], in the order of the variants.
        static TABLE: [RuleInfo; [$( Rule::$variant ),*].len()] = [$(
            RuleInfo {
                rule: Rule::$variant,
                code: $code,
                name: $name,
                severity: Severity::$severity,
                gate: Gate::$gate,
                fix: applicability!($fix),
                citation: $citation,
                doc: $doc,
                removed: removed!($($removed)?),
            },
        )*];

        impl Rule {
            /// Every rule, removed ones included, in code order.
            pub const ALL: &'static [Rule] = &[$( Rule::$variant ),*];
        }
    };
}

rules! {
    // M: marking syntax
    MalformedMark("M001", "malformed-mark", Error, Always, None, "CAPCO Register §D.1; 32 CFR 2001.21(c)",
        "A mark-like group cannot be read: an unknown level (`(X)`, `(SECERT)`), an unknown or unsupported control (`(S//BOGUS)`, `(S//NF.)`, `(S//ORCON)`), a country that is not a whole name (`REL TO USA, REPUBLIC`), an empty `REL TO`, or a mark not written as one: square brackets, fullwidth or look-alike (Cyrillic, Greek) letters, an invisible character inside, a parenthesis inside, no closing parenthesis.\n\nFail closed: the portion is released to no one, and it counts in the roll-up as NOFORN at the highest level its text names (TOP SECRET when it names none).\n\nExample: `(SECERT) The minister said …`\n\nFix: write a Register mark: a level `U`, `C`, `S` or `TS`, then `//` and the controls, e.g. `(S//NF)` or `(S//REL TO USA, TWN)`."),
    LegacyMarkForm("M002", "legacy-mark-form", Warning, None, Safe, "CAPCO Register §D.1 (portion and banner syntax)",
        "The mark is readable but written in a legacy cable form, such as `(S/NF)`, `(SBU)`, `(SECRET REL TAIWAN)` or `(S/Rel China)`. The tool reads it, and the renderers print the Register form where the style asks for it.\n\nExample: `(S/NF) The demarche …`\n\nFix: write the normalised form the help gives, e.g. `(S//NF)`."),
    UnknownCountryCode("M003", "unknown-country-code", Error, Always, None, "CAPCO Register Annex A and B; ISM-ID-00293",
        "A `REL TO` list names a code that is neither an ISO 3166-1 alpha-3 trigraph nor a tetragraph of the Register (FVEY, NATO, …). A release list that names no real country cannot be honoured.\n\nExample: `(S//REL TO USA, TWM)`\n\nFix: use the trigraph (`TWN` for Taiwan)."),
    RelToOutOfOrder("M004", "rel-to-out-of-order", Error, Always, Safe, "CAPCO Register p.150 (REL TO); ISM-ID-00041",
        "A `REL TO` list is not in Register order: `USA` first, then trigraphs alphabetically, then tetragraphs alphabetically, separated by `, `.\n\nExample: `(S//REL TO USA, TWN, GBR)`\n\nFix: `(S//REL TO USA, GBR, TWN)`."),
    DuplicateRelToCode("M005", "duplicate-rel-to-code", Error, Always, Safe, "ISM-ID-00236",
        "A code appears twice in a `REL TO` list. (A mark that carries two `REL TO` lists, or a list and the short form, cannot be read with certainty and is M001: their union would widen a release.)\n\nExample: `(S//REL TO USA, TWN, TWN)`\n\nFix: list each code once."),
    RelToUsaAlone("M006", "rel-to-usa-alone", Error, Always, None, "CAPCO Register p.150 (REL TO template)",
        "`REL TO USA` with no other country releases to no one and is not an authorised marking.\n\nExample: `(S//REL TO USA)`\n\nFix: name the countries, or mark the portion `NOFORN` (`(S//NF)`)."),
    NofornWithRelTo("M007", "noforn-with-rel-to", Error, Always, None, "CAPCO Register p.145 (NOFORN) and p.151 (REL TO)",
        "`NOFORN` and `REL TO` contradict each other and may never stand in one marking.\n\nExample: `(S//NF/REL TO USA, TWN)`\n\nFix: keep the one that is true: `(S//NF)` or `(S//REL TO USA, TWN)`."),
    RelShortFormWithoutBannerList("M008", "rel-short-form-without-banner-list", Error, Always, None, "CAPCO Register p.150 (portion mark REL)",
        "The portion short form `(S//REL)` stands for the banner's `REL TO` list and is valid only when the banner carries one.\n\nExample: `(S//REL)` in a document whose banner is `SECRET//NOFORN`.\n\nFix: write the portion's full list, `(S//REL TO USA, …)`."),
    RelToWithoutUsaFirst("M009", "rel-to-without-usa-first", Error, Always, Safe, "ISM-ID-00214",
        "A `REL TO` list must start with `USA`.\n\nExample: `(S//REL TO TWN)`\n\nFix: `(S//REL TO USA, TWN)`."),
    UnclassifiedControlOnClassifiedPortion("M010", "unclassified-control-on-classified-portion", Error, Always, None, "ISM-ID-00030 (FOUO); 12 FAM 541 (SBU)",
        "`FOUO`, `SBU` and `SBU-NF` apply to unclassified information only; on a classified portion they mean the level or the control is wrong.\n\nExample: `(S//SBU)`\n\nFix: `(U//SBU)` if the text is unclassified, else `(S)` (with `//NF` if SBU-NF was meant)."),
    NofornWithRelido("M011", "noforn-with-relido", Error, Always, None, "CAPCO Register p.145 (NOFORN) and p.154 (RELIDO)",
        "`NOFORN` and `RELIDO` may not stand in one marking: one forbids release, the other leaves it to the disclosure official.\n\nExample: `(S//NF/RELIDO)`\n\nFix: keep one of them."),
    // P: portions
    MissingPortionMark("P001", "missing-portion-mark", Error, Always, None, "32 CFR 2001.21(c); CAPCO Register §D.1",
        "A portion (paragraph, list item, heading, block quote or table) has no portion mark, and no section heading above it gives one to inherit. An unmarked portion cannot be rolled up or released.\n\nExample: `This is an action request.`\n\nFix: put the mark first: `(U) This is an action request.`"),
    PortionExceedsSectionMark("P002", "portion-exceeds-section-mark", Error, Always, None, "design §2.2 (section ceiling); CAPCO Register p.151 (commingling)",
        "A section heading's mark is the ceiling of its section. A portion inside is more restrictive than the heading: a higher level, NOFORN under a heading without it, or releasable to fewer countries. In a non-paper this is the paragraph that would reach a government that may not see it.\n\nExample: `(S)` under `## (S//REL TO USA, TWN) Talking points`.\n\nFix: mark the portion within the heading's mark (`(S//REL TO USA, TWN)`), or move it out of the section."),
    MultiplePortionMarks("P003", "multiple-portion-marks", Error, Always, None, "32 CFR 2001.21(c)",
        "A portion starts with two marks; only one can apply. Until it is fixed the portion counts as the most restrictive of them (never the first one alone).\n\nExample: `(U) (S//NF) The minister …`\n\nFix: keep the one mark that covers the whole portion."),
    NonpaperNotReleasable("P004", "nonpaper-not-releasable", Error, Always, None, "CAPCO Register §D.2 Table 3 rules 16 and 21; ISM-ID-00088",
        "The non-paper section (the heading with `{.nonpaper}`) rolls up to a marking no foreign government may receive: classified without `REL TO`, NOFORN, or a `REL TO` list with only USA. A non-paper exists to be handed over.\n\nExample: `## (S) Talking points {.nonpaper}`\n\nFix: mark the section and its talking points `REL TO USA, <country>`."),
    InheritedPortionMark("P005", "inherited-portion-mark", Error, Always, None, "32 CFR 2001.21(c) (with --strict)",
        "With `--strict`, every portion must carry its own mark; inheriting the section heading's mark is not allowed.\n\nExample: a talking point `- We appreciate …` under a marked heading.\n\nFix: write the mark on the portion: `- (S//REL TO USA, TWN) We appreciate …`."),
    MarkInRawHtml("P006", "mark-in-raw-html", Error, Always, None, "32 CFR 2001.21(c)",
        "Raw HTML (a comment or a tag) holds what looks like a portion mark. Raw HTML is never rendered, so marked text hidden in it is neither checked nor printed, and a reviewer cannot see it.\n\nExample: `<!-- (S) draft language -->`\n\nFix: make it an ordinary marked portion, or delete it."),
    RawHtml("P007", "raw-html", Warning, None, None, "design §2.2 (portions)",
        "Raw HTML is not a portion: no renderer prints it.\n\nExample: `<div>text</div>`\n\nFix: write the text as Markdown with a portion mark, or delete it."),
    HiddenControlCharacter("P008", "hidden-control-character", Error, Always, None, "32 CFR 2001.21(c) (marks must be what they appear to be)",
        "The source holds a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) or a control character (NUL, escape, …). Bidirectional controls make text display in another order than it reads, so a reviewer can see a mark that is not there (`(S)` shown for `)S(`); control characters have no place in a cable and can drive a terminal.\n\nExample: `(U) text \u{202E})S(`\n\nFix: delete the character; retype the text around it."),
    MarkInsidePortion("P009", "mark-inside-portion", Error, Always, Unsafe, "32 CFR 2001.21(c); CAPCO Register p.151 (commingling within a portion)",
        "A block holds a mark-like group besides its own leading mark: on a second line (portions written one per line with no blank line between them, a line after a line break, a lazy continuation line), in a block quote's or list item's second paragraph, in a table row, in a code block, after a label the reader does not know (`Note:`, `(ii)`, `1.1`, `•`), or in the middle of a sentence (`(S//NF)`, `(NOFORN annex)`). Markdown makes one block of it, so one portion: the tool cannot tell where one portion ends and the next begins, and counts the whole block, in the roll-up and in every release, as the most restrictive of its marks.\n\nWhat counts as a mark: at the start of any line (after invisible characters and up to three label tokens), a parenthesised or bracketed group whose first word is a classification word (U, C, S, TS, SECRET, NOFORN, REL, SBU, …) or a misspelling of one; anywhere, a group with `//` or a control word (NF, NOFORN, REL, RELIDO, ORCON, FOUO, SBU, EYES ONLY). Fullwidth forms and Latin look-alikes are folded first. `reasons 1.4 (b)`, `Article 5(c)`, `company(s)` and `(U.S. view)` stay text.\n\nExample: `(S//REL TO USA, TWN) We appreciate …` and, on the next line, `(S//NF) The source …`\n\nFix: start a new paragraph at the second mark (a blank line before it), or give the block the one mark that covers it first."),
    MarkInHeaderData("P010", "mark-in-header-data", Error, Always, None, "32 CFR 2001.21(c); design §3.3 (header data is unclassified)",
        "A front-matter field other than `subject` (refs, to, info, classified_by, tags, captions, signature, …) or a heading attribute (`begin=`, `end=`) holds a mark-like group. These are unclassified header data: they are printed in every output, including a release, and no mark governs them.\n\nExample: `refs: [\"(S//NF) 09 STATE 1234\"]`\n\nFix: take the mark and the classified text out of the header; put it in a marked portion of the body."),
    SetextHeading("P011", "setext-heading", Error, Always, None, "design §2.2 (sections and inheritance)",
        "A line followed by `---` or `===` is a setext heading in Markdown: it opens a section of its own, ends the section it stood in, and changes what the portions after it inherit. A rule or an underline was probably meant. A setext heading never inherits a mark.\n\nExample: `Background` on one line and `---` on the next.\n\nFix: write `## (S) Background` for a heading, or put a blank line before `---` for a thematic break."),
    LinkDefinedElsewhere("P014", "link-defined-elsewhere", Error, Always, None, "32 CFR 2001.21(c) (each portion marked for what it holds)",
        "A reference-style link (`[text][id]`, `[id]`) takes its address from a definition (`[id]: <address>`) written outside the link's own block: in another portion (a dropped NOFORN quote, a section), or at the end of the document under no mark. Every output prints the address with the link, so the address would reach wherever the link's portion goes, under that portion's mark, whatever the block it was written in may say.\n\nExample: `(U) See [the brief][b].` and, in a `(S//NF)` block, `[b]: https://…`\n\nFix: write the address in the link, `[the brief](<https://…>)`."),
    UndrawableCharacter("P012", "undrawable-character", Warning, None, None, "design §5.2 (PDF output: real, extractable text)",
        "The text holds a character that no font of the PDF can draw (its fonts cover Latin with Latin Extended and Vietnamese, Greek and Cyrillic): a Chinese, Japanese, Korean, Arabic or Hebrew name, an emoji, a symbol. `render --format pdf` refuses such a document rather than print a box or a question mark in its place; the cable text and the DOCX keep the character.\n\nEvery such character is reported, with its line, in one pass.\n\nExample: `(U) The minister met 王毅.`\n\nFix: transliterate the name (`Wang Yi`), or render the document as cable text or DOCX."),
    UnmarkedCableHeading("P013", "unmarked-cable-heading", Warning, None, None, "5 FAH-1 H-246 (telegram paragraphs); 32 CFR 2001.21(c)",
        "An imported cable whose classification is declared (its classification line, or `banner:`) holds an unmarked line that only lays the text out: a heading ruled with dashes (`-------` / `Summary` / `-------`), a heading of a few words in capitals (`FAMILY VISITS`) or in title case right above a numbered paragraph (`Working the Lebanon Connection`; never one naming a classification or a control, or holding a number), a section-break line of a multi-section cable (`PARIS 00000170  002 OF 004`), or a closing line (`End list.`, `End summary.`). It is not a paragraph of the cable's content, so it is not reported as a missing mark; it still has no mark, so no release takes it.\n\nWith nothing declared, such a line is a portion like any other and its missing mark is an error (P001).\n\nExample: `-------` / `Summary` / `-------` between two marked paragraphs.\n\nFix: nothing for an archived cable; in a draft, mark it `(U)` or drop the rule lines."),
    // B: banner
    BannerUnderClassified("B001", "banner-under-classified", Error, Always, None, "CAPCO Register §D.2; ISM-ID-00056, ISM-ID-00109",
        "The declared `banner:` is lower than the highest portion: the document would go out under-classified.\n\nExample: `banner: CONFIDENTIAL` with a `(S)` paragraph.\n\nFix: declare the computed banner, or lower the portion if it is over-marked."),
    BannerOverClassified("B002", "banner-over-classified", Warning, None, None, "CAPCO Register §D.2; 32 CFR 2001.13(c) (compilation)",
        "The declared `banner:` is higher than any portion. Over-classification is not allowed unless by compilation, which this tool does not model.\n\nExample: `banner: SECRET` with only `(C)` and `(U)` portions.\n\nFix: declare the computed banner."),
    BannerControlsDiffer("B003", "banner-controls-differ", Error, Always, None, "CAPCO Register §D.2 Table 3",
        "The declared banner's dissemination controls (NOFORN, REL TO, RELIDO, SBU, FOUO) differ from the roll-up of the portions.\n\nExample: `banner: SECRET//REL TO USA, TWN` with a `(S//NF)` paragraph.\n\nFix: declare the computed banner the help gives."),
    RelToBlockedByPortionWithoutFdr("B004", "rel-to-blocked-by-portion-without-fdr", Error, Always, None, "CAPCO Register §D.2 Table 3 rule 16; ISM-ID-00088",
        "Profile `capco`: some portions carry `REL TO` but a classified portion (or an unclassified one with controls) has no foreign disclosure marking, so the banner rolls up to NOFORN. The author must decide.\n\nExample: `(S//REL TO USA, TWN)` and `(C)` in one document.\n\nFix: add `REL TO USA, TWN` to the unmarked portion if it may be released, or accept `NOFORN`."),
    PortionWithoutReleaseDecision("B005", "portion-without-release-decision", Note, None, None, "CAPCO Register §D.2 Table 3 rule 16 (State profile: level alone)",
        "Profile `state`: some portions carry `REL TO`, others have no foreign disclosure marking. The banner carries the level alone, and the unmarked portions are not releasable; this note names them so the author can confirm.\n\nExample: the reference cable: `(S)` background paragraphs beside a `REL TO USA, TWN` non-paper.\n\nFix: nothing, if those portions are not for release; else add `REL TO`."),
    UnreadableBanner("B006", "unreadable-banner", Error, Always, None, "CAPCO Register §D.1",
        "The declared `banner:` is not a marking this tool can read.\n\nExample: `banner: SEKRET`\n\nFix: write the banner spelled out, e.g. `SECRET//NOFORN`, or remove the key to use the computed one."),
    CaptionContradictsBanner("B007", "caption-contradicts-banner", Error, Always, None, "CAPCO Register p.145 (NOFORN) and p.151 (REL TO); 5 FAH-2 H-222 (captions)",
        "The document has a `NOFORN` caption but its banner, or a section (the non-paper), carries `REL TO`. A NOFORN caption forbids every foreign release, so the whole document is treated as not releasable.\n\nExample: `captions: [NOFORN]` with a `## (S//REL TO USA, TWN) Talking points {.nonpaper}` section.\n\nFix: remove the caption if the REL TO marks are right, or mark the portions NOFORN."),
    // A: authority block
    MissingClassifiedBy("A001", "missing-classified-by", Error, Forceable, None, "32 CFR 2001.21(a)(1); CAPCO Register §E.1",
        "A classified document needs a `classified_by:` line naming the classifier and position.\n\nFix: `classified_by: ISN/MTR DIRECTOR PAM DURHAM`."),
    MissingClassificationReason("A002", "missing-classification-reason", Error, Forceable, None, "32 CFR 2001.21(a)(3); EO 13526 §1.4",
        "A classified document needs at least one reason: an EO §1.4 category a–h.\n\nFix: `reasons: [b, d]`."),
    MissingDeclassification("A003", "missing-declassification", Error, Forceable, None, "32 CFR 2001.21(a)(4); EO 13526 §1.5",
        "A classified document needs a `declassify_on:` instruction: a date, `25X1`..`25X9` with a date, `50X1-HUM` or `50X2-WMD`.\n\nFix: `declassify_on: 2034-06-12`."),
    UnknownClassificationReason("A004", "unknown-classification-reason", Error, Forceable, None, "EO 13526 §1.4 (categories a–h)",
        "A reason is not one of the EO §1.4 categories (a) to (h).\n\nExample: `reasons: [b, k]`\n\nFix: use letters a–h."),
    DeclassificationBeyond25Years("A005", "declassification-beyond-25-years", Error, Forceable, None, "EO 13526 §1.5(b) and §3.3",
        "The declassification date is more than 25 years after the document date and no 25X/50X exemption is given.\n\nExample: a 2009 cable with `declassify_on: 2040-01-01`.\n\nFix: a date within 25 years, or `25X<n>, <date>` with the exemption that applies."),
    DeclassificationNotAfterDocumentDate("A006", "declassification-not-after-document-date", Error, Forceable, None, "EO 13526 §1.5; 32 CFR 2001.21(a)(4)",
        "The declassification date is on or before the document date: the document would be born declassified.\n\nFix: a date after the document date (10 years is the default)."),
    ProhibitedDeclassificationMarking("A007", "prohibited-declassification-marking", Error, Forceable, None, "32 CFR 2001.24 (legacy markings); ISOO marking booklet",
        "`OADR` and the EO 12958 exemptions `X1`–`X8` may not be used on documents created after 2003.\n\nFix: a date within 25 years, or a 25X/50X exemption."),
    OrderDoesNotMatchDate("A008", "order-does-not-match-date", Error, Forceable, None, "EO 13526 §6.2 (in force 27 June 2010, replacing EO 12958)",
        "The `order:` does not match the document date: E.O. 12958 before 2010-06-27, E.O. 13526 from then on (the default when `order:` is absent).\n\nFix: `order: E.O. 12958` for a 2009 cable."),
    UnreadableDeclassification("A009", "unreadable-declassification", Warning, None, None, "32 CFR 2001.21(a)(4)",
        "The `declassify_on:` value is neither a date nor an exemption; an event cannot be checked.\n\nFix: a date (`2034-06-12`), `25X<n>, <date>`, `50X1-HUM` or `50X2-WMD`."),
    ImpossibleDeclassificationDate("A010", "impossible-declassification-date", Error, Forceable, None, "32 CFR 2001.21(a)(4)",
        "The `declassify_on:` value is shaped like a date but names no day of the calendar (`2034-02-30`): the document would carry a declassification instruction nobody can follow.\n\nExample: `declassify_on: 2034-02-30`\n\nFix: the date that was meant, e.g. `2034-02-28`."),
    // C: cable
    MalformedDtg("C001", "malformed-dtg", Error, Forceable, None, "5 FAH-2 H-220 (date-time group)",
        "The date-time group is not `DDHHMMZ MON YY` (or an ISO 8601 date).\n\nExample: `dtg: 12 JUN 09`\n\nFix: `dtg: 122056Z JUN 09`."),
    UnknownPrecedence("C002", "unknown-precedence", Error, Forceable, None, "5 FAH-2 H-220 (precedence)",
        "The precedence is not one of FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE.\n\nFix: `precedence: PRIORITY`."),
    MalformedTag("C003", "malformed-tag", Error, Forceable, None, "5 FAH-3 (TAGS/Terms handbook)",
        "A TAGS entry is not an upper-case subject tag (`PREL`, `MTCRE`) or country tag (`TW`).\n\nFix: `tags: [PREL, TW]`."),
    SubjectWithoutMark("C004", "subject-without-mark", Error, Forceable, None, "32 CFR 2001.21(c); CAPCO Register §D.1 (titles are portions)",
        "The subject line is a portion and needs its own mark, by its own content (an unclassified subject is `(U)` even in a SECRET cable).\n\nFix: `subject: (U) Export controls …`."),
    BrokenParagraphReference("C005", "broken-paragraph-reference", Warning, None, None, "5 FAH-1 H-246 (numbered paragraphs)",
        "The text refers to a paragraph that does not exist, or is not where the text says (`see paragraph 6 below` when 6 comes before).\n\nFix: correct the number."),
    ParagraphNumbersNotConsecutive("C006", "paragraph-numbers-not-consecutive", Warning, None, None, "5 FAH-1 H-246.3 (consecutive numbering)",
        "Paragraph numbers written in the source (an imported cable) skip or repeat, e.g. 6 followed by 17.\n\nFix: renumber; the renderer numbers paragraphs consecutively."),
    BrokenRefLetter("C007", "broken-ref-letter", Warning, None, None, "5 FAH-1 H-240 (REF line)",
        "The text cites a reference letter (`Ref E`) that the `refs:` list does not have.\n\nFix: add the reference, or correct the letter."),
    MissingSubject("C008", "missing-subject", Error, Forceable, None, "32 CFR 2001.21(c); 5 FAH-2 H-222 (SUBJECT line)",
        "The document has no subject. Every cable and non-paper has one, and it is a portion with its own mark; without it the outputs have no title (they are titled by the first section's heading, or `NON-PAPER`, never by the banner). An error in a classified draft; a warning in an unclassified document, and in an imported cable (the archived text has none to add: web copies often lost it).\n\nFix: `subject: \"(U) Export controls …\"` in the front matter (quoted: a subject may hold `: `)."),
    ImageNotSent("C009", "image-not-sent", Warning, None, None, "design §5 (outputs: text only)",
        "The source holds an image. No output carries images: the cable, the PDF and the DOCX print only its alt text, in the portion where it stands.\n\nExample: `![Map of the port](port.png)`\n\nFix: describe the image in the text, or send it separately, marked on its own."),
    // R: release (--release-to)
    PortionDroppedOnRelease("R001", "portion-dropped-on-release", Note, None, None, "design §3.3; CAPCO Register §D.2 Table 3",
        "With `--release-to X`: this portion is not releasable to X and would be left out of the released version.\n\nFix: nothing if that is intended; else mark it `REL TO USA, X` if it may be released."),
    NonpaperNotReleasableToCountry("R002", "nonpaper-not-releasable-to-country", Error, Always, None, "design §3.3; CAPCO Register p.150 (REL TO)",
        "With `--release-to X`: the non-paper section is not releasable to X, so there is nothing to hand over.\n\nFix: mark the non-paper `REL TO USA, X`, or release to the right country."),
    NothingReleasable("R003", "nothing-releasable", Error, Always, None, "design §3.3",
        "With `--release-to X`: no portion is releasable to X.\n\nFix: check the country, or the marks."),
    ReferenceToDroppedParagraph("R004", "reference-to-dropped-paragraph", Warning, None, None, "design §3.3",
        "With `--release-to X`: a kept paragraph refers to a paragraph that the release drops (`see paragraph 5`).\n\nFix: reword the reference in the released version."),
    ReferenceToRenumberedParagraph("R005", "reference-to-renumbered-paragraph", Warning, None, None, "design §3.3 (a release renumbers paragraphs)",
        "With `--release-to X`: a kept paragraph refers to a paragraph that the release keeps under another number (the release numbers what it keeps 1, 2, 3 …), so the reference would point to a different paragraph in the released version.\n\nExample: `see paragraph 5` when paragraphs 2 and 3 are dropped: paragraph 5 is paragraph 3 of the release, and paragraph 5 of the release is another one.\n\nFix: reword the reference in the released version (name the paragraph's subject rather than its number)."),
    // W: Word documents
    HeaderBannerDiffers("W001", "header-banner-differs", Error, Always, None, "CAPCO Register §D.2 (banner line on every page); 32 CFR 2001.20",
        "A Word document's header or footer (of any section: the default, first-page and even-page ones) does not carry the banner its portions roll up to, or carries none. Word prints that line on every page, so a reader takes it for the document's classification.\n\nExample: a header reading `CONFIDENTIAL` over a `(S//NF)` paragraph.\n\nFix: write the roll-up the message gives in every header and footer."),
    MarkInHiddenContent("W002", "mark-in-hidden-content", Error, Always, None, "32 CFR 2001.21(c); CAPCO Register §D.1",
        "A portion mark stands in content a reader of the Word document may not see, or that is not part of its body: a comment, a tracked deletion, hidden text, a text box, a footnote or an endnote; or the document embeds another document that cannot be read. That text travels with the file but is not a portion of the body: it is not checked as one and is never released.\n\nFail closed: its level counts in the banner.\n\nExample: a comment `(S//NF) the source is …` on a releasable paragraph.\n\nFix: delete the comment or accept or reject the change; move text that belongs in the document into a marked paragraph of the body."),
    TextInHiddenContent("W003", "text-in-hidden-content", Warning, None, None, "32 CFR 2001.21(c)",
        "A comment, tracked deletion, hidden text, text box, footnote or endnote holds text without a mark. It travels with the Word file but is not part of the body: it is not checked and never released.\n\nFix: delete it, accept or reject the change, or move the text into a marked paragraph of the body."),
    MarkInDocumentProperty("W004", "mark-in-document-property", Error, Always, None, "32 CFR 2001.21(c); design §3.3 (header data is unclassified)",
        "A document property (title, subject, keywords, description, category or a custom property) holds a portion mark. Properties are shown by Explorer, SharePoint and mail clients without any mark governing them.\n\nExample: subject `(S//NF) Iran program`\n\nFix: keep properties to the banner, or empty."),
    TextInDocumentProperty("W005", "text-in-document-property", Warning, None, None, "design §3.3 (header data is unclassified)",
        "A document property (title, subject, keywords, description, category or a custom property) holds text other than the banner. It is read without the document's portion marks; a title copied from a classified subject line discloses it.\n\nFix: keep properties to the banner, or empty."),
}

/// Every row of the registry, in code order.
pub static RULES: &[RuleInfo] = &TABLE;

impl Rule {
    /// The rule's row of the registry.
    pub fn info(self) -> &'static RuleInfo {
        // The table is generated from the same rows as the variants, in
        // their order: the discriminant is the row.
        &TABLE[self as usize]
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    pub fn citation(self) -> &'static str {
        self.info().citation
    }

    pub fn doc(self) -> &'static str {
        self.info().doc
    }

    pub fn gate(self) -> Gate {
        self.info().gate
    }

    pub fn fix_applicability(self) -> Option<Applicability> {
        self.info().fix
    }

    pub fn removed(self) -> bool {
        self.info().removed
    }

    /// The rule with this code (`M001`), removed ones included.
    pub fn from_code(code: &str) -> Option<Rule> {
        lookup(code).map(|r| r.rule)
    }
}

/// The registry row of the rule with this code.
pub fn lookup(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_grouped_and_documented() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(seen.insert(r.name), "duplicate name {}", r.name);
            let group = &r.code[..1];
            assert!(
                ["M", "P", "B", "A", "C", "R", "W"].contains(&group),
                "{}",
                r.code
            );
            assert_eq!(r.code.len(), 4);
            assert!(r.code[1..].bytes().all(|b| b.is_ascii_digit()));
            assert!(r.doc.contains("Fix:"), "{} lacks a fix", r.code);
            assert!(!r.citation.is_empty());
        }
    }

    #[test]
    fn each_variant_is_its_row_and_is_named_after_the_rule() {
        assert_eq!(Rule::ALL.len(), RULES.len());
        for (i, &rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(rule as usize, i);
            assert_eq!(rule.info().rule, rule);
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
            let camel: String = rule
                .name()
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(format!("{rule:?}"), camel, "{}", rule.code());
        }
        assert_eq!(Rule::from_code("M999"), None);
    }

    #[test]
    fn only_errors_gate_and_force_passes_only_authority_and_cable_errors() {
        // The decision `release::gate` made by the code's first letter
        // before the gate was a column of the table.
        for &rule in Rule::ALL {
            let expected = match (rule.severity(), &rule.code()[..1]) {
                (Severity::Error, "A" | "C") => Gate::Forceable,
                (Severity::Error, _) => Gate::Always,
                _ => Gate::None,
            };
            assert_eq!(rule.gate(), expected, "{}", rule.code());
        }
    }
}
