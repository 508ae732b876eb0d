# errors-core: topup's own errors, hints and warnings (config, ledger,
# lines, plans, numbers, amounts, durations, orders, payments).

## Hints at the edge (error.rs)
hint-config-explicit = check --config / TOPUP_CONFIG, or copy config.example.toml there
hint-config-default = make it your config file (see config.example.toml) or remove it; only with nothing there does topup run on the sandbox
hint-config-utf8 = save the file as UTF-8
hint-config-syntax = the config is not valid TOML; see config.example.toml
hint-config-value = see config.example.toml for every key and its values
hint-config-rule = see config.example.toml
hint-not-ours = move the file away, or set TOPUP_STATE_DIR to topup's own state directory
hint-not-a-ledger = this file is not a topup ledger; { hint-not-ours }
hint-ledger-newer = upgrade topup; do not downgrade over a newer ledger
hint-ledger-damaged = something other than topup changed the ledger; restore it from a backup, or fix or remove that row
hint-ledger-io = the ledger could not be read or written; check the state directory's permissions and free space
hint-cap = raise monthly_cap_clp in the config, or wait for next month
ledger-opening = opening the ledger { $path }: { $problem }

## The config (config.rs)
config-not-utf8 = { $at }: the config is not valid UTF-8
config-out-of-range = { $n } is out of range (1 to { $max })
config-client-id-empty = is empty; copy it from Reloadly's dashboard (Developers > API settings)
config-not-url = `{ $text }` is not an http(s) URL
config-secret-both = set either client_secret_file or client_secret_command, not both
config-hilink-password-both = set either password_file or password_command, not both
config-hilink-username-alone = a username needs a password: set password_file or password_command too
config-hilink-username-empty = the username is empty; leave it out if the router needs no login
config-router-not-hilink = router is only for lines with balance = "hilink"
config-router-unknown = there is no [hilink.routers.{ $name }] (routers: { $known })
config-plan-twice = plan id `{ $id }` appears twice
config-plan-days = { $days } is not a plan's validity; write 1 to { $max } days
config-plan-data-zero = is zero; leave data out for a plan without data
config-number-twice = { $number } is also line `{ $line }`
config-operator-missing = is missing; set operator = "entel" | "movistar" | "claro" | "wom" | "virgin" (numbers are ported, so topup cannot tell from the number)
config-reloadly-missing = is reloadly but there is no [reloadly] section with credentials
config-negative = { $amount } is negative; amounts are zero or more
config-absurd = { $amount } is absurdly large; check for extra zeros
config-too-large = too large an amount
config-decimal-pesos = TOML read this as the decimal number { $number }, and pesos are whole: write them without separators, like 20000 (TOML also allows 20_000)
line-name-length = a line name must have 1 to 64 characters
line-name-character = the line name has `{ $character }`; use letters, digits, `-`, `_` and `.`
line-name-number = the line name looks like a phone number; pick a name like `casa` or `router-1`

## The ledger (ledger.rs)
ledger-not-ours = opening the ledger { $path }: this is not a topup ledger: { $why }
ledger-newer = opening the ledger { $path }: the ledger was written by a newer topup (schema { $found }, this one knows { $known })
ledger-damaged = the ledger's order { $order } is damaged: { $why }
ledger-missing = order { $order } is not in the ledger
ledger-writer-start = starting the ledger's writer thread
ledger-writer-stopped = the ledger's writer stopped before this change was written
ledger-illegal-move = order { $order } cannot move from { $from } to { $to }

## Numbers, plans, amounts, durations (domain)
suggest-did-you-mean = did you mean { $names }?
suggest-or = { " " }or{ " " }
msisdn-empty = empty phone number
msisdn-letters = `{ $text }` has letters; a phone number has only digits, like +56 9 8765 4321
msisdn-character = `{ $text }` has an unexpected character `{ $character }`; write it like +56 9 8765 4321
msisdn-not-chilean = `{ $text }` is not a Chilean number (+{ $code }…); topup handles Chilean lines, +56
msisdn-double-zero = `{ $text }`: write international numbers with +, like +56 9 8765 4321
msisdn-length = `{ $text }` has { $digits } digits; a Chilean mobile number has 9 (9 XXXX XXXX)
msisdn-length-after-code = `{ $text }` has { $digits } digits after +56; a Chilean mobile number has 9 (9 XXXX XXXX)
msisdn-not-mobile = `{ $text }` { $why }
msisdn-data-damaged = cannot be checked: topup's numbering data is damaged
msisdn-unallocated = is not in an allocated Chilean number range; check the digits
msisdn-commercial = is a service number (a 600/809 commercial line), not a mobile line
msisdn-service = is { $kind }, not a mobile line
msisdn-kind-toll-free = a toll-free service number
msisdn-kind-premium = a premium-rate service number
msisdn-kind-shared-cost = a shared-cost service number
msisdn-kind-voip = an internet telephony (VoIP) number
msisdn-kind-uan = a universal access (company) number
msisdn-landline = is a landline number; Chilean mobile numbers start with 9 (9 XXXX XXXX)
msisdn-unallocated-mobile = is not in an allocated Chilean mobile range; check the digits
plan-id-empty = empty plan id
plan-id-long = plan id `{ $id }…` is longer than 64 characters
plan-id-character = plan id `{ $id }` has `{ $character }`; plan ids use lowercase letters, digits, `-`, `_` and `.`
money-not-positive = { $amount } is not a price: it must be more than $0
money-too-high = { $amount } is more than the { $max } topup accepts for one plan; check for an extra zero
money-empty = `{ $text }` is not an amount of pesos
money-decimal = `{ $text }` has a decimal part; Chilean pesos are whole (write 12990 or 12.990)
money-malformed = `{ $text }` is not an amount of pesos (expected e.g. 12990 or $12.990)
money-too-large = `{ $text }` is too large an amount
data-malformed = `{ $text }` is not a data amount (expected e.g. 500 MB or 1,5 GB)
data-no-unit = `{ $text }` has no unit; write e.g. { $number } MB or { $number } GB
data-unknown-unit = `{ $text }`: unknown unit `{ $unit }` (use B, KB, MB, GB or TB)
data-too-large = `{ $text }` is too large a data amount
month-malformed = `{ $text }` is not a month; write it as YYYY-MM, e.g. 2026-11
date-malformed = `{ $text }` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01
duration-malformed = `{ $text }` is not a duration; write e.g. 30s, 2m, 12h or 2d
duration-months = `{ $text }`: use days instead of months or years (e.g. 30d)
duration-too-long = `{ $text }` is longer than a year; check the number
duration-negative = `{ $text }` is negative; durations must be zero or more
duration-whole-seconds = `{ $text }` is not a whole number of seconds; topup counts durations in seconds (e.g. 2s, not 1500ms)
duration-zero-timeout = `{ $text }` is zero; a timeout must be at least 1s
order-id-arg = { $error }; order ids (or 4 or more of their first characters) are listed by `topup history`
order-id-malformed = `{ $text }` is not an order id
pay-method-unknown = unknown payment method `{ $text }` (sandbox, reloadly or saldo)
order-status-unknown = unknown order status `{ $text }`
operator-unknown = unknown operator `{ $text }` (known: entel, movistar, claro, wom, virgin)
modem-sms-number = `{ $text }` is not a number to send an SMS to; write digits, e.g. 103 or +56912345678
modem-selector = `{ $text }` is not a modem; write `any`, a modem number such as `0` (see `mmcli -L`), or a path such as /org/freedesktop/ModemManager1/Modem/0

## Paying (channel)
pay-saldo-needs-modem = saldo is spent over USSD on the line's modem, so it needs balance = "modem"
pay-sandbox-on-modem = a simulated (sandbox) payment cannot change what the modem reads; use saldo or reloadly
pay-sandbox-on-real-line = the line pays with { $pay }; a simulated (sandbox) payment would mix fictional plans into its real history
pay-sandbox-not-chosen = the line does not say pay = "sandbox" or balance = "sandbox"; a simulated payment would mix fictional plans into its real history
pay-not-allowed = line { $line } cannot pay with { $pay }: { $why }
line-no-operator = line { $line } has no operator set
hint-line-no-operator = set operator = "…" for the line in the config

## Lines and the state directory (app.rs)
env-not-utf8 = { $name } is not valid UTF-8 text
hint-env-not-utf8 = set { $name } to plain text, or unset it
env-now-malformed = TOPUP_NOW=`{ $value }` is not an RFC 3339 time
hint-env-now = write it like 2026-11-25T12:00:00Z, or unset it
reloadly-not-configured = paying with Reloadly needs a [reloadly] section in the config
hint-reloadly-not-configured = see config.example.toml and the README's Reloadly section
line-ambiguous = `{ $name }` is ambiguous: lines { $lines } differ only in case
line-and = { " " }and{ " " }
hint-line-exact-case = write the line's name with its exact case
line-no-number = no configured line has the number { $number }
hint-line-sandbox-number = the sandbox has only its demo lines (`topup lines`); to use this number, add it to a config as [lines.NAME] with msisdn, operator and how it pays (see config.example.toml)
hint-line-add-number = add it to the config as [lines.NAME] with msisdn, operator and how it pays (see config.example.toml)
line-unknown = no line named `{ $name }`
hint-no-lines = the config has no lines; add one as [lines.NAME] (see config.example.toml)
hint-known-lines = known lines: { $lines }
state-no-home = cannot tell where to keep the ledger: HOME is not set
hint-state-dir = set TOPUP_STATE_DIR to a directory
state-unusable = the state directory { $dir } cannot be used: { $problem }
hint-state-absolute = set TOPUP_STATE_DIR to an absolute path
state-not-dir = the state directory { $dir } cannot be used: { $file } is not a directory
hint-state-not-dir = set TOPUP_STATE_DIR to a directory (or unset it)
state-create = cannot create the state directory { $dir }: { $problem }
hint-state-writable = set TOPUP_STATE_DIR to a writable directory

## Renewing and reconciling (flow.rs)
hint-no-plans-with = there are no plans for { $line } with { $pay }; see `topup plans { $line }`
hint-plans-here = plans here: { $plans }; see `topup plans { $line }`
plan-unknown = no plan `{ $plan }` for line { $line } paying with { $pay }
warn-earlier-order = earlier order { $order } ({ $plan }): { $was } → { $now }: { $note }
earlier-unsettled = an earlier payment for { $line } ({ $plan }, { $amount }) is still unsettled: { $note }
hint-could-pay-twice = run `topup reconcile` later; paying again now could pay twice
order-record-failed = order { $order } was sent, but recording its outcome failed: { $problem }
hint-record-failed = run `topup reconcile` once the ledger can be written; do not pay again
order-processing = order { $order } was accepted but is still processing
hint-order-processing = run `topup reconcile` in a few minutes; do not pay again
order-outcome-unknown = the outcome of order { $order } is unknown: { $reason }
hint-outcome-unknown = run `topup reconcile` later to settle it; do not pay again
order-problem = order { $order }: { $note }
order-is = order { $order } is { $note }
hint-reconcile-again = run `topup reconcile` again later
hint-mark-failed = run `topup reconcile` again later; if the operator confirms it did not happen, settle it with `topup reconcile --mark-failed { $order }`

## Commands
hint-usage = see `topup --help`, or `topup COMMAND --help`
auto-max-renewals = --max-renewals must be at least 1
auto-unknown-outcome = line { $line } has an order whose outcome is still unknown
hint-auto-unknown-outcome = run `topup reconcile`; auto will not pay this line until it is settled
auto-no-pay = line { $line } has an auto policy but no payment method
hint-auto-no-pay = set pay for the line or under its [lines.NAME.auto]
plans-wrong-operator = line { $line } is on { $operator }, not { $asked }
plans-no-way-to-pay = line { $line } has no way to pay, so no plans to list
hint-plans-no-way-to-pay = set pay = "reloadly" (with a [reloadly] section) or, on a modem line, pay = "saldo"; pay = "sandbox" tries the sandbox's fictional plans
completions-json = completions prints a shell script; --json does not apply
hint-completions-json = run `topup completions SHELL` without --json
init-no-home = cannot tell where to write the config: HOME is not set
hint-pass-config = pass --config PATH
init-exists = { $path } already exists; `topup config init` never overwrites a config
hint-init-exists = check it with `topup config check`, or write another file: topup --config PATH config init
init-cannot-write = cannot write the config { $path }: { $problem }
hint-init-elsewhere = pass --config PATH to write it elsewhere
init-pay-balance = --pay { $pay } cannot go with --balance { $balance }: { $why }
hint-init-help = see `topup config init --help`
init-needs = topup config init needs { $flag } and cannot ask: no terminal (or --no-input)
hint-init-needs = pass { $flag }, and every other answer as a flag (see `topup config init --help`)
init-interrupted = interrupted; nothing was written
prompt-failed = the prompt failed: { $problem }
hint-init-prompt = pass the answers as flags (see `topup config init --help`)
config-no-lines = the config has no lines
config-no-lines-at = the config { $path } has no lines
hint-config-no-lines = add one as [lines.NAME] with msisdn, operator and how it pays (see config.example.toml)
generate-no-command = `{ $bin }` has no command `{ $name }`
hint-known = known: { $names }
renew-needs = topup needs { $what } and cannot ask: no terminal (or --no-input)
renew-needs-line = which line to renew
hint-renew-needs-line = pass it: topup renew LINE --plan ID --yes
renew-needs-pay = how to pay
hint-renew-needs-pay = pass --pay sandbox|reloadly|saldo, or set pay for the line in the config
renew-needs-plan = which plan to buy
hint-renew-needs-plan = pass --plan ID (see `topup plans { $line }`), or --amount CLP to pay a sum on the operator's page (--pay web)
renew-needs-yes = confirmation to pay
hint-renew-needs-yes = pass --yes to pay without a prompt
hint-renew-prompt = pass the choices as flags
warn-unsettled = { $line } has { $n } unsettled order(s); a real renew would reconcile them first
warn-could-not-read = could not read { $line }: { $problem }
renew-no-lines = no lines are configured
hint-renew-no-lines = add one as [lines.NAME] (see config.example.toml)
renew-no-way-to-pay = line { $line } has no way to pay here
hint-renew-no-way-to-pay = configure [reloadly], or set pay for the line (see config.example.toml)
renew-no-plans = there are no plans to choose from
hint-renew-no-plans = list your operator's plans under [[operators.X.plan]], or pay a sum on the operator's page with --amount CLP (--pay web)
config-init-late = `config init` runs before a config is read
warn-no-secret = [reloadly] has no client secret: set client_secret_file, client_secret_command or TOPUP_RELOADLY_CLIENT_SECRET
warn-no-balance-codes = line { $line } reads its balance on the modem, but [operators.{ $operator }] has no balance_ussd or balance_sms (see `topup operators { $operator }`)
reconcile-no-order = there is no order { $order } in the ledger
hint-see-history = see `topup history`
reconcile-ambiguous = more than one order starts with { $prefix }
hint-reconcile-ambiguous = give more of its characters, as `topup history` shows them
reconcile-not-unknown = order { $order } is { $status }; only an order whose outcome is unknown (or still submitted) can be settled by hand

## caps, files, operators named on the command line
cap-exceeded = { $plan } would exceed { $scope } ({ $spent } spent or pending in { $month } + { $price } > { $cap })
cap-scope-line = line { $line }'s monthly cap
cap-scope-all = the monthly cap across all lines
file-missing = does not exist
file-dangling-link = is a symbolic link to { $target }, which does not exist
file-below-dangling-link = cannot be reached: { $link } is a symbolic link to { $target }, which does not exist
file-link-loop = is a symbolic link that loops back on itself
file-not-regular = { $kind ->
        [dir] is a directory, not a regular file
        [fifo] is a named pipe (FIFO), not a regular file
        [socket] is a socket, not a regular file
        [char-device] is a character device, not a regular file
        [block-device] is a block device, not a regular file
       *[other] is not a regular file
    }
file-too-large = is larger than { $bytes } bytes
file-permission-denied = cannot be read: permission denied
file-unreadable = cannot be read: { $why }
operator-unknown-arg = unknown operator `{ $name }`
hint-known-operators = { $guess }known: { $known }
pay-real-on-simulated = its balance is simulated (balance = "sandbox"), and a simulated reading must not decide a real payment; set balance = "ledger" or "modem" for a real line
lang-unknown = unknown language `{ $name }`; topup speaks zh-CN, es-CL and en
config-toml-syntax = { $detail }
config-serde-none = none
config-serde-unknown-key = unknown field `{ $key }`, expected one of { $keys }
config-serde-unknown-value = unknown variant `{ $value }`, expected one of { $values }
config-serde-missing-key = missing field `{ $key }`
config-serde-duplicate-key = duplicate field `{ $key }`
config-serde-invalid-type = invalid type: { $found }, expected { $expected }
config-serde-invalid-value = invalid value: { $found }, expected { $expected }
config-serde-found = { $kind ->
        [string] string { $value }
        [integer] integer { $value }
        [float] floating point { $value }
        [boolean] boolean { $value }
        [sequence] sequence
        [map] map
       *[other] { $value }
    }
config-serde-expected = { $kind ->
        [string] a string
        [integer] an integer
        [float] a number
        [boolean] a boolean
        [sequence] an array
        [map] a table
       *[other] { $text }
    }
config-file-problem = the config file { $path } { $problem }
ledger-backup-check = the copy of the ledger did not pass SQLite's check ({ $detail }); it was not kept
backup-no-ledger = there is no ledger to back up yet ({ $path }): topup has recorded no order
hint-backup-no-ledger = the ledger is made by the first order; TOPUP_STATE_DIR says where it is
backup-exists = { $path } already exists; topup never overwrites a file with a backup
hint-backup-exists = choose a new name, e.g. with the date: topup backup ~/topup-ledger-2026-12-06.sqlite3
backup-unwritable = cannot write a backup to { $path }: { $why }
hint-backup-unwritable = the folder must exist and be writable; nothing was written there
backup-why-no-folder = the folder does not exist
backup-why-permission = permission denied

## Web payments (renew --pay web) and records (topup record)
config-auto-web = is web, but `topup auto` runs without a person and a payment on the operator's page needs one; give [lines.{ $line }.auto] another pay (saldo, reloadly)
config-auto-web-line = is web, which [lines.{ $line }.auto] would pay with, but `topup auto` runs without a person; give the policy a pay of its own (saldo, reloadly)
amount-not-with = `--amount` pays a sum of your choice on the operator's page; { $pay } pays only the plans it lists
hint-amount-not-with = pass `--pay web` with `--amount`, or choose a plan with `--plan` (see `topup plans { $line }`)
hand-off-needs-person = paying with { $pay } needs a person at the operator's page; `topup auto` never pays that way
payer-not-paid = you said the payment did not go through; nothing is recorded as paid
hint-payer-not-paid = if it turns out the money was taken after all, write the purchase down with `topup record … --via web`
order-payer-knows = order { $order } is waiting for you to say whether the payment on the operator's page went through: topup cannot see it
hint-payer-settles = once you have checked (the operator's app, an SMS, your card statement), settle it: `topup reconcile --mark-confirmed { $order }` or `topup reconcile --mark-failed { $order }`; do not pay again before
record-plan-unknown = no plan `{ $plan }` is known for { $operator }
hint-record-plan-unknown = list it under [[operators.{ $operator }.plan]], or record the sum with `--amount CLP` (and `--data`, `--days`)
record-future = { $at } is in the future: a purchase is recorded once it is made
hint-record-future = give when it was bought with `--at` (YYYY-MM-DD, YYYY-MM-DDTHH:MM in Chile's time, or RFC 3339), or leave `--at` out for now
record-duplicate = this purchase was already recorded: order { $order } ({ $plan }, { $at })
hint-record-duplicate = nothing was written; if you bought it twice, give each purchase its time with `--at`
pay-record-not-a-method = `record` is how purchases made elsewhere are written down (`topup record`), not a way to pay
data-zero = the data is zero; leave --data out for a purchase without data
record-needs-plan = say what was bought: `--plan ID` or `--amount CLP`
