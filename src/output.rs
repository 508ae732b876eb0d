//! Output: tables (comfy-table) and JSON on stdout; banner, warnings and
//! errors on stderr. Colour only on a terminal, never with `NO_COLOR`.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::{ContentArrangement, LineStyle, TableStyle};
use serde::Serialize;

use crate::cli::ColorChoice;
use crate::domain::OrderStatus;
use crate::error::TopupError;

/// Columns separated by spaces, one rule under the header: quiet and easy to
/// read in a narrow terminal or an email from cron.
const TABLE_STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

#[derive(Debug, Clone)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub verbose: bool,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub color_err: bool,
    pub stdout_tty: bool,
    /// The columns tables must fit in; `None` with `--wide`.
    pub width: Option<usize>,
    /// Prompts allowed: stdin and stderr are terminals and `--no-input` is off.
    pub interactive: bool,
}

impl Output {
    pub fn new(json: bool, quiet: bool, verbose: bool, no_input: bool, color: ColorChoice, wide: bool) -> Output {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Output {
            json,
            quiet,
            verbose,
            color: decide(stdout_tty) && !json,
            color_err: decide(stderr_tty),
            stdout_tty,
            width: (!wide).then(|| terminal_width(stdout_tty)),
            interactive: !no_input && std::io::stdin().is_terminal() && stderr_tty,
        }
    }

    /// One JSON document on stdout.
    pub fn json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        // Stdout flushes at every newline; a long history would be one write
        // per line of JSON without a buffer of its own.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        // Indented for people at a terminal; one compact line for programs.
        if self.stdout_tty {
            serde_json::to_writer_pretty(&mut out, value)?;
        } else {
            serde_json::to_writer(&mut out, value)?;
        }
        writeln!(out)?;
        out.flush()?;
        Ok(())
    }

    /// A command's report: with `--json` its JSON document, which says
    /// whether it comes from the sandbox; else, for people, the sandbox
    /// banner (when it does) and the report as `render` shows it.
    pub fn print<R: Serialize>(
        &self,
        sandbox: bool,
        report: &R,
        render: impl FnOnce(&R, &Output),
    ) -> anyhow::Result<()> {
        if self.json {
            return self.json(&Document { sandbox, report });
        }
        if sandbox {
            self.sandbox_banner();
        }
        render(report, self);
        Ok(())
    }

    /// A line of human output on stdout.
    pub fn line(&self, text: impl AsRef<str>) {
        println!("{}", terminal_safe(text.as_ref()));
    }

    /// A line of the wizard's conversation, on the terminal (stderr) next
    /// to its questions, even when stdout is piped.
    pub fn say(&self, text: impl AsRef<str>) {
        eprintln!("{}", terminal_safe(text.as_ref()));
    }

    pub fn table<S: AsRef<str>>(&self, columns: &[(S, u8)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(h, keep)| (h.as_ref().to_string(), *keep))
                .collect(),
            rows: Vec::new(),
            widths: None,
        }
    }

    pub fn print_table(&self, table: &Table) {
        print!("{}", table.render(self.width, self.color));
    }

    /// A page of a longer table (see `Table::fixed_widths`): with its header
    /// when it is the first.
    pub fn print_table_page(&self, table: &Table, first: bool) {
        let shown = table.render(self.width, self.color);
        match (first, table.is_tabular(self.width)) {
            (false, true) => shown.lines().skip(2).for_each(|l| println!("{l}")),
            _ => print!("{shown}"),
        }
    }

    /// `text` in `style` when colour is on.
    pub fn paint(&self, text: &str, style: Style) -> String {
        paint_if(self.color, text, style)
    }

    pub fn good(&self, text: &str) -> String {
        self.paint(text, Style::new().fg_color(Some(AnsiColor::Green.into())))
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(text, Style::new().dimmed())
    }

    /// An order's status: green once confirmed, red while it is anything
    /// else (failed, unknown, not yet settled).
    pub fn status_text(&self, status: OrderStatus) -> String {
        let cell = status_cell(status);
        self.paint(&cell.text, cell.style())
    }

    /// The one-line sandbox banner on stderr, in human mode, once a run
    /// (a wizard shows it before its first question, the report after).
    pub fn sandbox_banner(&self) {
        static SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if self.json || self.quiet || SHOWN.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let text = crate::t!("sandbox-banner");
        eprintln!(
            "{}",
            paint_if(
                self.color_err,
                &text,
                Style::new().fg_color(Some(AnsiColor::Yellow.into()))
            )
        );
    }

    /// The error at the edge: one line on stderr (`error: what; what to do`),
    /// or one JSON object with `--json`.
    pub fn error(&self, err: &TopupError) {
        // JSON escapes newlines itself, so multi-line hints (the polkit rule)
        // keep their shape there; a terminal gets one line.
        let one_line = !self.json;
        let message = printable(&err.message, MAX_MESSAGE_CHARS, one_line);
        let hint = err.hint.as_deref().map(|h| printable(h, MAX_HINT_CHARS, one_line));
        if self.json {
            let doc = serde_json::json!({"error": {
                "code": err.kind.code(),
                "exit": err.exit_code(),
                "message": message,
                "hint": hint,
            }});
            eprintln!("{doc}");
            return;
        }
        let label = paint_if(
            self.color_err,
            &crate::t!("label-error"),
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        );
        // The label's spacing and the hint's separator are the language's.
        match hint {
            Some(hint) => eprintln!(
                "{}",
                crate::t!("error-line-hint", label = label, message = message, hint = hint)
            ),
            None => eprintln!("{}", crate::t!("error-line", label = label, message = message)),
        }
    }
}

/// A table cell: its text, and its colour when colour is on (comfy-table
/// paints it, so colour never changes how the table measures it).
pub struct Cell {
    text: String,
    color: Option<AnsiColor>,
}

impl<S: Into<String>> From<S> for Cell {
    fn from(text: S) -> Cell {
        Cell {
            text: text.into(),
            color: None,
        }
    }
}

impl Cell {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn good(text: impl Into<String>) -> Cell {
        Cell {
            color: Some(AnsiColor::Green),
            ..Cell::from(text)
        }
    }

    pub fn bad(text: impl Into<String>) -> Cell {
        Cell {
            color: Some(AnsiColor::Red),
            ..Cell::from(text)
        }
    }

    fn style(&self) -> Style {
        Style::new().fg_color(self.color.map(Into::into))
    }
}

/// An order's status in a table: green once confirmed, red otherwise.
pub fn status_cell(status: OrderStatus) -> Cell {
    let text = status_word(status);
    match status {
        OrderStatus::Confirmed => Cell::good(text),
        _ => Cell::bad(text),
    }
}

/// An order's status in the reader's language (JSON keeps `confirmed`).
pub fn status_word(status: OrderStatus) -> String {
    crate::i18n::text(&format!("status-{}", status.as_str()), None)
}

/// A peso amount in a sentence: `$12.990 CLP`, or `$12.990` in Spanish,
/// where `$` can only be pesos.
pub fn money(amount: crate::domain::Clp) -> String {
    crate::t!("money", amount = amount.to_string())
}

/// `text` padded with spaces to `width` columns as a terminal shows them
/// (a Chinese character takes two).
pub fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// A table for people that fits the terminal: columns a narrow terminal
/// can go without are left out (`--wide` keeps them all), and when even the
/// essential ones do not fit, each row becomes a block of `header value`
/// lines. Nothing is wrapped, so no word, id or amount is ever cut.
pub struct Table {
    /// Each header, and how readily a narrow terminal goes without its
    /// column (0: never; the highest number goes first).
    columns: Vec<(String, u8)>,
    rows: Vec<Vec<Cell>>,
    /// Each column's width over the whole table when this is one page of
    /// it, so that every page is laid out and lines up as the whole would.
    widths: Option<Vec<usize>>,
}

/// How wide `text` is on screen once made terminal-safe, as a table measures it.
pub fn cell_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(&*terminal_safe(text))
}

impl Table {
    /// Lays this table out with `widths` (each column's widest cell over
    /// all its pages, header included) instead of its own rows'.
    pub fn fixed_widths(mut self, widths: Vec<usize>) -> Table {
        self.widths = Some(widths);
        self
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn is_tabular(&self, width: Option<usize>) -> bool {
        self.layout(width).is_some()
    }

    /// Cells are made terminal-safe as they are added, so the table
    /// measures what will be shown.
    pub fn add_row(&mut self, cells: Vec<Cell>) -> &mut Self {
        let safe = cells.into_iter().map(|c| Cell {
            text: terminal_safe(&c.text).into_owned(),
            ..c
        });
        self.rows.push(safe.collect());
        self
    }

    fn render(&self, width: Option<usize>, color: bool) -> String {
        match self.layout(width) {
            Some(keep) => self.tabular(&keep, color),
            None => self.blocks(color),
        }
    }

    /// The rows alone, each one line of at most `width` columns where the
    /// essential columns fit: the items of a menu.
    pub fn row_lines(&self, width: usize) -> Vec<String> {
        let essential: Vec<bool> = self.columns.iter().map(|(_, keep)| *keep == 0).collect();
        let keep = self.layout(Some(width)).unwrap_or(essential);
        let shown = self.tabular(&keep, false);
        shown.lines().skip(2).map(str::to_string).collect()
    }

    /// Which columns to show in `width` (all without one); `None` when even
    /// the essential ones do not fit.
    fn layout(&self, width: Option<usize>) -> Option<Vec<bool>> {
        use unicode_width::UnicodeWidthStr;
        let natural: Vec<usize> = match &self.widths {
            Some(widths) => widths.clone(),
            None => self
                .columns
                .iter()
                .enumerate()
                .map(|(i, (header, _))| {
                    let cells = self.rows.iter().filter_map(|r| r.get(i)).map(|c| c.text.width());
                    cells.chain([header.width()]).max().unwrap_or(0)
                })
                .collect(),
        };
        // Columns are two spaces apart (a pad and the empty rule between).
        let total = |keep: &[bool]| {
            let kept: Vec<usize> = natural
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(w, _)| w + 2)
                .collect();
            kept.iter().sum::<usize>().saturating_sub(1)
        };
        let mut keep = vec![true; self.columns.len()];
        let Some(limit) = width else { return Some(keep) };
        let mut optional: Vec<usize> = (0..self.columns.len()).filter(|&i| self.columns[i].1 > 0).collect();
        optional.sort_by_key(|&i| (std::cmp::Reverse(self.columns[i].1), std::cmp::Reverse(i)));
        for i in optional {
            if total(&keep) <= limit {
                break;
            }
            keep[i] = false;
        }
        (total(&keep) <= limit).then_some(keep)
    }

    fn tabular(&self, keep: &[bool], color: bool) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(TABLE_STYLE);
        t.set_content_arrangement(ContentArrangement::Disabled);
        if color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        // A page of a longer table: each cell padded to its column's width
        // over every page.
        let kept = |row: &[Cell]| -> Vec<comfy_table::Cell> {
            let cells = row.iter().enumerate().zip(keep).filter(|(_, k)| **k);
            cells
                .map(|((i, c), _)| match self.widths.as_ref().and_then(|w| w.get(i)) {
                    Some(&width) => comfy_cell(&Cell {
                        text: pad(&c.text, width),
                        color: c.color,
                    }),
                    None => comfy_cell(c),
                })
                .collect()
        };
        let headers: Vec<Cell> = self.columns.iter().map(|(h, _)| Cell::from(h.as_str())).collect();
        t.set_header(
            kept(&headers)
                .into_iter()
                .map(|c| c.add_attribute(comfy_table::Attribute::Bold)),
        );
        for row in &self.rows {
            t.add_row(kept(row));
        }
        let last = keep.iter().filter(|k| **k).count().saturating_sub(1);
        for (i, column) in t.column_iter_mut().enumerate() {
            column.set_padding((0, u16::from(i < last)));
        }
        // No trailing blanks, not even inside a cell's colour.
        static TRAILING: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new("\\s+((?:\x1b\\[[0-9;]*m)*)$").expect("a valid pattern"));
        t.lines().map(|l| format!("{}\n", TRAILING.replace(&l, "$1"))).collect()
    }

    /// The rows as blocks of `header  value` lines, for a terminal too
    /// narrow for the table.
    fn blocks(&self, color: bool) -> String {
        let pad = self.columns.iter().map(|(h, _)| h.chars().count()).max().unwrap_or(0);
        let mut out = String::new();
        for row in &self.rows {
            for ((header, _), cell) in self.columns.iter().zip(row).filter(|(_, c)| !c.text.is_empty()) {
                let value = paint_if(color, &cell.text, cell.style());
                out.push_str(&format!("{header:<pad$}  {value}\n"));
            }
            out.push('\n');
        }
        out
    }
}

fn comfy_cell(cell: &Cell) -> comfy_table::Cell {
    let c = comfy_table::Cell::new(&cell.text);
    match cell.color {
        Some(AnsiColor::Green) => c.fg(comfy_table::Color::Green),
        Some(AnsiColor::Red) => c.fg(comfy_table::Color::Red),
        _ => c,
    }
}

/// The width tables fit in: the terminal's, else `COLUMNS`, else 80 (a
/// pipe or a cron mail).
fn terminal_width(stdout_tty: bool) -> usize {
    let terminal = stdout_tty.then(|| comfy_table::Table::new().width()).flatten();
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok());
    usize::from(terminal.or(columns).filter(|w| *w > 0).unwrap_or(80))
}

/// A command's JSON document: its report (DESIGN.md's field names) and
/// whether it comes from the sandbox.
#[derive(Serialize)]
struct Document<'a, R> {
    sandbox: bool,
    #[serde(flatten)]
    report: &'a R,
}

/// The error a batch (lines, accounts) ends with, if it had problems: the
/// most serious (of equally serious ones the last), whose kind is the exit
/// code and hint what to do, its message after `summary` when the batch
/// has more to tell than that one problem.
pub fn batch_error<'a>(
    problems: impl IntoIterator<Item = &'a TopupError>,
    summary: Option<&str>,
) -> Option<TopupError> {
    let worst = problems.into_iter().max_by_key(|p| p.kind.severity())?.clone();
    Some(match summary {
        Some(summary) => worst.prefixed(summary),
        None => worst,
    })
}

/// An item's problem in a report's JSON (`"error": {"code", "message"}`),
/// for `#[serde(serialize_with)]`; the exit code and hint are the
/// command's own error.
pub fn item_error<S: serde::Serializer>(problem: &Option<TopupError>, s: S) -> Result<S::Ok, S::Error> {
    match problem {
        Some(p) => s.collect_map([("code", p.kind.code()), ("message", p.message.as_str())]),
        None => s.serialize_none(),
    }
}

const MAX_MESSAGE_CHARS: usize = 600;
const MAX_HINT_CHARS: usize = 800;
/// A word (an argument, a config value, a path) longer than this is shown
/// by its start and length.
const MAX_WORD_CHARS: usize = 80;

/// Whether a character must not reach a terminal as it is: control
/// characters (a terminal escape in an argument), format characters (bidi
/// overrides such as U+202E reorder the rest of the line; zero-width ones
/// hide text) and the Unicode line and paragraph separators.
pub fn is_hidden_or_control(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// `c`, or `\u{202e}` for a character that must not reach the terminal
/// unless the caller `keep`s it (newlines, tabs).
fn push_safe(out: &mut String, c: char, keep: bool) {
    if is_hidden_or_control(c) && !keep {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
}

/// The colour codes topup paints with (reset, bold, dim, normal intensity,
/// red, green, yellow, default colour): the only ones let through, so text
/// from elsewhere cannot conceal itself (`ESC[8m`) or paint black on black.
const OUR_SGR: [&str; 9] = ["", "0", "1", "2", "22", "31", "32", "33", "39"];

/// Human output fit for a terminal: every control and format character
/// escaped (see `is_hidden_or_control`), except newlines, tabs and the
/// colour sequences topup itself writes (`ESC [ digits ; … m`), so text from
/// a config, a gateway or an operator's reply cannot move the cursor, hide
/// text or reorder a line.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_hidden_or_control(c) && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            let sgr_len = rest[1..].strip_prefix('[').and_then(|params| {
                let digits = params.find(|ch: char| !(ch.is_ascii_digit() || ch == ';'))?;
                let ours = params[..digits].split(';').all(|p| OUR_SGR.contains(&p));
                (ours && params[digits..].starts_with('m')).then_some(2 + digits + 1)
            });
            if let Some(len) = sgr_len {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        push_safe(&mut out, c, c == '\n' || c == '\t');
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// One line for stderr (warnings, notes): every control and format
/// character escaped, newlines included.
pub fn one_line_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_safe(&mut out, c, false);
    }
    out
}

/// Error text fit for a terminal or a cron mail: one line, no control or
/// format characters (a terminal escape or a bidi override in an argument
/// must not reach the terminal), long words cut, the whole bounded.
pub fn printable(text: &str, max_chars: usize, one_line: bool) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars + 16));
    let separators: &[char] = if one_line { &[' ', '\n', '\r'] } else { &[' '] };
    for (i, word) in text.split(separators).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut escaped = String::with_capacity(word.len());
        for c in word.chars() {
            push_safe(&mut escaped, c, !one_line && c == '\n');
        }
        let count = escaped.chars().count();
        if count > MAX_WORD_CHARS {
            out.extend(escaped.chars().take(MAX_WORD_CHARS / 2));
            out.push_str(&format!("…({count} characters)"));
        } else {
            out.push_str(&escaped);
        }
        if out.chars().count() > max_chars {
            let cut: String = out.chars().take(max_chars).collect();
            return format!("{cut}…");
        }
    }
    out
}

fn paint_if(on: bool, text: &str, style: Style) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// `value` or `—` for unknown values in tables.
pub fn or_dash<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// A time for people: to the minute in the reader's time zone (`TZ`, else
/// the system's), labelled with its abbreviation or offset (`-03`, `CST`).
pub fn show_time(ts: jiff::Timestamp) -> String {
    in_reader_zone(ts, &crate::t!("format-date-time"))
}

/// A time for a table's cell, without its zone, and the zone: see
/// `time_column`.
pub fn time_parts(ts: jiff::Timestamp) -> (String, String) {
    (
        in_reader_zone(ts, &crate::t!("format-date-time-no-zone")),
        in_reader_zone(ts, "%Z"),
    )
}

/// Times for a table's column: `(header, cells)`, the zone said once in the
/// header when every time has the same (`When (-03)`), else in each cell.
pub fn time_column(header: &str, times: impl IntoIterator<Item = jiff::Timestamp>) -> (String, Vec<String>) {
    let times: Vec<(String, String)> = times.into_iter().map(time_parts).collect();
    match times.first().map(|(_, zone)| zone.clone()) {
        Some(zone) if times.iter().all(|(_, z)| *z == zone) => (
            format!("{header} ({zone})"),
            times.into_iter().map(|(t, _)| t).collect(),
        ),
        _ => (
            header.to_string(),
            times.into_iter().map(|(t, z)| format!("{t} {z}")).collect(),
        ),
    }
}

/// The date of `ts` in the reader's time zone.
pub fn show_date(ts: jiff::Timestamp) -> String {
    in_reader_zone(ts, &crate::t!("format-date"))
}

fn in_reader_zone(ts: jiff::Timestamp, format: &str) -> String {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    let zone = ZONE.get_or_init(jiff::tz::TimeZone::system).clone();
    ts.to_zoned_datetime(zone).strftime(format).to_string()
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn printable_table() {
        let long = "9".repeat(100_000);
        let table = [
            ("plain words stay", "plain words stay".to_string()),
            ("two\nlines", "two lines".to_string()),
            ("esc \u{1b}[31m red", "esc \\u{1b}[31m red".to_string()),
            ("nul \0 byte", "nul \\u{0} byte".to_string()),
            ("wom\u{202e}", "wom\\u{202e}".to_string()),
            (
                "a\u{200b}b\u{2066}c\u{feff}",
                "a\\u{200b}b\\u{2066}c\\u{feff}".to_string(),
            ),
            ("línea 中文 ok", "línea 中文 ok".to_string()),
            (long.as_str(), format!("{}…(100000 characters)", "9".repeat(40))),
        ];
        for (input, want) in table {
            assert_eq!(printable(input, 600, true), want);
        }
        let many = "word ".repeat(1000);
        assert!(printable(&many, 600, true).chars().count() <= 601);
        assert_eq!(printable("rule {\n  x\n}\u{1b}", 600, false), "rule {\n  x\n}\\u{1b}");
    }

    #[test]
    fn terminal_safe_keeps_colour_newlines_and_text_and_escapes_the_rest() {
        use super::{one_line_safe, terminal_safe};
        let table = [
            ("plain\tline\nnext", "plain\tline\nnext"),
            ("\u{1b}[1;31mred\u{1b}[0m", "\u{1b}[1;31mred\u{1b}[0m"),
            ("\u{1b}]0;title\u{7}", "\\u{1b}]0;title\\u{7}"),
            ("\u{1b}[2J clear", "\\u{1b}[2J clear"),
            ("\u{1b}[8mhidden\u{1b}[0m", "\\u{1b}[8mhidden\u{1b}[0m"),
            ("\u{1b}[30;40mblack", "\\u{1b}[30;40mblack"),
            ("Bolsa\u{202e}BG 5", "Bolsa\\u{202e}BG 5"),
            ("\u{2028}sep", "\\u{2028}sep"),
            ("Bolsa 5 GB · 中文", "Bolsa 5 GB · 中文"),
        ];
        for (input, want) in table {
            assert_eq!(terminal_safe(input), want, "{input:?}");
        }
        assert_eq!(one_line_safe("a\nb\u{202e}"), "a\\u{a}b\\u{202e}");
        // Every style topup paints with passes through untouched.
        use anstyle::{AnsiColor, Style};
        let red = Some(AnsiColor::Red.into());
        for style in [
            Style::new().bold(),
            Style::new().dimmed(),
            Style::new().fg_color(red),
            Style::new().fg_color(Some(AnsiColor::Green.into())),
            Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            Style::new().bold().fg_color(red),
        ] {
            let painted = super::paint_if(true, "x", style);
            assert_eq!(terminal_safe(&painted), painted, "{painted:?}");
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn table() -> Table {
        let out = Output::new(false, false, false, true, ColorChoice::Always, false);
        let mut t = out.table(&[("Order", 0), ("Status", 0), ("Plan", 1), ("Reference", 2)]);
        t.add_row(vec![
            "01a248ea".into(),
            status_cell(OrderStatus::Confirmed),
            "wom-1gb".into(),
            "SBX-1".into(),
        ]);
        t.add_row(vec![
            "01a248eb".into(),
            "plain".into(),
            "中文 plan".into(),
            "SBX-2".into(),
        ]);
        t.add_row(vec![
            "01a248ec".into(),
            status_cell(OrderStatus::Unknown),
            "Bolsa \u{1b}[8m oculta \u{202e}".into(),
            "—".into(),
        ]);
        t
    }

    /// Coloured cells take the room of their text: with colour on, the
    /// table is the same as without it once its codes are taken out, at
    /// every width; and no line is wider than the width it must fit.
    #[test]
    fn tables_fit_and_line_up_with_colour_on() {
        let ansi = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
        for width in [14, 40, 50, 80, 200] {
            let coloured = table().render(Some(width), true);
            let plain = table().render(Some(width), false);
            assert!(coloured.contains("mconfirmed"), "{coloured:?}");
            assert_eq!(ansi.replace_all(&coloured, ""), plain, "{width}");
            // A block's value may be longer than a tiny terminal: it wraps there.
            assert!(
                width < 40 || plain.lines().all(|l| l.width() <= width),
                "{width}:\n{plain}"
            );
        }
        // Wide enough: every column; narrower, the least needed go first;
        // too narrow for the essential ones, a block per row.
        let header = |w| {
            table()
                .render(Some(w), false)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        };
        assert!(header(200).contains("Reference") && header(200).contains("Plan"));
        assert!(
            header(60).contains("Plan") && !header(60).contains("Reference"),
            "{}",
            header(60)
        );
        assert!(!header(30).contains("Plan"), "{}", header(30));
        assert_eq!(header(14), "Order      01a248ea");
        let all = table().render(None, false);
        assert!(all.lines().next().is_some_and(|l| l.contains("Reference")), "{all}");
    }

    /// Cells are escaped as they are added: a user's escape or bidi override
    /// shows as text, while topup's own colour codes stay whole.
    #[test]
    fn a_users_escape_is_text_and_our_colour_stays_whole() {
        let shown = table().render(Some(200), true);
        assert!(shown.contains("\\u{1b}[8m") && shown.contains("\\u{202e}"), "{shown}");
        assert_eq!(shown.matches("\\u{1b}").count(), 1, "{shown}");
        assert_eq!(
            shown.matches("[0m").count(),
            shown.matches("\u{1b}[0m").count(),
            "{shown}"
        );
    }
}
