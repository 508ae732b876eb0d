//! The bad-input corpus: hundreds of malformed or hostile inputs through the
//! binary — config files (`tests/corpus/configs.txt`, and files no text
//! editor would write, built here), arguments, environment values. Each must
//! give its documented exit code and exactly one clear `error:` line (or one
//! JSON error object with `--json`), never a panic or a crash, and must write
//! nothing: no order in the ledger, not even the state directory.
//!
//! Cases run in a few threads, one family per test.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::common::*;

/// An error line longer than this is not "one clear line": it quotes too much.
const MAX_ERROR_CHARS: usize = 1000;

/// Threads per family: the machine is shared, and each case is a process.
const WORKERS: usize = 3;

/// One hostile input and what topup must answer.
#[derive(Debug, Clone)]
struct Case {
    name: String,
    args: Vec<OsString>,
    /// The default config file's bytes; `{home}` is replaced.
    config: Option<Vec<u8>>,
    vars: Vec<(String, OsString)>,
    unset: Vec<String>,
    exit: i32,
    /// Texts the error must contain.
    says: Vec<String>,
    /// Texts that must appear nowhere in the output.
    hides: Vec<String>,
    /// A config error names the config file.
    names_config: bool,
}

impl Case {
    fn new(name: impl Into<String>, args: Vec<OsString>, exit: i32) -> Case {
        Case {
            name: name.into(),
            args,
            config: None,
            vars: Vec::new(),
            unset: Vec::new(),
            exit,
            says: Vec::new(),
            hides: Vec::new(),
            names_config: false,
        }
    }

    fn says(mut self, text: &str) -> Case {
        if !text.is_empty() {
            self.says.push(text.to_string());
        }
        self
    }

    fn var(mut self, key: &str, value: impl Into<OsString>) -> Case {
        self.vars.push((key.to_string(), value.into()));
        self
    }

    fn unset(mut self, key: &str) -> Case {
        self.unset.push(key.to_string());
        self
    }

    fn config(mut self, bytes: impl Into<Vec<u8>>) -> Case {
        self.config = Some(bytes.into());
        self.names_config = self.exit == 2;
        self
    }
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

// ---- running and judging ----

/// Files every case's home holds, for cases that point topup at them.
fn fixtures(env: &Env) {
    use std::os::unix::fs::PermissionsExt;
    let home = env.home();
    std::fs::write(home.join("a-file"), "not a directory\n").unwrap();
    std::fs::create_dir(home.join("a-dir")).unwrap();
    std::fs::create_dir(home.join("secret-dir")).unwrap();
    // Directories where a default config file would be (environment.txt).
    std::fs::create_dir_all(home.join("topup/config.toml")).unwrap();
    std::fs::create_dir_all(home.join("cfg-home/.config/topup/config.toml")).unwrap();
    for (name, bytes) in [
        ("empty.secret", &b""[..]),
        ("ok.secret", b"OkSecretValue\n"),
        ("bin.secret", b"\xff\xfe\x00\x80"),
    ] {
        std::fs::write(home.join(name), bytes).unwrap();
    }
    std::fs::write(home.join("huge.secret"), "s".repeat(64 * 1024 + 1)).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(home.join("a-fifo"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    for name in [
        "empty.secret",
        "ok.secret",
        "bin.secret",
        "huge.secret",
        "secret-dir",
        "a-fifo",
    ] {
        std::fs::set_permissions(home.join(name), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

fn with_home(bytes: &[u8], home: &str) -> Vec<u8> {
    let needle = b"{home}";
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(home.as_bytes());
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn os_with_home(value: &OsString, home: &str) -> OsString {
    OsString::from_vec(with_home(value.as_encoded_bytes(), home))
}

/// Runs one case (with `--json` first when asked) and says what is wrong.
fn run_case(case: &Case, json: bool) -> Result<(), String> {
    let env = Env::new();
    fixtures(&env);
    let home = env.home().to_str().expect("a UTF-8 temp dir").to_string();
    if let Some(config) = &case.config {
        let path = env.default_config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, with_home(config, &home)).unwrap();
    }
    let mut args: Vec<OsString> = case.args.iter().map(|a| os_with_home(a, &home)).collect();
    // A case that asks for JSON itself is judged as JSON.
    let asked = args.iter().any(|a| a == "--json");
    if json && !asked {
        args.insert(0, "--json".into());
    }
    let json = json || asked;
    let mut cmd = env.std_command_os(&args);
    for (key, value) in &case.vars {
        cmd.env(key, os_with_home(value, &home));
    }
    for key in &case.unset {
        cmd.env_remove(key);
    }
    let run = RawRun::of(cmd);

    let mut problems: Vec<String> = Vec::new();
    let stderr = run.stderr_text();
    let stdout = String::from_utf8_lossy(&run.stdout);
    if run.code != Some(case.exit) {
        problems.push(format!("exit {:?}, expected {}", run.code, case.exit));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        problems.push("panicked".into());
    }
    if std::str::from_utf8(&run.stderr).is_err() || std::str::from_utf8(&run.stdout).is_err() {
        problems.push("output is not UTF-8".into());
    }
    if !run.stdout.is_empty() {
        problems.push("something on stdout".into());
    }
    let message = if json {
        json_error(&stderr, case.exit, &mut problems)
    } else {
        error_line(&stderr, &mut problems)
    };
    if let Some(message) = message {
        for text in &case.says {
            if !message.contains(text.as_str()) {
                problems.push(format!("the error does not say `{text}`"));
            }
        }
        if case.names_config && !message.contains("config.toml") {
            problems.push("the error does not name the config file".into());
        }
    }
    for text in &case.hides {
        if stderr.contains(text.as_str()) || stdout.contains(text.as_str()) {
            problems.push(format!("the output shows `{text}`"));
        }
    }
    if env.ledger_count() != 0 {
        problems.push("orders in the ledger".into());
    }
    if env.state_dir().exists() {
        problems.push("the state directory was created".into());
    }
    if std::fs::read(env.home().join("a-file")).ok().as_deref() != Some(&b"not a directory\n"[..]) {
        problems.push("a-file was changed".into());
    }
    if problems.is_empty() {
        return Ok(());
    }
    let shown: String = stderr.chars().take(300).collect();
    Err(format!("{}\n    stderr: {shown:?}", problems.join("; ")))
}

/// The one `error:` line of a human run (the sandbox banner aside): no
/// warnings, no second line, no control characters, not endless.
fn error_line(stderr: &str, problems: &mut Vec<String>) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with(BANNER)).collect();
    let [line] = lines.as_slice() else {
        problems.push(format!(
            "{} lines on stderr besides the banner, expected 1",
            lines.len()
        ));
        return lines.iter().find(|l| l.starts_with("error: ")).map(|l| l.to_string());
    };
    if !line.starts_with("error: ") || line.len() < "error: ".len() + 10 {
        problems.push("the line on stderr is not an `error: …` message".into());
    }
    if line.chars().any(topup::output::is_hidden_or_control) {
        problems.push("control or format characters in the error line".into());
    }
    let chars = line.chars().count();
    if chars > MAX_ERROR_CHARS {
        problems.push(format!("an error line of {chars} characters"));
    }
    Some(line.to_string())
}

/// The one JSON error object of a `--json` run; returns message and hint.
fn json_error(stderr: &str, exit: i32, problems: &mut Vec<String>) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let [line] = lines.as_slice() else {
        problems.push(format!("{} lines on stderr with --json, expected 1", lines.len()));
        return None;
    };
    let Ok(doc) = serde_json::from_str::<Value>(line) else {
        problems.push("stderr with --json is not JSON".into());
        return None;
    };
    let err = &doc["error"];
    if doc.as_object().map(|o| o.len()) != Some(1) || !err.is_object() {
        problems.push("not one {\"error\": …} object".into());
        return None;
    }
    for key in ["code", "exit", "message", "hint"] {
        if err.get(key).is_none() {
            problems.push(format!("`{key}` missing from the JSON error"));
        }
    }
    if err["exit"].as_i64() != Some(i64::from(exit)) {
        problems.push(format!("JSON exit {}, expected {exit}", err["exit"]));
    }
    let message = err["message"].as_str().unwrap_or_default();
    if message.is_empty() {
        problems.push("an empty JSON error message".into());
    }
    let chars = message.chars().count();
    if chars > MAX_ERROR_CHARS {
        problems.push(format!("a JSON error message of {chars} characters"));
    }
    Some(format!("{message} {}", err["hint"].as_str().unwrap_or_default()))
}

/// Runs every case (every third one also with `--json`) in a few threads;
/// returns the failures as `name: what`.
fn failures(cases: &[Case]) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let mut outcome = run_case(case, false);
                    if outcome.is_ok() && i.is_multiple_of(3) {
                        outcome = run_case(case, true).map_err(|e| format!("with --json: {e}"));
                    }
                    if let Err(e) = outcome {
                        found.lock().unwrap().push(format!("{}: {e}", case.name));
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap();
    found.sort();
    found
}

/// The family's cases pass, bar the known failures (which must exist).
#[track_caller]
fn check_family(cases: Vec<Case>) {
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let dupes: Vec<&&str> = names.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(dupes.is_empty(), "case names must be unique: {dupes:?}");
    let cases: Vec<Case> = cases.into_iter().collect();
    let failed = failures(&cases);
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

// ---- configs from tests/corpus/configs.txt ----

/// Commands a config case runs when it names none: every one loads the config.
const CONFIG_COMMANDS: [&str; 12] = [
    "balance",
    "plans",
    "lines",
    "history",
    "auto",
    "auto --dry-run",
    "reconcile",
    "renew casa --plan sandbox-entel-1gb --yes",
    "operators",
    "schedule",
    "balance casa",
    "history --csv",
];

fn text_config_cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/configs.txt");
    let text = std::fs::read_to_string(path).expect("tests/corpus/configs.txt");
    let mut cases = Vec::new();
    for (i, chunk) in text.split("\n=== ").skip(1).enumerate() {
        let (head, body) = chunk
            .split_once("\n---\n")
            .unwrap_or_else(|| panic!("case {i} of configs.txt has no `---` line:\n{chunk}"));
        let mut lines = head.lines();
        let title = lines.next().unwrap_or_default().trim();
        let mut run = CONFIG_COMMANDS[i % CONFIG_COMMANDS.len()].to_string();
        let mut exit = 2;
        let (mut says, mut hides) = (Vec::new(), Vec::new());
        for line in lines {
            let (key, value) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("`{title}`: bad header line `{line}`"));
            match key {
                "run" => run = value.to_string(),
                "exit" => exit = value.parse().expect("exit code"),
                "says" => says.push(value.to_string()),
                "hides" => hides.push(value.to_string()),
                _ => panic!("`{title}`: unknown header `{key}`"),
            }
        }
        // Comments between cases belong to no config.
        let body: String = body
            .lines()
            .take_while(|l| !l.starts_with("# ----"))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut case = Case::new(
            format!("config: {title}"),
            os(&run.split(' ').collect::<Vec<_>>()),
            exit,
        );
        case = case.config(body);
        case.says = says;
        case.hides = hides;
        cases.push(case);
    }
    cases
}

#[test]
fn bad_configs() {
    let cases = text_config_cases();
    assert!(cases.len() >= 150, "{} config cases", cases.len());
    check_family(cases);
}

// ---- configs no text file in the corpus can hold ----

const A_LINE: &str = "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n";

fn megabyte(unit: &str) -> String {
    unit.repeat(1 << 20)
}

fn hostile_file_cases() -> Vec<Case> {
    let nested_arrays = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let nested_tables = format!("x = {}1{}\n", "{a = ".repeat(20_000), "}".repeat(20_000));
    let dotted_key = format!("{} = 1\n", vec!["a"; 50_000].join("."));
    let deep_header = format!("[{}]\n", vec!["a"; 50_000].join("."));
    let many_comments = format!("{}colour = 1\n", "# a comment line\n".repeat(300_000));
    let table: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a NUL byte between keys", b"[auto]\n\0\nconcurrency = 1\n".to_vec(), ""),
        (
            "a NUL byte inside a string",
            b"[lines.casa]\nmsisdn = \"98765\x004321\"\noperator = \"entel\"\n".to_vec(),
            ":2:",
        ),
        (
            "a control character inside a string",
            b"[lines.casa]\nmsisdn = \"98765\x014321\"\noperator = \"entel\"\n".to_vec(),
            ":2:",
        ),
        (
            "an escape character inside a string",
            b"[lines.casa]\nmsisdn = \"\x1b[2J987654321\"\noperator = \"entel\"\n".to_vec(),
            ":2:",
        ),
        (
            "a bare carriage return as a line break",
            b"[auto]\rconcurrency = 1\n".to_vec(),
            "",
        ),
        (
            "invalid UTF-8 in a value",
            b"[lines.casa]\nmsisdn = \"\xff\xfe\"\noperator = \"entel\"\n".to_vec(),
            "not valid UTF-8",
        ),
        (
            "invalid UTF-8 in a comment",
            b"# caf\xe9\n[auto]\nconcurrency = 1\n".to_vec(),
            "not valid UTF-8",
        ),
        (
            "a Latin-1 line name",
            b"[lines.c\xe1sa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n".to_vec(),
            ":1:",
        ),
        (
            "a UTF-16 file",
            "[auto]\nconcurrency = 1\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .fold(vec![0xff, 0xfe], |mut v, b| {
                    v.push(b);
                    v
                }),
            "UTF-8",
        ),
        (
            "a cut-off UTF-8 sequence at the end",
            b"[auto]\nconcurrency = 1\n# \xe2\x82".to_vec(),
            "not valid UTF-8",
        ),
        ("only invalid bytes", vec![0x80; 4096], "not valid UTF-8"),
        ("a binary file", (0u8..=255).cycle().take(65_536).collect(), ""),
        (
            "a megabyte msisdn",
            format!("[lines.casa]\nmsisdn = \"{}\"\n", megabyte("9")).into_bytes(),
            "msisdn",
        ),
        (
            "a megabyte line name",
            format!(
                "[lines.{}]\nmsisdn = \"987654321\"\noperator = \"entel\"\n",
                megabyte("a")
            )
            .into_bytes(),
            "1 to 64",
        ),
        (
            "a megabyte unknown value",
            format!("{A_LINE}note = \"{}\"\n", megabyte("x")).into_bytes(),
            "note",
        ),
        (
            "a megabyte operator name",
            format!(
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"{}\"\n",
                megabyte("x")
            )
            .into_bytes(),
            "operator",
        ),
        (
            "a megabyte base_url",
            format!(
                "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"id\"\nbase_url = \"{}\"\n",
                megabyte("x")
            )
            .into_bytes(),
            "base_url",
        ),
        (
            "a megabyte USSD code",
            format!("[operators.entel]\nbalance_ussd = [\"{}\"]\n", megabyte("1")).into_bytes(),
            "not a USSD code",
        ),
        (
            "a megabyte duration",
            format!("[auto]\nhook_timeout = \"{}\"\n", megabyte("9")).into_bytes(),
            "hook_timeout",
        ),
        (
            "a megabyte data amount",
            format!(
                "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 1000\ndata = \"{} GB\"\n",
                megabyte("9")
            )
            .into_bytes(),
            "too large",
        ),
        (
            "a megabyte price",
            format!(
                "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = \"{}\"\n",
                megabyte("9")
            )
            .into_bytes(),
            "price_clp",
        ),
        (
            "a megabyte modem selector",
            format!(
                "[lines.casa]\nmsisdn = \"987654321\"\nbalance = \"modem\"\nmodem = \"{}\"\n",
                megabyte("m")
            )
            .into_bytes(),
            "not a modem",
        ),
        (
            "a megabyte regex",
            format!("[operators.entel]\nsaldo_pattern = '({})'\n", megabyte("a")).into_bytes(),
            "characters long",
        ),
        (
            "a megabyte plan id",
            format!(
                "[[operators.entel.plan]]\nid = \"{}\"\nname = \"A\"\nprice_clp = 1000\n",
                megabyte("a")
            )
            .into_bytes(),
            "longer than 64",
        ),
        ("arrays nested 100000 deep", nested_arrays.into_bytes(), ""),
        ("inline tables nested 20000 deep", nested_tables.into_bytes(), ""),
        ("a dotted key of 50000 parts", dotted_key.into_bytes(), ""),
        ("a table header of 50000 parts", deep_header.into_bytes(), ""),
        (
            "an error after 300000 comment lines",
            many_comments.into_bytes(),
            ":300001:1:",
        ),
    ];
    table
        .into_iter()
        .enumerate()
        .map(|(i, (title, bytes, says))| {
            let run = CONFIG_COMMANDS[i % CONFIG_COMMANDS.len()];
            Case::new(format!("file: {title}"), os(&run.split(' ').collect::<Vec<_>>()), 2)
                .config(bytes)
                .says(says)
        })
        .collect()
}

#[test]
fn hostile_config_files() {
    check_family(hostile_file_cases());
}

// ---- arguments and environment, from tests/corpus/*.txt ----

/// Reads a one-line-per-case file (`EXIT | SAYS | [VAR=value…] ARGS`).
fn line_cases(file: &str, family: &str) -> Vec<Case> {
    let path = format!("{}/tests/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut cases = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| -> ! { panic!("{file}: `{line}`: {why}") };
        let [exit, says, command] = line.splitn(3, " | ").collect::<Vec<_>>()[..] else {
            bad("expected EXIT | SAYS | ARGUMENTS")
        };
        let says =
            String::from_utf8(unescape(says).unwrap_or_else(|e| bad(&e))).unwrap_or_else(|e| bad(&e.to_string()));
        let mut words = split_words(command).unwrap_or_else(|e| bad(&e)).into_iter().peekable();
        let mut case = Case::new(
            format!("{family}: {command}"),
            Vec::new(),
            exit.parse().unwrap_or_else(|_| bad("exit")),
        )
        .says(&says);
        // Leading VAR=value words are the environment, as in a shell.
        while let Some(word) = words.next_if(|w| is_assignment(w)) {
            let at = word.iter().position(|&b| b == b'=').unwrap_or_default();
            let key = String::from_utf8_lossy(&word[..at]).into_owned();
            case = case.var(&key, OsString::from_vec(word[at + 1..].to_vec()));
        }
        case.args = words.map(OsString::from_vec).collect();
        cases.push(case);
    }
    cases
}

fn is_assignment(word: &[u8]) -> bool {
    let name_len = word
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_')
        .count();
    name_len > 0 && word.get(name_len) == Some(&b'=')
}

/// Splits at spaces outside `"…"`; escapes as in `unescape`.
fn split_words(text: &str) -> Result<Vec<Vec<u8>>, String> {
    let mut words = Vec::new();
    let mut word: Option<Vec<u8>> = None;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(Vec::new);
            }
            ' ' if !quoted => words.extend(word.take()),
            '\\' => escape(&mut chars, word.get_or_insert_with(Vec::new))?,
            c => word
                .get_or_insert_with(Vec::new)
                .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    if quoted {
        return Err("unclosed quote".into());
    }
    words.extend(word);
    Ok(words)
}

/// Text with `\t \n \e \\ \" \u{…} \xHH` escapes, as bytes.
fn unescape(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escape(&mut chars, &mut out)?,
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Ok(out)
}

/// One escape, after its backslash.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars>, out: &mut Vec<u8>) -> Result<(), String> {
    let mut take = |n: usize| -> String { chars.by_ref().take(n).collect() };
    let c = match take(1).as_str() {
        "t" => '\t',
        "n" => '\n',
        "e" => '\u{1b}',
        "\\" => '\\',
        "\"" => '"',
        "x" => {
            let hex = take(2);
            out.push(u8::from_str_radix(&hex, 16).map_err(|_| format!("bad \\x{hex}"))?);
            return Ok(());
        }
        "u" => {
            let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
            u32::from_str_radix(&code, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad \\u{{{code}}}"))?
        }
        other => return Err(format!("unknown escape \\{other}")),
    };
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    Ok(())
}

/// Arguments too big to write in a file (one may hold up to 128 KiB).
fn huge_argument_cases() -> Vec<Case> {
    let kb100 = |unit: &str| unit.repeat(100_000 / unit.len());
    let renew = |flag: &str, value: &str| {
        os(&[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            flag,
            value,
        ])
    };
    let many_lines: Vec<String> = (0..5_000).map(|i| format!("line-{i}")).collect();
    let huge = [
        ("a phone number", os(&["balance", &kb100("9")]), "digits"),
        (
            "an international number",
            os(&["balance", &format!("+{}", kb100("9"))]),
            "not a Chilean number",
        ),
        ("a line name", os(&["balance", &kb100("a")]), "no line named"),
        (
            "a line name of demo- repeated",
            os(&["history", &kb100("demo-")]),
            "no line named",
        ),
        ("an operator", os(&["operators", &kb100("x")]), "unknown operator"),
        ("a shell", os(&["completions", &kb100("z")]), "possible values"),
        (
            "a plan id",
            os(&["renew", "demo-entel", "--yes", "--plan", &kb100("a")]),
            "longer than 64",
        ),
        (
            "a --wait-confirm",
            renew("--wait-confirm", &kb100("9")),
            "--wait-confirm",
        ),
        ("a --wait-lock", renew("--wait-lock", &kb100("s")), "--wait-lock"),
        ("a --month", os(&["history", "--month", &kb100("2026-11")]), "--month"),
        (
            "a --since",
            os(&["history", "--since", &kb100("2026-11-01")]),
            "--since",
        ),
        (
            "of 5000 unknown lines",
            [os(&["balance"]), many_lines.iter().map(OsString::from).collect()].concat(),
            "no line named",
        ),
    ];
    huge.into_iter()
        .map(|(what, args, says)| Case::new(format!("huge: 100 KB {what}"), args, 2).says(says))
        .collect()
}

#[test]
fn bad_arguments() {
    let cases = [line_cases("arguments.txt", "args"), huge_argument_cases()].concat();
    check_family(cases);
}

/// Environments no line of environment.txt can set up.
fn special_environment_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for args in [
        &["balance"][..],
        &["auto"],
        &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"],
    ] {
        cases.push(
            Case::new(format!("env: no HOME and no state directory, {}", args[0]), os(args), 2)
                .unset("HOME")
                .unset("TOPUP_STATE_DIR")
                .unset("XDG_STATE_HOME")
                .says("HOME is not set"),
        );
    }
    for (key, unit) in [("TOPUP_NOW", "9"), ("TOPUP_SANDBOX_FAULT", "x"), ("TOPUP_CONFIG", "c")] {
        cases.push(
            Case::new(format!("env: 100 KB {key}"), os(&["balance"]), 2)
                .var(key, unit.repeat(100_000))
                .says(key),
        );
    }
    cases
}

#[test]
fn bad_environment() {
    let cases = [line_cases("environment.txt", "env"), special_environment_cases()].concat();
    check_family(cases);
}

// ---- the whole corpus ----

fn all_cases() -> Vec<Case> {
    [
        text_config_cases(),
        hostile_file_cases(),
        line_cases("arguments.txt", "args"),
        huge_argument_cases(),
        line_cases("environment.txt", "env"),
        special_environment_cases(),
    ]
    .concat()
}

#[test]
fn the_corpus_has_at_least_200_cases_and_every_known_failure_is_one_of_them() {
    let cases = all_cases();
    assert!(cases.len() >= 200, "{} cases", cases.len());
}

/// Several topups starting at once on a new machine (cron's `auto` and a
/// user's `balance`, or two cron entries) all find the ledger usable: none
/// applies a migration another one already applied.
#[test]
fn first_runs_at_once_all_open_the_ledger() {
    for _ in 0..5 {
        let env = Env::new();
        let children: Vec<std::process::Child> = (0..8)
            .map(|_| env.std_command(&["history"]).spawn().expect("spawn"))
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
