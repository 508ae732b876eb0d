# errors-channels：Reloadly、调制解调器、沙盒、密钥、命令、锁和钩子出了什么问题，以及该怎么办。

## Reloadly
reloadly-auth-unreachable = 无法连接 Reloadly 的认证服务器：{ $why }
reloadly-auth-silent = Reloadly 的认证服务器没有响应：{ $why }
reloadly-credentials-rejected = Reloadly 拒绝了客户端凭据（认证服务器返回 { $answer }）
reloadly-auth-answered = Reloadly 的认证服务器返回 { $answer }
reloadly-auth-unreadable = Reloadly 的认证服务器返回 HTTP { $status }，{ $problem }
reloadly-no-token = Reloadly 的认证服务器没有返回访问令牌
reloadly-unreachable = 调用 { $call } 时无法连接 Reloadly：{ $why }
reloadly-silent = Reloadly 没有响应 { $call }：{ $why }
reloadly-rate-limited = Reloadly { $call } 返回 { $summary }{ $aside }
reloadly-rate-limited-aside = 调用过于频繁：{ $limits }
reloadly-answered = Reloadly { $call } 返回 { $summary }
reloadly-unreadable = Reloadly { $call } 返回 HTTP { $status }，{ $problem }
body-html = 内容是 HTML 网页，不是 JSON
body-empty = 内容为空，不是 JSON
body-truncated = JSON 不完整（被截断）
body-not-json = 内容不是 JSON
body-shape = JSON 的结构不符合预期（{ $detail }）
reloadly-http-client-setup = 准备连接 Reloadly 的 HTTP 客户端时出错
reloadly-no-balance = Reloadly { $call } 的回复中没有余额
reloadly-key-not-listed = Reloadly { $call } 列出了 { $listed } 笔交易，但没有订单键为 { $key } 的交易，无法确定该订单是否已送达
reloadly-operator-undetected = Reloadly 无法判断 { $number } 属于哪家运营商
reloadly-operator-not-listed = Reloadly 在智利没有名为 { $wanted } 的运营商（它列出的有：{ $listed }）
reloadly-no-account-amount = 该运营商按 Reloadly 账户的币种收款，但没有为 { $amount } 提供对应金额；充值未发送
reloadly-not-made = { $why }；充值未执行，未扣款
reloadly-not-sent = 无法连接 Reloadly（{ $why }）；充值未发送，未扣款
reloadly-refunded = Reloadly 已退还这笔充值：运营商没有完成充值{ $aside }；未扣款
reloadly-failed-at-operator = 充值在运营商处失败{ $aside }；未扣款
reloadly-topup-rate-limited = Reloadly 正在限制充值频率{ $aside }：{ $summary }；未扣款
reloadly-topup-refused = Reloadly 拒绝了这笔充值：{ $what }（{ $summary }）；未扣款
reloadly-topup-credentials-refused = Reloadly 拒绝了这笔充值使用的凭据（{ $summary }）；未扣款
reloadly-no-route = Reloadly 上不存在 { $call }（{ $summary }）；未扣款
reloadly-topup-invalid = Reloadly 拒绝了这笔充值（{ $why }）；未扣款
reloadly-aside = （{ $text }）

## Reloadly 的错误代码
reloadly-code-insufficient-balance = Reloadly 账户余额不足，无法完成这笔充值
reloadly-code-max-daily-transaction-amount-reached = Reloadly 账户已达到每日金额上限
reloadly-code-max-daily-transaction-count-reached = Reloadly 账户已达到每日充值次数上限
reloadly-code-inactive-account = Reloadly 账户未激活
reloadly-code-account-not-found = Reloadly 找不到与这些凭据对应的账户
reloadly-code-invalid-credentials = Reloadly 拒绝了客户端凭据
reloadly-code-token-expired = Reloadly 不接受刚获取的访问令牌
reloadly-code-invalid-token = Reloadly 不接受刚获取的访问令牌
reloadly-code-invalid-recipient-phone = Reloadly 表示该号码对这家运营商无效
reloadly-code-invalid-phone-number = Reloadly 表示该电话号码无效
reloadly-code-invalid-sender-phone = Reloadly 表示发送方号码无效
reloadly-code-could-not-auto-detect-operator = Reloadly 无法判断该号码属于哪家运营商
reloadly-code-operator-not-found = Reloadly 不认识这家运营商
reloadly-code-country-not-supported = Reloadly 不支持这个国家
reloadly-code-invalid-amount-for-operator = 该运营商在 Reloadly 上不接受这个金额
reloadly-code-invalid-amount = Reloadly 表示金额无效
reloadly-code-invalid-amount-for-recipient-phone = 该运营商不接受为这个号码充值这个金额
reloadly-code-impossible-amount = Reloadly 无法发送这个金额
reloadly-code-invalid-input-provided = Reloadly 表示请求无效
reloadly-code-phone-banned-by-operator = 运营商不允许为这个号码充值
reloadly-code-recipient-phone-inactive = 运营商表示该号码未激活
reloadly-code-transaction-rejected-by-operator = 运营商拒绝了这笔充值
reloadly-code-transaction-refused-by-operator = 运营商拒绝了这笔充值
reloadly-code-recipient-reached-max-topup-number = 该号码已达到运营商的充值次数上限
reloadly-code-phone-recently-recharged = 该号码刚刚充值过，Reloadly 在两分钟内不接受再次充值
reloadly-code-recipient-has-pending-transaction = 该号码还有一笔充值正在处理中
reloadly-code-operator-unavailable-or-currently-inactive = 该运营商目前在 Reloadly 上不可用
reloadly-code-operator-not-in-service = 该运营商目前在 Reloadly 上暂停服务
reloadly-code-transaction-cannot-be-processed-at-the-moment = Reloadly 目前无法处理这笔充值
reloadly-code-topup-transaction-failed = 充值在运营商处失败
reloadly-code-transaction-failed-on-operator = 充值在运营商处失败
reloadly-code-provider-internal-error = Reloadly 的服务商出现内部错误
reloadly-code-request-failed-on-provider = 请求在 Reloadly 的服务商处失败
reloadly-code-request-processing-failed = Reloadly 无法处理这个请求
reloadly-code-connection-to-operator-temporarily-down = Reloadly 与运营商的连接中断了
reloadly-code-connection-to-operator-failed = Reloadly 无法连接到运营商
reloadly-code-service-to-operator-temporarily-unavailable = 运营商服务暂时不可用
reloadly-code-fx-rate-not-available = Reloadly 目前没有这家运营商的汇率

# 每个代码该怎么办：引用下面的提示。
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

## Reloadly 的提示
hint-reloadly-credentials = 请检查 [reloadly] client_id 以及密钥的来源（client_secret_file、client_secret_command 或 TOPUP_RELOADLY_CLIENT_SECRET）；沙盒账户和正式账户的凭据不同，也请检查 [reloadly] environment
hint-reloadly-check-line = 请检查配置中该线路的号码和运营商
hint-reloadly-check-amount = 运行 `topup plans` 查看可选金额
hint-reloadly-daily-limit = 请明天再试，或请 Reloadly 客服提高账户的每日限额
hint-reloadly-add-funds = 请先给 Reloadly 账户加款（控制台 → Wallet），然后重试
hint-reloadly-activate = 请在 Reloadly 控制台中激活账户，或联系 Reloadly 客服
hint-reloadly-set-operator = 请在配置中设置该线路的运营商
hint-reloadly-check-operator = 请检查配置中该线路的运营商
hint-reloadly-ask-operator = 请向运营商咨询这条线路的情况
hint-reloadly-ask-operator-or-amount = 请向运营商咨询这条线路的情况，或换一个金额
hint-reloadly-wait-before-again = 请过一段时间再为这个号码充值
hint-reloadly-wait-two-minutes = 请等两分钟后重试
hint-reloadly-wait-pending = 请等几分钟，查看 `topup history` 后再试
hint-reloadly-base-url = 如果设置了 [reloadly] base_url，请检查它
hint-reloadly-server-trouble = Reloadly 似乎出了问题；请稍后再试
hint-reloadly-rate-limited = Reloadly 限制了调用频率；请稍等后重试
hint-reloadly-topup-rate-limited = 请等限额重置后重试
hint-reloadly-failed-at-operator = Reloadly 建议等 30 分钟后再试
hint-reloadly-key-not-listed = 请在 Reloadly 控制台的交易报表中查找这个订单键

## 调制解调器、USSD、短信
modem-mmcli-missing = 找不到 mmcli（`{ $path }`）
modem-mmcli-unrunnable = 无法运行 `{ $program }`：{ $why }
modem-mmcli-stuck = mmcli 在 { $secs } 秒内没有响应
modem-not-authorized = ModemManager 拒绝访问：用户 `{ $user }` 无权使用调制解调器（polkit）
modem-not-enabled = 调制解调器 `{ $modem }` 未启用
modem-no-ussd = 调制解调器 `{ $modem }` 不支持 USSD
modem-no-messaging = 调制解调器 `{ $modem }` 无法收发短信
modem-no-modem = 找不到 `{ $modem }` 对应的调制解调器
modem-not-running = ModemManager 没有运行
modem-no-bus = 无法连接系统 D-Bus，而 ModemManager 需要它
modem-network-ended = 网络结束了 USSD 会话
modem-session-ended = USSD 会话在菜单回答完之前就结束了
modem-session-open = 调制解调器上已有另一个 USSD 会话
modem-ussd-not-supported = 网络或调制解调器以“不支持”为由拒绝了 USSD 请求
modem-no-answer = 调制解调器或网络没有及时响应
modem-lte-only = { $failure }；调制解调器设为仅 LTE（{ $modes }），而很多网络只在 2G/3G 下响应 USSD
modem-timed-out = 超时（{ $secs } 秒）：{ $doing }
modem-empty-reply = 网络返回了空的 USSD 回复
modem-no-sms-reply = { $secs } 秒内没有收到 { $from } 的短信回复
modem-sms-quotes = 短信内容 { $text } 同时含有 ' 和 " 引号，mmcli 无法发送；请只保留一种
modem-no-balance-codes = topup 不知道如何向 { $operator } 查询余额：它的查询代码没有公开
modem-unknown-sim = 线路 { $line }：SIM 卡的运营商代码 { $shown } 不属于 topup 认识的任何运营商
modem-ambiguous-sim = 线路 { $line }：在 topup 的资料中，SIM 卡的运营商代码 { $shown } 对应不止一家运营商
modem-no-buy-ussd = 套餐 { $plan } 没有 buy_ussd，无法用余额 (saldo) 购买
modem-saldo-unread = { $line } 的余额回复中没有显示余额 (saldo)，topup 无法确认是否够支付
modem-saldo-short = 余额 (saldo) { $saldo } 不足以支付 { $plan } 的 { $price }，还差 { $short }{ $bonus }
modem-saldo-short-bonus = （赠送余额 { $bonus } 不能用于购买套餐）
modem-nothing-bought = { $why }；未购买任何套餐
modem-line-gone = 线路 { $line }（{ $number }）已不在配置中，无法读取其余额

## 调制解调器的提示
hint-modem-lte-only = 请同时允许 3G：`mmcli -m { $modem } { $fix }`（`mmcli -m { $modem }` 会列出支持的模式），然后重试
hint-modem-mmcli-missing = 请安装提供 mmcli 的 ModemManager，或把 TOPUP_MMCLI 设为 mmcli 的路径
hint-modem-mmcli-unrunnable = 请检查 TOPUP_MMCLI 是否指向 mmcli，以及它是否可执行
hint-modem-mmcli-stuck = 调制解调器或 ModemManager 正忙或卡住了；请稍后再试
hint-modem-not-authorized =
    没有登录会话的任务（cron、定时器）需要一条 polkit 规则；请以 root 身份把以下内容保存为 /etc/polkit-1/rules.d/50-topup.rules：
    { $rule }
hint-modem-not-enabled = 用 `mmcli -m { $modem } -e` 启用它，或等 ModemManager 自动启用
hint-modem-no-ussd = 请改用短信查询余额（运营商配置中的 balance_sms）
hint-modem-no-messaging = 请改用 USSD 查询余额（运营商配置中的 balance_ussd）
hint-modem-no-modem = 请检查调制解调器是否已插好，并出现在 `mmcli -L` 的列表中；线路的 `modem` 设置决定使用哪一个
hint-modem-not-running = 请启动它：sudo systemctl start ModemManager
hint-modem-no-bus = 请检查本机的 dbus 是否在运行
hint-modem-network-ended = 请稍后再试；如果反复出现，请检查配置中的代码和回答
hint-modem-session-ended = 请稍后再试；菜单长时间无人回答时，网络会关闭它
hint-modem-session-open = 请等它结束，或用 `mmcli -m { $modem } --3gpp-ussd-cancel` 取消
hint-modem-ussd-not-supported = 请检查配置中的代码；调制解调器仅注册在 LTE 时，有些网络会拒绝 USSD（允许 3G：`mmcli -m { $modem } { $fix }`）
hint-modem-timed-out = 调制解调器或网络速度慢或繁忙；请稍后再试
hint-modem-menu = 运营商的菜单与配置不一致；请更新 USSD 步骤
hint-modem-no-sms-reply = 运营商可能回复较慢；请稍后再试，或检查配置中的号码和关键词
hint-modem-no-balance-codes = 请设置 [operators.{ $operator }] balance_ussd = ["*code#", …] 或 balance_sms = {"{"} to = "…", text = "…" {"}"}；参见 `topup operators { $operator }`
hint-modem-set-operator = 请为该线路设置 operator = "…"
hint-modem-no-buy-ussd = 请在 [[operators.{ $operator }.plan]] 下的套餐中加上 buy_ussd = ["*code#", …]
hint-modem-saldo-unread = 如果回复中余额的写法 topup 读不出来，请设置 [operators.X] saldo_pattern
hint-modem-saldo-short = 请先充值余额 (recarga)，或选一个更便宜的套餐

## HiLink 路由器（华为的网页 API）
hilink-unreachable = { $url } 没有任何响应（{ $why }）：HiLink 路由器在这个地址吗？
hilink-timed-out = { $url } 的 HiLink 路由器在 { $secs } 秒内没有响应
hilink-http = 向 { $url } 的 HiLink 路由器发送请求失败：{ $why }
hilink-http-status = { $url } 的 HiLink 路由器返回 HTTP { $status }
hilink-unreadable = 路由器对 { $endpoint } 的响应不是 HiLink 路由器的格式（{ $why }）
hilink-no-ussd = 这台路由器的固件不提供 USSD（{ $url } 返回错误 100002）
hilink-not-supported = 路由器不提供 { $endpoint }（错误 100002）
hilink-login-needed = { $url } 的 HiLink 路由器要求登录（错误 100003）
hilink-busy = { $url } 的 HiLink 路由器正忙（错误 100004）
hilink-wrong-password = { $url } 的 HiLink 路由器拒绝了用户名或密码（错误 { $code }）
hilink-too-many-tries = 密码错误次数过多，{ $url } 的 HiLink 路由器暂时拒绝登录（错误 108007）
hilink-session = 重新登录后，{ $url } 的 HiLink 路由器再次结束了 topup 的会话（错误 { $code }）
hilink-device-error = 路由器对 { $endpoint } 返回错误 { $code }
hilink-not-ok = 路由器没有接受 { $endpoint }（返回 { $answer }）
hilink-ussd-refused = 路由器没有接受 USSD 请求（返回 { $answer }）
hilink-ussd-no-reply = 网络在 { $secs } 秒内没有发回 USSD 回复
hilink-ussd-empty = 路由器的 USSD 回复为空
hilink-ussd-after-send = USSD 请求已发出，但无法读取回复：{ $why }
hilink-on-lte = { $failure }；路由器当前在 LTE（4G）网络上，而很多网络只在 2G/3G 下响应 USSD
hilink-no-network = { $url } 的 HiLink 路由器没有接入移动网络

## HiLink 路由器的提示
hint-hilink-unreachable = 请检查 [hilink] url（或该线路的路由器），并确认本机在路由器的网络中；HiLink 设备出厂时的地址是 http://192.168.8.1
hint-hilink-timed-out = 路由器可能正在重启或忙碌；请稍后再试
hint-hilink-not-hilink = 请确认该地址是 HiLink 路由器的网页
hint-hilink-no-ussd = 请改用短信查询余额（运营商配置中的 balance_sms）
hint-hilink-login-needed = 请在 [hilink]（或该线路的路由器）下设置 username 和 password_file（或 password_command）
hint-hilink-login-lost = topup 登录后路由器仍要求登录：请检查用户名和密码
hint-hilink-wrong-password = 请检查 username，以及 password_file、password_command 或 TOPUP_HILINK_PASSWORD 中的密码
hint-hilink-too-many-tries = 请等路由器重新接受登录（通常几分钟），下次尝试前先核对密码
hint-hilink-session = 可能有其他客户端登录了路由器（它的网页、手机应用、Home Assistant）：请退出登录，或稍后再试
hint-hilink-on-lte = 如果路由器的网络模式是仅 LTE，请在它的网页中改为自动（或允许 3G）后重试；也可以改用短信查询余额（balance_sms）
hint-hilink-no-network = 请检查路由器的信号和 SIM 卡，然后重试

## 沙盒
sandbox-unknown-fault = TOPUP_SANDBOX_FAULT=`{ $value }` 不是有效的故障类型；可用 decline、timeout、unknown、unknown-unpaid 或 slow
sandbox-already-refused = 沙盒已经拒绝过这个订单
sandbox-unreachable = 沙盒支付网关没有响应连接；没有发送任何内容，未扣款
sandbox-declined = 沙盒的模拟银行拒绝了这笔付款；未扣款
sandbox-state = 打开沙盒状态文件 { $path } 时出错：{ $why }
sandbox-damaged = { $number } 的沙盒状态已损坏
hint-sandbox-unreachable = 请稍后再试（取消设置 TOPUP_SANDBOX_FAULT 即可停止模拟这种情况）
hint-sandbox-declined = 取消设置 TOPUP_SANDBOX_FAULT 即可停止模拟拒付
hint-sandbox-state = 请检查状态目录的权限和剩余空间，或删除 { $path } 让沙盒从头开始（里面没有任何真实数据）
hint-sandbox-damaged = 删除状态目录中的 sandbox.sqlite3，让沙盒从头开始（里面没有任何真实数据）

## 密钥
secret-env-not-text = { $var } 中的 { $what } 不是有效的 UTF-8 文本
secret-unreadable = 无法从 { $path } 读取 { $what }：{ $problem }
secret-file-not-text = { $what } 的文件 { $path } 不是 UTF-8 文本
secret-command-not-text = 获取 { $what } 的命令输出的不是文本
secret-command = 获取 { $what } 的命令{ $problem }
secret-not-configured = 没有配置 { $what }
secret-empty = { $what } 为空
hint-secret-not-text = 密钥必须是 UTF-8 文本；请以文本形式保存，或取消设置存放其他内容的那一项
hint-secret-empty = 请把密钥放在 topup 读取的位置：对应的环境变量、*_secret_file，或 *_secret_command 的输出
hint-secret-unreadable = 请让 *_secret_file 指向一个只包含密钥的小文件，或改为设置环境变量
hint-secret-not-configured = 请设置 { $var }，或在配置中设置 *_secret_file / *_secret_command
hint-secret-command-output = 请让它只输出密钥，并且尽快输出（手动运行一次看看它做了什么）
hint-secret-command = 请手动运行它，看看原因

## 命令（密钥命令、钩子）：接在命令名称之后
shell-start = 无法启动：{ $why }
shell-wait = 无法等待其结束：{ $why }
shell-slow = 运行超过 { $duration }，已被停止
shell-verbose = 输出超过 { $limit } 字节
shell-verbose-stopped = 输出超过 { $limit } 字节，已被停止
shell-failed = 失败（{ $exit }）
shell-exit-status = 退出码 { $code }
shell-killed-by-signal = 被信号 { $signal } 终止

## 锁
lock-held = 另一个 topup 正在运行（锁文件 { $path }{ $holder }）
lock-still-held = 等待 { $waited } 后，另一个 topup 仍在运行（锁文件 { $path }{ $holder }）
lock-modem-busy = 另一个 topup 占用调制解调器已超过 { $secs } 秒（锁文件 { $path }）
lock-held-by = ，由进程 { $pid } 持有
hint-lock-held = 请等它完成后重试；在 cron 中，`topup auto --wait-lock 2m` 会等待它
hint-lock-modem-busy = 请等它完成后再试

## 钩子和通知
hook-failed = { $name } { $problem }
hook-notify-bad-url = notify_url 不是有效的 URL
hook-notify-unsent = 通知 { $host } 失败：{ $why }
hook-notify-refused = 通知 { $host } 失败：对方返回 { $status }

## 通用提示
hint-network = 请检查网络连接后重试
hint-later = 请稍后再试

## What topup was doing when an error came (before its own words)
context-reading-modem = 读取调制解调器时
context-reading-sim = 读取 SIM 卡时
context-listing-sms-before = 发送前列出短信时
context-sending-sms = 向 { $to } 发送 { $text } 时
context-listing-sms-waiting = 等待回复、列出短信时
context-writing-pid = 向 { $path } 写入进程号时
context-locking = 锁定 { $path } 时
context-creating-state-dir = 创建状态目录 { $path } 时
context-opening-lock = 打开锁文件 { $path } 时

## Web payments (renew --pay web) and records (topup record)
web-no-page = topup 不知道 { $operator } 的充值 (recarga) 页面
hint-web-no-page = 请在配置中设置：{ $key } = "https://…"，即你充值的页面（`topup operators { $operator }` 会列出已知信息）；未写入任何内容
web-open-start = 无法启动 { $program }：{ $why }
web-open-failed = { $program } 运行失败（{ $status }）
web-not-opened = 未能打开充值页面（{ $problem }）：请自行打开上面的地址，或设置 BROWSER
web-unread = 无法读取 { $line } 的余额（{ $problem }）：之后会询问你付款是否成功
