# topup 给人看的文字（简体中文）。智利的西语用词第一次出现时附上原文：
# 余额 (saldo)、流量包 (bolsa)、充值 (recarga)。

## 格式（jiff 的 strftime）
format-date-time = %Y-%m-%d %H:%M %Z
format-date-time-no-zone = %Y-%m-%d %H:%M
format-date = %Y-%m-%d
money = { $amount } CLP

## 通用
sandbox-banner = 沙盒：模拟网络，套餐均为虚构，不会真实扣款（见 README）
error-line = { $label }{ $message }
error-line-hint = { $label }{ $message }；{ $hint }
warning-line = 警告：{ $message }
label-error = 错误：
status-intent = 待发送
status-submitted = 已提交
status-confirmed = 已确认
status-failed = 失败
status-unknown = 结果未知
dash = —
unknown-value = 未知
unlimited = 不限量
data-used-month = 本月已用 { $used }
data-used-month-of = 本月已用 { $used }（共 { $limit }）
ended = 已到期
in-duration = { $duration }后

sandbox-promo-discount = 演示优惠：八折，已计入价格
sandbox-promo-per-gb = 演示优惠：每 GB 最便宜

## 表头
col-line = 线路
col-number = 号码
col-operator = 运营商
col-saldo = 余额 (saldo)
col-data-left = 剩余流量
col-plan-ends = 套餐到期
col-plan = 流量包 (bolsa)
col-source = 来源
col-plan-id = 套餐编号
col-name = 名称
col-data = 流量
col-days = 天数
col-price = 价格 (CLP)
col-per-gb = 每 GB
col-account-cost = 账户扣款
col-order = 订单
col-when = 时间
col-amount = 金额 CLP
col-status = 状态
col-paid-with = 支付方式
col-reference = 参考号
col-month = 月份（智利）
col-spent = 已花费（已确认）
col-orders = 订单数
col-balance = 余额读取
col-pay = 支付
col-auto-plan = 自动续费套餐
col-was = 原状态
col-now = 现状态
col-decision = 决定
col-reason = 原因

## balance
saldo-with-bonus = { $saldo }（另赠 { $bonus }）
cell-error = 出错
account-balance = { $gateway } 账户余额：{ $balance }

## plans
no-plans = 没有套餐。请在配置文件的 [[operators.X.plan]] 下列出运营商的流量包 (bolsa)。
promotion = ★ { $plan }：{ $promo }

## history, lines, reconcile
no-orders = 还没有订单。
no-lines = { $config } 中没有配置线路。请以 [lines.NAME] 添加一条（见 config.example.toml）。
nothing-to-reconcile = 无需核对：所有订单都已有结果。
from-sim = 从 SIM 卡读取

## auto
decision-renew = 续费
decision-would-renew = 将续费
decision-skip = 跳过
decision-blocked = 已阻止
decision-reconcile = 先核对
dry-run-nothing-paid = 演练：未支付任何费用
renewed-failed = 续费 { $renewed } 条，失败 { $failed } 条

## renew：核对、向导、收据
check-before-paying = 付款前请核对：
field-line = 线路
field-operator = 运营商
field-plan = 套餐
field-data = 流量
field-days = 天数
field-promo = 优惠
field-price = 价格
field-charged = 扣款
field-pay-with = 支付方式
field-order = 订单
field-status = 状态
field-amount = 金额
field-paid-with = 付款方式
field-reference = 参考号
field-time = 时间
field-problem = 问题
field-before = 之前
field-now = 现在
charged-account = 约 { $cost }，从您的 { $gateway } 账户扣除（未计折扣）
sandbox-no-money = （沙盒：不会真实扣款）
receipt = 收据
line-now = { $line } 当前：{ $balance }
status-balance = 余额 (saldo) { $saldo }，流量 { $data }
status-ends = 套餐 { $ends } 到期
ask-line = 选择哪条线路？
ask-pay = 用什么支付？
ask-plan = 选择哪个套餐？
only-choice = { $prompt } { $choice }（唯一选项）
chosen = { $prompt } { $choice }
confirm-pay = 为 { $line } 支付 { $price } 购买 { $plan }？
nothing-paid = 未支付任何费用。
dry-run-nothing = 演练：未付款，也未写入任何记录。
already-renewed = { $line }：订单 { $order }（{ $plan }，{ $amount }）在 { $ago }前已{ $status }。
already-renewed-hint = 本次未付款。如需再次购买同一套餐，请加上 --again。
cancelled = 已取消；未支付任何费用
paying = 正在为 { $line } 支付 { $price }…

## reconcile: what happened to an order
note-stopped-before-sending = topup 在发送前就停止了；未支付任何费用
note-went-through = 付款已成功
note-failed = 失败（{ $reason }）；未扣款
note-never-received = 支付渠道从未收到该订单；未扣款
note-no-sign = { $note }，但这并不能证明失败
note-too-early = 支付网关尚未列出该订单；现在判断还太早，请几分钟后再试
note-pending = 支付网关仍在处理
note-could-not-ask = 无法查询：{ $why }
note-balance-no-sign = 余额中还看不到这笔购买

## Durations
unit-seconds = { $n }秒
unit-minutes = { $n }分钟
unit-hours = { $n }小时
unit-days = { $n }天

## Ctrl-C outside a question
interrupted = 已中断
hint-interrupted = 如果有付款正在进行，请运行 `topup reconcile`

## config check, config init, reconcile by hand
check-config-ok = 配置文件正常：{ $path }
check-no-config-at = { $path } 处没有配置文件：
check-sandbox-init = topup 正在内置沙盒中运行（可用 `topup config init` 创建配置文件）。
check-no-config = 没有配置文件：topup 正在内置沙盒中运行。
check-state-dir = 状态目录
check-ledger = 账本
check-lock = 锁文件
check-no-lines = 没有配置线路。请以 [lines.NAME] 添加一条（见 config.example.toml）。
check-reloadly-none = Reloadly：未配置（没有 [reloadly] 部分）。
check-secret-nowhere = 未设置
check-reloadly = Reloadly：{ $environment } 环境；客户端密钥来自 { $source }。
init-wrote = 已写入 { $path }（仅您本人可读）。
init-fill-ussd = 请填写 [operators.{ $operator }]：您的 USSD 代码（见 `topup operators { $operator }`）。
init-give-secret = 请提供 Reloadly 客户端密钥：文件、命令或 TOPUP_RELOADLY_CLIENT_SECRET。
init-next = 下一步：`topup config check`，然后 `topup balance { $line }`。
note-by-hand-paid = 已手动结算：已付款
note-by-hand-not-paid = 已手动结算：未付款
backup-done = 账本已备份：{ $orders } 笔订单，{ $kib } KiB，保存到 { $path }
backup-restore = 如何恢复见 README 的 “Back up the ledger” 一节（先停止 topup auto）。
col-change = 变化

## Web payments (renew --pay web) and records (topup record)
note-payer-knows = 只有你能确认在运营商页面的付款是否成功
web-steps-head = 订单 { $order } 已写入。请在 { $operator } 的充值页面付款：
web-step-open = 1. 打开 { $url }（正在用浏览器打开）
web-step-open-self = 1. 在浏览器中打开 { $url }
web-step-pay = 2. 为 { $number } 支付 { $amount }：{ $plan }
web-step-watch = 3. 之后 topup 会在最多 { $wait } 内查看线路余额，确认这笔付款
web-step-ask = 3. 然后回到这里，告诉 topup 付款是否成功
web-step-settle = 3. 然后结算：付款成功用 `topup reconcile --mark-confirmed { $order }`，
    未成功用 `--mark-failed { $order }`
web-unverified = 这个地址只见于第三方网页：付款前请确认它确实是 { $operator } 的官方页面。
web-sandbox-line = { $line } 是沙盒线路：号码是虚构的，可能恰好是别人的真实号码。
    topup 没有打开页面；不要为它付款。
web-waiting = 正在等待 { $line } 的余额显示这笔付款（最多 { $wait }）…
ask-web-paid = 付款成功了吗？
web-answer-yes = 成功了
web-answer-no = 没有成功
web-answer-unsure = 不确定
field-page = 页面
record-over-cap = 仍已记录（钱已花出），但超出了{ $scope }：{ $month } 中 { $spent } + { $price } > { $cap }；本月内超出上限的续费都会被拒绝
recorded = 已记录（在别处购买；本次未付款）
field-ends = 到期
record-ends = { $when }（按天数估计）
init-fill-web = topup 不知道 { $name } 的充值页面：请在 `topup renew` 之前于 [operators.{ $operator }] 中设置 recharge_url（见 `topup operators { $operator }`）。
