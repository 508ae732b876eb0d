//! `topup auto`: the cron entry point. Under the lock: settle unsettled
//! orders, read every line with a policy (bounded concurrency), decide
//! (`policy::evaluate`, pure), renew the due lines through the same flow as
//! `renew`, alert the due lines of alert-only policies and, with
//! `watch_promotions`, new promotions (`alert_hook`, `notify_url`; each
//! once, remembered in the ledger), run hooks. Silent when nothing was due,
//! unless a dry run.

use futures_util::StreamExt;
use serde::Serialize;

use crate::app::App;
use crate::channel::Offer;
use crate::cli::AutoArgs;
use crate::config::Line;
use crate::domain::promotion::sort_promotions;
use crate::domain::{Clp, LineStatus, Operator, Order, OrderStatus, PayMethod, Promotion};
use crate::error::{ErrorKind, TopupError, classify};
use crate::hooks::{Alert, Hooks, LineAlert, PromotionAlert, RenewalEvent};
use crate::ledger::LedgerError;
use crate::output::{self, Output};
use crate::policy::{self, Action, Decision, Guard, LedgerFacts, MonthSpent, Trigger};
use crate::t;
use crate::{diag, flow, lock};

/// One line's part of the report.
struct LineReport<'a> {
    line: &'a Line,
    decision: Decision,
    /// The policy's plan and how to pay it, when known.
    offer: Option<Offer>,
    order: Option<Order>,
    /// What went wrong for this line, if anything: its kind is the exit code.
    problem: Option<TopupError>,
    /// The operator the line was read on, when read.
    operator: Option<Operator>,
    /// Standing alerts whose crossing this run saw end: cleared, so the
    /// next crossing alerts again.
    rearmed: Vec<Trigger>,
    /// For an alert: whether a hook or `notify_url` took it.
    delivered: Option<bool>,
}

/// A promotion new to the ledger, and whom it was told to.
struct PromotionReport {
    alert: PromotionAlert,
    delivered: bool,
}

pub async fn run(app: &App, args: AutoArgs) -> anyhow::Result<()> {
    let wait_confirm = args.wait_confirm;
    if args.max_renewals == Some(0) {
        return Err(TopupError::usage(t!("auto-max-renewals")).into());
    }
    let lines = &app.config.lines;
    if lines.is_empty() {
        return Err(super::no_lines(app));
    }
    let sandbox = app.uses_sandbox(lines);

    // Dry runs write nothing, so they neither take the lock nor reconcile.
    let lock = if args.dry_run {
        None
    } else {
        let wait_lock = args.wait_lock.map(crate::domain::timefmt::std_duration);
        Some(lock::acquire(app.ensure_state_dir()?, wait_lock).await?)
    };
    let mut reconcile_problem = None;
    if let Some(lock) = &lock {
        let (settled, problem) = flow::reconcile(app, lock, None).await?;
        for s in &settled {
            diag::note(format!(
                "reconciled order {} of {}: {} → {} ({})",
                s.order.id, s.order.line, s.was, s.order.status, s.note
            ));
        }
        reconcile_problem = problem;
    }

    let mut reports = decide_all(app, lines).await?;

    // Renew the due lines, at most --max-renewals of them.
    let mut due: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.decision, Decision::Renew { .. }))
        .map(|(i, _)| i)
        .collect();
    if let Some(max) = args.max_renewals
        && due.len() > max
    {
        for &i in &due[max..] {
            let reason = crate::t!(
                "reason-max-renewals",
                reason = reports[i].decision.reason(),
                max = max.to_string(),
            );
            reports[i].decision = Decision::Skip(reason);
        }
        due.truncate(max);
    }
    let anything_due = !due.is_empty();
    // The notification client is made only when something is to be told.
    let hooks_cell = std::cell::OnceCell::new();
    let hooks = || hooks_cell.get_or_init(|| Hooks::new(&app.config.auto));
    if lock.is_some() {
        clear_rearmed(app, &reports)?;
    }
    if let Some(lock) = lock.as_ref().filter(|_| anything_due) {
        let hooks = hooks();
        hooks.pre().await;
        let offers: Vec<(usize, Offer)> = due
            .iter()
            .filter_map(|&i| reports[i].offer.clone().map(|offer| (i, offer)))
            .collect();
        // `concurrency` lines pay at once; a line's turn ends with the
        // payment call's answer, and its outcome is written (synced, grouped
        // with others) while the next line pays.
        let concurrency = app.config.auto.concurrency.max(1);
        let results: Vec<(usize, anyhow::Result<flow::RenewOutcome>)> = futures_util::stream::iter(offers)
            .map(|(i, offer)| {
                let line = reports[i].line;
                async move {
                    let request = flow::RenewRequest {
                        line,
                        offer: &offer,
                        wait_confirm,
                        // Nobody is there: a payment only a person can make
                        // is refused (the config already refuses `web` here).
                        payer: None,
                        open_page: false,
                    };
                    (i, flow::pay(app, lock, request).await)
                }
            })
            .buffer_unordered(concurrency)
            .map(|(i, paid)| async move {
                match paid {
                    Ok(paid) => (i, Ok(paid.record(app).await)),
                    Err(e) => (i, Err(e)),
                }
            })
            .buffer_unordered(concurrency)
            .collect()
            .await;
        for (i, result) in results {
            match result {
                Ok(renewed) => {
                    reports[i].problem = renewed.problem;
                    hooks.after_renewal(&RenewalEvent::from(&renewed.order)).await;
                    reports[i].order = Some(renewed.order);
                }
                Err(e) => {
                    let te = classify(&e);
                    if let Some(LedgerError::CapExceeded(cap)) = e.downcast_ref::<LedgerError>() {
                        // A cap reached between deciding and paying (another
                        // line renewed first) blocks this line, like a cap
                        // seen earlier.
                        reports[i].decision = Decision::Blocked(cap.to_string(), Guard::Cap);
                    } else if let Some(offer) = &reports[i].offer {
                        // Refused before an order existed (saldo short):
                        // nothing was paid, but it failed, and the hooks hear.
                        let event = RenewalEvent::refused(reports[i].line, &offer.plan, offer.method(), &te.message);
                        hooks.after_renewal(&event).await;
                    }
                    reports[i].problem = Some(te);
                }
            }
        }
        let (renewed, failed) = tally(&reports);
        hooks.post(renewed, failed).await;
    }
    if lock.is_some() {
        send_alerts(app, hooks, &mut reports).await?;
    }
    let promotions = if app.config.auto.watch_promotions {
        watch_promotions(app, lines, lock.is_some().then(hooks)).await?
    } else {
        Vec::new()
    };

    for r in &mut reports {
        if r.problem.is_none() {
            r.problem = blocked_problem(&r.decision);
        }
    }
    print_report(app, &reports, &promotions, sandbox, args.dry_run)?;
    let failing = reports.iter().filter(|r| r.problem.is_some()).count();
    let summary = format!("{failing} lines need attention; most serious");
    let problems = reports
        .iter()
        .filter_map(|r| r.problem.as_ref())
        .chain(&reconcile_problem);
    output::batch_error(problems, (failing > 1).then_some(summary.as_str())).map_or(Ok(()), |p| Err(p.into()))
}

/// A line's reading, its operator, and its policy's offer, if known.
type Gathered = (LineStatus, Operator, Option<Offer>);

/// Reads every line with a policy and resolves its plan, `concurrency` lines
/// at a time, then decides for each. Lines without a policy are skipped
/// without being read.
async fn decide_all<'a>(app: &App, lines: &'a [Line]) -> anyhow::Result<Vec<LineReport<'a>>> {
    let gathered: Vec<Result<Gathered, TopupError>> =
        futures_util::stream::iter(lines.iter().filter(|l| l.auto.is_some()))
            .map(|line| async move {
                let reading = flow::read_status(app, line).await;
                let reading = reading.map_err(|e| classify(&e).prefixed("could not read the line"))?;
                let offer = resolve_offer_for(app, line).await;
                let offer = offer.map_err(|e| classify(&e).prefixed("could not list plans"))?;
                Ok((reading.status, reading.operator, offer))
            })
            .buffered(app.config.auto.concurrency.max(1))
            .collect()
            .await;
    let mut gathered = gathered.into_iter();
    // No ledger yet (a first dry run): no orders, nothing spent.
    let ledger = app.existing_ledger()?;
    let now = app.now();
    let all_month_spent = match ledger {
        Some(l) => l.month_spent(now, None)?,
        None => Clp(0),
    };
    let mut reports = Vec::new();
    for line in lines {
        let skip = |reason: String, problem| LineReport {
            line,
            decision: Decision::Skip(reason),
            offer: None,
            order: None,
            problem,
            operator: line.operator,
            rearmed: Vec::new(),
            delivered: None,
        };
        let Some(policy) = &line.auto else {
            reports.push(skip(crate::t!("reason-no-policy"), None));
            continue;
        };
        let (status, operator, offer) = match gathered.next() {
            Some(Ok(found)) => found,
            Some(Err(e)) => {
                reports.push(skip(e.message.clone(), Some(e)));
                continue;
            }
            None => anyhow::bail!("internal: a line with a policy was not read"),
        };
        // No ledger: nothing spent by anyone (`all_month_spent` is zero too).
        let facts = match ledger {
            Some(ledger) => LedgerFacts {
                needs_reconcile: ledger.unsettled(Some(&line.msisdn))?.len(),
                last_renewal_at: ledger.last_renewal_at(&line.msisdn)?,
                last_confirmed_at: ledger.last_confirmed_at(&line.msisdn)?,
                month_spent: MonthSpent {
                    line: ledger.month_spent(now, Some(&line.msisdn))?,
                    all: all_month_spent,
                },
                alerts: ledger.standing_alerts(&line.msisdn)?,
            },
            None => LedgerFacts::default(),
        };
        let verdict = policy::evaluate(
            now,
            &line.name,
            Some(&status),
            Some(policy),
            offer.as_ref().map(|o| &o.plan),
            &facts,
            app.config.caps(line),
        );
        let decision = verdict.decision;
        // Only standing alerts have a crossing to end.
        let rearmed = verdict
            .rearmed
            .into_iter()
            .filter(|kind| facts.alerts.contains_key(kind))
            .collect();
        let problem = (decision == Decision::Reconcile).then(|| {
            TopupError::new(
                ErrorKind::Unknown,
                t!("auto-unknown-outcome", line = line.name.as_str()),
            )
            .hint(t!("hint-auto-unknown-outcome"))
        });
        reports.push(LineReport {
            line,
            decision,
            offer,
            order: None,
            problem,
            operator: Some(operator),
            rearmed,
            delivered: None,
        });
    }
    Ok(reports)
}

/// The policy's offer for a line; `None` when the plan id is not among what
/// the line's payment method offers, or the policy names no plan.
async fn resolve_offer_for(app: &App, line: &Line) -> anyhow::Result<Option<Offer>> {
    let Some(policy) = &line.auto else { return Ok(None) };
    let Some(plan) = &policy.plan else { return Ok(None) };
    let pay = match policy.action {
        // The policy's `pay`, else the line's own.
        Action::Renew => policy.pay.or(line.pay),
        // Nothing is paid: any way the line lists plans tells their validity.
        Action::Notify => policy
            .pay
            .or_else(|| crate::channel::registry::listing_method(app, line)),
    };
    let Some(pay) = pay else {
        return Err(TopupError::usage(t!("auto-no-pay", line = line.name.as_str()))
            .hint(t!("hint-auto-no-pay"))
            .into());
    };
    let operator = flow::operator_of(app, line).await?;
    flow::find_offer(app, line, operator, pay, plan).await
}

/// Ends the crossings this run saw end (the line above its threshold, a
/// recent top-up): the next crossing alerts again.
fn clear_rearmed(app: &App, reports: &[LineReport<'_>]) -> anyhow::Result<()> {
    let Some(ledger) = app.existing_ledger()? else {
        return Ok(());
    };
    let now = app.now();
    for r in reports {
        for &kind in &r.rearmed {
            ledger.clear_alert(&r.line.msisdn, kind, now)?;
        }
    }
    Ok(())
}

/// Tells the due lines of alert-only policies (`alert_hook`, `notify_url`)
/// and records each alert that reached someone, so that its crossing is not
/// told again.
async fn send_alerts<'h>(
    app: &App,
    hooks: impl Fn() -> &'h Hooks<'h>,
    reports: &mut [LineReport<'_>],
) -> anyhow::Result<()> {
    for r in reports.iter_mut() {
        let Decision::Alert { reason, triggers } = &r.decision else {
            continue;
        };
        let alert = Alert::Line(LineAlert {
            line: r.line.name.clone(),
            msisdn: r.line.msisdn.clone(),
            operator: r.operator,
            plan: r.line.auto.as_ref().and_then(|p| p.plan.clone()),
            triggers: triggers.clone(),
            reason: reason.clone(),
            sandbox: app.uses_sandbox(std::iter::once(r.line)),
        });
        let delivered = hooks().alert(&alert).await;
        if delivered {
            let ledger = app.ledger()?;
            for &kind in triggers {
                ledger.record_alert(&r.line.msisdn, kind, app.now())?;
            }
        }
        r.delivered = Some(delivered);
    }
    Ok(())
}

/// The promotions that the lines' payment channels list for their operators
/// and that the ledger has not alerted yet. With `hooks` (not a dry run),
/// each is told and, once it reached someone, recorded. A channel that
/// cannot list its promotions is a warning: promotions never fail a run.
async fn watch_promotions(
    app: &App,
    lines: &[Line],
    hooks: Option<&Hooks<'_>>,
) -> anyhow::Result<Vec<PromotionReport>> {
    // Each (payment method, operator) once, with the lines it is for.
    let mut sources: Vec<(PayMethod, Operator, &Line, Vec<String>)> = Vec::new();
    for line in lines {
        let policy_pay = line.auto.as_ref().and_then(|a| a.pay);
        let Some(pay) = policy_pay.or_else(|| crate::channel::registry::listing_method(app, line)) else {
            continue;
        };
        let operator = match flow::operator_of(app, line).await {
            Ok(operator) => operator,
            Err(e) => {
                let why = classify(&e).message;
                diag::warn(t!("promotions-no-operator", line = line.name.as_str(), why = why));
                continue;
            }
        };
        match sources.iter_mut().find(|(p, o, _, _)| *p == pay && *o == operator) {
            Some((_, _, _, names)) => names.push(line.name.clone()),
            None => sources.push((pay, operator, line, vec![line.name.clone()])),
        }
    }
    let mut found: Vec<PromotionAlert> = Vec::new();
    for (pay, operator, line, names) in &sources {
        let listed = match flow::promotions(app, line, *operator, *pay).await {
            Ok(listed) => listed,
            Err(e) => {
                let why = classify(&e).message;
                diag::warn(t!(
                    "promotions-unlisted",
                    operator = operator.to_string(),
                    pay = pay.to_string(),
                    why = why
                ));
                continue;
            }
        };
        for promotion in listed {
            let same =
                |a: &&mut PromotionAlert| a.promotion.source == promotion.source && a.promotion.id == promotion.id;
            match found.iter_mut().find(same) {
                Some(known) => known.lines.extend(names.iter().cloned()),
                None => found.push(PromotionAlert {
                    promotion,
                    lines: names.clone(),
                }),
            }
        }
    }
    let ledger = match hooks {
        Some(_) => Some(app.ledger()?),
        // A dry run writes nothing, not even an empty ledger.
        None => app.existing_ledger()?,
    };
    let mut new = Vec::new();
    for alert in found {
        let told = match ledger {
            Some(l) => l.promotion_alerted(alert.promotion.source.as_str(), &alert.promotion.id)?,
            None => false,
        };
        if !told {
            new.push(alert);
        }
    }
    let mut promotions: Vec<Promotion> = new.iter().map(|a| a.promotion.clone()).collect();
    sort_promotions(&mut promotions);
    let mut reports = Vec::with_capacity(new.len());
    for promotion in promotions {
        let Some(at) = new.iter().position(|a| a.promotion == promotion) else {
            continue;
        };
        let alert = new.swap_remove(at);
        let delivered = match (hooks, ledger) {
            (Some(hooks), Some(ledger)) => {
                let delivered = hooks.alert(&Alert::Promotion(alert.clone())).await;
                if delivered {
                    ledger.record_promotion(&alert.promotion, app.now())?;
                }
                delivered
            }
            _ => false,
        };
        reports.push(PromotionReport { alert, delivered });
    }
    Ok(reports)
}

/// The exit-code-bearing problem of a blocked line: a config mistake is 2, a
/// spending cap 6; a cooldown is the policy doing its job, not a problem.
fn blocked_problem(decision: &Decision) -> Option<TopupError> {
    match decision {
        Decision::Blocked(reason, Guard::UnknownPlan) => Some(TopupError::usage(reason.clone())),
        Decision::Blocked(reason, Guard::Cap) => Some(TopupError::cap_reached(reason.clone())),
        _ => None,
    }
}

/// Renewals confirmed, and due lines whose renewal did not confirm (failed,
/// unknown, still processing, or refused before an order existed).
fn tally(reports: &[LineReport<'_>]) -> (usize, usize) {
    let confirmed = |r: &&LineReport| r.order.as_ref().is_some_and(|o| o.status == OrderStatus::Confirmed);
    let renewed = reports.iter().filter(confirmed).count();
    let failed = reports
        .iter()
        .filter(|r| matches!(r.decision, Decision::Renew { .. }) && !confirmed(r))
        .count();
    (renewed, failed)
}

/// `auto`'s report: each line's decision and order, the promotions new to
/// the ledger, and the run's tally.
#[derive(Serialize)]
struct Report<'a> {
    dry_run: bool,
    lines: Vec<LineRow<'a>>,
    renewed: usize,
    failed: usize,
    /// Lines alerted this run (decision `alert`; none in a dry run).
    alerted: usize,
    promotions: Vec<PromotionRow<'a>>,
}

#[derive(Serialize)]
struct LineRow<'a> {
    line: &'a str,
    decision: &'static str,
    reason: &'a str,
    order: Option<&'a Order>,
    #[serde(serialize_with = "output::item_error")]
    error: Option<TopupError>,
    /// For decision `alert`: its crossings, and whether it reached someone.
    alert: Option<AlertRow<'a>>,
    #[serde(skip)]
    would_renew: bool,
}

#[derive(Serialize)]
struct AlertRow<'a> {
    triggers: &'a [Trigger],
    delivered: bool,
}

#[derive(Serialize)]
struct PromotionRow<'a> {
    #[serde(flatten)]
    promotion: &'a Promotion,
    lines: &'a [String],
    delivered: bool,
}

fn print_report(
    app: &App,
    reports: &[LineReport<'_>],
    promotions: &[PromotionReport],
    sandbox: bool,
    dry_run: bool,
) -> anyhow::Result<()> {
    // A cooldown is the policy doing its job, an alert already sent the
    // policy keeping quiet: like a skip, not worth a cron mail every run.
    let eventful = !promotions.is_empty()
        || reports.iter().any(|r| {
            !matches!(r.decision, Decision::Skip(_) | Decision::Blocked(_, Guard::Cooldown)) || r.problem.is_some()
        });
    // A dry run is asked for by a person (or a test of the config): it
    // always answers, line by line.
    if !app.out.json && !eventful && !app.out.verbose && !dry_run {
        return Ok(());
    }
    let (renewed, failed) = if dry_run { (0, 0) } else { tally(reports) };
    let lines = reports.iter().map(|r| LineRow {
        line: &r.line.name,
        decision: r.decision.as_str(),
        reason: r.decision.reason(),
        order: r.order.as_ref(),
        error: r.problem.clone(),
        alert: match &r.decision {
            Decision::Alert { triggers, .. } => Some(AlertRow {
                triggers,
                delivered: r.delivered.unwrap_or(false),
            }),
            _ => None,
        },
        would_renew: dry_run && matches!(r.decision, Decision::Renew { .. } | Decision::Alert { .. }),
    });
    let alerted = if dry_run {
        0
    } else {
        reports
            .iter()
            .filter(|r| matches!(r.decision, Decision::Alert { .. }))
            .count()
    };
    let promotions = promotions.iter().map(|p| PromotionRow {
        promotion: &p.alert.promotion,
        lines: &p.alert.lines,
        delivered: p.delivered,
    });
    let report = Report {
        dry_run,
        lines: lines.collect(),
        renewed,
        failed,
        alerted,
        promotions: promotions.collect(),
    };
    app.out.print(sandbox, &report, render)
}

fn render(report: &Report, out: &Output) {
    let mut table = out.table(&[
        (&t!("col-line"), 0),
        (&t!("col-decision"), 0),
        (&t!("col-reason"), 0),
        (&t!("col-order"), 1),
    ]);
    for r in &report.lines {
        // JSON keeps `renew`/`skip`; people read their own words.
        let decision = match (r.would_renew, r.decision) {
            (true, "alert") => "would-alert",
            (true, _) => "would-renew",
            (false, decision) => decision,
        };
        let decision = crate::i18n::text(&format!("decision-{decision}"), None);
        let order = r.order.map_or_else(String::new, |o| {
            format!("{} {} {}", crate::output::status_word(o.status), o.amount, o.plan_id)
        });
        // A reconcile's reason is fixed English in the data (for `--json`).
        let reason = if r.decision == Decision::Reconcile.as_str() {
            crate::t!("reason-reconcile")
        } else {
            r.reason.to_string()
        };
        table.add_row(vec![r.line.into(), decision.into(), reason.into(), order.into()]);
    }
    out.print_table(&table);
    if !report.promotions.is_empty() {
        let header = if report.dry_run {
            t!("col-promotion-would-alert")
        } else {
            t!("col-new-promotion")
        };
        let (until, ends) =
            output::time_column(&t!("col-until"), report.promotions.iter().map(|p| p.promotion.ends_at));
        let mut table = out.table(&[(header, 0), (t!("col-operator"), 0), (until, 0)]);
        for (p, ends) in report.promotions.iter().zip(ends) {
            let promotion = p.promotion;
            table.add_row(vec![
                promotion.headline().into(),
                promotion.operator.to_string().into(),
                ends.into(),
            ]);
        }
        out.print_table(&table);
    }
    if report.dry_run {
        out.line(t!("dry-run-nothing-paid"));
    } else {
        out.line(t!("renewed-failed", renewed = report.renewed, failed = report.failed));
        if report.alerted > 0 || !report.promotions.is_empty() {
            out.line(t!(
                "alerts-sent",
                lines = report.alerted,
                promotions = report.promotions.len()
            ));
        }
    }
}
