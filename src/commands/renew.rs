//! `topup renew [LINE] [--plan ID] [--pay METHOD] [--yes] [--dry-run]`:
//! check → choose → double-check → pay → confirm → receipt.
//!
//! In a terminal, missing choices are asked for (the guided wizard). Without
//! one (or with `--no-input`) nothing is asked: a missing choice exits 8
//! naming the flag, and paying needs `--yes`. Arguments that were given are
//! checked first, so a wrong plan id is exit 2 even without `--yes`.

use std::cell::RefCell;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Select};
use serde::Serialize;

use crate::app::App;
use crate::channel::{HandOff, Offer, registry};
use crate::cli::RenewArgs;
use crate::config::Line;
use crate::domain::{
    AccountCost, Clp, LineStatus, Msisdn, Operator, Order, OrderStatus, PayMethod, Plan, PlanId, StatusSource, timefmt,
};
use crate::error::{ErrorKind, TopupError};
use crate::output::{Output, money, or_dash, show_time};
use crate::t;
use crate::{diag, flow, lock};

pub async fn run(app: &App, args: RenewArgs) -> anyhow::Result<()> {
    let interactive = app.out.interactive && !app.out.json;

    // 1. The line.
    let line = match &args.line {
        Some(arg) => app.resolve_line(arg)?,
        None if app.config.lines.is_empty() => return Err(super::no_lines(app)),
        None if interactive => choose_line(&app.out, &app.config.lines)?,
        None => {
            return Err(needs(t!("renew-needs-line"), t!("hint-renew-needs-line")));
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
            return Err(needs(t!("renew-needs-pay"), t!("hint-renew-needs-pay")));
        }
    };
    registry::check(&line, pay)?;

    // 4. The plan (or the sum), resolved once into what paying it takes.
    let offer = match (&args.plan, args.amount) {
        (Some(id), _) => flow::resolve_offer(app, &line, operator, pay, id).await?,
        (None, Some(amount)) => flow::amount_offer(app, &line, operator, pay, amount).await?,
        (None, None) if interactive => choose_plan(&app.out, flow::offers(app, &line, operator, pay).await?)?,
        (None, None) => {
            return Err(needs(
                t!("renew-needs-plan"),
                t!("hint-renew-needs-plan", line = line.name.as_str()),
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
            return Err(needs(t!("renew-needs-yes"), t!("hint-renew-needs-yes")));
        }
        // Said on the terminal, before the question, even when stdout is piped.
        for text in summary(&app.out, &WouldPay::of(&line, operator, &offer), sandbox) {
            app.out.say(text);
        }
        let go = answer(
            Confirm::with_theme(&ColorfulTheme::default())
                .with_prompt(t!(
                    "confirm-pay",
                    price = money(plan.price),
                    plan = plan.id.to_string(),
                    line = line.name.as_str()
                ))
                .default(false)
                .report(false)
                .interact_opt(),
        )?;
        if !go {
            app.out.line(t!("nothing-paid"));
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
    let person = Person {
        app,
        line: &line,
        plan: plan.name.as_str(),
        interactive,
        sandbox_line: app.uses_sandbox([&line]),
        spinner: RefCell::new(spinner(
            app,
            &t!("paying", price = money(plan.price), line = line.name.as_str()),
        )),
        page: RefCell::new(None),
    };
    let request = flow::RenewRequest {
        line: &line,
        offer: &offer,
        wait_confirm: args.wait_confirm,
        payer: Some(&person),
        open_page: !args.no_open,
    };
    let renewed = flow::renew(app, &lock, request).await;
    person.stop_spinner();
    let renewed = renewed?;
    let order = renewed.order;

    // 7. Confirm by reading the line again, 8. receipt.
    let after = match order.status {
        OrderStatus::Confirmed => read_by_the_line(app, &line).await,
        _ => None,
    };
    let paid = Paid {
        order: &order,
        recharge_url: person.page.take(),
        short_id: app.ledger()?.short_id(order.id)?,
        plan_name: &plan.name,
        before: before.as_ref(),
        after: after.as_ref(),
        explained_below: renewed.problem.is_some(),
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
    let short_id = app.ledger()?.short_id(order.id)?;
    let report = AlreadyRenewed {
        already_renewed: true,
        order,
    };
    app.out.print(sandbox, &report, |r, out| {
        let o = r.order;
        out.line(t!(
            "already-renewed",
            line = o.line.as_str(),
            order = short_id.as_str(),
            plan = o.plan_id.to_string(),
            amount = money(o.amount),
            status = out.status_text(o.status),
            ago = ago.as_str()
        ));
        out.line(t!("already-renewed-hint"));
    })
}

fn needs(what: String, how: String) -> anyhow::Error {
    TopupError::input_needed(t!("renew-needs", what = what))
        .hint(how)
        .into()
}

/// A prompt's answer. Esc and Ctrl-C cancel with one line, on a line of
/// its own, and the cursor dialoguer hid shown again.
fn answer<T>(asked: dialoguer::Result<Option<T>>) -> anyhow::Result<T> {
    let term = dialoguer::console::Term::stderr();
    let failed = match asked {
        Ok(Some(value)) => return Ok(value),
        // Esc: the prompt cleared itself.
        Ok(None) => None,
        // Ctrl-C: the cursor is still on the prompt.
        Err(dialoguer::Error::IO(io)) if io.kind() == std::io::ErrorKind::Interrupted => {
            let _ = term.write_line("");
            None
        }
        Err(other) => Some(other),
    };
    let _ = term.show_cursor();
    Err(match failed {
        None => TopupError::new(ErrorKind::Interrupted, t!("cancelled")),
        Some(e) => TopupError::input_needed(t!("prompt-failed", problem = e.to_string())).hint(t!("hint-renew-prompt")),
    }
    .into())
}

/// `renew`'s report once paid: the order (`{"order": ORDER}`), and for the
/// receipt the line before and after.
#[derive(Serialize)]
struct Paid<'a> {
    order: &'a Order,
    /// The page a web payment was handed off to.
    #[serde(skip_serializing_if = "Option::is_none")]
    recharge_url: Option<String>,
    #[serde(skip)]
    short_id: String,
    #[serde(skip)]
    plan_name: &'a str,
    #[serde(skip)]
    before: Option<&'a LineStatus>,
    #[serde(skip)]
    after: Option<&'a LineStatus>,
    /// An error line follows the receipt (in the reader's language), so the
    /// ledger's own words for it (English) are not shown too.
    #[serde(skip)]
    explained_below: bool,
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
        diag::warn(t!("warn-unsettled", line = line.name.as_str(), n = unsettled));
    }
    let refusal = exceeded.map(|e| TopupError::cap_reached(e.to_string()));
    let report = DryRun {
        dry_run: true,
        would_pay: WouldPay::of(line, operator, offer),
        refused: refusal.as_ref().map(|r| r.message.as_str()),
    };
    app.out.print(sandbox, &report, |r, out| {
        for text in summary(out, &r.would_pay, sandbox) {
            out.line(text);
        }
        out.line(t!("dry-run-nothing"));
    })?;
    // A payment a cap would refuse is refused here too (exit 6).
    refusal.map_or(Ok(()), |r| Err(r.into()))
}

/// The payment to double-check, line by line.
fn summary(out: &Output, w: &WouldPay, sandbox: bool) -> Vec<String> {
    let simulated = if sandbox && w.pay == PayMethod::Sandbox {
        format!(" {}", t!("sandbox-no-money"))
    } else {
        String::new()
    };
    let mut lines = vec![
        out.paint(&t!("check-before-paying"), anstyle::Style::new().bold()),
        field("field-line", format!("{} ({})", w.line, w.msisdn.pretty())),
        field("field-operator", crate::carrier::carrier(w.operator).display_name),
        field("field-plan", format!("{} [{}]", w.plan_name, w.plan_id)),
        field("field-data", or_dash(w.plan.data)),
        field("field-days", or_dash(w.validity_days)),
    ];
    lines.extend(w.plan.promo.as_ref().map(|promo| field("field-promo", promo)));
    lines.push(field("field-price", money(w.amount_clp)));
    lines.extend(w.account_cost.map(|cost| {
        let charged = t!("charged-account", cost = cost.to_string(), gateway = w.pay.to_string());
        field("field-charged", charged)
    }));
    lines.push(field("field-pay-with", format!("{}{simulated}", w.pay)));
    lines
}

/// The labels of the summary and the receipt, in the reader's language.
const FIELDS: [&str; 20] = [
    "field-line",
    "field-operator",
    "field-plan",
    "field-data",
    "field-days",
    "field-promo",
    "field-price",
    "field-charged",
    "field-pay-with",
    "field-order",
    "field-status",
    "field-amount",
    "field-paid-with",
    "field-reference",
    "field-time",
    "field-problem",
    "field-before",
    "field-now",
    "field-page",
    "field-ends",
];

/// `  label     value`, the labels padded to the longest in the reader's
/// language (as a terminal measures it).
pub(crate) fn field(id: &str, value: impl std::fmt::Display) -> String {
    use unicode_width::UnicodeWidthStr;
    static WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let width = *WIDTH.get_or_init(|| {
        FIELDS
            .iter()
            .map(|f| crate::i18n::text(f, None).width())
            .max()
            .unwrap_or(0)
    });
    let label = if id.is_empty() {
        String::new()
    } else {
        crate::i18n::text(id, None)
    };
    format!("  {} {value}", crate::output::pad(&label, width))
}

async fn show_current(app: &App, line: &Line) -> Option<LineStatus> {
    match flow::read_status(app, line).await.map(|r| r.status) {
        Ok(s) => {
            let (balance, ends) = status_text(&s);
            app.out.say(format!(
                "{}\n  {ends}",
                t!("line-now", line = line.name.as_str(), balance = balance)
            ));
            Some(s)
        }
        Err(e) => {
            diag::warn(t!(
                "warn-could-not-read",
                line = line.name.as_str(),
                problem = crate::error::classify(&e).message
            ));
            None
        }
    }
}

/// A line's status as two short lines: its balance, and when its plan ends.
fn status_text(s: &LineStatus) -> (String, String) {
    let data = if s.data_unlimited() {
        t!("unlimited")
    } else {
        s.data_bytes()
            .map_or_else(|| t!("unknown-value"), |b| crate::domain::DataAmount(b).to_string())
    };
    let saldo = match (s.saldo, s.bonus_saldo) {
        (Some(a), Some(b)) => t!("saldo-with-bonus", saldo = money(a), bonus = money(b)),
        (a, _) => a.map_or_else(|| t!("dash"), money),
    };
    let ends = s.expires_at.map_or_else(|| t!("unknown-value"), show_time);
    (
        t!("status-balance", saldo = saldo, data = data),
        t!("status-ends", ends = ends),
    )
}

/// The wizard's choice among `items`, the first offered first; a single
/// item is taken without asking, and said. At most as many rows as the
/// terminal has room for are shown at once.
fn pick<T: std::fmt::Display>(
    out: &Output,
    prompt: &str,
    items: &[T],
    label: impl Fn(usize) -> String,
) -> anyhow::Result<usize> {
    if items.len() == 1 {
        out.say(t!("only-choice", prompt = prompt, choice = label(0)));
        return Ok(0);
    }
    let rows = usize::from(dialoguer::console::Term::stderr().size().0);
    let i = answer(
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .max_length(rows.saturating_sub(8).max(3))
            .report(false)
            .interact_opt(),
    )?;
    // The choice by its short name: a whole row would wrap.
    out.say(t!("chosen", prompt = prompt, choice = label(i)));
    Ok(i)
}

/// The width menu items may take: the terminal's, less the selection mark.
fn menu_width() -> usize {
    usize::from(dialoguer::console::Term::stderr().size().1).saturating_sub(4)
}

fn choose_line(out: &Output, lines: &[Line]) -> anyhow::Result<Line> {
    if lines.is_empty() {
        return Err(TopupError::usage(t!("renew-no-lines"))
            .hint(t!("hint-renew-no-lines"))
            .into());
    }
    let mut table = out.table(&[("Line", 0), ("Number", 1), ("Operator", 2)]);
    for l in lines {
        table.add_row(vec![
            l.name.as_str().into(),
            l.msisdn.pretty().into(),
            or_dash(l.operator).into(),
        ]);
    }
    let name = |i: usize| lines.get(i).map(|l| l.name.clone()).unwrap_or_default();
    let i = pick(out, &t!("ask-line"), &table.row_lines(menu_width()), name)?;
    lines.get(i).cloned().ok_or_else(|| anyhow::anyhow!("no line chosen"))
}

fn choose_pay(app: &App, line: &Line) -> anyhow::Result<PayMethod> {
    let methods = registry::usable(app, line);
    if methods.is_empty() {
        return Err(TopupError::usage(t!("renew-no-way-to-pay", line = line.name.as_str()))
            .hint(t!("hint-renew-no-way-to-pay"))
            .into());
    }
    let i = pick(&app.out, &t!("ask-pay"), &methods, |i| or_dash(methods.get(i)))?;
    methods
        .get(i)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("no payment method chosen"))
}

/// Plans by price, one aligned row each that fits the terminal; a
/// promotion is marked ★ (the summary shows it).
fn choose_plan(out: &Output, mut offers: Vec<Offer>) -> anyhow::Result<Offer> {
    if offers.is_empty() {
        return Err(TopupError::usage(t!("renew-no-plans"))
            .hint(t!("hint-renew-no-plans"))
            .into());
    }
    offers.sort_by(|a, b| crate::domain::plan::compare_plans(&a.plan, &b.plan, crate::domain::plan::PlanSort::Price));
    let mut table = out.table(&[
        ("Price", 0),
        ("Data", 0),
        ("Days", 0),
        ("Name", 0),
        ("Per GB", 1),
        ("", 0),
    ]);
    for p in offers.iter().map(|o| &o.plan) {
        table.add_row(vec![
            p.price.to_string().into(),
            or_dash(p.data).into(),
            format!("{}d", or_dash(p.validity_days)).into(),
            p.name.as_str().into(),
            format!("{}/GB", or_dash(p.price_per_gb())).into(),
            if p.promo.is_some() { "★" } else { "" }.into(),
        ]);
    }
    let id = |i: usize| or_dash(offers.get(i).map(|o| &o.plan.id));
    let i = pick(out, &t!("ask-plan"), &table.row_lines(menu_width()), id)?;
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

/// The person renewing, for a payment handed off to them (`--pay web`):
/// told what to do once the order is written, and asked whether it went
/// through when nothing topup reads can show it. Everything is said on the
/// terminal (stderr), in the reader's language; with `--json` nothing is
/// (the page is in the document) and nothing is asked.
struct Person<'a> {
    app: &'a App,
    line: &'a Line,
    plan: &'a str,
    interactive: bool,
    /// A line whose number is the sandbox's (fictional): a rehearsal.
    sandbox_line: bool,
    spinner: RefCell<Option<indicatif::ProgressBar>>,
    /// The page handed off to, for the receipt and the JSON.
    page: RefCell<Option<String>>,
}

impl Person<'_> {
    fn stop_spinner(&self) {
        if let Some(s) = self.spinner.borrow_mut().take() {
            s.finish_and_clear();
        }
    }
}

impl flow::Payer for Person<'_> {
    fn hand_off(&self, order: &Order, to: &HandOff, wait: jiff::SignedDuration) {
        self.stop_spinner();
        *self.page.borrow_mut() = Some(to.url.clone());
        let out = &self.app.out;
        if out.json {
            return;
        }
        let id = self
            .app
            .ledger()
            .and_then(|l| Ok(l.short_id(order.id)?))
            .unwrap_or_else(|_| order.id.to_string());
        let operator = crate::carrier::carrier(order.operator).display_name;
        let wait = timefmt::show_duration(wait);
        let mut steps = vec![
            out.paint(
                &t!("web-steps-head", order = id.as_str(), operator = operator),
                anstyle::Style::new().bold(),
            ),
            t!(
                if to.open { "web-step-open" } else { "web-step-open-self" },
                url = to.url.as_str()
            ),
            t!(
                "web-step-pay",
                amount = money(order.amount),
                number = order.msisdn.pretty(),
                plan = format!("{} [{}]", self.plan, order.plan_id)
            ),
            match (to.watch_balance, self.interactive) {
                (true, _) => t!("web-step-watch", wait = wait.as_str()),
                (false, true) => t!("web-step-ask"),
                (false, false) => t!("web-step-settle", order = id.as_str()),
            },
        ];
        if to.unverified {
            steps.push(t!("web-unverified", operator = operator));
        }
        if self.sandbox_line {
            steps.push(t!("web-sandbox-line", line = self.line.name.as_str()));
        }
        // Steps are indented, their second lines under their text (`3. `).
        for (i, step) in steps.iter().enumerate() {
            out.say(if i == 0 {
                step.clone()
            } else {
                format!("  {}", step.replace('\n', "\n     "))
            });
        }
        if to.watch_balance {
            let waiting = t!("web-waiting", line = self.line.name.as_str(), wait = wait.as_str());
            *self.spinner.borrow_mut() = spinner(self.app, &waiting);
        }
    }

    fn outcome(&self, _order: &Order) -> flow::PayerAnswer {
        use flow::PayerAnswer::{NotPaid, NotSure, Paid};
        self.stop_spinner();
        if !self.interactive {
            return NotSure;
        }
        let answers = [
            (Paid, "web-answer-yes"),
            (NotPaid, "web-answer-no"),
            (NotSure, "web-answer-unsure"),
        ];
        let items: Vec<String> = answers.iter().map(|(_, id)| t!(id)).collect();
        // Enter alone is "not sure": a slip must not settle a payment.
        let asked = Select::with_theme(&ColorfulTheme::default())
            .with_prompt(t!("ask-web-paid"))
            .items(&items)
            .default(2)
            .report(false)
            .interact_opt();
        match answer(asked) {
            Ok(i) => {
                let said = answers.get(i).map_or(NotSure, |a| a.0);
                self.app.out.say(t!(
                    "chosen",
                    prompt = t!("ask-web-paid"),
                    choice = items[i.min(2)].as_str()
                ));
                said
            }
            Err(_) => NotSure,
        }
    }
}

/// The first lines of a receipt (`title`: `receipt`, `recorded`): the
/// order, its status, line and plan.
pub(crate) fn receipt_head(out: &Output, title: &str, short_id: &str, order: &Order, plan_name: &str) {
    out.line(out.paint(&t!(title), anstyle::Style::new().bold()));
    out.line(field("field-order", short_id));
    out.line(field("field-status", out.status_text(order.status)));
    out.line(field(
        "field-line",
        format!("{} ({})", order.line, order.msisdn.pretty()),
    ));
    out.line(field("field-plan", format!("{plan_name} [{}]", order.plan_id)));
}

fn receipt(paid: &Paid, out: &Output) {
    let order = paid.order;
    receipt_head(out, "receipt", &paid.short_id, order, paid.plan_name);
    out.line(field("field-amount", money(order.amount)));
    out.line(field("field-paid-with", order.paid_with()));
    if let Some(url) = &paid.recharge_url {
        out.line(field("field-page", url));
    }
    if let Some(r) = &order.gateway_ref {
        out.line(field("field-reference", r));
    }
    out.line(field("field-time", show_time(order.updated_at)));
    if let Some(e) = order.error.as_ref().filter(|_| !paid.explained_below) {
        out.line(field("field-problem", e));
    }
    if let Some(a) = paid.after {
        let (was, was_ends) = paid
            .before
            .map(status_text)
            .unwrap_or_else(|| (t!("unknown-value"), String::new()));
        let (now, now_ends) = status_text(a);
        for (label, text) in [
            ("field-before", was),
            ("", was_ends),
            ("field-now", now),
            ("", now_ends),
        ] {
            if !text.is_empty() {
                out.line(field(label, text));
            }
        }
    }
}
