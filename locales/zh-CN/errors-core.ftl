# errors-core：topup 自己的错误、提示和警告（配置、账本、线路、套餐、
# 号码、金额、时长、订单、支付）。

## 提示（error.rs）
hint-config-explicit = 请检查 --config / TOPUP_CONFIG，或把 config.example.toml 复制到该位置
hint-config-default = 把它改成您的配置文件（见 config.example.toml）或删除它；只有该位置什么都没有时，topup 才会使用沙盒
hint-config-utf8 = 请将文件保存为 UTF-8 编码
hint-config-syntax = 配置文件不是有效的 TOML；见 config.example.toml
hint-config-value = 所有配置项及其取值见 config.example.toml
hint-config-rule = 见 config.example.toml
hint-not-ours = 请把该文件移走，或将 TOPUP_STATE_DIR 设为 topup 自己的状态目录
hint-not-a-ledger = 该文件不是 topup 账本；{ hint-not-ours }
hint-ledger-newer = 请升级 topup；不要用旧版本打开新版本的账本
hint-ledger-damaged = 账本被 topup 以外的程序改动过；请从备份恢复，或修正、删除那一行
hint-ledger-io = 无法读写账本；请检查状态目录的权限和剩余空间
hint-cap = 请在配置文件中调高 monthly_cap_clp，或等到下个月
ledger-opening = 打开账本 { $path } 时出错：{ $problem }

## 配置文件（config.rs）
config-not-utf8 = { $at }：配置文件不是有效的 UTF-8 编码
config-out-of-range = { $n } 超出范围（1 到 { $max }）
config-client-id-empty = 为空；请从 Reloadly 控制台复制（Developers > API settings）
config-not-url = `{ $text }` 不是 http(s) 网址
config-secret-both = client_secret_file 和 client_secret_command 只能设置其中一个
config-hilink-password-both = password_file 和 password_command 只能设置其中一个
config-hilink-username-alone = 设置了用户名就需要密码：请同时设置 password_file 或 password_command
config-hilink-username-empty = 用户名为空；如果路由器不需要登录，请删除这一项
config-router-not-hilink = router 只适用于 balance = "hilink" 的线路
config-router-unknown = 没有 [hilink.routers.{ $name }]（已有的路由器：{ $known }）
config-plan-twice = 套餐编号 `{ $id }` 出现了两次
config-plan-days = { $days } 不是有效的套餐有效期；请填写 1 到 { $max } 天
config-plan-data-zero = 为零；不含流量的套餐请省略 data
config-number-twice = { $number } 也是线路 `{ $line }` 的号码
config-operator-missing = 缺失；请设置 operator = "entel" | "movistar" | "claro" | "wom" | "virgin"（号码可携号转网，topup 无法从号码判断运营商）
config-reloadly-missing = 为 reloadly，但没有带凭据的 [reloadly] 部分
config-negative = { $amount } 为负数；金额必须大于或等于零
config-absurd = { $amount } 大得离谱；请检查是否多写了零
config-too-large = 金额过大
config-decimal-pesos = TOML 把它读成了小数 { $number }，而比索没有小数：请不带分隔符书写，如 20000（TOML 也接受 20_000）
line-name-length = 线路名称须为 1 到 64 个字符
line-name-character = 线路名称含有 `{ $character }`；请只用字母、数字、`-`、`_` 和 `.`
line-name-number = 线路名称看起来像电话号码；请起一个像 `casa` 或 `router-1` 这样的名字

## 账本（ledger.rs）
ledger-not-ours = 打开账本 { $path } 时出错：这不是 topup 账本：{ $why }
ledger-newer = 打开账本 { $path } 时出错：该账本由更新版本的 topup 写入（结构版本 { $found }，当前版本只支持到 { $known }）
ledger-damaged = 账本中的订单 { $order } 已损坏：{ $why }
ledger-missing = 账本中没有订单 { $order }
ledger-writer-start = 启动账本写入线程时
ledger-writer-stopped = 账本的写入线程在写入此更改之前已停止
ledger-illegal-move = 订单 { $order } 不能从 { $from } 变为 { $to }

## 号码、套餐、金额、时长（domain）
suggest-did-you-mean = 您是不是要找 { $names }？
suggest-or = { " " }或{ " " }
msisdn-empty = 电话号码为空
msisdn-letters = `{ $text }` 含有字母；电话号码只能包含数字，如 +56 9 8765 4321
msisdn-character = `{ $text }` 含有意外字符 `{ $character }`；请写成 +56 9 8765 4321 这样的格式
msisdn-not-chilean = `{ $text }` 不是智利号码（+{ $code }…）；topup 只支持智利线路（+56）
msisdn-double-zero = `{ $text }`：国际号码请以 + 开头，如 +56 9 8765 4321
msisdn-length = `{ $text }` 有 { $digits } 位数字；智利手机号为 9 位（9 XXXX XXXX）
msisdn-length-after-code = `{ $text }` 在 +56 之后有 { $digits } 位数字；智利手机号为 9 位（9 XXXX XXXX）
msisdn-not-mobile = `{ $text }` { $why }
msisdn-data-damaged = 无法核对：topup 的号段数据已损坏
msisdn-unallocated = 不在已分配的智利号段内；请检查数字
msisdn-commercial = 是服务号码（600/809 商业线路），不是手机号
msisdn-service = 是{ $kind }，不是手机号
msisdn-kind-toll-free = 免费服务号码
msisdn-kind-premium = 付费增值服务号码
msisdn-kind-shared-cost = 分摊费用服务号码
msisdn-kind-voip = 网络电话（VoIP）号码
msisdn-kind-uan = 统一接入（企业）号码
msisdn-landline = 是固定电话号码；智利手机号以 9 开头（9 XXXX XXXX）
msisdn-unallocated-mobile = 不在已分配的智利手机号段内；请检查数字
plan-id-empty = 套餐编号为空
plan-id-long = 套餐编号 `{ $id }…` 超过 64 个字符
plan-id-character = 套餐编号 `{ $id }` 含有 `{ $character }`；套餐编号只能用小写字母、数字、`-`、`_` 和 `.`
money-not-positive = { $amount } 不是有效价格：必须大于 $0
money-too-high = { $amount } 超过了 topup 单个套餐接受的上限 { $max }；请检查是否多写了一个零
money-empty = `{ $text }` 不是比索金额
money-decimal = `{ $text }` 带有小数；智利比索没有小数（请写 12990 或 12.990）
money-malformed = `{ $text }` 不是比索金额（应如 12990 或 $12.990）
money-too-large = `{ $text }` 金额过大
data-malformed = `{ $text }` 不是流量数值（应如 500 MB 或 1,5 GB）
data-no-unit = `{ $text }` 没有单位；请写成如 { $number } MB 或 { $number } GB
data-unknown-unit = `{ $text }`：未知单位 `{ $unit }`（请用 B、KB、MB、GB 或 TB）
data-too-large = `{ $text }` 流量数值过大
month-malformed = `{ $text }` 不是月份；请写成 YYYY-MM，如 2026-11
date-malformed = `{ $text }` 不是日期；请写成 YYYY-MM-DD，如 2026-11-01
duration-malformed = `{ $text }` 不是时长；请写成如 30s、2m、12h 或 2d
duration-months = `{ $text }`：请用天数代替月或年（如 30d）
duration-too-long = `{ $text }` 超过一年；请检查数字
duration-negative = `{ $text }` 为负数；时长必须大于或等于零
duration-whole-seconds = `{ $text }` 不是整数秒；topup 以秒计时（如 2s，而不是 1500ms）
duration-zero-timeout = `{ $text }` 为零；超时至少为 1s
order-id-arg = { $error }；订单编号（或其开头至少 4 个字符）可用 `topup history` 查看
order-id-malformed = `{ $text }` 不是订单编号
pay-method-unknown = 未知的支付方式 `{ $text }`（sandbox、reloadly 或 saldo）
order-status-unknown = 未知的订单状态 `{ $text }`
operator-unknown = 未知的运营商 `{ $text }`（已知：entel、movistar、claro、wom、virgin）
modem-sms-number = `{ $text }` 不是可发送短信的号码；请写数字，如 103 或 +56912345678
modem-selector = `{ $text }` 不是调制解调器；请写 `any`、调制解调器编号如 `0`（见 `mmcli -L`），或路径如 /org/freedesktop/ModemManager1/Modem/0

## 支付（channel）
pay-saldo-needs-modem = 余额 (saldo) 通过线路调制解调器上的 USSD 扣除，因此需要 balance = "modem"
pay-sandbox-on-modem = 模拟（沙盒）支付无法改变调制解调器读取的内容；请用 saldo 或 reloadly
pay-sandbox-on-real-line = 该线路用 { $pay } 支付；模拟（沙盒）支付会把虚构套餐混进真实记录
pay-sandbox-not-chosen = 该线路没有设置 pay = "sandbox" 或 balance = "sandbox"；模拟支付会把虚构套餐混进真实记录
pay-not-allowed = 线路 { $line } 不能用 { $pay } 支付：{ $why }
line-no-operator = 线路 { $line } 没有设置运营商
hint-line-no-operator = 请在配置文件中为该线路设置 operator = "…"

## 线路与状态目录（app.rs）
env-not-utf8 = { $name } 不是有效的 UTF-8 文本
hint-env-not-utf8 = 请把 { $name } 设为纯文本，或取消设置
env-now-malformed = TOPUP_NOW=`{ $value }` 不是 RFC 3339 时间
hint-env-now = 请写成 2026-11-25T12:00:00Z 这样的格式，或取消设置
reloadly-not-configured = 用 Reloadly 支付需要在配置文件中添加 [reloadly] 部分
hint-reloadly-not-configured = 见 config.example.toml 和 README 的 Reloadly 一节
line-ambiguous = `{ $name }` 有歧义：线路 { $lines } 仅大小写不同
line-and = { " " }和{ " " }
hint-line-exact-case = 请按准确的大小写书写线路名称
line-no-number = 没有已配置的线路使用号码 { $number }
hint-line-sandbox-number = 沙盒只有演示线路（`topup lines`）；要使用这个号码，请在配置文件中以 [lines.NAME] 添加，并填写 msisdn、operator 和支付方式（见 config.example.toml）
hint-line-add-number = 请在配置文件中以 [lines.NAME] 添加，并填写 msisdn、operator 和支付方式（见 config.example.toml）
line-unknown = 没有名为 `{ $name }` 的线路
hint-no-lines = 配置文件中没有线路；请以 [lines.NAME] 添加一条（见 config.example.toml）
hint-known-lines = 已有线路：{ $lines }
state-no-home = 无法确定账本存放位置：未设置 HOME
hint-state-dir = 请将 TOPUP_STATE_DIR 设为一个目录
state-unusable = 无法使用状态目录 { $dir }：{ $problem }
hint-state-absolute = 请将 TOPUP_STATE_DIR 设为绝对路径
state-not-dir = 无法使用状态目录 { $dir }：{ $file } 不是目录
hint-state-not-dir = 请将 TOPUP_STATE_DIR 设为一个目录（或取消设置）
state-create = 无法创建状态目录 { $dir }：{ $problem }
hint-state-writable = 请将 TOPUP_STATE_DIR 设为可写的目录

## 续费与核对（flow.rs）
hint-no-plans-with = { $line } 没有可用 { $pay } 购买的套餐；见 `topup plans { $line }`
hint-plans-here = 可选套餐：{ $plans }；见 `topup plans { $line }`
plan-unknown = 线路 { $line } 用 { $pay } 支付时没有套餐 `{ $plan }`
warn-earlier-order = 之前的订单 { $order }（{ $plan }）：{ $was } → { $now }：{ $note }
earlier-unsettled = { $line } 之前的一笔付款（{ $plan }，{ $amount }）仍未有结果：{ $note }
hint-could-pay-twice = 请稍后运行 `topup reconcile`；现在再付款可能重复扣款
order-record-failed = 订单 { $order } 已发送，但记录其结果失败：{ $problem }
hint-record-failed = 等账本可以写入后运行 `topup reconcile`；不要再次付款
order-processing = 订单 { $order } 已被接受，但仍在处理中
hint-order-processing = 请几分钟后运行 `topup reconcile`；不要再次付款
order-outcome-unknown = 订单 { $order } 的结果未知：{ $reason }
hint-outcome-unknown = 请稍后运行 `topup reconcile` 确认结果；不要再次付款
order-problem = 订单 { $order }：{ $note }
order-is = 订单 { $order }：{ $note }
hint-reconcile-again = 请稍后再次运行 `topup reconcile`
hint-mark-failed = 请稍后再次运行 `topup reconcile`；如果运营商确认这笔交易没有发生，请用 `topup reconcile --mark-failed { $order }` 将其标为失败

## 命令
hint-usage = 见 `topup --help` 或 `topup COMMAND --help`
auto-max-renewals = --max-renewals 至少为 1
auto-unknown-outcome = 线路 { $line } 有一笔订单结果仍未知
hint-auto-unknown-outcome = 请运行 `topup reconcile`；在确认结果之前，auto 不会为这条线路付款
auto-no-pay = 线路 { $line } 设置了自动续费策略，但没有支付方式
hint-auto-no-pay = 请为该线路或在其 [lines.NAME.auto] 下设置 pay
plans-wrong-operator = 线路 { $line } 属于 { $operator }，不是 { $asked }
plans-no-way-to-pay = 线路 { $line } 没有支付方式，因此没有可列出的套餐
hint-plans-no-way-to-pay = 请设置 pay = "reloadly"（并添加 [reloadly] 部分），或在调制解调器线路上设置 pay = "saldo"；pay = "sandbox" 可试用沙盒的虚构套餐
completions-json = completions 输出的是 shell 脚本；--json 不适用
hint-completions-json = 请不带 --json 运行 `topup completions SHELL`
init-no-home = 无法确定配置文件写入位置：未设置 HOME
hint-pass-config = 请使用 --config PATH
init-exists = { $path } 已存在；`topup config init` 从不覆盖已有的配置文件
hint-init-exists = 请用 `topup config check` 检查它，或写入另一个文件：topup --config PATH config init
init-cannot-write = 无法写入配置文件 { $path }：{ $problem }
hint-init-elsewhere = 使用 --config PATH 写到其他位置
init-pay-balance = --pay { $pay } 不能与 --balance { $balance } 同时使用：{ $why }
hint-init-help = 见 `topup config init --help`
init-needs = topup config init 需要 { $flag }，但无法询问：没有终端（或使用了 --no-input）
hint-init-needs = 请提供 { $flag }，并以参数形式给出其他所有答案（见 `topup config init --help`）
init-interrupted = 已中断；未写入任何内容
prompt-failed = 提问失败：{ $problem }
hint-init-prompt = 请以参数形式给出答案（见 `topup config init --help`）
config-no-lines = 配置文件中没有线路
config-no-lines-at = 配置文件 { $path } 中没有线路
hint-config-no-lines = 请以 [lines.NAME] 添加一条，并填写 msisdn、operator 和支付方式（见 config.example.toml）
generate-no-command = `{ $bin }` 没有命令 `{ $name }`
hint-known = 已知：{ $names }
renew-needs = topup 需要知道{ $what }，但无法询问：没有终端（或使用了 --no-input）
renew-needs-line = 要续费哪条线路
hint-renew-needs-line = 请直接给出：topup renew LINE --plan ID --yes
renew-needs-pay = 用什么支付
hint-renew-needs-pay = 请使用 --pay sandbox|reloadly|saldo，或在配置文件中为该线路设置 pay
renew-needs-plan = 要买哪个套餐
hint-renew-needs-plan = 请使用 --plan ID（见 `topup plans { $line }`），或用 --amount CLP 在运营商页面支付一笔金额（--pay web）
renew-needs-yes = 是否确认付款
hint-renew-needs-yes = 使用 --yes 可不经询问直接付款
hint-renew-prompt = 请以参数形式给出选择
warn-unsettled = { $line } 有 { $n } 笔订单尚未有结果；真正续费时会先核对它们
warn-could-not-read = 无法读取 { $line }：{ $problem }
renew-no-lines = 没有配置任何线路
hint-renew-no-lines = 请以 [lines.NAME] 添加一条（见 config.example.toml）
renew-no-way-to-pay = 线路 { $line } 在此没有可用的支付方式
hint-renew-no-way-to-pay = 请配置 [reloadly]，或为该线路设置 pay（见 config.example.toml）
renew-no-plans = 没有可选的套餐
hint-renew-no-plans = 请在 [[operators.X.plan]] 下列出运营商的套餐，或用 --amount CLP 在运营商页面支付一笔金额（--pay web）
config-init-late = `config init` 在读取配置文件之前运行
warn-no-secret = [reloadly] 没有 client secret：请设置 client_secret_file、client_secret_command 或 TOPUP_RELOADLY_CLIENT_SECRET
warn-no-balance-codes = 线路 { $line } 通过调制解调器读取余额，但 [operators.{ $operator }] 没有 balance_ussd 或 balance_sms（见 `topup operators { $operator }`）
reconcile-no-order = 账本中没有订单 { $order }
hint-see-history = 见 `topup history`
reconcile-ambiguous = 有多笔订单以 { $prefix } 开头
hint-reconcile-ambiguous = 请多给几个字符，与 `topup history` 显示的一致
reconcile-not-unknown = 订单 { $order } 的状态是{ $status }；只有结果未知（或仍为已提交）的订单才能手动确认

## caps, files, operators named on the command line
cap-exceeded = { $plan } 将超出{ $scope }（{ $month } 已花费或待定 { $spent } + { $price } > { $cap }）
cap-scope-line = 线路 { $line } 的每月上限
cap-scope-all = 所有线路合计的每月上限
file-missing = 不存在
file-dangling-link = 是指向 { $target } 的符号链接，但目标不存在
file-below-dangling-link = 无法访问：{ $link } 是指向 { $target } 的符号链接，但目标不存在
file-link-loop = 是一个指向自身的循环符号链接
file-not-regular = { $kind ->
        [dir] 是一个目录，不是普通文件
        [fifo] 是一个命名管道 (FIFO)，不是普通文件
        [socket] 是一个套接字，不是普通文件
        [char-device] 是一个字符设备，不是普通文件
        [block-device] 是一个块设备，不是普通文件
       *[other] 不是普通文件
    }
file-too-large = 超过 { $bytes } 字节
file-permission-denied = 无法读取：没有权限
file-unreadable = 无法读取：{ $why }
operator-unknown-arg = 未知的运营商 `{ $name }`
hint-known-operators = { $guess }可选：{ $known }
pay-real-on-simulated = 该线路的余额是模拟的（balance = "sandbox"），模拟读数不能决定真实付款；真实线路请设置 balance = "ledger" 或 "modem"
lang-unknown = 未知语言 `{ $name }`；topup 支持 zh-CN、es-CL 和 en
config-toml-syntax = TOML 解析器报告：{ $detail }
config-serde-none = 无
config-serde-unknown-key = 未知的键 `{ $key }`；这里可用的键：{ $keys }
config-serde-unknown-value = 未知的取值 `{ $value }`；可选值：{ $values }
config-serde-missing-key = 缺少键 `{ $key }`
config-serde-duplicate-key = 键 `{ $key }` 写了两次
config-serde-invalid-type = 类型不对：这里写的是{ $found }，应为{ $expected }
config-serde-invalid-value = 取值不对：这里写的是{ $found }，应为{ $expected }
config-serde-found = { $kind ->
        [string] 文本 { $value }
        [integer] 整数 { $value }
        [float] 小数 { $value }
        [boolean] 布尔值 { $value }
        [sequence] 数组
        [map] 表
       *[other] { $value }
    }
config-serde-expected = { $kind ->
        [string] 文本（加引号）
        [integer] 整数
        [float] 数字
        [boolean] true 或 false
        [sequence] 数组
        [map] 表
       *[other] { $text }
    }
config-file-problem = 配置文件 { $path } { $problem }
ledger-backup-check = 账本副本未通过 SQLite 的检查（{ $detail }），已丢弃
backup-no-ledger = 还没有可备份的账本（{ $path }）：topup 尚未记录任何订单
hint-backup-no-ledger = 账本在第一笔订单时创建；其位置由 TOPUP_STATE_DIR 决定
backup-exists = { $path } 已存在；topup 从不用备份覆盖已有文件
hint-backup-exists = 换一个新文件名，例如带上日期：topup backup ~/topup-ledger-2026-12-06.sqlite3
backup-unwritable = 无法把备份写到 { $path }：{ $why }
hint-backup-unwritable = 目录必须存在且可写；该处没有写入任何内容
backup-why-no-folder = 目录不存在
backup-why-permission = 没有权限

## Web payments (renew --pay web) and records (topup record)
config-auto-web = 为 web，但 `topup auto` 运行时无人在场，而在运营商页面付款需要有人操作；请给 [lines.{ $line }.auto] 设置其他 pay（saldo、reloadly）
config-auto-web-line = 为 web，[lines.{ $line }.auto] 将用它付款，但 `topup auto` 运行时无人在场；请为该策略单独设置 pay（saldo、reloadly）
amount-not-with = `--amount` 用于在运营商页面支付自选金额；{ $pay } 只能购买它列出的套餐
hint-amount-not-with = 请同时使用 `--pay web` 和 `--amount`，或用 `--plan` 选择套餐（见 `topup plans { $line }`）
hand-off-needs-person = 用 { $pay } 付款需要有人在运营商页面操作；`topup auto` 从不这样付款
payer-not-paid = 你表示付款没有成功；不会记为已付款
hint-payer-not-paid = 如果后来发现确实扣了款，请用 `topup record … --via web` 记下这笔购买
order-payer-knows = 订单 { $order } 需要你确认在运营商页面的付款是否成功：topup 无法看到
hint-payer-settles = 核实后（运营商 App、短信或银行卡账单），请结算：`topup reconcile --mark-confirmed { $order }` 或 `topup reconcile --mark-failed { $order }`；在此之前不要再次付款
record-plan-unknown = { $operator } 没有已知的套餐 `{ $plan }`
hint-record-plan-unknown = 请在 [[operators.{ $operator }.plan]] 中列出，或用 `--amount CLP`（以及 `--data`、`--days`）记录金额
record-future = { $at } 是将来的时间：购买完成后才能记录
hint-record-future = 用 `--at` 给出购买时间（YYYY-MM-DD、智利时间的 YYYY-MM-DDTHH:MM 或 RFC 3339），或省略 `--at` 表示现在
record-duplicate = 这笔购买已记录过：订单 { $order }（{ $plan }，{ $at }）
hint-record-duplicate = 未写入任何内容；如果确实买了两次，请用 `--at` 分别给出每次购买的时间
pay-record-not-a-method = `record` 用于记录在别处完成的购买（`topup record`），不是付款方式
data-zero = 流量为零；不含流量的购买请省略 --data
record-needs-plan = 请说明买了什么：`--plan ID` 或 `--amount CLP`
