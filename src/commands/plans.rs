//! `topup plans [LINE] [--operator OP] [--sort …]`: compare plans.

use serde_json::json;

use crate::app::App;
use crate::cli::PlansArgs;
use crate::domain::plan::sort_plans;
use crate::domain::{Operator, PayMethod, Plan};
use crate::error::TopupError;
use crate::flow;
use crate::output::or_dash;

pub async fn run(app: &App, args: PlansArgs) -> anyhow::Result<()> {
    let operator_filter: Option<Operator> = match &args.operator {
        Some(o) => Some(o.parse().map_err(|e: String| TopupError::usage(e))?),
        None => None,
    };
    let mut plans: Vec<Plan> = Vec::new();
    let sandbox;
    if let Some(arg) = &args.line {
        let line = app.resolve_line(arg)?;
        let operator = flow::line_operator(&line)?;
        if operator_filter.is_some_and(|o| o != operator) {
            return Err(TopupError::usage(format!(
                "line {} is on {operator}, not {}",
                line.name,
                args.operator.as_deref().unwrap_or_default()
            ))
            .into());
        }
        let pay = flow::pay_method(&line, None).unwrap_or(PayMethod::Sandbox);
        sandbox = pay == PayMethod::Sandbox || app.config.is_builtin_sandbox();
        plans = flow::plans_for(app, operator, pay).await?;
    } else {
        // Every operator with a line (or the filter), through each line's payment channel.
        let mut wanted: Vec<(Operator, PayMethod)> = Vec::new();
        if app.config.is_builtin_sandbox() || app.config.lines.is_empty() {
            for op in Operator::ALL {
                wanted.push((op, PayMethod::Sandbox));
            }
        }
        for line in &app.config.lines {
            if let Some(op) = line.operator {
                wanted.push((op, line.pay.unwrap_or(PayMethod::Sandbox)));
            }
        }
        if let Some(op) = operator_filter
            && !wanted.iter().any(|(o, _)| *o == op)
        {
            wanted.push((op, PayMethod::Sandbox));
        }
        wanted.retain(|(o, _)| operator_filter.is_none_or(|f| f == *o));
        wanted.dedup();
        sandbox = app.config.is_builtin_sandbox() || wanted.iter().any(|(_, p)| *p == PayMethod::Sandbox);
        for (op, pay) in wanted {
            for plan in flow::plans_for(app, op, pay).await? {
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
    let mut table = app.out.table(&[
        "Plan id",
        "Operator",
        "Name",
        "Data",
        "Days",
        "Price",
        "Per GB",
        "Promotion",
    ]);
    for p in &plans {
        table.add_row(vec![
            p.id.to_string(),
            p.operator.to_string(),
            p.name.clone(),
            or_dash(p.data),
            or_dash(p.validity_days),
            p.price.to_string(),
            or_dash(p.price_per_gb()),
            p.promo.clone().map_or_else(String::new, |t| app.out.good(&t)),
        ]);
    }
    app.out.print_table(&table);
    Ok(())
}
