//! `cablemark banner`: roll portion marks given on the command line up
//! into the banner line.

use super::{finish, Exit, Stop};
use crate::check;
use crate::marking::{self, Profile};
use crate::report::Console;

#[derive(Debug, Clone, Default)]
pub struct BannerOptions {
    /// The marks as the shell split them; `--profile NAME` among them is
    /// read as the option (the marks take hyphens).
    pub marks: Vec<String>,
    pub profile: Option<Profile>,
}

/// Prints the banner; exit 1 when a mark is unreadable or names an unknown
/// code (then no banner is printed), 2 on a usage error.
pub fn banner(opts: &BannerOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

fn run(opts: &BannerOptions, console: &mut Console) -> Result<Exit, Stop> {
    let mut profile = opts.profile.unwrap_or(Profile::State);
    // `--profile` after the marks (`banner (S) (U) --profile capco`).
    let mut rest: Vec<String> = Vec::new();
    let mut args = opts.marks.iter();
    while let Some(a) = args.next() {
        let value = match a.strip_prefix("--profile") {
            Some("") => args.next().cloned(),
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            _ => {
                rest.push(a.clone());
                continue;
            }
        };
        match value.as_deref().and_then(Profile::from_name) {
            Some(p) => profile = p,
            None => {
                console.error("`--profile` takes `state` or `capco`")?;
                return Ok(Exit::Unreadable);
            }
        }
    }
    if rest.is_empty() {
        console.error("give at least one mark, e.g. `cablemark banner '(S//NF)' '(U)'`")?;
        return Ok(Exit::Unreadable);
    }
    let mut markings = Vec::new();
    let mut unreadable = false;
    for m in join_split_marks(&rest) {
        match marking::parse(&m) {
            Ok(p) => {
                for problem in &p.problems {
                    // An unknown code cannot be honoured: the mark is not
                    // read with certainty, and no banner is printed.
                    if let marking::MarkProblem::UnknownCode(_) = problem {
                        writeln!(
                            console.err(),
                            "error[M003]: `{m}`: {problem}\n  = help: use the ISO 3166-1 alpha-3 trigraph, e.g. `TWN` for Taiwan\n  = note: rule: {}",
                            check::Rule::UnknownCountryCode.citation()
                        )?;
                        unreadable = true;
                    } else {
                        console.warning(format_args!("`{m}`: {problem}"))?;
                    }
                }
                markings.push(p.marking);
            }
            Err(e) => {
                writeln!(
                    console.err(),
                    "error[M001]: `{m}` is not a readable mark: {e}\n  = help: write a Register mark such as `(S//NF)` or `(S//REL TO USA, TWN)`\n  = note: rule: {}",
                    check::Rule::MalformedMark.citation()
                )?;
                unreadable = true;
            }
        }
    }
    if unreadable {
        return Ok(Exit::Findings);
    }
    let banner = marking::rollup(&markings, profile).banner.banner();
    writeln!(console.out(), "{banner}")?;
    console.flush()?;
    Ok(Exit::Clean)
}

/// Marks split by the shell (`(S//REL TO USA, TWN)` unquoted) are joined back.
fn join_split_marks(args: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for arg in args {
        if open {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(arg);
            }
        } else {
            out.push(arg.clone());
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        open = last.trim_start().starts_with('(') && !last.contains(')');
    }
    out
}
