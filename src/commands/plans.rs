//! `topup plans [LINE] [--operator OP] [--sort …]`: compare plans.

use serde::Serialize;

use crate::app::App;
use crate::cli::PlansArgs;
use crate::config::{Config, Line};
use crate::domain::plan::sort_plans;
use crate::domain::{Clp, Operator, PayMethod, Plan};
use crate::error::TopupError;
use crate::flow;
use crate::output::{Output, or_dash};
use crate::t;

pub async fn run(app: &App, args: PlansArgs) -> anyhow::Result<()> {
    let parse = |o: &str| o.parse::<Operator>().map_err(TopupError::from);
    let operator_filter = args.operator.as_deref().map(parse).transpose()?;
    let mut plans: Vec<Plan> = Vec::new();
    let sandbox;
    if let Some(arg) = &args.line {
        let line = app.resolve_line(arg)?;
        let operator = flow::operator_of(app, &line).await?;
        if operator_filter.is_some_and(|o| o != operator) {
            return Err(TopupError::usage(t!(
                "plans-wrong-operator",
                line = line.name.as_str(),
                operator = operator.to_string(),
                asked = args.operator.as_deref().unwrap_or_default()
            ))
            .into());
        }
        let pay = crate::channel::registry::listing_method(app, &line).ok_or_else(|| no_way_to_pay(&line))?;
        sandbox = pay == PayMethod::Sandbox || app.config.is_builtin_sandbox();
        plans = flow::plans(app, &line, operator, pay).await?;
    } else {
        // The sandbox's catalogues (built-in sandbox, or --operator), then
        // each configured line's plans through its own payment channel.
        let mut sources: Vec<(Line, Operator, PayMethod)> = Vec::new();
        if app.config.is_builtin_sandbox() || app.config.lines.is_empty() || operator_filter.is_some() {
            for op in Operator::ALL
                .into_iter()
                .filter(|o| operator_filter.is_none_or(|f| f == *o))
            {
                // All of them on the built-in sandbox (its lines are the demo
                // lines); else those no configured line is on.
                if app.config.is_builtin_sandbox() || app.config.lines.iter().all(|l| l.operator != Some(op)) {
                    sources.push((demo_line(op)?, op, PayMethod::Sandbox));
                }
            }
        }
        for line in &app.config.lines {
            let Some(op) = line.operator.filter(|o| operator_filter.is_none_or(|f| f == *o)) else {
                continue;
            };
            match crate::channel::registry::listing_method(app, line) {
                Some(pay) => sources.push((line.clone(), op, pay)),
                None => crate::diag::warn(crate::error::classify(&no_way_to_pay(line)).message),
            }
        }
        sandbox = app.config.is_builtin_sandbox() || sources.iter().any(|(_, _, p)| *p == PayMethod::Sandbox);
        for (line, op, pay) in sources {
            for plan in flow::plans(app, &line, op, pay).await? {
                if !plans.iter().any(|p| p.id == plan.id) {
                    plans.push(plan);
                }
            }
        }
    }
    sort_plans(&mut plans, args.sort);
    let rows = plans.iter().map(|plan| PlanRow {
        plan,
        price_per_gb_clp: plan.price_per_gb(),
    });
    app.out.print(sandbox, &Report { plans: rows.collect() }, render)
}

fn no_way_to_pay(line: &Line) -> anyhow::Error {
    TopupError::usage(t!("plans-no-way-to-pay", line = line.name.as_str()))
        .hint(t!("hint-plans-no-way-to-pay"))
        .into()
}

/// `plans`' report (DESIGN.md).
#[derive(Serialize)]
struct Report<'a> {
    plans: Vec<PlanRow<'a>>,
}

/// A plan as it serializes itself, and its price per GB.
#[derive(Serialize)]
struct PlanRow<'a> {
    #[serde(flatten)]
    plan: &'a Plan,
    price_per_gb_clp: Option<Clp>,
}

fn render(report: &Report, out: &Output) {
    if report.plans.is_empty() {
        out.line(t!("no-plans"));
        return;
    }
    // A gateway's plans also say what they cost its account.
    let costs = report.plans.iter().any(|p| p.plan.account_cost.is_some());
    let mut columns = vec![
        (t!("col-plan-id"), 0),
        (t!("col-operator"), 3),
        (t!("col-name"), 2),
        (t!("col-data"), 0),
        (t!("col-days"), 0),
        (t!("col-price"), 0),
        (t!("col-per-gb"), 1),
    ];
    if costs {
        columns.push((t!("col-account-cost"), 1));
    }
    let mut table = out.table(&columns);
    for PlanRow {
        plan: p,
        price_per_gb_clp,
    } in &report.plans
    {
        // A promotion is marked here and told below the table.
        let star = if p.promo.is_some() { " ★" } else { "" };
        let mut row = vec![
            format!("{}{star}", p.id).into(),
            p.operator.to_string().into(),
            p.name.as_str().into(),
            or_dash(p.data).into(),
            or_dash(p.validity_days).into(),
            p.price.to_string().into(),
            or_dash(*price_per_gb_clp).into(),
        ];
        if costs {
            row.push(
                p.account_cost
                    .as_ref()
                    .map_or_else(|| "-".into(), |c| format!("≈ {c}"))
                    .into(),
            );
        }
        table.add_row(row);
    }
    out.print_table(&table);
    for p in &report.plans {
        if let Some(promo) = &p.plan.promo {
            out.line(t!("promotion", plan = p.plan.id.to_string(), promo = out.good(promo)));
        }
    }
}

/// The sandbox's demo line of an operator: it lists the operator's sandbox
/// catalogue when no line of that operator is configured (sandbox plans do
/// not depend on the line).
fn demo_line(op: Operator) -> anyhow::Result<Line> {
    let demo = Config::sandbox()?.lines.into_iter().find(|l| l.operator == Some(op));
    demo.ok_or_else(|| anyhow::anyhow!("internal: the sandbox has no demo line on {op}"))
}
