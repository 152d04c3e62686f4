//! `cablemark explain`: a rule's documentation, or the list of rules.

use super::{finish, Exit, Stop};
use crate::check;
use crate::report::Console;

/// Prints the documentation of `code`, or every code with `list`; exit 2
/// for a code no rule has.
pub fn explain(code: Option<&str>, list: bool, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(code, list, console))
}

fn run(code: Option<&str>, list: bool, console: &mut Console) -> Result<Exit, Stop> {
    if list {
        for rule in check::Rule::ALL.iter().filter(|r| !r.removed()) {
            writeln!(
                console.out(),
                "{} {} ({})",
                rule.code(),
                rule.name(),
                rule.severity().as_str()
            )?;
        }
        console.flush()?;
        return Ok(Exit::Clean);
    }
    let code = code.unwrap_or_default().trim().to_ascii_uppercase();
    let Some(rule) = check::Rule::from_code(&code) else {
        console.error(format_args!(
            "no check has the code `{code}`; `cablemark explain` takes codes such as P001"
        ))?;
        return Ok(Exit::Unreadable);
    };
    writeln!(
        console.out(),
        "{} {} ({})\n\n{}\n\nRule: {}",
        rule.code(),
        rule.name(),
        rule.severity().as_str(),
        rule.doc(),
        rule.citation()
    )?;
    console.flush()?;
    Ok(Exit::Clean)
}
