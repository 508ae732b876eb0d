//! `topup lines`: the configured lines.

use serde_json::json;

use crate::app::App;
use crate::output::or_dash;

pub fn run(app: &App) -> anyhow::Result<()> {
    let lines = &app.config.lines;
    let sandbox = app.uses_sandbox(lines);
    if app.out.json {
        let items: Vec<_> = lines
            .iter()
            .map(|l| {
                json!({
                    "name": l.name,
                    "msisdn": l.msisdn,
                    "operator": l.operator,
                    "balance": l.balance.as_str(),
                    "pay": l.pay,
                    "modem": l.modem,
                    "auto": l.auto.as_ref().map(|a| json!({
                        "plan": a.plan,
                        "pay": a.pay,
                        "when_data_below_bytes": a.when_data_below.map(|d| d.bytes()),
                        "when_saldo_below_clp": a.when_saldo_below,
                        "before_expiry_seconds": a.before_expiry.map(|d| d.as_secs()),
                        "min_interval_seconds": a.min_interval.map(|d| d.as_secs()),
                        "monthly_cap_clp": a.monthly_cap,
                    })),
                })
            })
            .collect();
        // JSON strings are Unicode: a config path that is not UTF-8 is shown
        // as text for people, with `config_utf8` false so no script uses it.
        let config = app.config.path.as_ref().map(|p| p.to_string_lossy());
        let config_utf8 = app.config.path.as_ref().map(|p| p.to_str().is_some());
        return app
            .out
            .json(&json!({"sandbox": sandbox, "config": config, "config_utf8": config_utf8, "lines": items}));
    }
    if sandbox {
        app.out.sandbox_banner();
    }
    if lines.is_empty() {
        app.out
            .line("No lines configured. Add one as [lines.NAME] (see config.example.toml).");
        return Ok(());
    }
    let mut table = app
        .out
        .table(&["Line", "Number", "Operator", "Balance", "Pay", "Auto plan"]);
    for l in lines {
        table.add_row(vec![
            l.name.clone(),
            l.msisdn.pretty(),
            l.operator.map_or_else(|| "from SIM".to_string(), |o| o.to_string()),
            l.balance.as_str().to_string(),
            or_dash(l.pay),
            or_dash(l.auto.as_ref().map(|a| a.plan.clone())),
        ]);
    }
    app.out.print_table(&table);
    Ok(())
}
