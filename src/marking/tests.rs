//! Worked examples from `reference/markings.md` (CAPCO Register 2016,
//! §D.2 Table 3 and the REL TO, RELIDO, SBU and FOUO templates).

use super::*;

fn mark(s: &str) -> Marking {
    parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).marking
}

fn banner(marks: &[&str], profile: Profile) -> String {
    let ms: Vec<Marking> = marks.iter().map(|m| mark(m)).collect();
    rollup(&ms, profile).banner.banner()
}

fn both(marks: &[&str]) -> (String, String) {
    (banner(marks, Profile::State), banner(marks, Profile::Capco))
}

#[test]
fn register_forms_read_back_unchanged() {
    for s in [
        "(U)",
        "(C)",
        "(S)",
        "(TS)",
        "(S//NF)",
        "(S//REL TO USA, TWN)",
        "(U//SBU)",
        "(U//SBU-NF)",
        "(U//FOUO)",
        "(S//REL)",
        "(S//RELIDO)",
        "(S//REL TO USA, AUS, CAN/RELIDO)",
        "(S//REL TO USA, AUS, GBR, FVEY, NATO)",
    ] {
        let p = parse(s).unwrap();
        assert!(!p.legacy, "{s} flagged legacy");
        assert!(p.problems.is_empty(), "{s}: {:?}", p.problems);
        assert_eq!(p.marking.portion(), s);
    }
    for s in [
        "SECRET//NOFORN",
        "SECRET//REL TO USA, TWN",
        "UNCLASSIFIED//SBU NOFORN",
        "TOP SECRET",
    ] {
        let p = parse(s).unwrap();
        assert!(!p.legacy, "{s} flagged legacy");
        assert!(p.spelled_level);
        assert_eq!(p.marking.banner(), s);
    }
}

#[test]
fn legacy_cable_forms_normalise() {
    for (legacy, register) in [
        ("(S/NF)", "(S//NF)"),
        ("(C/NF)", "(C//NF)"),
        ("(SBU)", "(U//SBU)"),
        ("(SBU-N)", "(U//SBU-NF)"),
        ("(SECRET REL TAIWAN)", "(S//REL TO USA, TWN)"),
        ("(S/Rel China)", "(S//REL TO USA, CHN)"),
        ("(S/REL CHINA)", "(S//REL TO USA, CHN)"),
        ("(S//REL TURKEY)", "(S//REL TO USA, TUR)"),
        ("(SECRET//REL CHINA)", "(S//REL TO USA, CHN)"),
        ("(s)", "(S)"),
        ("(S//NOFORN)", "(S//NF)"),
        ("(S//REL TO USA, TAIWAN)", "(S//REL TO USA, TWN)"),
        ("(UNCLAS)", "(U)"),
    ] {
        let p = parse(legacy).unwrap_or_else(|e| panic!("{legacy}: {e}"));
        assert!(p.legacy, "{legacy} not flagged legacy");
        assert!(p.problems.is_empty(), "{legacy}: {:?}", p.problems);
        assert_eq!(p.marking.portion(), register, "{legacy}");
    }
}

#[test]
fn sbu_beside_sbu_noforn_reads_as_sbu_noforn() {
    // Found by the `marking` fuzz target: both flags set, printed as one.
    for s in ["C/SBU-N/SBU", "(U//SBU/SBU-NF)", "U//SBU//SBU NOFORN"] {
        let p = parse(s).unwrap();
        assert!(p.marking.sbu_noforn && !p.marking.sbu, "{s}");
        assert!(p.legacy, "{s} reads back differently, so it is flagged");
        assert_eq!(parse(&p.marking.portion()).unwrap().marking, p.marking);
    }
}

#[test]
fn malformed_marks_are_errors() {
    assert_eq!(parse("()"), Err(MarkError::Empty));
    assert!(matches!(parse("(X)"), Err(MarkError::UnknownLevel(_))));
    assert!(matches!(
        parse("(S//BOGUS)"),
        Err(MarkError::UnknownControl(_))
    ));
    assert!(matches!(
        parse("(S//ORCON)"),
        Err(MarkError::Unsupported(..))
    ));
    assert!(matches!(
        parse("(S//REL TO USA, GBR/DISPLAY ONLY AFG)"),
        Err(MarkError::Unsupported(..))
    ));
    assert!(matches!(
        parse("(SECRET//)"),
        Err(MarkError::UnknownControl(_))
    ));
}

#[test]
fn rel_to_problems_are_reported() {
    let problems = |s: &str| parse(s).unwrap().problems;
    assert_eq!(
        problems("(S//REL TO USA, TWN, GBR)"),
        vec![MarkProblem::RelOrder]
    );
    assert_eq!(
        problems("(S//REL TO USA, FVEY, AUS)"),
        vec![MarkProblem::RelOrder]
    );
    assert_eq!(
        problems("(S//REL TO TWN, USA)"),
        vec![MarkProblem::RelMissingUsa]
    );
    assert_eq!(
        problems("(S//REL TO USA)"),
        vec![MarkProblem::RelToUsaAlone]
    );
    assert_eq!(
        problems("(S//REL TO USA, TWN, TWN)"),
        vec![MarkProblem::DuplicateCode("TWN".into())]
    );
    assert_eq!(
        problems("(S//REL TO USA, XYZ)"),
        vec![MarkProblem::UnknownCode("XYZ".into())]
    );
    assert_eq!(
        problems("(S//NF/REL TO USA, TWN)"),
        vec![MarkProblem::NofornWithRel]
    );
    assert_eq!(
        problems("(S//SBU)"),
        vec![MarkProblem::UnclassifiedOnlyControl("SBU")]
    );
    assert_eq!(
        problems("(S//FOUO)"),
        vec![MarkProblem::UnclassifiedOnlyControl("FOUO")]
    );
}

#[test]
fn level_is_the_highest_portion() {
    assert_eq!(both(&["(U)", "(C)", "(S)"]).0, "SECRET");
    assert_eq!(both(&["(U)", "(TS)", "(C)"]).1, "TOP SECRET");
    assert_eq!(both(&["(U)"]).0, "UNCLASSIFIED");
    assert_eq!(banner(&[], Profile::State), "UNCLASSIFIED");
}

#[test]
fn table3_rules_1_2_noforn_wins() {
    let (s, c) = both(&["(S//NF)", "(C//REL TO USA, GBR)", "(U)"]);
    assert_eq!(s, "SECRET//NOFORN");
    assert_eq!(c, "SECRET//NOFORN");
    assert_eq!(both(&["(C//NF)", "(S)"]).0, "SECRET//NOFORN");
}

#[test]
fn table3_rules_3_5_14_sbu_noforn() {
    assert_eq!(both(&["(U//SBU-NF)", "(S)"]).0, "SECRET//NOFORN");
    assert_eq!(
        both(&["(U//SBU-NF)", "(S//REL TO USA, TWN)"]).1,
        "SECRET//NOFORN"
    );
    assert_eq!(both(&["(U//SBU-NF)", "(U)"]).0, "UNCLASSIFIED//SBU NOFORN");
    assert_eq!(
        both(&["(U//SBU-NF)", "(U//REL TO USA, GBR)"]).0,
        "UNCLASSIFIED//NOFORN//SBU"
    );
}

#[test]
fn sbu_noforn_beside_noforn_in_an_unclassified_document() {
    // CAPCO Register p.180 (notional example page 3) and markings.md rule
    // 34: `UNCLASSIFIED//NOFORN//SBU`, never `//NOFORN` or `//FOUO/NOFORN`.
    for profile in [Profile::State, Profile::Capco] {
        assert_eq!(
            banner(&["(U//SBU-NF)", "(U//NF)"], profile),
            "UNCLASSIFIED//NOFORN//SBU"
        );
        assert_eq!(
            banner(&["(U//SBU-NF)", "(U//NF)", "(U//FOUO)"], profile),
            "UNCLASSIFIED//NOFORN//SBU"
        );
        assert_eq!(
            banner(&["(U//NF)", "(U//SBU-NF)", "(U)"], profile),
            "UNCLASSIFIED//NOFORN//SBU"
        );
        assert_eq!(
            banner(&["(U//SBU-NF)", "(S//NF)"], profile),
            "SECRET//NOFORN"
        );
    }
}

#[test]
fn whole_country_names_and_unreadable_lists() {
    assert_eq!(
        mark("(S//REL TO USA, REPUBLIC OF CHINA)").portion(),
        "(S//REL TO USA, TWN)"
    );
    assert_eq!(
        mark("(S//REL TO USA, TAIWAN, PROVINCE OF CHINA)").portion(),
        "(S//REL TO USA, TWN)"
    );
    assert_eq!(
        mark("(S//REL TO USA, KOREA, REPUBLIC OF)").portion(),
        "(S//REL TO USA, KOR)"
    );
    assert_eq!(
        mark("(S//REL TO USA, DEMOCRATIC REPUBLIC OF CONGO)").portion(),
        "(S//REL TO USA, COD)"
    );
    assert_eq!(
        mark("(S//REL TO USA, GUINEA BISSAU)").portion(),
        "(S//REL TO USA, GNB)"
    );
    assert_eq!(
        mark("(SECRET REL CHINA AND TAIWAN)").portion(),
        "(S//REL TO USA, CHN, TWN)"
    );
    assert_eq!(
        mark("(S//REL TO USA TWN GBR)").portion(),
        "(S//REL TO USA, GBR, TWN)"
    );
    for bad in [
        "(S//REL TO USA, NORTHERN IRELAND)",
        "(S//REL TO USA, REPUBLIC OF NARNIA)",
        "(S//REL TO USA, TAIWAN CHINA)",
        "(S//REL TO USA, Atlantis)",
    ] {
        assert!(
            matches!(parse(bad), Err(MarkError::UnknownCountry(_))),
            "{bad}: {:?}",
            parse(bad)
        );
    }
}

#[test]
fn most_restrictive_of_several_marks() {
    let m = |s: &[&str]| {
        let ms: Vec<Marking> = s.iter().map(|x| mark(x)).collect();
        Marking::most_restrictive(&ms).map(|m| m.portion())
    };
    assert_eq!(m(&["(U)", "(S//NF)"]).as_deref(), Some("(S//NF)"));
    assert_eq!(
        m(&["(S//REL TO USA, TWN)", "(S//NF)"]).as_deref(),
        Some("(S//NF)")
    );
    assert_eq!(
        m(&["(S//REL TO USA, TWN)", "(C)"]).as_deref(),
        Some("(S//NF)")
    );
    assert_eq!(
        m(&["(S//REL TO USA, TWN, GBR)", "(C//REL TO USA, GBR)"]).as_deref(),
        Some("(S//REL TO USA, GBR)")
    );
    assert_eq!(
        m(&["(U)", "(U//REL TO USA, TWN)"]).as_deref(),
        Some("(U//REL TO USA, TWN)")
    );
    assert_eq!(m(&[]), None);
    assert_eq!(named_level("S//NF."), Level::Secret);
    assert_eq!(named_level("NOFORN: do not release"), Level::TopSecret);
    assert_eq!(named_level("C//NF; source S"), Level::Secret);
    assert_eq!(named_level("TOP SECRET"), Level::TopSecret);
    assert_eq!(named_level("U//BOGUS"), Level::Unclassified);
}

#[test]
fn table3_rule_9_empty_intersection_is_noforn() {
    // CAPCO example page 3, p.152.
    let (s, c) = both(&["(S//REL TO USA, FVEY)", "(C//REL TO USA, ISAF)"]);
    assert_eq!(s, "SECRET//NOFORN");
    assert_eq!(c, "SECRET//NOFORN");
}

#[test]
fn table3_rule_16_unmarked_classified_blocks_rel() {
    // CAPCO example page 2, p.152: capco gives NOFORN, state the level alone.
    let (s, c) = both(&["(S//REL TO USA, FVEY)", "(C)"]);
    assert_eq!(c, "SECRET//NOFORN");
    assert_eq!(s, "SECRET");
    let ms = vec![mark("(S//REL TO USA, TWN)"), mark("(C)"), mark("(U)")];
    let r = rollup(&ms, Profile::State);
    assert_eq!(r.rel_blocked_by, vec![1]);
    assert_eq!(
        r.blocked_rel,
        Some(vec!["USA".to_string(), "TWN".to_string()])
    );
}

#[test]
fn table3_rules_21_23_intersection_with_fvey_expansion() {
    assert_eq!(
        both(&["(S//REL TO USA, TWN)", "(S//REL TO USA, TWN)", "(U)"]).0,
        "SECRET//REL TO USA, TWN"
    );
    assert_eq!(
        both(&["(S//REL TO USA, FVEY)", "(C//REL TO USA, GBR, JPN)"]).1,
        "SECRET//REL TO USA, GBR"
    );
    assert_eq!(
        both(&["(S//REL TO USA, FVEY)", "(C//REL TO USA, FVEY)"]).0,
        "SECRET//REL TO USA, FVEY"
    );
    assert_eq!(
        both(&[
            "(S//REL TO USA, AUS, CAN, GBR, NZL)",
            "(C//REL TO USA, FVEY)"
        ])
        .0,
        "SECRET//REL TO USA, AUS, CAN, GBR, NZL"
    );
    assert_eq!(
        both(&[
            "(S//REL TO USA, GBR, NATO)",
            "(C//REL TO USA, GBR, FRA, NATO)"
        ])
        .0,
        "SECRET//REL TO USA, GBR, NATO"
    );
    // CAPCO example page 5, p.153: the short form takes the banner's list.
    assert_eq!(
        both(&[
            "(S//REL TO USA, JPN, NZL)",
            "(S//REL TO USA, NZL)",
            "(S//REL)"
        ])
        .1,
        "SECRET//REL TO USA, NZL"
    );
}

#[test]
fn table3_rules_10_24_relido() {
    // CAPCO pp.155–156.
    assert_eq!(
        both(&["(S//RELIDO)", "(S//REL TO USA, AUS, CAN/RELIDO)"]).1,
        "SECRET//RELIDO"
    );
    assert_eq!(
        both(&["(S//RELIDO)", "(S//REL TO USA, AUS, CAN)"]).0,
        "SECRET//NOFORN"
    );
    assert_eq!(
        both(&[
            "(S//REL TO USA, AUS/RELIDO)",
            "(C//REL TO USA, AUS, GBR/RELIDO)",
            "(U)"
        ])
        .0,
        "SECRET//REL TO USA, AUS/RELIDO"
    );
    assert_eq!(both(&["(S//RELIDO)", "(C)"]).1, "SECRET//NOFORN");
}

#[test]
fn sbu_and_fouo_reach_only_an_unclassified_banner() {
    assert_eq!(both(&["(U//SBU)", "(U)"]).0, "UNCLASSIFIED//SBU");
    assert_eq!(both(&["(U//SBU)", "(S)"]).0, "SECRET");
    assert_eq!(both(&["(U//FOUO)", "(U)"]).0, "UNCLASSIFIED//FOUO");
    assert_eq!(both(&["(U//FOUO)", "(U//SBU)"]).0, "UNCLASSIFIED//SBU");
    assert_eq!(both(&["(U//FOUO)", "(C)"]).1, "CONFIDENTIAL");
}

#[test]
fn unclassified_portions_with_controls_block_rel() {
    // Rule 28 / ISM-ID-00088: (U//SBU) without REL TO blocks a REL banner.
    let (s, c) = both(&["(S//REL TO USA, TWN)", "(U//SBU)"]);
    assert_eq!(s, "SECRET");
    assert_eq!(c, "SECRET//NOFORN");
    // A plain (U) does not.
    assert_eq!(
        both(&["(S//REL TO USA, TWN)", "(U)"]).1,
        "SECRET//REL TO USA, TWN"
    );
}

#[test]
fn reference_cable_rolls_up_to_secret_in_state_profile() {
    let marks = [
        "(S)",
        "(U)",
        "(S)",
        "(S)",
        "(S)",
        "(S)",
        "(S//REL TO USA, TWN)",
        "(U)",
        "(U)",
    ];
    let (s, c) = both(&marks);
    assert_eq!(s, "SECRET");
    assert_eq!(c, "SECRET//NOFORN");
}

#[test]
fn releasability() {
    assert!(mark("(U)").releasable(None).contains("CHN"));
    assert!(mark("(S//REL TO USA, FVEY)")
        .releasable(None)
        .contains("NZL"));
    assert!(!mark("(S//REL TO USA, TWN)")
        .releasable(None)
        .contains("CHN"));
    assert!(!mark("(U//SBU)").releasable(None).contains("TWN"));
    assert!(!mark("(S)").releasable(None).contains("TWN"));
    let banner = vec!["USA".to_string(), "TWN".to_string()];
    assert!(mark("(S//REL)").releasable(Some(&banner)).contains("TWN"));
}

#[test]
fn legacy_cable_line() {
    assert_eq!(
        mark("(S//REL TO USA, TWN)").legacy_cable_form(),
        "SECRET REL TAIWAN"
    );
    assert_eq!(mark("(S//NF)").legacy_cable_form(), "SECRET NOFORN");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn arb_marking() -> impl Strategy<Value = Marking> {
        let codes = prop::sample::subsequence(
            vec![
                "AUS", "CAN", "CHN", "GBR", "JPN", "NZL", "TWN", "FVEY", "NATO",
            ],
            0..4,
        );
        (0usize..4, 0u8..6, codes, any::<bool>(), any::<bool>()).prop_map(
            |(lvl, kind, codes, relido, ctl)| {
                let level = Level::ALL[lvl];
                let mut m = Marking::level(level);
                match kind {
                    1 => m.noforn = true,
                    2 | 3 => {
                        let mut list: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
                        list.push("USA".into());
                        m.rel = Some(Rel::List(codes::canonical_order(&list)));
                        m.relido = relido;
                    }
                    4 => m.relido = true,
                    _ => {}
                }
                if !level.is_classified() && ctl && kind != 1 {
                    m.sbu = true;
                }
                m
            },
        )
    }

    proptest! {
        #[test]
        fn banner_is_never_lower_than_a_portion(ms in prop::collection::vec(arb_marking(), 0..8), capco in any::<bool>()) {
            let profile = if capco { Profile::Capco } else { Profile::State };
            let b = rollup(&ms, profile).banner;
            for m in &ms {
                prop_assert!(b.level >= m.level);
                if m.noforn || m.sbu_noforn {
                    prop_assert!(b.noforn || b.sbu_noforn);
                }
            }
        }

        #[test]
        fn banner_rel_is_a_subset_of_every_classified_portion(ms in prop::collection::vec(arb_marking(), 0..8), capco in any::<bool>()) {
            let profile = if capco { Profile::Capco } else { Profile::State };
            let b = rollup(&ms, profile).banner;
            if let Some(banner_set) = b.expanded_rel() {
                prop_assert!(!b.noforn);
                for m in ms.iter().filter(|m| m.level.is_classified() || m.has_controls()) {
                    let set = m.expanded_rel();
                    prop_assert!(set.is_some(), "banner REL TO with a portion without REL TO: {:?}", m);
                    let set = set.unwrap();
                    prop_assert!(banner_set.is_subset(&set), "{:?} not within {:?}", banner_set, set);
                }
                // What the banner releases, every portion releases.
                for m in &ms {
                    prop_assert!(m.releasable(None).covers(&b.releasable(None)));
                }
            }
        }

        #[test]
        fn portion_form_parses_back(m in arb_marking()) {
            let p = parse(&m.portion()).unwrap();
            prop_assert_eq!(&p.marking, &m);
            let b = parse(&m.banner()).unwrap();
            prop_assert_eq!(b.marking, m);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s);
        }
    }
}
