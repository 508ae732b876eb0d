# Alerts: alert-only policies (action = "notify"), keep_alive, and
# promotions (`[auto] watch_promotions`, `topup plans --promos`).

## auto: reasons
reason-no-plan = the policy names no plan to buy; set `plan` under [lines.NAME.auto]
reason-no-trigger = the policy sets no trigger (when_data_below, when_saldo_below, before_expiry or keep_alive) and names no plan for the default rule
reason-alerted = already alerted { $ago } ago; alerts again once the line is above its threshold or topped up; due: { $due }
reason-keep-alive = no confirmed top-up for { $since } (keep_alive { $keep_alive }; saldo can lapse { $days } days after the last recarga)
reason-keep-alive-calm = last confirmed top-up { $since } ago (keep_alive { $keep_alive })
reason-missing-last-topup = the last top-up (none confirmed for this number)

## config
config-keep-alive-range = keep_alive must be more than 0 and less than { $days }d (got { $value }): saldo can lapse { $days } days after the last recarga (Subtel), so a later top-up could come too late; 170d leaves a daily cron room for a failed run
config-auto-plan-missing = a policy that renews needs `plan` (the plan to buy; see `topup plans`), or set action = "notify" to only alert
config-auto-notify-no-trigger = an alert-only policy without a plan needs a trigger: when_data_below, when_saldo_below, before_expiry or keep_alive (the default rule needs a plan's validity)

## auto: the report
decision-alert = alert
decision-would-alert = would alert
col-new-promotion = New promotion
col-promotion-would-alert = Would alert: promotion
alerts-sent = alerts: { $lines } for lines, { $promotions } for promotions
promotions-no-operator = promotions for line { $line } not checked: { $why }
promotions-unlisted = { $pay } could not list { $operator }'s promotions: { $why }

## lines
auto-notify-only = { $plan } (alert only)

## plans --promos
col-promotion = Promotion
col-from = From
col-until = Until
no-promotions = No promotions on now from these lines' payment channels.
promotions-source = Listed by { $source }.
promotions-sandbox-note = sandbox promotions are fictional demos; they never change a price.

## The sandbox's demo promotions (fictional)
sandbox-promotion-entel = double data on every bolsa (demo)
sandbox-promotion-wom-early = 1 GB extra with any recarga (demo)
sandbox-promotion-wom-late = free WhatsApp for 7 days (demo)
