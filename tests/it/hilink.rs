//! The HiLink channel end to end: `topup` against a stand-in router on
//! 127.0.0.1 (wiremock with one stateful responder) that answers in the
//! API's XML shapes as `huawei-lte-api` reads them (reference §A3): the
//! token handshake (page meta tags, `webserver/token`, `SesTokInfo`),
//! tokens rotated on every POST and refused when reused, the login with
//! type 4 passwords, USSD whose status goes 1 → 0, SMS lists, the month
//! counters, and each error code. The operator's replies are the invented
//! WOM menu the modem tests use (`tests/fixtures/mmcli/wom-saldo.json`).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::Value;
use sha2::{Digest, Sha256};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::*;

const PASSWORD: &str = "r0uter-pass-e2e";

/// How the stand-in hands out its first token.
#[derive(Clone, Copy, PartialEq)]
enum Tokens {
    /// Two `<meta name="csrf_token">` on the page (E3372h).
    Meta,
    /// `api/webserver/token` (E3372s).
    TokenApi,
    /// No `webserver/token` (B313-322, reference #250): `SesTokInfo` only.
    SesTokInfo,
}

/// What the network answers a USSD walk with.
enum Answer {
    Reply(String),
    /// `api/ussd/get` answers with this error code.
    Fail(u32),
}

#[derive(Default)]
struct Bought {
    five: bool,
    /// The 1 GB bolsa shows from the second read after it.
    one_reads: Option<u32>,
}

/// One request as the stand-in saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    body: String,
    token: Option<String>,
    cookie: Option<String>,
}

struct State {
    tokens: Tokens,
    /// Tokens handed out and not yet spent.
    valid: Vec<String>,
    next_token: u32,
    password: Option<String>,
    logged_in: bool,
    wrong_logins: u32,
    rat: &'static str,
    /// Error codes to answer, per endpoint (`ussd/send`), first come first.
    errors: HashMap<String, VecDeque<u32>>,
    /// The USSD walk since the last code, and its pending answer.
    walk: Vec<String>,
    pending: Option<(Answer, u32)>,
    bought: Bought,
    /// (index, phone, content)
    inbox: Vec<(u32, String, String)>,
    sms_reply: Option<(String, String)>,
    deleted: Vec<String>,
    seen: Vec<Seen>,
    /// Error answers given, by code.
    refused: Vec<u32>,
    /// `ussd/send` of this text answers this error code.
    refuse_send: HashMap<String, u32>,
}

#[derive(Clone)]
struct Router(Arc<Mutex<State>>);

impl Router {
    fn new(tokens: Tokens) -> Router {
        Router(Arc::new(Mutex::new(State {
            tokens,
            valid: Vec::new(),
            next_token: 0,
            password: None,
            logged_in: false,
            wrong_logins: 0,
            rat: "2",
            errors: HashMap::new(),
            walk: Vec::new(),
            pending: None,
            bought: Bought::default(),
            inbox: vec![
                (40001, "103".into(), "Saldo: $9.999. Vence el 01/11/2026".into()),
                (40002, "+56911112222".into(), "Hola, llego el jueves".into()),
            ],
            sms_reply: None,
            deleted: Vec::new(),
            seen: Vec::new(),
            refused: Vec::new(),
            refuse_send: HashMap::new(),
        })))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap()
    }

    /// `endpoint` answers `code` the next `times` times.
    fn fail(&self, endpoint: &str, code: u32, times: usize) {
        self.state()
            .errors
            .entry(endpoint.to_string())
            .or_default()
            .extend(std::iter::repeat_n(code, times));
    }

    fn seen(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// The USSD texts sent, in order.
    fn ussd_sent(&self) -> Vec<String> {
        self.seen()
            .iter()
            .filter(|s| s.path == "/api/ussd/send")
            .map(|s| field(&s.body, "content"))
            .collect()
    }
}

/// The text of `<name>` in an XML body.
fn field(body: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    body.split_once(&open)
        .and_then(|(_, rest)| rest.split_once(&close))
        .map(|(text, _)| text.to_string())
        .unwrap_or_default()
}

fn xml(inner: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>{inner}</response>")
}

fn error(code: u32) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error><code>{code}</code><message></message></error>")
}

fn balance(bought: &mut Bought) -> String {
    let one = bought.one_reads.map(|n| {
        bought.one_reads = Some(n + 1);
        n >= 1
    });
    if bought.five {
        "Saldo: $2.010. Extra Saldo: $2.000. Te quedan 5,3 GB, vence el 25/12/2026".into()
    } else if one == Some(true) {
        "Saldo: $6.010. Extra Saldo: $2.000. Te quedan 1,3 GB, vence el 25/12/2026".into()
    } else {
        "Saldo: $8.000. Extra Saldo: $2.000. Te quedan 300 MB, vence el 30/11/2026".into()
    }
}

/// The invented WOM network (the modem tests' menu).
fn network(walk: &[String], bought: &mut Bought) -> Answer {
    let walk: Vec<&str> = walk.iter().map(String::as_str).collect();
    let reply = |t: &str| Answer::Reply(t.to_string());
    match walk.as_slice() {
        ["*103#"] => reply("WOM\n1. Saldo y bolsas\n2. Comprar bolsas\n0. Salir"),
        ["*103#", "1"] => Answer::Reply(balance(bought)),
        ["*103#", "2"] => reply("1. Bolsa 1 GB $1.990\n2. Bolsa 5 GB $5.990\n3. Bolsa 2 GB $2.990\n9. Volver"),
        ["*103#", "2", "1"] => reply("Confirmas Bolsa 1 GB por $1.990?\n1. Si\n2. No"),
        ["*103#", "2", "1", "1"] => {
            bought.one_reads = Some(0);
            reply("Solicitud recibida. Te confirmaremos por SMS")
        }
        ["*103#", "2", "2"] => reply("Confirmas Bolsa 5 GB por $5.990?\n1. Si\n2. No"),
        ["*103#", "2", "2", "1"] => {
            bought.five = true;
            reply("Listo! Tu Bolsa 5 GB esta activa")
        }
        // The network fails the walk once the bolsa is chosen.
        ["*103#", "2", "3"] => Answer::Fail(100001),
        // A one-step purchase code: applied, then an error topup does not know.
        ["*555#"] => {
            bought.five = true;
            Answer::Fail(100001)
        }
        ["*200#"] => reply("Saldo: $3.000. Extra Saldo: $5.000. Te quedan 100 MB"),
        // No data figure: the router's month counters stand in.
        ["*105#"] => reply("Saldo: $4.500. Vence el 15/12/2026"),
        _ => Answer::Fail(100001),
    }
}

impl State {
    fn token(&mut self) -> String {
        self.next_token += 1;
        let t = format!("tok{:04}", self.next_token);
        self.valid.push(t.clone());
        t
    }

    fn answer(&mut self, seen: &Seen) -> ResponseTemplate {
        let path = seen.path.trim_start_matches('/');
        let endpoint = path.strip_prefix("api/").unwrap_or(path).to_string();
        let ok = |body: String| ResponseTemplate::new(200).set_body_raw(body, "text/xml");
        if path.is_empty() || path == "html/index.html" {
            let metas = if self.tokens == Tokens::Meta {
                let (a, b) = (self.token(), self.token());
                format!("<meta name=\"csrf_token\" content=\"{a}\"/>\n<meta name=\"csrf_token\" content=\"{b}\"/>")
            } else {
                String::new()
            };
            return ResponseTemplate::new(200)
                .insert_header("Set-Cookie", "SessionID=page-cookie; path=/; HttpOnly")
                .set_body_raw(format!("<html><head>{metas}</head><body></body></html>"), "text/html");
        }
        match endpoint.as_str() {
            "webserver/token" if self.tokens == Tokens::TokenApi => {
                let t = self.token();
                return ok(xml(&format!("<token>{t}</token>")));
            }
            "webserver/token" => return ok(error(100002)),
            "webserver/SesTokInfo" => {
                let t = self.token();
                return ok(xml(&format!(
                    "<SesInfo>SessionID=ses-cookie</SesInfo><TokInfo>{t}</TokInfo>"
                )));
            }
            _ => {}
        }
        // Every POST spends a valid token and gets a new one.
        let mut fresh = None;
        if seen.method == "POST" {
            match seen.token.as_ref().and_then(|t| self.valid.iter().position(|v| v == t)) {
                Some(i) => {
                    self.valid.remove(i);
                }
                None => return self.refuse(125003),
            }
            fresh = Some(self.token());
        }
        let with_token = |r: ResponseTemplate| match &fresh {
            Some(t) => r.insert_header("__RequestVerificationToken", t.as_str()),
            None => r,
        };
        if let Some(code) = self.errors.get_mut(&endpoint).and_then(VecDeque::pop_front) {
            return with_token(self.refuse(code));
        }
        if endpoint == "user/state-login" {
            let state = if self.logged_in { "0" } else { "-1" };
            return ok(xml(&format!(
                "<State>{state}</State><Username></Username><password_type>4</password_type>"
            )));
        }
        if endpoint == "user/login" {
            let token = seen.token.clone().unwrap_or_default();
            let hex = |d: &[u8]| Sha256::digest(d).iter().map(|b| format!("{b:02x}")).collect::<String>();
            let password = self.password.clone().unwrap_or_default();
            let inner = B64.encode(hex(password.as_bytes()));
            let expected = B64.encode(hex(format!("admin{inner}{token}").as_bytes()));
            if field(&seen.body, "Password") != expected || field(&seen.body, "Username") != "admin" {
                self.wrong_logins += 1;
                return with_token(self.refuse(108006));
            }
            self.logged_in = true;
            // A login ends the tokens before it and hands out two.
            self.valid.clear();
            let (one, two) = (self.token(), self.token());
            return ResponseTemplate::new(200)
                .insert_header("__RequestVerificationTokenone", one.as_str())
                .insert_header("__RequestVerificationTokentwo", two.as_str())
                .set_body_raw(xml("OK"), "text/xml");
        }
        if endpoint == "user/logout" {
            self.logged_in = false;
            return with_token(ok(xml("OK")));
        }
        if self.password.is_some() && !self.logged_in {
            return with_token(self.refuse(100003));
        }
        let body = match endpoint.as_str() {
            "net/current-plmn" => xml(&format!(
                "<State>0</State><FullName>WOM</FullName><ShortName>WOM</ShortName><Numeric>73009</Numeric><Rat>{}</Rat>",
                self.rat
            )),
            "ussd/send" => {
                let content = field(&seen.body, "content");
                if let Some(code) = self.refuse_send.get(&content).copied() {
                    return with_token(self.refuse(code));
                }
                if content.starts_with('*') || content.starts_with('#') {
                    self.walk.clear();
                }
                self.walk.push(content);
                let answer = network(&self.walk, &mut self.bought);
                // In progress for one poll, then done.
                self.pending = Some((answer, 1));
                xml("OK")
            }
            "ussd/status" => {
                let result = match &mut self.pending {
                    Some((_, polls)) if *polls > 0 => {
                        *polls -= 1;
                        "1"
                    }
                    _ => "0",
                };
                xml(&format!("<result>{result}</result>"))
            }
            "ussd/get" => match self.pending.take() {
                Some((Answer::Reply(text), _)) => xml(&format!("<content>{text}</content>")),
                Some((Answer::Fail(code), _)) => return self.refuse(code),
                None => xml("<content></content>"),
            },
            "sms/send-sms" => {
                let text = field(&seen.body, "Content");
                let to = field(&seen.body, "Phone");
                if to == "103" && text == "SALDO" {
                    self.sms_reply = Some(("103".into(), "Saldo: $4.000. Vence el 15/12/2026".into()));
                }
                xml("OK")
            }
            "sms/sms-list" => {
                // The answer arrives by the second look.
                let listed = self.inbox.clone();
                if let Some((from, text)) = self.sms_reply.take() {
                    self.inbox.insert(0, (40003, from, text));
                }
                let messages: String = listed
                    .iter()
                    .map(|(i, phone, text)| {
                        format!(
                            "<Message><Smstat>0</Smstat><Index>{i}</Index><Phone>{phone}</Phone>\
                             <Content>{text}</Content><Date>2026-11-25 09:00:00</Date><Sca></Sca>\
                             <SaveType>4</SaveType><Priority>0</Priority><SmsType>1</SmsType></Message>"
                        )
                    })
                    .collect();
                xml(&format!(
                    "<Count>{}</Count><Messages>{messages}</Messages>",
                    listed.len()
                ))
            }
            "sms/delete-sms" => {
                let index = field(&seen.body, "Index");
                self.inbox.retain(|(i, ..)| i.to_string() != index);
                self.deleted.push(index);
                xml("OK")
            }
            "monitoring/month_statistics" => xml(
                "<CurrentMonthDownload>1200000000</CurrentMonthDownload><CurrentMonthUpload>300000000</CurrentMonthUpload>\
                 <MonthDuration>86400</MonthDuration><MonthLastClearTime>2026-11-1</MonthLastClearTime>",
            ),
            "monitoring/start_date" => xml(
                "<StartDay>1</StartDay><DataLimit>5GB</DataLimit><MonthThreshold>90</MonthThreshold><SetMonthData>1</SetMonthData>",
            ),
            _ => error(100002),
        };
        with_token(ok(body))
    }

    fn refuse(&mut self, code: u32) -> ResponseTemplate {
        self.refused.push(code);
        ResponseTemplate::new(200).set_body_raw(error(code), "text/xml")
    }
}

impl Respond for Router {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let header = |name: &str| {
            request
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        };
        let seen = Seen {
            method: request.method.to_string(),
            path: request.url.path().to_string(),
            body: String::from_utf8_lossy(&request.body).into_owned(),
            token: header("__RequestVerificationToken"),
            cookie: header("cookie"),
        };
        let mut state = self.state();
        state.seen.push(seen.clone());
        state.answer(&seen)
    }
}

/// A home whose line `finca` reads through a stand-in router.
struct Rig {
    env: Env,
    router: Router,
    _server: MockServer,
    url: String,
}

impl Rig {
    async fn new(tokens: Tokens) -> Rig {
        let server = MockServer::start().await;
        let router = Router::new(tokens);
        Mock::given(any()).respond_with(router.clone()).mount(&server).await;
        Rig {
            env: Env::new(),
            url: server.uri(),
            router,
            _server: server,
        }
    }

    /// The stand-in asks for a login with `PASSWORD`, which the config
    /// gives through `password_file`.
    fn with_login(self) -> Rig {
        self.router.state().password = Some(PASSWORD.into());
        self
    }

    /// Writes the config: the line, `[hilink]` (with the password file
    /// when the router wants one), then `rest`.
    fn config(&self, line_keys: &str, rest: &str) {
        let login = if self.router.state().password.is_some() {
            let path = self.env.write_file("router.secret", PASSWORD);
            let mut perms = std::fs::metadata(&path).unwrap().permissions();
            std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o600);
            std::fs::set_permissions(&path, perms).unwrap();
            format!("password_file = \"{}\"\n", path.display())
        } else {
            String::new()
        };
        self.env.write_config(&format!(
            "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"hilink\"\n{line_keys}\n\
             [hilink]\nurl = \"{}\"\ntimeout = \"5s\"\n{login}\n{rest}",
            self.url
        ));
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(self.env.topup(args))
    }

    /// `balance finca --json`: the run and the line's entry.
    fn balance(&self) -> (Run, Value) {
        let run = self.run(&["balance", "finca", "--json"]);
        let line = run.json()["lines"][0].clone();
        (run, line)
    }
}

const WOM_CODES: &str = "[operators.wom]\nbalance_ussd = [\"*103#\", \"Saldo\"]\n";

#[tokio::test]
async fn balance_reads_operator_saldo_data_and_expiry_over_the_routers_ussd() {
    let rig = Rig::new(Tokens::Meta).await;
    rig.config("", WOM_CODES);
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["operator"], "wom", "{line}");
    assert_eq!(line["saldo_clp"], 8000, "{line}");
    assert_eq!(line["bonus_saldo_clp"], 2000, "{line}");
    assert_eq!(line["data_left_bytes"], 300_000_000u64, "{line}");
    assert_eq!(line["source"], "hilink", "{line}");
    // The end of 30/11 in Santiago.
    assert_eq!(line["expires_at"], "2026-12-01T02:59:59Z", "{line}");
    // The operator gave a data figure: the month counters were not asked.
    assert!(line["data_used_month_bytes"].is_null(), "{line}");
    assert_eq!(rig.router.ussd_sent(), ["*103#", "1"]);
    let seen = rig.router.seen();
    assert!(!seen.iter().any(|s| s.path.contains("month_statistics")));
    // Every POST carried a token the router had handed out and not yet
    // seen (the page's two, then each answer's): none was refused.
    let posts: Vec<&Seen> = seen.iter().filter(|s| s.method == "POST").collect();
    assert_eq!(posts.len(), 2, "{seen:#?}");
    assert_eq!(posts[0].token.as_deref(), Some("tok0001"));
    assert_eq!(posts[1].token.as_deref(), Some("tok0002"));
    assert!(rig.router.state().refused.is_empty(), "{seen:#?}");
    // The page's cookie went with the requests.
    assert!(
        posts
            .iter()
            .all(|p| p.cookie.as_deref() == Some("SessionID=page-cookie"))
    );
}

#[tokio::test]
async fn the_human_table_shows_the_routers_month_count_when_the_operator_gives_no_data() {
    let rig = Rig::new(Tokens::TokenApi).await;
    rig.config("operator = \"wom\"\n", "[operators.wom]\nbalance_ussd = [\"*105#\"]\n");
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["saldo_clp"], 4500, "{line}");
    assert!(line["data_left_bytes"].is_null(), "{line}");
    assert_eq!(line["data_used_month_bytes"], 1_500_000_000u64, "{line}");
    assert_eq!(line["data_month_limit_bytes"], 5_000_000_000u64, "{line}");
    let run = rig.run(&["balance", "finca"]).ok();
    assert!(run.stdout.contains("1.5 GB of 5 GB used this month"), "{}", run.stdout);
    let mut cmd = rig.env.topup(&["balance", "finca"]);
    cmd.env("TOPUP_LANG", "zh-CN");
    let run = Run::of(cmd).ok();
    assert!(run.stdout.contains("本月已用 1.5 GB"), "{}", run.stdout);
}

#[tokio::test]
async fn a_router_that_wants_a_login_gets_the_salted_sha256_one_and_a_logout() {
    let rig = Rig::new(Tokens::TokenApi).await.with_login();
    rig.config("", WOM_CODES);
    let (run, line) = rig.balance();
    let run = run.ok();
    assert_eq!(line["saldo_clp"], 8000, "{line}");
    let seen = rig.router.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    let login = paths.iter().position(|p| *p == "/api/user/login").expect("a login");
    let plmn = paths.iter().position(|p| *p == "/api/net/current-plmn").unwrap();
    assert!(login < plmn, "{paths:#?}");
    assert_eq!(paths.last(), Some(&"/api/user/logout"), "{paths:#?}");
    assert_eq!(field(&seen[login].body, "password_type"), "4");
    assert!(rig.router.state().refused.is_empty(), "{seen:#?}");
    // The password is never shown.
    assert!(!run.stderr.contains(PASSWORD));
}

#[tokio::test]
async fn a_firmware_without_webserver_token_uses_sestokinfo_and_its_cookie() {
    let rig = Rig::new(Tokens::SesTokInfo).await;
    rig.config("operator = \"wom\"\n", WOM_CODES);
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["saldo_clp"], 8000, "{line}");
    let seen = rig.router.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths[..3], ["/", "/api/webserver/token", "/api/webserver/SesTokInfo"]);
    let post = seen.iter().find(|s| s.method == "POST").unwrap();
    assert_eq!(post.token.as_deref(), Some("tok0001"));
    assert!(
        post.cookie
            .as_deref()
            .unwrap_or_default()
            .contains("SessionID=ses-cookie"),
        "{post:?}"
    );
}

#[tokio::test]
async fn balance_by_sms_reads_the_answer_and_deletes_only_it() {
    let rig = Rig::new(Tokens::Meta).await;
    rig.config(
        "operator = \"entel\"\n",
        "[operators.entel]\nbalance_sms = { to = \"103\", text = \"SALDO\" }\n",
    );
    let (run, line) = rig.balance();
    run.ok();
    // The new answer, not the old $9.999 from the same number.
    assert_eq!(line["saldo_clp"], 4000, "{line}");
    let state = rig.router.state();
    assert_eq!(state.deleted, ["40003"]);
    assert_eq!(state.inbox.len(), 2, "the other messages stay");
    let sent = state.seen.iter().find(|s| s.path == "/api/sms/send-sms").expect("sent");
    assert_eq!(field(&sent.body, "Phones"), "<Phone>103</Phone>");
    assert_eq!(field(&sent.body, "Content"), "SALDO");
}

#[tokio::test]
async fn a_lost_session_is_started_again_once() {
    let rig = Rig::new(Tokens::Meta).await;
    rig.config("", WOM_CODES);
    rig.router.fail("net/current-plmn", 125002, 1);
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["saldo_clp"], 8000, "{line}");
    let pages = rig.router.seen().iter().filter(|s| s.path == "/").count();
    assert_eq!(pages, 2, "one new handshake");
}

/// The error each code ends in: its exit code and words.
#[tokio::test]
async fn each_router_error_says_what_to_do_with_its_exit_code() {
    // (endpoint, code, times, exit, in the message, in the hint)
    let table: [(&str, u32, usize, i32, &str, &str); 5] = [
        (
            "ussd/send",
            100002,
            1,
            1,
            "does not offer USSD (error 100002",
            "read the balance by SMS",
        ),
        (
            "net/current-plmn",
            100003,
            1,
            4,
            "wants a login (error 100003)",
            "set username and password_file",
        ),
        ("ussd/send", 100004, 1, 5, "is busy (error 100004)", "try again later"),
        (
            "net/current-plmn",
            125003,
            2,
            5,
            "ended topup's session again",
            "another client",
        ),
        ("ussd/get", 100001, 1, 5, "with error 100001", "try again later"),
    ];
    for (endpoint, code, times, exit, message, hint) in table {
        let rig = Rig::new(Tokens::Meta).await;
        rig.config("operator = \"wom\"\n", WOM_CODES);
        rig.router.fail(endpoint, code, times);
        let run = rig.run(&["balance", "finca", "--json"]).code(exit);
        let error = run.json_error();
        let said = error["message"].as_str().unwrap();
        assert!(said.contains(message), "{endpoint} {code}: {said}");
        let hinted = error["hint"].as_str().unwrap_or_default();
        assert!(hinted.contains(hint), "{endpoint} {code}: {hinted}");
    }
}

#[tokio::test]
async fn wrong_passwords_and_too_many_tries_are_credential_errors() {
    for (code, message, hint) in [
        (
            108006,
            "refused the username or password (error 108006)",
            "check username and the password",
        ),
        (
            108007,
            "too many wrong passwords (error 108007)",
            "wait until the router accepts logins again",
        ),
    ] {
        let rig = Rig::new(Tokens::Meta).await.with_login();
        rig.config("operator = \"wom\"\n", WOM_CODES);
        rig.router.fail("user/login", code, 1);
        let run = rig.run(&["balance", "finca", "--json"]).code(4);
        let error = run.json_error();
        assert!(error["message"].as_str().unwrap().contains(message), "{error}");
        assert!(error["hint"].as_str().unwrap().contains(hint), "{error}");
        // One try: a wrong password is not sent again.
        let logins = rig.router.seen().iter().filter(|s| s.path == "/api/user/login").count();
        assert_eq!(logins, 1);
    }
}

#[tokio::test]
async fn nothing_at_the_address_asks_whether_the_router_is_there() {
    let rig = Rig::new(Tokens::Meta).await;
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    rig.env.write_config(&format!(
        "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"hilink\"\noperator = \"wom\"\n\
         [hilink]\nurl = \"http://127.0.0.1:{port}\"\n{WOM_CODES}"
    ));
    let run = rig.run(&["balance", "finca"]).code(5);
    let line = run.error_line();
    assert!(line.contains("is the HiLink router at that address?"), "{line}");
    assert!(run.stderr.contains("check [hilink] url"), "{}", run.stderr);
}

#[tokio::test]
async fn a_ussd_failure_on_lte_says_so_and_how_to_fix_it() {
    let rig = Rig::new(Tokens::Meta).await;
    rig.config("operator = \"wom\"\n", WOM_CODES);
    rig.router.state().rat = "7";
    rig.router.fail("ussd/get", 100001, 1);
    let run = rig.run(&["balance", "finca"]).code(5);
    let line = run.error_line();
    assert!(
        line.contains(
            "with error 100001; the router is on LTE (4G) now, and many networks answer USSD only over 2G/3G"
        ),
        "{line}"
    );
    assert!(run.stderr.contains("set it to auto (or allow 3G)"), "{}", run.stderr);
}

#[tokio::test]
async fn per_line_routers_are_read_at_their_own_address() {
    let rig = Rig::new(Tokens::Meta).await;
    // [hilink] points nowhere; the line's router is the stand-in.
    rig.env.write_config(&format!(
        "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"hilink\"\nrouter = \"cabana\"\n\n\
         [hilink]\nurl = \"http://127.0.0.1:9\"\n[hilink.routers.cabana]\nurl = \"{}\"\n{WOM_CODES}",
        rig.url
    ));
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["saldo_clp"], 8000, "{line}");
}

#[tokio::test]
async fn router_config_mistakes_are_usage_errors() {
    let rig = Rig::new(Tokens::Meta).await;
    let table = [
        (
            "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"hilink\"\nrouter = \"x\"\n",
            "there is no [hilink.routers.x]",
        ),
        (
            "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\noperator = \"wom\"\nrouter = \"x\"\n",
            "router is only for lines with balance = \"hilink\"",
        ),
        ("[hilink]\nusername = \"admin\"\n", "a username needs a password"),
        (
            "[hilink]\npassword_file = \"a\"\npassword_command = \"b\"\n",
            "either password_file or password_command",
        ),
    ];
    for (config, message) in table {
        rig.env.write_config(config);
        let run = rig.run(&["config", "check"]).code(2);
        assert!(run.error_line().contains(message), "{}", run.stderr);
    }
}

// ---- buying with saldo over the router ------------------------------------

/// The modem tests' WOM line and plans, read through the router.
fn saldo_rig_config(rig: &Rig, balance_ussd: &str, extra: &str) {
    let modem = crate::modem::saldo_config(balance_ussd);
    let (line, operators) = modem.split_once("\n\n").unwrap();
    let line = line.replace("balance = \"modem\"\n", "");
    let line = line.trim_start_matches("[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\n");
    rig.config(line, &format!("{operators}{extra}"));
}

#[tokio::test]
async fn saldo_purchase_over_the_router_walks_the_menu_once_and_is_confirmed() {
    let rig = Rig::new(Tokens::Meta).await.with_login();
    saldo_rig_config(&rig, crate::modem::WOM_BALANCE, "");
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.stderr, "");
    let order = &run.json()["order"];
    assert_eq!(order["status"], "confirmed", "{order}");
    assert_eq!(order["pay"], "saldo");
    assert_eq!(order["amount_clp"], 5990);
    let orders = rig.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    // Reads, the walk once (text answers sent as option numbers), and the
    // read that shows it.
    let sent = rig.router.ussd_sent();
    let walk = ["*103#", "2", "2", "1", "*103#", "1"];
    assert_eq!(sent.windows(walk.len()).filter(|w| *w == walk).count(), 1, "{sent:?}");
    assert_eq!(sent.iter().filter(|s| *s == "2").count(), 2, "{sent:?}");
    assert!(rig.router.state().refused.is_empty());
}

#[tokio::test]
async fn saldo_short_over_the_router_refuses_before_any_order() {
    let rig = Rig::new(Tokens::Meta).await;
    saldo_rig_config(&rig, "[\"*200#\"]", "");
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"])
        .code(6);
    assert!(run.json_error()["message"].as_str().unwrap().contains("$2.990 short"));
    assert_eq!(rig.env.ledger_count(), 0);
    // Only balance reads: the purchase menu was never opened.
    assert!(
        rig.router.ussd_sent().iter().all(|s| s == "*200#"),
        "{:?}",
        rig.router.ussd_sent()
    );
}

#[tokio::test]
async fn a_purchase_the_balance_does_not_show_yet_is_unknown_until_reconcile() {
    let rig = Rig::new(Tokens::Meta).await;
    saldo_rig_config(&rig, crate::modem::WOM_BALANCE, "");
    let run = rig
        .run(&[
            "renew",
            "finca",
            "--plan",
            "wom-bolsa-1gb",
            "--yes",
            "--json",
            "--wait-confirm",
            "1s",
        ])
        .code(7);
    assert_eq!(run.json()["order"]["status"], "unknown");
    assert_eq!(
        run.json()["order"]["error"],
        "the balance showed no change after the purchase menu"
    );
    let run = rig.run(&["reconcile", "--json"]).ok();
    assert_eq!(run.json()["orders"][0]["order"]["status"], "confirmed");
    assert_eq!(rig.env.orders()[0].status.as_str(), "confirmed");
    // The purchase walked once.
    let sent = rig.router.ussd_sent();
    assert_eq!(
        sent.windows(4).filter(|w| *w == ["*103#", "2", "1", "1"]).count(),
        1,
        "{sent:?}"
    );
}

#[tokio::test]
async fn a_walk_that_fails_after_a_menu_answer_is_unknown_and_never_walked_again() {
    let rig = Rig::new(Tokens::Meta).await;
    saldo_rig_config(&rig, crate::modem::WOM_BALANCE, "");
    let renew = [
        "renew",
        "finca",
        "--plan",
        "wom-bolsa-2gb",
        "--yes",
        "--json",
        "--wait-confirm",
        "1s",
    ];
    let run = rig.run(&renew).code(7);
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "unknown", "{order}");
    let said = order["error"].as_str().unwrap();
    assert!(
        said.contains("after an answer reached the operator") && said.contains("error 100001"),
        "{said}"
    );
    // Renew will not pay again while it is unsettled.
    let run = rig.run(&renew).code(7);
    assert!(
        run.json_error()["message"]
            .as_str()
            .unwrap()
            .contains("still unsettled")
    );
    let sent = rig.router.ussd_sent();
    assert_eq!(sent.iter().filter(|s| *s == "3").count(), 1, "{sent:?}");
    assert_eq!(rig.env.orders().len(), 1);
}

#[tokio::test]
async fn a_one_step_code_that_fails_after_sending_may_have_bought_and_the_balance_decides() {
    let rig = Rig::new(Tokens::Meta).await;
    let plan = "\n[[operators.wom.plan]]\nid = \"wom-code-5gb\"\nname = \"Bolsa 5 GB\"\ndata = \"5 GB\"\n\
                days = 30\nprice_clp = 5990\nbuy_ussd = [\"*555#\"]\n";
    saldo_rig_config(&rig, crate::modem::WOM_BALANCE, plan);
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-code-5gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.json()["order"]["status"], "confirmed", "{}", run.stderr);
    assert_eq!(rig.router.ussd_sent().iter().filter(|s| *s == "*555#").count(), 1);
}

#[tokio::test]
async fn a_purchase_the_router_refuses_before_sending_bought_nothing() {
    let rig = Rig::new(Tokens::Meta).await;
    let plan = "\n[[operators.wom.plan]]\nid = \"wom-code-5gb\"\nname = \"Bolsa 5 GB\"\ndata = \"5 GB\"\n\
                days = 30\nprice_clp = 5990\nbuy_ussd = [\"*555#\"]\n";
    saldo_rig_config(&rig, crate::modem::WOM_BALANCE, plan);
    // The router is busy when the purchase code comes (not the balance's).
    rig.router.state().refuse_send.insert("*555#".into(), 100004);
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-code-5gb", "--yes", "--json"])
        .code(5);
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "failed", "{order}");
    assert!(
        order["error"].as_str().unwrap().contains("nothing was bought"),
        "{order}"
    );
    assert_eq!(rig.env.orders()[0].status.as_str(), "failed");
}

#[tokio::test]
async fn snapshot_balance_of_a_hilink_line_in_english_and_chinese() {
    let rig = Rig::new(Tokens::Meta).await;
    rig.config("operator = \"wom\"\n", "[operators.wom]\nbalance_ussd = [\"*105#\"]\n");
    insta::assert_snapshot!("hilink_balance_en", shown(&rig.run(&["balance"]).ok()));
    let mut cmd = rig.env.topup(&["balance"]);
    cmd.env("TOPUP_LANG", "zh-CN");
    insta::assert_snapshot!("hilink_balance_zh_cn", shown(&Run::of(cmd).ok()));
}
