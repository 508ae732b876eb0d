//! Whole-process benchmark of `topup auto` over a fleet of Reloadly lines.
//!
//! A stand-in Reloadly (wiremock on 127.0.0.1, its own thread) answers every
//! call in the shapes of Reloadly's spec after a fixed delay. Each run gets a
//! fresh state directory whose ledger holds one earlier confirmed purchase
//! per line, bought long enough ago that every line is due at `TOPUP_NOW`;
//! then the real `topup auto --json` runs once and is measured: wall time,
//! peak memory (topup's own `VmHWM`, reported by the preloaded shim below;
//! `wait4`'s `ru_maxrss` also keeps the bench's own size, from before the
//! exec), CPU time (`wait4`), and the calls the
//! stand-in received. The bound is what the calls cost if `concurrency` of
//! them were always in flight: calls × delay ÷ concurrency.
//!
//! ```sh
//! cargo bench --bench fleet                        # 1000 lines, 5 runs
//! cargo bench --bench fleet -- --runs 3 --lines 200 --delay-ms 100 --concurrency 16
//! cargo bench --bench fleet -- --lines 300 --fsync-delay-ms 5 --max-ratio 1.2   # a slow disk
//! ```
//!
//! topup runs with a small `LD_PRELOAD` shim (`support/fsync_delay.c`, built
//! here with the system's C compiler) that counts its disk syncs and, with
//! `--fsync-delay-ms N`, first sleeps N ms in each, as a slow SD card does.
//!
//! Exits 1 when a target is missed (median wall time over `--max-ratio`
//! × the bound, 1.25 by default; median peak memory over `--max-rss-mb`, 30 by
//! default) or a run did not post exactly one top-up per line under distinct
//! `customIdentifier`s. With `TOPUP_BENCH_OUT=FILE` the runs are also written
//! there as JSON; with `TOPUP_BENCH_BIN=PATH` that topup is measured instead
//! of this build's (an older build, side by side).

#[path = "support/seed.rs"]
mod seed;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use topup::domain::{Msisdn, Operator, OrderStatus, PayMethod};
use topup::ledger::{Ledger, OrderFilter};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use seed::{FLEET_OPERATORS, SeedOrder, fleet_numbers, seed_ledger};

const NOW: &str = "2026-11-25T12:00:00Z";
const SECRET: &str = "bench-secret-not-real";
/// The plan every line's policy buys (`reloadly-<operator>-5000`).
const PLAN_CLP: i64 = 5000;
struct Options {
    runs: usize,
    lines: usize,
    delay: Duration,
    concurrency: usize,
    /// How long each of topup's disk syncs is made to take, on top of the disk's own.
    fsync_delay_ms: u64,
    /// Targets: wall time ÷ bound, and peak memory.
    max_ratio: f64,
    max_rss_mb: f64,
}

impl Options {
    /// `--runs N --lines N --delay-ms N --concurrency N --fsync-delay-ms N
    /// --max-ratio X --max-rss-mb X`; anything else (cargo passes `--bench`)
    /// is ignored.
    fn from_args() -> Options {
        let mut o = Options {
            runs: 5,
            lines: 1000,
            delay: Duration::from_millis(100),
            concurrency: 16,
            fsync_delay_ms: 0,
            max_ratio: 1.25,
            max_rss_mb: 30.0,
        };
        let args: Vec<String> = std::env::args().skip(1).collect();
        for pair in args.windows(2) {
            let value = || pair[1].parse::<u64>().expect("a whole number after the flag");
            let ratio = || pair[1].parse::<f64>().expect("a number after the flag");
            match pair[0].as_str() {
                "--runs" => o.runs = value() as usize,
                "--lines" => o.lines = value() as usize,
                "--delay-ms" => o.delay = Duration::from_millis(value()),
                "--concurrency" => o.concurrency = value() as usize,
                "--fsync-delay-ms" => o.fsync_delay_ms = value(),
                "--max-ratio" => o.max_ratio = ratio(),
                "--max-rss-mb" => o.max_rss_mb = ratio(),
                _ => {}
            }
        }
        o
    }
}

/// The topup to measure: this build's, or `TOPUP_BENCH_BIN` (another build,
/// to compare two side by side under the same stand-in).
fn topup_binary() -> std::ffi::OsString {
    std::env::var_os("TOPUP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_topup").into())
}

/// Builds the sync shim (`support/fsync_delay.c`) into `dir`.
fn build_sync_shim(dir: &Path) -> std::path::PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/support/fsync_delay.c");
    let shim = dir.join("fsync_delay.so");
    let status = std::process::Command::new(std::env::var_os("CC").unwrap_or_else(|| "cc".into()))
        .args(["-O2", "-shared", "-fPIC", "-o"])
        .arg(&shim)
        .arg(&source)
        .arg("-ldl")
        .status()
        .expect("a C compiler (cc) for the sync shim");
    assert!(status.success(), "building {} failed", source.display());
    shim
}

// ---- the stand-in Reloadly ----------------------------------------------------

/// Reloadly's id for each operator on the stand-in.
fn operator_id(op: Operator) -> i64 {
    101 + FLEET_OPERATORS.iter().position(|o| *o == op).expect("a fleet operator") as i64
}

/// The name Reloadly gives the operator (what topup matches on).
fn reloadly_name(op: Operator) -> &'static str {
    match op {
        Operator::Entel => "Entel Chile",
        Operator::Movistar => "Movistar Chile",
        Operator::Claro => "Claro Chile",
        Operator::Wom => "WOM Chile",
        Operator::Virgin => "Virgin Mobile Chile",
    }
}

/// An operator as `/operators/...` answers it (spec `GetOperatorByIdResponse200`):
/// fixed local amounts with descriptions that state data and days.
fn operator_json(op: Operator) -> Value {
    let id = operator_id(op);
    json!({
        "id": id, "operatorId": id, "name": reloadly_name(op), "bundle": false, "data": false,
        "pin": false, "supportsLocalAmounts": true, "denominationType": "FIXED", "senderCurrencyCode": "USD",
        "senderCurrencySymbol": "$", "destinationCurrencyCode": "CLP", "destinationCurrencySymbol": "$",
        "commission": 6.0, "internationalDiscount": 6.0, "localDiscount": 0, "mostPopularAmount": null,
        "minAmount": null, "maxAmount": null, "localMinAmount": null, "localMaxAmount": null,
        "country": {"isoName": "CL", "name": "Chile"}, "fx": {"rate": 900.5, "currencyCode": "CLP"},
        "logoUrls": ["https://s3.amazonaws.com/rld-operator/logo.png"],
        "fixedAmounts": [2.23, 5.56, 11.11], "fixedAmountsDescriptions": [],
        "localFixedAmounts": [2000, 5000, 10000],
        "localFixedAmountsDescriptions": {"2000": "Bolsa 1 GB 7 días", "5000": "Bolsa 3 GB 30 días",
                                          "10000": "Bolsa 8 GB 30 días"},
        "suggestedAmounts": [], "suggestedAmountsMap": {}, "promotions": []
    })
}

/// `/promotions/operators/{id}`: one promotion on at `NOW`.
fn promotions_json(id: i64) -> Value {
    json!({"content": [
        {"promotionId": id * 10, "operatorId": id, "title": "Noviembre", "title2": "Doble de datos",
         "description": "Recargas de $5000 o más", "startDate": "Sun, 01 Nov 2026 03:00:00 +0000",
         "endDate": "Thu, 31 Dec 2026 03:00:00 +0000", "denominations": "USD 6 and up",
         "localDenominations": "CLP 5000 and up"}
    ], "totalElements": 1, "number": 0, "size": 20})
}

/// A top-up transaction (spec `POST /topups` 200 example).
fn transaction_json(tx_id: i64, key: &str, phone: &str, op_id: i64, amount: f64) -> Value {
    json!({
        "transactionId": tx_id, "status": "SUCCESSFUL", "operatorTransactionId": format!("{tx_id}:OrderConfirmed"),
        "customIdentifier": key, "recipientPhone": phone, "recipientEmail": null, "senderPhone": null,
        "countryCode": "CL", "operatorId": op_id, "operatorName": "", "discount": 0.33,
        "discountCurrencyCode": "USD", "requestedAmount": amount, "requestedAmountCurrencyCode": "CLP",
        "deliveredAmount": amount, "deliveredAmountCurrencyCode": "CLP", "transactionDate": "2026-11-25 09:00:01",
        "pinDetail": null,
        "balanceInfo": {"oldBalance": 10000.0, "newBalance": 9994.45, "cost": 5.55, "currencyCode": "USD",
                        "currencyName": "US Dollar", "updatedAt": "2026-11-25 12:00:01"}
    })
}

/// Spring's answer for a path Reloadly does not have.
fn not_found(path: &str) -> Value {
    json!({"timeStamp": "2026-11-25 09:00:00", "status": 404, "error": "Not Found",
           "message": "No message available", "path": path})
}

/// Answers after the stand-in's delay.
fn delayed(delay: Duration, status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body).set_delay(delay)
}

/// A fixed answer, delayed.
struct Fixed {
    delay: Duration,
    body: Value,
}

impl Respond for Fixed {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        delayed(self.delay, 200, self.body.clone())
    }
}

/// `GET /operators/auto-detect/phone/{phone}/countries/CL`: the operator the
/// stand-in's numbering says (the configured one, as for an unported line).
struct AutoDetect {
    delay: Duration,
    by_phone: HashMap<String, Operator>,
}

impl Respond for AutoDetect {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let phone = request.url.path().split('/').nth(4).unwrap_or_default();
        match self.by_phone.get(phone) {
            Some(op) => delayed(self.delay, 200, operator_json(*op)),
            None => delayed(
                self.delay,
                404,
                json!({"timeStamp": "2026-11-25 09:00:00", "message": "Could not auto detect operator",
                       "path": request.url.path(), "errorCode": "COULD_NOT_AUTO_DETECT_OPERATOR",
                       "infoLink": null, "details": []}),
            ),
        }
    }
}

/// `GET /operators/{id}` and `GET /promotions/operators/{id}`, by id.
struct ById {
    delay: Duration,
    promotions: bool,
}

impl Respond for ById {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id: i64 = request
            .url
            .path()
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        match FLEET_OPERATORS.iter().find(|op| operator_id(**op) == id) {
            Some(_) if self.promotions => delayed(self.delay, 200, promotions_json(id)),
            Some(op) => delayed(self.delay, 200, operator_json(*op)),
            None => delayed(self.delay, 404, not_found(request.url.path())),
        }
    }
}

/// `POST /topups`: successful, under the `customIdentifier` it was sent,
/// with a fresh `transactionId`.
struct Topups {
    delay: Duration,
    next_tx: AtomicI64,
}

impl Respond for Topups {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap_or_default();
        let tx_id = self.next_tx.fetch_add(1, Ordering::Relaxed);
        let phone = body["recipientPhone"]["number"].as_str().unwrap_or_default();
        let answer = transaction_json(
            tx_id,
            body["customIdentifier"].as_str().unwrap_or_default(),
            phone,
            body["operatorId"].as_i64().unwrap_or_default(),
            body["amount"].as_f64().unwrap_or_default(),
        );
        delayed(self.delay, 200, answer)
    }
}

/// Starts the stand-in with every route topup may call.
async fn stand_in(delay: Duration, numbers: &[(Msisdn, Operator)]) -> MockServer {
    let server = MockServer::builder().start().await;
    let mount = |m: Mock| m.mount(&server);
    mount(
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(Fixed {
                delay,
                body: json!({"access_token": "bench-token", "scope": "developer", "expires_in": 5_184_000,
                             "token_type": "Bearer"}),
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/operators/auto-detect/phone/\d+/countries/CL$"))
            .respond_with(AutoDetect {
                delay,
                by_phone: numbers.iter().map(|(m, op)| (m.international_digits(), *op)).collect(),
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path("/operators/countries/CL"))
            .respond_with(Fixed {
                delay,
                body: Value::Array(FLEET_OPERATORS.iter().map(|op| operator_json(*op)).collect()),
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/operators/\d+$"))
            .respond_with(ById {
                delay,
                promotions: false,
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/promotions/operators/\d+$"))
            .respond_with(ById {
                delay,
                promotions: true,
            }),
    )
    .await;
    mount(Mock::given(method("POST")).and(path("/topups")).respond_with(Topups {
        delay,
        next_tx: AtomicI64::new(4_600_000),
    }))
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path_regex(r"^/topups/\d+/status$"))
            .respond_with(Fixed {
                delay,
                body: json!({"code": null, "message": null, "status": "SUCCESSFUL",
                             "transaction": {"status": "SUCCESSFUL"}}),
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path("/topups/reports/transactions"))
            .respond_with(Fixed {
                delay,
                body: json!({"content": [], "totalElements": 0, "number": 0}),
            }),
    )
    .await;
    mount(
        Mock::given(method("GET"))
            .and(path("/accounts/balance"))
            .respond_with(Fixed {
                delay,
                body: json!({"balance": 10000.0, "currencyCode": "USD", "currencyName": "US Dollar",
                             "updatedAt": "2026-11-25 12:00:01"}),
            }),
    )
    .await;
    server
}

/// A request's route, with ids and numbers folded (`/operators/{id}`).
fn route_of(request: &Request) -> String {
    let folded: Vec<&str> = request
        .url
        .path()
        .split('/')
        .map(|part| {
            if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
                "{n}"
            } else {
                part
            }
        })
        .collect();
    format!("{} {}", request.method, folded.join("/"))
}

// ---- one run ------------------------------------------------------------------

fn config_text(base_url: &str, lines: &[(Msisdn, Operator)], concurrency: usize) -> String {
    let mut text = format!(
        "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"bench-client\"\nbase_url = \"{base_url}\"\n\
         auth_url = \"{base_url}/oauth/token\"\ntimeout = \"30s\"\n\n\
         [auto]\nconcurrency = {concurrency}\nmonthly_cap_clp = {}\n",
        PLAN_CLP * lines.len() as i64 * 2
    );
    for (i, (msisdn, op)) in lines.iter().enumerate() {
        text.push_str(&format!(
            "\n[lines.line-{i:04}]\nmsisdn = \"{}\"\noperator = \"{op}\"\npay = \"reloadly\"\n\n\
             [lines.line-{i:04}.auto]\nplan = \"reloadly-{op}-{PLAN_CLP}\"\nbefore_expiry = \"2d\"\n\
             min_interval = \"12h\"\nmonthly_cap_clp = 20000\n",
            msisdn.pretty()
        ));
    }
    text
}

/// Each line's earlier purchase: a 30-day plan bought 29 days before `now`,
/// so it ends within `before_expiry` and the line is due.
fn earlier_purchases(lines: &[(Msisdn, Operator)], now: Timestamp) -> impl Iterator<Item = SeedOrder> + '_ {
    lines.iter().enumerate().map(move |(i, (msisdn, op))| SeedOrder {
        line: format!("line-{i:04}"),
        msisdn: msisdn.clone(),
        operator: *op,
        plan_id: format!("reloadly-{op}-{PLAN_CLP}"),
        plan_name: "Bolsa 3 GB 30 días".into(),
        data_bytes: Some(3_000_000_000),
        validity_days: Some(30),
        amount_clp: PLAN_CLP,
        pay: PayMethod::Reloadly,
        status: OrderStatus::Confirmed,
        gateway_ref: Some((4_000_000 + i).to_string()),
        created_at: now - SignedDuration::from_hours(29 * 24),
    })
}

struct RunResult {
    /// This process's CPU time while topup ran: the stand-in's answers.
    stand_in_cpu: Duration,
    /// topup's disk syncs (fsync and fdatasync), as the shim counted them.
    syncs: u64,
    wall: Duration,
    peak_rss_mb: f64,
    cpu: Duration,
    calls: BTreeMap<String, usize>,
    total_calls: usize,
    topups_posted: usize,
    distinct_keys: usize,
    renewed: u64,
    confirmed_in_ledger: usize,
    keys_match_ledger: bool,
    exit_code: i32,
}

/// What `wait4` says about a finished child.
struct Measured {
    wall: Duration,
    exit_code: i32,
    /// User plus system CPU time.
    cpu: Duration,
    stdout: Vec<u8>,
}

/// This process's user plus system CPU time so far.
fn own_cpu() -> Duration {
    // SAFETY: an all-zero rusage is valid; getrusage fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF and a valid pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

// The child is reaped with `wait4`, not `Child::wait`: only `wait4` gives its rusage.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut std::process::Command) -> Measured {
    use std::io::Read;
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("topup starts");
    let mut stdout = Vec::new();
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_to_end(&mut stdout)
        .expect("read topup's stdout");
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child's, not yet reaped; the pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Measured {
        wall,
        exit_code: code,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        stdout,
    }
}

fn run_once(rt: &tokio::runtime::Runtime, o: &Options, shim: &Path, lines: &[(Msisdn, Operator)]) -> RunResult {
    let home = tempfile::tempdir().expect("temp dir");
    let state = home.path().join("state");
    let now: Timestamp = NOW.parse().expect("NOW");
    seed_ledger(&state.join("ledger.sqlite3"), earlier_purchases(lines, now)).expect("seed the ledger");
    let server = rt.block_on(stand_in(o.delay, lines));
    let config = home.path().join("config.toml");
    std::fs::write(&config, config_text(&server.uri(), lines, o.concurrency)).expect("write config");

    let mut cmd = std::process::Command::new(topup_binary());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TOPUP_") {
            cmd.env_remove(&key);
        }
    }
    cmd.args(["--config", &config.display().to_string(), "auto", "--json"])
        .env("HOME", home.path())
        .env("TOPUP_STATE_DIR", &state)
        .env("TOPUP_NOW", NOW)
        .env("TOPUP_RELOADLY_CLIENT_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .env("LD_PRELOAD", shim)
        .env("FSYNC_DELAY_MS", o.fsync_delay_ms.to_string())
        .env("FSYNC_COUNT_FILE", home.path().join("syncs"))
        .stdin(std::process::Stdio::null());
    let bench_cpu = own_cpu();
    let measured = run_measured(&mut cmd);
    // The stand-in answers in this process: its CPU shares the machine.
    let stand_in_cpu = own_cpu().saturating_sub(bench_cpu);
    // The shim's count of syncs and topup's own peak memory (VmHWM, kB).
    let shim_said = std::fs::read_to_string(home.path().join("syncs")).unwrap_or_default();
    let mut shim_said = shim_said.split_whitespace().map(|n| n.parse::<u64>().ok());
    let syncs = shim_said.next().flatten().unwrap_or(0);
    let peak_kb = shim_said
        .next()
        .flatten()
        .expect("the shim reports topup's peak memory");

    let report: Value = serde_json::from_slice(&measured.stdout).unwrap_or(Value::Null);
    let requests = rt
        .block_on(server.received_requests())
        .expect("the stand-in records requests");
    let mut calls: BTreeMap<String, usize> = BTreeMap::new();
    for r in &requests {
        *calls.entry(route_of(r)).or_default() += 1;
    }
    let keys: Vec<String> = requests
        .iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path() == "/topups")
        .map(|r| {
            let body: Value = r.body_json().expect("a JSON top-up");
            body["customIdentifier"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let distinct: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let ledger = Ledger::open(&state.join("ledger.sqlite3")).expect("open the ledger");
    let november = OrderFilter {
        month: Some("2026-11".into()),
        ..Default::default()
    };
    let confirmed: HashSet<String> = ledger
        .orders(&november)
        .expect("ledger orders")
        .into_iter()
        .filter(|o| o.status == OrderStatus::Confirmed)
        .map(|o| o.id.to_string())
        .collect();
    let keys_match_ledger = confirmed.len() == distinct.len() && distinct.iter().all(|k| confirmed.contains(*k));
    RunResult {
        stand_in_cpu,
        syncs,
        wall: measured.wall,
        peak_rss_mb: peak_kb as f64 / 1024.0,
        cpu: measured.cpu,
        total_calls: requests.len(),
        calls,
        topups_posted: keys.len(),
        distinct_keys: distinct.len(),
        renewed: report["renewed"].as_u64().unwrap_or(0),
        confirmed_in_ledger: confirmed.len(),
        keys_match_ledger,
        exit_code: measured.exit_code,
    }
}

// ---- statistics ---------------------------------------------------------------

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min_max(values: &[f64]) -> (f64, f64) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min, max)
}

fn main() {
    let o = Options::from_args();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let lines: Vec<(Msisdn, Operator)> = fleet_numbers(o.lines)
        .into_iter()
        .enumerate()
        .map(|(i, m)| (m, FLEET_OPERATORS[i % FLEET_OPERATORS.len()]))
        .collect();
    println!(
        "fleet: topup auto over {} Reloadly lines, stand-in delay {} ms per call, concurrency {}, \
         each disk sync {} ms slower, {} runs",
        o.lines,
        o.delay.as_millis(),
        o.concurrency,
        o.fsync_delay_ms,
        o.runs
    );
    let shim_dir = tempfile::tempdir().expect("temp dir");
    let shim = build_sync_shim(shim_dir.path());
    let mut results = Vec::new();
    for run in 1..=o.runs {
        let r = run_once(&rt, &o, &shim, &lines);
        let bound = r.total_calls as f64 * o.delay.as_secs_f64() / o.concurrency as f64;
        println!(
            "run {run}: wall {:.2} s, bound {:.2} s ({} calls), ratio {:.3}, peak RSS {:.1} MB, CPU {:.2} s \
             ({:.3} ms a line), stand-in CPU {:.2} s, {} disk syncs, top-ups posted {} (distinct {}), renewed {}, exit {}",
            r.wall.as_secs_f64(),
            bound,
            r.total_calls,
            r.wall.as_secs_f64() / bound,
            r.peak_rss_mb,
            r.cpu.as_secs_f64(),
            r.cpu.as_secs_f64() * 1000.0 / o.lines as f64,
            r.stand_in_cpu.as_secs_f64(),
            r.syncs,
            r.topups_posted,
            r.distinct_keys,
            r.renewed,
            r.exit_code
        );
        results.push(r);
    }
    let Some(first) = results.first() else {
        return;
    };
    println!("calls by route (run 1):");
    for (route, n) in &first.calls {
        println!("  {n:>6}  {route}");
    }

    let walls: Vec<f64> = results.iter().map(|r| r.wall.as_secs_f64()).collect();
    let bounds: Vec<f64> = results
        .iter()
        .map(|r| r.total_calls as f64 * o.delay.as_secs_f64() / o.concurrency as f64)
        .collect();
    let ratios: Vec<f64> = walls.iter().zip(&bounds).map(|(w, b)| w / b).collect();
    let rss: Vec<f64> = results.iter().map(|r| r.peak_rss_mb).collect();
    let (wall_min, wall_max) = min_max(&walls);
    let (ratio_min, ratio_max) = min_max(&ratios);
    let (rss_min, rss_max) = min_max(&rss);
    let exact = results.iter().all(|r| {
        r.exit_code == 0
            && r.topups_posted == o.lines
            && r.distinct_keys == o.lines
            && r.renewed == o.lines as u64
            && r.confirmed_in_ledger == o.lines
            && r.keys_match_ledger
    });
    let cpu_per_line: Vec<f64> = results
        .iter()
        .map(|r| r.cpu.as_secs_f64() * 1000.0 / o.lines as f64)
        .collect();
    let syncs: Vec<f64> = results.iter().map(|r| r.syncs as f64).collect();
    let ratio_ok = median(&ratios) <= o.max_ratio;
    let rss_ok = median(&rss) <= o.max_rss_mb;
    let verdict = |ok: bool| if ok { "met" } else { "NOT MET" };
    println!(
        "wall time: median {:.2} s (min {:.2}, max {:.2}); bound median {:.2} s; \
         ratio median {:.3} (min {:.3}, max {:.3}), target ≤ {}: {}",
        median(&walls),
        wall_min,
        wall_max,
        median(&bounds),
        median(&ratios),
        ratio_min,
        ratio_max,
        o.max_ratio,
        verdict(ratio_ok)
    );
    println!(
        "peak RSS: median {:.1} MB (min {:.1}, max {:.1}), target ≤ {} MB: {}",
        median(&rss),
        rss_min,
        rss_max,
        o.max_rss_mb,
        verdict(rss_ok)
    );
    let (cpu_min, cpu_max) = min_max(&cpu_per_line);
    println!(
        "CPU a line: median {:.3} ms (min {:.3}, max {:.3}); disk syncs: median {} ({:.2} a line)",
        median(&cpu_per_line),
        cpu_min,
        cpu_max,
        median(&syncs),
        median(&syncs) / o.lines as f64
    );
    println!(
        "exactly {} top-ups posted under distinct keys, all confirmed in the ledger, in every run: {}",
        o.lines,
        verdict(exact)
    );

    if let Some(out) = std::env::var_os("TOPUP_BENCH_OUT") {
        let doc = json!({
            "lines": o.lines, "delay_ms": o.delay.as_millis() as u64, "concurrency": o.concurrency,
            "fsync_delay_ms": o.fsync_delay_ms, "max_ratio": o.max_ratio, "max_rss_mb": o.max_rss_mb,
            "runs": results.iter().map(|r| json!({
                "wall_s": r.wall.as_secs_f64(), "peak_rss_mb": r.peak_rss_mb, "cpu_s": r.cpu.as_secs_f64(),
                "cpu_ms_per_line": r.cpu.as_secs_f64() * 1000.0 / o.lines as f64, "syncs": r.syncs,
                "stand_in_cpu_s": r.stand_in_cpu.as_secs_f64(), "calls": r.total_calls,
                "calls_by_route": r.calls, "topups_posted": r.topups_posted, "distinct_keys": r.distinct_keys,
                "renewed": r.renewed, "exit_code": r.exit_code,
            })).collect::<Vec<_>>(),
            "bound_s": bounds, "ratio": ratios,
            "met": {"ratio": ratio_ok, "rss": rss_ok, "exact_topups": exact},
        });
        let path = Path::new(&out);
        std::fs::write(path, serde_json::to_vec_pretty(&doc).expect("JSON")).expect("write TOPUP_BENCH_OUT");
    }
    if !(ratio_ok && rss_ok && exact) {
        std::process::exit(1);
    }
}
