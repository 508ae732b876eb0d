//! `topup record LINE (--plan ID | --amount CLP [--data D] [--days N])
//! [--at DATE] [--via store|app|web|gift]`: write down a purchase made
//! elsewhere (a store, the operator's app, a gift), so that history,
//! monthly totals, caps and the ledger's estimate of the plan's end include
//! it. Nothing is paid and no channel is asked.

use serde::Serialize;

use crate::app::App;
use crate::cli::RecordArgs;
use crate::domain::{Order, Plan, timefmt};
use crate::error::TopupError;
use crate::flow::{self, RecordRequest};
use crate::output::{Output, money, or_dash, show_time};
use crate::t;

use super::renew::{field, receipt_head};

pub async fn run(app: &App, args: RecordArgs) -> anyhow::Result<()> {
    let line = app.resolve_line(&args.line)?;
    let operator = flow::operator_of(app, &line).await?;
    let plan = match (&args.plan, args.amount) {
        (Some(id), _) => flow::known_plan(app, &line, operator, id).await?,
        (None, Some(amount)) => Plan::for_amount(operator, amount, args.data, args.days),
        // clap requires one of them.
        (None, None) => return Err(TopupError::usage(t!("record-needs-plan")).into()),
    };
    let at = args.at.unwrap_or_else(|| app.now());
    let lock = crate::lock::acquire(app.ensure_state_dir()?, None).await?;
    let request = RecordRequest {
        line: &line,
        plan: &plan,
        via: args.via,
        at,
    };
    let (order, over) = flow::record(app, &lock, request).await?;
    if let Some(cap) = over {
        crate::diag::warn(t!(
            "record-over-cap",
            scope = cap.scope.as_str(),
            spent = cap.spent.to_string(),
            price = cap.price.to_string(),
            cap = cap.cap.to_string(),
            month = cap.month.as_str()
        ));
    }
    let report = Recorded {
        order: &order,
        short_id: app.ledger()?.short_id(order.id)?,
        plan: &plan,
    };
    app.out.print(app.uses_sandbox([&line]), &report, render)
}

/// `record`'s report: the order written (`{"order": ORDER}`).
#[derive(Serialize)]
struct Recorded<'a> {
    order: &'a Order,
    #[serde(skip)]
    short_id: String,
    #[serde(skip)]
    plan: &'a Plan,
}

fn render(r: &Recorded, out: &Output) {
    let (order, plan) = (r.order, r.plan);
    receipt_head(out, "recorded", &r.short_id, order, &plan.name);
    if plan.data.is_some() {
        out.line(field("field-data", or_dash(plan.data)));
    }
    if let Some(days) = plan.validity_days {
        out.line(field("field-days", days));
    }
    out.line(field("field-amount", money(order.amount)));
    out.line(field("field-paid-with", order.paid_with()));
    out.line(field("field-time", show_time(order.created_at)));
    // When the plan ends, as the ledger's estimate will say (its days from
    // the purchase, in Chile's calendar).
    let ends = plan.validity_days.and_then(|days| {
        let start = timefmt::in_santiago(order.created_at);
        start.checked_add(jiff::Span::new().days(i64::from(days))).ok()
    });
    if let Some(ends) = ends {
        let when = show_time(ends.timestamp());
        out.line(field("field-ends", t!("record-ends", when = when)));
    }
}
