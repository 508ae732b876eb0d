//! Command-line types only (clap derive). Behaviour lives in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::{SignedDuration, Timestamp};

use crate::config::{BalanceMethod, LineNameError, check_line_name};
use crate::domain::order::OrderIdError;
use crate::domain::order::OrderPrefix;
use crate::domain::plan::{PlanIdError, PlanSort};
use crate::domain::timefmt::{Month, parse_duration, parse_since, parse_when};
use crate::domain::{Clp, DataAmount, Msisdn, Operator, PayMethod, PlanId, Via};

#[derive(Debug, Parser)]
#[command(
    name = "topup",
    version,
    // Help fits 80 columns (or a narrower terminal) like the rest of topup's output.
    max_term_width = 80,
    about = "Top-up assistant for prepaid mobile lines (Chile): check balance, choose a plan, pay, confirm",
    long_about = "Top-up assistant for prepaid mobile lines (Chile first).\n\n\
        Without a config file topup runs on a built-in sandbox (a simulated network with demo lines \
        demo-entel, demo-movistar, demo-claro, demo-wom, demo-virgin), so every command can be tried safely.",
    after_help = "Examples:\n  \
        topup balance                   # saldo, data left, when each plan ends\n  \
        topup plans --sort price-per-gb # compare plans\n  \
        topup renew                     # guided, with a summary to check before paying\n  \
        topup config init               # a first config for your own line\n\n\
        Exit codes: 0 ok, 2 usage/config/input, 3 locked, 4 credentials, 5 temporary (retry later), \
        6 declined, 7 outcome unknown (run `topup reconcile`), 8 input needed, 130 interrupted."
)]
pub struct Cli {
    /// Config file (else $TOPUP_CONFIG, else $XDG_CONFIG_HOME/topup/config.toml; none = sandbox)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print JSON on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// Print only errors on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Explain what topup is doing (never shows secrets)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Never prompt; a missing choice is an error naming the flag (exit 8)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Show every column of tables, however wide (else they fit the terminal, or 80 columns)
    #[arg(long, global = true)]
    pub wide: bool,

    /// Language for people: zh-CN, es-CL or en (else TOPUP_LANG, the config's language, the locale)
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Saldo, data left and plan expiry per line; gateway account balances
    #[command(after_help = "Examples:\n  \
        topup balance                   # saldo, data left, when each plan ends\n  \
        topup balance demo-wom --json   # one line, as JSON")]
    Balance(BalanceArgs),
    /// Compare plans: data, days, price, price per GB, promotions
    #[command(after_help = "Examples:\n  \
        topup plans --sort price-per-gb # also price, data, days\n  \
        topup plans demo-wom            # for one line's operator and payment\n  \
        topup plans --promos            # promotions on now, their dates and source\n  \
        topup plans --operator entel --json")]
    Plans(PlansArgs),
    /// Buy a plan for a line: check → choose → double-check → pay → confirm
    #[command(after_help = "Examples:\n  \
        topup renew                     # guided: line, plan, payment, check, pay\n  \
        topup renew demo-entel --plan sandbox-entel-3gb --dry-run  # then stop\n  \
        topup renew demo-entel --plan sandbox-entel-3gb --yes      # no prompt\n  \
        topup renew demo-movistar --pay web --amount 5000    # on Movistar's page")]
    Renew(RenewArgs),
    /// Write down a purchase made elsewhere (a store, the operator's app, a gift)
    #[command(after_help = "Examples:\n  \
        topup record casa --plan wom-bolsa-5gb --via store\n  \
        topup record casa --amount 5000 --data 5GB --days 30 --at 2026-11-20 --via app\n  \
        topup record demo-wom --amount 3000 --via gift --json")]
    Record(RecordArgs),
    /// Renew the lines that are due (cron entry point); silent when nothing is due
    #[command(after_help = "Examples:\n  \
        topup auto --dry-run            # every line's decision, nothing paid\n  \
        topup auto --json               # from cron: a JSON report and an exit code\n  \
        topup schedule                  # a crontab line and a systemd timer for it")]
    Auto(AutoArgs),
    /// Every payment, newest first, with monthly totals per line
    #[command(after_help = "Examples:\n  \
        topup history                   # every order, and spend per month and line\n  \
        topup history --month 2026-11 --csv > noviembre.csv\n  \
        topup history demo-wom --since 2026-11-01 --json\n  \
        topup history --summary         # check your bills: spend and its change")]
    History(HistoryArgs),
    /// Settle orders whose outcome is unknown by asking the payment channel
    #[command(after_help = "Examples:\n  \
        topup reconcile                 # settle payments whose outcome was unknown\n  \
        topup reconcile --mark-failed 0190f3a2     # or by hand, once you checked\n  \
        topup reconcile --mark-confirmed 0190f3a2  # with the operator")]
    Reconcile(ReconcileArgs),
    /// Configured lines
    #[command(after_help = "Examples:\n  \
        topup lines                     # name, number, operator, balance, pay\n  \
        topup lines --json")]
    Lines,
    /// What topup knows about each operator, and how to renew there
    #[command(after_help = "Examples:\n  \
        topup operators                 # what is known, and what to configure\n  \
        topup operators wom             # one operator, with sources")]
    Operators(OperatorsArgs),
    /// Print a crontab line and a systemd timer for `topup auto`
    #[command(after_help = "Examples:\n  \
        topup schedule                  # a crontab line and a systemd timer\n  \
        topup schedule --json")]
    Schedule,
    /// Shell completions
    #[command(after_help = "Examples:\n  \
        topup completions bash > /etc/bash_completion.d/topup\n  \
        topup completions fish > ~/.config/fish/completions/topup.fish")]
    Completions(CompletionsArgs),
    /// Copy the ledger (every order) to a new file, safely while topup runs
    #[command(after_help = "Examples:\n  \
        topup backup ~/topup-ledger-2026-12.sqlite3\n  \
        topup backup /media/usb/topup.sqlite3 --json")]
    Backup(BackupArgs),
    /// Write a first config, or check the one in use
    #[command(
        subcommand,
        after_help = "Examples:\n  \
        topup config init               # a guided first config\n  \
        topup config check              # valid? its files, lines and channels"
    )]
    Config(ConfigCommand),
    /// Print a man page or shell completions
    #[command(
        subcommand,
        after_help = "Examples:\n  \
        topup generate man > topup.1\n  \
        topup generate completions zsh > ~/.zfunc/_topup"
    )]
    Generate(GenerateCommand),
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Line names or phone numbers (default: every line)
    #[arg(value_name = "LINE")]
    pub lines: Vec<String>,
    /// Every configured line (the default when no LINE is given)
    #[arg(long, conflicts_with = "lines")]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct PlansArgs {
    /// Line name or phone number: plans for its operator and payment channel
    #[arg(value_name = "LINE")]
    pub line: Option<String>,
    /// Only this operator's plans
    #[arg(long, value_name = "OP")]
    pub operator: Option<String>,
    /// Sort order
    #[arg(long, value_enum, default_value_t = PlanSort::Price)]
    pub sort: PlanSort,
    /// List the promotions the gateways run now (dates, source) instead of plans
    #[arg(long, conflicts_with = "sort")]
    pub promos: bool,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    /// Line name or phone number (asked for in a terminal)
    #[arg(value_name = "LINE")]
    pub line: Option<String>,
    /// Plan id, from `topup plans`, in any case (asked for in a terminal)
    #[arg(long, value_name = "ID", value_parser = plan_id)]
    pub plan: Option<PlanId>,
    /// How to pay (default: the line's `pay`)
    #[arg(long, value_enum, value_name = "METHOD")]
    pub pay: Option<PayMethod>,
    /// Pay this sum in pesos instead of a plan (with --pay web)
    #[arg(long, value_name = "CLP", value_parser = amount, conflicts_with = "plan")]
    pub amount: Option<Clp>,
    /// With --pay web: show the recharge page's address, do not open a browser
    #[arg(long)]
    pub no_open: bool,
    /// Pay without asking for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Show exactly what would be paid, and stop
    #[arg(long)]
    pub dry_run: bool,
    /// How long to wait for the payment to be confirmed
    #[arg(long, value_name = "DUR", default_value = "2m", value_parser = parse_duration)]
    pub wait_confirm: SignedDuration,
    /// Wait this long for another topup to finish (default: fail at once, exit 3)
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub wait_lock: Option<SignedDuration>,
    /// Pay nothing when the same plan was confirmed for the line this recently
    #[arg(long, value_name = "DUR", default_value = "30m", value_parser = parse_duration)]
    pub again_after: SignedDuration,
    /// Buy the plan even if it was confirmed within --again-after
    #[arg(long)]
    pub again: bool,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Line name or phone number
    #[arg(value_name = "LINE")]
    pub line: String,
    /// The plan bought: an id from your config's plans or `topup plans`
    #[arg(long, value_name = "ID", value_parser = plan_id, required_unless_present = "amount", conflicts_with = "amount")]
    pub plan: Option<PlanId>,
    /// The sum paid in pesos, when it was not a listed plan
    #[arg(long, value_name = "CLP", value_parser = amount)]
    pub amount: Option<Clp>,
    /// The data it brings, with --amount (500MB, 5GB)
    #[arg(long, value_name = "DATA", requires = "amount", conflicts_with = "plan", value_parser = data_amount)]
    pub data: Option<DataAmount>,
    /// The days it lasts, with --amount
    #[arg(long, value_name = "DAYS", requires = "amount", conflicts_with = "plan", value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: Option<u32>,
    /// When it was bought: YYYY-MM-DD or YYYY-MM-DDTHH:MM in Chile's time, or RFC 3339 (default: now)
    #[arg(long, value_name = "DATE", value_parser = parse_when)]
    pub at: Option<Timestamp>,
    /// Where it was bought
    #[arg(long, value_enum, value_name = "WHERE")]
    pub via: Option<Via>,
}

#[derive(Debug, Args)]
pub struct AutoArgs {
    /// Decide and report, without paying or running renew hooks
    #[arg(long)]
    pub dry_run: bool,
    /// Wait this long for another topup to finish (default: exit 3 at once)
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub wait_lock: Option<SignedDuration>,
    /// Renew at most this many lines in this run
    #[arg(long, value_name = "N")]
    pub max_renewals: Option<usize>,
    /// How long to wait for each payment to be confirmed
    #[arg(long, value_name = "DUR", default_value = "2m", value_parser = parse_duration)]
    pub wait_confirm: SignedDuration,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this line (name or phone number)
    #[arg(value_name = "LINE")]
    pub line: Option<String>,
    /// Only this calendar month (YYYY-MM, America/Santiago)
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<Month>,
    /// Only orders since this date (YYYY-MM-DD) or time (RFC 3339)
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Timestamp>,
    /// Export the orders as CSV
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Spend per month and line, with the change from the month before
    #[arg(long, conflicts_with_all = ["csv", "since"])]
    pub summary: bool,
    /// Print the table straight to the terminal, without $PAGER (less)
    #[arg(long)]
    pub no_pager: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy: a new file (never overwritten)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Only this line (name or phone number)
    #[arg(value_name = "LINE", conflicts_with_all = ["mark_confirmed", "mark_failed"])]
    pub line: Option<String>,
    /// Settle an unknown order by hand as paid, after checking with the
    /// operator or the gateway's dashboard
    #[arg(long, value_name = "ORDER", conflicts_with = "mark_failed", value_parser = order_id)]
    pub mark_confirmed: Option<OrderPrefix>,
    /// Settle an unknown order by hand as not paid, after checking with the
    /// operator or the gateway's dashboard
    #[arg(long, value_name = "ORDER", value_parser = order_id)]
    pub mark_failed: Option<OrderPrefix>,
    /// Wait this long for another topup to finish (default: exit 3 at once)
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub wait_lock: Option<SignedDuration>,
}

#[derive(Debug, Args)]
pub struct OperatorsArgs {
    /// One operator (entel, movistar, claro, wom, virgin)
    #[arg(value_name = "OP")]
    pub operator: Option<String>,
}

/// A mistyped order id flag, with where the right one is found.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("order-id-arg", error = .0.to_string()))]
struct OrderIdArgError(OrderIdError);

/// An order id flag, read once at the edge: a mistyped id is refused before
/// anything is locked or created.
fn order_id(text: &str) -> Result<OrderPrefix, OrderIdArgError> {
    text.parse().map_err(OrderIdArgError)
}

/// A sum of pesos to pay or record: more than zero and not absurd.
fn amount(text: &str) -> Result<Clp, String> {
    let clp: Clp = text
        .parse()
        .map_err(|e: crate::domain::money::AmountError| e.to_string())?;
    clp.validate_price().map_err(|e| e.to_string())
}

/// Data a purchase brings: more than nothing.
fn data_amount(text: &str) -> Result<DataAmount, String> {
    match text.parse::<DataAmount>() {
        Ok(d) if d.bytes() == 0 => Err(crate::t!("data-zero")),
        Ok(d) => Ok(d),
        Err(e) => Err(e.to_string()),
    }
}

/// Every plan id is lowercase (`PlanId` refuses others, in configs too), so
/// an id typed in another case can only mean its lowercase self. A bad id
/// is shown as typed.
fn plan_id(text: &str) -> Result<PlanId, PlanIdError> {
    text.to_ascii_lowercase().parse().map_err(|e| match e {
        PlanIdError::BadCharacter { character, .. } => PlanIdError::BadCharacter {
            id: text.trim().into(),
            character,
        },
        e => e,
    })
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write a first config, asking in a terminal (never overwrites a file)
    #[command(after_help = "Examples:\n  \
        topup config init               # asks for each answer\n  \
        topup config init --no-input --line casa --msisdn 987654321 \\\n      \
        --operator entel --balance sandbox --pay sandbox\n  \
        topup --config ./router.toml config init   # another file")]
    Init(InitArgs),
    /// Check the config; show its paths, lines and payment channels
    #[command(after_help = "Examples:\n  \
        topup config check              # valid? its files, lines and channels\n  \
        topup --config ./router.toml config check --json")]
    Check,
}

/// `config init`'s answers as flags (without a terminal each is required).
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The line's name, as you will type it (`topup renew NAME`)
    #[arg(long = "line", value_name = "NAME", value_parser = line_name)]
    pub name: Option<String>,
    /// The line's phone number
    #[arg(long, value_name = "NUMBER", value_parser = str::parse::<Msisdn>)]
    pub msisdn: Option<Msisdn>,
    /// The line's operator (entel, movistar, claro, wom, virgin)
    #[arg(long, value_name = "OP", value_parser = str::parse::<Operator>)]
    pub operator: Option<Operator>,
    /// How the balance is read
    #[arg(long, value_enum, value_name = "METHOD")]
    pub balance: Option<BalanceMethod>,
    /// How the line pays
    #[arg(long, value_enum, value_name = "METHOD")]
    pub pay: Option<PayMethod>,
    /// Reloadly client id, for --pay reloadly (Developers → API settings; not the secret)
    #[arg(long, value_name = "ID", value_parser = client_id)]
    pub reloadly_client_id: Option<String>,
}

/// Reloadly's client id, as the config loader takes it.
pub fn client_id(text: &str) -> Result<String, String> {
    match text.trim() {
        "" => Err("the Reloadly client id is empty; copy it from Reloadly's dashboard".into()),
        id => Ok(id.to_string()),
    }
}

fn line_name(text: &str) -> Result<String, LineNameError> {
    check_line_name(text).map(|()| text.to_string())
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// A man page in roff on stdout: topup(1), or one command's (`topup generate man renew`)
    #[command(after_help = "Examples:\n  \
        topup generate man > topup.1 && man ./topup.1\n  \
        topup generate man renew > topup-renew.1\n  \
        topup generate man config init > topup-config-init.1")]
    Man {
        /// A command (and subcommand) whose page to print
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Shell completions (the same as `topup completions SHELL`)
    #[command(after_help = "Examples:\n  \
        topup generate completions zsh > ~/.zfunc/_topup\n  \
        topup generate completions fish > ~/.config/fish/completions/topup.fish")]
    Completions(CompletionsArgs),
}

/// `topup`'s command with its help in the reader's language: each `help-…`
/// message there is replaces the derive's English (`help-about`,
/// `help-arg-config`, `help-balance-about`, `help-renew-arg-plan`,
/// `help-config-init-examples`, …). The derive stays English: it is the man
/// page's, the completions' and English help's.
pub fn localized_command() -> clap::Command {
    use crate::t;
    use clap::{Arg, ArgAction};
    let cmd = <Cli as clap::CommandFactory>::command();
    // clap adds its `--help`, `--version` and `help` when it builds the
    // command, in English: a built copy says where they go, and ours (in
    // the reader's words) take their place.
    let mut built = cmd.clone();
    built.build();
    localize(cmd, &built, "help")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("clap-flag-version"))
                .display_order(usize::MAX),
        )
        .disable_help_subcommand(true)
        .subcommand(
            clap::Command::new("help").about(t!("clap-help-subcommand")).arg(
                Arg::new("command")
                    .action(ArgAction::Append)
                    .num_args(..)
                    .value_name("COMMAND")
                    .help(t!("clap-help-subcommand-arg")),
            ),
        )
}

fn localize(mut cmd: clap::Command, built: &clap::Command, path: &str) -> clap::Command {
    let text = |id: String| {
        let text = crate::i18n::text(&id, None);
        (text != id).then_some(text)
    };
    if let Some(about) = text(format!("{path}-about")) {
        cmd = match text(format!("{path}-long-about")) {
            Some(long) => cmd.about(about).long_about(long),
            None => cmd.about(about).long_about(None::<&'static str>),
        };
    }
    // After the help: the examples (`…-examples`, the first paragraph) and,
    // for `topup` itself, what follows them (`…-after-examples`).
    if let Some(examples) = text(format!("{path}-examples")) {
        let english = cmd.get_after_help().map(ToString::to_string).unwrap_or_default();
        let rest = text(format!("{path}-after-examples"))
            .or_else(|| english.split_once("\n\n").map(|(_, rest)| rest.to_string()));
        cmd = cmd.after_help(match rest {
            Some(rest) => format!("{examples}\n\n{rest}"),
            None => examples,
        });
    }
    let args: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in args {
        if let Some(help) = text(format!("{path}-arg-{}", id.replace('_', "-"))) {
            cmd = cmd.mut_arg(&id, |a| a.help(help));
        }
        cmd = cmd.mut_arg(&id, arg_values);
    }
    let subcommands: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subcommands {
        let sub_path = format!("{path}-{name}");
        if let Some(built_sub) = built.find_subcommand(&name) {
            cmd = cmd.mut_subcommand(&name, |s| localize(s, built_sub, &sub_path));
        }
    }
    clap_words(cmd, built)
}

/// clap's own words (headings, `--help`) in the reader's language: clap has
/// no translations, so its template takes our headings and our `--help`
/// replaces its own, saying the same as the built copy's.
fn clap_words(cmd: clap::Command, built: &clap::Command) -> clap::Command {
    use crate::t;
    let styles = cmd.get_styles().clone();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let heading = |id: &str| format!("{}{}{}", header.render(), t!(id), header.render_reset());
    let usage_heading = t!("clap-usage");
    // A full-width colon (用法：) has its space in it.
    let space = if usage_heading.ends_with('：') { "" } else { " " };
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{usage_heading}{}{space}{{usage}}",
        usage.render(),
        usage.render_reset()
    );
    if built.has_subcommands() {
        template += &format!("\n\n{}\n{{subcommands}}", heading("clap-commands"));
    }
    if built.get_positionals().any(|a| !a.is_hide_set()) {
        template += &format!("\n\n{}\n{{positionals}}", heading("clap-arguments"));
    }
    if built.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        template += &format!("\n\n{}\n{{options}}", heading("clap-options"));
    }
    template += "{after-help}";
    let Some(clap_help) = built.get_arguments().find(|a| a.get_id() == "help") else {
        return cmd.help_template(template);
    };
    let help = clap::Arg::new("help")
        .short('h')
        .long("help")
        .action(clap::ArgAction::Help)
        .display_order(usize::MAX);
    let help = match clap_help.get_long_help() {
        Some(_) => help
            .help(t!("clap-flag-help-short"))
            .long_help(t!("clap-flag-help-long")),
        None => help.help(t!("clap-flag-help")),
    };
    cmd.help_template(template).disable_help_flag(true).arg(help)
}

/// An argument's default and possible values, written into its help in the
/// reader's language instead of clap's English `[default: …]` and
/// `[possible values: …]`; values with a description are listed one per line
/// in the long help (`clap-value-ARG-VALUE`).
fn arg_values(arg: clap::Arg) -> clap::Arg {
    use crate::t;
    let takes_values = arg.get_action().takes_values();
    let mut short = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let mut long = arg.get_long_help().map(ToString::to_string);
    // (short help's notes, long help's notes)
    let mut notes: Vec<(String, Option<String>)> = Vec::new();
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if takes_values && !arg.is_hide_possible_values_set() && !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        let note = t!("clap-possible-values", values = names.join(", "));
        if values.iter().any(|v| v.get_help().is_some()) {
            // Listed one per line in the long help instead, as clap does.
            let id = arg.get_id().as_str().replace('_', "-");
            let width = names.iter().map(|n| n.len()).max().unwrap_or(0);
            let mut list = format!(
                "{}\n\n{}",
                long.as_deref().unwrap_or(&short),
                t!("clap-possible-values-heading")
            );
            for value in &values {
                let key = format!("clap-value-{id}-{}", value.get_name());
                let text = match crate::i18n::text(&key, None) {
                    missing if missing == key => value.get_help().map(ToString::to_string).unwrap_or_default(),
                    text => text,
                };
                let name = format!("{}:", value.get_name());
                list += &format!("\n- {name:<width$} {text}", width = width + 1);
            }
            long = Some(list);
            notes.push((note, None));
        } else {
            notes.push((note.clone(), Some(note)));
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !arg.is_hide_default_value_set() && !defaults.is_empty() {
        let note = t!("clap-default", value = defaults.join(", "));
        notes.push((note.clone(), Some(note)));
    }
    if notes.is_empty() {
        return arg;
    }
    let bracketed = |notes: Vec<&String>| notes.iter().map(|n| format!("[{n}]")).collect::<Vec<_>>();
    short = format!(
        "{short} {}",
        bracketed(notes.iter().map(|(s, _)| s).collect()).join(" ")
    );
    let arg = arg.hide_default_value(true).hide_possible_values(true).help(short);
    match long {
        Some(long) => {
            let long_notes = bracketed(notes.iter().filter_map(|(_, l)| l.as_ref()).collect());
            match long_notes.is_empty() {
                true => arg.long_help(long),
                false => arg.long_help(format!("{long}\n\n{}", long_notes.join("\n"))),
            }
        }
        None => arg,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_bundle::concurrent::FluentBundle;

    /// The English `help-…` messages are the derive's words, each naming a
    /// real command or argument (a mistyped id would silently stay English
    /// in every language).
    #[test]
    fn english_help_messages_are_the_derives() {
        let file = include_str!("../locales/en/help.ftl");
        let resource = FluentResource::try_new(file.to_string()).expect("en/help.ftl parses");
        let mut bundle =
            FluentBundle::new_concurrent(vec!["en".parse::<unic_langid::LanguageIdentifier>().expect("en")]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("no id twice");
        let ids: BTreeSet<String> = fluent_syntax::parser::parse(file)
            .expect("en/help.ftl parses")
            .body
            .iter()
            .filter_map(|e| match e {
                // clap's own words (`clap-…`) have no derive text.
                fluent_syntax::ast::Entry::Message(m) if !m.id.name.starts_with("clap-") => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let get = |id: &str| {
            let pattern = bundle.get_message(id)?.value()?;
            Some(bundle.format_pattern(pattern, None, &mut Vec::new()).into_owned())
        };
        let mut seen = BTreeSet::new();
        let mut check = |id: String, derive: Option<String>| {
            if let Some(message) = get(&id) {
                assert_eq!(Some(message), derive, "{id}");
                seen.insert(id);
            }
        };
        fn walk(cmd: &clap::Command, path: &str, check: &mut dyn FnMut(String, Option<String>)) {
            let text = |s: Option<&clap::builder::StyledStr>| s.map(ToString::to_string);
            check(format!("{path}-about"), text(cmd.get_about()));
            check(format!("{path}-long-about"), text(cmd.get_long_about()));
            let after = text(cmd.get_after_help()).unwrap_or_default();
            let (examples, rest) = match after.split_once("\n\n") {
                Some((examples, rest)) => (examples.to_string(), Some(rest.to_string())),
                None => (after.clone(), None),
            };
            check(format!("{path}-examples"), Some(examples));
            check(format!("{path}-after-examples"), rest);
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str().replace('_', "-");
                check(format!("{path}-arg-{id}"), text(arg.get_help()));
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path}-{}", sub.get_name()), check);
            }
        }
        walk(&<super::Cli as clap::CommandFactory>::command(), "help", &mut check);
        // Each described possible value has its `clap-value-ARG-VALUE`, the
        // derive's words in English.
        let mut cmd = <super::Cli as clap::CommandFactory>::command();
        cmd.build();
        let mut described = Vec::new();
        fn values(cmd: &clap::Command, out: &mut Vec<(String, String)>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str().replace('_', "-");
                for value in arg.get_possible_values() {
                    if let Some(help) = value.get_help() {
                        out.push((format!("clap-value-{id}-{}", value.get_name()), help.to_string()));
                    }
                }
            }
            cmd.get_subcommands().for_each(|sub| values(sub, out));
        }
        values(&cmd, &mut described);
        for (id, help) in described {
            assert_eq!(get(&id), Some(help), "{id}");
        }
        let unused: Vec<&String> = ids.difference(&seen).collect();
        assert!(unused.is_empty(), "messages for no command or argument: {unused:?}");
    }
}
