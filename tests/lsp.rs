//! `cablemark lsp` driven by a scripted client over stdio, as an editor
//! would: diagnostics on open and after an edit, quick fixes, hover, the
//! banner lens, the outline, a clean shutdown; and the latency of an edit
//! on a 1,000-paragraph document, timed from the client.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cablemark"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut c = Client {
            child,
            stdin,
            stdout,
            next: 1,
        };
        let r = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        assert!(
            r["result"]["capabilities"]["hoverProvider"]
                .as_bool()
                .unwrap_or(false),
            "{r}"
        );
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn read(&mut self) -> Value {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("header");
            assert!(!line.is_empty(), "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().expect("length");
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("json")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.read();
            if m["id"] == json!(id) {
                return m;
            }
        }
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Vec<Value> {
        loop {
            let m = self.read();
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }
}

const URI: &str = "file:///tmp/draft.md";

fn draft(mark_third: bool) -> String {
    let third = if mark_third { "(U) " } else { "" };
    format!(
        "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: ISN DIRECTOR\nreasons: [b, d]\ndeclassify_on: 2034-06-12\nsubject: (S) Draft\n---\n\n(S/NF) A legacy paragraph.\n\n(S//REL TO TWN, USA) Out of order.\n\n{third}An unmarked paragraph.\n\n## (SECRET REL TAIWAN) Points {{.nonpaper}}\n\n- We appreciate our cooperation.\n"
    )
}

fn codes_at(diags: &[Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn an_editor_session() {
    let mut c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": draft(false) } }),
    );
    let diags = c.diagnostics();
    let codes = codes_at(&diags);
    // Lines are 0-based: the legacy mark on line 10, the list on 12, the
    // unmarked paragraph on 14.
    assert!(codes.contains(&("M002".into(), 9)), "{codes:?}");
    assert!(
        codes.contains(&("M009".into(), 11)) || codes.contains(&("M004".into(), 11)),
        "{codes:?}"
    );
    assert!(codes.contains(&("P001".into(), 13)), "{codes:?}");
    let p001 = diags.iter().find(|d| d["code"] == "P001").expect("P001");
    assert_eq!(p001["severity"], 1, "an error");
    assert!(p001["message"]
        .as_str()
        .unwrap_or("")
        .contains("rule: 32 CFR 2001.21(c)"));
    assert!(p001["codeDescription"]["href"]
        .as_str()
        .unwrap_or("")
        .contains("P001"));

    // Quick fixes: (S//NF), USA first; none marks the unmarked paragraph.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 20, "character": 0 } }, "context": { "diagnostics": [] } }),
    );
    let actions = actions["result"].as_array().cloned().unwrap_or_default();
    let edits: Vec<String> = actions
        .iter()
        .flat_map(|a| {
            a["edit"]["changes"][URI]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|e| e["newText"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(edits.iter().any(|e| e == "(S//NF)"), "{edits:?}");
    assert!(
        edits.iter().any(|e| e == "(S//REL TO USA, TWN)"),
        "{edits:?}"
    );
    assert!(
        !edits
            .iter()
            .any(|e| e.contains("An unmarked paragraph") && !e.contains("---")),
        "{edits:?}"
    );
    let fix_all = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Fix all safe")
        })
        .expect("fix all");
    let whole = fix_all["edit"]["changes"][URI][0]["newText"]
        .as_str()
        .unwrap_or("");
    assert!(
        whole.contains("\nAn unmarked paragraph.\n"),
        "the fix-all marked the unmarked paragraph"
    );

    // Hover on the legacy non-paper mark shows its REL TO list.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 15, "character": 5 } }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("REL TO USA, TWN"), "{hover}");

    // The banner lens and the outline.
    let lens = c.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert!(
        lens["result"][0]["command"]["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("banner: SECRET"),
        "{lens}"
    );
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        names.iter().any(|n| n.starts_with("Non-paper")),
        "{names:?}"
    );
    assert!(names.contains(&"paragraph 1"), "{names:?}");

    // An edit that marks the paragraph: its diagnostic is gone.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": draft(true) }] }),
    );
    let codes = codes_at(&c.diagnostics());
    assert!(!codes.iter().any(|(c, _)| c == "P001"), "{codes:?}");

    // Hostile text never ends the server.
    for text in [
        "",
        "---\n",
        "\u{0}\u{202E}(S//NF",
        "(S) a\r(S//NF) b\u{2028}",
    ] {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": text }] }),
        );
        c.diagnostics();
    }

    let r = c.request("shutdown", Value::Null);
    assert!(r["error"].is_null(), "{r}");
    c.notify("exit", Value::Null);
    drop(c.stdin);
    let status = c.child.wait().expect("exits");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn an_edit_of_a_thousand_paragraphs_is_checked_quickly() {
    let mut text = draft(true);
    for i in 0..1000 {
        text.push_str(&format!(
            "\n(S//REL TO USA, TWN) Paragraph {i} of our export control talking points.\n"
        ));
    }
    let mut c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": text } }),
    );
    c.diagnostics();
    let mut times = Vec::new();
    for v in 2..7 {
        let edited = text.replace("Paragraph 500 ", &format!("Paragraph 500 edit {v} "));
        let start = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": v }, "contentChanges": [{ "text": edited }] }),
        );
        c.diagnostics();
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    eprintln!(
        "lsp: diagnostics after an edit of 1,000 paragraphs: median {median:?} (debug build)"
    );
    // The figure is measured in release (README); this only catches a hang.
    assert!(median < Duration::from_secs(10));
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    drop(c.stdin);
    assert_eq!(c.child.wait().expect("exits").code(), Some(0));
}

#[test]
fn a_huge_content_length_ends_the_server_instead_of_eating_memory() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "rootUri": null, "capabilities": {} } }).to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{init}", init.len()).expect("write");
    let initialized =
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }).to_string();
    write!(
        stdin,
        "Content-Length: {}\r\n\r\n{initialized}",
        initialized.len()
    )
    .expect("write");
    write!(stdin, "Content-Length: 10000000000000\r\n\r\n{{}}").expect("write");
    let _ = stdin.flush();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(2), "a refused message is exit 2");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(stdin);
}
