//! B003: the declared banner's dissemination controls differ from the
//! roll-up's.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, Ok(declared))) = ctx.declared_banner() else {
        return;
    };
    let computed = &ctx.rollup.banner;
    let controls = |m: &Marking| {
        (
            m.noforn,
            m.sbu_noforn,
            m.expanded_rel(),
            m.rel.is_some(),
            m.relido,
            m.sbu,
            m.fouo,
        )
    };
    if controls(&declared) == controls(computed) {
        return;
    }
    // An unclassified document declared SBU (or FOUO) whose portions do not
    // all say so is over-controlled, not under: the declared control stands
    // (and an unmarked portion is released to no one).
    let plain = |m: &Marking| m.rel.is_none() && !m.noforn && !m.sbu_noforn && !m.relido;
    let over_controlled = !declared.level.is_classified()
        && !computed.level.is_classified()
        && (declared.sbu || declared.fouo)
        && plain(&declared)
        && plain(computed)
        && (!computed.sbu || declared.sbu)
        && (!computed.fouo || declared.fouo || declared.sbu);
    if over_controlled {
        return;
    }
    let strip = |m: &Marking| {
        let b = m.banner();
        match b.split_once("//") {
            Some((_, c)) => c.to_string(),
            None => "none".to_string(),
        }
    };
    sink.report(
        Diagnostic::new(
            Rule::BannerControlsDiffer,
            span,
            format!(
                "declared banner controls `{}` differ from the roll-up `{}`",
                strip(&declared),
                strip(computed)
            ),
        )
        .label(format!("the portions give {}", computed.banner()))
        .help(if is_lower(computed, &declared) {
            format!(
                "the portions give `{}`, less restrictive than the declared banner: mark the portions that need the declared controls with them (the banner is not lowered)",
                computed.banner()
            )
        } else {
            format!("declare `banner: {}`", computed.banner())
        }),
    );
}

/// True when `wider` releases to more than `narrower` or is lower: declaring
/// it would lower the banner.
fn is_lower(wider: &Marking, narrower: &Marking) -> bool {
    let w = wider.releasable(None);
    let n = narrower.releasable(None);
    wider.level < narrower.level || (w.covers(&n) && w != n)
}
