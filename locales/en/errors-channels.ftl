# errors-channels: what went wrong with Reloadly, the modem, the sandbox,
# secrets, commands, the lock and hooks, and what to do about it.
# The English is exactly what topup said before it had translations.

## Reloadly
reloadly-auth-unreachable = could not reach Reloadly's auth server: { $why }
reloadly-auth-silent = Reloadly's auth server did not answer: { $why }
reloadly-credentials-rejected = Reloadly rejected the client credentials (auth server answered { $answer })
reloadly-auth-answered = Reloadly's auth server answered { $answer }
reloadly-auth-unreadable = Reloadly's auth server answered HTTP { $status } with { $problem }
reloadly-no-token = Reloadly's auth server answered without an access token
reloadly-unreachable = could not reach Reloadly for { $call }: { $why }
reloadly-silent = Reloadly did not answer { $call }: { $why }
reloadly-rate-limited = Reloadly { $call } answered { $summary }{ $aside }
reloadly-rate-limited-aside = rate limited: { $limits }
reloadly-answered = Reloadly { $call } answered { $summary }
reloadly-unreadable = Reloadly { $call } answered HTTP { $status } with { $problem }
body-html = an HTML page, not JSON
body-empty = an empty body, not JSON
body-truncated = truncated JSON
body-not-json = a body that is not JSON
body-shape = JSON of an unexpected shape ({ $detail })
reloadly-http-client-setup = setting up the HTTP client for Reloadly
reloadly-no-balance = Reloadly { $call } answered without a balance
reloadly-key-not-listed = Reloadly { $call } listed { $listed } transactions but none under order key { $key }, so whether that order arrived is not known
reloadly-operator-undetected = Reloadly cannot tell which operator { $number } belongs to
reloadly-operator-not-listed = Reloadly lists no operator named { $wanted } in Chile (it lists: { $listed })
reloadly-no-account-amount = the operator takes amounts in the Reloadly account's currency, but none was given for { $amount }; the top-up was not sent
reloadly-not-made = { $why }; the top-up was not made, no money was taken
reloadly-not-sent = could not connect to Reloadly ({ $why }); the top-up was not sent, no money was taken
reloadly-refunded = Reloadly refunded the top-up: the operator did not complete it{ $aside }; no money was taken
reloadly-failed-at-operator = the top-up failed at the operator{ $aside }; no money was taken
reloadly-topup-rate-limited = Reloadly is rate limiting top-ups{ $aside }: { $summary }; no money was taken
reloadly-topup-refused = Reloadly refused the top-up: { $what } ({ $summary }); no money was taken
reloadly-topup-credentials-refused = Reloadly refused the credentials for the top-up ({ $summary }); no money was taken
reloadly-no-route = Reloadly has no { $call } there ({ $summary }); no money was taken
reloadly-topup-invalid = Reloadly refused the top-up ({ $why }); no money was taken
# An aside after a message: a space and the text in brackets.
reloadly-aside = {" "}({ $text })

## Reloadly's error codes: what happened (reloadly-code-…) and what to do (hint-reloadly-code-…)
reloadly-code-insufficient-balance = the Reloadly account balance is too low for this top-up
reloadly-code-max-daily-transaction-amount-reached = the Reloadly account reached its daily amount limit
reloadly-code-max-daily-transaction-count-reached = the Reloadly account reached its daily number of top-ups
reloadly-code-inactive-account = the Reloadly account is inactive
reloadly-code-account-not-found = Reloadly finds no account for these credentials
reloadly-code-invalid-credentials = Reloadly rejected the client credentials
reloadly-code-token-expired = Reloadly did not accept a freshly fetched access token
reloadly-code-invalid-token = Reloadly did not accept a freshly fetched access token
reloadly-code-invalid-recipient-phone = Reloadly says the number is not valid for this operator
reloadly-code-invalid-phone-number = Reloadly says the phone number is not valid
reloadly-code-invalid-sender-phone = Reloadly says the sender phone is not valid
reloadly-code-could-not-auto-detect-operator = Reloadly could not tell which operator the number belongs to
reloadly-code-operator-not-found = Reloadly does not know this operator
reloadly-code-country-not-supported = Reloadly does not support this country
reloadly-code-invalid-amount-for-operator = the operator does not take this amount on Reloadly
reloadly-code-invalid-amount = Reloadly says the amount is not valid
reloadly-code-invalid-amount-for-recipient-phone = the operator does not take this amount for this number
reloadly-code-impossible-amount = Reloadly cannot send this amount
reloadly-code-invalid-input-provided = Reloadly says the request was not valid
reloadly-code-phone-banned-by-operator = the operator does not allow top-ups to this number
reloadly-code-recipient-phone-inactive = the operator says the number is inactive
reloadly-code-transaction-rejected-by-operator = the operator rejected the top-up
reloadly-code-transaction-refused-by-operator = the operator refused the top-up
reloadly-code-recipient-reached-max-topup-number = the number reached the operator's limit of top-ups
reloadly-code-phone-recently-recharged = the number was topped up moments ago and Reloadly refuses another top-up within two minutes
reloadly-code-recipient-has-pending-transaction = another top-up to this number is still being processed
reloadly-code-operator-unavailable-or-currently-inactive = the operator is unavailable on Reloadly at the moment
reloadly-code-operator-not-in-service = the operator is not in service on Reloadly at the moment
reloadly-code-transaction-cannot-be-processed-at-the-moment = Reloadly cannot process the top-up at the moment
reloadly-code-topup-transaction-failed = the top-up failed at the operator
reloadly-code-transaction-failed-on-operator = the top-up failed at the operator
reloadly-code-provider-internal-error = Reloadly's provider had an internal error
reloadly-code-request-failed-on-provider = the request failed at Reloadly's provider
reloadly-code-request-processing-failed = Reloadly could not process the request
reloadly-code-connection-to-operator-temporarily-down = Reloadly's connection to the operator is down
reloadly-code-connection-to-operator-failed = Reloadly could not connect to the operator
reloadly-code-service-to-operator-temporarily-unavailable = service to the operator is temporarily unavailable
reloadly-code-fx-rate-not-available = Reloadly has no exchange rate for this operator at the moment

# What to do, per code: one of the hints below.
hint-reloadly-code-insufficient-balance = { hint-reloadly-add-funds }
hint-reloadly-code-max-daily-transaction-amount-reached = { hint-reloadly-daily-limit }
hint-reloadly-code-max-daily-transaction-count-reached = { hint-reloadly-daily-limit }
hint-reloadly-code-inactive-account = { hint-reloadly-activate }
hint-reloadly-code-account-not-found = { hint-reloadly-credentials }
hint-reloadly-code-invalid-credentials = { hint-reloadly-credentials }
hint-reloadly-code-token-expired = { hint-reloadly-credentials }
hint-reloadly-code-invalid-token = { hint-reloadly-credentials }
hint-reloadly-code-invalid-recipient-phone = { hint-reloadly-check-line }
hint-reloadly-code-invalid-phone-number = { hint-reloadly-check-line }
hint-reloadly-code-invalid-sender-phone = { hint-reloadly-check-line }
hint-reloadly-code-could-not-auto-detect-operator = { hint-reloadly-set-operator }
hint-reloadly-code-operator-not-found = { hint-reloadly-check-line }
hint-reloadly-code-country-not-supported = { hint-reloadly-check-line }
hint-reloadly-code-invalid-amount-for-operator = { hint-reloadly-check-amount }
hint-reloadly-code-invalid-amount = { hint-reloadly-check-amount }
hint-reloadly-code-invalid-amount-for-recipient-phone = { hint-reloadly-check-amount }
hint-reloadly-code-impossible-amount = { hint-reloadly-check-amount }
hint-reloadly-code-invalid-input-provided = { hint-reloadly-check-line }
hint-reloadly-code-phone-banned-by-operator = { hint-reloadly-ask-operator }
hint-reloadly-code-recipient-phone-inactive = { hint-reloadly-ask-operator }
hint-reloadly-code-transaction-rejected-by-operator = { hint-reloadly-ask-operator-or-amount }
hint-reloadly-code-transaction-refused-by-operator = { hint-reloadly-ask-operator-or-amount }
hint-reloadly-code-recipient-reached-max-topup-number = { hint-reloadly-wait-before-again }
hint-reloadly-code-phone-recently-recharged = { hint-reloadly-wait-two-minutes }
hint-reloadly-code-recipient-has-pending-transaction = { hint-reloadly-wait-pending }
hint-reloadly-code-operator-unavailable-or-currently-inactive = { hint-later }
hint-reloadly-code-operator-not-in-service = { hint-later }
hint-reloadly-code-transaction-cannot-be-processed-at-the-moment = { hint-later }
hint-reloadly-code-topup-transaction-failed = { hint-later }
hint-reloadly-code-transaction-failed-on-operator = { hint-later }
hint-reloadly-code-provider-internal-error = { hint-later }
hint-reloadly-code-request-failed-on-provider = { hint-later }
hint-reloadly-code-request-processing-failed = { hint-later }
hint-reloadly-code-connection-to-operator-temporarily-down = { hint-later }
hint-reloadly-code-connection-to-operator-failed = { hint-later }
hint-reloadly-code-service-to-operator-temporarily-unavailable = { hint-later }
hint-reloadly-code-fx-rate-not-available = { hint-later }

## Hints for Reloadly
hint-reloadly-credentials = check [reloadly] client_id and where the secret comes from (client_secret_file, client_secret_command or TOPUP_RELOADLY_CLIENT_SECRET); sandbox and live accounts have different credentials, so check [reloadly] environment too
hint-reloadly-check-line = check the line's number and operator in the config
hint-reloadly-check-amount = run `topup plans` for the amounts on offer
hint-reloadly-daily-limit = try again tomorrow, or ask Reloadly support to raise the account's daily limits
hint-reloadly-add-funds = add funds to the Reloadly account (dashboard → Wallet), then try again
hint-reloadly-activate = activate it in the Reloadly dashboard or ask Reloadly support
hint-reloadly-set-operator = set the line's operator in the config
hint-reloadly-check-operator = check the line's operator in the config
hint-reloadly-ask-operator = ask the operator about the line
hint-reloadly-ask-operator-or-amount = ask the operator about the line, or try another amount
hint-reloadly-wait-before-again = wait before topping it up again
hint-reloadly-wait-two-minutes = wait two minutes, then try again
hint-reloadly-wait-pending = wait a few minutes, check `topup history`, then try again
hint-reloadly-base-url = check [reloadly] base_url if it is set
hint-reloadly-server-trouble = Reloadly seems to be having trouble; try again later
hint-reloadly-rate-limited = Reloadly limits how often it may be called; wait, then try again
hint-reloadly-topup-rate-limited = wait for the limit to reset, then try again
hint-reloadly-failed-at-operator = Reloadly advises waiting 30 minutes before trying again
hint-reloadly-key-not-listed = look for the key in the Reloadly dashboard's transaction report

## Modem, USSD, SMS
modem-mmcli-missing = mmcli was not found (`{ $path }`)
modem-mmcli-unrunnable = could not run `{ $program }`: { $why }
modem-mmcli-stuck = mmcli did not answer within { $secs }s
modem-not-authorized = ModemManager refused: user `{ $user }` is not authorized to use the modem (polkit)
modem-not-enabled = modem `{ $modem }` is not enabled
modem-no-ussd = modem `{ $modem }` cannot do USSD
modem-no-messaging = modem `{ $modem }` cannot send or read SMS
modem-no-modem = no modem found for `{ $modem }`
modem-not-running = ModemManager is not running
modem-no-bus = cannot reach the system D-Bus, which ModemManager needs
modem-network-ended = the network ended the USSD session
modem-session-ended = the USSD session ended before its menu was answered
modem-session-open = another USSD session is open on the modem
modem-ussd-not-supported = the network or the modem refused the USSD request as not supported
modem-no-answer = the modem or the network did not answer in time
modem-lte-only = { $failure }; the modem is set to LTE only ({ $modes }), and many networks answer USSD only over 2G/3G
modem-timed-out = timed out after { $secs }s { $doing }
modem-empty-reply = the network sent an empty USSD reply
modem-no-sms-reply = no SMS reply from { $from } within { $secs }s
modem-sms-quotes = the SMS text { $text } has both ' and " quotes, which mmcli cannot send; drop one kind
modem-no-balance-codes = topup does not know how to ask { $operator } for the balance: its codes are not public
modem-unknown-sim = line { $line }: the SIM's operator code { $shown } is not one of the operators topup knows
modem-ambiguous-sim = line { $line }: the SIM's operator code { $shown } belongs to more than one operator in topup's sources
modem-no-buy-ussd = plan { $plan } has no buy_ussd, so it cannot be bought with saldo
modem-saldo-unread = the balance reply for { $line } did not show the saldo, so topup cannot check the price is covered
modem-saldo-short = saldo { $saldo } is { $short } short of { $price } for { $plan }{ $bonus }
modem-saldo-short-bonus = {" "}(bonus saldo { $bonus } cannot buy plans)
modem-nothing-bought = { $why }; nothing was bought
modem-line-gone = line { $line } ({ $number }) is no longer in the config, so its balance cannot be read

## Hints for the modem
hint-modem-lte-only = allow 3G too: `mmcli -m { $modem } { $fix }` (`mmcli -m { $modem }` lists the supported modes), then try again
hint-modem-mmcli-missing = install ModemManager, which provides mmcli, or set TOPUP_MMCLI to mmcli's path
hint-modem-mmcli-unrunnable = check that TOPUP_MMCLI points to mmcli and that it is executable
hint-modem-mmcli-stuck = the modem or ModemManager is busy or stuck; try again later
hint-modem-not-authorized =
    jobs without a login session (cron, timers) need a polkit rule; as root, save this as /etc/polkit-1/rules.d/50-topup.rules:
    { $rule }
hint-modem-not-enabled = enable it with `mmcli -m { $modem } -e`, or wait until ModemManager has enabled it
hint-modem-no-ussd = read the balance by SMS instead (balance_sms in the operator's config)
hint-modem-no-messaging = read the balance by USSD instead (balance_ussd in the operator's config)
hint-modem-no-modem = check that the modem is plugged in and listed by `mmcli -L`; the line's `modem` setting selects it
hint-modem-not-running = start it: sudo systemctl start ModemManager
hint-modem-no-bus = check that dbus is running on this machine
hint-modem-network-ended = try again later; if it keeps happening, check the code and answers in the config
hint-modem-session-ended = try again later; the network closes menus left unanswered for long
hint-modem-session-open = wait for it to end, or cancel it with `mmcli -m { $modem } --3gpp-ussd-cancel`
hint-modem-ussd-not-supported = check the code in the config; some networks refuse USSD while the modem is registered on LTE only (allow 3G: `mmcli -m { $modem } { $fix }`)
hint-modem-timed-out = the modem or the network is slow or busy; try again later
hint-modem-menu = the operator's menu differs from the config; update the USSD steps
hint-modem-no-sms-reply = the operator may be slow; try again later, or check the number and keyword in the config
hint-modem-no-balance-codes = set [operators.{ $operator }] balance_ussd = ["*code#", …] or balance_sms = {"{"} to = "…", text = "…" {"}"}; see `topup operators { $operator }`
hint-modem-set-operator = set operator = "…" for the line
hint-modem-no-buy-ussd = add buy_ussd = ["*code#", …] to the plan under [[operators.{ $operator }.plan]]
hint-modem-saldo-unread = set [operators.X] saldo_pattern if the reply shows it in a way topup does not read
hint-modem-saldo-short = top up saldo first (recarga), or pick a cheaper plan

## HiLink routers (Huawei's web API)
hilink-unreachable = nothing answers at { $url } ({ $why }): is the HiLink router at that address?
hilink-timed-out = the HiLink router at { $url } did not answer within { $secs }s
hilink-http = the request to the HiLink router at { $url } failed: { $why }
hilink-http-status = the HiLink router at { $url } answered HTTP { $status }
hilink-unreadable = the router's answer to { $endpoint } is not what a HiLink router sends ({ $why })
hilink-no-ussd = this router's firmware does not offer USSD (error 100002 at { $url })
hilink-not-supported = the router does not offer { $endpoint } (error 100002)
hilink-login-needed = the HiLink router at { $url } wants a login (error 100003)
hilink-busy = the HiLink router at { $url } is busy (error 100004)
hilink-wrong-password = the HiLink router at { $url } refused the username or password (error { $code })
hilink-too-many-tries = the HiLink router at { $url } refuses logins after too many wrong passwords (error 108007)
hilink-session = the HiLink router at { $url } ended topup's session again after a new login (error { $code })
hilink-device-error = the router answered { $endpoint } with error { $code }
hilink-not-ok = the router did not accept { $endpoint } (it answered { $answer })
hilink-ussd-refused = the router did not take the USSD request (it answered { $answer })
hilink-ussd-no-reply = the network sent no USSD reply within { $secs }s
hilink-ussd-empty = the router's USSD reply was empty
hilink-ussd-after-send = the USSD request was sent, but its reply could not be read: { $why }
hilink-on-lte = { $failure }; the router is on LTE (4G) now, and many networks answer USSD only over 2G/3G
hilink-no-network = the HiLink router at { $url } is not on a mobile network

## Hints for HiLink routers
hint-hilink-unreachable = check [hilink] url (or the line's router) and that this machine is on the router's network; HiLink devices answer at http://192.168.8.1 out of the box
hint-hilink-timed-out = the router may be restarting or busy; try again later
hint-hilink-not-hilink = check that the address is a HiLink router's web page
hint-hilink-no-ussd = read the balance by SMS instead (balance_sms in the operator's config)
hint-hilink-login-needed = set username and password_file (or password_command) under [hilink] (or the line's router)
hint-hilink-login-lost = the router still wants a login after topup logged in: check the username and password
hint-hilink-wrong-password = check username and the password in password_file, password_command or TOPUP_HILINK_PASSWORD
hint-hilink-too-many-tries = wait until the router accepts logins again (often a few minutes), and check the password before the next try
hint-hilink-session = another client may be logged in to the router (its web page, an app, Home Assistant): log it out, or try again later
hint-hilink-on-lte = if the router's network mode is LTE only, set it to auto (or allow 3G) in its web page, then try again; or read the balance by SMS (balance_sms)
hint-hilink-no-network = check the router's signal and SIM, then try again

## Sandbox
sandbox-unknown-fault = TOPUP_SANDBOX_FAULT=`{ $value }` is not a fault; use decline, timeout, unknown, unknown-unpaid or slow
sandbox-already-refused = the sandbox already refused this order
sandbox-unreachable = the sandbox gateway did not answer the connection; nothing was sent and no money was taken
sandbox-declined = the sandbox's simulated bank declined the payment; no money was taken
sandbox-state = opening the sandbox state { $path }: { $why }
sandbox-damaged = the sandbox state for { $number } is damaged
hint-sandbox-unreachable = try again later (unset TOPUP_SANDBOX_FAULT to stop simulating this)
hint-sandbox-declined = unset TOPUP_SANDBOX_FAULT to stop simulating declines
hint-sandbox-state = check the state directory's permissions and free space, or delete { $path } to start the sandbox over (it holds nothing real)
hint-sandbox-damaged = delete sandbox.sqlite3 in the state directory to start the sandbox over (it holds nothing real)

## Secrets
secret-env-not-text = { $what } in { $var } is not valid UTF-8 text
secret-unreadable = cannot read { $what } from { $path }: it { $problem }
secret-file-not-text = { $what } file { $path } is not UTF-8 text
secret-command-not-text = the command for { $what } printed something that is not text
secret-command = the command for { $what } { $problem }
secret-not-configured = { $what } is not configured
secret-empty = { $what } is empty
hint-secret-not-text = the secret must be UTF-8 text; save it as text, or unset what holds something else
hint-secret-empty = put the secret where topup reads it: its environment variable, the *_secret_file, or the *_secret_command's output
hint-secret-unreadable = point the *_secret_file key at a small file holding only the secret, or set the environment variable instead
hint-secret-not-configured = set { $var }, or a *_secret_file / *_secret_command in the config
hint-secret-command-output = make it print only the secret, promptly (run it by hand to see what it does)
hint-secret-command = run it by hand to see why

## Commands (secret commands, hooks): said after the command's name
shell-start = could not start: { $why }
shell-wait = could not be waited for: { $why }
shell-slow = took longer than { $duration } and was stopped
shell-verbose = printed more than { $limit } bytes
shell-verbose-stopped = printed more than { $limit } bytes and was stopped
shell-failed = failed ({ $exit })
shell-exit-status = exit status { $code }
shell-killed-by-signal = killed by signal { $signal }

## The lock
lock-held = another topup is running (lock { $path }{ $holder })
lock-still-held = another topup is still running after waiting { $waited } (lock { $path }{ $holder })
lock-modem-busy = another topup has been using the modem for over { $secs }s (lock { $path })
lock-held-by = , held by pid { $pid }
hint-lock-held = let it finish and try again; from cron, `topup auto --wait-lock 2m` waits for it
hint-lock-modem-busy = try again when it has finished

## Hooks and notifications
hook-failed = { $name } { $problem }
hook-notify-bad-url = notify_url is not a valid URL
hook-notify-unsent = notifying { $host } failed: { $why }
hook-notify-refused = notifying { $host } failed: it answered { $status }

## Shared hints
hint-network = check the network connection and try again
hint-later = try again later

## What topup was doing when an error came (before its own words)
context-reading-modem = reading the modem
context-reading-sim = reading the SIM
context-listing-sms-before = listing SMS before sending
context-sending-sms = sending { $text } to { $to }
context-listing-sms-waiting = listing SMS while waiting for the reply
context-writing-pid = writing the pid into { $path }
context-locking = locking { $path }
context-creating-state-dir = creating the state directory { $path }
context-opening-lock = opening the lock file { $path }

## Web payments (renew --pay web) and records (topup record)
web-no-page = topup does not know { $operator }'s recharge page
hint-web-no-page = set it in your config: { $key } = "https://…", the page where you recharge (`topup operators { $operator }` says what is known); nothing was written
web-open-start = could not start { $program }: { $why }
web-open-failed = { $program } failed ({ $status })
web-not-opened = the recharge page was not opened ({ $problem }): open the address above yourself, or set BROWSER
web-unread = could not read { $line }'s balance ({ $problem }): you will be asked whether the payment went through
