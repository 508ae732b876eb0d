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
help-auto-about = Renueva las líneas que lo necesitan (para cron); no dice nada si no hay nada que renovar
help-history-about = Todos los pagos, del más reciente al más antiguo, con totales mensuales por línea
help-reconcile-about = Aclara los pedidos de resultado desconocido consultando al canal de pago
help-lines-about = Líneas configuradas
help-operators-about = Lo que topup sabe de cada compañía y cómo renovar ahí
help-schedule-about = Muestra una línea de crontab y un timer de systemd para `topup auto`
help-completions-about = Autocompletado para la shell
help-config-about = Escribe una primera configuración o revisa la que está en uso
help-generate-about = Genera una página de manual o el autocompletado para la shell
