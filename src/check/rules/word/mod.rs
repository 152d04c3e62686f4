//! W: what only a Word document has — headers and footers with their
//! banner, content a reader may not see, document properties.

pub(crate) mod header_banner_differs;
pub(crate) mod mark_in_document_property;
pub(crate) mod mark_in_hidden_content;
pub(crate) mod text_in_document_property;
pub(crate) mod text_in_hidden_content;
