//! certbot-style hooks and notifications for `topup auto`.
//!
//! Renewals go to `renew_hook`/`failure_hook`, alerts (a due line under an
//! alert-only policy, a new promotion) to `alert_hook`; every event to
//! `notify_url`. Failures are only warnings: a hook or a notification never
//! changes what happened to the money. A hook is `sh -c COMMAND` with stdin closed and its
//! output on topup's stderr (stdout carries results and JSON), in its own
//! process group so that a timeout kills everything it started.

use std::time::Duration;

use jiff::SignedDuration;
use serde::Serialize;

use crate::config::AutoSettings;
use crate::diag;
use crate::domain::timefmt::{show_duration, std_duration};
use crate::domain::{Clp, Msisdn, Operator, Order, OrderId, OrderStatus, PayMethod, PlanId, PlanSource, Promotion};
use crate::policy::Trigger;
use crate::shell::{self, ShellError};

/// A run's `[auto]` hooks and `notify_url`, with the HTTP client for it.
pub struct Hooks<'a> {
    settings: &'a AutoSettings,
    client: Option<reqwest::Client>,
}

impl<'a> Hooks<'a> {
    pub fn new(settings: &'a AutoSettings) -> Hooks<'a> {
        let client = settings.notify_url.as_ref().and_then(|_| {
            reqwest::Client::builder()
                .build()
                .map_err(|e| diag::warn(format!("notify_url: no notifications this run: {e}")))
                .ok()
        });
        Hooks { settings, client }
    }

    fn timeout(&self) -> Duration {
        std_duration(self.settings.hook_timeout)
    }

    async fn run(&self, name: &str, command: Option<&str>, env: &[(String, String)]) {
        if let Some(cmd) = command
            && let Err(e) = run_hook(name, cmd, env, self.timeout()).await
        {
            // The error starts with the hook's name.
            diag::warn(e.to_string());
        }
    }

    /// Before the first renewal of a run.
    pub async fn pre(&self) {
        self.run("pre_hook", self.settings.pre_hook.as_deref(), &[]).await;
    }

    /// After the last renewal of a run, with how many confirmed and failed.
    pub async fn post(&self, renewed: usize, failed: usize) {
        let env = [
            ("TOPUP_RENEWED".to_string(), renewed.to_string()),
            ("TOPUP_FAILED".to_string(), failed.to_string()),
        ];
        self.run("post_hook", self.settings.post_hook.as_deref(), &env).await;
    }

    /// renew_hook for a confirmed order, failure_hook for anything else, and
    /// a notification for both.
    pub async fn after_renewal(&self, event: &RenewalEvent) {
        let env = renewal_env(event);
        if event.status == OrderStatus::Confirmed {
            self.run("renew_hook", self.settings.renew_hook.as_deref(), &env).await;
        } else {
            self.run("failure_hook", self.settings.failure_hook.as_deref(), &env)
                .await;
        }
        if let (Some(client), Some(url)) = (&self.client, self.settings.notify_url.as_deref())
            && let Err(e) = notify(client, url, event, self.notify_timeout()).await
        {
            diag::warn(format!("notify_url: {e}"));
        }
    }

    fn notify_timeout(&self) -> Duration {
        self.timeout().min(Duration::from_secs(10))
    }

    /// `alert_hook` and `notify_url` for an alert. Whether it reached
    /// someone: one of them took it, or neither is configured (then the
    /// report `auto` prints is the alert). An alert nobody took is not
    /// recorded, so the next run tries again.
    pub async fn alert(&self, alert: &Alert) -> bool {
        let (mut configured, mut delivered) = (false, false);
        if let Some(command) = self.settings.alert_hook.as_deref() {
            configured = true;
            match run_hook("alert_hook", command, &alert_env(alert), self.timeout()).await {
                Ok(()) => delivered = true,
                Err(e) => diag::warn(e.to_string()),
            }
        }
        if let Some(url) = self.settings.notify_url.as_deref() {
            configured = true;
            if let Some(client) = &self.client {
                let body = AlertNotification {
                    event: alert.event(),
                    sandbox: alert.sandbox(),
                    title: alert.title(),
                    line: match alert {
                        Alert::Line(line) => Some(line),
                        Alert::Promotion(_) => None,
                    },
                    promotion: match alert {
                        Alert::Promotion(promotion) => Some(promotion),
                        Alert::Line(_) => None,
                    },
                };
                match post_event(client, url, &body.title, &body, self.notify_timeout()).await {
                    Ok(()) => delivered = true,
                    Err(e) => diag::warn(format!("notify_url: {e}")),
                }
            }
        }
        delivered || !configured
    }
}

/// Something `auto` tells without paying.
#[derive(Debug, Clone, PartialEq)]
pub enum Alert {
    /// A line due under an alert-only policy (`action = "notify"`).
    Line(LineAlert),
    /// A promotion this ledger has not alerted before.
    Promotion(PromotionAlert),
}

/// A due line that is only to be told about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineAlert {
    pub line: String,
    pub msisdn: Msisdn,
    pub operator: Option<Operator>,
    /// The policy's plan, when it names one: what a renewal would buy.
    pub plan: Option<PlanId>,
    /// The crossings this alert is for.
    pub triggers: Vec<Trigger>,
    /// Why the line is due, in the reader's language.
    pub reason: String,
    /// Its readings are simulated.
    #[serde(skip)]
    pub sandbox: bool,
}

/// A new promotion, and the configured lines it is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromotionAlert {
    pub promotion: Promotion,
    /// Lines on its operator that pay through the channel that listed it.
    pub lines: Vec<String>,
}

impl Alert {
    /// The `event` field of a notification.
    fn event(&self) -> &'static str {
        match self {
            Alert::Line(_) => "alert",
            Alert::Promotion(_) => "promotion",
        }
    }

    fn sandbox(&self) -> bool {
        match self {
            Alert::Line(line) => line.sandbox,
            Alert::Promotion(p) => p.promotion.source == PlanSource::Sandbox,
        }
    }

    /// A one-line title in printable ASCII (a header value), like a
    /// renewal's.
    fn title(&self) -> String {
        match self {
            Alert::Line(a) => {
                let who = if printable(&a.line) {
                    a.line.clone()
                } else {
                    a.msisdn.e164()
                };
                if a.triggers.contains(&Trigger::KeepAlive) {
                    format!("topup: {who} needs a top-up to keep its saldo (keep_alive)")
                } else {
                    format!("topup: {who} is due for a top-up")
                }
            }
            Alert::Promotion(p) => {
                let title = &p.promotion.title;
                let operator = p.promotion.operator;
                if printable(title) {
                    format!("topup: new {operator} promotion: {title}")
                } else {
                    format!("topup: new {operator} promotion")
                }
            }
        }
    }
}

fn printable(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
}

/// The environment of `alert_hook`. Gateway text loses any NUL byte, which
/// no environment can hold.
pub fn alert_env(alert: &Alert) -> Vec<(String, String)> {
    let mut env: Vec<(&str, String)> = Vec::new();
    match alert {
        Alert::Line(a) => {
            env.push(("TOPUP_ALERT", "line".into()));
            env.push(("TOPUP_LINE", a.line.clone()));
            env.push(("TOPUP_MSISDN", a.msisdn.e164()));
            if let Some(operator) = a.operator {
                env.push(("TOPUP_OPERATOR", operator.to_string()));
            }
            if let Some(plan) = &a.plan {
                env.push(("TOPUP_PLAN", plan.to_string()));
            }
            let triggers: Vec<&str> = a.triggers.iter().map(|t| t.as_str()).collect();
            env.push(("TOPUP_TRIGGERS", triggers.join(" ")));
            env.push(("TOPUP_REASON", a.reason.clone()));
        }
        Alert::Promotion(p) => {
            let promotion = &p.promotion;
            env.push(("TOPUP_ALERT", "promotion".into()));
            env.push(("TOPUP_OPERATOR", promotion.operator.to_string()));
            env.push(("TOPUP_LINES", p.lines.join(" ")));
            env.push(("TOPUP_PROMOTION_ID", promotion.id.clone()));
            env.push(("TOPUP_PROMOTION_TITLE", promotion.title.clone()));
            env.push(("TOPUP_PROMOTION_STARTS", promotion.starts_at.to_string()));
            env.push(("TOPUP_PROMOTION_ENDS", promotion.ends_at.to_string()));
            env.push(("TOPUP_PROMOTION_SOURCE", promotion.source.as_str().into()));
            env.push(("TOPUP_REASON", promotion.headline()));
        }
    }
    env.into_iter()
        .map(|(k, v)| (k.to_string(), v.replace('\0', "")))
        .collect()
}

/// An alert's JSON body: what it is, then the line's or the promotion's fields.
#[derive(Serialize)]
struct AlertNotification<'a> {
    event: &'static str,
    sandbox: bool,
    title: String,
    #[serde(flatten)]
    line: Option<&'a LineAlert>,
    #[serde(flatten)]
    promotion: Option<&'a PromotionAlert>,
}

/// One renewal's outcome, for hooks and notifications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalEvent {
    pub line: String,
    pub msisdn: Msisdn,
    pub operator: Operator,
    pub plan: PlanId,
    pub amount_clp: Clp,
    /// None when the renewal was refused before an order was written (saldo
    /// short): `failed`, nothing paid.
    pub order_id: Option<OrderId>,
    pub pay: PayMethod,
    pub status: OrderStatus,
    pub error: Option<String>,
}

impl From<&Order> for RenewalEvent {
    fn from(order: &Order) -> Self {
        RenewalEvent {
            line: order.line.clone(),
            msisdn: order.msisdn.clone(),
            operator: order.operator,
            plan: order.plan_id.clone(),
            amount_clp: order.amount,
            order_id: Some(order.id),
            pay: order.pay,
            status: order.status,
            error: order.error.clone(),
        }
    }
}

impl RenewalEvent {
    /// A renewal refused before any order existed.
    pub fn refused(line: &crate::config::Line, plan: &crate::domain::Plan, pay: PayMethod, error: &str) -> Self {
        RenewalEvent {
            line: line.name.clone(),
            msisdn: line.msisdn.clone(),
            operator: plan.operator,
            plan: plan.id.clone(),
            amount_clp: plan.price,
            order_id: None,
            pay,
            status: OrderStatus::Failed,
            error: Some(error.to_string()),
        }
    }

    /// What happened, in a word: the `event` field of a notification.
    fn outcome(&self) -> &'static str {
        match self.status {
            OrderStatus::Confirmed => "renewed",
            OrderStatus::Intent | OrderStatus::Submitted => "pending",
            OrderStatus::Failed => "failed",
            OrderStatus::Unknown => "unknown",
        }
    }

    /// `TOPUP_ERROR`: the order's error, or what its status means when it
    /// did not confirm and has none.
    fn error_text(&self) -> Option<String> {
        self.error.clone().or_else(|| match self.status {
            OrderStatus::Failed => Some("the payment failed".into()),
            OrderStatus::Unknown => Some("the payment's outcome is unknown; run `topup reconcile`".into()),
            OrderStatus::Intent | OrderStatus::Submitted => {
                Some("the payment was accepted but is still processing; run `topup reconcile` later".into())
            }
            OrderStatus::Confirmed => None,
        })
    }

    /// A one-line title (ntfy's `Title` header): header values must be
    /// printable ASCII, so a line name that is not gives way to the number.
    fn title(&self) -> String {
        let what = match self.status {
            OrderStatus::Confirmed => format!("renewed {} ({})", self.plan, self.amount_clp),
            OrderStatus::Intent | OrderStatus::Submitted => {
                format!("renewal pending: {}", self.plan)
            }
            OrderStatus::Failed => format!("renewal failed: {}", self.plan),
            OrderStatus::Unknown => format!("renewal outcome unknown: {}; run topup reconcile", self.plan),
        };
        let who = if printable(&self.line) {
            self.line.clone()
        } else {
            self.msisdn.e164()
        };
        format!("topup: {who} {what}")
    }
}

/// The environment of `renew_hook` and `failure_hook`.
pub fn renewal_env(event: &RenewalEvent) -> Vec<(String, String)> {
    let mut env = vec![
        ("TOPUP_LINE", event.line.clone()),
        ("TOPUP_MSISDN", event.msisdn.e164()),
        ("TOPUP_OPERATOR", event.operator.to_string()),
        ("TOPUP_PLAN", event.plan.to_string()),
        ("TOPUP_AMOUNT_CLP", event.amount_clp.pesos().to_string()),
        (
            "TOPUP_ORDER",
            event.order_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("TOPUP_PAY", event.pay.to_string()),
        ("TOPUP_STATUS", event.status.to_string()),
    ];
    if let Some(error) = event.error_text() {
        env.push(("TOPUP_ERROR", error));
    }
    env.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Inherited variables a hook does not see: topup's own, which may hold a
/// secret (`TOPUP_RELOADLY_CLIENT_SECRET`), a test seam, or a stale event
/// variable from an outer run.
fn hidden_from_hooks(name: &str) -> bool {
    name.starts_with("TOPUP_") && !matches!(name, "TOPUP_CONFIG" | "TOPUP_STATE_DIR")
}

/// Why a hook did not succeed; `name` is its config key (`renew_hook`).
/// I/O errors are in the message, not chained: it is one warning line.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("hook-failed", name = name.as_str(), problem = problem.to_string()))]
pub struct HookError {
    name: String,
    problem: ShellError,
}

/// Why a notification was not delivered. URLs often are secrets (webhook
/// tokens, ntfy topics), so only the host is named.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("{}", crate::t!("hook-notify-bad-url"))]
    BadUrl,
    /// `why` is what went wrong with the request, without the URL.
    #[error("{}", crate::t!("hook-notify-unsent", host = host.as_str(), why = why.as_str()))]
    Unsent { host: String, why: String },
    #[error("{}", crate::t!("hook-notify-refused", host = host.as_str(), status = status.to_string()))]
    Refused { host: String, status: reqwest::StatusCode },
}

/// Runs `sh -c command` with `env` added, for at most `timeout`, off the
/// runtime's thread; `name` (e.g. `renew_hook`) names it in the error.
pub async fn run_hook(name: &str, command: &str, env: &[(String, String)], timeout: Duration) -> Result<(), HookError> {
    let mut cmd = shell::sh(command);
    cmd.stdout(std::io::stderr());
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(hidden_from_hooks) {
            cmd.env_remove(key);
        }
    }
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    let problem = match tokio::task::spawn_blocking(move || shell::run(cmd, None, timeout)).await {
        Ok(Ok(_)) => return Ok(()),
        Ok(Err(problem)) => problem,
        Err(join) => ShellError::Wait(std::io::Error::other(join)),
    };
    Err(HookError {
        name: name.to_string(),
        problem,
    })
}

/// A notification's JSON body: the event plus what kind of event it is.
#[derive(Serialize)]
struct Notification<'a> {
    event: &'static str,
    /// As in every topup JSON document: no real money moved.
    sandbox: bool,
    title: String,
    #[serde(flatten)]
    renewal: &'a RenewalEvent,
}

/// POSTs the event as JSON to `url`, with a `Title` header so ntfy-style
/// endpoints show a readable headline (they show the JSON body as the message).
pub async fn notify(
    client: &reqwest::Client,
    url: &str,
    event: &RenewalEvent,
    timeout: Duration,
) -> Result<(), NotifyError> {
    let body = Notification {
        event: event.outcome(),
        sandbox: event.pay == PayMethod::Sandbox,
        title: event.title(),
        renewal: event,
    };
    post_event(client, url, &body.title, &body, timeout).await
}

/// POSTs `body` as JSON to `url` with `title` as its `Title` header.
async fn post_event(
    client: &reqwest::Client,
    url: &str,
    title: &str,
    body: &impl Serialize,
    timeout: Duration,
) -> Result<(), NotifyError> {
    let url = reqwest::Url::parse(url).map_err(|_| NotifyError::BadUrl)?;
    let host = url.host_str().unwrap_or("notify_url").to_string();
    let response = client
        .post(url)
        .timeout(timeout)
        .header("Title", title)
        .json(body)
        .send()
        .await
        .map_err(|e| {
            let why = if e.is_timeout() {
                format!(
                    "no answer within {}",
                    show_duration(SignedDuration::try_from(timeout).unwrap_or(SignedDuration::MAX))
                )
            } else if e.is_connect() {
                "could not connect".to_string()
            } else {
                e.without_url().to_string()
            };
            NotifyError::Unsent {
                host: host.clone(),
                why,
            }
        })?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(NotifyError::Refused { host, status })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn event(status: OrderStatus, error: Option<&str>) -> RenewalEvent {
        RenewalEvent {
            line: "casa".into(),
            msisdn: "+56987654321".parse().unwrap(),
            operator: Operator::Entel,
            plan: "reloadly-entel-5000".parse().unwrap(),
            amount_clp: Clp(5000),
            order_id: Some("0190a6c2-0000-7000-8000-000000000001".parse().unwrap()),
            pay: PayMethod::Reloadly,
            status,
            error: error.map(String::from),
        }
    }

    #[test]
    fn env_for_success_and_failures() {
        let base = [
            ("TOPUP_LINE", "casa"),
            ("TOPUP_MSISDN", "+56987654321"),
            ("TOPUP_OPERATOR", "entel"),
            ("TOPUP_PLAN", "reloadly-entel-5000"),
            ("TOPUP_AMOUNT_CLP", "5000"),
            ("TOPUP_ORDER", "0190a6c2-0000-7000-8000-000000000001"),
            ("TOPUP_PAY", "reloadly"),
        ];
        let table = [
            (OrderStatus::Confirmed, None, "confirmed", None),
            (
                OrderStatus::Failed,
                Some("insufficient funds"),
                "failed",
                Some("insufficient funds"),
            ),
            (OrderStatus::Failed, None, "failed", Some("the payment failed")),
            (
                OrderStatus::Unknown,
                None,
                "unknown",
                Some("the payment's outcome is unknown; run `topup reconcile`"),
            ),
            (
                OrderStatus::Submitted,
                None,
                "submitted",
                Some("the payment was accepted but is still processing; run `topup reconcile` later"),
            ),
        ];
        for (status, error, status_text, topup_error) in table {
            let mut want: Vec<(String, String)> = base.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            want.push(("TOPUP_STATUS".into(), status_text.into()));
            if let Some(e) = topup_error {
                want.push(("TOPUP_ERROR".into(), e.into()));
            }
            assert_eq!(renewal_env(&event(status, error)), want, "{status}");
        }
    }

    #[test]
    fn hooks_do_not_inherit_topup_variables() {
        let table = [
            ("TOPUP_RELOADLY_CLIENT_SECRET", true),
            ("TOPUP_NOW", true),
            ("TOPUP_ERROR", true),
            ("TOPUP_CONFIG", false),
            ("TOPUP_STATE_DIR", false),
            ("PATH", false),
            ("HOME", false),
        ];
        for (name, hidden) in table {
            assert_eq!(hidden_from_hooks(name), hidden, "{name}");
        }
    }

    #[test]
    fn titles_are_ascii() {
        let mut e = event(OrderStatus::Confirmed, None);
        assert_eq!(e.title(), "topup: casa renewed reloadly-entel-5000 ($5.000)");
        e.line = "mamá".into();
        e.status = OrderStatus::Unknown;
        assert_eq!(
            e.title(),
            "topup: +56987654321 renewal outcome unknown: reloadly-entel-5000; run topup reconcile"
        );
    }

    #[tokio::test]
    async fn hook_gets_the_event_environment() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("env.txt");
        let mut env = renewal_env(&event(OrderStatus::Failed, Some("declined: cap")));
        env.push(("OUT".into(), out.display().to_string()));
        run_hook("renew_hook", "env > \"$OUT\"", &env, Duration::from_secs(10))
            .await
            .unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        for line in [
            "TOPUP_LINE=casa",
            "TOPUP_MSISDN=+56987654321",
            "TOPUP_AMOUNT_CLP=5000",
            "TOPUP_ERROR=declined: cap",
        ] {
            assert!(written.lines().any(|l| l == line), "{line} missing in:\n{written}");
        }
        assert!(written.lines().any(|l| l.starts_with("PATH=")), "PATH is inherited");
    }

    #[tokio::test]
    async fn hook_failures_are_messages() {
        let err = run_hook("failure_hook", "exit 3", &[], Duration::from_secs(10))
            .await
            .unwrap_err()
            .to_string();
        assert_eq!(err, "failure_hook failed (exit status 3)");
        let err = run_hook("post_hook", "kill -s KILL $$", &[], Duration::from_secs(10))
            .await
            .unwrap_err()
            .to_string();
        assert_eq!(err, "post_hook failed (killed by signal 9)");
        assert!(run_hook("pre_hook", "true", &[], Duration::from_secs(10)).await.is_ok());
    }

    #[tokio::test]
    async fn slow_hook_is_killed_with_what_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let env = [("PID_FILE".to_string(), pid_file.display().to_string())];
        let started = Instant::now();
        // The shell starts a grandchild and waits: killing only the shell
        // would leave `sleep` running.
        let err = run_hook(
            "renew_hook",
            "sleep 10 & echo $! > \"$PID_FILE\"; wait",
            &env,
            Duration::from_millis(500),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert!(err.contains("renew_hook took longer than"), "{err}");
        let grandchild = std::fs::read_to_string(&pid_file).unwrap();
        // Gone, or a zombie waiting for a reaper: either way not running.
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", grandchild.trim())).unwrap_or_default();
            let state = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().next());
            if matches!(state, None | Some("Z" | "X")) {
                break;
            }
            assert!(Instant::now() < deadline, "grandchild still running: {stat}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    #[tokio::test]
    async fn notify_posts_the_event_as_json() {
        use wiremock::matchers::{header, method, path};
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(method("POST"))
            .and(path("/topic"))
            .and(header("Title", "topup: casa renewed reloadly-entel-5000 ($5.000)"))
            .and(header("content-type", "application/json"))
            .respond_with(wiremock::ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;
        let client = reqwest::Client::new();
        let url = format!("{}/topic", server.uri());
        notify(
            &client,
            &url,
            &event(OrderStatus::Confirmed, None),
            Duration::from_secs(5),
        )
        .await
        .unwrap();
        let requests = server.received_requests().await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
        let want = serde_json::json!({
            "event": "renewed",
            "sandbox": false,
            "title": "topup: casa renewed reloadly-entel-5000 ($5.000)",
            "line": "casa",
            "msisdn": "+56987654321",
            "operator": "entel",
            "plan": "reloadly-entel-5000",
            "amount_clp": 5000,
            "order_id": "0190a6c2-0000-7000-8000-000000000001",
            "pay": "reloadly",
            "status": "confirmed",
            "error": null,
        });
        assert_eq!(body, want);
    }

    #[tokio::test]
    async fn notify_gives_up_at_the_timeout() {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
            .mount(&server)
            .await;
        let started = Instant::now();
        let err = notify(
            &reqwest::Client::new(),
            &server.uri(),
            &event(OrderStatus::Confirmed, None),
            Duration::from_secs(1),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert_eq!(err, "notifying 127.0.0.1 failed: no answer within 1s");
    }

    #[tokio::test]
    async fn notify_reports_errors_without_the_url() {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(500))
            .mount(&server)
            .await;
        let client = reqwest::Client::new();
        let secret_url = format!("{}/secret-topic-token", server.uri());
        let err = notify(
            &client,
            &secret_url,
            &event(OrderStatus::Failed, None),
            Duration::from_secs(5),
        )
        .await
        .unwrap_err()
        .to_string();
        assert_eq!(err, "notifying 127.0.0.1 failed: it answered 500 Internal Server Error");

        // A port nobody listens on: refused at once, not after the timeout.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let started = Instant::now();
        let dead = format!("http://127.0.0.1:{port}/secret-topic-token");
        let err = notify(
            &client,
            &dead,
            &event(OrderStatus::Failed, None),
            Duration::from_secs(10),
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(err, "notifying 127.0.0.1 failed: could not connect");

        let err = notify(
            &client,
            "not a url",
            &event(OrderStatus::Failed, None),
            Duration::from_secs(1),
        )
        .await;
        assert_eq!(err.unwrap_err().to_string(), "notify_url is not a valid URL");
    }

    fn line_alert(triggers: Vec<Trigger>) -> Alert {
        Alert::Line(LineAlert {
            line: "casa".into(),
            msisdn: "+56987654321".parse().unwrap(),
            operator: Some(Operator::Wom),
            plan: None,
            triggers,
            reason: "data 300 MB < 1 GB".into(),
            sandbox: false,
        })
    }

    fn promotion_alert() -> Alert {
        Alert::Promotion(PromotionAlert {
            promotion: Promotion {
                id: "9".into(),
                operator: Operator::Entel,
                title: "Doble de datos".into(),
                description: Some("Recargas de $5000 o más".into()),
                denominations: Some("CLP 5000 and up".into()),
                starts_at: "2026-11-01T03:00:00Z".parse().unwrap(),
                ends_at: "2026-12-31T03:00:00Z".parse().unwrap(),
                source: PlanSource::Reloadly,
            },
            lines: vec!["mama".into(), "papa".into()],
        })
    }

    #[test]
    fn alert_env_and_titles() {
        let pairs =
            |alert: &Alert| -> Vec<String> { alert_env(alert).into_iter().map(|(k, v)| format!("{k}={v}")).collect() };
        let line = line_alert(vec![Trigger::Threshold, Trigger::KeepAlive]);
        assert_eq!(
            pairs(&line),
            [
                "TOPUP_ALERT=line",
                "TOPUP_LINE=casa",
                "TOPUP_MSISDN=+56987654321",
                "TOPUP_OPERATOR=wom",
                "TOPUP_TRIGGERS=threshold keep_alive",
                "TOPUP_REASON=data 300 MB < 1 GB",
            ]
        );
        assert_eq!(
            line.title(),
            "topup: casa needs a top-up to keep its saldo (keep_alive)"
        );
        assert_eq!(
            line_alert(vec![Trigger::Threshold]).title(),
            "topup: casa is due for a top-up"
        );
        let promotion = promotion_alert();
        assert_eq!(
            pairs(&promotion),
            [
                "TOPUP_ALERT=promotion",
                "TOPUP_OPERATOR=entel",
                "TOPUP_LINES=mama papa",
                "TOPUP_PROMOTION_ID=9",
                "TOPUP_PROMOTION_TITLE=Doble de datos",
                "TOPUP_PROMOTION_STARTS=2026-11-01T03:00:00Z",
                "TOPUP_PROMOTION_ENDS=2026-12-31T03:00:00Z",
                "TOPUP_PROMOTION_SOURCE=reloadly",
                "TOPUP_REASON=Doble de datos (CLP 5000 and up)",
            ]
        );
        assert_eq!(promotion.title(), "topup: new entel promotion: Doble de datos");
        let Alert::Promotion(mut p) = promotion else {
            unreachable!()
        };
        p.promotion.title = "Datos al doble en días\0 hábiles".into();
        let p = Alert::Promotion(p);
        assert_eq!(p.title(), "topup: new entel promotion");
        assert!(alert_env(&p).iter().all(|(_, v)| !v.contains('\0')));
    }

    fn settings(alert_hook: Option<&str>, notify_url: Option<String>) -> AutoSettings {
        AutoSettings {
            alert_hook: alert_hook.map(String::from),
            notify_url,
            hook_timeout: SignedDuration::from_secs(10),
            ..AutoSettings::default()
        }
    }

    /// An alert reached someone when one of its channels took it, or when
    /// there is none (the report is the alert); not when every one failed.
    #[tokio::test]
    async fn alerts_say_whether_they_reached_someone() {
        let alert = line_alert(vec![Trigger::Threshold]);
        let cases = [
            (settings(None, None), true),
            (settings(Some("true"), None), true),
            (settings(Some("exit 1"), None), false),
        ];
        for (settings, delivered) in cases {
            assert_eq!(
                Hooks::new(&settings).alert(&alert).await,
                delivered,
                "{:?}",
                settings.alert_hook
            );
        }
        // notify_url answering, with a failing hook: taken.
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let answering = settings(Some("exit 1"), Some(server.uri()));
        assert!(Hooks::new(&answering).alert(&alert).await);
        // notify_url refusing and no hook: nobody took it.
        let refusing = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(503))
            .mount(&refusing)
            .await;
        assert!(!Hooks::new(&settings(None, Some(refusing.uri()))).alert(&alert).await);
    }

    #[tokio::test]
    async fn alerts_post_json_events() {
        use wiremock::matchers::{header, method};
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(method("POST"))
            .and(header("content-type", "application/json"))
            .respond_with(wiremock::ResponseTemplate::new(200))
            .expect(2)
            .mount(&server)
            .await;
        let settings = settings(None, Some(format!("{}/topic", server.uri())));
        let hooks = Hooks::new(&settings);
        assert!(hooks.alert(&line_alert(vec![Trigger::Threshold])).await);
        assert!(hooks.alert(&promotion_alert()).await);
        let requests = server.received_requests().await.unwrap();
        let bodies: Vec<serde_json::Value> = requests
            .iter()
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect();
        assert_eq!(
            bodies[0],
            serde_json::json!({
                "event": "alert",
                "sandbox": false,
                "title": "topup: casa is due for a top-up",
                "line": "casa",
                "msisdn": "+56987654321",
                "operator": "wom",
                "plan": null,
                "triggers": ["threshold"],
                "reason": "data 300 MB < 1 GB",
            })
        );
        assert_eq!(
            bodies[1],
            serde_json::json!({
                "event": "promotion",
                "sandbox": false,
                "title": "topup: new entel promotion: Doble de datos",
                "promotion": {
                    "id": "9",
                    "operator": "entel",
                    "title": "Doble de datos",
                    "description": "Recargas de $5000 o más",
                    "denominations": "CLP 5000 and up",
                    "starts_at": "2026-11-01T03:00:00Z",
                    "ends_at": "2026-12-31T03:00:00Z",
                    "source": "reloadly",
                },
                "lines": ["mama", "papa"],
            })
        );
        assert_eq!(
            requests[1].headers.get("Title").and_then(|v| v.to_str().ok()),
            Some("topup: new entel promotion: Doble de datos")
        );
    }
}
