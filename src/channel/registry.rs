//! The one place that maps a line's config to its channels. Nothing else
//! matches on a payment or balance method; `super` says how to add a channel.

use super::estimate::LedgerEstimate;
use super::hilink::HilinkChannel;
use super::modem::ModemChannel;
use super::reloadly::ReloadlyChannel;
use super::sandbox::SandboxChannel;
use super::web::WebChannel;
use super::{BalanceChannel, PaymentChannel};
use crate::app::App;
use crate::config::{BalanceMethod, Line};
use crate::domain::PayMethod;
use crate::error::TopupError;

/// Where `line`'s readings come from.
pub fn balance<'a>(app: &'a App, line: &Line) -> anyhow::Result<Box<dyn BalanceChannel + 'a>> {
    Ok(match line.balance {
        BalanceMethod::Sandbox => Box::new(sandbox(app)),
        BalanceMethod::Modem => Box::new(modem(app)),
        BalanceMethod::Hilink => Box::new(hilink(app)),
        BalanceMethod::Ledger => Box::new(LedgerEstimate {
            ledger: app.existing_ledger()?,
            clock: app.clock,
        }),
    })
}

/// The channel that pays with `method` for `line` (saldo is spent over the
/// device that reads the line: its modem or its HiLink router; a line no
/// longer configured is the modem's to report). Whether a line may use it
/// is [`check`]'s business.
pub fn payment<'a>(
    app: &'a App,
    method: PayMethod,
    line: Option<&Line>,
) -> anyhow::Result<Box<dyn PaymentChannel + 'a>> {
    Ok(match (method, line.map(|l| l.balance)) {
        (PayMethod::Sandbox, _) => Box::new(sandbox(app)),
        (PayMethod::Reloadly, _) => Box::new(ReloadlyChannel {
            client: app.reloadly()?,
            clock: app.clock,
        }),
        (PayMethod::Saldo, Some(BalanceMethod::Hilink)) => Box::new(hilink(app)),
        (PayMethod::Saldo, _) => Box::new(modem(app)),
        (PayMethod::Web, _) => Box::new(WebChannel {
            config: &app.config,
            browser: &app.browser,
            reader: Box::new(move |line: &Line| {
                Ok(if reads_the_line(line) {
                    Some(balance(app, line)?)
                } else {
                    None
                })
            }),
        }),
        // Recorded purchases were paid elsewhere: nothing pays or looks
        // them up (they are confirmed when written).
        (PayMethod::Record, _) => return Err(TopupError::usage(crate::t!("pay-record-not-a-method")).into()),
    })
}

/// Whether `line` reads or pays through the sandbox: its number is
/// fictional, maybe someone's real one, so no real page is opened for it.
pub fn simulated(line: &Line) -> bool {
    line.balance == BalanceMethod::Sandbox || line.pay == Some(PayMethod::Sandbox)
}

/// Whether `line`'s balance comes from the line itself (a modem or a HiLink
/// router), so that a payment made elsewhere shows in it. A simulated
/// reading never shows a real payment, and an estimate from the ledger only
/// echoes the orders.
pub fn reads_the_line(line: &Line) -> bool {
    line.balance.reads_sim()
}

fn sandbox(app: &App) -> SandboxChannel<'_> {
    SandboxChannel {
        state: Box::new(|| app.sandbox()),
        config: &app.config,
        clock: app.clock,
    }
}

fn modem(app: &App) -> ModemChannel<'_> {
    ModemChannel {
        mmcli: &app.mmcli,
        turns: &app.modem_turns,
        state_dir: &app.state_dir,
        config: &app.config,
        clock: app.clock,
    }
}

fn hilink(app: &App) -> HilinkChannel<'_> {
    HilinkChannel {
        turns: &app.modem_turns,
        state_dir: &app.state_dir,
        config: &app.config,
        clock: app.clock,
        password_env: app.hilink_password_env.as_deref(),
    }
}

/// Why a line may not pay with a method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayNotAllowed {
    #[error("{}", crate::t!("pay-saldo-needs-modem"))]
    SaldoNeedsModem,
    #[error("{}", crate::t!("pay-sandbox-on-modem"))]
    SandboxOnModem,
    #[error("{}", crate::t!("pay-sandbox-on-real-line", pay = .0.to_string()))]
    SandboxOnRealLine(PayMethod),
    #[error("{}", crate::t!("pay-sandbox-not-chosen"))]
    SandboxNotChosen,
    #[error("{}", crate::t!("pay-real-on-simulated"))]
    RealOnSimulated,
    #[error("{}", crate::t!("pay-record-not-a-method"))]
    RecordNotPaid,
}

/// Whether a line whose balance comes from `balance`, and whose own payment
/// method is `line_pay`, may pay with `pay` (its own, `--pay` or its auto
/// policy's). Simulated payments stay off real lines: they would put
/// fictional plans into the line's real history, caps and estimates, and a
/// modem would never show them. And the reverse: simulated readings never
/// decide a real payment. A payment on the operator's page (`web`) suits
/// any line: the person decides it, not a reading (on a simulated line it
/// is a rehearsal: the number is fictional).
pub fn check_pay(balance: BalanceMethod, line_pay: Option<PayMethod>, pay: PayMethod) -> Result<(), PayNotAllowed> {
    match (pay, line_pay) {
        (PayMethod::Record, _) => Err(PayNotAllowed::RecordNotPaid),
        (PayMethod::Saldo, _) if !balance.reads_sim() => Err(PayNotAllowed::SaldoNeedsModem),
        (PayMethod::Reloadly, _) if balance == BalanceMethod::Sandbox => Err(PayNotAllowed::RealOnSimulated),
        (PayMethod::Sandbox, _) if balance.reads_sim() => Err(PayNotAllowed::SandboxOnModem),
        (PayMethod::Sandbox, Some(real @ (PayMethod::Reloadly | PayMethod::Saldo | PayMethod::Web))) => {
            Err(PayNotAllowed::SandboxOnRealLine(real))
        }
        (PayMethod::Sandbox, None) if balance != BalanceMethod::Sandbox => Err(PayNotAllowed::SandboxNotChosen),
        _ => Ok(()),
    }
}

/// Whether `line` may pay with `pay` here; exit 2 if not.
pub fn check(line: &Line, pay: PayMethod) -> anyhow::Result<()> {
    check_pay(line.balance, line.pay, pay).map_err(|e| {
        TopupError::usage(crate::t!(
            "pay-not-allowed",
            line = line.name.as_str(),
            pay = pay.to_string(),
            why = e.to_string()
        ))
        .into()
    })
}

/// The payment methods `line` can use here, most real first: Reloadly when
/// configured, saldo on modem lines, the operator's page when topup knows
/// it (or the operator is the SIM's, not yet read), the sandbox on lines it
/// cannot mislead.
pub fn usable(app: &App, line: &Line) -> Vec<PayMethod> {
    let page_known = |line: &Line| line.operator.is_none_or(|op| app.config.recharge_page(op).is_some());
    [
        PayMethod::Reloadly,
        PayMethod::Saldo,
        PayMethod::Web,
        PayMethod::Sandbox,
    ]
    .into_iter()
    .filter(|&m| m != PayMethod::Reloadly || app.config.reloadly.is_some())
    .filter(|&m| m != PayMethod::Web || page_known(line))
    .filter(|&m| check(line, m).is_ok())
    .collect()
}

/// The payment method whose plans to list for `line`: its own, else the
/// first it can use; none when it has no way to pay.
pub fn listing_method(app: &App, line: &Line) -> Option<PayMethod> {
    line.pay.or_else(|| usable(app, line).first().copied())
}
