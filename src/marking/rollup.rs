//! Banner roll-up: CAPCO Register §D.2 Table 3 "FD&R Markings Precedence
//! Rules for Banner Line Roll-Up", with the State profile's one difference
//! (design §3.2).

use std::collections::BTreeSet;

use super::{codes, expand, Level, Marking, Rel};

/// Which marking rules decide the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Profile {
    /// Department of State practice (the default): a classified portion
    /// with no FD&R marking leaves the banner at the level alone instead of
    /// forcing NOFORN.
    #[default]
    State,
    /// The Intelligence Community Register to the letter (Table 3 rule 16).
    Capco,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::State => "state",
            Profile::Capco => "capco",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        match name.trim().to_ascii_lowercase().as_str() {
            "state" => Some(Profile::State),
            "capco" => Some(Profile::Capco),
            _ => None,
        }
    }
}

/// The result of rolling portions up into a banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub banner: Marking,
    /// Portions (indices into the input) without an FD&R marking that kept
    /// a REL TO list from the banner (Table 3 rules 12 and 16).
    pub rel_blocked_by: Vec<usize>,
    /// The REL TO list the banner would carry but for those portions.
    pub blocked_rel: Option<Vec<String>>,
}

/// Rolls portion markings up into the banner marking.
///
/// * level: the highest of all portions (CAPCO §D.2; ISM-ID-00056, -00109);
/// * any NF or SBU-NF portion: NOFORN (Table 3 rules 1–5, 14; ISM-ID-00070, -00087);
/// * every classified portion REL TO (unclassified ones plain or REL TO):
///   the intersection of the expanded lists (rules 21, 23; ISM-ID-00318),
///   NOFORN when only USA is left (rule 9);
/// * REL TO mixed with portions without FD&R: NOFORN under `capco`
///   (rule 16), the level alone under `state`;
/// * RELIDO only when every portion carries it (rule 24; ISM-ID-00132);
/// * SBU and FOUO only in an unclassified document, SBU superseding FOUO
///   (ISM-ID-00105, -00030, -00066).
pub fn rollup(portions: &[Marking], profile: Profile) -> Rollup {
    let level = portions
        .iter()
        .map(|m| m.level)
        .max()
        .unwrap_or(Level::Unclassified);
    let mut banner = Marking::level(level);
    let mut rel_blocked_by = Vec::new();
    let mut blocked_rel = None;

    let any_nf = portions.iter().any(|m| m.noforn);
    let any_sbu_nf = portions.iter().any(|m| m.sbu_noforn);
    let any_rel = portions.iter().any(|m| m.rel.is_some());

    // Portions whose release decision counts: in a classified document the
    // classified ones; an unclassified portion counts only when it carries
    // a control (rule 28: plain (U) does not affect REL TO).
    let counts = |m: &Marking| m.level.is_classified() || m.has_controls();
    let contributing: Vec<(usize, &Marking)> = portions
        .iter()
        .enumerate()
        .filter(|(_, m)| counts(m))
        .collect();

    if any_nf || (any_sbu_nf && level.is_classified()) {
        banner.noforn = true;
    } else if any_sbu_nf {
        // Unclassified: `SBU NOFORN`, or `NOFORN//SBU` beside other FD&R
        // (CAPCO pp.178–180; ISM-ID-00104).
        if any_rel || portions.iter().any(|m| m.relido) {
            banner.noforn = true;
            banner.sbu = true;
        } else {
            banner.sbu_noforn = true;
        }
    } else if contributing.iter().any(|(_, m)| m.has_fdr()) {
        let all_rel = contributing.iter().all(|(_, m)| m.rel.is_some());
        let all_relido = contributing.iter().all(|(_, m)| m.relido);
        if all_rel {
            match intersect(portions) {
                Some(list) if list.iter().any(|c| c != "USA") => {
                    banner.rel = Some(Rel::List(list));
                    banner.relido = all_relido;
                }
                _ => banner.noforn = true, // rule 9
            }
        } else if all_relido {
            banner.relido = true; // rule 24
        } else {
            let without_fdr: Vec<usize> = contributing
                .iter()
                .filter(|(_, m)| !m.has_fdr())
                .map(|(i, _)| *i)
                .collect();
            if without_fdr.is_empty() {
                // REL TO beside RELIDO (rule 10): NOFORN in both profiles.
                banner.noforn = true;
            } else {
                if any_rel {
                    rel_blocked_by = without_fdr;
                    blocked_rel = intersect(portions).filter(|l| l.iter().any(|c| c != "USA"));
                }
                match profile {
                    Profile::Capco => banner.noforn = true, // rules 12, 16, 17
                    Profile::State => {}
                }
            }
        }
    }

    if !level.is_classified() {
        // SBU NOFORN beside another NOFORN (or a REL TO, above): the IC
        // control, then the non-IC one, `UNCLASSIFIED//NOFORN//SBU`
        // (CAPCO Register p.180, notional example page 3; ISM-ID-00104).
        let any_sbu = portions.iter().any(|m| m.sbu || m.sbu_noforn);
        if any_sbu && !banner.sbu_noforn {
            banner.sbu = true;
        }
        if portions.iter().any(|m| m.fouo) && !banner.sbu && !banner.sbu_noforn {
            banner.fouo = true;
        }
    }

    Rollup {
        banner,
        rel_blocked_by,
        blocked_rel,
    }
}

/// The common REL TO list of every portion that carries one, FVEY, TEYE
/// and ACGU expanded. A tetragraph named in every list and whose members
/// all remain is written back as the tetragraph (`REL TO USA, FVEY`);
/// otherwise the banner lists trigraphs. The short form `REL` names the
/// banner's own list, so it does not narrow the intersection.
fn intersect(portions: &[Marking]) -> Option<Vec<String>> {
    let lists: Vec<&Vec<String>> = portions
        .iter()
        .filter_map(|m| match &m.rel {
            Some(Rel::List(codes)) => Some(codes),
            _ => None,
        })
        .collect();
    let first = lists.first()?;
    // Documents repeat a handful of lists thousands of times: each distinct
    // list is expanded once.
    let mut distinct: Vec<&Vec<String>> = lists.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut common: BTreeSet<String> = expand(first);
    for list in distinct {
        let other = expand(list);
        common.retain(|c| other.contains(c));
    }
    // Tetragraphs written in every list, whose members all survived.
    let mut shown: Vec<String> = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (tetra, members) in codes::DECOMPOSABLE {
        let everywhere = lists.iter().all(|l| l.iter().any(|c| c == tetra));
        if everywhere && members.iter().all(|m| common.contains(*m)) {
            shown.push(tetra.to_string());
            covered.extend(
                members
                    .iter()
                    .filter(|m| **m != "USA")
                    .map(|m| m.to_string()),
            );
        }
    }
    shown.extend(common.into_iter().filter(|c| !covered.contains(c)));
    if !shown.iter().any(|c| c == "USA") {
        shown.push("USA".to_string());
    }
    Some(codes::canonical_order(&shown))
}
