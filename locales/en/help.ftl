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
help-auto-about = Renew the lines that are due (cron entry point); silent when nothing is due
help-history-about = Every payment, newest first, with monthly totals per line
help-reconcile-about = Settle orders whose outcome is unknown by asking the payment channel
help-lines-about = Configured lines
help-operators-about = What topup knows about each operator, and how to renew there
help-schedule-about = Print a crontab line and a systemd timer for `topup auto`
help-completions-about = Shell completions
help-config-about = Write a first config, or check the one in use
help-generate-about = Print a man page or shell completions
