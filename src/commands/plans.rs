//! `topup plans [LINE] [--operator OP] [--sort …]`: compare plans.

use serde_json::json;

use crate::app::App;
use crate::cli::PlansArgs;
use crate::config::Line;
use crate::domain::plan::sort_plans;
use crate::domain::{Operator, PayMethod, Plan};
use crate::error::TopupError;
use crate::flow;
use crate::output::or_dash;

pub async fn run(app: &App, args: PlansArgs) -> anyhow::Result<()> {
    let operator_filter: Option<Operator> = match &args.operator {
        Some(o) => Some(o.parse::<Operator>().map_err(|e| TopupError::usage(e.to_string()))?),
        None => None,
    };
    let mut plans: Vec<Plan> = Vec::new();
    let sandbox;
    if let Some(arg) = &args.line {
        let line = app.resolve_line(arg)?;
        let operator = flow::operator_of(app, &line).await?;
        if operator_filter.is_some_and(|o| o != operator) {
            return Err(TopupError::usage(format!(
                "line {} is on {operator}, not {}",
                line.name,
                args.operator.as_deref().unwrap_or_default()
            ))
            .into());
        }
        let pay = crate::channel::registry::listing_method(app, &line);
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
                if let Some(demo) = app
                    .config
                    .lines
                    .iter()
                    .find(|l| l.operator == Some(op))
                    .filter(|_| app.config.is_builtin_sandbox())
                {
                    sources.push((demo.clone(), op, PayMethod::Sandbox));
                } else if app.config.lines.iter().all(|l| l.operator != Some(op)) {
                    sources.push((placeholder_line(op), op, PayMethod::Sandbox));
                }
            }
        }
        for line in &app.config.lines {
            if let Some(op) = line.operator.filter(|o| operator_filter.is_none_or(|f| f == *o)) {
                sources.push((line.clone(), op, crate::channel::registry::listing_method(app, line)));
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

    if app.out.json {
        let items: Vec<_> = plans
            .iter()
            .map(|p| {
                json!({
                    "id": p.id,
                    "operator": p.operator,
                    "name": p.name,
                    "data_bytes": p.data.map(|d| d.bytes()),
                    "validity_days": p.validity_days,
                    "price_clp": p.price,
                    "price_per_gb_clp": p.price_per_gb(),
                    "promo": p.promo,
                    "source": p.source,
                    "account_cost": p.account_cost,
                })
            })
            .collect();
        return app.out.json(&json!({"sandbox": sandbox, "plans": items}));
    }
    if sandbox {
        app.out.sandbox_banner();
    }
    if plans.is_empty() {
        app.out
            .line("No plans. List your operator's plans under [[operators.X.plan]] in the config.");
        return Ok(());
    }
    // A gateway's plans also say what they cost its account.
    let costs = plans.iter().any(|p| p.account_cost.is_some());
    let mut headers = vec!["Plan id", "Operator", "Name", "Data", "Days", "Price", "Per GB"];
    if costs {
        headers.push("Account cost");
    }
    headers.push("Promotion");
    let mut table = app.out.table(&headers);
    for p in &plans {
        let mut row = vec![
            p.id.to_string(),
            p.operator.to_string(),
            p.name.clone(),
            or_dash(p.data),
            or_dash(p.validity_days),
            p.price.to_string(),
            or_dash(p.price_per_gb()),
        ];
        if costs {
            row.push(p.account_cost.as_ref().map_or_else(|| "-".into(), |c| format!("≈ {c}")));
        }
        row.push(p.promo.clone().map_or_else(String::new, |t| app.out.good(&t)));
        table.add_row(row);
    }
    app.out.print_table(&table);
    Ok(())
}

/// A stand-in line to list an operator's sandbox catalogue when no line of
/// that operator is configured (sandbox plans do not depend on the line).
fn placeholder_line(op: Operator) -> Line {
    let (_, number, _) = crate::config::DEMO_LINES
        .iter()
        .find(|(_, _, o)| *o == op)
        .copied()
        .unwrap_or(crate::config::DEMO_LINES[0]);
    Line {
        name: format!("demo-{op}"),
        msisdn: number
            .parse()
            .unwrap_or_else(|_| unreachable!("demo numbers are valid")),
        operator: Some(op),
        balance: crate::config::BalanceMethod::Sandbox,
        pay: Some(PayMethod::Sandbox),
        modem: crate::domain::ModemSelector::Any,
        auto: None,
    }
}
