# topup's words for people, in English. Every message here is also in
# es-CL.ftl and zh-CN.ftl with the same variables (a test checks).
# Spanish terms the reader meets in Chile carry a short gloss where they
# first appear: saldo (credit), bolsa (plan), recarga (top-up).

## Formats (jiff strftime)
format-date-time = %Y-%m-%d %H:%M %Z
format-date-time-no-zone = %Y-%m-%d %H:%M
format-date = %Y-%m-%d
# CLP amounts: a traveller could read a bare $ as dollars.
money = { $amount } CLP

## Everywhere
sandbox-banner = sandbox: simulated network, fictional plans, no money moves (see README)
error-line = { $label } { $message }
error-line-hint = { $label } { $message }; { $hint }
warning-line = warning: { $message }
label-error = error:
status-intent = intent
status-submitted = submitted
status-confirmed = confirmed
status-failed = failed
status-unknown = unknown
dash = —
unknown-value = unknown
unlimited = unlimited
data-used-month = { $used } used this month
data-used-month-of = { $used } of { $limit } used this month
ended = ended
in-duration = in { $duration }

sandbox-promo-discount = demo promo: 20% off, already in the price
sandbox-promo-per-gb = demo promo: best price per GB

## Column headers
col-line = Line
col-number = Number
col-operator = Operator
col-saldo = Saldo (credit)
col-data-left = Data left
col-plan-ends = Plan ends
col-plan = Plan
col-source = Source
col-plan-id = Plan id
col-name = Name
col-data = Data
col-days = Days
col-price = Price (CLP)
col-per-gb = Per GB
col-account-cost = Account cost
col-order = Order
col-when = When
col-amount = CLP
col-status = Status
col-paid-with = Paid with
col-reference = Reference
col-month = Month (Chile)
col-spent = Spent (confirmed)
col-orders = Orders
col-balance = Balance
col-pay = Pay
col-auto-plan = Auto plan
col-was = Was
col-now = Now
col-decision = Decision
col-reason = Reason

## balance
saldo-with-bonus = { $saldo } (+{ $bonus } bonus)
cell-error = error
account-balance = { $gateway } account balance: { $balance }

## plans
no-plans = No plans. List your operator's plans (bolsas) under [[operators.X.plan]] in the config.
promotion = ★ { $plan }: { $promo }

## history, lines, reconcile
no-orders = No orders yet.
no-lines = No lines configured in { $config }. Add one as [lines.NAME] (see config.example.toml).
nothing-to-reconcile = Nothing to reconcile: every order is settled.
from-sim = from SIM

## auto
decision-renew = renew
decision-would-renew = would renew
decision-skip = skip
decision-blocked = blocked
decision-reconcile = reconcile first
dry-run-nothing-paid = dry run: nothing was paid
renewed-failed = { $renewed } renewed, { $failed } failed

## renew: the summary, the wizard, the receipt
check-before-paying = Please check before paying:
field-line = line
field-operator = operator
field-plan = plan
field-data = data
field-days = days
field-promo = promo
field-price = price
field-charged = charged
field-pay-with = pay with
field-order = order
field-status = status
field-amount = amount
field-paid-with = paid with
field-reference = reference
field-time = time
field-problem = problem
field-before = before
field-now = now
charged-account = ≈ { $cost } to your { $gateway } account (before its discount)
sandbox-no-money = (sandbox: no money moves)
receipt = Receipt
line-now = { $line } now: { $balance }
status-balance = saldo { $saldo }, data { $data }
status-ends = plan ends { $ends }
ask-line = Which line?
ask-pay = Pay with?
ask-plan = Which plan?
only-choice = { $prompt } { $choice } (the only choice)
chosen = { $prompt } { $choice }
confirm-pay = Pay { $price } for { $plan } on { $line }?
nothing-paid = Nothing paid.
dry-run-nothing = Dry run: nothing was paid and nothing was written.
already-renewed = { $line }: order { $order } ({ $plan }, { $amount }) was { $status } { $ago } ago.
already-renewed-hint = Nothing was paid now. To buy the same plan once more, pass --again.
cancelled = cancelled; nothing was paid
paying = Paying { $price } for { $line }…

## reconcile: what happened to an order
note-stopped-before-sending = topup stopped before sending it; nothing was paid
note-went-through = the payment went through
note-failed = it failed ({ $reason }); no money was taken
note-never-received = the payment channel never received it; no money was taken
note-no-sign = { $note }, which does not prove it failed
note-too-early = not listed by the gateway yet; too early to tell, try again in a few minutes
note-pending = still processing at the gateway
note-could-not-ask = could not ask: { $why }
note-balance-no-sign = the balance shows no sign of the purchase yet

## Durations
unit-seconds = { $n }s
unit-minutes = { $n }m
unit-hours = { $n }h
unit-days = { $n }d

## Ctrl-C outside a question
interrupted = interrupted
hint-interrupted = if a payment was in flight, run `topup reconcile`

## config check, config init, reconcile by hand
check-config-ok = Config OK: { $path }
check-no-config-at = No config file at { $path }:
check-sandbox-init = topup runs on its built-in sandbox (`topup config init` writes one).
check-no-config = No config file: topup runs on its built-in sandbox.
check-state-dir = state dir
check-ledger = ledger
check-lock = lock
check-no-lines = No lines configured. Add one as [lines.NAME] (see config.example.toml).
check-reloadly-none = Reloadly: not configured (no [reloadly] section).
check-secret-nowhere = nowhere: not set
check-reloadly = Reloadly: { $environment } environment; client secret from { $source }.
init-wrote = Wrote { $path } (readable only by you).
init-fill-ussd = Fill in [operators.{ $operator }]: your USSD codes (see `topup operators { $operator }`).
init-give-secret = Give the Reloadly client secret: a file, a command or TOPUP_RELOADLY_CLIENT_SECRET.
init-next = Next: `topup config check`, then `topup balance { $line }`.
note-by-hand-paid = settled by hand: paid
note-by-hand-not-paid = settled by hand: not paid
backup-done = Backed up the ledger: { $orders ->
        [one] 1 order
       *[other] { $orders } orders
    }, { $kib } KiB, to { $path }
backup-restore = To restore it, see "Back up the ledger" in the README (stop topup auto first).
col-change = Change

## Web payments (renew --pay web) and records (topup record)
note-payer-knows = only you can tell whether the payment on the operator's page went through
web-steps-head = Order { $order } is written. Pay on { $operator }'s recharge page:
web-step-open = 1. Open { $url } (opening it in your browser)
web-step-open-self = 1. Open { $url } in your browser
web-step-pay = 2. Pay { $amount } for { $number }: { $plan }
web-step-watch = 3. topup then watches the line's balance for up to { $wait } to see the payment
web-step-ask = 3. Then come back here and say whether it went through
web-step-settle = 3. Then settle it: `topup reconcile --mark-confirmed { $order }` once paid,
    or `--mark-failed { $order }` if not
web-unverified = This address was seen only on a third-party page: check that it is
    { $operator }'s own before paying.
web-sandbox-line = { $line } is a sandbox line: its number is fictional, maybe someone's
    real one. topup did not open the page; do not pay for it.
web-waiting = Waiting for { $line }'s balance to show the payment (up to { $wait })…
ask-web-paid = Did the payment go through?
web-answer-yes = yes
web-answer-no = no
web-answer-unsure = not sure
field-page = page
record-over-cap = recorded all the same (the money is spent), but it takes { $scope } over: { $spent } + { $price } > { $cap } in { $month }; renewals that exceed it are refused until the month ends
recorded = Recorded (bought elsewhere; nothing was paid now)
field-ends = ends
record-ends = { $when } (estimated from its days)
init-fill-web = topup does not know { $name }'s recharge page: set recharge_url under [operators.{ $operator }] before `topup renew` (see `topup operators { $operator }`).
