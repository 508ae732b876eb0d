//! The web channel: a payment handed off to the person, who pays on the
//! operator's own recharge page in their browser. Its I/O is opening that
//! page ([`Browser`]) and, on a line whose balance a channel reads (a
//! modem), reading the balance again until the payment shows. Telling the
//! person what to do and asking whether it went through is the command's
//! (`flow::Payer`): this channel prints nothing and asks nothing.
//!
//! The page comes from the config (`[operators.X] recharge_url`), else from
//! what topup knows (`carrier::Carrier::recharge_page`); without either, no
//! order is written.

use std::ffi::{OsStr, OsString};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

use async_trait::async_trait;
use jiff::SignedDuration;

use super::{BalanceChannel, HandOff, Lookup, Offer, OfferTerms, PaymentChannel, PaymentOutcome, Prepared};
use crate::config::{Config, Line};
use crate::domain::timefmt::{show_duration, std_duration};
use crate::domain::{Baseline, Clp, Operator, Order, Plan};
use crate::{diag, t};

/// How often the balance is read again while a web payment is confirmed.
const CONFIRM_POLL: Duration = Duration::from_secs(10);

/// How long the browser's launcher may take to say whether it opened the
/// page; a browser still running then (one started in the foreground) is
/// left to the person.
const LAUNCH_WAIT: Duration = Duration::from_secs(5);

/// What goes wrong with a web payment before it is handed off.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Neither the config nor topup knows the operator's recharge page.
    #[error("{}", t!("web-no-page", operator = crate::carrier::carrier(*.0).display_name))]
    NoPage(Operator),
}

/// The person's browser, as this run starts it: `TOPUP_BROWSER` (a program
/// given the address as its one argument; the test seam), else `$BROWSER`,
/// else `xdg-open` (`open` on macOS).
#[derive(Debug, Clone)]
pub struct Browser {
    /// The program and its arguments; `%s` stands for the address, which
    /// is added at the end when no argument holds it.
    argv: Vec<OsString>,
}

impl Browser {
    pub fn from_env(topup_browser: Option<&OsStr>, browser: Option<&OsStr>) -> Browser {
        let non_empty = |v: Option<&OsStr>| v.filter(|v| !v.is_empty()).map(OsStr::to_os_string);
        if let Some(program) = non_empty(topup_browser) {
            return Browser { argv: vec![program] };
        }
        if let Some(value) = non_empty(browser) {
            // `$BROWSER` may list commands to try, `:`-separated, with `%s`
            // for the address: the first is used, split into words (no shell).
            let argv = match value.to_str() {
                Some(text) => text
                    .split(':')
                    .find(|c| !c.trim().is_empty())
                    .map(|c| c.split_whitespace().map(OsString::from).collect())
                    .unwrap_or_default(),
                None => vec![value],
            };
            if !argv.is_empty() {
                return Browser { argv };
            }
        }
        let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        Browser {
            argv: vec![opener.into()],
        }
    }

    /// The program, for messages.
    pub fn program(&self) -> String {
        self.argv
            .first()
            .map_or_else(String::new, |p| p.to_string_lossy().into_owned())
    }

    fn command(&self, url: &str) -> Command {
        let mut args: Vec<OsString> = self.argv.iter().skip(1).cloned().collect();
        let mut placed = false;
        for arg in &mut args {
            if let Some(text) = arg.to_str().filter(|t| t.contains("%s")) {
                *arg = text.replace("%s", url).into();
                placed = true;
            }
        }
        if !placed {
            args.push(url.into());
        }
        let mut cmd = Command::new(
            self.argv
                .first()
                .map_or_else(|| OsString::from("xdg-open"), Clone::clone),
        );
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group: a Ctrl-C at topup's question is not the
        // browser's.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        cmd
    }

    /// Opens `url`. An error only says the page could not be opened: the
    /// person can open it by hand, so it never decides a payment.
    pub async fn open(&self, url: &str) -> Result<(), OpenError> {
        let program = self.program();
        let mut child = self.command(url).spawn().map_err(|e| OpenError::Start {
            program: program.clone(),
            why: e.to_string(),
        })?;
        let deadline = tokio::time::Instant::now() + LAUNCH_WAIT;
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(OpenError::Failed { program, status }),
                // Still running: a browser started in the foreground. It is
                // the person's now.
                Ok(None) if tokio::time::Instant::now() >= deadline => return Ok(()),
                Ok(None) => tokio::time::sleep(Duration::from_millis(50)).await,
                Err(e) => {
                    return Err(OpenError::Start {
                        program,
                        why: e.to_string(),
                    });
                }
            }
        }
    }
}

/// Why the browser did not open the page.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{}", t!("web-open-start", program = .program.as_str(), why = .why.as_str()))]
    Start { program: String, why: String },
    #[error("{}", t!("web-open-failed", program = .program.as_str(), status = .status.to_string()))]
    Failed { program: String, status: ExitStatus },
}

/// A line's balance channel, when it reads the line itself (a modem);
/// `None` when nothing can read it (the registry decides).
pub type Reader<'a> = Box<dyn Fn(&Line) -> anyhow::Result<Option<Box<dyn BalanceChannel + 'a>>> + 'a>;

/// Payments on the operator's recharge page.
pub struct WebChannel<'a> {
    pub config: &'a Config,
    pub browser: &'a Browser,
    /// What reads a line's balance to confirm a payment, if anything can.
    pub reader: Reader<'a>,
}

impl WebChannel<'_> {
    /// The operator's recharge page; exit 2 naming the key when unknown.
    fn page_known(&self, operator: Operator) -> Result<crate::carrier::PageChoice<'_>, WebError> {
        self.config.recharge_page(operator).ok_or(WebError::NoPage(operator))
    }
}

#[async_trait(?Send)]
impl PaymentChannel for WebChannel<'_> {
    /// The user's plans for the operator (`[[operators.X.plan]]`): what
    /// they buy on the page. Free sums come from `offer_for_amount`.
    async fn offers(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        Ok(self
            .config
            .plans(operator)
            .map(|plan| Offer {
                plan,
                terms: OfferTerms::Web,
            })
            .collect())
    }

    /// A listed plan, once the operator's page is known: a renewal (or its
    /// dry run) that could not be handed off stops here, at exit 2.
    async fn offer_by_id(
        &self,
        listed: &[Offer],
        _line: &Line,
        operator: Operator,
        id: &crate::domain::PlanId,
    ) -> anyhow::Result<Option<Offer>> {
        self.page_known(operator)?;
        Ok(listed.iter().find(|o| &o.plan.id == id).cloned())
    }

    /// A recarga of any sum: the operator's page takes what the person pays.
    async fn offer_for_amount(&self, _line: &Line, operator: Operator, amount: Clp) -> anyhow::Result<Option<Offer>> {
        self.page_known(operator)?;
        Ok(Some(Offer {
            plan: Plan::for_amount(operator, amount, None, None),
            terms: OfferTerms::Web,
        }))
    }

    /// The page must be known; on a line whose balance can be read, the
    /// reading is the baseline the payment is recognised against. A
    /// reading that fails leaves the person to say.
    async fn prepare(&self, line: &Line, offer: &Offer) -> anyhow::Result<Prepared> {
        let page = self.page_known(offer.plan.operator)?;
        let baseline = match (self.reader)(line)? {
            Some(reader) => match reader.read(line).await {
                Ok(reading) => Some(Baseline::of(&reading.status)),
                Err(e) => {
                    let problem = crate::error::classify(&e).message;
                    diag::warn(t!("web-unread", line = line.name.as_str(), problem = problem));
                    None
                }
            },
            None => None,
        };
        Ok(Prepared {
            hand_off: Some(HandOff {
                url: page.url().to_string(),
                unverified: page.unverified(),
                // A simulated line's rehearsal shows the page, never opens it.
                open: !super::registry::simulated(line),
                watch_balance: baseline.is_some(),
            }),
            baseline,
        })
    }

    /// Opens the page (unless the caller said not to), then confirms by
    /// reading the balance until it shows the payment or `wait` runs out;
    /// on a line nothing reads, only the person can say.
    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        prepared: &Prepared,
        _order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome {
        let Some(hand_off) = &prepared.hand_off else {
            return PaymentOutcome::not_sent(anyhow::anyhow!("internal: a web payment that was not prepared"));
        };
        if hand_off.open {
            match self.browser.open(&hand_off.url).await {
                Ok(()) => diag::note(format!("opened {} with {}", hand_off.url, self.browser.program())),
                Err(e) => diag::warn(t!("web-not-opened", problem = e.to_string())),
            }
        }
        let payer_knows = || PaymentOutcome::AskPayer {
            reason: "only the person who paid can tell: nothing topup reads shows this line's balance".into(),
        };
        let (Some(baseline), true) = (&prepared.baseline, hand_off.watch_balance) else {
            return payer_knows();
        };
        let reader = match (self.reader)(line) {
            Ok(Some(reader)) => reader,
            _ => return payer_knows(),
        };
        let deadline = std::time::Instant::now() + std_duration(wait);
        loop {
            match reader.read(line).await {
                Ok(r) if baseline.shows_payment(&r.status, offer.plan.price) => {
                    return PaymentOutcome::Confirmed { gateway_ref: None };
                }
                Ok(_) => diag::note("the balance does not show the payment yet"),
                Err(e) => diag::note(format!("re-reading the balance failed: {e:#}")),
            }
            if std::time::Instant::now() + CONFIRM_POLL > deadline {
                return PaymentOutcome::Unknown {
                    reason: format!(
                        "the balance showed no sign of the payment within {} of opening the recharge page",
                        show_duration(wait)
                    ),
                };
            }
            tokio::time::sleep(CONFIRM_POLL).await;
        }
    }

    /// Reads the balance again and compares it with the baseline kept with
    /// the order; without one (nothing read the line), only the person can
    /// tell. The line is found by its number, as for saldo purchases.
    async fn lookup(&self, order: &Order, line: Option<&Line>, baseline: Option<&Baseline>) -> anyhow::Result<Lookup> {
        let payer_knows = || Lookup::PayerKnows {
            note: t!("note-payer-knows"),
        };
        let (Some(line), Some(baseline)) = (line, baseline) else {
            return Ok(payer_knows());
        };
        let Some(reader) = (self.reader)(line)? else {
            return Ok(payer_knows());
        };
        let now = reader.read(line).await?;
        Ok(if baseline.shows_payment(&now.status, order.amount) {
            Lookup::Confirmed { gateway_ref: None }
        } else {
            Lookup::NoSign {
                note: t!("note-balance-no-sign"),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(b: &Browser, url: &str) -> Vec<String> {
        let cmd = b.command(url);
        std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn which_browser_opens_the_page() {
        let url = "https://example.cl/recarga";
        let os = |s: &'static str| Some(OsStr::new(s));
        let default = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        let app = format!("--app={url}");
        let table: [(Option<&OsStr>, Option<&OsStr>, Vec<&str>); 7] = [
            (None, None, vec![default, url]),
            (os(""), os(""), vec![default, url]),
            // The test seam is one program, whatever its name holds.
            (os("/tmp/fake browser"), os("firefox"), vec!["/tmp/fake browser", url]),
            (None, os("firefox"), vec!["firefox", url]),
            (None, os("firefox --new-window"), vec!["firefox", "--new-window", url]),
            (None, os("w3m:lynx"), vec!["w3m", url]),
            (None, os("chromium --app=%s"), vec!["chromium", app.as_str()]),
        ];
        for (seam, browser, expected) in table {
            let b = Browser::from_env(seam, browser);
            assert_eq!(argv(&b, url), expected, "{seam:?} {browser:?}");
        }
    }
}
