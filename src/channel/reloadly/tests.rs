//! Reloadly channel tests: wiremock servers on 127.0.0.1 answering in the
//! spec's shapes (including its error bodies), raw sockets for broken
//! connections, and tables for the pure parts.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::api::{PromotionWire, ReloadlyOperator};
use super::client::seconds_until_reset;
use super::errors::{self, Meaning};
use super::operators::{current_promotions, parse_promotion_date};
use super::plans::{self, cents_up, show_amount, stated_data, stated_days};
use super::*;
use crate::channel::{Lookup, PaymentOutcome};
use crate::domain::{Clp, DataAmount, Msisdn, OrderId, PlanSource};
use crate::error::ErrorKind;

const CLIENT_ID: &str = "client-abc";
const SECRET: &str = "s3cret-value-XYZ";
const PHONE: &str = "+56987654321";

fn settings(api: &str, auth: &str, dir: &Path) -> ReloadlySettings {
    ReloadlySettings {
        environment: Environment::Sandbox,
        client_id: CLIENT_ID.into(),
        client_secret: SECRET.into(),
        base_url: Some(api.to_string()),
        auth_url: Some(format!("{auth}/oauth/token")),
        audience: None,
        timeout: Duration::from_secs(2),
        state_dir: dir.to_path_buf(),
    }
}

/// A server for both the auth and the Airtime API, a state dir, a client.
async fn setup() -> (MockServer, tempfile::TempDir, Reloadly) {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let reloadly = Reloadly::new(settings(&server.uri(), &server.uri(), dir.path())).unwrap();
    (server, dir, reloadly)
}

fn token_reply(token: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({"access_token": token, "scope": "developer", "expires_in": 5184000, "token_type": "Bearer"}),
    )
}

async fn mount_token(server: &MockServer, token: &str) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_reply(token))
        .mount(server)
        .await;
}

/// The spec's error body.
fn error_body(code: Option<&str>, message: &str, at: &str) -> Value {
    json!({"timeStamp": "2022-01-06 18:37:10", "message": message, "path": at, "errorCode": code, "infoLink": null, "details": []})
}

/// The spec's `POST /topups` 200 example, with this status, id and key.
fn transaction(status: &str, id: i64, key: &str) -> Value {
    json!({
        "transactionId": id, "status": status, "operatorTransactionId": "7297929551:OrderConfirmed",
        "customIdentifier": key, "recipientPhone": "56987654321", "recipientEmail": null,
        "senderPhone": null, "countryCode": "CL", "operatorId": 77, "operatorName": "Entel Chile",
        "discount": 0.3, "discountCurrencyCode": "USD", "requestedAmount": 5000, "requestedAmountCurrencyCode": "CLP",
        "deliveredAmount": 5000, "deliveredAmountCurrencyCode": "CLP", "transactionDate": "2021-12-06 08:13:39",
        "pinDetail": null,
        "balanceInfo": {"oldBalance": 100.0, "newBalance": 94.5, "cost": 5.5, "currencyCode": "USD", "currencyName": "US Dollar", "updatedAt": "2021-12-06 13:13:39"}
    })
}

fn request(order_id: OrderId) -> TopupRequest {
    TopupRequest {
        order_id,
        msisdn: PHONE.parse().unwrap(),
        operator_id: 77,
        amount_clp: Clp(5000),
        use_local_amount: true,
        account_amount: Some(5.56),
    }
}

async fn received(server: &MockServer, verb: &str, at: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == verb && r.url.path() == at)
        .collect()
}

fn header_of<'a>(request: &'a Request, name: &str) -> &'a str {
    request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn failed(outcome: &PaymentOutcome) -> crate::error::TopupError {
    match outcome {
        PaymentOutcome::Failed { error, .. } => crate::error::classify(error),
        other => panic!("expected Failed, got {other:?}"),
    }
}

fn unknown(outcome: &PaymentOutcome) -> &str {
    match outcome {
        PaymentOutcome::Unknown { reason } => reason,
        other => panic!("expected Unknown, got {other:?}"),
    }
}

const WAIT: Duration = Duration::from_secs(2);

// ---- paying -----------------------------------------------------------------

#[tokio::test]
async fn topup_sends_the_documented_request_and_confirms() {
    let (server, _dir, reloadly) = setup().await;
    let order = OrderId::new();
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("SUCCESSFUL", 4602843, &order.to_string())))
        .mount(&server)
        .await;

    let outcome = reloadly.topup(&request(order), WAIT).await;
    assert!(
        matches!(&outcome, PaymentOutcome::Confirmed { gateway_ref: Some(r) } if r == "4602843"),
        "{outcome:?}"
    );

    let posts = received(&server, "POST", "/topups").await;
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert_eq!(header_of(post, "accept"), "application/com.reloadly.topups-v1+json");
    assert_eq!(header_of(post, "authorization"), "Bearer tok-1");
    assert_eq!(header_of(post, "content-type"), "application/json");
    assert_eq!(
        post.body_json::<Value>().unwrap(),
        json!({
            "operatorId": 77, "amount": 5000, "useLocalAmount": true, "customIdentifier": order.to_string(),
            "recipientPhone": {"countryCode": "CL", "number": "56987654321"}
        })
    );

    let tokens = received(&server, "POST", "/oauth/token").await;
    assert_eq!(tokens.len(), 1);
    assert_eq!(header_of(&tokens[0], "content-type"), "application/json");
    assert_eq!(
        tokens[0].body_json::<Value>().unwrap(),
        json!({"client_id": CLIENT_ID, "client_secret": SECRET, "grant_type": "client_credentials", "audience": "https://topups-sandbox.reloadly.com"})
    );
}

#[tokio::test]
async fn a_configured_audience_is_the_tokens_audience() {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let reloadly = Reloadly::new(ReloadlySettings {
        audience: Some("https://topups-hs256-sandbox.reloadly.com".into()),
        ..settings(&server.uri(), &server.uri(), dir.path())
    })
    .unwrap();
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path("/accounts/balance"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"balance": 1.0, "currencyCode": "USD"})))
        .mount(&server)
        .await;
    reloadly.account_balance().await.unwrap();
    let tokens = received(&server, "POST", "/oauth/token").await;
    assert_eq!(
        tokens[0].body_json::<Value>().unwrap()["audience"],
        "https://topups-hs256-sandbox.reloadly.com"
    );
}

#[tokio::test]
async fn topup_in_account_currency_sends_the_account_amount() {
    let (server, _dir, reloadly) = setup().await;
    let order = OrderId::new();
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("SUCCESSFUL", 1, &order.to_string())))
        .mount(&server)
        .await;
    let req = TopupRequest {
        use_local_amount: false,
        account_amount: Some(5.555_555),
        ..request(order)
    };
    let outcome = reloadly.topup(&req, WAIT).await;
    assert!(matches!(outcome, PaymentOutcome::Confirmed { .. }), "{outcome:?}");
    let body = received(&server, "POST", "/topups").await[0]
        .body_json::<Value>()
        .unwrap();
    assert_eq!(body["amount"], json!(5.56));
    assert_eq!(body["useLocalAmount"], json!(false));

    // Without an account amount nothing is sent.
    let req = TopupRequest {
        use_local_amount: false,
        account_amount: None,
        ..request(OrderId::new())
    };
    let error = failed(&reloadly.topup(&req, WAIT).await);
    assert_eq!(error.kind, ErrorKind::Usage);
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

#[tokio::test]
async fn processing_is_followed_until_successful() {
    let (server, _dir, reloadly) = setup().await;
    let order = OrderId::new();
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("PROCESSING", 99, &order.to_string())))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/topups/99/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("PROCESSING", 99, &order.to_string())))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    // The Java SDK's wrapped form.
    Mock::given(method("GET"))
        .and(path("/topups/99/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "code": null, "message": null, "status": "SUCCESSFUL", "transaction": transaction("SUCCESSFUL", 99, &order.to_string())
        })))
        .with_priority(2)
        .mount(&server)
        .await;

    let outcome = reloadly.topup(&request(order), WAIT).await;
    assert!(
        matches!(&outcome, PaymentOutcome::Confirmed { gateway_ref: Some(r) } if r == "99"),
        "{outcome:?}"
    );
    let polls = received(&server, "GET", "/topups/99/status").await;
    assert_eq!(polls.len(), 2);
    assert_eq!(
        header_of(&polls[0], "accept"),
        "application/com.reloadly.topups-v1+json"
    );
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

#[tokio::test]
async fn processing_past_the_wait_is_pending() {
    let (server, _dir, reloadly) = setup().await;
    let order = OrderId::new();
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("PROCESSING", 99, &order.to_string())))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/topups/99/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("PROCESSING", 99, &order.to_string())))
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(order), Duration::from_millis(300)).await;
    assert!(
        matches!(&outcome, PaymentOutcome::Pending { gateway_ref: Some(r) } if r == "99"),
        "{outcome:?}"
    );
    assert!(!received(&server, "GET", "/topups/99/status").await.is_empty());
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

#[tokio::test]
async fn refunded_and_failed_take_no_money() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("REFUNDED", 5, "k")))
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    assert!(
        matches!(&outcome, PaymentOutcome::Failed { gateway_ref: Some(r), .. } if r == "5"),
        "{outcome:?}"
    );
    let error = failed(&outcome);
    assert!(
        error.message.contains("refunded") && error.message.contains("no money was taken"),
        "{}",
        error.message
    );

    // FAILED arriving through the status endpoint, in the auto-refund
    // article's shape (no transaction).
    server.reset().await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("PROCESSING", 6, "k")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/topups/6/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "message": "The transaction failed due to an outage and / or connection issue with the operator",
            "status": "FAILED", "transaction": null
        })))
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    let error = failed(&outcome);
    assert_eq!(error.kind, ErrorKind::Temporary);
    assert!(
        error.message.contains("outage") && error.message.contains("no money was taken"),
        "{}",
        error.message
    );
}

#[test]
fn error_codes_mean_what_the_docs_say() {
    use ErrorKind::*;
    let table = [
        ("INSUFFICIENT_BALANCE", Some(Declined)),
        ("PHONE_RECENTLY_RECHARGED", Some(Temporary)),
        ("INVALID_RECIPIENT_PHONE", Some(Usage)),
        ("INVALID_PHONE_NUMBER", Some(Usage)),
        ("INVALID_AMOUNT_FOR_OPERATOR", Some(Usage)),
        ("INVALID_AMOUNT", Some(Usage)),
        ("MAX_DAILY_TRANSACTION_AMOUNT_REACHED", Some(Declined)),
        ("MAX_DAILY_TRANSACTION_COUNT_REACHED", Some(Declined)),
        ("OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE", Some(Temporary)),
        ("TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT", Some(Temporary)),
        ("OPERATOR_NOT_IN_SERVICE", Some(Temporary)),
        ("COUNTRY_NOT_SUPPORTED", Some(Usage)),
        ("INVALID_CREDENTIALS", Some(Credentials)),
        ("ACCOUNT_NOT_FOUND", Some(Credentials)),
        ("INACTIVE_ACCOUNT", Some(Declined)),
        ("TOPUP_TRANSACTION_FAILED", Some(Temporary)),
        ("RECIPIENT_HAS_PENDING_TRANSACTION", Some(Temporary)),
        ("TRANSACTION_REJECTED_BY_OPERATOR", Some(Declined)),
        ("PHONE_BANNED_BY_OPERATOR", Some(Declined)),
        ("CUSTOM_IDENTIFIER_ALREADY_USED", None),
        ("UNMAPPED_PROVIDER_ERROR_CODE", None),
    ];
    for (code, kind) in table {
        let meaning = errors::meaning(code).unwrap_or_else(|| panic!("{code} is not in the table"));
        match (meaning, kind) {
            (Meaning::Refused(refusal), Some(kind)) => assert_eq!(refusal_kind(refusal), kind, "{code}"),
            (Meaning::NotDefinitive(_), None) => {}
            (meaning, kind) => panic!("{code}: {meaning:?}, expected {kind:?}"),
        }
    }
    assert_eq!(errors::meaning("SOMETHING_NEW"), None);
}

/// The exit code a refusal gets at the edge.
fn refusal_kind(refusal: Refusal) -> ErrorKind {
    let error = ReloadlyError::TopupRefused {
        refusal,
        summary: String::new(),
    };
    crate::error::classify(&error.into()).kind
}

#[tokio::test]
async fn every_documented_error_code_on_a_payment() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    reloadly.token(None).await.unwrap();
    for code in errors::all_codes() {
        server.reset().await;
        Mock::given(method("POST"))
            .and(path("/topups"))
            .respond_with(ResponseTemplate::new(400).set_body_json(error_body(
                Some(code),
                "Reloadly says so",
                "/topups",
            )))
            .mount(&server)
            .await;
        let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
        match errors::meaning(code) {
            Some(Meaning::Refused(refusal @ Refusal { what, hint, .. })) => {
                let error = failed(&outcome);
                assert_eq!(error.kind, refusal_kind(refusal), "{code}");
                assert!(
                    error.message.contains(what) && error.message.contains(code),
                    "{code}: {}",
                    error.message
                );
                assert!(error.message.contains("Reloadly says so") && error.message.contains("no money was taken"));
                assert_eq!(error.hint.as_deref(), Some(hint));
            }
            _ => assert!(unknown(&outcome).contains("topup reconcile"), "{code}"),
        }
        assert_eq!(received(&server, "POST", "/topups").await.len(), 1, "{code}");
    }
}

#[tokio::test]
async fn a_used_key_or_an_unknown_code_is_an_unknown_outcome() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    for (code, said) in [
        ("CUSTOM_IDENTIFIER_ALREADY_USED", "already used"),
        ("BRAND_NEW_CODE", "BRAND_NEW_CODE"),
    ] {
        Mock::given(method("POST"))
            .and(path("/topups"))
            .respond_with(ResponseTemplate::new(400).set_body_json(error_body(Some(code), "nope", "/topups")))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
        let reason = unknown(&outcome);
        assert!(reason.contains(said) && reason.contains("topup reconcile"), "{reason}");
    }
    assert_eq!(received(&server, "POST", "/topups").await.len(), 2);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried() {
    let (server, dir, reloadly) = setup().await;
    let order = OrderId::new();
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_reply("tok-1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token_reply("tok-2"))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            Some("TOKEN_EXPIRED"),
            "Token expired",
            "/topups",
        )))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction("SUCCESSFUL", 7, &order.to_string())))
        .mount(&server)
        .await;

    let outcome = reloadly.topup(&request(order), WAIT).await;
    assert!(matches!(outcome, PaymentOutcome::Confirmed { .. }), "{outcome:?}");
    assert_eq!(received(&server, "POST", "/oauth/token").await.len(), 2);
    let posts = received(&server, "POST", "/topups").await;
    assert_eq!(posts.len(), 2);
    // Same key both times: a processed first attempt could not be paid twice.
    assert_eq!(posts[0].body, posts[1].body);
    // The fresh token replaced the cached one.
    let cached = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|text| text.contains("access_token"))
        .unwrap();
    assert!(cached.contains("tok-2") && !cached.contains("tok-1"));
}

#[tokio::test]
async fn only_token_errors_are_retried() {
    let table: [(ResponseTemplate, usize); 4] = [
        // Not a token error: no retry.
        (
            ResponseTemplate::new(401).set_body_json(error_body(
                Some("INVALID_CREDENTIALS"),
                "Access Denied",
                "/topups",
            )),
            1,
        ),
        (
            ResponseTemplate::new(401).set_body_raw("<html>401</html>", "text/html"),
            1,
        ),
        (
            ResponseTemplate::new(403).set_body_json(error_body(None, "Forbidden", "/topups")),
            1,
        ),
        // A token error twice: one retry, then give up.
        (
            ResponseTemplate::new(401).set_body_json(error_body(
                Some("INVALID_TOKEN"),
                "Full authentication is required to access this resource",
                "/topups",
            )),
            2,
        ),
    ];
    for (answer, posts) in table {
        let (server, _dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        Mock::given(method("POST"))
            .and(path("/topups"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
        let error = failed(&outcome);
        assert_eq!(error.kind, ErrorKind::Credentials, "{}", error.message);
        assert!(error.message.contains("no money was taken"), "{}", error.message);
        assert_eq!(received(&server, "POST", "/topups").await.len(), posts);
        assert_eq!(received(&server, "POST", "/oauth/token").await.len(), posts);
    }
}

#[tokio::test]
async fn rate_limited_payment_was_not_made() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    let reset = Timestamp::now().as_second() + 42;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-RateLimit-Limit", "100")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", reset.to_string().as_str())
                .set_body_json(error_body(None, "Too many requests", "/topups")),
        )
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    let error = failed(&outcome);
    assert_eq!(error.kind, ErrorKind::Temporary);
    for part in ["limit 100", "0 left", "resets in 4", "no money was taken"] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

#[test]
fn rate_limit_reset_forms() {
    let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let s = now.as_second();
    let table = [(s + 30, 30), ((s + 30) * 1000, 30), (30, 30), (s - 5, -5), (0, 0)];
    for (header, secs) in table {
        assert_eq!(seconds_until_reset(header, now), secs, "{header}");
    }
}

/// Answers that may come after Reloadly acted: unknown, never retried.
#[tokio::test]
async fn unclear_answers_are_unknown_and_never_retried() {
    let table: [(ResponseTemplate, &str); 6] = [
        (
            ResponseTemplate::new(502).set_body_raw("<html><body>Bad Gateway</body></html>", "text/html"),
            "HTTP 502 with an HTML page, not JSON",
        ),
        (
            ResponseTemplate::new(503).set_body_raw("", "text/plain"),
            "HTTP 503 with an empty body",
        ),
        // Even a refusal code: a 5xx is not a clean refusal.
        (
            ResponseTemplate::new(500).set_body_json(error_body(
                Some("INSUFFICIENT_BALANCE"),
                "Insufficient balance",
                "/topups",
            )),
            "INSUFFICIENT_BALANCE",
        ),
        (
            ResponseTemplate::new(200).set_body_raw("<html>ok</html>", "text/html"),
            "HTTP 200 with an HTML page",
        ),
        (
            ResponseTemplate::new(200).set_body_raw(r#"{"transactionId": 12, "status": "SUCC"#, "application/json"),
            "truncated JSON",
        ),
        (
            ResponseTemplate::new(302).insert_header("location", "/elsewhere"),
            "HTTP 302",
        ),
    ];
    for (answer, said) in table {
        let (server, _dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        Mock::given(method("POST"))
            .and(path("/topups"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
        let reason = unknown(&outcome);
        assert!(
            reason.contains(said) && reason.contains("topup reconcile"),
            "{said}: {reason}"
        );
        assert_eq!(received(&server, "POST", "/topups").await.len(), 1, "{said}");
    }
}

#[tokio::test]
async fn a_reset_after_sending_is_unknown() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with_err(|_: &Request| std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset"))
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    assert!(
        unknown(&outcome).contains("no complete answer came back"),
        "{outcome:?}"
    );
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

/// A raw server that reads each request, records its first line, then
/// answers `reply` (possibly nothing) and closes the connection.
fn raw_server(reply: &'static [u8]) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head and the body the head announces.
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if request.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            let first = String::from_utf8_lossy(&request)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            log.lock().unwrap().push(first);
            let _ = stream.write_all(reply);
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_dropped_connection_or_cut_body_is_unknown() {
    let table: [(&'static [u8], &str); 2] = [
        (b"", "no complete answer came back"),
        (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"transactionId\": 1",
            "no complete answer came back",
        ),
    ];
    for (reply, said) in table {
        let auth = MockServer::start().await;
        mount_token(&auth, "tok-1").await;
        let (api, seen) = raw_server(reply);
        let dir = tempfile::tempdir().unwrap();
        let reloadly = Reloadly::new(settings(&api, &auth.uri(), dir.path())).unwrap();
        let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
        assert!(unknown(&outcome).contains(said), "{outcome:?}");
        assert_eq!(*seen.lock().unwrap(), vec!["POST /topups HTTP/1.1".to_string()]);
    }
}

#[tokio::test]
async fn a_timeout_after_sending_is_unknown() {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let settings = ReloadlySettings {
        timeout: Duration::from_millis(300),
        ..settings(&server.uri(), &server.uri(), dir.path())
    };
    let reloadly = Reloadly::new(settings).unwrap();
    mount_token(&server, "tok-1").await;
    Mock::given(method("POST"))
        .and(path("/topups"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(transaction("SUCCESSFUL", 1, "k"))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    assert!(unknown(&outcome).contains("no answer in time"), "{outcome:?}");
    assert_eq!(received(&server, "POST", "/topups").await.len(), 1);
}

#[tokio::test]
async fn a_refused_connection_sent_nothing() {
    let auth = MockServer::start().await;
    mount_token(&auth, "tok-1").await;
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let api = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let reloadly = Reloadly::new(settings(&api, &auth.uri(), dir.path())).unwrap();
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    let error = failed(&outcome);
    assert_eq!(error.kind, ErrorKind::Temporary);
    assert!(error.message.contains("was not sent"), "{}", error.message);
}

#[tokio::test]
async fn bad_credentials_stop_before_paying() {
    let (server, _dir, reloadly) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            Some("INVALID_CREDENTIALS"),
            "Access Denied",
            "/oauth/token",
        )))
        .mount(&server)
        .await;
    let outcome = reloadly.topup(&request(OrderId::new()), WAIT).await;
    let error = failed(&outcome);
    assert_eq!(error.kind, ErrorKind::Credentials);
    assert!(
        error.message.contains("INVALID_CREDENTIALS") && error.message.contains("not made"),
        "{}",
        error.message
    );
    let hint = error.hint.as_deref().unwrap_or("");
    assert!(hint.contains("client_id") && hint.contains("sandbox"), "{hint}");
    assert!(!format!("{error:?}").contains(SECRET));
    assert!(received(&server, "POST", "/topups").await.is_empty());
}

// ---- looking up ---------------------------------------------------------------

#[tokio::test]
async fn lookup_by_order_key() {
    let order = OrderId::new();
    let key = order.to_string();
    let table = [
        (
            json!({"content": [transaction("SUCCESSFUL", 8, &key)], "totalElements": 1}),
            "confirmed",
        ),
        (json!({"content": [transaction("PROCESSING", 8, &key)]}), "pending"),
        (json!({"content": [transaction("REFUNDED", 8, &key)]}), "failed"),
        (json!({"content": [transaction("FAILED", 8, &key)]}), "failed"),
        (json!({"content": [], "totalElements": 0}), "not found"),
    ];
    for (page, expected) in table {
        let (server, _dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        Mock::given(method("GET"))
            .and(path("/topups/reports/transactions"))
            .and(query_param("customIdentifier", key.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .mount(&server)
            .await;
        let (got, gateway_ref) = match reloadly.lookup(&order, None).await.unwrap() {
            Lookup::Confirmed { gateway_ref } => ("confirmed", gateway_ref),
            Lookup::Pending { gateway_ref } => ("pending", gateway_ref),
            Lookup::Failed { gateway_ref, .. } => ("failed", gateway_ref),
            Lookup::NotFound { .. } => ("not found", Some("8".to_string())),
            Lookup::NoSign { .. } | Lookup::PayerKnows { .. } => ("no sign", None),
        };
        assert_eq!(gateway_ref.as_deref(), Some("8"));
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn lookup_of_a_known_transaction_asks_its_status_and_is_never_not_found() {
    let order = OrderId::new();
    let key = order.to_string();
    // (status endpoint answer, report answer, expected)
    let table = [
        (
            Some(transaction("SUCCESSFUL", 8, &key)),
            json!({"content": []}),
            "confirmed",
        ),
        (Some(transaction("REFUNDED", 8, &key)), json!({"content": []}), "failed"),
        (
            Some(transaction("PROCESSING", 8, &key)),
            json!({"content": []}),
            "pending",
        ),
        // The status call fails: the report decides, and "not listed" is
        // not "never arrived" for a transaction Reloadly numbered.
        (None, json!({"content": []}), "pending"),
        (
            None,
            json!({"content": [transaction("SUCCESSFUL", 8, &key)]}),
            "confirmed",
        ),
    ];
    for (status, report, expected) in table {
        let (server, _dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        let status_reply = match status {
            Some(body) => ResponseTemplate::new(200).set_body_json(body),
            None => ResponseTemplate::new(503).set_body_string("<html>busy</html>"),
        };
        Mock::given(method("GET"))
            .and(path("/topups/8/status"))
            .respond_with(status_reply)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/topups/reports/transactions"))
            .and(query_param("customIdentifier", key.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(report))
            .mount(&server)
            .await;
        let got = match reloadly.lookup(&order, Some("8")).await.unwrap() {
            Lookup::Confirmed { gateway_ref } => ("confirmed", gateway_ref),
            Lookup::Pending { gateway_ref } => ("pending", gateway_ref),
            Lookup::Failed { gateway_ref, .. } => ("failed", gateway_ref),
            Lookup::NotFound { .. } => ("not found", None),
            Lookup::NoSign { .. } | Lookup::PayerKnows { .. } => ("no sign", None),
        };
        assert_eq!(got, (expected, Some("8".to_string())));
    }
}

#[tokio::test]
async fn lookup_never_reads_someone_elses_transactions_as_not_found() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path("/topups/reports/transactions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"content": [transaction("SUCCESSFUL", 1, "other-key")]})),
        )
        .mount(&server)
        .await;
    let err = reloadly.lookup(&OrderId::new(), None).await.unwrap_err();
    assert!(err.to_string().contains("not known"), "{err}");
}

// ---- tokens and secrets -----------------------------------------------------

#[tokio::test]
async fn the_token_is_reused_across_runs_and_kept_private() {
    let (server, dir, first) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path("/accounts/balance"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "balance": 5000, "currencyCode": "USD", "currencyName": "US Dollar", "updatedAt": "2021-12-04 08:45:51"
        })))
        .mount(&server)
        .await;
    let balance = first.account_balance().await.unwrap();
    assert_eq!(
        balance,
        AccountBalance {
            balance: 5000.0,
            currency: "USD".into(),
            currency_name: Some("US Dollar".into()),
            updated_at: Some("2021-12-04 08:45:51".into())
        }
    );
    let second = Reloadly::new(settings(&server.uri(), &server.uri(), dir.path())).unwrap();
    second.account_balance().await.unwrap();

    assert_eq!(received(&server, "POST", "/oauth/token").await.len(), 1);
    let gets = received(&server, "GET", "/accounts/balance").await;
    assert_eq!(gets.len(), 2);
    for get in &gets {
        assert_eq!(header_of(get, "authorization"), "Bearer tok-1");
        assert_eq!(header_of(get, "accept"), "application/com.reloadly.topups-v1+json");
    }

    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let token_file = files
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("reloadly-token-"))
        .expect("a token file");
    let text = std::fs::read_to_string(token_file).unwrap();
    assert!(text.contains("tok-1") && text.contains(CLIENT_ID));
    assert!(!text.contains(SECRET));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(token_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // No temporary files left behind.
    assert!(files.iter().all(|p| !p.to_string_lossy().ends_with(".tmp")));

    // Another client id does not use this token.
    let other = ReloadlySettings {
        client_id: "another".into(),
        ..settings(&server.uri(), &server.uri(), dir.path())
    };
    Reloadly::new(other).unwrap().account_balance().await.unwrap();
    assert_eq!(received(&server, "POST", "/oauth/token").await.len(), 2);
}

#[tokio::test]
async fn errors_never_show_secrets_or_tokens() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path("/accounts/balance"))
        .respond_with(ResponseTemplate::new(500).set_body_json(error_body(None, "boom", "/accounts/balance")))
        .mount(&server)
        .await;
    let err = reloadly.account_balance().await.unwrap_err();
    let shown = format!("{err:#} {err:?} {:?}", crate::error::classify(&err));
    assert!(!shown.contains("tok-1") && !shown.contains(SECRET), "{shown}");
    assert_eq!(crate::error::classify(&err).kind, ErrorKind::Temporary);

    let (server, _dir, reloadly) = setup().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(403).set_body_raw("<html>forbidden</html>", "text/html"))
        .mount(&server)
        .await;
    let err = reloadly.account_balance().await.unwrap_err();
    let edge = crate::error::classify(&err);
    assert_eq!(edge.kind, ErrorKind::Credentials);
    let shown = format!("{err:#} {err:?} {edge:?}");
    assert!(!shown.contains(SECRET), "{shown}");

    let debug = format!("{reloadly:?} {:?}", settings("http://x", "http://x", Path::new("/tmp")));
    assert!(!debug.contains(SECRET), "{debug}");
}

#[tokio::test]
async fn unreadable_answers_say_which_call_and_how() {
    let table = [
        (ResponseTemplate::new(502).set_body_raw("<!DOCTYPE html><html>Bad Gateway</html>", "text/html"), "Reloadly GET /accounts/balance answered HTTP 502 with an HTML page, not JSON", ErrorKind::Temporary),
        (ResponseTemplate::new(200).set_body_raw(r#"{"balance": 50"#, "application/json"), "Reloadly GET /accounts/balance answered HTTP 200 with truncated JSON", ErrorKind::Failure),
        (ResponseTemplate::new(200).set_body_raw("balance=5", "text/plain"), "Reloadly GET /accounts/balance answered HTTP 200 with a body that is not JSON", ErrorKind::Failure),
        (ResponseTemplate::new(404).set_body_json(json!({"timeStamp": "2021-09-11 11:54:00", "status": 404, "error": "Not Found", "message": "No message available", "path": "/accounts/balance"})), "Reloadly GET /accounts/balance answered HTTP 404: No message available", ErrorKind::Failure),
    ];
    for (answer, message, kind) in table {
        let (server, _dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        Mock::given(method("GET"))
            .and(path("/accounts/balance"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let edge = crate::error::classify(&reloadly.account_balance().await.unwrap_err());
        assert_eq!(edge.message, message);
        assert_eq!(edge.kind, kind, "{message}");
    }
}

#[test]
fn token_lifetimes_keep_a_margin() {
    let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let table = [
        (5184000.0, Some(5184000 - 300)),
        (600.0, Some(540)),
        (0.0, None),
        (-5.0, None),
        (f64::NAN, None),
    ];
    for (lifetime, secs) in table {
        let expected = secs.map(|s| now.checked_add(jiff::SignedDuration::from_secs(s)).unwrap());
        assert_eq!(auth::use_until(now, lifetime), expected, "{lifetime}");
    }
}

// ---- operators and promotions -----------------------------------------------

fn operator_json(id: i64, name: &str) -> Value {
    json!({
        "id": id, "operatorId": id, "name": name, "bundle": false, "data": false, "pin": false,
        "supportsLocalAmounts": true, "denominationType": "RANGE", "senderCurrencyCode": "USD",
        "senderCurrencySymbol": "$", "destinationCurrencyCode": "CLP", "destinationCurrencySymbol": "$",
        "commission": 6.0, "internationalDiscount": 6.0, "localDiscount": 0, "mostPopularAmount": null,
        "minAmount": 1.2, "maxAmount": 60, "localMinAmount": 1000, "localMaxAmount": 50000,
        "country": {"isoName": "CL", "name": "Chile"}, "fx": {"rate": 900.5, "currencyCode": "CLP"},
        "logoUrls": [], "fixedAmounts": [], "fixedAmountsDescriptions": [], "localFixedAmounts": [],
        "localFixedAmountsDescriptions": [], "suggestedAmounts": [7, 10], "suggestedAmountsMap": {"7": 6303.5, "10": 9005.0},
        "promotions": []
    })
}

const DETECT_PATH: &str = "/operators/auto-detect/phone/56987654321/countries/CL";

async fn mount_country_list(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/operators/countries/CL"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            operator_json(72, "Entel BAM Chile"),
            operator_json(77, "Entel Chile"),
            operator_json(78, "Movistar Chile"),
        ])))
        .mount(server)
        .await;
}

#[tokio::test]
async fn find_operator_cross_checks_auto_detect_and_caches() {
    let msisdn: Msisdn = PHONE.parse().unwrap();
    let cases: [(ResponseTemplate, i64, bool); 3] = [
        // Detected as configured: used as is, no list needed.
        (
            ResponseTemplate::new(200).set_body_json(operator_json(77, "Entel Chile")),
            77,
            false,
        ),
        // Detected as another operator (ported number): the configured one wins.
        (
            ResponseTemplate::new(200).set_body_json(operator_json(78, "Movistar Chile")),
            77,
            true,
        ),
        // Not detected: by name.
        (
            ResponseTemplate::new(404).set_body_json(error_body(
                Some("COULD_NOT_AUTO_DETECT_OPERATOR"),
                "Could not detect",
                DETECT_PATH,
            )),
            77,
            true,
        ),
    ];
    for (detect, id, listed) in cases {
        let (server, dir, reloadly) = setup().await;
        mount_token(&server, "tok-1").await;
        Mock::given(method("GET"))
            .and(path(DETECT_PATH))
            .respond_with(detect)
            .mount(&server)
            .await;
        mount_country_list(&server).await;
        let op = reloadly.find_operator(&msisdn, &["Entel Chile"]).await.unwrap();
        assert_eq!(op.reloadly_id(), Some(id));
        let detects = received(&server, "GET", DETECT_PATH).await;
        assert_eq!(detects.len(), 1);
        assert_eq!(
            detects[0].url.query(),
            Some("suggestedAmountsMap=true&suggestedAmounts=true")
        );
        assert_eq!(
            received(&server, "GET", "/operators/countries/CL").await.len(),
            usize::from(listed)
        );

        // The next run reads the cache, written when this client ends.
        drop(reloadly);
        let before = server.received_requests().await.unwrap().len();
        let again = Reloadly::new(settings(&server.uri(), &server.uri(), dir.path())).unwrap();
        assert_eq!(again.find_operator(&msisdn, &["Entel Chile"]).await.unwrap(), op);
        assert_eq!(server.received_requests().await.unwrap().len(), before);
    }
}

#[tokio::test]
async fn find_operator_names_what_reloadly_lists_when_nothing_matches() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path(DETECT_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(operator_json(78, "Movistar Chile")))
        .mount(&server)
        .await;
    mount_country_list(&server).await;
    let err = reloadly
        .find_operator(&PHONE.parse().unwrap(), &["WOM Chile"])
        .await
        .unwrap_err();
    let edge = crate::error::classify(&err);
    assert_eq!(edge.kind, ErrorKind::Usage);
    assert!(edge.message.contains("Entel Chile, Movistar Chile"), "{}", edge.message);
}

#[test]
fn operators_parse_in_every_documented_shape() {
    // The spec's example: descriptions as empty lists, nulls.
    let op: ReloadlyOperator = serde_json::from_value(operator_json(77, "Entel Chile")).unwrap();
    assert_eq!(
        (op.reloadly_id(), op.fx_rate(), op.local_min_amount),
        (Some(77), Some(900.5), Some(1000.0))
    );
    // The Java SDK's: descriptions as maps, amounts as strings, ids as strings, unknown fields.
    let op: ReloadlyOperator = serde_json::from_value(json!({
        "id": "81", "name": "Claro Chile", "denominationType": "FIXED", "supportsLocalAmounts": null,
        "fixedAmounts": ["5.00", 10], "fixedAmountsDescriptions": {"5.00": "Recarga 5"},
        "localFixedAmounts": null, "geographicalRechargePlans": [], "fx": {"rate": "901.2"}
    }))
    .unwrap();
    assert_eq!(op.reloadly_id(), Some(81));
    assert_eq!(op.fixed_amounts, vec![5.0, 10.0]);
    assert_eq!(
        op.fixed_amounts_descriptions.get("5.00").map(String::as_str),
        Some("Recarga 5")
    );
    assert!(!op.supports_local_amounts && op.local_fixed_amounts.is_empty());
}

#[tokio::test]
async fn promotions_on_now() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(path("/promotions/operators/77"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"content": [
            {"promotionId": 1, "operatorId": 77, "title": "Entel From 1 Jun", "title2": "Double data",
             "description": "For top ups of $5000 or more", "startDate": "Mon, 01 Jun 2026 06:00:00 +0000",
             "endDate": "Wed, 01 Jul 2026 05:59:00 +0000", "denominations": "USD 6 and up", "localDenominations": "CLP 5000 and up"},
            {"promotionId": 2, "title": "Old", "startDate": "Mon, 25 Jun 2018 06:00:00 +0000", "endDate": "Tue, 26 Jun 2018 05:59:00 +0000"},
            {"id": 3, "title": "SDK dated", "startDate": "2026-06-10 00:00:00", "endDate": "2026-06-20 00:00:00"},
            {"promotionId": 4, "title": "Undated", "startDate": "soon", "endDate": null},
            {}
        ]})))
        .mount(&server)
        .await;
    let now: Timestamp = "2026-06-15T12:00:00Z".parse().unwrap();
    let promos = reloadly.promotions(77, now).await.unwrap();
    let titles: Vec<(Option<i64>, &str, Option<&str>)> = promos
        .iter()
        .map(|p| (p.id, p.title.as_str(), p.denominations.as_deref()))
        .collect();
    assert_eq!(
        titles,
        vec![
            (Some(1), "Double data", Some("CLP 5000 and up")),
            (Some(3), "SDK dated", None)
        ]
    );
    // As topup lists them: the spec's dates and description, Reloadly's id.
    let listed = promos[0].listed(crate::domain::Operator::Entel);
    assert_eq!(listed.id, "1");
    assert_eq!(listed.description.as_deref(), Some("For top ups of $5000 or more"));
    assert_eq!(listed.starts_at, "2026-06-01T06:00:00Z".parse::<Timestamp>().unwrap());
    assert_eq!(listed.ends_at, "2026-07-01T05:59:00Z".parse::<Timestamp>().unwrap());
    assert_eq!(listed.source, crate::domain::PlanSource::Reloadly);
    // Without an id, its title and start stand for one.
    let mut unnamed = promos[1].clone();
    unnamed.id = None;
    assert_eq!(
        unnamed.listed(crate::domain::Operator::Entel).id,
        "SDK dated@2026-06-10T00:00:00Z"
    );
}

#[test]
fn promotion_dates() {
    let table = [
        ("Mon, 25 Jun 2018 06:00:00 +0000", Some("2018-06-25T06:00:00Z")),
        ("2018-06-25 06:00:00", Some("2018-06-25T06:00:00Z")),
        ("2018-06-25T06:00:00Z", Some("2018-06-25T06:00:00Z")),
        ("soon", None),
        ("", None),
    ];
    for (text, expected) in table {
        let expected = expected.map(|e| e.parse::<Timestamp>().unwrap());
        assert_eq!(parse_promotion_date(text), expected, "{text}");
    }
    let wire: Vec<PromotionWire> = serde_json::from_value(
        json!([{"title": "x", "startDate": "2018-06-25 06:00:00", "endDate": "2018-06-26 06:00:00"}]),
    )
    .unwrap();
    assert_eq!(
        current_promotions(wire, "2018-06-26T06:00:00Z".parse().unwrap()),
        vec![],
        "the end is exclusive"
    );
}

// ---- plans ------------------------------------------------------------------

fn op(value: Value) -> ReloadlyOperator {
    serde_json::from_value(value).unwrap()
}

fn summary(plans: &[ReloadlyPlan]) -> Vec<(String, i64, bool, Option<f64>)> {
    plans
        .iter()
        .map(|p| {
            (
                p.plan.id.to_string(),
                p.plan.price.pesos(),
                p.use_local_amount,
                p.account_amount,
            )
        })
        .collect()
}

#[test]
fn plans_from_each_kind_of_operator() {
    let s = |id: &str, price: i64, local: bool, amount: Option<f64>| (id.to_string(), price, local, amount);
    let table = [
        (
            "FIXED, local amounts",
            json!({"id": 77, "name": "Entel Chile", "denominationType": "FIXED", "supportsLocalAmounts": true,
                   "senderCurrencyCode": "USD", "fx": {"rate": 1000.0}, "fixedAmounts": [1.0, 5.0],
                   "localFixedAmounts": [5000.0, 1000.0, 1000.0, 2500.5]}),
            vec![
                s("reloadly-entel-1000", 1000, true, Some(1.0)),
                s("reloadly-entel-5000", 5000, true, Some(5.0)),
            ],
        ),
        (
            "FIXED, account currency only",
            json!({"id": 77, "name": "Entel Chile", "denominationType": "FIXED", "supportsLocalAmounts": false,
                   "senderCurrencyCode": "USD", "fx": {"rate": 900.0}, "fixedAmounts": [5.0, 7.5]}),
            vec![
                s("reloadly-entel-5usd", 4500, false, Some(5.0)),
                s("reloadly-entel-7.5usd", 6750, false, Some(7.5)),
            ],
        ),
        (
            "FIXED, account currency, no rate: cannot price",
            json!({"id": 77, "denominationType": "FIXED", "senderCurrencyCode": "USD", "fixedAmounts": [5.0]}),
            vec![],
        ),
        (
            "RANGE, local amounts",
            json!({"id": 77, "denominationType": "RANGE", "supportsLocalAmounts": true, "senderCurrencyCode": "USD",
                   "fx": {"rate": 900.0}, "localMinAmount": 2000, "localMaxAmount": 10000, "minAmount": 2.3, "maxAmount": 11.2}),
            vec![
                s("reloadly-entel-2000", 2000, true, Some(2.23)),
                s("reloadly-entel-3000", 3000, true, Some(3.34)),
                s("reloadly-entel-5000", 5000, true, Some(5.56)),
                s("reloadly-entel-10000", 10000, true, Some(11.12)),
            ],
        ),
        (
            "RANGE, account currency only",
            json!({"id": 77, "denominationType": "RANGE", "supportsLocalAmounts": false, "senderCurrencyCode": "USD",
                   "fx": {"rate": 900.0}, "minAmount": 2.0, "maxAmount": 12.0}),
            vec![
                s("reloadly-entel-2000", 2000, false, Some(2.23)),
                s("reloadly-entel-3000", 3000, false, Some(3.34)),
                s("reloadly-entel-5000", 5000, false, Some(5.56)),
                s("reloadly-entel-10000", 10000, false, Some(11.12)),
            ],
        ),
        (
            "no id",
            json!({"denominationType": "RANGE", "localMinAmount": 1, "localMaxAmount": 99999, "supportsLocalAmounts": true}),
            vec![],
        ),
        (
            "no denomination type",
            json!({"id": 77, "localFixedAmounts": [1000]}),
            vec![],
        ),
    ];
    for (case, value, expected) in table {
        assert_eq!(
            summary(&plans::build(&op(value), crate::domain::Operator::Entel)),
            expected,
            "{case}"
        );
    }
}

#[test]
fn plan_names_data_and_validity_come_only_from_descriptions() {
    let fixed = op(json!({
        "id": 77, "denominationType": "FIXED", "supportsLocalAmounts": true, "senderCurrencyCode": "USD",
        "localFixedAmounts": [1000, 3990, 5000],
        "localFixedAmountsDescriptions": {"3990.00": "Bolsa 1,5 GB por 7 días", "5000": "2 GB + 500 MB bono, 30 dias"}
    }));
    let plans = plans::build(&fixed, crate::domain::Operator::Entel);
    let got: Vec<_> = plans
        .iter()
        .map(|p| (p.plan.name.as_str(), p.plan.data, p.plan.validity_days, p.plan.source))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Recarga $1.000", None, None, PlanSource::Reloadly),
            (
                "Bolsa 1,5 GB por 7 días",
                Some(DataAmount(1_500_000_000)),
                Some(7),
                PlanSource::Reloadly
            ),
            // Two amounts of data stated: which one is not guessed.
            ("2 GB + 500 MB bono, 30 dias", None, Some(30), PlanSource::Reloadly),
        ]
    );
    // No rate: no account estimate.
    assert!(plans.iter().all(|p| p.account_amount.is_none()));

    let table = [
        ("5GB 30 días", Some(DataAmount::from_gb(5)), Some(30)),
        ("500 MB x 3 DIAS", Some(DataAmount::from_mb(500)), Some(3)),
        ("Recarga de saldo", None, None),
        ("Internet ilimitado 1 day", None, Some(1)),
        ("10 gigas, 15 días o 30 días", Some(DataAmount::from_gb(10)), None),
    ];
    for (text, data, days) in table {
        assert_eq!((stated_data(text), stated_days(text)), (data, days), "{text}");
    }
}

#[test]
fn every_kind_of_plan_says_what_it_costs_the_account() {
    let kinds = [
        // Fixed amounts in pesos: estimated from the rate.
        json!({"id": 77, "denominationType": "FIXED", "supportsLocalAmounts": true, "localFixedAmounts": [5000],
               "senderCurrencyCode": "USD", "fx": {"rate": 1000.0}}),
        // Fixed amounts in the account's currency: the amount sent.
        json!({"id": 77, "denominationType": "FIXED", "supportsLocalAmounts": false, "fixedAmounts": [5.0],
               "senderCurrencyCode": "USD", "fx": {"rate": 1000.0}}),
        // A range in the account's currency.
        json!({"id": 77, "denominationType": "RANGE", "supportsLocalAmounts": false, "minAmount": 1.0, "maxAmount": 5.0,
               "senderCurrencyCode": "USD", "fx": {"rate": 1000.0}}),
    ];
    for kind in kinds {
        let built = plans::build(&op(kind.clone()), crate::domain::Operator::Entel);
        let five = built.iter().find(|p| p.plan.price == Clp(5000)).expect("a $5.000 plan");
        assert_eq!(
            five.plan.account_cost,
            Some(crate::domain::AccountCost {
                amount: 5.0,
                currency: "USD".into()
            }),
            "{kind}"
        );
    }
}

#[test]
fn plan_ids_reach_any_amount_in_a_range() {
    let range = op(
        json!({"id": 77, "denominationType": "RANGE", "supportsLocalAmounts": true,
                          "localMinAmount": 1000, "localMaxAmount": 50000, "fx": {"rate": 1000.0}}),
    );
    let reloadly_plan = |id: &str| plans::by_id(&range, crate::domain::Operator::Entel, &id.parse().unwrap());
    assert_eq!(
        reloadly_plan("reloadly-entel-7000").map(|p| (p.plan.price, p.account_amount)),
        Some((Clp(7000), Some(7.0)))
    );
    assert_eq!(
        reloadly_plan("reloadly-entel-5000").map(|p| p.plan.name),
        Some("Recarga $5.000".to_string())
    );
    for absent in [
        "reloadly-entel-999",
        "reloadly-entel-50001",
        "reloadly-entel-07000",
        "reloadly-movistar-7000",
        "reloadly-entel-7000clp",
    ] {
        assert!(reloadly_plan(absent).is_none(), "{absent}");
    }
    let fixed =
        op(json!({"id": 77, "denominationType": "FIXED", "supportsLocalAmounts": true, "localFixedAmounts": [5000]}));
    assert!(
        plans::by_id(
            &fixed,
            crate::domain::Operator::Entel,
            &"reloadly-entel-5000".parse().unwrap()
        )
        .is_some()
    );
    assert!(
        plans::by_id(
            &fixed,
            crate::domain::Operator::Entel,
            &"reloadly-entel-7000".parse().unwrap()
        )
        .is_none()
    );
}

#[test]
fn plans_carry_promotions_and_make_requests() {
    let range = op(
        json!({"id": 77, "denominationType": "RANGE", "supportsLocalAmounts": true, "senderCurrencyCode": "USD",
                          "localMinAmount": 5000, "localMaxAmount": 5000, "fx": {"rate": 1000.0}}),
    );
    let mut plans = plans::build(&range, crate::domain::Operator::Entel);
    let promo = Promotion {
        id: Some(1),
        title: "Double data".into(),
        denominations: Some("CLP 5000 and up".into()),
        description: None,
        starts_at: "2026-06-01T06:00:00Z".parse().unwrap(),
        ends_at: "2026-07-01T05:59:00Z".parse().unwrap(),
    };
    plans::annotate(&mut plans, &[promo]);
    assert_eq!(plans[0].plan.promo.as_deref(), Some("Double data (CLP 5000 and up)"));

    let order = OrderId::new();
    let msisdn: Msisdn = PHONE.parse().unwrap();
    assert_eq!(
        plans[0].topup_request(order, msisdn.clone()),
        TopupRequest {
            order_id: order,
            msisdn,
            operator_id: 77,
            amount_clp: Clp(5000),
            use_local_amount: true,
            account_amount: Some(5.0)
        }
    );
}

#[test]
fn amounts_in_ids_and_cents() {
    for (amount, shown) in [(5.0, "5"), (7.5, "7.5"), (7.25, "7.25"), (10.0, "10"), (0.5, "0.5")] {
        assert_eq!(show_amount(amount), shown);
    }
    for (amount, up) in [(1.1, 1.1), (5.555, 5.56), (5.0, 5.0), (2.2222, 2.23), (0.001, 0.01)] {
        assert_eq!(cents_up(amount), up, "{amount}");
    }
}

#[test]
fn environments() {
    assert_eq!(Environment::Live.host(), "https://topups.reloadly.com");
    assert_eq!(Environment::Sandbox.host(), "https://topups-sandbox.reloadly.com");
}

/// Lines that start together ask for a shared answer once: the others wait
/// for it instead of each calling (a burst at the start of `auto`).
#[tokio::test]
async fn lines_starting_together_fetch_the_country_list_and_promotions_once() {
    let (server, _dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    let slow = |body: Value| {
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay(Duration::from_millis(100))
    };
    // Not detected: every line needs the country's list.
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex(
            r"^/operators/auto-detect/phone/\d+/countries/CL$",
        ))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body(
            Some("COULD_NOT_AUTO_DETECT_OPERATOR"),
            "Could not detect",
            DETECT_PATH,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/operators/countries/CL"))
        .respond_with(slow(json!([operator_json(77, "Entel Chile")])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/promotions/operators/77"))
        .respond_with(slow(json!({"content": []})))
        .mount(&server)
        .await;
    let numbers: Vec<Msisdn> = (0..16).map(|i| format!("+5698765{i:04}").parse().unwrap()).collect();
    let now: Timestamp = "2026-06-15T12:00:00Z".parse().unwrap();
    let found = futures_util::future::join_all(numbers.iter().map(|m| async {
        let op = reloadly.find_operator(m, &["Entel Chile"]).await?;
        reloadly.promotions(77, now).await?;
        anyhow::Ok(op.reloadly_id())
    }))
    .await;
    assert!(found.iter().all(|f| matches!(f, Ok(Some(77)))));
    assert_eq!(received(&server, "GET", "/operators/countries/CL").await.len(), 1);
    assert_eq!(received(&server, "GET", "/promotions/operators/77").await.len(), 1);
}

/// The cache keeps an id per number and each detected operator once, so a
/// fleet's cache grows by a few bytes a line, not by an operator a line.
#[tokio::test]
async fn the_operator_cache_keeps_each_detected_operator_once() {
    let (server, dir, reloadly) = setup().await;
    mount_token(&server, "tok-1").await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex(
            r"^/operators/auto-detect/phone/\d+/countries/CL$",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(operator_json(77, "Entel Chile")))
        .mount(&server)
        .await;
    for i in 0..3 {
        let number: Msisdn = format!("+5698765432{i}").parse().unwrap();
        let op = reloadly.find_operator(&number, &["Entel Chile"]).await.unwrap();
        assert_eq!(op.reloadly_id(), Some(77));
    }
    drop(reloadly);
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("reloadly-operators-")
        })
        .expect("the operator cache");
    let cache: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(cache["detected_ids"].as_object().unwrap().len(), 3);
    let operators = cache["detected_operators"].as_object().unwrap();
    assert_eq!(operators.keys().collect::<Vec<_>>(), ["77"]);
    // A new client answers from the cache, without asking.
    let before = server.received_requests().await.unwrap().len();
    let again = Reloadly::new(settings(&server.uri(), &server.uri(), dir.path())).unwrap();
    let op = again
        .find_operator(&"+56987654321".parse().unwrap(), &["Entel Chile"])
        .await
        .unwrap();
    assert_eq!(op.reloadly_id(), Some(77));
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}
