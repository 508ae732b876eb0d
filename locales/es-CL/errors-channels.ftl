# errors-channels: qué falló con Reloadly, el módem, el sandbox, los secretos,
# los comandos, el bloqueo y los hooks, y qué hacer.

## Reloadly
reloadly-auth-unreachable = no se pudo conectar con el servidor de autenticación de Reloadly: { $why }
reloadly-auth-silent = el servidor de autenticación de Reloadly no respondió: { $why }
reloadly-credentials-rejected = Reloadly rechazó las credenciales del cliente (el servidor de autenticación respondió { $answer })
reloadly-auth-answered = el servidor de autenticación de Reloadly respondió { $answer }
reloadly-auth-unreadable = el servidor de autenticación de Reloadly respondió HTTP { $status } con { $problem }
reloadly-no-token = el servidor de autenticación de Reloadly respondió sin un token de acceso
reloadly-unreachable = no se pudo conectar con Reloadly para { $call }: { $why }
reloadly-silent = Reloadly no respondió a { $call }: { $why }
reloadly-rate-limited = Reloadly respondió { $summary } a { $call }{ $aside }
reloadly-rate-limited-aside = límite de llamadas: { $limits }
reloadly-answered = Reloadly respondió { $summary } a { $call }
reloadly-unreadable = Reloadly respondió HTTP { $status } con { $problem } a { $call }
body-html = una página HTML, no JSON
body-empty = un cuerpo vacío, no JSON
body-truncated = un JSON cortado
body-not-json = un cuerpo que no es JSON
body-shape = un JSON con una forma inesperada ({ $detail })
reloadly-http-client-setup = preparando el cliente HTTP para Reloadly
reloadly-no-balance = Reloadly respondió a { $call } sin un saldo
reloadly-key-not-listed = { $listed ->
        [one] Reloadly listó 1 transacción en { $call }, pero ninguna con la clave de orden { $key }, así que no se sabe si esa orden llegó
       *[other] Reloadly listó { $listed } transacciones en { $call }, pero ninguna con la clave de orden { $key }, así que no se sabe si esa orden llegó
    }
reloadly-operator-undetected = Reloadly no puede saber a qué compañía pertenece { $number }
reloadly-operator-not-listed = Reloadly no tiene ninguna compañía llamada { $wanted } en Chile (las que tiene: { $listed })
reloadly-no-account-amount = la compañía recibe montos en la moneda de la cuenta de Reloadly, pero no se indicó ninguno para { $amount }; la recarga no se envió
reloadly-not-made = { $why }; la recarga no se hizo, no se cobró nada
reloadly-not-sent = no se pudo conectar con Reloadly ({ $why }); la recarga no se envió, no se cobró nada
reloadly-refunded = Reloadly devolvió la recarga: la compañía no la completó{ $aside }; no se cobró nada
reloadly-failed-at-operator = la recarga falló en la compañía{ $aside }; no se cobró nada
reloadly-topup-rate-limited = Reloadly está limitando las recargas{ $aside }: { $summary }; no se cobró nada
reloadly-topup-refused = Reloadly rechazó la recarga: { $what } ({ $summary }); no se cobró nada
reloadly-topup-credentials-refused = Reloadly rechazó las credenciales para la recarga ({ $summary }); no se cobró nada
reloadly-no-route = Reloadly no tiene { $call } ahí ({ $summary }); no se cobró nada
reloadly-topup-invalid = Reloadly rechazó la recarga ({ $why }); no se cobró nada
reloadly-aside = {" "}({ $text })

## Los códigos de error de Reloadly
reloadly-code-insufficient-balance = el saldo de la cuenta de Reloadly no alcanza para esta recarga
reloadly-code-max-daily-transaction-amount-reached = la cuenta de Reloadly llegó a su límite diario de monto
reloadly-code-max-daily-transaction-count-reached = la cuenta de Reloadly llegó a su límite diario de recargas
reloadly-code-inactive-account = la cuenta de Reloadly está inactiva
reloadly-code-account-not-found = Reloadly no encuentra ninguna cuenta con estas credenciales
reloadly-code-invalid-credentials = Reloadly rechazó las credenciales del cliente
reloadly-code-token-expired = Reloadly no aceptó un token de acceso recién obtenido
reloadly-code-invalid-token = Reloadly no aceptó un token de acceso recién obtenido
reloadly-code-invalid-recipient-phone = Reloadly dice que el número no es válido para esta compañía
reloadly-code-invalid-phone-number = Reloadly dice que el número de teléfono no es válido
reloadly-code-invalid-sender-phone = Reloadly dice que el teléfono de origen no es válido
reloadly-code-could-not-auto-detect-operator = Reloadly no pudo saber a qué compañía pertenece el número
reloadly-code-operator-not-found = Reloadly no conoce esta compañía
reloadly-code-country-not-supported = Reloadly no opera en este país
reloadly-code-invalid-amount-for-operator = la compañía no acepta este monto en Reloadly
reloadly-code-invalid-amount = Reloadly dice que el monto no es válido
reloadly-code-invalid-amount-for-recipient-phone = la compañía no acepta este monto para este número
reloadly-code-impossible-amount = Reloadly no puede enviar este monto
reloadly-code-invalid-input-provided = Reloadly dice que la solicitud no es válida
reloadly-code-phone-banned-by-operator = la compañía no permite recargas a este número
reloadly-code-recipient-phone-inactive = la compañía dice que el número está inactivo
reloadly-code-transaction-rejected-by-operator = la compañía rechazó la recarga
reloadly-code-transaction-refused-by-operator = la compañía rechazó la recarga
reloadly-code-recipient-reached-max-topup-number = el número llegó al límite de recargas de la compañía
reloadly-code-phone-recently-recharged = el número se recargó hace un momento y Reloadly no acepta otra recarga antes de dos minutos
reloadly-code-recipient-has-pending-transaction = todavía se está procesando otra recarga a este número
reloadly-code-operator-unavailable-or-currently-inactive = la compañía no está disponible en Reloadly en este momento
reloadly-code-operator-not-in-service = la compañía está fuera de servicio en Reloadly en este momento
reloadly-code-transaction-cannot-be-processed-at-the-moment = Reloadly no puede procesar la recarga en este momento
reloadly-code-topup-transaction-failed = la recarga falló en la compañía
reloadly-code-transaction-failed-on-operator = la recarga falló en la compañía
reloadly-code-provider-internal-error = el proveedor de Reloadly tuvo un error interno
reloadly-code-request-failed-on-provider = la solicitud falló en el proveedor de Reloadly
reloadly-code-request-processing-failed = Reloadly no pudo procesar la solicitud
reloadly-code-connection-to-operator-temporarily-down = la conexión de Reloadly con la compañía está caída
reloadly-code-connection-to-operator-failed = Reloadly no pudo conectarse con la compañía
reloadly-code-service-to-operator-temporarily-unavailable = el servicio hacia la compañía no está disponible por ahora
reloadly-code-fx-rate-not-available = Reloadly no tiene tipo de cambio para esta compañía en este momento

# Qué hacer con cada código: una de las sugerencias de abajo.
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

## Sugerencias para Reloadly
hint-reloadly-credentials = revisa [reloadly] client_id y de dónde sale el secreto (client_secret_file, client_secret_command o TOPUP_RELOADLY_CLIENT_SECRET); las cuentas sandbox y las de producción tienen credenciales distintas, así que revisa también [reloadly] environment
hint-reloadly-check-line = revisa el número y la compañía de la línea en la configuración
hint-reloadly-check-amount = ejecuta `topup plans` para ver los montos disponibles
hint-reloadly-daily-limit = inténtalo mañana, o pídele al soporte de Reloadly que suba los límites diarios de la cuenta
hint-reloadly-add-funds = carga fondos en la cuenta de Reloadly (panel → Wallet) y vuelve a intentarlo
hint-reloadly-activate = actívala en el panel de Reloadly o consulta al soporte de Reloadly
hint-reloadly-set-operator = indica la compañía de la línea en la configuración
hint-reloadly-check-operator = revisa la compañía de la línea en la configuración
hint-reloadly-ask-operator = consulta a la compañía por la línea
hint-reloadly-ask-operator-or-amount = consulta a la compañía por la línea, o prueba con otro monto
hint-reloadly-wait-before-again = espera un rato antes de volver a recargarlo
hint-reloadly-wait-two-minutes = espera dos minutos y vuelve a intentarlo
hint-reloadly-wait-pending = espera unos minutos, revisa `topup history` y vuelve a intentarlo
hint-reloadly-base-url = revisa [reloadly] base_url si está configurado
hint-reloadly-server-trouble = Reloadly parece tener problemas; inténtalo más tarde
hint-reloadly-rate-limited = Reloadly limita la frecuencia de las llamadas; espera y vuelve a intentarlo
hint-reloadly-topup-rate-limited = espera a que se reinicie el límite y vuelve a intentarlo
hint-reloadly-failed-at-operator = Reloadly recomienda esperar 30 minutos antes de volver a intentarlo
hint-reloadly-key-not-listed = busca la clave en el reporte de transacciones del panel de Reloadly

## Módem, USSD, SMS
modem-mmcli-missing = no se encontró mmcli (`{ $path }`)
modem-mmcli-unrunnable = no se pudo ejecutar `{ $program }`: { $why }
modem-mmcli-stuck = mmcli no respondió en { $secs } s
modem-not-authorized = ModemManager rechazó el acceso: el usuario `{ $user }` no tiene permiso para usar el módem (polkit)
modem-not-enabled = el módem `{ $modem }` no está habilitado
modem-no-ussd = el módem `{ $modem }` no puede usar USSD
modem-no-messaging = el módem `{ $modem }` no puede enviar ni leer SMS
modem-no-modem = no se encontró ningún módem para `{ $modem }`
modem-not-running = ModemManager no está corriendo
modem-no-bus = no se puede acceder al D-Bus del sistema, que ModemManager necesita
modem-network-ended = la red terminó la sesión USSD
modem-session-ended = la sesión USSD terminó antes de responder su menú
modem-session-open = hay otra sesión USSD abierta en el módem
modem-ussd-not-supported = la red o el módem rechazó la solicitud USSD por no ser compatible
modem-no-answer = el módem o la red no respondió a tiempo
modem-lte-only = { $failure }; el módem está configurado solo en LTE ({ $modes }), y muchas redes responden USSD solo por 2G/3G
modem-timed-out = se agotó el tiempo tras { $secs } s { $doing }
modem-empty-reply = la red envió una respuesta USSD vacía
modem-no-sms-reply = no llegó respuesta por SMS de { $from } en { $secs } s
modem-sms-quotes = el texto del SMS { $text } tiene comillas ' y ", y mmcli no puede enviarlo así; deja solo un tipo
modem-no-balance-codes = topup no sabe cómo consultarle el saldo a { $operator }: sus códigos no son públicos
modem-unknown-sim = línea { $line }: el código de compañía de la SIM, { $shown }, no corresponde a ninguna compañía que topup conozca
modem-ambiguous-sim = línea { $line }: el código de compañía de la SIM, { $shown }, corresponde a más de una compañía en las fuentes de topup
modem-no-buy-ussd = la bolsa { $plan } no tiene buy_ussd, así que no se puede comprar con saldo
modem-saldo-unread = la respuesta de saldo de { $line } no mostró el saldo, así que topup no puede verificar que alcance para el precio
modem-saldo-short = al saldo { $saldo } le faltan { $short } para pagar { $price } por { $plan }{ $bonus }
modem-saldo-short-bonus = {" "}(el saldo de bono { $bonus } no sirve para comprar bolsas)
modem-nothing-bought = { $why }; no se compró nada
modem-line-gone = la línea { $line } ({ $number }) ya no está en la configuración, así que no se puede leer su saldo

## Sugerencias para el módem
hint-modem-lte-only = permite también 3G: `mmcli -m { $modem } { $fix }` (`mmcli -m { $modem }` muestra los modos compatibles) y vuelve a intentarlo
hint-modem-mmcli-missing = instala ModemManager, que trae mmcli, o apunta TOPUP_MMCLI a la ruta de mmcli
hint-modem-mmcli-unrunnable = revisa que TOPUP_MMCLI apunte a mmcli y que sea ejecutable
hint-modem-mmcli-stuck = el módem o ModemManager está ocupado o pegado; inténtalo más tarde
hint-modem-not-authorized =
    las tareas sin sesión iniciada (cron, timers) necesitan una regla de polkit; como root, guarda esto en /etc/polkit-1/rules.d/50-topup.rules:
    { $rule }
hint-modem-not-enabled = habilítalo con `mmcli -m { $modem } -e`, o espera a que ModemManager lo habilite
hint-modem-no-ussd = consulta el saldo por SMS (balance_sms en la configuración de la compañía)
hint-modem-no-messaging = consulta el saldo por USSD (balance_ussd en la configuración de la compañía)
hint-modem-no-modem = revisa que el módem esté conectado y aparezca en `mmcli -L`; el ajuste `modem` de la línea indica cuál usar
hint-modem-not-running = inícialo: sudo systemctl start ModemManager
hint-modem-no-bus = revisa que dbus esté corriendo en este equipo
hint-modem-network-ended = inténtalo más tarde; si sigue pasando, revisa el código y las respuestas en la configuración
hint-modem-session-ended = inténtalo más tarde; la red cierra los menús que quedan mucho rato sin respuesta
hint-modem-session-open = espera a que termine, o cancélala con `mmcli -m { $modem } --3gpp-ussd-cancel`
hint-modem-ussd-not-supported = revisa el código en la configuración; algunas redes rechazan USSD cuando el módem está registrado solo en LTE (permite 3G: `mmcli -m { $modem } { $fix }`)
hint-modem-timed-out = el módem o la red está lento u ocupado; inténtalo más tarde
hint-modem-menu = el menú de la compañía no coincide con la configuración; actualiza los pasos USSD
hint-modem-no-sms-reply = puede que la compañía esté lenta; inténtalo más tarde, o revisa el número y la palabra clave en la configuración
hint-modem-no-balance-codes = configura [operators.{ $operator }] balance_ussd = ["*code#", …] o balance_sms = {"{"} to = "…", text = "…" {"}"}; ver `topup operators { $operator }`
hint-modem-set-operator = indica operator = "…" para la línea
hint-modem-no-buy-ussd = agrega buy_ussd = ["*code#", …] a la bolsa en [[operators.{ $operator }.plan]]
hint-modem-saldo-unread = configura [operators.X] saldo_pattern si la respuesta muestra el saldo de una forma que topup no lee
hint-modem-saldo-short = primero haz una recarga de saldo, o elige una bolsa más barata

## Routers HiLink (la API web de Huawei)
hilink-unreachable = nada responde en { $url } ({ $why }): ¿está el router HiLink en esa dirección?
hilink-timed-out = el router HiLink en { $url } no respondió en { $secs } s
hilink-http = falló la solicitud al router HiLink en { $url }: { $why }
hilink-http-status = el router HiLink en { $url } respondió HTTP { $status }
hilink-unreadable = la respuesta del router a { $endpoint } no es la de un router HiLink ({ $why })
hilink-no-ussd = el firmware de este router no ofrece USSD (error 100002 en { $url })
hilink-not-supported = el router no ofrece { $endpoint } (error 100002)
hilink-login-needed = el router HiLink en { $url } pide iniciar sesión (error 100003)
hilink-busy = el router HiLink en { $url } está ocupado (error 100004)
hilink-wrong-password = el router HiLink en { $url } rechazó el usuario o la contraseña (error { $code })
hilink-too-many-tries = el router HiLink en { $url } rechaza inicios de sesión tras demasiadas contraseñas erradas (error 108007)
hilink-session = el router HiLink en { $url } volvió a cerrar la sesión de topup después de un nuevo inicio de sesión (error { $code })
hilink-device-error = el router respondió a { $endpoint } con el error { $code }
hilink-not-ok = el router no aceptó { $endpoint } (respondió { $answer })
hilink-ussd-refused = el router no aceptó la solicitud USSD (respondió { $answer })
hilink-ussd-no-reply = la red no envió respuesta USSD en { $secs } s
hilink-ussd-empty = la respuesta USSD del router vino vacía
hilink-ussd-after-send = la solicitud USSD se envió, pero no se pudo leer su respuesta: { $why }
hilink-on-lte = { $failure }; el router está ahora en LTE (4G), y muchas redes responden USSD solo por 2G/3G
hilink-no-network = el router HiLink en { $url } no está en una red móvil

## Sugerencias para routers HiLink
hint-hilink-unreachable = revisa [hilink] url (o el router de la línea) y que este equipo esté en la red del router; los equipos HiLink responden de fábrica en http://192.168.8.1
hint-hilink-timed-out = el router puede estar reiniciándose u ocupado; inténtalo más tarde
hint-hilink-not-hilink = revisa que la dirección sea la página web de un router HiLink
hint-hilink-no-ussd = consulta el saldo por SMS (balance_sms en la configuración de la compañía)
hint-hilink-login-needed = configura username y password_file (o password_command) en [hilink] (o en el router de la línea)
hint-hilink-login-lost = el router sigue pidiendo iniciar sesión después de que topup lo hizo: revisa el usuario y la contraseña
hint-hilink-wrong-password = revisa username y la contraseña en password_file, password_command o TOPUP_HILINK_PASSWORD
hint-hilink-too-many-tries = espera a que el router vuelva a aceptar inicios de sesión (suelen ser unos minutos) y revisa la contraseña antes de reintentar
hint-hilink-session = puede que otro cliente tenga la sesión abierta en el router (su página web, una app, Home Assistant): ciérrala, o inténtalo más tarde
hint-hilink-on-lte = si el modo de red del router es solo LTE, cámbialo a automático (o permite 3G) en su página web y vuelve a intentarlo; o consulta el saldo por SMS (balance_sms)
hint-hilink-no-network = revisa la señal y el SIM del router, y vuelve a intentarlo

## Sandbox
sandbox-unknown-fault = TOPUP_SANDBOX_FAULT=`{ $value }` no es una falla válida; usa decline, timeout, unknown, unknown-unpaid o slow
sandbox-already-refused = el sandbox ya rechazó esta orden
sandbox-unreachable = la pasarela del sandbox no respondió a la conexión; no se envió nada y no se cobró nada
sandbox-declined = el banco simulado del sandbox rechazó el pago; no se cobró nada
sandbox-state = al abrir el estado del sandbox { $path }: { $why }
sandbox-damaged = el estado del sandbox para { $number } está dañado
hint-sandbox-unreachable = inténtalo más tarde (quita TOPUP_SANDBOX_FAULT para dejar de simular esto)
hint-sandbox-declined = quita TOPUP_SANDBOX_FAULT para dejar de simular rechazos
hint-sandbox-state = revisa los permisos y el espacio libre del directorio de estado, o borra { $path } para reiniciar el sandbox (no guarda nada real)
hint-sandbox-damaged = borra sandbox.sqlite3 en el directorio de estado para reiniciar el sandbox (no guarda nada real)

## Secretos
secret-env-not-text = { $what } en { $var } no es texto UTF-8 válido
secret-unreadable = no se puede leer { $what } desde { $path }: { $problem }
secret-file-not-text = el archivo de { $what }, { $path }, no es texto UTF-8
secret-command-not-text = el comando de { $what } imprimió algo que no es texto
secret-command = el comando de { $what }: { $problem }
secret-not-configured = { $what } no está configurado
secret-empty = { $what } está vacío
hint-secret-not-text = el secreto tiene que ser texto UTF-8; guárdalo como texto, o quita lo que contenga otra cosa
hint-secret-empty = pon el secreto donde topup lo lee: su variable de entorno, el *_secret_file o la salida del *_secret_command
hint-secret-unreadable = apunta la clave *_secret_file a un archivo pequeño que contenga solo el secreto, o usa la variable de entorno
hint-secret-not-configured = define { $var }, o un *_secret_file / *_secret_command en la configuración
hint-secret-command-output = haz que imprima solo el secreto, y rápido (ejecútalo a mano para ver qué hace)
hint-secret-command = ejecútalo a mano para ver por qué

## Comandos (de secretos, hooks): van después del nombre del comando
shell-start = no se pudo iniciar: { $why }
shell-wait = no se pudo esperar a que terminara: { $why }
shell-slow = tardó más de { $duration } y se detuvo
shell-verbose = imprimió más de { $limit } bytes
shell-verbose-stopped = imprimió más de { $limit } bytes y se detuvo
shell-failed = falló ({ $exit })
shell-exit-status = código de salida { $code }
shell-killed-by-signal = terminado por la señal { $signal }

## El bloqueo
lock-held = otro topup está corriendo (bloqueo { $path }{ $holder })
lock-still-held = otro topup sigue corriendo después de esperar { $waited } (bloqueo { $path }{ $holder })
lock-modem-busy = otro topup lleva más de { $secs } s usando el módem (bloqueo { $path })
lock-held-by = , lo tiene el pid { $pid }
hint-lock-held = deja que termine y vuelve a intentarlo; desde cron, `topup auto --wait-lock 2m` lo espera
hint-lock-modem-busy = vuelve a intentarlo cuando haya terminado

## Hooks y notificaciones
hook-failed = { $name } { $problem }
hook-notify-bad-url = notify_url no es una URL válida
hook-notify-unsent = falló la notificación a { $host }: { $why }
hook-notify-refused = falló la notificación a { $host }: respondió { $status }

## Sugerencias comunes
hint-network = revisa la conexión a internet y vuelve a intentarlo
hint-later = inténtalo más tarde

## What topup was doing when an error came (before its own words)
context-reading-modem = leyendo el módem
context-reading-sim = leyendo la SIM
context-listing-sms-before = listando los SMS antes de enviar
context-sending-sms = enviando { $text } a { $to }
context-listing-sms-waiting = listando los SMS mientras se espera la respuesta
context-writing-pid = escribiendo el pid en { $path }
context-locking = bloqueando { $path }
context-creating-state-dir = creando el directorio de estado { $path }
context-opening-lock = abriendo el archivo de bloqueo { $path }

## Web payments (renew --pay web) and records (topup record)
web-no-page = topup no conoce la página de recarga de { $operator }
hint-web-no-page = defínela en tu configuración: { $key } = "https://…", la página donde recargas (`topup operators { $operator }` dice lo que se sabe); no se escribió nada
web-open-start = no se pudo iniciar { $program }: { $why }
web-open-failed = { $program } falló ({ $status })
web-not-opened = no se abrió la página de recarga ({ $problem }): abre tú la dirección de arriba, o define BROWSER
web-unread = no se pudo leer el saldo de { $line } ({ $problem }): se te preguntará si el pago se realizó
