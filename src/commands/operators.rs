//! `topup operators [OP]`: what topup knows about each operator, how to
//! renew there, with sources, and what is unknown.

use serde_json::json;

use crate::app::App;
use crate::carrier::carrier;
use crate::cli::OperatorsArgs;
use crate::domain::Operator;
use crate::error::TopupError;

pub fn run(app: &App, args: OperatorsArgs) -> anyhow::Result<()> {
    let ops: Vec<Operator> = match &args.operator {
        Some(name) => vec![name.parse::<Operator>().map_err(|e| TopupError::usage(e.to_string()))?],
        None => Operator::ALL.to_vec(),
    };
    if app.out.json {
        let items: Vec<_> = ops
            .iter()
            .map(|op| {
                let c = carrier(*op);
                let oc = app.config.operator(*op);
                json!({
                    "operator": op,
                    "name": c.display_name,
                    "company": c.company,
                    "network_codes": c.network_codes.iter().map(|n| json!({"code": n.code, "note": n.note, "source": n.source})).collect::<Vec<_>>(),
                    "channels": c.channels.iter().map(|ch| json!({
                        "kind": ch.kind, "purpose": ch.purpose, "detail": ch.detail, "source": ch.source, "third_party": ch.third_party,
                    })).collect::<Vec<_>>(),
                    "unknown": c.all_unknowns(),
                    "quirks": c.quirks,
                    "reloadly_names": c.reloadly_names,
                    "configured": {
                        "balance_ussd": oc.and_then(|o| o.balance_ussd.clone()),
                        "balance_sms": oc.is_some_and(|o| o.balance_sms.is_some()),
                        "plans": oc.map_or(0, |o| o.plans.len()),
                    },
                })
            })
            .collect();
        return app
            .out
            .json(&json!({"sandbox": app.config.is_builtin_sandbox(), "operators": items}));
    }
    if app.config.is_builtin_sandbox() {
        app.out.sandbox_banner();
    }
    for (i, op) in ops.iter().enumerate() {
        let c = carrier(*op);
        if i > 0 {
            app.out.line("");
        }
        app.out.line(
            app.out
                .paint(&format!("{} ({})", c.display_name, op), anstyle::Style::new().bold()),
        );
        app.out.line(format!("  company: {}", c.company));
        let codes: Vec<String> = c
            .network_codes
            .iter()
            .map(|n| format!("{}-{}", &n.code[..3], &n.code[3..]))
            .collect();
        app.out.line(format!("  network codes (MCC-MNC): {}", codes.join(", ")));
        for n in c
            .network_codes
            .iter()
            .filter(|n| n.note.contains("per") || n.note.contains("lists"))
        {
            app.out.line(format!("    {}: {}", n.code, n.note));
        }
        app.out.line("  how to check and renew:");
        for ch in c.channels {
            let third = if ch.third_party {
                " [third-party source: verify]"
            } else {
                ""
            };
            app.out.line(format!(
                "    {:<5} {}: {}{third}",
                ch.kind.as_str(),
                ch.purpose,
                ch.detail
            ));
            app.out
                .line(format!("          {}", app.out.dim(&format!("source: {}", ch.source))));
        }
        if !c
            .channels
            .iter()
            .any(|ch| ch.kind == crate::carrier::ChannelKind::Store)
        {
            app.out
                .line("    store: no sourced information on where to buy a recarga in person");
        }
        for q in c.quirks {
            app.out.line(format!("  note: {q}"));
        }
        app.out.line("  unknown (set in your config instead):");
        for u in c.all_unknowns() {
            app.out.line(format!("    - {u}"));
        }
        if let Some(oc) = app.config.operator(*op) {
            if let Some(code) = &oc.balance_ussd {
                app.out.line(format!("  your config: balance_ussd = {code:?}"));
            }
            if !oc.plans.is_empty() {
                app.out.line(format!("  your config: {} plan(s)", oc.plans.len()));
            }
        }
    }
    Ok(())
}
