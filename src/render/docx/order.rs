//! Schema order of WordprocessingML property elements.
//!
//! ECMA-376 defines `w:pPr`, `w:rPr`, `w:numPr`, `w:sectPr`, `w:style`,
//! `w:lvl` and the table property elements as sequences: their children must
//! come in a fixed order. docx-rs 0.4 writes some of them in its own order
//! (`<w:pPr><w:rPr/><w:pStyle/>…`, `<w:rPr><w:sz/>…<w:color/><w:b/>`,
//! `<w:numPr><w:numId/><w:ilvl/>`). LibreOffice does not mind, but Word
//! drops run properties that come out of order (a banner would lose its
//! colour or its bold) and Word for the web refuses such a package. This
//! pass re-orders the children of those elements, stably, and leaves every
//! other byte of the part as it was (text is copied raw, never re-escaped).

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// `CT_PPr`: paragraph properties.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// `CT_RPr` and `CT_ParaRPr`: run properties.
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

const NUMPR: &[&str] = &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"];

const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

const LVL: &[&str] = &[
    "w:start",
    "w:numFmt",
    "w:lvlRestart",
    "w:pStyle",
    "w:isLgl",
    "w:suff",
    "w:lvlText",
    "w:lvlPicBulletId",
    "w:legacy",
    "w:lvlJc",
    "w:pPr",
    "w:rPr",
];

const ABSTRACT_NUM: &[&str] = &[
    "w:nsid",
    "w:multiLevelType",
    "w:tmpl",
    "w:name",
    "w:styleLink",
    "w:numStyleLink",
    "w:lvl",
];

const NUM: &[&str] = &["w:abstractNumId", "w:lvlOverride"];

const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

const TRPR: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
];

const DOC_DEFAULTS: &[&str] = &["w:rPrDefault", "w:pPrDefault"];

/// The child order of an element whose children must be re-ordered.
fn order(name: &[u8]) -> Option<&'static [&'static str]> {
    Some(match name {
        b"w:pPr" => PPR,
        b"w:rPr" => RPR,
        b"w:numPr" => NUMPR,
        b"w:sectPr" => SECTPR,
        b"w:style" => STYLE,
        b"w:lvl" => LVL,
        b"w:abstractNum" => ABSTRACT_NUM,
        b"w:num" => NUM,
        b"w:tblPr" => TBLPR,
        b"w:tcPr" => TCPR,
        b"w:trPr" => TRPR,
        b"w:docDefaults" => DOC_DEFAULTS,
        _ => return None,
    })
}

/// A buffered element of a re-ordered subtree.
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

/// Sorts the children of `name` into schema order. Unknown children go
/// last in their original order; a container holding anything but elements
/// (text, comments) is left alone.
fn sort(name: &[u8], children: &mut [Node]) {
    let Some(order) = order(name) else { return };
    if children.iter().any(|c| matches!(c, Node::Other(_))) {
        return;
    }
    children.sort_by_key(|c| match c {
        Node::Element { start, .. } => order
            .iter()
            .position(|n| n.as_bytes() == start.name().as_ref())
            .unwrap_or(order.len()),
        Node::Other(_) => order.len(),
    });
}

fn write(writer: &mut Writer<Vec<u8>>, node: Node) -> std::io::Result<()> {
    match node {
        Node::Element {
            start,
            children,
            empty,
        } => {
            if empty && children.is_empty() {
                return writer.write_event(Event::Empty(start));
            }
            let end = start.to_end().into_owned();
            writer.write_event(Event::Start(start))?;
            for child in children {
                write(writer, child)?;
            }
            writer.write_event(Event::End(end))
        }
        Node::Other(event) => writer.write_event(event),
    }
}

/// Re-orders the property elements of one XML part. Everything outside
/// them is streamed through unchanged.
pub fn canonical(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 16));
    // The open elements of the subtree being buffered, outermost first.
    let mut open: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let io = |e: std::io::Error| e.to_string();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "XML error at byte {}: {e}",
                reader.error_position().min(xml.len() as u64)
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(start) => {
                if !open.is_empty() || order(start.name().as_ref()).is_some() {
                    open.push((start.into_owned(), Vec::new()));
                } else {
                    writer.write_event(Event::Start(start)).map_err(io)?;
                }
            }
            Event::Empty(start) => match open.last_mut() {
                Some((_, children)) => children.push(Node::Element {
                    start: start.into_owned(),
                    children: Vec::new(),
                    empty: true,
                }),
                None => writer.write_event(Event::Empty(start)).map_err(io)?,
            },
            Event::End(end) => match open.pop() {
                Some((start, mut children)) => {
                    sort(start.name().as_ref(), &mut children);
                    let node = Node::Element {
                        start,
                        children,
                        empty: false,
                    };
                    match open.last_mut() {
                        Some((_, siblings)) => siblings.push(node),
                        None => write(&mut writer, node).map_err(io)?,
                    }
                }
                None => writer.write_event(Event::End(end)).map_err(io)?,
            },
            other => match open.last_mut() {
                Some((_, children)) => children.push(Node::Other(other.into_owned())),
                None => writer.write_event(other).map_err(io)?,
            },
        }
    }
    if !open.is_empty() {
        return Err("XML ends inside an element".into());
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        String::from_utf8(canonical(s.as_bytes()).expect("well-formed")).expect("UTF-8")
    }

    #[test]
    fn properties_come_in_schema_order() {
        assert_eq!(
            canon(
                r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="A" /><w:numPr><w:numId w:val="2" /><w:ilvl w:val="0" /></w:numPr></w:pPr><w:r><w:rPr><w:sz w:val="24" /><w:color w:val="C8102E" /><w:b /></w:rPr><w:t xml:space="preserve">A &amp; B</w:t></w:r></w:p>"#
            ),
            r#"<w:p><w:pPr><w:pStyle w:val="A" /><w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr><w:rPr /></w:pPr><w:r><w:rPr><w:b /><w:color w:val="C8102E" /><w:sz w:val="24" /></w:rPr><w:t xml:space="preserve">A &amp; B</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn other_content_is_untouched() {
        let s = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:body><w:p><w:r><w:t>z</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p></w:body>"#;
        assert_eq!(canon(s), s);
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(canonical(b"<w:pPr><w:b></w:pPr>").is_err());
        assert!(canonical(b"<w:pPr>").is_err());
    }
}
