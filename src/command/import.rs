//! `cablemark import`: legacy cable text, or a Word document, into a source.

use super::{finish, or_exit_2, write_output, Exit, Stop};
use crate::input;
use crate::report::Console;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The cable text (`-` reads standard input).
    pub cable: String,
    /// Where the source is written (default: standard output).
    pub out: Option<String>,
}

/// Imports one cable; exit 2 when it cannot be read or written.
pub fn import(opts: &ImportOptions, console: &mut Console) -> std::io::Result<Exit> {
    finish(run(opts, console))
}

fn run(opts: &ImportOptions, console: &mut Console) -> Result<Exit, Stop> {
    let bytes = or_exit_2(console, input::read_bytes(&opts.cable))?;
    let name = input::display_name(&opts.cable);
    if input::is_word(&opts.cable, &bytes) {
        let converted = or_exit_2(
            console,
            input::word_source(&opts.cable, &bytes, crate::word::Mode::Import),
        )?;
        for h in &converted.facts.hidden {
            let at = h
                .paragraph
                .map_or(String::new(), |p| format!(" at paragraph {p}"));
            console.warning(format_args!(
                "{name}: {}{at} kept as an HTML comment (never rendered or released): \"{}\"",
                h.kind.name(),
                crate::word::excerpt(&h.text)
            ))?;
        }
        write_output(
            console,
            opts.out.as_deref(),
            converted.markdown.into_bytes(),
        )?;
        return Ok(Exit::Clean);
    }
    // Cables are ASCII in practice; a stray byte is not worth refusing the
    // whole cable, but it is said.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            console.warning(format_args!(
                "{name}: not valid UTF-8 at byte {offset}; invalid bytes replaced with U+FFFD"
            ))?;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let imported = crate::import::import(&text);
    for (line, message) in &imported.warnings {
        console.warning(format_args!("{name}:{line}: {message}"))?;
    }
    write_output(console, opts.out.as_deref(), imported.markdown.into_bytes())?;
    Ok(Exit::Clean)
}
