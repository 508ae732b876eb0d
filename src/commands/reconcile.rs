//! `topup reconcile [LINE]`: settle orders whose outcome is unknown by asking
//! their payment channel under the order's key. Never pays.
//! `--mark-confirmed ORDER` / `--mark-failed ORDER` settle one by hand, for
//! what no channel can tell (a saldo purchase the balance does not show).

use serde::Serialize;

use crate::app::App;
use crate::cli::ReconcileArgs;
use crate::domain::{OrderId, OrderStatus};
use crate::error::TopupError;
use crate::flow::{self, Settlement};
use crate::lock::{self, RunLock};
use crate::output::Output;

pub async fn run(app: &App, args: ReconcileArgs) -> anyhow::Result<()> {
    let line = args.line.as_deref().map(|arg| app.resolve_line(arg)).transpose()?;
    let by_hand = match (args.mark_confirmed, args.mark_failed) {
        (Some(id), _) => Some((id, OrderStatus::Confirmed)),
        (None, Some(id)) => Some((id, OrderStatus::Failed)),
        (None, None) => None,
    };
    let wait = args.wait_lock.map(crate::domain::timefmt::std_duration);
    let lock = lock::acquire(app.ensure_state_dir()?, wait).await?;
    let (settled, problem) = match by_hand {
        Some((id, to)) => (vec![settle_by_hand(app, &lock, id, to)?], None),
        None => flow::reconcile(app, &lock, line.as_ref()).await?,
    };
    let sandbox =
        app.uses_sandbox(line.iter()) || settled.iter().any(|s| s.order.pay == crate::domain::PayMethod::Sandbox);
    app.out.print(sandbox, &Report { orders: &settled }, render)?;
    problem.map_or(Ok(()), |p| Err(p.into()))
}

/// `reconcile`'s report: each order looked at, what it was and what it is.
#[derive(Serialize)]
struct Report<'a> {
    orders: &'a [Settlement],
}

fn render(report: &Report, out: &Output) {
    if report.orders.is_empty() {
        if !out.quiet {
            out.line("Nothing to reconcile: every order is settled.");
        }
        return;
    }
    let mut table = out.table(&["Order", "Line", "Plan", "Amount", "Was", "Now", "What happened"]);
    for s in report.orders {
        table.add_row(vec![
            s.order.id.to_string(),
            s.order.line.clone(),
            s.order.plan_id.to_string(),
            s.order.amount.to_string(),
            s.was.to_string(),
            s.order.status.to_string(),
            s.note.clone(),
        ]);
    }
    out.print_table(&table);
}

fn settle_by_hand(app: &App, _lock: &RunLock, id: OrderId, to: OrderStatus) -> anyhow::Result<Settlement> {
    let ledger = app.ledger()?;
    let order = ledger.get(id)?.ok_or_else(|| {
        TopupError::usage(format!("there is no order {id} in the ledger")).hint("see `topup history`")
    })?;
    let was = order.status;
    if !matches!(was, OrderStatus::Submitted | OrderStatus::Unknown) {
        return Err(TopupError::usage(format!(
            "order {id} is {was}; only an order whose outcome is unknown (or still submitted) can be settled by hand"
        ))
        .into());
    }
    let note = match to {
        OrderStatus::Confirmed => "settled by hand: paid",
        _ => "settled by hand: not paid",
    };
    let error = (to == OrderStatus::Failed).then_some(note);
    let order = ledger.transition(id, to, None, error, app.now())?;
    Ok(Settlement {
        order,
        was,
        note: note.to_string(),
    })
}
