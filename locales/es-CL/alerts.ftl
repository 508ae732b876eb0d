# Alertas: reglas que solo avisan (action = "notify"), keep_alive y
# promociones (`[auto] watch_promotions`, `topup plans --promos`).

## auto: motivos
reason-no-plan = la regla no indica qué plan comprar; define `plan` en [lines.NAME.auto]
reason-no-trigger = la regla no define ningún disparador (when_data_below, when_saldo_below, before_expiry o keep_alive) ni un plan para la regla por defecto
reason-alerted = ya se avisó hace { $ago }; se vuelve a avisar cuando la línea pase su umbral o se recargue; toca: { $due }
reason-keep-alive = sin recarga confirmada hace { $since } (keep_alive { $keep_alive }; el saldo se puede perder { $days } días después de la última recarga)
reason-keep-alive-calm = última recarga confirmada hace { $since } (keep_alive { $keep_alive })
reason-missing-last-topup = la última recarga (no hay ninguna confirmada para este número)

## config
config-keep-alive-range = keep_alive debe ser mayor que 0 y menor que { $days }d (dice { $value }): el saldo se puede perder { $days } días después de la última recarga (Subtel), así que una recarga más tardía podría llegar tarde; 170d le deja margen a un cron diario por si una ejecución falla
config-auto-plan-missing = una regla que renueva necesita `plan` (el plan que se compra; mira `topup plans`), o pon action = "notify" para que solo avise
config-auto-notify-no-trigger = una regla que solo avisa y no tiene plan necesita un disparador: when_data_below, when_saldo_below, before_expiry o keep_alive (la regla por defecto necesita la vigencia de un plan)

## auto: el informe
decision-alert = avisar
decision-would-alert = avisaría
col-new-promotion = Promoción nueva
col-promotion-would-alert = Avisaría: promoción
alerts-sent = avisos: { $lines } de líneas, { $promotions } de promociones
promotions-no-operator = no se revisaron las promociones de la línea { $line }: { $why }
promotions-unlisted = { $pay } no pudo listar las promociones de { $operator }: { $why }

## lines
auto-notify-only = { $plan } (solo avisa)

## plans --promos
col-promotion = Promoción
col-from = Desde
col-until = Hasta
no-promotions = No hay promociones vigentes en los canales de pago de estas líneas.
promotions-source = Según { $source }.
promotions-sandbox-note = las promociones del sandbox son demostraciones ficticias; nunca cambian un precio.

## Promociones de demostración del sandbox (ficticias)
sandbox-promotion-entel = el doble de datos en todas las bolsas (demo)
sandbox-promotion-wom-early = 1 GB extra con cualquier recarga (demo)
sandbox-promotion-wom-late = WhatsApp gratis por 7 días (demo)
