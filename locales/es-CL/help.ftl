# help: `topup --help` en español de Chile (reemplaza el inglés de src/cli.rs).
help-about = Asistente de recargas para líneas de prepago (Chile): revisa tu saldo, elige una bolsa, paga y confirma
help-long-about = Asistente de recargas para líneas de prepago (primero Chile).

    Sin archivo de configuración, topup funciona en un sandbox incorporado (una red simulada con las líneas de demostración demo-entel, demo-movistar, demo-claro, demo-wom y demo-virgin), así que puedes probar cualquier comando sin riesgo.
help-arg-config = Archivo de configuración (si no, $TOPUP_CONFIG; si no, $XDG_CONFIG_HOME/topup/config.toml; sin ninguno = sandbox)
help-arg-json = Escribe JSON en stdout (los errores, como JSON en stderr)
help-arg-quiet = Muestra solo los errores en stderr
help-arg-verbose = Explica qué está haciendo topup (nunca muestra secretos)
help-arg-no-input = Nunca pregunta; si falta una elección, es un error que nombra la opción (salida 8)
help-arg-color = Cuándo usar colores
help-arg-wide = Muestra todas las columnas de las tablas, aunque sean anchas (si no, se ajustan a la terminal o a 80 columnas)
help-arg-lang = Idioma para las personas: zh-CN, es-CL o en (si no, TOPUP_LANG, el idioma de la configuración o el locale)
help-balance-about = Saldo, datos que quedan y vigencia del plan por línea; saldo de las cuentas de pago
help-plans-about = Compara bolsas: datos, días, precio, precio por GB, promociones
help-renew-about = Compra una bolsa para una línea: revisa → elige → confirma → paga → verifica
help-record-about = Anota una compra hecha en otra parte (un local, la app del operador, un regalo)
help-auto-about = Renueva las líneas que lo necesitan (para cron); no dice nada si no hay nada que renovar
help-history-about = Todos los pagos, del más reciente al más antiguo, con totales mensuales por línea
help-reconcile-about = Aclara los pedidos de resultado desconocido consultando al canal de pago
help-lines-about = Líneas configuradas
help-operators-about = Lo que topup sabe de cada compañía y cómo renovar ahí
help-schedule-about = Muestra una línea de crontab y un timer de systemd para `topup auto`
help-completions-about = Autocompletado para la shell
help-config-about = Escribe una primera configuración o revisa la que está en uso
help-generate-about = Genera una página de manual o el autocompletado para la shell
help-examples =
    Ejemplos:
      topup balance                   # saldo, datos y vigencia de cada bolsa
      topup plans --sort price-per-gb # compara bolsas
      topup renew                     # guiado, con un resumen antes de pagar
      topup config init               # una primera configuración para tu línea
help-after-examples = Códigos de salida: 0 ok, 2 uso/configuración/entrada, 3 bloqueado, 4 credenciales, 5 temporal (reintenta más tarde), 6 rechazado, 7 resultado desconocido (ejecuta `topup reconcile`), 8 falta una respuesta, 130 interrumpido.

## topup balance
help-balance-arg-lines = Nombres de línea o números de teléfono (por defecto: todas las líneas)
help-balance-arg-all = Todas las líneas configuradas (lo que se usa si no indicas LINE)
help-balance-examples =
    Ejemplos:
      topup balance                   # saldo, datos y vigencia de cada bolsa
      topup balance demo-wom --json   # una línea, en JSON

## topup plans
help-plans-arg-line = Nombre de línea o número de teléfono: bolsas para su compañía y su canal de pago
help-plans-arg-operator = Solo las bolsas de esta compañía
help-plans-arg-sort = Orden
help-plans-arg-promos = Muestra las promociones vigentes de las pasarelas de pago (fechas, origen) en vez de las bolsas
help-plans-examples =
    Ejemplos:
      topup plans --sort price-per-gb # también price, data, days
      topup plans demo-wom            # para la compañía y el pago de una línea
      topup plans --promos            # promociones vigentes, con sus fechas y origen
      topup plans --operator entel --json

## topup renew
help-renew-arg-line = Nombre de línea o número de teléfono (se pregunta en una terminal)
help-renew-arg-plan = Id de la bolsa, de `topup plans`, en mayúsculas o minúsculas (se pregunta en una terminal)
help-renew-arg-pay = Cómo pagar (por defecto: el `pay` de la línea)
help-renew-arg-amount = Paga este monto en pesos en vez de una bolsa (con --pay web)
help-renew-arg-no-open = Con --pay web: muestra la dirección de la página de recarga, sin abrir el navegador
help-renew-arg-yes = Paga sin pedir confirmación
help-renew-arg-dry-run = Muestra exactamente qué se pagaría, y se detiene
help-renew-arg-wait-confirm = Cuánto esperar a que se confirme el pago
help-renew-arg-wait-lock = Espera este tiempo a que termine otro topup (por defecto: falla de inmediato, salida 3)
help-renew-arg-again-after = No paga nada si la misma bolsa se confirmó para la línea hace menos de este tiempo
help-renew-arg-again = Compra la bolsa aunque ya se haya confirmado dentro de --again-after
help-renew-examples =
    Ejemplos:
      topup renew                     # guiado: línea, bolsa, pago, revisión, pago
      topup renew demo-entel --plan sandbox-entel-3gb --dry-run  # y se detiene
      topup renew demo-entel --plan sandbox-entel-3gb --yes      # sin preguntar
      topup renew demo-movistar --pay web --amount 5000    # en la página de Movistar

## topup record
help-record-arg-line = Nombre de línea o número de teléfono
help-record-arg-plan = La bolsa comprada: un id de las bolsas de tu configuración o de `topup plans`
help-record-arg-amount = El monto pagado en pesos, cuando no fue una bolsa de la lista
help-record-arg-data = Los datos que trae, con --amount (500MB, 5GB)
help-record-arg-days = Los días que dura, con --amount
help-record-arg-at = Cuándo se compró: AAAA-MM-DD o AAAA-MM-DDTHH:MM en hora de Chile, o RFC 3339 (por defecto: ahora)
help-record-arg-via = Dónde se compró
help-record-examples =
    Ejemplos:
      topup record casa --plan wom-bolsa-5gb --via store
      topup record casa --amount 5000 --data 5GB --days 30 --at 2026-11-20 --via app
      topup record demo-wom --amount 3000 --via gift --json

## topup auto
help-auto-arg-dry-run = Decide e informa, sin pagar ni ejecutar los hooks de renovación
help-auto-arg-wait-lock = Espera este tiempo a que termine otro topup (por defecto: salida 3 de inmediato)
help-auto-arg-max-renewals = Renueva como máximo esta cantidad de líneas en esta ejecución
help-auto-arg-wait-confirm = Cuánto esperar a que se confirme cada pago
help-auto-examples =
    Ejemplos:
      topup auto --dry-run            # qué se decide en cada línea, sin pagar nada
      topup auto --json               # desde cron: informe JSON y código de salida
      topup schedule                  # una línea de crontab y un timer de systemd

## topup history
help-history-arg-line = Solo esta línea (nombre o número de teléfono)
help-history-arg-month = Solo este mes calendario (YYYY-MM, America/Santiago)
help-history-arg-since = Solo los pedidos desde esta fecha (YYYY-MM-DD) u hora (RFC 3339)
help-history-arg-csv = Exporta los pedidos como CSV
help-history-examples =
    Ejemplos:
      topup history                   # todos los pedidos y el gasto por mes y línea
      topup history --month 2026-11 --csv > noviembre.csv
      topup history demo-wom --since 2026-11-01 --json
      topup history --summary         # revisa tus cuentas: gasto y su cambio

## topup reconcile
help-reconcile-arg-line = Solo esta línea (nombre o número de teléfono)
help-reconcile-arg-mark-confirmed = Da por pagado a mano un pedido de resultado desconocido, después de revisarlo con la compañía o en el panel de la pasarela de pago
help-reconcile-arg-mark-failed = Da por no pagado a mano un pedido de resultado desconocido, después de revisarlo con la compañía o en el panel de la pasarela de pago
help-reconcile-arg-wait-lock = Espera este tiempo a que termine otro topup (por defecto: salida 3 de inmediato)
help-reconcile-examples =
    Ejemplos:
      topup reconcile                 # aclara los pagos de resultado desconocido
      topup reconcile --mark-failed 0190f3a2     # o a mano, después de revisarlo
      topup reconcile --mark-confirmed 0190f3a2  # con la compañía

## topup lines
help-lines-examples =
    Ejemplos:
      topup lines                     # nombre, número, compañía, saldo, pago
      topup lines --json

## topup operators
help-operators-arg-operator = Una compañía (entel, movistar, claro, wom, virgin)
help-operators-examples =
    Ejemplos:
      topup operators                 # lo que se sabe y lo que hay que configurar
      topup operators wom             # una compañía, con sus fuentes

## topup schedule
help-schedule-examples =
    Ejemplos:
      topup schedule                  # una línea de crontab y un timer de systemd
      topup schedule --json

## topup completions
help-completions-examples =
    Ejemplos:
      topup completions bash > /etc/bash_completion.d/topup
      topup completions fish > ~/.config/fish/completions/topup.fish

## topup config
help-config-examples =
    Ejemplos:
      topup config init               # una primera configuración, guiada
      topup config check              # ¿es válida? sus archivos, líneas y canales
help-config-init-about = Escribe una primera configuración, preguntando en una terminal (nunca sobrescribe un archivo)
help-config-init-arg-name = El nombre de la línea, como lo vas a escribir (`topup renew NAME`)
help-config-init-arg-msisdn = El número de teléfono de la línea
help-config-init-arg-operator = La compañía de la línea (entel, movistar, claro, wom, virgin)
help-config-init-arg-balance = Cómo se lee el saldo
help-config-init-arg-pay = Cómo paga la línea
help-config-init-arg-reloadly-client-id = Client id de Reloadly, para --pay reloadly (Developers → API settings; no es el secreto)
help-config-init-examples =
    Ejemplos:
      topup config init               # te pregunta cada respuesta
      topup config init --no-input --line casa --msisdn 987654321 \
          --operator entel --balance sandbox --pay sandbox
      topup --config ./router.toml config init   # otro archivo
help-config-check-about = Revisa la configuración; muestra sus rutas, líneas y canales de pago
help-config-check-examples =
    Ejemplos:
      topup config check              # ¿es válida? sus archivos, líneas y canales
      topup --config ./router.toml config check --json

## topup generate
help-generate-examples =
    Ejemplos:
      topup generate man > topup.1
      topup generate completions zsh > ~/.zfunc/_topup
help-generate-man-about = Una página de manual en roff por stdout: topup(1), o la de un comando (`topup generate man renew`)
help-generate-man-arg-command = El comando (y subcomando) cuya página quieres
help-generate-man-examples =
    Ejemplos:
      topup generate man > topup.1 && man ./topup.1
      topup generate man renew > topup-renew.1
      topup generate man config init > topup-config-init.1
help-generate-completions-about = Autocompletado para la shell (lo mismo que `topup completions SHELL`)
help-generate-completions-examples =
    Ejemplos:
      topup generate completions zsh > ~/.zfunc/_topup
      topup generate completions fish > ~/.config/fish/completions/topup.fish

## Las palabras propias de clap (títulos, sus opciones y notas de valores)
clap-usage = Uso:
clap-commands = Comandos:
clap-arguments = Argumentos:
clap-options = Opciones:
clap-flag-help = Muestra la ayuda
clap-flag-help-short = Muestra la ayuda (más detalle con '--help')
clap-flag-help-long = Muestra la ayuda (un resumen con '-h')
clap-flag-version = Muestra la versión
clap-help-subcommand = Muestra esta ayuda o la de los subcomandos indicados
clap-help-subcommand-arg = Los subcomandos cuya ayuda quieres ver
clap-possible-values = valores posibles: { $values }
clap-possible-values-heading = Valores posibles:
clap-default = por defecto: { $value }
clap-value-pay-sandbox = El pago de la red simulada (no se mueve plata)
clap-value-pay-reloadly = API Airtime de Reloadly (plata real de la cuenta de Reloadly)
clap-value-pay-saldo = Se compra con el saldo de la propia línea, por USSD
clap-value-pay-web = Lo pagas tú en la página de recarga del operador, en tu navegador
clap-value-via-store = Un local, un quiosco o la tienda del operador
clap-value-via-app = La app del operador
clap-value-via-web = Una página web, del operador o de otro vendedor
clap-value-via-gift = Un regalo: otra persona recargó la línea
clap-error-unknown-command = no existe el comando '{ $name }'
clap-error-unknown-argument = no se reconoce el argumento '{ $arg }'
clap-error-value-required = '{ $arg }' necesita un valor y no se dio ninguno
clap-error-invalid-value = '{ $value }' no es un valor válido para '{ $arg }'
clap-error-invalid-value-why = '{ $value }' no es un valor válido para '{ $arg }': { $why }
clap-error-missing = faltan argumentos obligatorios: { $args }
clap-error-missing-command = '{ $name }' necesita un subcomando
clap-error-conflict = el argumento '{ $arg }' no se puede usar junto con '{ $other }'
clap-tip-pass-as-value = para pasar '{ $arg }' como valor, escribe '-- { $arg }'
help-backup-about = Copia el registro (todos los pedidos) a un archivo nuevo, sin riesgo aunque topup esté corriendo
help-backup-arg-path = Dónde escribir la copia: un archivo nuevo (nunca se sobrescribe)
help-backup-examples =
    Ejemplos:
      topup backup ~/topup-ledger-2026-12.sqlite3
      topup backup /media/usb/topup.sqlite3 --json
help-history-arg-summary = Gasto por mes y línea, con el cambio respecto del mes anterior
help-history-arg-no-pager = Muestra la tabla directo en la terminal, sin $PAGER (less)
