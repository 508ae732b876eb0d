# errors-core: los errores, pistas y avisos propios de topup (configuración,
# registro, líneas, bolsas, números, montos, plazos, órdenes, pagos).

## Pistas (error.rs)
hint-config-explicit = revisa --config / TOPUP_CONFIG, o copia ahí config.example.toml
hint-config-default = conviértelo en tu archivo de configuración (ver config.example.toml) o bórralo; topup usa el sandbox solo cuando no hay nada ahí
hint-config-utf8 = guarda el archivo como UTF-8
hint-config-syntax = la configuración no es TOML válido; ver config.example.toml
hint-config-value = ver config.example.toml para todas las claves y sus valores
hint-config-rule = ver config.example.toml
hint-not-ours = mueve el archivo a otro lado, o define TOPUP_STATE_DIR con el directorio de estado propio de topup
hint-not-a-ledger = este archivo no es un registro de topup; { hint-not-ours }
hint-ledger-newer = actualiza topup; no vuelvas a una versión anterior sobre un registro más nuevo
hint-ledger-damaged = algo distinto de topup modificó el registro; restáuralo desde un respaldo, o corrige o borra esa fila
hint-ledger-io = no se pudo leer ni escribir el registro; revisa los permisos y el espacio libre del directorio de estado
hint-cap = sube monthly_cap_clp en la configuración, o espera al próximo mes
ledger-opening = al abrir el registro { $path }: { $problem }

## La configuración (config.rs)
config-not-utf8 = { $at }: la configuración no es UTF-8 válido
config-out-of-range = { $n } está fuera de rango (de 1 a { $max })
config-client-id-empty = está vacío; cópialo del panel de Reloadly (Developers > API settings)
config-not-url = `{ $text }` no es una URL http(s)
config-secret-both = define client_secret_file o client_secret_command, no ambos
config-hilink-password-both = define password_file o password_command, no ambos
config-hilink-username-alone = un usuario necesita contraseña: define también password_file o password_command
config-hilink-username-empty = el usuario está vacío; omítelo si el router no pide iniciar sesión
config-router-not-hilink = router es solo para líneas con balance = "hilink"
config-router-unknown = no existe [hilink.routers.{ $name }] (routers: { $known })
config-plan-twice = el código de bolsa `{ $id }` aparece dos veces
config-plan-days = { $days } no es una vigencia de bolsa; escribe de 1 a { $max } días
config-plan-data-zero = es cero; omite data en una bolsa sin datos
config-number-twice = { $number } también es la línea `{ $line }`
config-operator-missing = falta; define operator = "entel" | "movistar" | "claro" | "wom" | "virgin" (con la portabilidad, topup no puede saber la compañía por el número)
config-reloadly-missing = es reloadly, pero no hay una sección [reloadly] con credenciales
config-negative = { $amount } es negativo; los montos son cero o más
config-absurd = { $amount } es demasiado grande; revisa si sobran ceros
config-too-large = monto demasiado grande
config-decimal-pesos = TOML leyó esto como el número decimal { $number }, y los pesos son enteros: escríbelos sin separadores, como 20000 (TOML también acepta 20_000)
line-name-length = el nombre de una línea debe tener de 1 a 64 caracteres
line-name-character = el nombre de la línea tiene `{ $character }`; usa letras, dígitos, `-`, `_` y `.`
line-name-number = el nombre de la línea parece un número de teléfono; elige un nombre como `casa` o `router-1`

## El registro (ledger.rs)
ledger-not-ours = al abrir el registro { $path }: no es un registro de topup: { $why }
ledger-newer = al abrir el registro { $path }: lo escribió un topup más nuevo (esquema { $found }, este conoce hasta el { $known })
ledger-damaged = la orden { $order } del registro está dañada: { $why }
ledger-missing = la orden { $order } no está en el registro
ledger-writer-start = al iniciar el escritor del registro
ledger-writer-stopped = el escritor del registro se detuvo antes de escribir este cambio
ledger-illegal-move = la orden { $order } no puede pasar de { $from } a { $to }

## Números, bolsas, montos, plazos (domain)
suggest-did-you-mean = ¿quisiste decir { $names }?
suggest-or = { " " }o{ " " }
msisdn-empty = número de teléfono vacío
msisdn-letters = `{ $text }` tiene letras; un número de teléfono tiene solo dígitos, como +56 9 8765 4321
msisdn-character = `{ $text }` tiene un carácter inesperado `{ $character }`; escríbelo como +56 9 8765 4321
msisdn-not-chilean = `{ $text }` no es un número chileno (+{ $code }…); topup maneja líneas chilenas, +56
msisdn-double-zero = `{ $text }`: escribe los números internacionales con +, como +56 9 8765 4321
msisdn-length = `{ $text }` tiene { $digits } dígitos; un celular chileno tiene 9 (9 XXXX XXXX)
msisdn-length-after-code = `{ $text }` tiene { $digits } dígitos después del +56; un celular chileno tiene 9 (9 XXXX XXXX)
msisdn-not-mobile = `{ $text }` { $why }
msisdn-data-damaged = no se puede verificar: los datos de numeración de topup están dañados
msisdn-unallocated = no está en un rango de numeración chileno asignado; revisa los dígitos
msisdn-commercial = es un número de servicio (una línea comercial 600/809), no un celular
msisdn-service = es { $kind }, no un celular
msisdn-kind-toll-free = un número de servicio gratuito
msisdn-kind-premium = un número de servicio de tarificación adicional
msisdn-kind-shared-cost = un número de servicio de costo compartido
msisdn-kind-voip = un número de telefonía por internet (VoIP)
msisdn-kind-uan = un número de acceso universal (de empresa)
msisdn-landline = es un número de red fija; los celulares chilenos empiezan con 9 (9 XXXX XXXX)
msisdn-unallocated-mobile = no está en un rango de celulares chilenos asignado; revisa los dígitos
plan-id-empty = código de bolsa vacío
plan-id-long = el código de bolsa `{ $id }…` tiene más de 64 caracteres
plan-id-character = el código de bolsa `{ $id }` tiene `{ $character }`; los códigos de bolsa usan minúsculas, dígitos, `-`, `_` y `.`
money-not-positive = { $amount } no es un precio: debe ser mayor que $0
money-too-high = { $amount } supera los { $max } que topup acepta por bolsa; revisa si sobra un cero
money-empty = `{ $text }` no es un monto en pesos
money-decimal = `{ $text }` tiene decimales; los pesos chilenos son enteros (escribe 12990 o 12.990)
money-malformed = `{ $text }` no es un monto en pesos (por ejemplo 12990 o $12.990)
money-too-large = `{ $text }` es un monto demasiado grande
data-malformed = `{ $text }` no es una cantidad de datos (por ejemplo 500 MB o 1,5 GB)
data-no-unit = `{ $text }` no tiene unidad; escribe por ejemplo { $number } MB o { $number } GB
data-unknown-unit = `{ $text }`: unidad desconocida `{ $unit }` (usa B, KB, MB, GB o TB)
data-too-large = `{ $text }` es una cantidad de datos demasiado grande
month-malformed = `{ $text }` no es un mes; escríbelo como AAAA-MM, por ejemplo 2026-11
date-malformed = `{ $text }` no es una fecha; escríbela como AAAA-MM-DD, por ejemplo 2026-11-01
duration-malformed = `{ $text }` no es un plazo; escribe por ejemplo 30s, 2m, 12h o 2d
duration-months = `{ $text }`: usa días en vez de meses o años (por ejemplo 30d)
duration-too-long = `{ $text }` es más de un año; revisa el número
duration-negative = `{ $text }` es negativo; los plazos son cero o más
duration-whole-seconds = `{ $text }` no es un número entero de segundos; topup cuenta los plazos en segundos (por ejemplo 2s, no 1500ms)
duration-zero-timeout = `{ $text }` es cero; un tiempo de espera debe ser de al menos 1s
order-id-arg = { $error }; las órdenes (o 4 o más de sus primeros caracteres) aparecen en `topup history`
order-id-malformed = `{ $text }` no es un código de orden
pay-method-unknown = medio de pago desconocido `{ $text }` (sandbox, reloadly o saldo)
order-status-unknown = estado de orden desconocido `{ $text }`
operator-unknown = compañía desconocida `{ $text }` (conocidas: entel, movistar, claro, wom, virgin)
modem-sms-number = `{ $text }` no es un número al que enviar un SMS; escribe dígitos, por ejemplo 103 o +56912345678
modem-selector = `{ $text }` no es un módem; escribe `any`, un número de módem como `0` (ver `mmcli -L`), o una ruta como /org/freedesktop/ModemManager1/Modem/0

## Pagar (channel)
pay-saldo-needs-modem = el saldo se gasta por USSD en el módem de la línea, así que necesita balance = "modem"
pay-sandbox-on-modem = un pago simulado (sandbox) no puede cambiar lo que lee el módem; usa saldo o reloadly
pay-sandbox-on-real-line = la línea paga con { $pay }; un pago simulado (sandbox) mezclaría bolsas ficticias con su historial real
pay-sandbox-not-chosen = la línea no dice pay = "sandbox" ni balance = "sandbox"; un pago simulado mezclaría bolsas ficticias con su historial real
pay-not-allowed = la línea { $line } no puede pagar con { $pay }: { $why }
line-no-operator = la línea { $line } no tiene compañía definida
hint-line-no-operator = define operator = "…" para la línea en la configuración

## Líneas y directorio de estado (app.rs)
env-not-utf8 = { $name } no es texto UTF-8 válido
hint-env-not-utf8 = define { $name } como texto simple, o quítala
env-now-malformed = TOPUP_NOW=`{ $value }` no es una hora RFC 3339
hint-env-now = escríbela como 2026-11-25T12:00:00Z, o quítala
reloadly-not-configured = para pagar con Reloadly se necesita una sección [reloadly] en la configuración
hint-reloadly-not-configured = ver config.example.toml y la sección Reloadly del README
line-ambiguous = `{ $name }` es ambiguo: las líneas { $lines } solo se diferencian en mayúsculas
line-and = { " " }y{ " " }
hint-line-exact-case = escribe el nombre de la línea con sus mayúsculas exactas
line-no-number = ninguna línea configurada tiene el número { $number }
hint-line-sandbox-number = el sandbox solo tiene sus líneas de demo (`topup lines`); para usar este número, agrégalo a una configuración como [lines.NAME] con msisdn, operator y cómo paga (ver config.example.toml)
hint-line-add-number = agrégalo a la configuración como [lines.NAME] con msisdn, operator y cómo paga (ver config.example.toml)
line-unknown = no hay ninguna línea llamada `{ $name }`
hint-no-lines = la configuración no tiene líneas; agrega una como [lines.NAME] (ver config.example.toml)
hint-known-lines = líneas conocidas: { $lines }
state-no-home = no se sabe dónde guardar el registro: HOME no está definida
hint-state-dir = define TOPUP_STATE_DIR con un directorio
state-unusable = no se puede usar el directorio de estado { $dir }: { $problem }
hint-state-absolute = define TOPUP_STATE_DIR con una ruta absoluta
state-not-dir = no se puede usar el directorio de estado { $dir }: { $file } no es un directorio
hint-state-not-dir = define TOPUP_STATE_DIR con un directorio (o quítala)
state-create = no se puede crear el directorio de estado { $dir }: { $problem }
hint-state-writable = define TOPUP_STATE_DIR con un directorio donde se pueda escribir

## Renovar y conciliar (flow.rs)
hint-no-plans-with = no hay bolsas para { $line } con { $pay }; ver `topup plans { $line }`
hint-plans-here = bolsas disponibles: { $plans }; ver `topup plans { $line }`
plan-unknown = no hay una bolsa `{ $plan }` para la línea { $line } pagando con { $pay }
warn-earlier-order = orden anterior { $order } ({ $plan }): { $was } → { $now }: { $note }
earlier-unsettled = un pago anterior de { $line } ({ $plan }, { $amount }) sigue sin resolverse: { $note }
hint-could-pay-twice = ejecuta `topup reconcile` más tarde; si vuelves a pagar ahora, podrías pagar dos veces
order-record-failed = la orden { $order } se envió, pero no se pudo registrar su resultado: { $problem }
hint-record-failed = ejecuta `topup reconcile` cuando se pueda escribir el registro; no vuelvas a pagar
order-processing = la orden { $order } fue aceptada, pero todavía se está procesando
hint-order-processing = ejecuta `topup reconcile` en unos minutos; no vuelvas a pagar
order-outcome-unknown = no se sabe el resultado de la orden { $order }: { $reason }
hint-outcome-unknown = ejecuta `topup reconcile` más tarde para resolverla; no vuelvas a pagar
order-problem = orden { $order }: { $note }
order-is = la orden { $order } está { $note }
hint-reconcile-again = vuelve a ejecutar `topup reconcile` más tarde
hint-mark-failed = vuelve a ejecutar `topup reconcile` más tarde; si la compañía confirma que no se hizo, resuélvela con `topup reconcile --mark-failed { $order }`

## Comandos
hint-usage = ver `topup --help`, o `topup COMMAND --help`
auto-max-renewals = --max-renewals debe ser al menos 1
auto-unknown-outcome = la línea { $line } tiene una orden cuyo resultado todavía no se sabe
hint-auto-unknown-outcome = ejecuta `topup reconcile`; auto no pagará esta línea hasta que se resuelva
auto-no-pay = la línea { $line } tiene una política auto, pero ningún medio de pago
hint-auto-no-pay = define pay para la línea o en su [lines.NAME.auto]
plans-wrong-operator = la línea { $line } es de { $operator }, no de { $asked }
plans-no-way-to-pay = la línea { $line } no tiene cómo pagar, así que no hay bolsas que mostrar
hint-plans-no-way-to-pay = define pay = "reloadly" (con una sección [reloadly]) o, en una línea con módem, pay = "saldo"; pay = "sandbox" prueba las bolsas ficticias del sandbox
completions-json = completions imprime un script para la shell; --json no aplica
hint-completions-json = ejecuta `topup completions SHELL` sin --json
init-no-home = no se sabe dónde escribir la configuración: HOME no está definida
hint-pass-config = usa --config PATH
init-exists = { $path } ya existe; `topup config init` nunca sobrescribe una configuración
hint-init-exists = revísala con `topup config check`, o escribe otro archivo: topup --config PATH config init
init-cannot-write = no se puede escribir la configuración { $path }: { $problem }
hint-init-elsewhere = usa --config PATH para escribirla en otro lugar
init-pay-balance = --pay { $pay } no se puede combinar con --balance { $balance }: { $why }
hint-init-help = ver `topup config init --help`
init-needs = topup config init necesita { $flag } y no puede preguntar: no hay terminal (o se usó --no-input)
hint-init-needs = usa { $flag } y pasa todas las demás respuestas como opciones (ver `topup config init --help`)
init-interrupted = interrumpido; no se escribió nada
prompt-failed = falló la pregunta: { $problem }
hint-init-prompt = pasa las respuestas como opciones (ver `topup config init --help`)
config-no-lines = la configuración no tiene líneas
config-no-lines-at = la configuración { $path } no tiene líneas
hint-config-no-lines = agrega una como [lines.NAME] con msisdn, operator y cómo paga (ver config.example.toml)
generate-no-command = `{ $bin }` no tiene el comando `{ $name }`
hint-known = conocidos: { $names }
renew-needs = topup necesita saber { $what } y no puede preguntar: no hay terminal (o se usó --no-input)
renew-needs-line = qué línea renovar
hint-renew-needs-line = indícala: topup renew LINE --plan ID --yes
renew-needs-pay = cómo pagar
hint-renew-needs-pay = usa --pay sandbox|reloadly|saldo, o define pay para la línea en la configuración
renew-needs-plan = qué bolsa comprar
hint-renew-needs-plan = usa --plan ID (ver `topup plans { $line }`), o --amount CLP para pagar un monto en la página del operador (--pay web)
renew-needs-yes = si confirmas el pago
hint-renew-needs-yes = usa --yes para pagar sin preguntar
hint-renew-prompt = pasa las opciones como parámetros
warn-unsettled = { $line } tiene { $n ->
    [one] { $n } orden sin resolver; una renovación real la conciliaría primero
   *[other] { $n } órdenes sin resolver; una renovación real las conciliaría primero
}
warn-could-not-read = no se pudo leer { $line }: { $problem }
renew-no-lines = no hay líneas configuradas
hint-renew-no-lines = agrega una como [lines.NAME] (ver config.example.toml)
renew-no-way-to-pay = la línea { $line } no tiene cómo pagar aquí
hint-renew-no-way-to-pay = configura [reloadly], o define pay para la línea (ver config.example.toml)
renew-no-plans = no hay bolsas para elegir
hint-renew-no-plans = agrega las bolsas de tu compañía en [[operators.X.plan]], o paga un monto en la página del operador con --amount CLP (--pay web)
config-init-late = `config init` se ejecuta antes de leer una configuración
warn-no-secret = [reloadly] no tiene client secret: define client_secret_file, client_secret_command o TOPUP_RELOADLY_CLIENT_SECRET
warn-no-balance-codes = la línea { $line } lee su saldo en el módem, pero [operators.{ $operator }] no tiene balance_ussd ni balance_sms (ver `topup operators { $operator }`)
reconcile-no-order = no hay ninguna orden { $order } en el registro
hint-see-history = ver `topup history`
reconcile-ambiguous = más de una orden empieza con { $prefix }
hint-reconcile-ambiguous = escribe más caracteres, tal como los muestra `topup history`
reconcile-not-unknown = la orden { $order } está { $status }; solo se puede resolver a mano una orden cuyo resultado no se sabe (o que sigue enviada)

## caps, files, operators named on the command line
cap-exceeded = { $plan } superaría { $scope } ({ $spent } gastado o pendiente en { $month } + { $price } > { $cap })
cap-scope-line = el tope mensual de la línea { $line }
cap-scope-all = el tope mensual de todas las líneas
file-missing = no existe
file-dangling-link = es un enlace simbólico a { $target }, que no existe
file-below-dangling-link = no se puede alcanzar: { $link } es un enlace simbólico a { $target }, que no existe
file-link-loop = es un enlace simbólico que apunta a sí mismo
file-not-regular = { $kind ->
        [dir] es una carpeta, no un archivo común
        [fifo] es una tubería con nombre (FIFO), no un archivo común
        [socket] es un socket, no un archivo común
        [char-device] es un dispositivo de caracteres, no un archivo común
        [block-device] es un dispositivo de bloques, no un archivo común
       *[other] no es un archivo común
    }
file-too-large = pesa más de { $bytes } bytes
file-permission-denied = no se puede leer: permiso denegado
file-unreadable = no se puede leer: { $why }
operator-unknown-arg = compañía desconocida `{ $name }`
hint-known-operators = { $guess }conocidas: { $known }
pay-real-on-simulated = su saldo es simulado (balance = "sandbox"), y una lectura simulada no debe decidir un pago real; usa balance = "ledger" o "modem" para una línea real
lang-unknown = idioma desconocido `{ $name }`; topup habla zh-CN, es-CL y en
config-toml-syntax = el lector de TOML dice: { $detail }
config-serde-none = ninguna
config-serde-unknown-key = clave desconocida `{ $key }`; aquí valen: { $keys }
config-serde-unknown-value = valor desconocido `{ $value }`; valores posibles: { $values }
config-serde-missing-key = falta la clave `{ $key }`
config-serde-duplicate-key = la clave `{ $key }` aparece dos veces
config-serde-invalid-type = tipo incorrecto: aquí hay { $found } y se esperaba { $expected }
config-serde-invalid-value = valor incorrecto: aquí hay { $found } y se esperaba { $expected }
config-serde-found = { $kind ->
        [string] el texto { $value }
        [integer] el entero { $value }
        [float] el decimal { $value }
        [boolean] el booleano { $value }
        [sequence] una lista
        [map] una tabla
       *[other] { $value }
    }
config-serde-expected = { $kind ->
        [string] un texto (entre comillas)
        [integer] un número entero
        [float] un número
        [boolean] true o false
        [sequence] una lista
        [map] una tabla
       *[other] { $text }
    }
config-file-problem = el archivo de configuración { $path } { $problem }
ledger-backup-check = la copia del registro no pasó la revisión de SQLite ({ $detail }); no se guardó
backup-no-ledger = todavía no hay registro que respaldar ({ $path }): topup no ha anotado ningún pedido
hint-backup-no-ledger = el registro se crea con el primer pedido; TOPUP_STATE_DIR indica dónde está
backup-exists = { $path } ya existe; topup nunca sobrescribe un archivo con un respaldo
hint-backup-exists = elige un nombre nuevo, por ejemplo con la fecha: topup backup ~/topup-ledger-2026-12-06.sqlite3
backup-unwritable = no se puede escribir un respaldo en { $path }: { $why }
hint-backup-unwritable = la carpeta debe existir y se debe poder escribir en ella; no se escribió nada ahí
backup-why-no-folder = la carpeta no existe
backup-why-permission = permiso denegado

## Web payments (renew --pay web) and records (topup record)
config-auto-web = es web, pero `topup auto` corre sin nadie presente y un pago en la página del operador necesita a alguien; dale a [lines.{ $line }.auto] otro pay (saldo, reloadly)
config-auto-web-line = es web, y [lines.{ $line }.auto] pagaría así, pero `topup auto` corre sin nadie presente; dale a la política su propio pay (saldo, reloadly)
amount-not-with = `--amount` paga el monto que elijas en la página del operador; { $pay } solo paga las bolsas que lista
hint-amount-not-with = usa `--pay web` con `--amount`, o elige una bolsa con `--plan` (ver `topup plans { $line }`)
hand-off-needs-person = pagar con { $pay } necesita a alguien en la página del operador; `topup auto` nunca paga así
payer-not-paid = dijiste que el pago no se realizó; no queda nada registrado como pagado
hint-payer-not-paid = si después resulta que sí se cobró, anota la compra con `topup record … --via web`
order-payer-knows = la orden { $order } espera que digas si el pago en la página del operador se realizó: topup no puede verlo
hint-payer-settles = cuando lo hayas revisado (la app del operador, un SMS, tu estado de cuenta), resuélvelo: `topup reconcile --mark-confirmed { $order }` o `topup reconcile --mark-failed { $order }`; no vuelvas a pagar antes
record-plan-unknown = no se conoce la bolsa `{ $plan }` para { $operator }
hint-record-plan-unknown = agrégala en [[operators.{ $operator }.plan]], o registra el monto con `--amount CLP` (y `--data`, `--days`)
record-future = { $at } está en el futuro: una compra se registra una vez hecha
hint-record-future = indica cuándo se compró con `--at` (AAAA-MM-DD, AAAA-MM-DDTHH:MM en hora de Chile, o RFC 3339), u omite `--at` para ahora
record-duplicate = esta compra ya estaba registrada: orden { $order } ({ $plan }, { $at })
hint-record-duplicate = no se escribió nada; si la compraste dos veces, indica la hora de cada compra con `--at`
pay-record-not-a-method = `record` es cómo se anotan las compras hechas en otra parte (`topup record`), no una forma de pagar
data-zero = los datos son cero; omite --data en una compra sin datos
record-needs-plan = indica qué se compró: `--plan ID` o `--amount CLP`
