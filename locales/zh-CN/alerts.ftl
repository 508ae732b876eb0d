# 提醒：只提醒的规则（action = "notify"）、keep_alive（保号）和
# 优惠（`[auto] watch_promotions`、`topup plans --promos`）。

## auto：原因
reason-no-plan = 规则没有指定要买的套餐；请在 [lines.NAME.auto] 下设置 `plan`
reason-no-trigger = 规则既没有设置触发条件（when_data_below、when_saldo_below、before_expiry 或 keep_alive），也没有可用于默认规则的套餐
reason-alerted = 已于 { $ago } 前提醒过；等线路回到阈值以上或充值后才会再次提醒；已到条件：{ $due }
reason-keep-alive = 已有 { $since } 没有确认的充值（keep_alive { $keep_alive }；最后一次充值 (recarga) { $days } 天后余额可能作废）
reason-keep-alive-calm = 上次确认的充值在 { $since } 前（keep_alive { $keep_alive }）
reason-missing-last-topup = 上次充值（此号码还没有已确认的充值）

## 配置
config-keep-alive-range = keep_alive 必须大于 0 且小于 { $days }d（现在是 { $value }）：最后一次充值 { $days } 天后余额可能作废（Subtel 规定），更晚的充值可能来不及；170d 给每天运行的定时任务留出失败重试的余地
config-auto-plan-missing = 自动续费的规则需要 `plan`（要买的套餐，见 `topup plans`），或者设置 action = "notify" 只提醒
config-auto-notify-no-trigger = 没有套餐的只提醒规则需要一个触发条件：when_data_below、when_saldo_below、before_expiry 或 keep_alive（默认规则需要套餐的有效期）

## auto：报告
decision-alert = 提醒
decision-would-alert = 将提醒
col-new-promotion = 新优惠
col-promotion-would-alert = 将提醒的优惠
alerts-sent = 提醒：线路 { $lines } 条，优惠 { $promotions } 条
promotions-no-operator = 未检查线路 { $line } 的优惠：{ $why }
promotions-unlisted = { $pay } 无法列出 { $operator } 的优惠：{ $why }

## lines
auto-notify-only = { $plan }（只提醒）

## plans --promos
col-promotion = 优惠
col-from = 开始
col-until = 结束
no-promotions = 这些线路的支付渠道目前没有优惠活动。
promotions-source = 来源：{ $source }。
promotions-sandbox-note = 沙盒的优惠是虚构的演示，不会改变任何价格。

## 沙盒的演示优惠（虚构）
sandbox-promotion-entel = 所有流量包 (bolsa) 流量翻倍（演示）
sandbox-promotion-wom-early = 任意充值 (recarga) 多送 1 GB（演示）
sandbox-promotion-wom-late = 7 天免费 WhatsApp（演示）
