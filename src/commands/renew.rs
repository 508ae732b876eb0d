//! `topup renew [LINE] [--plan ID] [--pay METHOD] [--yes] [--dry-run]`:
//! check → choose → double-check → pay → confirm → receipt.
//!
//! In a terminal, missing choices are asked for (the guided wizard). Without
//! one (or with `--no-input`) nothing is asked: a missing choice exits 8
//! naming the flag, and paying needs `--yes`. Arguments that were given are
//! checked first, so a wrong plan id is exit 2 even without `--yes`.

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Select};
use serde::Serialize;

use crate::app::App;
use crate::channel::{Offer, registry};
use crate::cli::RenewArgs;
use crate::config::Line;
use crate::domain::{
    AccountCost, Clp, LineStatus, Msisdn, Operator, Order, OrderStatus, PayMethod, Plan, PlanId, StatusSource, timefmt,
};
use crate::error::{ErrorKind, TopupError};
use crate::output::{Output, or_dash, show_time};
use crate::{diag, flow, lock};

pub async fn run(app: &App, args: RenewArgs) -> anyhow::Result<()> {
    let interactive = app.out.interactive && !app.out.json;

    // 1. The line.
    let line = match &args.line {
        Some(arg) => app.resolve_line(arg)?,
        None if app.config.lines.is_empty() => return Err(super::no_lines(app)),
        None if interactive => choose_line(app)?,
        None => {
            return Err(needs(
                "which line to renew",
                "pass it: topup renew LINE --plan ID --yes",
            ));
        }
    };
    if let Some(asked) = args.pay {
        registry::check(&line, asked)?;
    }
    let operator = flow::operator_of(app, &line).await?;
    let sandbox = app.uses_sandbox([&line]) || args.pay == Some(PayMethod::Sandbox);
    if sandbox {
        app.out.sandbox_banner();
    }

    // 2. In the wizard, the line's balance now.
    let mut before = None;
    if interactive && args.plan.is_none() {
        before = show_current(app, &line).await;
    }

    // 3. The payment method (which plans exist depends on it).
    // `--pay`, else the line's own.
    let pay = match args.pay.or(line.pay) {
        Some(p) => p,
        None if interactive => choose_pay(app, &line)?,
        None => {
            return Err(needs(
                "how to pay",
                "pass --pay sandbox|reloadly|saldo, or set pay for the line in the config",
            ));
        }
    };
    registry::check(&line, pay)?;

    // 4. The plan, resolved once into what paying it takes.
    let offer = match &args.plan {
        Some(id) => flow::resolve_offer(app, &line, operator, pay, id).await?,
        None if interactive => choose_plan(flow::offers(app, &line, operator, pay).await?)?,
        None => {
            return Err(needs(
                "which plan to buy",
                &format!("pass --plan ID (see `topup plans {}`)", line.name),
            ));
        }
    };
    let plan = &offer.plan;

    // 5. A retry of a renewal that went through pays nothing; then double-check.
    if let Some(earlier) = recent_renewal(app, &line, &plan.id, &args)? {
        return already_renewed(app, &earlier, sandbox);
    }
    if args.dry_run {
        return dry_run(app, &line, operator, &offer, sandbox);
    }
    if !args.yes {
        if !interactive {
            return Err(needs("confirmation to pay", "pass --yes to pay without a prompt"));
        }
        show_summary(&app.out, &WouldPay::of(&line, operator, &offer), sandbox);
        let go = Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(format!("Pay {} for {} on {}?", plan.price, plan.name, line.name))
            .default(false)
            .interact()
            .map_err(prompt_error)?;
        if !go {
            app.out.line("Nothing paid.");
            return Ok(());
        }
    }

    // 6. Pay, under the lock, after settling anything left unsettled.
    let wait_lock = args.wait_lock.map(crate::domain::timefmt::std_duration);
    let lock = lock::acquire(app.ensure_state_dir()?, wait_lock).await?;
    flow::settle_line(app, &lock, &line).await?;
    // Settling may have confirmed the order an earlier run left unknown.
    if let Some(earlier) = recent_renewal(app, &line, &plan.id, &args)? {
        return already_renewed(app, &earlier, sandbox);
    }
    if before.is_none() {
        before = read_by_the_line(app, &line).await;
    }
    let spinner = spinner(app, &format!("Paying {} for {}…", plan.price, line.name));
    let request = flow::RenewRequest {
        line: &line,
        offer: &offer,
        wait_confirm: args.wait_confirm,
    };
    let renewed = flow::renew(app, &lock, request).await;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let renewed = renewed?;
    let order = renewed.order;

    // 7. Confirm by reading the line again, 8. receipt.
    let after = match order.status {
        OrderStatus::Confirmed => read_by_the_line(app, &line).await,
        _ => None,
    };
    let paid = Paid {
        order: &order,
        plan_name: &plan.name,
        before: before.as_ref(),
        after: after.as_ref(),
    };
    app.out.print(sandbox, &paid, receipt)?;
    renewed.problem.map_or(Ok(()), |p| Err(p.into()))
}

/// The line's status for the receipt, when the line itself shows it: an
/// estimate from the ledger would only echo the order. A failed reading is
/// left out, not an error: the payment is what matters here.
async fn read_by_the_line(app: &App, line: &Line) -> Option<LineStatus> {
    let reading = flow::read_status(app, line).await.ok()?;
    (reading.status.source != StatusSource::Ledger).then_some(reading.status)
}

/// The line's order of this plan confirmed within `--again-after` (none
/// with `--again`): a script's retry after an unclear outcome, or a second
/// run, finds it and buys nothing.
fn recent_renewal(app: &App, line: &Line, plan: &PlanId, args: &RenewArgs) -> anyhow::Result<Option<Order>> {
    let Some(ledger) = app.existing_ledger()?.filter(|_| !args.again) else {
        return Ok(None);
    };
    let since = timefmt::plus(app.now(), -args.again_after);
    Ok(ledger
        .last_confirmed(&line.msisdn, plan)?
        .filter(|o| o.updated_at >= since))
}

/// `renew`'s report when the plan was already confirmed for the line within
/// `--again-after`: nothing is paid, the earlier order is the answer, exit 0.
#[derive(Serialize)]
struct AlreadyRenewed<'a> {
    already_renewed: bool,
    order: &'a Order,
}

fn already_renewed(app: &App, order: &Order, sandbox: bool) -> anyhow::Result<()> {
    let ago = timefmt::show_duration(app.now().duration_since(order.updated_at));
    let report = AlreadyRenewed {
        already_renewed: true,
        order,
    };
    app.out.print(sandbox, &report, |r, out| {
        let o = r.order;
        out.line(format!(
            "{} was renewed {ago} ago: order {} ({}, {}) is {}. Nothing was paid now.",
            o.line,
            o.id,
            o.plan_id,
            o.amount,
            out.status_cell(o.status)
        ));
        out.line("To buy the same plan once more, pass --again.");
    })
}

fn needs(what: &str, how: &str) -> anyhow::Error {
    TopupError::input_needed(format!(
        "topup needs {what} and cannot ask: no terminal (or --no-input)"
    ))
    .hint(how.to_string())
    .into()
}

fn prompt_error(e: dialoguer::Error) -> anyhow::Error {
    match e {
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            TopupError::new(ErrorKind::Interrupted, "interrupted; nothing was paid").into()
        }
        other => TopupError::input_needed(format!("the prompt failed: {other}"))
            .hint("pass the choices as flags")
            .into(),
    }
}

/// `renew`'s report once paid: the order (`{"order": ORDER}`), and for the
/// receipt the line before and after.
#[derive(Serialize)]
struct Paid<'a> {
    order: &'a Order,
    #[serde(skip)]
    plan_name: &'a str,
    #[serde(skip)]
    before: Option<&'a LineStatus>,
    #[serde(skip)]
    after: Option<&'a LineStatus>,
}

/// `renew --dry-run`'s report: exactly what would be paid, and the cap that
/// would refuse it.
#[derive(Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    would_pay: WouldPay<'a>,
    refused: Option<&'a str>,
}

/// A payment about to be made, as the summary to double-check shows it.
#[derive(Serialize)]
struct WouldPay<'a> {
    line: &'a str,
    msisdn: &'a Msisdn,
    operator: Operator,
    plan_id: &'a PlanId,
    plan_name: &'a str,
    data_bytes: Option<u64>,
    validity_days: Option<u32>,
    amount_clp: Clp,
    pay: PayMethod,
    account_cost: Option<&'a AccountCost>,
    #[serde(skip)]
    plan: &'a Plan,
}

impl<'a> WouldPay<'a> {
    fn of(line: &'a Line, operator: Operator, offer: &'a Offer) -> WouldPay<'a> {
        let plan = &offer.plan;
        WouldPay {
            line: &line.name,
            msisdn: &line.msisdn,
            operator,
            plan_id: &plan.id,
            plan_name: &plan.name,
            data_bytes: plan.data.map(|d| d.bytes()),
            validity_days: plan.validity_days,
            amount_clp: plan.price,
            pay: offer.method(),
            account_cost: plan.account_cost.as_ref(),
            plan,
        }
    }
}

fn dry_run(app: &App, line: &Line, operator: Operator, offer: &Offer, sandbox: bool) -> anyhow::Result<()> {
    let (exceeded, unsettled) = flow::dry_run_check(app, line, offer)?;
    if unsettled > 0 {
        diag::warn(format!(
            "{} has {unsettled} unsettled order(s); a real renew would reconcile them first",
            line.name
        ));
    }
    let refusal = exceeded.map(|e| TopupError::cap_reached(e.to_string()));
    let report = DryRun {
        dry_run: true,
        would_pay: WouldPay::of(line, operator, offer),
        refused: refusal.as_ref().map(|r| r.message.as_str()),
    };
    app.out.print(sandbox, &report, |r, out| {
        show_summary(out, &r.would_pay, sandbox);
        out.line("Dry run: nothing was paid and nothing was written.");
    })?;
    // A payment a cap would refuse is refused here too (exit 6).
    refusal.map_or(Ok(()), |r| Err(r.into()))
}

fn show_summary(out: &Output, w: &WouldPay, sandbox: bool) {
    let money = if sandbox && w.pay == PayMethod::Sandbox {
        " (sandbox: no money moves)"
    } else {
        ""
    };
    out.line(out.paint("Please check before paying:", anstyle::Style::new().bold()));
    out.line(format!("  line      {} ({})", w.line, w.msisdn.pretty()));
    out.line(format!(
        "  operator  {}",
        crate::carrier::carrier(w.operator).display_name
    ));
    out.line(format!("  plan      {} [{}]", w.plan_name, w.plan_id));
    out.line(format!("  data      {}", or_dash(w.plan.data)));
    out.line(format!("  days      {}", or_dash(w.validity_days)));
    if let Some(promo) = &w.plan.promo {
        out.line(format!("  promo     {promo}"));
    }
    out.line(format!("  price     {}", w.amount_clp));
    if let Some(cost) = w.account_cost {
        out.line(format!(
            "  charged   ≈ {cost} to your {} account (before its discount)",
            w.pay
        ));
    }
    out.line(format!("  pay with  {}{money}", w.pay));
}

async fn show_current(app: &App, line: &Line) -> Option<LineStatus> {
    match flow::read_status(app, line).await.map(|r| r.status) {
        Ok(s) => {
            app.out.line(format!("{} now: {}", line.name, status_text(&s)));
            Some(s)
        }
        Err(e) => {
            diag::warn(format!(
                "could not read {}: {}",
                line.name,
                crate::error::classify(&e).message
            ));
            None
        }
    }
}

fn status_text(s: &LineStatus) -> String {
    let data = if s.data_unlimited() {
        "unlimited".to_string()
    } else {
        s.data_bytes()
            .map_or_else(|| "unknown".into(), |b| crate::domain::DataAmount(b).to_string())
    };
    let bonus = s.bonus_saldo.map(|b| format!(" (+{b} bonus)")).unwrap_or_default();
    format!(
        "saldo {}{bonus}, data {data}, plan ends {}",
        or_dash(s.saldo),
        s.expires_at.map_or_else(|| "unknown".into(), show_time)
    )
}

/// The wizard's choice among `items`, the first offered first.
fn pick<T: std::fmt::Display>(prompt: &str, items: &[T]) -> anyhow::Result<usize> {
    Select::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact()
        .map_err(prompt_error)
}

fn choose_line(app: &App) -> anyhow::Result<Line> {
    let lines = &app.config.lines;
    if lines.is_empty() {
        return Err(TopupError::usage("no lines are configured")
            .hint("add one as [lines.NAME] (see config.example.toml)")
            .into());
    }
    let items: Vec<String> = lines
        .iter()
        .map(|l| format!("{:<16} {}  {}", l.name, l.msisdn.pretty(), or_dash(l.operator)))
        .collect();
    let i = pick("Which line?", &items)?;
    lines.get(i).cloned().ok_or_else(|| anyhow::anyhow!("no line chosen"))
}

fn choose_pay(app: &App, line: &Line) -> anyhow::Result<PayMethod> {
    let methods = registry::usable(app, line);
    if methods.is_empty() {
        return Err(TopupError::usage(format!("line {} has no way to pay here", line.name))
            .hint("configure [reloadly], or set pay for the line (see config.example.toml)")
            .into());
    }
    let i = pick("Pay with?", &methods)?;
    methods
        .get(i)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("no payment method chosen"))
}

fn choose_plan(mut offers: Vec<Offer>) -> anyhow::Result<Offer> {
    if offers.is_empty() {
        return Err(TopupError::usage("there are no plans to choose from")
            .hint("list your operator's plans under [[operators.X.plan]]")
            .into());
    }
    offers.sort_by(|a, b| crate::domain::plan::compare_plans(&a.plan, &b.plan, crate::domain::plan::PlanSort::Price));
    let items: Vec<String> = offers
        .iter()
        .map(|o| {
            let p = &o.plan;
            let promo = p.promo.as_deref().map(|t| format!("  ★ {t}")).unwrap_or_default();
            let item = format!(
                "{:<9} {:>8} {:>4}d  {:<34} {}/GB{promo}",
                p.price.to_string(),
                or_dash(p.data),
                or_dash(p.validity_days),
                p.name,
                or_dash(p.price_per_gb())
            );
            // Names and promotions come from the config and the gateway.
            crate::output::terminal_safe(&item).into_owned()
        })
        .collect();
    let i = pick("Which plan?", &items)?;
    if i < offers.len() {
        Ok(offers.swap_remove(i))
    } else {
        Err(anyhow::anyhow!("no plan chosen"))
    }
}

fn spinner(app: &App, message: &str) -> Option<indicatif::ProgressBar> {
    if app.out.json || app.out.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner().with_message(message.to_string());
    s.enable_steady_tick(std::time::Duration::from_millis(100));
    Some(s)
}

fn receipt(paid: &Paid, out: &Output) {
    let order = paid.order;
    out.line(out.paint("Receipt", anstyle::Style::new().bold()));
    out.line(format!("  order     {}", order.id));
    out.line(format!("  status    {}", out.status_cell(order.status)));
    out.line(format!("  line      {} ({})", order.line, order.msisdn.pretty()));
    out.line(format!("  plan      {} [{}]", paid.plan_name, order.plan_id));
    out.line(format!("  amount    {}", order.amount));
    out.line(format!("  paid with {}", order.pay));
    if let Some(r) = &order.gateway_ref {
        out.line(format!("  reference {r}"));
    }
    out.line(format!("  time      {}", show_time(order.updated_at)));
    if let Some(e) = &order.error {
        out.line(format!("  problem   {e}"));
    }
    if let Some(a) = paid.after {
        let was = paid.before.map(status_text).unwrap_or_else(|| "unknown".into());
        out.line(format!("  before    {was}"));
        out.line(format!("  now       {}", status_text(a)));
    }
}
