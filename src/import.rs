//! `cablemark import`: legacy cable text into a source. The telegram
//! format, both ways, is [`crate::cable`]; this is its entry point under
//! the name the command has.

pub use crate::cable::{import, Imported};
