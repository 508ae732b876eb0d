# operators: `topup operators`, los motivos de `topup auto` y los comentarios
# de `topup schedule`. Las fuentes y URL de los datos de cada compañía quedan
# tal cual.

## topup operators
operators-company = empresa: { $company }
operators-network-codes = códigos de red (MCC-MNC): { $codes }
operators-network-note = { $code }: { $note }
operators-how = cómo consultar y renovar:
operators-channel = { $purpose }: { $detail }
operators-kind-web = web
operators-kind-app = app
operators-kind-ussd = ussd
operators-kind-store = local
operators-third-party = [fuente de terceros: verifícalo]
operators-source = fuente: { $source }
operators-no-store = local: ninguna fuente dice dónde hacer una recarga en persona
operators-note = ojo: { $note }
operators-unknown = no se sabe (defínelo en tu configuración):
operators-config-ussd = tu configuración: balance_ussd = { $code }
operators-config-plans = tu configuración: { $count ->
    [one] { $count } plan
   *[other] { $count } planes
}
operators-recharge = página de recarga (renew --pay web): { $url }
operators-recharge-config = página de recarga (renew --pay web): { $url } (tu configuración: [operators.{ $op }] recharge_url)
operators-recharge-unknown = página de recarga (renew --pay web): desconocida; define [operators.{ $op }] recharge_url

## Datos de cada compañía (src/carrier/*.rs)
operators-claro-company = Claro Chile S.A. (joint venture ClaroVTR)
operators-claro-purpose-0 = cuenta
operators-claro-detail-0 = Sucursal Virtual Mi Claro (entras con tu RUT y contraseña)
operators-claro-unknown-0 = código USSD y palabra clave SMS para consultar el saldo (define balance_ussd o balance_sms en [operators.claro])
operators-claro-unknown-1 = menú USSD para comprar una bolsa (define buy_ussd en cada [[operators.claro.plan]])
operators-claro-unknown-2 = una app oficial para ver el saldo de prepago

operators-entel-company = Entel Telefonía Móvil S.A. (en listas antiguas: Entel PCS)
operators-entel-purpose-0 = saldo y renovación
operators-entel-detail-0 = app Mi Entel (entras con tu RUT y clave)
operators-entel-purpose-1 = portal de prepago
operators-entel-detail-1 = https://www.entel.cl/prepago/ (no se encontró una página de saldo)
operators-entel-source-1 = https://www.entel.cl/prepago/ tal como la usa el storescraper de SoloTodo
operators-entel-unknown-0 = código USSD y palabra clave SMS para consultar el saldo (define balance_ussd o balance_sms en [operators.entel])
operators-entel-unknown-1 = menú USSD para comprar una bolsa (define buy_ussd en cada [[operators.entel.plan]])

operators-movistar-company = Telefónica Móvil de Chile
operators-movistar-recharge-source = un enlace "Pagar Movistar" comentado en el HTML de una página de terceros (código público); sin verificar
operators-movistar-network-73007 = Movistar según Wikipedia y AOSP; GNOME pone a Virgin Mobile en 730-07
operators-movistar-purpose-0 = saldo y renovación
operators-movistar-detail-0 = App Mi Movistar (entras con tu RUT y contraseña)
operators-movistar-purpose-1 = centro de ayuda
operators-movistar-detail-1 = atencionalcliente.movistar.cl
operators-movistar-quirk-0 = según una nota de prensa de 2025, Telefónica se va de Chile; no se sabe qué pasará con la marca
operators-movistar-unknown-0 = código USSD y palabra clave SMS para consultar el saldo (define balance_ussd o balance_sms en [operators.movistar])
operators-movistar-unknown-1 = menú USSD para comprar una bolsa (define buy_ussd en cada [[operators.movistar.plan]])

operators-virgin-company = Tribe Mobile Chile SpA (OMV sobre la red de Movistar)
operators-virgin-recharge-source = https://khipu.com (la lista de comercios que aceptan khipu en su portada enlaza la página de recarga de Virgin; visto en una copia guardada de esa página, no en virginmobile.cl); sin verificar
operators-virgin-purpose-0 = sitio web
operators-virgin-detail-0 = virginmobile.cl existe; no se encontró una página de saldo
operators-virgin-unknown-0 = código USSD y palabra clave SMS para consultar el saldo (define balance_ussd o balance_sms en [operators.virgin])
operators-virgin-unknown-1 = menú USSD para comprar una bolsa (define buy_ussd en cada [[operators.virgin.plan]])
operators-virgin-unknown-2 = qué MNC llevan sus SIM (730-13 o 730-07: las fuentes no coinciden)
operators-virgin-unknown-3 = una app para ver el saldo de prepago

operators-wom-company = WOM (Novator Partners; ex Nextel)
operators-wom-purpose-0 = saldo
operators-wom-detail-0 = marca *103# y luego la opción 2; el saldo aparece en pantalla (o llama al 103, opción 2)
operators-wom-purpose-1 = saldo y renovación
operators-wom-detail-1 = la APP WOM muestra el Saldo y el Extra Saldo
operators-wom-purpose-2 = cuenta
operators-wom-detail-2 = sucursal virtual MiWOM, miwom.wom.cl (entras con tu RUT o tu número + código por SMS)
operators-wom-quirk-0 = el Extra Saldo (regalos, promociones) no sirve para comprar planes: topup solo cuenta el Saldo al revisar si te alcanza para un plan (fuente: https://www.wom.cl/centro-de-ayuda/como-contrato-spotify-con-cargo-a-mi-boleta/)
operators-wom-quirk-1 = WOM se acogió al Capítulo 11 en EE. UU. en abril de 2024; desde entonces cambió de dueños
operators-wom-unknown-0 = la respuesta textual de *103# (el código mismo viene de una página de terceros: compruébalo con tu SIM)
operators-wom-unknown-1 = menú USSD para comprar una bolsa (define buy_ussd en cada [[operators.wom.plan]])

operators-common-unknown-0 = el texto exacto de la respuesta de saldo (define saldo_pattern / data_pattern en [operators.X] si topup no logra leer la tuya)
operators-common-unknown-1 = el catálogo y los precios actuales de las bolsas de prepago (anota las tuyas en [[operators.X.plan]])
operators-common-unknown-2 = los montos mínimo y máximo de recarga
operators-common-unknown-3 = la página oficial de recarga y los medios de pago que acepta

## topup auto: la columna Motivo
reason-no-policy = sin regla de renovación automática
reason-reconcile = el resultado de un pedido anterior no está claro; se concilia antes de volver a pagar
reason-unknown-plan = el plan `{ $plan }` no existe para esta línea; revisa `plan` en [lines.NAME.auto] contra `topup plans`
reason-no-validity = el plan `{ $plan }` no tiene vigencia, así que no se puede aplicar la regla por defecto (renovar cuando quede un tercio); define when_data_below, when_saldo_below o before_expiry
reason-unread = no se pudo leer { $missing }, así que no se sabe si toca renovar; no se renueva a ciegas
reason-calm = no toca todavía: { $calm }
reason-calm-partly-read = no toca todavía: { $calm } (no se leyó { $missing })
reason-plan-expired = el plan venció hace { $ago }
reason-data-unlimited = datos ilimitados
reason-data-below = datos { $left } < { $threshold }
reason-data-enough = datos { $left } ≥ { $threshold }
reason-saldo-below = saldo { $saldo } < { $threshold }
reason-saldo-enough = saldo { $saldo } ≥ { $threshold }
reason-missing-data = los datos que quedan
reason-missing-saldo = el saldo
reason-missing-expiry = la vigencia del plan
reason-within = dentro de { $window }
reason-third-of-validity = queda un tercio o menos de los { $days } días del plan
reason-expires-soon = vence en { $left }, { $label }
reason-expires = vence en { $left }
reason-and = {", "}
reason-or = {" o "}
reason-blocked-due = { $guard }; toca renovar: { $due }
reason-cooldown = la última renovación fue hace { $ago }; el min_interval de { $interval } termina el { $ends } (en { $left })
reason-cap = { $plan } pasaría { $scope } ({ $spent } gastado o pendiente en { $month } + { $price } > { $cap })
reason-cap-line = el tope mensual de la línea { $line }
reason-cap-all = el tope mensual de todas las líneas juntas
reason-max-renewals = toca renovar ({ $reason }), pero se llegó a --max-renewals { $max }

## topup schedule: comentarios alrededor de lo que hay que copiar
schedule-no-config = no hay archivo de configuración: esta programación renovaría las líneas de demostración del sandbox
schedule-cron = # --- cron: agrégalo con `crontab -e` ---
schedule-systemd = # --- o con systemd: guarda los dos archivos y luego
schedule-linger = # (para que el timer corra aunque cierres sesión: loginctl enable-linger $USER)
schedule-crontab-comment = topup: recarga las líneas prepago cuando toca; no dice nada salvo que pase algo
schedule-service-description = Recarga las líneas prepago que vencen (topup auto)
schedule-timer-description = Ejecuta topup auto cada { $minutes } minutos
schedule-path-not-text = { $what ->
        [config] la ruta del archivo de configuración
       *[state] la carpeta de estado
    } ({ $path }) no se puede escribir en un crontab ni en una unidad de systemd: su nombre no es UTF-8 o tiene caracteres de control o invisibles
hint-schedule-path-not-text = usa una ruta cuyo nombre sea texto simple (define TOPUP_STATE_DIR o --config)
