# help: `topup --help` (the derive in src/cli.rs is the English; these
# messages replace it in other languages). Ids: help-about,
# help-arg-<flag>, help-<command>-about, help-<command>-arg-<flag>.
help-about = Top-up assistant for prepaid mobile lines (Chile): check balance, choose a plan, pay, confirm
help-long-about = Top-up assistant for prepaid mobile lines (Chile first).

    Without a config file topup runs on a built-in sandbox (a simulated network with demo lines demo-entel, demo-movistar, demo-claro, demo-wom, demo-virgin), so every command can be tried safely.
help-arg-config = Config file (else $TOPUP_CONFIG, else $XDG_CONFIG_HOME/topup/config.toml; none = sandbox)
help-arg-json = Print JSON on stdout (errors as JSON on stderr)
help-arg-quiet = Print only errors on stderr
help-arg-verbose = Explain what topup is doing (never shows secrets)
help-arg-no-input = Never prompt; a missing choice is an error naming the flag (exit 8)
help-arg-color = When to use colour
help-arg-wide = Show every column of tables, however wide (else they fit the terminal, or 80 columns)
help-arg-lang = Language for people: zh-CN, es-CL or en (else TOPUP_LANG, the config's language, the locale)
help-balance-about = Saldo, data left and plan expiry per line; gateway account balances
help-plans-about = Compare plans: data, days, price, price per GB, promotions
help-renew-about = Buy a plan for a line: check → choose → double-check → pay → confirm
help-record-about = Write down a purchase made elsewhere (a store, the operator's app, a gift)
help-auto-about = Renew the lines that are due (cron entry point); silent when nothing is due
help-history-about = Every payment, newest first, with monthly totals per line
help-reconcile-about = Settle orders whose outcome is unknown by asking the payment channel
help-lines-about = Configured lines
help-operators-about = What topup knows about each operator, and how to renew there
help-schedule-about = Print a crontab line and a systemd timer for `topup auto`
help-completions-about = Shell completions
help-config-about = Write a first config, or check the one in use
help-generate-about = Print a man page or shell completions
help-examples =
    Examples:
      topup balance                   # saldo, data left, when each plan ends
      topup plans --sort price-per-gb # compare plans
      topup renew                     # guided, with a summary to check before paying
      topup config init               # a first config for your own line
help-after-examples = Exit codes: 0 ok, 2 usage/config/input, 3 locked, 4 credentials, 5 temporary (retry later), 6 declined, 7 outcome unknown (run `topup reconcile`), 8 input needed, 130 interrupted.

## topup balance
help-balance-arg-lines = Line names or phone numbers (default: every line)
help-balance-arg-all = Every configured line (the default when no LINE is given)
help-balance-examples =
    Examples:
      topup balance                   # saldo, data left, when each plan ends
      topup balance demo-wom --json   # one line, as JSON

## topup plans
help-plans-arg-line = Line name or phone number: plans for its operator and payment channel
help-plans-arg-operator = Only this operator's plans
help-plans-arg-sort = Sort order
help-plans-arg-promos = List the promotions the gateways run now (dates, source) instead of plans
help-plans-examples =
    Examples:
      topup plans --sort price-per-gb # also price, data, days
      topup plans demo-wom            # for one line's operator and payment
      topup plans --promos            # promotions on now, their dates and source
      topup plans --operator entel --json

## topup renew
help-renew-arg-line = Line name or phone number (asked for in a terminal)
help-renew-arg-plan = Plan id, from `topup plans`, in any case (asked for in a terminal)
help-renew-arg-pay = How to pay (default: the line's `pay`)
help-renew-arg-amount = Pay this sum in pesos instead of a plan (with --pay web)
help-renew-arg-no-open = With --pay web: show the recharge page's address, do not open a browser
help-renew-arg-yes = Pay without asking for confirmation
help-renew-arg-dry-run = Show exactly what would be paid, and stop
help-renew-arg-wait-confirm = How long to wait for the payment to be confirmed
help-renew-arg-wait-lock = Wait this long for another topup to finish (default: fail at once, exit 3)
help-renew-arg-again-after = Pay nothing when the same plan was confirmed for the line this recently
help-renew-arg-again = Buy the plan even if it was confirmed within --again-after
help-renew-examples =
    Examples:
      topup renew                     # guided: line, plan, payment, check, pay
      topup renew demo-entel --plan sandbox-entel-3gb --dry-run  # then stop
      topup renew demo-entel --plan sandbox-entel-3gb --yes      # no prompt
      topup renew demo-movistar --pay web --amount 5000    # on Movistar's page

## topup record
help-record-arg-line = Line name or phone number
help-record-arg-plan = The plan bought: an id from your config's plans or `topup plans`
help-record-arg-amount = The sum paid in pesos, when it was not a listed plan
help-record-arg-data = The data it brings, with --amount (500MB, 5GB)
help-record-arg-days = The days it lasts, with --amount
help-record-arg-at = When it was bought: YYYY-MM-DD or YYYY-MM-DDTHH:MM in Chile's time, or RFC 3339 (default: now)
help-record-arg-via = Where it was bought
help-record-examples =
    Examples:
      topup record casa --plan wom-bolsa-5gb --via store
      topup record casa --amount 5000 --data 5GB --days 30 --at 2026-11-20 --via app
      topup record demo-wom --amount 3000 --via gift --json

## topup auto
help-auto-arg-dry-run = Decide and report, without paying or running renew hooks
help-auto-arg-wait-lock = Wait this long for another topup to finish (default: exit 3 at once)
help-auto-arg-max-renewals = Renew at most this many lines in this run
help-auto-arg-wait-confirm = How long to wait for each payment to be confirmed
help-auto-examples =
    Examples:
      topup auto --dry-run            # every line's decision, nothing paid
      topup auto --json               # from cron: a JSON report and an exit code
      topup schedule                  # a crontab line and a systemd timer for it

## topup history
help-history-arg-line = Only this line (name or phone number)
help-history-arg-month = Only this calendar month (YYYY-MM, America/Santiago)
help-history-arg-since = Only orders since this date (YYYY-MM-DD) or time (RFC 3339)
help-history-arg-csv = Export the orders as CSV
help-history-examples =
    Examples:
      topup history                   # every order, and spend per month and line
      topup history --month 2026-11 --csv > noviembre.csv
      topup history demo-wom --since 2026-11-01 --json
      topup history --summary         # check your bills: spend and its change

## topup reconcile
help-reconcile-arg-line = Only this line (name or phone number)
help-reconcile-arg-mark-confirmed = Settle an unknown order by hand as paid, after checking with the operator or the gateway's dashboard
help-reconcile-arg-mark-failed = Settle an unknown order by hand as not paid, after checking with the operator or the gateway's dashboard
help-reconcile-arg-wait-lock = Wait this long for another topup to finish (default: exit 3 at once)
help-reconcile-examples =
    Examples:
      topup reconcile                 # settle payments whose outcome was unknown
      topup reconcile --mark-failed 0190f3a2     # or by hand, once you checked
      topup reconcile --mark-confirmed 0190f3a2  # with the operator

## topup lines
help-lines-examples =
    Examples:
      topup lines                     # name, number, operator, balance, pay
      topup lines --json

## topup operators
help-operators-arg-operator = One operator (entel, movistar, claro, wom, virgin)
help-operators-examples =
    Examples:
      topup operators                 # what is known, and what to configure
      topup operators wom             # one operator, with sources

## topup schedule
help-schedule-examples =
    Examples:
      topup schedule                  # a crontab line and a systemd timer
      topup schedule --json

## topup completions
help-completions-examples =
    Examples:
      topup completions bash > /etc/bash_completion.d/topup
      topup completions fish > ~/.config/fish/completions/topup.fish

## topup config
help-config-examples =
    Examples:
      topup config init               # a guided first config
      topup config check              # valid? its files, lines and channels
help-config-init-about = Write a first config, asking in a terminal (never overwrites a file)
help-config-init-arg-name = The line's name, as you will type it (`topup renew NAME`)
help-config-init-arg-msisdn = The line's phone number
help-config-init-arg-operator = The line's operator (entel, movistar, claro, wom, virgin)
help-config-init-arg-balance = How the balance is read
help-config-init-arg-pay = How the line pays
help-config-init-arg-reloadly-client-id = Reloadly client id, for --pay reloadly (Developers → API settings; not the secret)
help-config-init-examples =
    Examples:
      topup config init               # asks for each answer
      topup config init --no-input --line casa --msisdn 987654321 \
          --operator entel --balance sandbox --pay sandbox
      topup --config ./router.toml config init   # another file
help-config-check-about = Check the config; show its paths, lines and payment channels
help-config-check-examples =
    Examples:
      topup config check              # valid? its files, lines and channels
      topup --config ./router.toml config check --json

## topup generate
help-generate-examples =
    Examples:
      topup generate man > topup.1
      topup generate completions zsh > ~/.zfunc/_topup
help-generate-man-about = A man page in roff on stdout: topup(1), or one command's (`topup generate man renew`)
help-generate-man-arg-command = A command (and subcommand) whose page to print
help-generate-man-examples =
    Examples:
      topup generate man > topup.1 && man ./topup.1
      topup generate man renew > topup-renew.1
      topup generate man config init > topup-config-init.1
help-generate-completions-about = Shell completions (the same as `topup completions SHELL`)
help-generate-completions-examples =
    Examples:
      topup generate completions zsh > ~/.zfunc/_topup
      topup generate completions fish > ~/.config/fish/completions/topup.fish

## clap's own words (its headings, flags and value notes)
clap-usage = Usage:
clap-commands = Commands:
clap-arguments = Arguments:
clap-options = Options:
clap-flag-help = Print help
clap-flag-help-short = Print help (see more with '--help')
clap-flag-help-long = Print help (see a summary with '-h')
clap-flag-version = Print version
clap-help-subcommand = Print this message or the help of the given subcommand(s)
clap-help-subcommand-arg = Print help for the subcommand(s)
clap-possible-values = possible values: { $values }
clap-possible-values-heading = Possible values:
clap-default = default: { $value }
clap-value-pay-sandbox = The simulated network's payment (no money moves)
clap-value-pay-reloadly = Reloadly Airtime API (real money from the Reloadly account)
clap-value-pay-saldo = Bought with the line's own saldo over USSD
clap-value-pay-web = Paid by you on the operator's own recharge page, in your browser
clap-value-via-store = A shop, a kiosk or the operator's store
clap-value-via-app = The operator's app
clap-value-via-web = A web page, the operator's or another seller's
clap-value-via-gift = A gift: someone else topped the line up
clap-error-unknown-command = unrecognized subcommand '{ $name }'
clap-error-unknown-argument = unexpected argument '{ $arg }' found
clap-error-value-required = a value is required for '{ $arg }' but none was supplied
clap-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-error-invalid-value-why = invalid value '{ $value }' for '{ $arg }': { $why }
clap-error-missing = the following required arguments were not provided: { $args }
clap-error-missing-command = '{ $name }' requires a subcommand but one was not provided
clap-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-tip-pass-as-value = to pass '{ $arg }' as a value, use '-- { $arg }'
help-backup-about = Copy the ledger (every order) to a new file, safely while topup runs
help-backup-arg-path = Where to write the copy: a new file (never overwritten)
help-backup-examples =
    Examples:
      topup backup ~/topup-ledger-2026-12.sqlite3
      topup backup /media/usb/topup.sqlite3 --json
help-history-arg-summary = Spend per month and line, with the change from the month before
help-history-arg-no-pager = Print the table straight to the terminal, without $PAGER (less)
