//! `cablemark`: a classification-aware document renderer.
//!
//! Data flows one way: [`source`] parses a Markdown file into the
//! [`model`]; [`check`] reports marking errors; renderers read the model's
//! effective marks and banners.

pub mod marking;
