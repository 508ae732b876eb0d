//! `topup operators [OP]`: what topup knows about each operator, how to
//! renew there, with sources, and what is unknown.

use serde::Serialize;

use crate::app::App;
use crate::carrier::{ChannelKind, KnownChannel, NetworkCode, PageChoice, carrier};
use crate::cli::OperatorsArgs;
use crate::domain::Operator;
use crate::error::TopupError;
use crate::output::Output;
use crate::t;

pub fn run(app: &App, args: OperatorsArgs) -> anyhow::Result<()> {
    let ops: Vec<Operator> = match &args.operator {
        Some(name) => vec![name.parse::<Operator>().map_err(TopupError::from)?],
        None => Operator::ALL.to_vec(),
    };
    let operators = ops
        .into_iter()
        .map(|op| {
            let c = carrier(op);
            let configured = app.config.operator(op);
            OperatorRow {
                operator: op,
                name: c.display_name,
                company: c.company,
                network_codes: c.network_codes,
                channels: c.channels,
                unknown: c.all_unknowns(),
                quirks: c.quirks,
                reloadly_names: c.reloadly_names,
                recharge_page: app.config.recharge_page(op).map(|page| match page {
                    PageChoice::Configured(url) => RechargePageRow {
                        url,
                        configured: true,
                        source: None,
                        third_party: false,
                    },
                    PageChoice::Known(known) => RechargePageRow {
                        url: known.url,
                        configured: false,
                        source: Some(known.source),
                        third_party: known.third_party,
                    },
                }),
                configured: Configured {
                    balance_ussd: configured.and_then(|o| o.balance_ussd.as_ref()),
                    balance_sms: configured.is_some_and(|o| o.balance_sms.is_some()),
                    plans: configured.map_or(0, |o| o.plans.len()),
                },
            }
        })
        .collect();
    let report = Report { operators };
    // Facts with sources, nothing simulated: no sandbox banner, even on it.
    app.out.print(false, &report, render)
}

/// `operators`' report: each operator's facts with their sources, and what
/// the config adds.
#[derive(Serialize)]
struct Report<'a> {
    operators: Vec<OperatorRow<'a>>,
}

#[derive(Serialize)]
struct OperatorRow<'a> {
    operator: Operator,
    name: &'static str,
    company: &'static str,
    network_codes: &'static [NetworkCode],
    channels: &'static [KnownChannel],
    unknown: Vec<&'static str>,
    quirks: &'static [&'static str],
    reloadly_names: &'static [&'static str],
    /// Where `pay = "web"` sends the person; `null` when unknown.
    recharge_page: Option<RechargePageRow<'a>>,
    configured: Configured<'a>,
}

/// An operator's recharge page: the config's (`configured`), else the one
/// topup knows, with where it was seen.
#[derive(Serialize)]
struct RechargePageRow<'a> {
    url: &'a str,
    configured: bool,
    source: Option<&'static str>,
    third_party: bool,
}

/// What the config says about the operator.
#[derive(Serialize)]
struct Configured<'a> {
    balance_ussd: Option<&'a crate::ussd::UssdSteps>,
    balance_sms: bool,
    plans: usize,
}

fn render(report: &Report, out: &Output) {
    for (i, o) in report.operators.iter().enumerate() {
        if i > 0 {
            out.line("");
        }
        let op = o.operator;
        out.line(out.paint(&format!("{} ({})", o.name, op), anstyle::Style::new().bold()));
        let company = fact(format!("operators-{op}-company"), o.company);
        out.line(format!("  {}", t!("operators-company", company = company)));
        let codes: Vec<String> = o
            .network_codes
            .iter()
            .map(|n| format!("{}-{}", &n.code[..3], &n.code[3..]))
            .collect();
        out.line(format!("  {}", t!("operators-network-codes", codes = codes.join(", "))));
        for n in o
            .network_codes
            .iter()
            .filter(|n| n.note.contains("per") || n.note.contains("lists"))
        {
            let note = fact(format!("operators-{op}-network-{}", n.code), n.note);
            out.line(format!(
                "    {}",
                t!("operators-network-note", code = n.code, note = note)
            ));
        }
        out.line(format!("  {}", t!("operators-how")));
        for (j, ch) in o.channels.iter().enumerate() {
            let third = if ch.third_party {
                format!(" {}", t!("operators-third-party"))
            } else {
                String::new()
            };
            let kind = crate::output::pad(&t!(&format!("operators-kind-{}", ch.kind)), 5);
            let purpose = fact(format!("operators-{op}-purpose-{j}"), ch.purpose);
            let detail = fact(format!("operators-{op}-detail-{j}"), ch.detail);
            let channel = t!("operators-channel", purpose = purpose, detail = detail);
            out.line(format!("    {kind} {channel}{third}"));
            let source = fact(format!("operators-{op}-source-{j}"), ch.source);
            out.line(format!(
                "          {}",
                out.dim(&t!("operators-source", source = source))
            ));
        }
        if !o.channels.iter().any(|ch| ch.kind == ChannelKind::Store) {
            out.line(format!("    {}", t!("operators-no-store")));
        }
        match &o.recharge_page {
            Some(page) if page.configured => {
                out.line(format!(
                    "  {}",
                    t!("operators-recharge-config", url = page.url, op = op.as_str())
                ));
            }
            Some(page) => {
                let third = if page.third_party {
                    format!(" {}", t!("operators-third-party"))
                } else {
                    String::new()
                };
                out.line(format!("  {}{third}", t!("operators-recharge", url = page.url)));
                let source = fact(
                    format!("operators-{op}-recharge-source"),
                    page.source.unwrap_or_default(),
                );
                out.line(format!(
                    "          {}",
                    out.dim(&t!("operators-source", source = source))
                ));
            }
            None => out.line(format!("  {}", t!("operators-recharge-unknown", op = op.as_str()))),
        }
        for (j, q) in o.quirks.iter().enumerate() {
            let quirk = fact(format!("operators-{op}-quirk-{j}"), q);
            out.line(format!("  {}", t!("operators-note", note = quirk)));
        }
        out.line(format!("  {}", t!("operators-unknown")));
        let own = carrier(op).unknowns.len();
        for (j, u) in o.unknown.iter().enumerate() {
            let id = if j < own {
                format!("operators-{op}-unknown-{j}")
            } else {
                format!("operators-common-unknown-{}", j - own)
            };
            out.line(format!("    - {}", fact(id, u)));
        }
        if let Some(code) = o.configured.balance_ussd {
            let code = format!("{:?}", code.as_slice());
            out.line(format!("  {}", t!("operators-config-ussd", code = code)));
        }
        if o.configured.plans > 0 {
            out.line(format!(
                "  {}",
                t!("operators-config-plans", count = o.configured.plans)
            ));
        }
    }
}

/// A fact of the carrier data in the reader's language: the message `id`,
/// whose English is the data itself (the data, and so the JSON, stays
/// English). Facts with no message (most sources, which are addresses) are
/// shown as they are.
fn fact(id: String, english: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return english.to_string();
    }
    let text = crate::i18n::text(&id, None);
    if text == id { english.to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use crate::carrier::{COMMON_UNKNOWNS, carrier};
    use crate::domain::Operator;
    use fluent_bundle::{FluentBundle, FluentResource};

    /// The English of every carrier fact's message is the data itself, and
    /// every fact `operators` shows has a message (sources: when they are
    /// more than an address).
    #[test]
    fn english_messages_are_the_carrier_data() {
        let mut bundle = FluentBundle::new(vec!["en".parse::<unic_langid::LanguageIdentifier>().unwrap()]);
        bundle.set_use_isolating(false);
        let file = include_str!("../../locales/en/operators.ftl");
        bundle
            .add_resource(FluentResource::try_new(file.to_string()).unwrap())
            .unwrap();
        let english = |id: &str| {
            let message = bundle.get_message(id)?;
            let mut errors = vec![];
            Some(bundle.format_pattern(message.value()?, None, &mut errors).into_owned())
        };
        let mut facts: Vec<(String, &str, bool)> = Vec::new();
        for op in Operator::ALL {
            let c = carrier(op);
            facts.push((format!("operators-{op}-company"), c.company, true));
            for n in c
                .network_codes
                .iter()
                .filter(|n| n.note.contains("per") || n.note.contains("lists"))
            {
                facts.push((format!("operators-{op}-network-{}", n.code), n.note, true));
            }
            for (j, ch) in c.channels.iter().enumerate() {
                facts.push((format!("operators-{op}-purpose-{j}"), ch.purpose, true));
                facts.push((format!("operators-{op}-detail-{j}"), ch.detail, true));
                let address = !ch.source.contains(' ');
                facts.push((format!("operators-{op}-source-{j}"), ch.source, !address));
            }
            for (j, q) in c.quirks.iter().enumerate() {
                facts.push((format!("operators-{op}-quirk-{j}"), q, true));
            }
            if let Some(page) = &c.recharge_page {
                facts.push((format!("operators-{op}-recharge-source"), page.source, true));
            }
            for (j, u) in c.unknowns.iter().enumerate() {
                facts.push((format!("operators-{op}-unknown-{j}"), u, true));
            }
        }
        for (j, u) in COMMON_UNKNOWNS.iter().enumerate() {
            facts.push((format!("operators-common-unknown-{j}"), u, true));
        }
        for (id, data, needed) in facts {
            match english(&id) {
                Some(text) => assert_eq!(text, data, "{id}"),
                None => assert!(!needed, "{id} has no message"),
            }
        }
    }
}
