//! The Reloadly channel through the `topup` binary: a wiremock server on
//! 127.0.0.1 answers in the shapes of Reloadly's spec
//! (`shared/reference/reloadly.openapi.yaml`, its error bodies included), and
//! the tests check what topup printed, what the ledger holds and what
//! Reloadly received: above all that each order is sent once, under its own
//! `customIdentifier`, whatever goes wrong.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::*;

const CLIENT_ID: &str = "client-e2e-7d1c";
const SECRET: &str = "S3cret-e2e-Qz81-never-shown";
const TOKEN: &str = "tok-e2e-9b2f-access";
/// The token's audience: the sandbox host, whatever `base_url` says.
const AUDIENCE: &str = "https://topups-sandbox.reloadly.com";
const MEDIA_TYPE: &str = "application/com.reloadly.topups-v1+json";

const LINE: &str = "mama";
const MSISDN: &str = "+56987654321";
/// The number as Reloadly takes it: international digits.
const PHONE: &str = "56987654321";
const OPERATOR_ID: i64 = 77;
const PLAN: &str = "reloadly-entel-5000";
const PLAN_NAME: &str = "Bolsa 3 GB 30 días";
/// Reloadly's id for the top-up that `POST /topups` answers with.
const TX_ID: &str = "4602843";
const DETECT: &str = "/operators/auto-detect/phone/56987654321/countries/CL";

/// Ten minutes after `NOW`: past the five minutes in which Reloadly's report
/// may not list a new top-up yet, so "not found" counts.
const LATER: &str = "2026-11-25T12:10:00Z";
const LATER_STILL: &str = "2026-11-25T12:20:00Z";

// ---- Reloadly's answers, in the spec's shapes -------------------------------

/// Entel Chile as auto-detect and the country list answer it: fixed local
/// amounts with descriptions that state data and days (Java SDK's map form).
fn entel() -> Value {
    json!({
        "id": OPERATOR_ID, "operatorId": OPERATOR_ID, "name": "Entel Chile", "bundle": false, "data": false,
        "pin": false, "supportsLocalAmounts": true, "denominationType": "FIXED", "senderCurrencyCode": "USD",
        "senderCurrencySymbol": "$", "destinationCurrencyCode": "CLP", "destinationCurrencySymbol": "$",
        "commission": 6.0, "internationalDiscount": 6.0, "localDiscount": 0, "mostPopularAmount": null,
        "minAmount": null, "maxAmount": null, "localMinAmount": null, "localMaxAmount": null,
        "country": {"isoName": "CL", "name": "Chile"}, "fx": {"rate": 900.5, "currencyCode": "CLP"},
        "logoUrls": [], "fixedAmounts": [2.23, 5.56, 11.11], "fixedAmountsDescriptions": [],
        "localFixedAmounts": [2000, 5000, 10000],
        "localFixedAmountsDescriptions": {"2000": "Bolsa 1 GB 7 días", "5000": PLAN_NAME, "10000": "Bolsa 8 GB 30 días"},
        "suggestedAmounts": [], "suggestedAmountsMap": {}, "promotions": []
    })
}

/// `/promotions/operators/77`: one on at `NOW`, one long over.
fn promotions() -> Value {
    json!({"content": [
        {"promotionId": 9, "operatorId": OPERATOR_ID, "title": "Entel Noviembre", "title2": "Doble de datos",
         "description": "Recargas de $5000 o más", "startDate": "Sun, 01 Nov 2026 03:00:00 +0000",
         "endDate": "Thu, 31 Dec 2026 03:00:00 +0000", "denominations": "USD 6 and up",
         "localDenominations": "CLP 5000 and up"},
        {"promotionId": 2, "operatorId": OPERATOR_ID, "title": "Old", "startDate": "Mon, 25 Jun 2018 06:00:00 +0000",
         "endDate": "Tue, 26 Jun 2018 05:59:00 +0000"}
    ], "totalElements": 2, "number": 0, "size": 20})
}

/// `GET /accounts/balance`.
fn account_balance() -> Value {
    json!({"balance": 94.45, "currencyCode": "USD", "currencyName": "US Dollar", "updatedAt": "2026-11-25 12:00:01"})
}

/// The spec's error body.
fn error_body(code: Option<&str>, message: &str, at: &str) -> Value {
    json!({"timeStamp": "2026-11-25 09:00:00", "message": message, "path": at, "errorCode": code,
           "infoLink": null, "details": []})
}

/// A top-up transaction (spec `POST /topups` 200 example) under `key`.
fn transaction(status: &str, key: &str) -> Value {
    json!({
        "transactionId": TX_ID.parse::<i64>().unwrap(), "status": status,
        "operatorTransactionId": "7297929551:OrderConfirmed", "customIdentifier": key,
        "recipientPhone": PHONE, "recipientEmail": null, "senderPhone": null, "countryCode": "CL",
        "operatorId": OPERATOR_ID, "operatorName": "Entel Chile", "discount": 0.33, "discountCurrencyCode": "USD",
        "requestedAmount": 5000, "requestedAmountCurrencyCode": "CLP", "deliveredAmount": 5000,
        "deliveredAmountCurrencyCode": "CLP", "transactionDate": "2026-11-25 09:00:01", "pinDetail": null,
        "balanceInfo": {"oldBalance": 100.0, "newBalance": 94.45, "cost": 5.55, "currencyCode": "USD",
                        "currencyName": "US Dollar", "updatedAt": "2026-11-25 12:00:01"}
    })
}

/// `POST /topups` answered with a transaction in `status` under the key it was sent.
struct Topup(&'static str);

impl Respond for Topup {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap_or_default();
        let key = body["customIdentifier"].as_str().unwrap_or_default();
        ResponseTemplate::new(200).set_body_json(transaction(self.0, key))
    }
}

/// The transactions report: the asked-for key's top-up in `status`, or an empty page.
struct Report(Option<&'static str>);

impl Respond for Report {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let key = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "customIdentifier")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let content: Vec<Value> = self.0.iter().map(|status| transaction(status, &key)).collect();
        let total = content.len();
        ResponseTemplate::new(200).set_body_json(json!({"content": content, "totalElements": total, "number": 0}))
    }
}

fn token_reply(token: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({"access_token": token, "scope": "developer", "expires_in": 5_184_000, "token_type": "Bearer"}),
    )
}

fn in_json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

// ---- the fixture --------------------------------------------------------------

/// Where the client secret comes from.
enum SecretFrom {
    File,
    EnvVar,
    Command,
}

/// A temporary home, a Reloadly on wiremock, and a config whose line `mama`
/// pays with Reloadly and reads its balance from the ledger.
struct Home {
    env: Env,
    server: MockServer,
    secret: SecretFrom,
}

impl Home {
    /// Everything answers as on a good day, except `POST /topups`, the status
    /// and the report, which each test mounts.
    async fn start() -> Home {
        Home::with_token(token_reply(TOKEN), SecretFrom::File).await
    }

    async fn with_token(token: ResponseTemplate, secret: SecretFrom) -> Home {
        let server = MockServer::start().await;
        let t = Home {
            env: Env::new(),
            server,
            secret,
        };
        t.mount("POST", "/oauth/token", token).await;
        t.mount("GET", DETECT, in_json(entel())).await;
        t.mount("GET", "/operators/countries/CL", in_json(json!([entel()])))
            .await;
        t.mount("GET", "/promotions/operators/77", in_json(promotions())).await;
        t.mount("GET", "/accounts/balance", in_json(account_balance())).await;
        t.write_config(&t.server.uri());
        t
    }

    async fn mount(&self, verb: &str, at: &str, answer: impl Respond + 'static) {
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(answer)
            .mount(&self.server)
            .await;
    }

    /// `answer` for the first request only, before any other mock.
    async fn mount_once(&self, verb: &str, at: &str, answer: impl Respond + 'static) {
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(answer)
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&self.server)
            .await;
    }

    async fn mount_topups(&self, answer: impl Respond + 'static) {
        self.mount("POST", "/topups", answer).await;
    }

    async fn mount_report(&self, found: Option<&'static str>) {
        self.mount("GET", "/topups/reports/transactions", Report(found)).await;
    }

    /// The config, with the Airtime API at `base_url` and the token server on wiremock.
    fn write_config(&self, base_url: &str) {
        let secret_file = self.env.home().join("reloadly.secret");
        std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
        std::fs::set_permissions(&secret_file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let source = match self.secret {
            SecretFrom::File => format!("client_secret_file = {:?}\n", secret_file.display().to_string()),
            SecretFrom::EnvVar => String::new(),
            SecretFrom::Command => format!(
                "client_secret_command = {:?}\n",
                format!("cat '{}'", secret_file.display())
            ),
        };
        self.env.write_config(&format!(
            "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"{CLIENT_ID}\"\n{source}\
             base_url = \"{base_url}\"\nauth_url = \"{}/oauth/token\"\ntimeout = \"2s\"\n\n\
             [lines.{LINE}]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\nbalance = \"ledger\"\npay = \"reloadly\"\n",
            self.server.uri()
        ));
    }

    /// Runs topup off the test's runtime, so the test can go on awaiting.
    async fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.env.topup(args);
        if matches!(self.secret, SecretFrom::EnvVar) {
            cmd.env("TOPUP_RELOADLY_CLIENT_SECRET", SECRET);
        }
        tokio::task::spawn_blocking(move || Run::of(cmd))
            .await
            .expect("topup ran")
    }

    /// `renew mama --plan reloadly-entel-5000 --yes --json` plus `extra`.
    async fn renew(&self, extra: &[&str]) -> Run {
        let mut args = vec!["renew", LINE, "--plan", PLAN, "--yes", "--json"];
        args.extend_from_slice(extra);
        self.run(&args).await
    }

    async fn received(&self, verb: &str, at: &str) -> Vec<Request> {
        self.server
            .received_requests()
            .await
            .expect("requests are recorded")
            .into_iter()
            .filter(|r| r.method.as_str() == verb && r.url.path() == at)
            .collect()
    }

    /// The `customIdentifier` of every `POST /topups` wiremock received, in order.
    async fn keys_sent(&self) -> Vec<String> {
        self.received("POST", "/topups")
            .await
            .iter()
            .map(|r| sent_key(&r.body_json::<Value>().unwrap()))
            .collect()
    }
}

fn sent_key(body: &Value) -> String {
    body["customIdentifier"].as_str().expect("customIdentifier").to_string()
}

fn header_of<'a>(request: &'a Request, name: &str) -> &'a str {
    request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The headers every Airtime call carries.
#[track_caller]
fn assert_airtime_headers(request: &Request, token: &str) {
    assert_eq!(header_of(request, "accept"), MEDIA_TYPE, "{}", request.url);
    assert_eq!(
        header_of(request, "authorization"),
        format!("Bearer {token}"),
        "{}",
        request.url
    );
}

/// The order in a `renew --json` document, with the fields DESIGN.md promises.
#[track_caller]
fn order_of(run: &Run) -> Value {
    let order = run.json()["order"].clone();
    assert_has_keys(&order, &ORDER_FIELDS);
    order
}

fn id_of(order: &Value) -> String {
    order["id"].as_str().expect("order id").to_string()
}

// ---- plans, paying, history, balance ---------------------------------------

/// Reloadly's promotions for the line's operator: listed with the spec's
/// dates and description (`plans --promos`), and alerted once by `auto`
/// with `watch_promotions`, which pays nothing.
#[tokio::test]
async fn promotions_through_reloadly() {
    let t = Home::start().await;
    let doc = t.run(&["plans", LINE, "--promos", "--json"]).await.ok().json();
    assert_eq!(
        doc,
        json!({"sandbox": false, "promotions": [{
            "id": "9", "operator": "entel", "title": "Doble de datos",
            "description": "Recargas de $5000 o más", "denominations": "CLP 5000 and up",
            "starts_at": "2026-11-01T03:00:00Z", "ends_at": "2026-12-31T03:00:00Z", "source": "reloadly"
        }]})
    );
    let run = t.run(&["plans", "--promos"]).await.ok();
    assert!(
        run.stdout.contains("Doble de datos (CLP 5000 and up)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Listed by reloadly."), "{}", run.stdout);
    assert!(!run.stdout.contains("fictional"), "{}", run.stdout);

    let log = t.env.home().join("promotions.log");
    let config = std::fs::read_to_string(t.env.default_config_path()).unwrap();
    t.env.write_config(&format!(
        "{config}\n[auto]\nwatch_promotions = true\nalert_hook = \"echo $TOPUP_PROMOTION_ID $TOPUP_LINES >> {}\"\n",
        log.display()
    ));
    let doc = t.run(&["auto", "--json"]).await.ok().json();
    assert_eq!(doc["sandbox"], false);
    assert_eq!(doc["promotions"][0]["id"], "9", "{doc}");
    assert_eq!(doc["promotions"][0]["delivered"], true);
    let again = t.run(&["auto"]).await.ok();
    assert_eq!((again.stdout.as_str(), again.stderr.as_str()), ("", ""));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "9 mama\n");
    assert!(t.received("POST", "/topups").await.is_empty(), "a promotion never pays");
    assert_eq!(t.env.ledger_count(), 0);
}

#[tokio::test]
async fn plans_renew_history_and_balance_through_reloadly() {
    let t = Home::start().await;
    t.mount_topups(Topup("SUCCESSFUL")).await;

    // Plans: Entel's fixed local amounts, priced in pesos, with the promotion on now.
    let run = t.run(&["plans", LINE, "--json"]).await.ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(doc["sandbox"], false);
    let plans = doc["plans"].as_array().unwrap();
    let ids: Vec<&str> = plans.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["reloadly-entel-2000", "reloadly-entel-5000", "reloadly-entel-10000"]
    );
    let plan = &plans[1];
    assert_eq!(plan["operator"], "entel");
    assert_eq!(plan["name"], PLAN_NAME);
    assert_eq!(plan["price_clp"], 5000);
    assert_eq!(plan["data_bytes"], 3_000_000_000u64);
    assert_eq!(plan["validity_days"], 30);
    assert_eq!(plan["source"], "reloadly");
    assert_eq!(plan["promo"], "Doble de datos (CLP 5000 and up)");
    // What it costs the Reloadly account: $5.000 at 900.5 CLP per USD, in
    // cents, rounded up.
    assert_eq!(plan["account_cost"], json!({"amount": 5.56, "currency": "USD"}));

    // Renew: confirmed, Reloadly's transaction id as the reference.
    let run = t.renew(&[]).await.ok();
    assert_eq!(run.stderr, "");
    assert_eq!(run.json()["sandbox"], false);
    let order = order_of(&run);
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["gateway_ref"], TX_ID);
    assert_eq!(order["line"], LINE);
    assert_eq!(order["msisdn"], MSISDN);
    assert_eq!(order["operator"], "entel");
    assert_eq!(order["plan_id"], PLAN);
    assert_eq!(order["amount_clp"], 5000);
    assert_eq!(order["pay"], "reloadly");
    assert_eq!(order["created_at"], NOW);
    assert!(order["error"].is_null());
    let id = id_of(&order);

    // What Reloadly received: the documented request, the order id as its key.
    let posts = t.received("POST", "/topups").await;
    assert_eq!(posts.len(), 1);
    assert_airtime_headers(&posts[0], TOKEN);
    assert_eq!(header_of(&posts[0], "content-type"), "application/json");
    assert_eq!(
        posts[0].body_json::<Value>().unwrap(),
        json!({"operatorId": OPERATOR_ID, "amount": 5000, "useLocalAmount": true, "customIdentifier": id,
               "recipientPhone": {"countryCode": "CL", "number": PHONE}})
    );
    let detects = t.received("GET", DETECT).await;
    assert_eq!(detects.len(), 1, "the operator is cached between runs");
    assert_airtime_headers(&detects[0], TOKEN);
    for promo in t.received("GET", "/promotions/operators/77").await {
        assert_airtime_headers(&promo, TOKEN);
    }
    let tokens = t.received("POST", "/oauth/token").await;
    assert_eq!(tokens.len(), 1, "the token is reused across runs");
    assert!(header_of(&tokens[0], "authorization").is_empty());
    assert_eq!(
        tokens[0].body_json::<Value>().unwrap(),
        json!({"client_id": CLIENT_ID, "client_secret": SECRET, "grant_type": "client_credentials",
               "audience": AUDIENCE})
    );

    // The ledger and history hold it.
    let orders = t.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].id.to_string(), id);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    assert_eq!(orders[0].gateway_ref.as_deref(), Some(TX_ID));
    let history = t.run(&["history", "--json"]).await.ok().json();
    assert_eq!(history["sandbox"], false);
    assert_eq!(history["orders"], json!([order]));
    assert_eq!(history["totals"][0]["amount_clp"], 5000);
    assert_eq!(history["totals"][0]["count"], 1);

    // Balance: the line estimated from that purchase (30 calendar days in Santiago).
    let doc = t.run(&["balance", "--json"]).await.ok().json();
    assert_eq!(doc["sandbox"], false);
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{doc}");
    let line = &lines[0];
    assert_eq!(line["line"], LINE);
    assert_eq!(line["msisdn"], MSISDN);
    assert_eq!(line["source"], "ledger");
    assert_eq!(line["plan"], PLAN_NAME);
    assert_eq!(line["expires_at"], "2026-12-25T12:00:00Z");
    assert!(
        line["saldo_clp"].is_null() && line["data_left_bytes"].is_null(),
        "{line}"
    );
    // People see the Reloadly account's balance too.
    let run = t.run(&["balance"]).await.ok();
    assert!(
        run.stdout.contains("reloadly account balance: 94.45 USD"),
        "{}",
        run.stdout
    );
    let balances = t.received("GET", "/accounts/balance").await;
    assert!(!balances.is_empty());
    assert_airtime_headers(&balances[0], TOKEN);
    assert_eq!(t.received("POST", "/oauth/token").await.len(), 1);
}

/// When only the account cannot be read, the error says so: the line was
/// read (estimated) fine.
#[tokio::test]
async fn an_account_that_cannot_be_read_is_not_called_a_line() {
    let t = Home::with_token(ResponseTemplate::new(503), SecretFrom::File).await;
    let run = t.run(&["balance"]).await.code(5);
    let line = run.error_line();
    assert!(
        line.starts_with("error: the Reloadly account balance could not be read: "),
        "{line}"
    );
    assert!(!line.contains("lines could not be read"), "{line}");
}

/// Reloadly unreachable: the line (estimated from the ledger) is fine, and
/// the error names what failed, the Reloadly account balance.
#[tokio::test]
async fn reloadly_unreachable_names_the_account_balance_not_the_line() {
    let t = Home::start().await;
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    t.write_config(&url);
    let run = t.run(&["balance"]).await.code(5);
    let line = run.error_line();
    assert!(
        line.starts_with("error: the Reloadly account balance could not be read: could not reach Reloadly"),
        "{line}"
    );
    assert!(!line.contains(LINE) && !line.contains("lines"), "{line}");
    let doc = t.run(&["balance", "--json"]).await.code(5).json();
    assert!(doc["lines"][0]["error"].is_null(), "{doc}");
    assert_eq!(doc["accounts"][0]["error"]["code"], "temporary", "{doc}");
}

#[tokio::test]
async fn balance_json_lists_the_reloadly_account() {
    let t = Home::start().await;
    let doc = t.run(&["balance", "--json"]).await.ok().json();
    assert_eq!(
        doc["accounts"],
        json!([{"gateway": "reloadly", "balance": 94.45, "currency": "USD", "error": null}]),
        "{doc}"
    );
}

#[tokio::test]
async fn the_secret_comes_from_a_file_the_environment_or_a_command() {
    for from in [SecretFrom::File, SecretFrom::EnvVar, SecretFrom::Command] {
        let t = Home::with_token(token_reply(TOKEN), from).await;
        t.run(&["plans", LINE, "--json"]).await.ok();
        let tokens = t.received("POST", "/oauth/token").await;
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].body_json::<Value>().unwrap()["client_secret"], SECRET);
    }
}

// ---- following a top-up ------------------------------------------------------

const STATUS_PATH: &str = "/topups/4602843/status";

#[tokio::test]
async fn processing_then_successful_within_wait_confirm_is_confirmed() {
    let t = Home::start().await;
    t.mount_topups(Topup("PROCESSING")).await;
    t.mount_once("GET", STATUS_PATH, in_json(transaction("PROCESSING", "k")))
        .await;
    // The Java SDK's form: `{code, message, status, transaction}`.
    t.mount(
        "GET",
        STATUS_PATH,
        in_json(json!({"code": null, "message": null, "status": "SUCCESSFUL",
                       "transaction": transaction("SUCCESSFUL", "k")})),
    )
    .await;

    let run = t.renew(&["--wait-confirm", "10s"]).await.ok();
    let order = order_of(&run);
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["gateway_ref"], TX_ID);
    let polls = t.received("GET", STATUS_PATH).await;
    assert_eq!(polls.len(), 2);
    assert_airtime_headers(&polls[1], TOKEN);
    assert_eq!(t.keys_sent().await, [id_of(&order)]);
    assert_eq!(t.env.orders()[0].status.as_str(), "confirmed");
}

#[tokio::test]
async fn processing_past_wait_confirm_stays_submitted_until_reconcile() {
    let mut t = Home::start().await;
    t.mount_topups(Topup("PROCESSING")).await;
    t.mount("GET", STATUS_PATH, in_json(transaction("PROCESSING", "k")))
        .await;
    t.mount_report(Some("SUCCESSFUL")).await;

    let run = t.renew(&["--wait-confirm", "1s"]).await.code(7);
    let order = order_of(&run);
    assert_eq!(order["status"], "submitted");
    assert_eq!(order["gateway_ref"], TX_ID, "kept for reconcile");
    let error = run.json_error();
    assert_eq!(error["code"], "outcome_unknown");
    assert!(
        error["message"].as_str().unwrap().contains("still processing"),
        "{error}"
    );
    assert!(error["hint"].as_str().unwrap().contains("topup reconcile"), "{error}");
    let polls = t.received("GET", STATUS_PATH).await.len();
    assert!(polls > 0);
    let id = id_of(&order);

    // Reloadly numbered the transaction, so reconcile asks its status.
    t.mount_once("GET", STATUS_PATH, in_json(transaction("SUCCESSFUL", "k")))
        .await;
    t.env.set_now(LATER);
    let run = t.run(&["reconcile", "--json"]).await.ok();
    let settled = &run.json()["orders"][0];
    assert_eq!(settled["was"], "submitted");
    assert_eq!(settled["order"]["id"], id.as_str());
    assert_eq!(settled["order"]["status"], "confirmed");
    assert_eq!(settled["order"]["gateway_ref"], TX_ID);
    let asked = t.received("GET", STATUS_PATH).await;
    assert_eq!(asked.len(), polls + 1);
    assert_airtime_headers(&asked[polls], TOKEN);
    assert!(t.received("GET", "/topups/reports/transactions").await.is_empty());

    let orders = t.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    assert_eq!(t.keys_sent().await, [id]);
}

#[tokio::test]
async fn refunded_is_failed_and_no_money_was_taken() {
    let t = Home::start().await;
    t.mount_topups(Topup("REFUNDED")).await;
    let run = t.renew(&[]).await.code(5);
    let order = order_of(&run);
    assert_eq!(order["status"], "failed");
    assert_eq!(order["gateway_ref"], TX_ID);
    let error = run.json_error();
    assert_eq!(error["code"], "temporary");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("refunded") && message.contains("no money was taken"),
        "{message}"
    );
    assert_eq!(t.env.orders()[0].error.as_deref(), Some(message));
    assert_eq!(t.keys_sent().await, [id_of(&order)]);
}

// ---- refusals ----------------------------------------------------------------

#[tokio::test]
async fn reloadly_error_codes_become_exit_codes() {
    // (errorCode, message, exit, ledger status, said)
    let table: [(&str, &str, i32, &str, &str); 5] = [
        (
            "INSUFFICIENT_BALANCE",
            "Insufficient balance",
            6,
            "failed",
            "balance is too low",
        ),
        (
            "PHONE_RECENTLY_RECHARGED",
            "Phone recently recharged",
            5,
            "failed",
            "two minutes",
        ),
        (
            "INVALID_RECIPIENT_PHONE",
            "Invalid recipient phone",
            2,
            "failed",
            "number is not valid",
        ),
        (
            "MAX_DAILY_TRANSACTION_COUNT_REACHED",
            "Daily limit",
            6,
            "failed",
            "daily number of top-ups",
        ),
        // A code topup does not know: shown as Reloadly wrote it, outcome unknown.
        (
            "TOPUP_QUOTA_RULE_42",
            "Some new rule",
            7,
            "unknown",
            "TOPUP_QUOTA_RULE_42: Some new rule",
        ),
    ];
    for (code, text, exit, status, said) in table {
        let t = Home::start().await;
        t.mount_topups(ResponseTemplate::new(400).set_body_json(error_body(Some(code), text, "/topups")))
            .await;
        let run = t.renew(&[]).await.code(exit);
        let order = order_of(&run);
        assert_eq!(order["status"], status, "{code}");
        let error = run.json_error();
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(said), "{code}: {message}");
        assert!(message.contains(code), "{code} is shown: {message}");
        if status == "failed" {
            assert!(message.contains("no money was taken"), "{code}: {message}");
        } else {
            assert!(error["hint"].as_str().unwrap().contains("reconcile"), "{code}: {error}");
        }
        assert!(!error["hint"].is_null(), "{code}: {error}");
        let orders = t.env.orders();
        assert_eq!(orders.len(), 1, "{code}");
        assert_eq!(orders[0].status.as_str(), status, "{code}");
        assert!(orders[0].error.as_deref().is_some_and(|e| e.contains(code)), "{code}");
        assert_eq!(t.keys_sent().await, [id_of(&order)], "{code}: sent once");
    }
}

#[tokio::test]
async fn rejected_credentials_are_exit_4_with_a_hint_and_nothing_is_paid() {
    let token = ResponseTemplate::new(401).set_body_json(error_body(
        Some("INVALID_CREDENTIALS"),
        "Access Denied",
        "/oauth/token",
    ));
    let t = Home::with_token(token, SecretFrom::File).await;
    t.mount_topups(Topup("SUCCESSFUL")).await;

    for args in [
        vec!["renew", LINE, "--plan", PLAN, "--yes", "--json"],
        vec!["plans", LINE, "--json"],
    ] {
        let run = t.run(&args).await.code(4);
        assert_eq!(run.stdout, "", "{args:?}");
        let error = run.json_error();
        assert_eq!(error["code"], "credentials");
        assert!(
            error["message"].as_str().unwrap().contains("INVALID_CREDENTIALS"),
            "{error}"
        );
        let hint = error["hint"].as_str().unwrap();
        assert!(
            hint.contains("client_id") && hint.contains("client_secret_file"),
            "{hint}"
        );
    }
    let run = t.run(&["renew", LINE, "--plan", PLAN, "--yes"]).await.code(4);
    let line = run.error_line();
    assert!(
        line.contains("rejected the client credentials") && line.contains("client_id"),
        "{line}"
    );

    assert!(t.received("POST", "/topups").await.is_empty());
    assert_eq!(t.env.ledger_count(), 0, "nothing reached the ledger");
    assert!(token_caches(&t.env).is_empty(), "no token was cached");
}

/// Credentials are obtained (or known to be refused) before an order is
/// written: with the operator listing cached, nothing else would call
/// Reloadly before the payment, and a wrong secret used to leave a failed
/// order behind on every `renew`, and one per line on every `auto`.
#[tokio::test]
async fn refused_credentials_write_no_order_even_with_the_operator_list_cached() {
    let refused = ResponseTemplate::new(401).set_body_json(error_body(
        Some("INVALID_CREDENTIALS"),
        "Access Denied",
        "/oauth/token",
    ));
    let t = Home::with_token(refused, SecretFrom::File).await;
    // One good day: the plan is bought, the operator listing cached.
    t.mount_once("POST", "/oauth/token", token_reply(TOKEN)).await;
    t.mount_topups(Topup("SUCCESSFUL")).await;
    assert_eq!(order_of(&t.renew(&[]).await.ok())["status"], "confirmed");
    // Then the secret is wrong and the token cache gone; the line is due.
    for cache in token_caches(&t.env) {
        std::fs::remove_file(cache).unwrap();
    }
    let config = std::fs::read_to_string(t.env.default_config_path()).unwrap();
    t.env.write_config(&format!(
        "{config}[lines.{LINE}.auto]\nplan = \"{PLAN}\"\nbefore_expiry = \"40d\"\n"
    ));
    let tokens_before = t.received("POST", "/oauth/token").await.len();

    let run = t.renew(&[]).await.code(4);
    assert_eq!(run.json_error()["code"], "credentials");
    let run = t.run(&["auto", "--json"]).await.code(4);
    assert!(run.stderr.contains("rejected the client credentials"), "{}", run.stderr);

    assert_eq!(t.env.ledger_count(), 1, "no order for a payment that could not be made");
    assert_eq!(t.received("POST", "/topups").await.len(), 1);
    // Each run asked the auth server once, and learnt its answer.
    assert_eq!(t.received("POST", "/oauth/token").await.len(), tokens_before + 2);
}

#[tokio::test]
async fn an_expired_token_is_replaced_once_and_the_call_sent_once_more() {
    let t = Home::start().await;
    t.mount_once("POST", "/oauth/token", token_reply("tok-old")).await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .and(header("authorization", "Bearer tok-old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            Some("TOKEN_EXPIRED"),
            "Token expired",
            "/topups",
        )))
        .mount(&t.server)
        .await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(Topup("SUCCESSFUL"))
        .mount(&t.server)
        .await;

    let run = t.renew(&["-v"]).await.ok();
    let order = order_of(&run);
    assert_eq!(order["status"], "confirmed");
    assert!(run.stderr.contains("fetching a new one"), "{}", run.stderr);
    assert_eq!(t.received("POST", "/oauth/token").await.len(), 2, "one fresh token");
    let posts = t.received("POST", "/topups").await;
    assert_eq!(posts.len(), 2, "the call retried once");
    assert_eq!(header_of(&posts[0], "authorization"), "Bearer tok-old");
    assert_eq!(header_of(&posts[1], "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(posts[0].body, posts[1].body, "the same key both times");
    assert_eq!(sent_key(&posts[1].body_json().unwrap()), id_of(&order));

    // The fresh token is the cached one: the next run asks for none.
    let caches = token_caches(&t.env);
    assert_eq!(caches.len(), 1);
    let cached = std::fs::read_to_string(&caches[0]).unwrap();
    assert!(cached.contains(TOKEN) && !cached.contains("tok-old"), "{cached}");
    t.run(&["balance"]).await.ok();
    assert_eq!(t.received("POST", "/oauth/token").await.len(), 2);
}

#[tokio::test]
async fn rate_limited_top_up_is_exit_5_and_nothing_was_paid() {
    let t = Home::start().await;
    let reset = jiff::Timestamp::now().as_second() + 3600;
    t.mount_topups(
        ResponseTemplate::new(429)
            .insert_header("X-RateLimit-Limit", "100")
            .insert_header("X-RateLimit-Remaining", "0")
            .insert_header("X-RateLimit-Reset", reset.to_string().as_str())
            .set_body_json(error_body(None, "Too many requests", "/topups")),
    )
    .await;
    let run = t.renew(&[]).await.code(5);
    let order = order_of(&run);
    assert_eq!(order["status"], "failed");
    let error = run.json_error();
    assert_eq!(error["code"], "temporary");
    let message = error["message"].as_str().unwrap();
    for part in [
        "rate limiting",
        "limit 100",
        "0 left",
        "resets in ",
        "no money was taken",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    assert_eq!(t.env.orders()[0].status.as_str(), "failed");
    assert_eq!(t.keys_sent().await, [id_of(&order)]);
}

// ---- unknown outcomes: never sent twice ------------------------------------

/// How an unknown order gets settled after the fault.
#[derive(Clone, Copy, Debug)]
enum Settle {
    /// `topup reconcile`; Reloadly's report lists the top-up as successful.
    ReconcileFound,
    /// `topup reconcile`; the report is empty. A `renew` within the five
    /// minutes' grace first refuses to pay again.
    ReconcileEmpty,
    /// The next `renew` of the line settles it (found) before paying.
    NextRenew,
}

/// The first `POST /topups` meets `fault` (wiremock's, or a server that
/// drops the connection when `dropping` is given): the order is `unknown`,
/// exit 7. It is then settled as `settle` says, and a later `renew` pays a
/// new order. Every order is sent exactly once, under its own key.
async fn unknown_then_settled(fault: Option<ResponseTemplate>, said: &str, settle: Settle) {
    let mut t = Home::start().await;
    let dropping = match fault {
        Some(fault) => {
            t.mount_once("POST", "/topups", fault).await;
            None
        }
        None => {
            let dropping = DroppingServer::start();
            t.write_config(&dropping.url);
            Some(dropping)
        }
    };
    t.mount_topups(Topup("SUCCESSFUL")).await;
    t.mount_report(match settle {
        Settle::ReconcileEmpty => None,
        Settle::ReconcileFound | Settle::NextRenew => Some("SUCCESSFUL"),
    })
    .await;

    let run = t.renew(&[]).await.code(7);
    let order = order_of(&run);
    assert_eq!(order["status"], "unknown", "{settle:?}");
    assert!(order["gateway_ref"].is_null());
    let error = run.json_error();
    assert_eq!(error["code"], "outcome_unknown");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(said), "{said}: {message}");
    assert!(message.contains("topup reconcile"), "{message}");
    let first = id_of(&order);
    assert_eq!(all_keys_sent(&t, dropping.as_ref()).await, std::slice::from_ref(&first));
    if dropping.is_some() {
        // Reloadly proper from here on.
        t.write_config(&t.server.uri());
    }

    match settle {
        Settle::ReconcileFound => {
            t.env.set_now(LATER);
            let run = t.run(&["reconcile", "--json"]).await.ok();
            let settled = &run.json()["orders"][0];
            assert_eq!(settled["was"], "unknown");
            assert_eq!(settled["order"]["status"], "confirmed");
            assert_eq!(settled["order"]["gateway_ref"], TX_ID);
        }
        Settle::ReconcileEmpty => {
            // Too early for "not found" to prove anything: no second payment.
            t.env.set_now("2026-11-25T12:01:00Z");
            let run = t.renew(&[]).await.code(7);
            assert_eq!(run.stdout, "");
            let error = last_json_error(&run);
            let message = error["message"].as_str().unwrap();
            assert!(
                message.contains("still unsettled") && message.contains("not listed"),
                "{message}"
            );
            assert_eq!(t.env.orders()[0].status.as_str(), "unknown");
            assert_eq!(t.env.ledger_count(), 1);
            assert_eq!(
                all_keys_sent(&t, dropping.as_ref()).await,
                std::slice::from_ref(&first),
                "nothing sent again"
            );

            t.env.set_now(LATER);
            let run = t.run(&["reconcile", "--json"]).await.ok();
            let settled = &run.json()["orders"][0];
            assert_eq!(settled["was"], "unknown");
            assert_eq!(settled["order"]["status"], "failed");
            assert!(
                settled["note"].as_str().unwrap().contains("never received it"),
                "{settled}"
            );
            let orders = t.env.orders();
            assert_eq!(orders[0].status.as_str(), "failed");
            assert!(
                orders[0]
                    .error
                    .as_deref()
                    .is_some_and(|e| e.contains("no money was taken")),
                "{:?}",
                orders[0].error
            );
        }
        Settle::NextRenew => {
            t.env.set_now(LATER);
            let run = t.renew(&[]).await.ok();
            assert!(
                run.stderr.contains(&format!("earlier order {first}")) && run.stderr.contains("unknown → confirmed"),
                "{}",
                run.stderr
            );
            assert_eq!(order_of(&run)["status"], "confirmed");
        }
    }
    let reports = t.received("GET", "/topups/reports/transactions").await;
    assert!(!reports.is_empty());
    for report in &reports {
        let query: Vec<(String, String)> = report.url.query_pairs().into_owned().collect();
        assert!(query.contains(&("customIdentifier".into(), first.clone())), "{query:?}");
    }

    // A later renew of the line pays a new order, under a new key.
    t.env.set_now(LATER_STILL);
    let run = t.renew(&[]).await.ok();
    assert_eq!(order_of(&run)["status"], "confirmed");

    let orders = t.env.orders();
    let mut ids: Vec<String> = orders.iter().map(|o| o.id.to_string()).collect();
    let mut sent = all_keys_sent(&t, dropping.as_ref()).await;
    ids.sort();
    sent.sort();
    assert_eq!(sent, ids, "exactly one POST /topups per order");
    assert!(ids.contains(&first));
    let first_status = orders.iter().find(|o| o.id.to_string() == first).unwrap().status;
    let expected = match settle {
        Settle::ReconcileEmpty => "failed",
        Settle::ReconcileFound | Settle::NextRenew => "confirmed",
    };
    assert_eq!(first_status.as_str(), expected);
}

#[tokio::test]
async fn http_500_after_sending_is_unknown_then_reconciled_as_found() {
    let fault = ResponseTemplate::new(500).set_body_json(error_body(None, "Internal Server Error", "/topups"));
    unknown_then_settled(Some(fault), "HTTP 500: Internal Server Error", Settle::ReconcileFound).await;
}

#[tokio::test]
async fn http_503_after_sending_is_unknown_then_reconciled_as_never_received() {
    let fault = ResponseTemplate::new(503).set_body_raw("", "text/plain");
    unknown_then_settled(Some(fault), "HTTP 503 with an empty body", Settle::ReconcileEmpty).await;
}

#[tokio::test]
async fn an_html_page_is_unknown_then_settled_by_the_next_renew() {
    let fault = ResponseTemplate::new(200).set_body_raw(
        "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>",
        "text/html",
    );
    unknown_then_settled(Some(fault), "HTTP 200 with an HTML page", Settle::NextRenew).await;
}

#[tokio::test]
async fn truncated_json_is_unknown_then_reconciled_as_never_received() {
    let fault =
        ResponseTemplate::new(200).set_body_raw(r#"{"transactionId": 4602843, "status": "SUCC"#, "application/json");
    unknown_then_settled(Some(fault), "truncated JSON", Settle::ReconcileEmpty).await;
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_unknown_then_reconciled_as_found() {
    // The config's timeout is 2s.
    let fault = ResponseTemplate::new(200)
        .set_body_json(transaction("SUCCESSFUL", "k"))
        .set_delay(Duration::from_secs(6));
    unknown_then_settled(Some(fault), "no answer in time", Settle::ReconcileFound).await;
}

#[tokio::test]
async fn a_dropped_connection_is_unknown_then_settled_by_the_next_renew() {
    unknown_then_settled(None, "no complete answer came back", Settle::NextRenew).await;
}

#[tokio::test]
async fn a_dropped_connection_is_unknown_then_reconciled_as_never_received() {
    unknown_then_settled(None, "no complete answer came back", Settle::ReconcileEmpty).await;
}

/// The keys of every `POST /topups` sent, to wiremock and to the dropping server.
async fn all_keys_sent(t: &Home, dropping: Option<&DroppingServer>) -> Vec<String> {
    let mut sent = t.keys_sent().await;
    sent.extend(dropping.iter().flat_map(|d| d.keys_sent()));
    sent
}

/// The `--json` error after any warnings: the last line on stderr.
#[track_caller]
fn last_json_error(run: &Run) -> Value {
    let last = run.stderr.lines().last().unwrap_or("");
    let error = json(last)["error"].clone();
    assert_eq!(error["exit"], run.code, "{}", run.stderr);
    error
}

/// An Airtime API in front of which wiremock cannot stand: a plain TCP
/// server that answers the operator and promotion calls as Reloadly does,
/// and on `POST /topups` reads the whole request, then closes the connection
/// without answering.
struct DroppingServer {
    url: String,
    topups: Arc<Mutex<Vec<Value>>>,
}

impl DroppingServer {
    fn start() -> DroppingServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let topups = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&topups);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let Some((head, body)) = read_request(&mut stream) else {
                    continue;
                };
                let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                if head.starts_with("POST /topups ") {
                    log.lock()
                        .unwrap()
                        .push(serde_json::from_slice(&body).unwrap_or(Value::Null));
                    drop(stream);
                    continue;
                }
                let (status, answer) = if target.starts_with(DETECT) {
                    ("200 OK", entel())
                } else if target.starts_with("/promotions/operators/77") {
                    ("200 OK", promotions())
                } else {
                    ("404 Not Found", error_body(None, "Not Found", &target))
                };
                let answer = answer.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        DroppingServer { url, topups }
    }

    fn keys_sent(&self) -> Vec<String> {
        self.topups.lock().unwrap().iter().map(sent_key).collect()
    }
}

/// Reads one HTTP/1.1 request: its head and the body the head announces.
fn read_request(stream: &mut impl Read) -> Option<(String, Vec<u8>)> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        request.extend_from_slice(&buf[..n]);
        let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&request[..end]).to_string();
        let length = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().to_string())
            })
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        if request.len() >= end + 4 + length {
            return Some((head, request[end + 4..end + 4 + length].to_vec()));
        }
    }
}

// ---- tokens and secrets ------------------------------------------------------

/// Token cache files in the state directory.
fn token_caches(env: &Env) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(env.state_dir()) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("reloadly-token-"))
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_token_is_fetched_once_across_runs_and_cached_privately() {
    let t = Home::start().await;
    t.run(&["plans", LINE, "--json"]).await.ok();
    t.run(&["balance"]).await.ok();
    assert_eq!(t.received("POST", "/oauth/token").await.len(), 1);
    for request in t.received("GET", "/accounts/balance").await {
        assert_airtime_headers(&request, TOKEN);
    }
    let caches = token_caches(&t.env);
    assert_eq!(caches.len(), 1, "{caches:?}");
    assert_eq!(mode(&caches[0]), 0o600);
    assert_eq!(mode(&t.env.state_dir()), 0o700);
    let cached = std::fs::read_to_string(&caches[0]).unwrap();
    assert!(cached.contains(TOKEN) && !cached.contains(SECRET), "{cached}");
}

#[tokio::test]
async fn the_secret_and_the_token_appear_nowhere() {
    let mut t = Home::with_token(token_reply(TOKEN), SecretFrom::EnvVar).await;
    t.mount_once(
        "POST",
        "/topups",
        ResponseTemplate::new(400).set_body_json(error_body(
            Some("INVALID_RECIPIENT_PHONE"),
            "Invalid recipient phone",
            "/topups",
        )),
    )
    .await;
    t.mount_once(
        "POST",
        "/topups",
        ResponseTemplate::new(503).set_body_raw("", "text/plain"),
    )
    .await;
    t.mount_topups(Topup("SUCCESSFUL")).await;
    t.mount_report(None).await;

    let mut runs = Vec::new();
    for verbose in ["-v", "-q"] {
        runs.push(t.run(&[verbose, "plans", LINE]).await.ok());
        runs.push(t.run(&[verbose, "plans", LINE, "--json"]).await.ok());
    }
    runs.push(t.run(&["-v", "renew", LINE, "--plan", PLAN, "--yes"]).await.code(2));
    runs.push(t.run(&["-v", "renew", LINE, "--plan", PLAN, "--yes"]).await.code(7));
    t.env.set_now(LATER);
    runs.push(t.run(&["-v", "reconcile"]).await.ok());
    runs.push(t.run(&["-v", "renew", LINE, "--plan", PLAN, "--yes"]).await.ok());
    runs.push(
        t.run(&["-v", "renew", LINE, "--plan", PLAN, "--yes", "--again", "--json"])
            .await
            .ok(),
    );
    runs.push(t.run(&["-v", "history"]).await.ok());
    runs.push(t.run(&["-v", "balance"]).await.ok());
    runs.push(t.run(&["-v", "balance", "--json"]).await.ok());
    // Rejected credentials too.
    let rejected = Home::with_token(
        ResponseTemplate::new(401).set_body_json(error_body(
            Some("INVALID_CREDENTIALS"),
            "Access Denied",
            "/oauth/token",
        )),
        SecretFrom::File,
    )
    .await;
    runs.push(
        rejected
            .run(&["-v", "renew", LINE, "--plan", PLAN, "--yes"])
            .await
            .code(4),
    );
    runs.push(rejected.run(&["-v", "balance", "--json"]).await.code(4));

    assert!(
        runs.iter()
            .any(|r| r.stderr.contains("note: fetching a Reloadly access token")),
        "-v shows what happens"
    );
    for run in &runs {
        for secret in [SECRET, TOKEN] {
            assert!(!run.stdout.contains(secret), "{secret} on stdout:\n{}", run.stdout);
            assert!(!run.stderr.contains(secret), "{secret} on stderr:\n{}", run.stderr);
        }
    }
    assert_eq!(t.env.ledger_count(), 4);

    // Files: the token only in its private cache; the secret nowhere.
    let files = files_under(&t.env.state_dir());
    assert!(files.contains(&t.env.state_dir().join("ledger.sqlite3")), "{files:?}");
    assert_eq!(token_caches(&t.env).len(), 1);
    for env in [&t.env, &rejected.env] {
        for file in files_under(&env.state_dir()) {
            let bytes = std::fs::read(&file).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(SECRET), "the secret in {}", file.display());
            if text.contains(TOKEN) {
                assert!(token_caches(env).contains(&file), "the token in {}", file.display());
                assert_eq!(mode(&file), 0o600, "{}", file.display());
            }
        }
    }
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
