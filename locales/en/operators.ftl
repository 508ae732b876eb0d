# operators: `topup operators`, the reasons of `topup auto`, the comments of
# `topup schedule`. The carrier facts' English is the data in src/carrier
# (a test checks it); their sources and URLs stay as they are.

## topup operators
operators-company = company: { $company }
operators-network-codes = network codes (MCC-MNC): { $codes }
operators-network-note = { $code }: { $note }
operators-how = how to check and renew:
operators-channel = { $purpose }: { $detail }
operators-kind-web = web
operators-kind-app = app
operators-kind-ussd = ussd
operators-kind-store = store
operators-third-party = [third-party source: verify]
operators-source = source: { $source }
operators-no-store = store: no sourced information on where to buy a recarga in person
operators-note = note: { $note }
operators-unknown = unknown (set in your config instead):
operators-config-ussd = your config: balance_ussd = { $code }
operators-config-plans = your config: { $count } plan(s)
operators-recharge = recharge page (renew --pay web): { $url }
operators-recharge-config = recharge page (renew --pay web): { $url } (your config: [operators.{ $op }] recharge_url)
operators-recharge-unknown = recharge page (renew --pay web): unknown; set [operators.{ $op }] recharge_url

## Carrier facts (src/carrier/*.rs)
operators-claro-company = Claro Chile S.A. (ClaroVTR joint venture)
operators-claro-purpose-0 = account
operators-claro-detail-0 = Sucursal Virtual Mi Claro (login with RUT and contraseña)
operators-claro-unknown-0 = USSD code and SMS keyword for balance (set [operators.claro] balance_ussd or balance_sms)
operators-claro-unknown-1 = USSD menu to buy a bolsa (set buy_ussd on each [[operators.claro.plan]])
operators-claro-unknown-2 = an official app for prepaid balance

operators-entel-company = Entel Telefonía Móvil S.A. (older lists: Entel PCS)
operators-entel-purpose-0 = balance and renew
operators-entel-detail-0 = Mi Entel app (login with RUT and password)
operators-entel-purpose-1 = prepaid portal
operators-entel-detail-1 = https://www.entel.cl/prepago/ (a balance page was not found)
operators-entel-source-1 = https://www.entel.cl/prepago/ as used by the SoloTodo storescraper
operators-entel-unknown-0 = USSD code and SMS keyword for balance (set [operators.entel] balance_ussd or balance_sms)
operators-entel-unknown-1 = USSD menu to buy a bolsa (set buy_ussd on each [[operators.entel.plan]])

operators-movistar-company = Telefónica Móvil de Chile
operators-movistar-recharge-source = a commented-out "Pagar Movistar" link in a third-party page's HTML (public code); not verified
operators-movistar-network-73007 = Movistar per Wikipedia and AOSP; GNOME lists Virgin Mobile under 730-07
operators-movistar-purpose-0 = balance and renew
operators-movistar-detail-0 = App Mi Movistar (login with RUT and contraseña)
operators-movistar-purpose-1 = help centre
operators-movistar-detail-1 = atencionalcliente.movistar.cl
operators-movistar-quirk-0 = a 2025 press report says Telefónica is exiting Chile; the brand's future is not known
operators-movistar-unknown-0 = USSD code and SMS keyword for balance (set [operators.movistar] balance_ussd or balance_sms)
operators-movistar-unknown-1 = USSD menu to buy a bolsa (set buy_ussd on each [[operators.movistar.plan]])

operators-virgin-company = Tribe Mobile Chile SpA (MVNO on Movistar)
operators-virgin-recharge-source = https://khipu.com (its home page's list of merchants that take khipu links Virgin's recarga page; seen in a saved copy of that page, not on virginmobile.cl); not verified
operators-virgin-purpose-0 = website
operators-virgin-detail-0 = virginmobile.cl exists; no balance page was found
operators-virgin-unknown-0 = USSD code and SMS keyword for balance (set [operators.virgin] balance_ussd or balance_sms)
operators-virgin-unknown-1 = USSD menu to buy a bolsa (set buy_ussd on each [[operators.virgin.plan]])
operators-virgin-unknown-2 = which MNC its SIMs carry (730-13 or 730-07: sources disagree)
operators-virgin-unknown-3 = an app for prepaid balance

operators-wom-company = WOM (Novator Partners; former Nextel)
operators-wom-purpose-0 = balance
operators-wom-detail-0 = dial *103# then option 2; the balance shows on screen (or call 103, option 2)
operators-wom-purpose-1 = balance and renew
operators-wom-detail-1 = APP WOM shows Saldo and Extra Saldo
operators-wom-purpose-2 = account
operators-wom-detail-2 = sucursal virtual MiWOM, miwom.wom.cl (login with RUT or number + SMS code)
operators-wom-quirk-0 = Extra Saldo (gifts, promotions) cannot buy plans: only Saldo counts when topup checks whether a plan is affordable (source: https://www.wom.cl/centro-de-ayuda/como-contrato-spotify-con-cargo-a-mi-boleta/)
operators-wom-quirk-1 = WOM entered US Chapter 11 in April 2024; ownership changed since
operators-wom-unknown-0 = verbatim reply of *103# (the code itself is from a third-party page: check it on your SIM)
operators-wom-unknown-1 = USSD menu to buy a bolsa (set buy_ussd on each [[operators.wom.plan]])

operators-common-unknown-0 = verbatim balance reply texts (set [operators.X] saldo_pattern / data_pattern if topup cannot read yours)
operators-common-unknown-1 = current prepaid plan (bolsa) catalogue and prices (list yours under [[operators.X.plan]])
operators-common-unknown-2 = minimum and maximum recarga amounts
operators-common-unknown-3 = official recarga page and accepted payment methods

## topup auto: the Reason column
reason-no-policy = no auto policy
reason-reconcile = an earlier order's outcome is not settled; reconciling before paying again
reason-unknown-plan = plan `{ $plan }` is not known for this line; check `plan` under [lines.NAME.auto] against `topup plans`
reason-no-validity = plan `{ $plan }` has no validity period, so the default rule (renew with a third of it left) cannot apply; set when_data_below, when_saldo_below or before_expiry
reason-unread = no reading of { $missing }, so whether renewal is due cannot be told; not renewing blindly
reason-calm = not due: { $calm }
reason-calm-partly-read = not due: { $calm } ({ $missing } not read)
reason-plan-expired = plan expired { $ago } ago
reason-data-unlimited = data unlimited
reason-data-below = data { $left } < { $threshold }
reason-data-enough = data { $left } ≥ { $threshold }
reason-saldo-below = saldo { $saldo } < { $threshold }
reason-saldo-enough = saldo { $saldo } ≥ { $threshold }
reason-missing-data = data left
reason-missing-saldo = saldo
reason-missing-expiry = plan expiry
reason-within = within { $window }
reason-third-of-validity = a third or less of the plan's { $days } days
reason-expires-soon = expires in { $left }, { $label }
reason-expires = expires in { $left }
reason-and = {", "}
reason-or = {" or "}
reason-blocked-due = { $guard }; due: { $due }
reason-cooldown = last renewal { $ago } ago; min_interval { $interval } ends { $ends } (in { $left })
reason-cap = { $plan } would exceed { $scope } ({ $spent } spent or pending in { $month } + { $price } > { $cap })
reason-cap-line = line { $line }'s monthly cap
reason-cap-all = the monthly cap across all lines
reason-max-renewals = due ({ $reason }) but --max-renewals { $max } was reached

## topup schedule: comments around what to copy
schedule-no-config = no config file: this schedule would renew the sandbox's demo lines
schedule-cron = # --- cron: add with `crontab -e` ---
schedule-systemd = # --- or systemd: save both files, then
schedule-linger = # (for a timer that runs while you are logged out: loginctl enable-linger $USER)
schedule-crontab-comment = topup: renew prepaid lines when due; silent unless something happened
schedule-service-description = Renew prepaid lines that are due (topup auto)
schedule-timer-description = Run topup auto every { $minutes } minutes
schedule-path-not-text = { $what ->
        [config] the config path
       *[state] the state directory
    } ({ $path }) cannot be written into a crontab or a systemd unit: its name is not UTF-8, or has control or invisible characters
hint-schedule-path-not-text = use a path whose name is plain text (set TOPUP_STATE_DIR / --config)
