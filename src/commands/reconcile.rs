//! `topup reconcile [LINE]`: settle orders whose outcome is unknown by asking
//! their payment channel under the order's key. Never pays.
//! `--mark-confirmed ORDER` / `--mark-failed ORDER` settle one by hand, for
//! what no channel can tell (a saldo purchase the balance does not show).

use serde::Serialize;

use crate::app::App;
use crate::cli::ReconcileArgs;
use crate::domain::OrderStatus;
use crate::domain::order::OrderPrefix;
use crate::error::TopupError;
use crate::flow::{self, Settlement};
use crate::lock::{self, RunLock};
use crate::output::{Output, status_cell};
use crate::t;

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
    let short_ids = match app.existing_ledger()? {
        Some(ledger) => settled
            .iter()
            .map(|s| ledger.short_id(s.order.id))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let report = Report {
        orders: &settled,
        short_ids,
    };
    app.out.print(sandbox, &report, render)?;
    problem.map_or(Ok(()), |p| Err(p.into()))
}

/// `reconcile`'s report: each order looked at, what it was and what it is.
#[derive(Serialize)]
struct Report<'a> {
    orders: &'a [Settlement],
    #[serde(skip)]
    short_ids: Vec<String>,
}

fn render(report: &Report, out: &Output) {
    if report.orders.is_empty() {
        if !out.quiet {
            out.line(t!("nothing-to-reconcile"));
        }
        return;
    }
    let mut table = out.table(&[
        (&t!("col-order"), 0),
        (&t!("col-line"), 0),
        (&t!("col-plan"), 2),
        (&t!("col-amount"), 1),
        (&t!("col-was"), 0),
        (&t!("col-now"), 0),
    ]);
    for (s, id) in report.orders.iter().zip(&report.short_ids) {
        table.add_row(vec![
            id.into(),
            s.order.line.as_str().into(),
            s.order.plan_id.to_string().into(),
            s.order.amount.to_string().into(),
            crate::output::status_word(s.was).into(),
            status_cell(s.order.status),
        ]);
    }
    out.print_table(&table);
    // What happened is free text: below the table, not in a cell.
    for (s, id) in report.orders.iter().zip(&report.short_ids) {
        out.line(format!("{id}: {}", s.note));
    }
}

fn settle_by_hand(app: &App, _lock: &RunLock, prefix: OrderPrefix, to: OrderStatus) -> anyhow::Result<Settlement> {
    let ledger = app.ledger()?;
    let id = match ledger.ids_starting_with(prefix.as_str())?[..] {
        [id] => id,
        [] => {
            return Err(TopupError::usage(t!("reconcile-no-order", order = prefix.as_str()))
                .hint(t!("hint-see-history"))
                .into());
        }
        _ => {
            return Err(TopupError::usage(t!("reconcile-ambiguous", prefix = prefix.as_str()))
                .hint(t!("hint-reconcile-ambiguous"))
                .into());
        }
    };
    let order = ledger.get(id)?.ok_or_else(|| {
        TopupError::usage(t!("reconcile-no-order", order = id.to_string())).hint(t!("hint-see-history"))
    })?;
    let was = order.status;
    if !matches!(was, OrderStatus::Submitted | OrderStatus::Unknown) {
        return Err(TopupError::usage(t!(
            "reconcile-not-unknown",
            order = id.to_string(),
            status = crate::output::status_word(was)
        ))
        .into());
    }
    let note = match to {
        OrderStatus::Confirmed => "settled by hand: paid",
        _ => "settled by hand: not paid",
    };
    let error = (to == OrderStatus::Failed).then_some(note);
    let order = ledger.transition(id, to, None, error, app.now())?;
    // The ledger keeps the English words; people read theirs.
    let note = match to {
        OrderStatus::Confirmed => crate::t!("note-by-hand-paid"),
        _ => crate::t!("note-by-hand-not-paid"),
    };
    Ok(Settlement {
        order,
        was,
        note,
        by_hand: false,
    })
}
