//! `topup plans [LINE] [--operator OP] [--sort …] [--promos]`: compare
//! plans, or list the promotions the same channels run now.

use serde::Serialize;

use crate::app::App;
use crate::cli::PlansArgs;
use crate::config::{Config, Line};
use crate::domain::plan::sort_plans;
use crate::domain::promotion::sort_promotions;
use crate::domain::{Clp, Operator, PayMethod, Plan, Promotion};
use crate::error::TopupError;
use crate::flow;
use crate::output::{Output, or_dash};
use crate::t;

pub async fn run(app: &App, args: PlansArgs) -> anyhow::Result<()> {
    let (sources, sandbox) = sources(app, &args).await?;
    if args.promos {
        return promotions(app, sources, sandbox).await;
    }
    let mut plans: Vec<Plan> = Vec::new();
    for (line, op, pay) in sources {
        for plan in flow::plans(app, &line, op, pay).await? {
            if !plans.iter().any(|p| p.id == plan.id) {
                plans.push(plan);
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

/// Where to list from: each line (or demo line) with its operator and
/// payment method; and whether any of it is the sandbox.
async fn sources(app: &App, args: &PlansArgs) -> anyhow::Result<(Vec<(Line, Operator, PayMethod)>, bool)> {
    let parse = |o: &str| o.parse::<Operator>().map_err(TopupError::from);
    let operator_filter = args.operator.as_deref().map(parse).transpose()?;
    let sandbox;
    let mut sources: Vec<(Line, Operator, PayMethod)> = Vec::new();
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
        sources.push((line, operator, pay));
    } else {
        // The sandbox's catalogues (built-in sandbox, or --operator), then
        // each configured line's plans through its own payment channel.
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
    }
    Ok((sources, sandbox))
}

/// `plans --promos`: what each source's channel lists now, each promotion
/// once, by operator and start.
async fn promotions(app: &App, sources: Vec<(Line, Operator, PayMethod)>, sandbox: bool) -> anyhow::Result<()> {
    let mut promotions: Vec<Promotion> = Vec::new();
    let mut asked: Vec<(Operator, PayMethod)> = Vec::new();
    for (line, op, pay) in sources {
        // A channel lists the same promotions for every line of an operator.
        if asked.contains(&(op, pay)) {
            continue;
        }
        asked.push((op, pay));
        for promotion in flow::promotions(app, &line, op, pay).await? {
            if !promotions
                .iter()
                .any(|p| p.source == promotion.source && p.id == promotion.id)
            {
                promotions.push(promotion);
            }
        }
    }
    sort_promotions(&mut promotions);
    app.out
        .print(sandbox, &PromotionsReport { promotions }, render_promotions)
}

/// `plans --promos`' report.
#[derive(Serialize)]
struct PromotionsReport {
    promotions: Vec<Promotion>,
}

fn render_promotions(report: &PromotionsReport, out: &Output) {
    if report.promotions.is_empty() {
        out.line(t!("no-promotions"));
        return;
    }
    let (from, starts) = crate::output::time_column(&t!("col-from"), report.promotions.iter().map(|p| p.starts_at));
    let (until, ends) = crate::output::time_column(&t!("col-until"), report.promotions.iter().map(|p| p.ends_at));
    // One source is said once, below; several get a column.
    let first = report.promotions[0].source;
    let one_source = report.promotions.iter().all(|p| p.source == first);
    let mut columns = vec![(t!("col-operator"), 0), (t!("col-promotion"), 0), (from, 1), (until, 0)];
    if !one_source {
        columns.push((t!("col-source"), 0));
    }
    let mut table = out.table(&columns);
    for ((p, starts), ends) in report.promotions.iter().zip(starts).zip(ends) {
        let mut row = vec![
            p.operator.to_string().into(),
            p.headline().into(),
            starts.into(),
            ends.into(),
        ];
        if !one_source {
            row.push(p.source.as_str().into());
        }
        table.add_row(row);
    }
    out.print_table(&table);
    if one_source {
        out.line(t!("promotions-source", source = first.as_str()));
    }
    if report
        .promotions
        .iter()
        .any(|p| p.source == crate::domain::PlanSource::Sandbox)
    {
        out.line(t!("promotions-sandbox-note"));
    }
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
