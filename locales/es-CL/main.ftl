# Las palabras de topup para las personas, en español de Chile.

## Formatos (strftime de jiff)
format-date-time = %d-%m-%Y %H:%M %Z
format-date-time-no-zone = %d-%m-%Y %H:%M
format-date = %d-%m-%Y
money = { $amount }

## En todas partes
sandbox-banner = sandbox: red simulada, bolsas ficticias, no se mueve plata (ver README)
error-line = { $label } { $message }
error-line-hint = { $label } { $message }; { $hint }
warning-line = aviso: { $message }
label-error = error:
status-intent = por enviar
status-submitted = enviada
status-confirmed = confirmada
status-failed = fallida
status-unknown = incierta
dash = —
unknown-value = sin dato
unlimited = ilimitado
data-used-month = { $used } usados este mes
data-used-month-of = { $used } de { $limit } usados este mes
ended = vencida
in-duration = en { $duration }

sandbox-promo-discount = promo de prueba: 20% de descuento, ya incluido en el precio
sandbox-promo-per-gb = promo de prueba: el mejor precio por GB

## Encabezados de columna
col-line = Línea
col-number = Número
col-operator = Compañía
col-saldo = Saldo
col-data-left = Datos
col-plan-ends = Vigencia
col-plan = Bolsa
col-source = Fuente
col-plan-id = Código
col-name = Nombre
col-data = Datos
col-days = Días
col-price = Precio
col-per-gb = Por GB
col-account-cost = Costo en la cuenta
col-order = Orden
col-when = Fecha
col-amount = Monto
col-status = Estado
col-paid-with = Pagada con
col-reference = Referencia
col-month = Mes (Chile)
col-spent = Gastado (confirmado)
col-orders = Órdenes
col-balance = Lectura
col-pay = Pago
col-auto-plan = Bolsa automática
col-was = Antes
col-now = Ahora
col-decision = Decisión
col-reason = Motivo

## balance
saldo-with-bonus = { $saldo } (+{ $bonus } de bono)
cell-error = error
account-balance = Saldo de la cuenta { $gateway }: { $balance }

## plans
no-plans = No hay bolsas. Anota las bolsas de tu compañía en [[operators.X.plan]] en la configuración.
promotion = ★ { $plan }: { $promo }

## history, lines, reconcile
no-orders = Todavía no hay órdenes.
no-lines = No hay líneas configuradas en { $config }. Agrega una como [lines.NOMBRE] (ver config.example.toml).
nothing-to-reconcile = Nada que conciliar: todas las órdenes tienen resultado.
from-sim = según la SIM

## auto
decision-renew = renovar
decision-would-renew = renovaría
decision-skip = omitir
decision-blocked = bloqueada
decision-reconcile = conciliar antes
dry-run-nothing-paid = simulación: no se pagó nada
renewed-failed = { $renewed ->
    [one] 1 renovada
   *[other] { $renewed } renovadas
}, { $failed ->
    [one] 1 fallida
   *[other] { $failed } fallidas
}

## renew: el resumen, el asistente, el comprobante
check-before-paying = Revisa antes de pagar:
field-line = línea
field-operator = compañía
field-plan = bolsa
field-data = datos
field-days = días
field-promo = promo
field-price = precio
field-charged = cargo
field-pay-with = pagar con
field-order = orden
field-status = estado
field-amount = monto
field-paid-with = pagada con
field-reference = referencia
field-time = hora
field-problem = problema
field-before = antes
field-now = ahora
charged-account = ≈ { $cost } en tu cuenta { $gateway } (antes de su descuento)
sandbox-no-money = (sandbox: no se mueve plata)
receipt = Comprobante
line-now = { $line } ahora: { $balance }
status-balance = saldo { $saldo }, datos { $data }
status-ends = la bolsa vence el { $ends }
ask-line = ¿Qué línea?
ask-pay = ¿Con qué pagas?
ask-plan = ¿Qué bolsa?
only-choice = { $prompt } { $choice } (la única opción)
chosen = { $prompt } { $choice }
confirm-pay = ¿Pagar { $price } por { $plan } en { $line }?
nothing-paid = No se pagó nada.
dry-run-nothing = Simulación: no se pagó ni se guardó nada.
already-renewed = { $line }: la orden { $order } ({ $plan }, { $amount }) quedó { $status } hace { $ago }.
already-renewed-hint = No se pagó nada ahora. Para comprar la misma bolsa otra vez, usa --again.
cancelled = cancelado; no se pagó nada
paying = Pagando { $price } para { $line }…

## reconcile: what happened to an order
note-stopped-before-sending = topup se detuvo antes de enviarla; no se pagó nada
note-went-through = el pago se realizó
note-failed = falló ({ $reason }); no se cobró nada
note-never-received = el medio de pago nunca la recibió; no se cobró nada
note-no-sign = { $note }, lo que no prueba que haya fallado
note-too-early = la pasarela aún no la lista; es muy pronto para saber, vuelve a intentar en unos minutos
note-pending = la pasarela todavía la está procesando
note-could-not-ask = no se pudo consultar: { $why }
note-balance-no-sign = el saldo todavía no muestra la compra

## Durations
unit-seconds = { $n }s
unit-minutes = { $n }min
unit-hours = { $n }h
unit-days = { $n }d

## Ctrl-C outside a question
interrupted = interrumpido
hint-interrupted = si había un pago en curso, ejecuta `topup reconcile`

## config check, config init, reconcile by hand
check-config-ok = Configuración correcta: { $path }
check-no-config-at = No hay archivo de configuración en { $path }:
check-sandbox-init = topup funciona en su sandbox (`topup config init` crea uno).
check-no-config = No hay archivo de configuración: topup funciona en su sandbox.
check-state-dir = estado
check-ledger = registro
check-lock = bloqueo
check-no-lines = No hay líneas configuradas. Agrega una como [lines.NOMBRE] (ver config.example.toml).
check-reloadly-none = Reloadly: sin configurar (no hay sección [reloadly]).
check-secret-nowhere = ninguna parte: no está definido
check-reloadly = Reloadly: entorno { $environment }; secreto del cliente desde { $source }.
init-wrote = Se escribió { $path } (solo tú puedes leerlo).
init-fill-ussd = Completa [operators.{ $operator }]: tus códigos USSD (ver `topup operators { $operator }`).
init-give-secret = Indica el secreto del cliente de Reloadly: un archivo, un comando o TOPUP_RELOADLY_CLIENT_SECRET.
init-next = Sigue con `topup config check` y luego `topup balance { $line }`.
note-by-hand-paid = resuelta a mano: pagada
note-by-hand-not-paid = resuelta a mano: no pagada
backup-done = Registro respaldado: { $orders ->
        [one] 1 pedido
       *[other] { $orders } pedidos
    }, { $kib } KiB, en { $path }
backup-restore = Para restaurarlo, ve la sección "Back up the ledger" del README (detén topup auto antes).
col-change = Cambio

## Web payments (renew --pay web) and records (topup record)
note-payer-knows = solo tú puedes saber si el pago en la página del operador se realizó
web-steps-head = La orden { $order } quedó anotada. Paga en la página de recarga de { $operator }:
web-step-open = 1. Abre { $url } (abriéndola en tu navegador)
web-step-open-self = 1. Abre { $url } en tu navegador
web-step-pay = 2. Paga { $amount } para el { $number }: { $plan }
web-step-watch = 3. Luego topup revisa el saldo de la línea hasta por { $wait } para ver el pago
web-step-ask = 3. Luego vuelve aquí y di si el pago se realizó
web-step-settle = 3. Luego resuélvelo: `topup reconcile --mark-confirmed { $order }` si se pagó,
    o `--mark-failed { $order }` si no
web-unverified = Esta dirección solo se vio en una página de terceros: revisa que sea
    la de { $operator } antes de pagar.
web-sandbox-line = { $line } es una línea del sandbox: su número es ficticio y puede ser
    el real de otra persona. topup no abrió la página; no pagues por ella.
web-waiting = Esperando que el saldo de { $line } muestre el pago (hasta { $wait })…
ask-web-paid = ¿Se realizó el pago?
web-answer-yes = sí
web-answer-no = no
web-answer-unsure = no estoy seguro
field-page = página
record-over-cap = quedó registrada igual (la plata ya se gastó), pero supera { $scope }: { $spent } + { $price } > { $cap } en { $month }; las recargas que lo excedan se rechazan hasta fin de mes
recorded = Registrada (comprada en otra parte; no se pagó nada ahora)
field-ends = vence
record-ends = { $when } (estimado según sus días)
init-fill-web = topup no conoce la página de recarga de { $name }: define recharge_url en [operators.{ $operator }] antes de `topup renew` (ver `topup operators { $operator }`).
