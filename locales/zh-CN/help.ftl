# help：`topup --help` 的中文（src/cli.rs 的英文由这些消息替换）。
help-about = 智利预付费手机线路充值助手：查余额、选套餐、付款、确认
help-long-about = 智利预付费手机线路充值助手。

    没有配置文件时，topup 在内置沙盒中运行：模拟网络，演示线路有
    demo-entel、demo-movistar、demo-claro、demo-wom、demo-virgin，
    所有命令都可以放心试用。
help-arg-config = 配置文件（默认为 $TOPUP_CONFIG，其次为 $XDG_CONFIG_HOME/topup/config.toml 文件；都没有则用沙盒）
help-arg-json = 在 stdout 输出 JSON（错误以 JSON 输出到 stderr）
help-arg-quiet = 只在 stderr 输出错误
help-arg-verbose = 说明 topup 正在做什么（不显示密钥）
help-arg-no-input = 从不提问；缺少的选择会报错并指出对应参数（退出码 8）
help-arg-color = 何时使用颜色
help-arg-wide = 显示表格的所有列，不论多宽（否则适应终端宽度或 80 列）
help-arg-lang = 显示语言：zh-CN、es-CL 或 en（默认依次看 TOPUP_LANG、配置、区域设置）
help-balance-about = 每条线路的余额 (saldo)、剩余流量和套餐到期时间；网关账户余额
help-plans-about = 比较套餐：流量、天数、价格、每 GB 价格、优惠
help-renew-about = 为线路购买套餐：查询 → 选择 → 核对 → 付款 → 确认
help-record-about = 记下在别处完成的购买（门店、运营商 App、他人赠送）
help-auto-about = 为到期的线路续费（供 cron 调用）；无需续费时不输出
help-history-about = 所有付款记录，最新的在前，并按线路列出每月合计
help-reconcile-about = 向支付渠道查询，确定结果未知的订单
help-lines-about = 已配置的线路
help-operators-about = topup 对各运营商的了解，以及如何在那里续费
help-schedule-about = 输出用于 `topup auto` 的 crontab 行和 systemd 定时器
help-completions-about = Shell 补全脚本
help-config-about = 写一份初始配置，或检查正在使用的配置
help-generate-about = 输出 man 手册页或 shell 补全脚本
help-examples =
    示例：
      topup balance                   # 余额、剩余流量、各套餐何时到期
      topup plans --sort price-per-gb # 比较套餐
      topup renew                     # 引导式操作，付款前先显示摘要供核对
      topup config init               # 为自己的线路写一份初始配置
help-after-examples =
    退出码：0 成功；2 用法、配置或输入有误；3 已被锁定；4 凭据问题；
    5 暂时性错误（请稍后重试）；6 被拒绝；
    7 结果未知（请运行 `topup reconcile`）；8 需要输入；130 已中断。

## topup balance
help-balance-arg-lines = 线路名或电话号码（默认：所有线路）
help-balance-arg-all = 所有已配置的线路（未指定 LINE 时的默认值）
help-balance-examples =
    示例：
      topup balance                   # 余额、剩余流量、各套餐何时到期
      topup balance demo-wom --json   # 只看一条线路，以 JSON 输出

## topup plans
help-plans-arg-line = 线路名或电话号码：显示适用于其运营商和支付渠道的套餐
help-plans-arg-operator = 只显示该运营商的套餐
help-plans-arg-sort = 排序方式
help-plans-arg-promos = 列出支付网关当前的优惠活动（日期、来源），而不是套餐
help-plans-examples =
    示例：
      topup plans --sort price-per-gb # 也可按 price、data、days 排序
      topup plans demo-wom            # 适用于该线路运营商和付款方式的套餐
      topup plans --promos            # 当前的优惠活动，及其日期和来源
      topup plans --operator entel --json

## topup renew
help-renew-arg-line = 线路名或电话号码（在终端中会询问）
help-renew-arg-plan = 套餐 ID，见 `topup plans`，不区分大小写（在终端中会询问）
help-renew-arg-pay = 付款方式（默认：该线路的 `pay`）
help-renew-arg-amount = 支付这笔金额（比索）而不是购买套餐（配合 --pay web）
help-renew-arg-no-open = 配合 --pay web：只显示充值页面地址，不打开浏览器
help-renew-arg-yes = 直接付款，不再请求确认
help-renew-arg-dry-run = 准确显示将要支付的内容，然后停止
help-renew-arg-wait-confirm = 等待付款确认的时长
help-renew-arg-wait-lock = 等待另一个 topup 结束的时长（默认：立即失败，退出码 3）
help-renew-arg-again-after = 若该线路在这段时间内已确认过同一套餐，则不付款
help-renew-arg-again = 即使在 --again-after 时间内已确认过，仍然购买该套餐
help-renew-examples =
    示例：
      topup renew                     # 引导式：线路、套餐、付款方式、核对、付款
      topup renew demo-entel --plan sandbox-entel-3gb --dry-run  # 预览后停止
      topup renew demo-entel --plan sandbox-entel-3gb --yes      # 不提示确认
      topup renew demo-movistar --pay web --amount 5000    # 在 Movistar 页面付款

## topup record
help-record-arg-line = 线路名或电话号码
help-record-arg-plan = 购买的套餐：配置中的套餐 ID 或 `topup plans` 中的 ID
help-record-arg-amount = 支付的金额（比索），当购买的不是列出的套餐时
help-record-arg-data = 附带的流量，配合 --amount（500MB、5GB）
help-record-arg-days = 有效天数，配合 --amount
help-record-arg-at = 购买时间：智利时间的 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM，或 RFC 3339（默认：现在）
help-record-arg-via = 在哪里购买
help-record-examples =
    示例：
      topup record casa --plan wom-bolsa-5gb --via store
      topup record casa --amount 5000 --data 5GB --days 30 --at 2026-11-20 --via app
      topup record demo-wom --amount 3000 --via gift --json

## topup auto
help-auto-arg-dry-run = 只做决定并报告，不付款，也不运行续费钩子
help-auto-arg-wait-lock = 等待另一个 topup 结束的时长（默认：立即以退出码 3 结束）
help-auto-arg-max-renewals = 本次运行最多为多少条线路续费
help-auto-arg-wait-confirm = 每笔付款等待确认的时长
help-auto-examples =
    示例：
      topup auto --dry-run            # 每条线路的决定，不付任何款
      topup auto --json               # 供 cron 调用：JSON 报告和退出码
      topup schedule                  # 为它生成 crontab 行和 systemd 定时器

## topup history
help-history-arg-line = 只看这条线路（线路名或电话号码）
help-history-arg-month = 只看这个自然月（YYYY-MM，America/Santiago 时区）
help-history-arg-since = 只看此日期（YYYY-MM-DD）或时间（RFC 3339）以来的订单
help-history-arg-csv = 以 CSV 格式导出订单
help-history-examples =
    示例：
      topup history                   # 所有订单，以及每条线路每月的花费
      topup history --month 2026-11 --csv > noviembre.csv
      topup history demo-wom --since 2026-11-01 --json
      topup history --summary         # 核对账单：花费及其变化

## topup reconcile
help-reconcile-arg-line = 只处理这条线路（线路名或电话号码）
help-reconcile-arg-mark-confirmed = 向运营商或网关后台核实后，手动将该订单标为已付款
help-reconcile-arg-mark-failed = 向运营商或网关后台核实后，手动将该订单标为未付款
help-reconcile-arg-wait-lock = 等待另一个 topup 结束的时长（默认：立即以退出码 3 结束）
help-reconcile-examples =
    示例：
      topup reconcile                 # 处理结果未知的付款
      topup reconcile --mark-failed 0190f3a2     # 或在向运营商核实后
      topup reconcile --mark-confirmed 0190f3a2  # 手动标记

## topup lines
help-lines-examples =
    示例：
      topup lines                     # 名称、号码、运营商、余额、付款方式
      topup lines --json

## topup operators
help-operators-arg-operator = 指定一个运营商（entel、movistar、claro、wom、virgin）
help-operators-examples =
    示例：
      topup operators                 # 已知信息，以及需要配置什么
      topup operators wom             # 单个运营商，附信息来源

## topup schedule
help-schedule-examples =
    示例：
      topup schedule                  # crontab 行和 systemd 定时器
      topup schedule --json

## topup completions
help-completions-examples =
    示例：
      topup completions bash > /etc/bash_completion.d/topup
      topup completions fish > ~/.config/fish/completions/topup.fish

## topup config
help-config-examples =
    示例：
      topup config init               # 引导式生成初始配置
      topup config check              # 是否有效？以及它的文件、线路和支付渠道
help-config-init-about = 写一份初始配置，在终端中逐项询问（不会覆盖已有文件）
help-config-init-arg-name = 线路名，即以后输入的名称（`topup renew NAME`）
help-config-init-arg-msisdn = 线路的电话号码
help-config-init-arg-operator = 线路的运营商（entel、movistar、claro、wom、virgin）
help-config-init-arg-balance = 如何读取余额
help-config-init-arg-pay = 线路的付款方式
help-config-init-arg-reloadly-client-id = Reloadly 的 client id，用于 --pay reloadly（Developers → API settings；不是密钥）
help-config-init-examples =
    示例：
      topup config init               # 逐项询问
      topup config init --no-input --line casa --msisdn 987654321 \
          --operator entel --balance sandbox --pay sandbox
      topup --config ./router.toml config init   # 写到另一个文件
help-config-check-about = 检查配置；显示它的路径、线路和支付渠道
help-config-check-examples =
    示例：
      topup config check              # 是否有效？以及它的文件、线路和支付渠道
      topup --config ./router.toml config check --json

## topup generate
help-generate-examples =
    示例：
      topup generate man > topup.1
      topup generate completions zsh > ~/.zfunc/_topup
help-generate-man-about = 在 stdout 输出 roff 格式的 man 手册页：topup(1) 或某个命令的（`topup generate man renew`）
help-generate-man-arg-command = 要输出手册页的命令（及子命令）
help-generate-man-examples =
    示例：
      topup generate man > topup.1 && man ./topup.1
      topup generate man renew > topup-renew.1
      topup generate man config init > topup-config-init.1
help-generate-completions-about = Shell 补全脚本（与 `topup completions SHELL` 相同）
help-generate-completions-examples =
    示例：
      topup generate completions zsh > ~/.zfunc/_topup
      topup generate completions fish > ~/.config/fish/completions/topup.fish

## clap 自己的用语（标题、内置选项、取值说明）
clap-usage = 用法：
clap-commands = 命令：
clap-arguments = 参数：
clap-options = 选项：
clap-flag-help = 显示帮助
clap-flag-help-short = 显示帮助（用 '--help' 查看详细说明）
clap-flag-help-long = 显示帮助（用 '-h' 查看摘要）
clap-flag-version = 显示版本
clap-help-subcommand = 显示本帮助，或所给子命令的帮助
clap-help-subcommand-arg = 要查看帮助的子命令
clap-possible-values = 可选值：{ $values }
clap-possible-values-heading = 可选值：
clap-default = 默认：{ $value }
clap-value-pay-sandbox = 模拟网络的付款（不花真钱）
clap-value-pay-reloadly = Reloadly Airtime API（从 Reloadly 账户扣真钱）
clap-value-pay-saldo = 通过 USSD 用线路自己的余额 (saldo) 购买
clap-value-pay-web = 由你在运营商自己的充值页面、用浏览器付款
clap-value-via-store = 商店、报亭或运营商门店
clap-value-via-app = 运营商的 App
clap-value-via-web = 网页（运营商或其他卖家的）
clap-value-via-gift = 赠送：别人为这条线路充值
clap-error-unknown-command = 没有 '{ $name }' 这个命令
clap-error-unknown-argument = 不认识的参数 '{ $arg }'
clap-error-value-required = '{ $arg }' 需要一个值，但没有给出
clap-error-invalid-value = '{ $value }' 不是 '{ $arg }' 的有效值
clap-error-invalid-value-why = '{ $value }' 不是 '{ $arg }' 的有效值：{ $why }
clap-error-missing = 缺少必需的参数：{ $args }
clap-error-missing-command = '{ $name }' 后面需要一个子命令
clap-error-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 同时使用
clap-tip-pass-as-value = 若要把 '{ $arg }' 作为值传入，请写成 '-- { $arg }'
help-backup-about = 把账本（所有订单）复制到一个新文件；topup 运行时也可安全进行
help-backup-arg-path = 副本的保存位置：一个新文件（绝不覆盖）
help-backup-examples =
    示例：
      topup backup ~/topup-ledger-2026-12.sqlite3
      topup backup /media/usb/topup.sqlite3 --json
help-history-arg-summary = 每条线路每月的花费，以及与上个月相比的变化
help-history-arg-no-pager = 直接在终端输出表格，不经过 $PAGER（less）
