//! The HTML report: one static, self-contained page (inline style, one small inline script,
//! no network, no build step) drawn from a report directory's history. The last run is the
//! current state: a provider × operation × example matrix of coloured cells, a pass/drift/fail
//! trend per provider over the runs, and per example a `<details>` block with the request as a
//! curl line, the difference (the failure or drift lines, and the documented response against
//! the observed one, line by line), the erratum behind it, and since when its status holds.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::history::{Row, Run, Status};

/// Runs shown in a trend, the latest ones.
const TREND_RUNS: usize = 30;

const STYLE: &str = "
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:80em}
h1{margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
.meta{color:#555}
table.matrix{border-collapse:collapse;margin:.5em 0 1em}
table.matrix th,table.matrix td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
table.matrix caption{text-align:left;font-weight:bold;padding:.3em 0}
a.cell{display:inline-block;margin:1px;padding:1px 6px;border-radius:3px;color:#fff;text-decoration:none}
.passed{background:#2e7d32}.drifted{background:#e08b00}.failed{background:#c62828}.skipped{background:#8a8a8a}
.badge{display:inline-block;min-width:4.5em;text-align:center;padding:0 4px;border-radius:3px;color:#fff}
details{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.2em .6em;background:#fff}
details[open]{background:#fafafa}
summary{cursor:pointer}
.since{color:#666;font-size:90%}
pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5em;margin:.3em 0}
.diff span{display:block}.diff .del{background:#fde2e1}.diff .ins{background:#dcf5dc}
.cols{display:flex;gap:1em}.cols>div{flex:1;min-width:0}
.legend span{margin-right:1em}
svg{vertical-align:middle}
";

/// Open the example a link or the address points at.
const SCRIPT: &str = "
function openTarget(){var id=decodeURIComponent(location.hash.slice(1));var d=id&&document.getElementById(id);if(d&&d.tagName==='DETAILS'){d.open=true;}}
window.addEventListener('hashchange',openTarget);openTarget();
";

/// The page for `history` (oldest run first); an empty history is a page saying so.
pub fn page(history: &[Run]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Conformance report</title>\n");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<h1>Conformance report</h1>\n");
    let Some(last) = history.last() else {
        out.push_str("<p class=\"meta\">No runs yet.</p>\n</body>\n</html>\n");
        return out;
    };
    let count = |s: Status| last.rows.iter().filter(|r| r.status == s).count();
    let _ = writeln!(
        out,
        "<p class=\"meta\" id=\"summary\">Last run {} against the {}{}; {} run(s) in the history. \
         <b>{}</b> passed, <b>{}</b> drifted, <b>{}</b> failed, <b>{}</b> skipped.</p>",
        when(last.at),
        esc(&last.target),
        last.partition
            .as_deref()
            .map(|p| format!(" (part {})", esc(p)))
            .unwrap_or_default(),
        history.len(),
        count(Status::Passed),
        count(Status::Drifted),
        count(Status::Failed),
        count(Status::Skipped),
    );
    matrix(&mut out, last);
    trend(&mut out, history);
    examples(&mut out, history, last);
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// One provider's operations, in order, each with its rows.
type Operations<'r> = Vec<(&'r str, Vec<&'r Row>)>;

/// Providers in the order of the run, each with its operations in order, each with its rows.
fn grouped(run: &Run) -> Vec<(&str, Operations<'_>)> {
    let mut out: Vec<(&str, Operations<'_>)> = Vec::new();
    for row in &run.rows {
        let pi = match out.iter().position(|(p, _)| *p == row.provider) {
            Some(i) => i,
            None => {
                out.push((&row.provider, Vec::new()));
                out.len() - 1
            }
        };
        let ops = &mut out[pi].1;
        match ops.iter_mut().find(|(o, _)| *o == row.operation) {
            Some((_, rows)) => rows.push(row),
            None => ops.push((&row.operation, vec![row])),
        }
    }
    out
}

fn matrix(out: &mut String, run: &Run) {
    out.push_str("<h2>Matrix</h2>\n<p class=\"legend\">");
    for s in [
        Status::Passed,
        Status::Drifted,
        Status::Failed,
        Status::Skipped,
    ] {
        let _ = write!(
            out,
            "<span><span class=\"badge {0}\">{0}</span></span>",
            s.as_str()
        );
    }
    out.push_str("</p>\n");
    for (provider, ops) in grouped(run) {
        let _ = writeln!(
            out,
            "<table class=\"matrix\" data-provider=\"{0}\">\n<caption>{0}</caption>",
            esc(provider)
        );
        for (op, rows) in ops {
            let _ = write!(out, "<tr><th>{}</th><td>", esc(op));
            for r in rows {
                let _ = write!(
                    out,
                    "<a class=\"cell {s}\" href=\"#{id}\" data-example=\"{id}\" \
                     data-status=\"{s}\" title=\"{ex}: {s}\">{ex}</a>",
                    s = r.status.as_str(),
                    id = esc(&anchor(r)),
                    ex = esc(&r.example),
                );
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</table>\n");
    }
}

/// Per provider, a bar per run (the latest [`TREND_RUNS`]): passed, drifted and failed
/// examples stacked, skipped ones left out.
fn trend(out: &mut String, history: &[Run]) {
    let runs = &history[history.len().saturating_sub(TREND_RUNS)..];
    let mut providers: Vec<&str> = Vec::new();
    for run in runs {
        for r in &run.rows {
            if !providers.contains(&r.provider.as_str()) {
                providers.push(&r.provider);
            }
        }
    }
    out.push_str("<h2>Trend</h2>\n<table class=\"matrix\" id=\"trend\">\n");
    let (bar, gap, height) = (10usize, 3usize, 40usize);
    for provider in providers {
        let width = runs.len() * (bar + gap);
        let _ = write!(
            out,
            "<tr><th>{}</th><td><svg width=\"{width}\" height=\"{height}\" role=\"img\" \
             aria-label=\"passed, drifted and failed examples of {0} per run\">",
            esc(provider)
        );
        for (i, run) in runs.iter().enumerate() {
            let of = |s: Status| {
                run.rows
                    .iter()
                    .filter(|r| r.provider == provider && r.status == s)
                    .count()
            };
            let parts = [
                (Status::Failed, of(Status::Failed)),
                (Status::Drifted, of(Status::Drifted)),
                (Status::Passed, of(Status::Passed)),
            ];
            let total: usize = parts.iter().map(|(_, n)| n).sum();
            if total == 0 {
                continue;
            }
            let x = i * (bar + gap);
            let mut y = 0;
            for (status, n) in parts {
                let h = n * height / total;
                if h == 0 {
                    continue;
                }
                let _ = write!(
                    out,
                    "<rect class=\"{s}\" x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" \
                     fill=\"{fill}\"><title>{when}: {n} {s}</title></rect>",
                    s = status.as_str(),
                    fill = fill(status),
                    when = when(run.at),
                );
                y += h;
            }
        }
        out.push_str("</svg></td></tr>\n");
    }
    out.push_str("</table>\n");
}

fn fill(s: Status) -> &'static str {
    match s {
        Status::Passed => "#2e7d32",
        Status::Drifted => "#e08b00",
        Status::Failed => "#c62828",
        Status::Skipped => "#8a8a8a",
    }
}

fn examples(out: &mut String, history: &[Run], last: &Run) {
    out.push_str("<h2>Examples</h2>\n");
    let since = since(history);
    let rows = grouped(last)
        .into_iter()
        .flat_map(|(_, ops)| ops.into_iter().flat_map(|(_, rows)| rows));
    for r in rows {
        let key = (
            r.provider.as_str(),
            r.operation.as_str(),
            r.example.as_str(),
        );
        let (from, runs) = since.get(&key).copied().unwrap_or((last.at, 1));
        let _ = write!(
            out,
            "<details id=\"{id}\" class=\"example\" data-status=\"{s}\">\n<summary>\
             <span class=\"badge {s}\">{s}</span> {p}.{o} <b>{e}</b> \
             <span class=\"since\">since {when} ({runs} run(s))</span></summary>\n",
            id = esc(&anchor(r)),
            s = r.status.as_str(),
            p = esc(&r.provider),
            o = esc(&r.operation),
            e = esc(&r.example),
            when = when(from),
        );
        if let Some(e) = &r.erratum {
            let _ = writeln!(out, "<p class=\"erratum\"><b>Erratum</b> {}</p>", esc(e));
        }
        if let Some(req) = &r.request {
            let _ = writeln!(
                out,
                "<p><b>Request</b></p><pre class=\"request\">{}</pre>",
                esc(req)
            );
        }
        if let Some(d) = &r.detail {
            let _ = writeln!(
                out,
                "<p><b>Difference</b></p><pre class=\"detail\">{}</pre>",
                esc(d)
            );
        }
        if r.expected.is_some() || r.observed.is_some() {
            let expected = r.expected.as_ref().map(pretty).unwrap_or_default();
            let observed = r.observed.as_ref().map(pretty).unwrap_or_default();
            out.push_str("<div class=\"cols\">");
            let _ = write!(
                out,
                "<div><p><b>Expected</b> (documented)</p><pre class=\"expected\">{}</pre></div>",
                esc(&expected)
            );
            let _ = write!(
                out,
                "<div><p><b>Observed</b></p><pre class=\"observed\">{}</pre></div>",
                esc(&observed)
            );
            out.push_str("</div>\n");
            if same_shape(r.expected.as_ref(), r.observed.as_ref()) && expected != observed {
                out.push_str("<p><b>Expected → observed</b></p><pre class=\"diff\">");
                for change in similar::TextDiff::from_lines(&expected, &observed).iter_all_changes()
                {
                    let (class, sign) = match change.tag() {
                        similar::ChangeTag::Delete => ("del", '-'),
                        similar::ChangeTag::Insert => ("ins", '+'),
                        similar::ChangeTag::Equal => ("same", ' '),
                    };
                    let line = change.value().trim_end_matches('\n');
                    let _ = write!(out, "<span class=\"{class}\">{sign} {}</span>", esc(line));
                }
                out.push_str("</pre>\n");
            }
        }
        out.push_str("</details>\n");
    }
}

/// For each example of the last run: since which run its status holds (runs where it is
/// absent, such as other parts or providers, neither end nor extend the streak), and in how
/// many runs.
fn since(history: &[Run]) -> BTreeMap<(&str, &str, &str), (u64, usize)> {
    let mut out = BTreeMap::new();
    let Some(last) = history.last() else {
        return out;
    };
    for r in &last.rows {
        let key = (
            r.provider.as_str(),
            r.operation.as_str(),
            r.example.as_str(),
        );
        let (mut from, mut runs) = (last.at, 0);
        for run in history.iter().rev() {
            let same = run.rows.iter().find(|x| {
                (
                    x.provider.as_str(),
                    x.operation.as_str(),
                    x.example.as_str(),
                ) == key
            });
            match same {
                Some(x) if x.status == r.status => {
                    from = run.at;
                    runs += 1;
                }
                Some(_) => break,
                None => {}
            }
        }
        out.insert(key, (from, runs.max(1)));
    }
    out
}

/// Both are objects with the same members (a mock run shows a documented failure in another
/// shape than the documented response: no line diff for those).
fn same_shape(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            a.len() == b.len() && a.keys().all(|k| b.contains_key(k))
        }
        _ => false,
    }
}

/// The element id of an example's details.
fn anchor(r: &Row) -> String {
    format!("ex-{}.{}.{}", r.provider, r.operation, r.example)
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A run's time as `YYYY-MM-DD HH:MM:SS UTC`.
fn when(at: u64) -> String {
    let d = runtime::sign::sdk_date(at);
    match (
        d.get(0..4),
        d.get(4..6),
        d.get(6..8),
        d.get(9..11),
        d.get(11..13),
        d.get(13..15),
    ) {
        (Some(y), Some(mo), Some(da), Some(h), Some(mi), Some(s)) => {
            format!("{y}-{mo}-{da} {h}:{mi}:{s} UTC")
        }
        _ => d,
    }
}

/// Text as HTML (element content and quoted attribute values).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(at: u64, status: Status) -> Run {
        Run {
            at,
            target: "live".into(),
            partition: None,
            rows: vec![Row {
                provider: "p".into(),
                operation: "o".into(),
                example: "e".into(),
                status,
                erratum: None,
                request: None,
                detail: None,
                expected: None,
                observed: None,
            }],
        }
    }

    #[test]
    fn a_status_holds_since_it_last_changed() {
        let mut absent = run(25, Status::Passed);
        absent.rows.clear();
        let history = [
            run(10, Status::Passed),
            run(20, Status::Failed),
            absent,
            run(30, Status::Failed),
        ];
        assert_eq!(since(&history)[&("p", "o", "e")], (20, 2));
        assert_eq!(since(&history[..1])[&("p", "o", "e")], (10, 1));
    }

    #[test]
    fn an_empty_history_is_a_page_saying_so() {
        assert!(page(&[]).contains("No runs yet."));
    }

    #[test]
    fn times_read_as_dates() {
        assert_eq!(when(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(when(1_700_000_000), "2023-11-14 22:13:20 UTC");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
