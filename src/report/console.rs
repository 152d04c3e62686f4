//! Where commands print: standard output for results, standard error for
//! findings, warnings and reasons. Every command of [`crate::command`]
//! prints only through a [`Console`], so a test (or the language server)
//! can hand it buffers instead of the terminal.

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

pub struct Console<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    /// Colour on standard output (a terminal, and `NO_COLOR` unset).
    pub color_out: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// Standard error is a terminal: progress bars may be drawn.
    pub err_is_terminal: bool,
}

impl<'a> Console<'a> {
    /// A console writing into the given streams, without colour.
    pub fn new(out: impl Write + 'a, err: impl Write + 'a) -> Console<'a> {
        Console {
            out: Box::new(out),
            err: Box::new(err),
            color_out: false,
            color_err: false,
            err_is_terminal: false,
        }
    }

    /// The process's standard output and standard error, neither held
    /// locked: a progress bar draws on standard error from worker threads.
    pub fn stdio() -> Console<'static> {
        let out = io::stdout();
        let err = io::stderr();
        let (color_out, color_err, err_is_terminal) = (
            color_on(out.is_terminal()),
            color_on(err.is_terminal()),
            err.is_terminal(),
        );
        Console {
            // Not locked either: the language server writes standard
            // output from its own thread.
            out: Box::new(out),
            err: Box::new(err),
            color_out,
            color_err,
            err_is_terminal,
        }
    }

    /// Standard output.
    pub fn out(&mut self) -> &mut dyn Write {
        &mut *self.out
    }

    /// Standard error.
    pub fn err(&mut self) -> &mut dyn Write {
        &mut *self.err
    }

    /// `error: …` on standard error, after whatever standard output holds.
    pub fn error(&mut self, message: impl Display) -> io::Result<()> {
        self.out.flush()?;
        writeln!(self.err, "error: {message}")
    }

    /// `warning: …` on standard error.
    pub fn warning(&mut self, message: impl Display) -> io::Result<()> {
        writeln!(self.err, "warning: {message}")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

fn color_on(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
