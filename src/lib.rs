//! `cablemark`: a classification-aware document renderer.
//!
//! Data flows one way: [`source`] parses a Markdown file into the
//! [`model`]; [`check`] reports marking errors; renderers read the model's
//! effective marks and banners, never Markdown.

pub mod authority;
pub mod cable;
pub mod check;
pub mod command;
pub mod date;
pub mod import;
pub mod input;
pub mod lsp;
pub mod markdown;
pub mod marking;
pub mod model;
pub mod release;
pub mod render;
pub mod report;
pub mod source;
pub mod word;
