//! `cablemark lsp`: a Language Server over standard input and output
//! (lsp-server and lsp-types, as rust-analyzer and ruff use them), on the
//! same engine as `check`, so the editor, the command line and CI agree.
//!
//! Full-text sync; diagnostics published on open and on every change
//! (severity, code, a link to the rule's documentation, the rule cited,
//! the section heading an inherited mark comes from); quick fixes from the
//! diagnostics' fixes, and "fix all safe"; hover on a mark (its Register
//! form, the effective mark with inheritance, who may receive it); the
//! banner as a code lens on the first line; document symbols (sections,
//! the non-paper, numbered paragraphs). It never writes a file, and a
//! handler that fails answers with an error instead of ending the server.

use std::collections::HashMap;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types as lsp;

use crate::check::{self, fix::Applicability, Diagnostic, Severity};
use crate::marking::{Marking, Releasable};
use crate::model::{Document, Span};

/// Why the server stopped with an error (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(String),
}

/// The server's capabilities.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new("source.fixAll.cablemark"),
                ]),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..Default::default()
    }
}

/// Runs the server on standard input and output until `shutdown` and
/// `exit`.
pub fn run() -> Result<(), LspError> {
    let (connection, reader, writer) = stdio_connection();
    let caps =
        serde_json::to_value(capabilities()).map_err(|e| LspError::Protocol(e.to_string()))?;
    connection
        .initialize(caps)
        .map_err(|e| LspError::Protocol(e.to_string()))?;
    let mut server = Server::default();
    serve(&connection, &mut server)?;
    drop(connection);
    // The reader ends at `exit` or at the end of the input; a message it
    // refused (too large, malformed) is an error.
    let read = reader
        .join()
        .map_err(|_| LspError::Protocol("the reader stopped".to_string()))?;
    writer
        .join()
        .map_err(|_| LspError::Protocol("the writer stopped".to_string()))?
        .map_err(|e| LspError::Protocol(e.to_string()))?;
    read.map_err(|e| LspError::Protocol(e.to_string()))
}

/// The largest message accepted: a header naming more (`Content-Length:
/// 10000000000000`) ends the server instead of reserving the memory.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// A connection over standard input and output whose reader bounds every
/// header line and every message (lsp-server's own reader sizes its buffer
/// from the header).
fn stdio_connection() -> (
    Connection,
    std::thread::JoinHandle<std::io::Result<()>>,
    std::thread::JoinHandle<std::io::Result<()>>,
) {
    let (to_client, from_server) = crossbeam_channel::bounded::<Message>(0);
    let (to_server, from_client) = crossbeam_channel::bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        from_server.into_iter().try_for_each(|m| m.write(&mut out))
    });
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = std::io::BufReader::new(stdin.lock());
        while let Some(msg) = read_message(&mut input)? {
            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            if to_server.send(msg).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        reader,
        writer,
    )
}

/// One framed message, with its size bounded.
fn read_message(input: &mut impl std::io::BufRead) -> std::io::Result<Option<Message>> {
    use std::io::{BufRead, Read};
    let bad = |m: String| std::io::Error::new(std::io::ErrorKind::InvalidData, m);
    let mut size: Option<usize> = None;
    loop {
        let mut line = Vec::new();
        let n = input.by_ref().take(8192).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            return Err(bad("an LSP header line is too long".to_string()));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(": ") {
            if name.eq_ignore_ascii_case("Content-Length") {
                let n: usize = value
                    .trim()
                    .parse()
                    .map_err(|_| bad(format!("bad Content-Length `{value}`")))?;
                if n > MAX_MESSAGE_BYTES {
                    return Err(bad(format!(
                        "an LSP message of {n} bytes is over the limit of {MAX_MESSAGE_BYTES}"
                    )));
                }
                size = Some(n);
            }
        }
    }
    let size = size.ok_or_else(|| bad("an LSP message without Content-Length".to_string()))?;
    let mut body = vec![0u8; size];
    input.read_exact(&mut body)?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| bad(format!("malformed LSP message: {e}")))
}

fn serve(connection: &Connection, server: &mut Server) -> Result<(), LspError> {
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                let shutdown = connection
                    .handle_shutdown(&req)
                    .map_err(|e| LspError::Protocol(e.to_string()))?;
                if shutdown {
                    return Ok(());
                }
                let id = req.id.clone();
                let response =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.request(req)))
                        .unwrap_or_else(|_| {
                            Response::new_err(id, -32603, "internal error in cablemark".to_string())
                        });
                send(connection, Message::Response(response))?;
            }
            Message::Notification(note) => {
                let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.notification(note)
                }))
                .unwrap_or_default();
                for n in out {
                    send(connection, Message::Notification(n))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, msg: Message) -> Result<(), LspError> {
    connection
        .sender
        .send(msg)
        .map_err(|e| LspError::Protocol(e.to_string()))
}

/// Open documents, by URI: their text and what it reads as.
#[derive(Default)]
pub struct Server {
    docs: HashMap<String, Open>,
}

struct Open {
    uri: lsp::Uri,
    text: String,
    doc: Option<Document>,
    diagnostics: Vec<Diagnostic>,
}

impl Server {
    /// Handles a notification; returns the notifications to send back.
    pub fn notification(&mut self, note: Notification) -> Vec<Notification> {
        match note.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                let d = p.text_document;
                self.update(d.uri, d.text, Some(d.version))
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                // Full sync: the last change holds the whole text.
                match p.content_changes.into_iter().last() {
                    Some(c) => {
                        self.update(p.text_document.uri, c.text, Some(p.text_document.version))
                    }
                    None => Vec::new(),
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                self.docs.remove(p.text_document.uri.as_str());
                vec![publish(&p.text_document.uri, Vec::new(), None)]
            }
            _ => Vec::new(),
        }
    }

    fn update(&mut self, uri: lsp::Uri, text: String, version: Option<i32>) -> Vec<Notification> {
        let path = uri.path().as_str().to_string();
        let (doc, diagnostics, parse_error) = match crate::source::parse(&path, text.clone()) {
            Ok(doc) => {
                let diagnostics = check::check(&doc, &check::Options::default());
                (Some(doc), diagnostics, None)
            }
            Err(e) => (None, Vec::new(), Some(e)),
        };
        let index = LineIndex::new(&text);
        let mut out: Vec<lsp::Diagnostic> = diagnostics
            .iter()
            .map(|d| to_lsp(d, &index, doc.as_ref(), &uri))
            .collect();
        if let Some(crate::source::SourceError::Parse {
            offset, message, ..
        }) = parse_error
        {
            out.push(lsp::Diagnostic {
                range: index.range(Span::new(offset, offset + 1)),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                source: Some("cablemark".to_string()),
                message: format!("the source cannot be read: {message}"),
                ..Default::default()
            });
        }
        let note = publish(&uri, out, version);
        self.docs.insert(
            uri.as_str().to_string(),
            Open {
                uri,
                text,
                doc,
                diagnostics,
            },
        );
        vec![note]
    }

    /// Handles a request and answers it.
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            "textDocument/hover" => serde_json::from_value::<lsp::HoverParams>(req.params)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            "textDocument/codeAction" => {
                serde_json::from_value::<lsp::CodeActionParams>(req.params)
                    .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default())
            }
            "textDocument/codeLens" => serde_json::from_value::<lsp::CodeLensParams>(req.params)
                .map(|p| serde_json::to_value(self.code_lens(&p)).unwrap_or_default()),
            "textDocument/documentSymbol" => {
                serde_json::from_value::<lsp::DocumentSymbolParams>(req.params)
                    .map(|p| serde_json::to_value(self.symbols(&p)).unwrap_or_default())
            }
            other => {
                return Response::new_err(id, -32601, format!("`{other}` is not handled"));
            }
        };
        match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err(e) => Response::new_err(id, -32602, e.to_string()),
        }
    }

    fn open(&self, uri: &lsp::Uri) -> Option<&Open> {
        self.docs.get(uri.as_str())
    }

    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let open = self.open(&p.text_document_position_params.text_document.uri)?;
        let doc = open.doc.as_ref()?;
        let index = LineIndex::new(&open.text);
        let at = index.offset(p.text_document_position_params.position);
        let banner_rel = match &doc.banners.document.rel {
            Some(crate::marking::Rel::List(l)) => Some(l.clone()),
            _ => None,
        };
        let who = |m: &Marking| match m.releasable(banner_rel.as_deref()) {
            Releasable::Everyone => "anyone (plain unclassified)".to_string(),
            Releasable::NoOne => "no foreign country".to_string(),
            Releasable::To(set) => set.into_iter().collect::<Vec<_>>().join(", "),
        };
        // A mark under the cursor, else the portion around it.
        for (i, p) in doc.portions.iter().enumerate() {
            let in_mark = p
                .all_marks()
                .find(|m| m.span.start <= at && at < m.span.end);
            let in_portion = p.span.start <= at && at < p.span.end;
            if !(in_mark.is_some() || in_portion) {
                continue;
            }
            // The innermost portion: skip a parent when a child holds `at`.
            if doc.portions[i + 1..]
                .iter()
                .any(|q| q.span.start <= at && at < q.span.end && q.parent == Some(i))
            {
                continue;
            }
            let mut text = String::new();
            if let Some(m) = in_mark {
                match &m.parsed {
                    Ok(parsed) => text.push_str(&format!(
                        "**{}** reads as `{}` (Register form)\n\n",
                        m.text,
                        parsed.marking.portion()
                    )),
                    Err(e) => text.push_str(&format!(
                        "**{}** cannot be read: {e}. It counts as `{}` (fail closed).\n\n",
                        m.text,
                        m.counted.portion()
                    )),
                }
            }
            match &p.effective {
                Some(m) => {
                    let from = if p.inherited {
                        match (p.parent, p.section) {
                            (Some(_), _) => " (inherited from the block it belongs to)".to_string(),
                            (None, Some(s)) => format!(
                                " (inherited from the section heading `{}`)",
                                doc.sections[s].title
                            ),
                            _ => " (inherited)".to_string(),
                        }
                    } else if p.extra_marks.len() + p.inner_marks.len() > 0 {
                        " (the most restrictive of the block's marks)".to_string()
                    } else {
                        String::new()
                    };
                    text.push_str(&format!(
                        "Effective mark: `{}`{from}\n\nMay be released to: {}\n\nBanner: `{}`",
                        m.portion(),
                        who(m),
                        doc.banners.document.banner()
                    ));
                }
                None => text.push_str("No mark: released to no one."),
            }
            let range = in_mark.map_or(p.span, |m| m.span);
            return Some(lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: text,
                }),
                range: Some(index.range(range)),
            });
        }
        // The subject's marks.
        let s = doc.subject.as_ref()?;
        let m = s
            .all_marks()
            .find(|m| m.span.start <= at && at < m.span.end)?;
        let effective = s.effective.as_ref()?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: format!(
                    "**{}** (the subject) reads as `{}`\n\nMay be released to: {}",
                    m.text,
                    effective.portion(),
                    who(effective)
                ),
            }),
            range: Some(index.range(m.span)),
        })
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let Some(open) = self.open(&p.text_document.uri) else {
            return Vec::new();
        };
        let index = LineIndex::new(&open.text);
        let (from, to) = (index.offset(p.range.start), index.offset(p.range.end));
        let mut out = Vec::new();
        for d in &open.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let touches = d.span.start <= to.max(from + 1) && from <= d.span.end;
            if !touches {
                continue;
            }
            let edits: Vec<lsp::TextEdit> = fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: index.range_exact(e.span),
                    new_text: e.replacement.clone(),
                })
                .collect();
            let unsafe_note = if fix.applicability == Applicability::Unsafe {
                " (unsafe: changes the portions)"
            } else {
                ""
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("{}: {}{unsafe_note}", d.code, fix.message),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(d, &index, open.doc.as_ref(), &open.uri)]),
                edit: Some(workspace_edit(&open.uri, edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..Default::default()
            }));
        }
        // Every safe fix of the document at once.
        let fixed = check::fix::fix_source(
            open.uri.path().as_str(),
            &open.text,
            false,
            &check::Options::default(),
        );
        if fixed.applied > 0 {
            let whole = lsp::TextEdit {
                range: index.range_exact(Span::new(0, open.text.len())),
                new_text: fixed.text,
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("Fix all safe ({} fixes)", fixed.applied),
                kind: Some(lsp::CodeActionKind::new("source.fixAll.cablemark")),
                edit: Some(workspace_edit(&open.uri, vec![whole])),
                ..Default::default()
            }));
        }
        out
    }

    fn code_lens(&self, p: &lsp::CodeLensParams) -> Vec<lsp::CodeLens> {
        let Some(doc) = self.open(&p.text_document.uri).and_then(|o| o.doc.as_ref()) else {
            return Vec::new();
        };
        vec![lsp::CodeLens {
            range: lsp::Range::default(),
            command: Some(lsp::Command {
                title: format!("banner: {}", doc.banners.document.banner()),
                command: "cablemark.banner".to_string(),
                arguments: None,
            }),
            data: None,
        }]
    }

    #[allow(deprecated)] // DocumentSymbol::deprecated is a required field
    fn symbols(&self, p: &lsp::DocumentSymbolParams) -> lsp::DocumentSymbolResponse {
        let Some(open) = self.open(&p.text_document.uri) else {
            return lsp::DocumentSymbolResponse::Nested(Vec::new());
        };
        let Some(doc) = open.doc.as_ref() else {
            return lsp::DocumentSymbolResponse::Nested(Vec::new());
        };
        let index = LineIndex::new(&open.text);
        let symbol = |name: String, detail: Option<String>, kind, span: Span| lsp::DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: index.range(span),
            selection_range: index.range(span),
            children: None,
        };
        let mut out = Vec::new();
        for s in &doc.sections {
            let heading = &doc.portions[s.heading];
            let name = if s.nonpaper {
                format!("Non-paper: {}", s.title)
            } else {
                s.title.clone()
            };
            let kind = if s.nonpaper {
                lsp::SymbolKind::STRUCT
            } else {
                lsp::SymbolKind::NAMESPACE
            };
            let end = doc
                .portions
                .get(s.end.saturating_sub(1))
                .map_or(heading.span.end, |p| p.span.end.max(heading.span.end));
            out.push(symbol(
                if name.is_empty() {
                    "(section)".to_string()
                } else {
                    name
                },
                heading.effective.as_ref().map(Marking::portion),
                kind,
                Span::new(heading.span.start, end),
            ));
        }
        for p in doc.portions.iter().filter(|p| p.number.is_some()) {
            let n = p.number.unwrap_or_default();
            out.push(symbol(
                format!("paragraph {n}"),
                p.effective.as_ref().map(Marking::portion),
                lsp::SymbolKind::FIELD,
                p.span,
            ));
        }
        out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
        lsp::DocumentSymbolResponse::Nested(out)
    }
}

// lsp-types' WorkspaceEdit is keyed by Uri, which clippy sees as a mutable
// key (a cached parse inside); it is never mutated here.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

fn publish(
    uri: &lsp::Uri,
    diagnostics: Vec<lsp::Diagnostic>,
    version: Option<i32>,
) -> Notification {
    Notification::new(
        "textDocument/publishDiagnostics".to_string(),
        lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        },
    )
}

/// A check diagnostic as the editor shows it.
fn to_lsp(
    d: &Diagnostic,
    index: &LineIndex,
    doc: Option<&Document>,
    uri: &lsp::Uri,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    message.push_str(&format!("\nrule: {}", d.rule));
    // Where an inherited mark comes from: the section heading.
    let related = doc.and_then(|doc| {
        let p = doc
            .portions
            .iter()
            .find(|p| p.inherited && p.span.start <= d.span.start && d.span.start < p.span.end)?;
        let s = &doc.sections[p.section?];
        let heading = &doc.portions[s.heading];
        Some(vec![lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: index.range(heading.span),
            },
            message: format!(
                "the mark {} is inherited from this heading",
                p.effective
                    .as_ref()
                    .map(Marking::portion)
                    .unwrap_or_default()
            ),
        }])
    });
    lsp::Diagnostic {
        range: index.range(d.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        // `cablemark explain CODE` prints the same text.
        code_description: format!("cablemark:explain/{}", d.code)
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("cablemark".to_string()),
        message,
        related_information: related,
        data: Some(serde_json::json!({ "explain": d.kind.doc(), "rule": d.kind.citation() })),
        ..Default::default()
    }
}

/// Byte offsets to LSP positions (lines, UTF-16 code units) and back.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        lsp::Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn offset(&self, p: lsp::Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map_or(self.text.len(), |e| e - 1);
        let mut units = 0u32;
        for (i, c) in self.text[start..end.max(start)].char_indices() {
            if units >= p.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end.max(start)
    }

    /// A diagnostic's range: at least one character wide.
    pub fn range(&self, span: Span) -> lsp::Range {
        let end = if span.end > span.start {
            span.end
        } else {
            span.start + 1
        };
        lsp::Range {
            start: self.position(span.start),
            end: self.position(end),
        }
    }

    /// An edit's range, exactly (an insertion is empty).
    pub fn range_exact(&self, span: Span) -> lsp::Range {
        lsp::Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a𝄞b\nİz\n";
        let ix = LineIndex::new(text);
        assert_eq!(
            ix.position(5),
            lsp::Position {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            ix.offset(lsp::Position {
                line: 0,
                character: 3
            }),
            5
        );
        assert_eq!(
            ix.position(7),
            lsp::Position {
                line: 1,
                character: 0
            }
        );
        assert_eq!(
            ix.offset(lsp::Position {
                line: 9,
                character: 0
            }),
            text.len()
        );
    }

    #[test]
    fn hostile_texts_never_panic() {
        let mut server = Server::default();
        let uri: lsp::Uri = "file:///t.md".parse().expect("uri");
        for text in [
            "",
            "---\n",
            "---\na: [\n---\n",
            "(S//NF\u{202E}) x\n\n- \u{200B}(S) y",
            "\u{0}\u{FEFF}",
        ] {
            let out = server.update(uri.clone(), text.to_string(), Some(1));
            assert_eq!(out.len(), 1);
            for pos in [(0, 0), (0, 5), (3, 2), (100, 100)] {
                let p = lsp::HoverParams {
                    text_document_position_params: lsp::TextDocumentPositionParams {
                        text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
                        position: lsp::Position {
                            line: pos.0,
                            character: pos.1,
                        },
                    },
                    work_done_progress_params: Default::default(),
                };
                let _ = server.hover(&p);
            }
        }
    }
}
