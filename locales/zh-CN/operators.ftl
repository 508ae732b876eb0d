# operators：`topup operators`、`topup auto` 的原因、`topup schedule` 的注释。
# 运营商资料的来源和网址保持原样。第一次出现时附上智利用词：
# 余额 (saldo)、流量包 (bolsa)、充值 (recarga)、赠送余额 (Extra Saldo)。

## topup operators
operators-company = 公司：{ $company }
operators-network-codes = 网络代码 (MCC-MNC)：{ $codes }
operators-network-note = { $code }：{ $note }
operators-how = 查询和续费方式：
operators-channel = { $purpose }：{ $detail }
operators-kind-web = 网页
operators-kind-app = 应用
operators-kind-ussd = USSD
operators-kind-store = 门店
operators-third-party = [第三方来源：请核实]
operators-source = 来源：{ $source }
operators-no-store = 门店：没有可靠来源说明可以在哪里线下充值 (recarga)
operators-note = 注意：{ $note }
operators-unknown = 未知（请改在配置文件中设置）：
operators-config-ussd = 您的配置：balance_ussd = { $code }
operators-config-plans = 您的配置：{ $count } 个套餐
operators-recharge = 充值 (recarga) 页面（renew --pay web）：{ $url }
operators-recharge-config = 充值 (recarga) 页面（renew --pay web）：{ $url }（你的配置：[operators.{ $op }] recharge_url）
operators-recharge-unknown = 充值 (recarga) 页面（renew --pay web）：未知；请设置 [operators.{ $op }] recharge_url

## 运营商资料（src/carrier/*.rs）
operators-claro-company = Claro Chile S.A.（ClaroVTR 合资企业）
operators-claro-purpose-0 = 账户
operators-claro-detail-0 = Mi Claro 网上营业厅 (Sucursal Virtual)（用 RUT 和密码 (contraseña) 登录）
operators-claro-unknown-0 = 查询余额 (saldo) 的 USSD 代码和短信关键词（请在 [operators.claro] 中设置 balance_ussd 或 balance_sms）
operators-claro-unknown-1 = 购买流量包 (bolsa) 的 USSD 菜单（请在每个 [[operators.claro.plan]] 中设置 buy_ussd）
operators-claro-unknown-2 = 查询预付费余额的官方应用

operators-entel-company = Entel Telefonía Móvil S.A.（旧名单中为 Entel PCS）
operators-entel-purpose-0 = 查余额 (saldo) 和续费
operators-entel-detail-0 = Mi Entel 应用（用 RUT 和密码登录）
operators-entel-purpose-1 = 预付费门户
operators-entel-detail-1 = https://www.entel.cl/prepago/（未找到查询余额的页面）
operators-entel-source-1 = https://www.entel.cl/prepago/（SoloTodo storescraper 使用的地址）
operators-entel-unknown-0 = 查询余额的 USSD 代码和短信关键词（请在 [operators.entel] 中设置 balance_ussd 或 balance_sms）
operators-entel-unknown-1 = 购买流量包 (bolsa) 的 USSD 菜单（请在每个 [[operators.entel.plan]] 中设置 buy_ussd）

operators-movistar-company = Telefónica Móvil de Chile
operators-movistar-recharge-source = 某个第三方网页 HTML 中一个被注释掉的 "Pagar Movistar" 链接（公开代码）；未经核实
operators-movistar-network-73007 = 据 Wikipedia 和 AOSP 属于 Movistar；GNOME 把 730-07 列给 Virgin Mobile
operators-movistar-purpose-0 = 查余额 (saldo) 和续费
operators-movistar-detail-0 = Mi Movistar 应用（用 RUT 和密码 (contraseña) 登录）
operators-movistar-purpose-1 = 帮助中心
operators-movistar-detail-1 = atencionalcliente.movistar.cl
operators-movistar-quirk-0 = 2025 年有媒体报道称 Telefónica 正在退出智利；该品牌今后如何尚不清楚
operators-movistar-unknown-0 = 查询余额的 USSD 代码和短信关键词（请在 [operators.movistar] 中设置 balance_ussd 或 balance_sms）
operators-movistar-unknown-1 = 购买流量包 (bolsa) 的 USSD 菜单（请在每个 [[operators.movistar.plan]] 中设置 buy_ussd）

operators-virgin-company = Tribe Mobile Chile SpA（使用 Movistar 网络的虚拟运营商 MVNO）
operators-virgin-recharge-source = https://khipu.com（其首页列出接受 khipu 付款的商户，其中一项链接到 Virgin 的充值页面；见于该页面的一份存档副本，而非 virginmobile.cl 本身）；未经核实
operators-virgin-purpose-0 = 官网
operators-virgin-detail-0 = virginmobile.cl 网站存在；未找到查询余额 (saldo) 的页面
operators-virgin-unknown-0 = 查询余额的 USSD 代码和短信关键词（请在 [operators.virgin] 中设置 balance_ussd 或 balance_sms）
operators-virgin-unknown-1 = 购买流量包 (bolsa) 的 USSD 菜单（请在每个 [[operators.virgin.plan]] 中设置 buy_ussd）
operators-virgin-unknown-2 = 其 SIM 卡使用哪个 MNC（730-13 还是 730-07：各来源说法不一）
operators-virgin-unknown-3 = 查询预付费余额的应用

operators-wom-company = WOM（Novator Partners；前身为 Nextel）
operators-wom-purpose-0 = 查余额 (saldo)
operators-wom-detail-0 = 拨打 *103#，再选 2，余额会显示在屏幕上（或拨打 103，选 2）
operators-wom-purpose-1 = 查余额和续费
operators-wom-detail-1 = APP WOM 会显示余额 (Saldo) 和赠送余额 (Extra Saldo)
operators-wom-purpose-2 = 账户
operators-wom-detail-2 = MiWOM 网上营业厅 (sucursal virtual)，miwom.wom.cl（用 RUT 或手机号 + 短信验证码登录）
operators-wom-quirk-0 = 赠送余额（Extra Saldo，来自礼品、促销）不能用来买套餐：topup 判断买不买得起套餐时只算余额 (Saldo)（来源：https://www.wom.cl/centro-de-ayuda/como-contrato-spotify-con-cargo-a-mi-boleta/）
operators-wom-quirk-1 = WOM 于 2024 年 4 月在美国申请破产保护（Chapter 11），此后所有权已变更
operators-wom-unknown-0 = *103# 的原文回复（这个代码本身来自第三方网页：请用您的 SIM 卡核实）
operators-wom-unknown-1 = 购买流量包 (bolsa) 的 USSD 菜单（请在每个 [[operators.wom.plan]] 中设置 buy_ussd）

operators-common-unknown-0 = 余额查询回复的原文（如果 topup 读不懂您的回复，请设置 [operators.X] saldo_pattern / data_pattern）
operators-common-unknown-1 = 目前的预付费流量包目录和价格（请在 [[operators.X.plan]] 下列出您的套餐）
operators-common-unknown-2 = 充值的最低和最高金额
operators-common-unknown-3 = 官方充值页面和支持的付款方式

## topup auto：“原因”一栏
reason-no-policy = 未设置自动续费规则
reason-reconcile = 之前一笔订单的结果尚未确定；先核对，再付款
reason-unknown-plan = 此线路没有套餐 `{ $plan }`；请对照 `topup plans` 检查 [lines.NAME.auto] 下的 `plan`
reason-no-validity = 套餐 `{ $plan }` 没有有效期，无法使用默认规则（剩三分之一时续费）；请设置 when_data_below、when_saldo_below 或 before_expiry
reason-unread = 没有读到{ $missing }，无法判断是否该续费；不会盲目续费
reason-calm = 暂不续费：{ $calm }
reason-calm-partly-read = 暂不续费：{ $calm }（未读到{ $missing }）
reason-plan-expired = 套餐已于 { $ago } 前到期
reason-data-unlimited = 流量不限量
reason-data-below = 流量 { $left } < { $threshold }
reason-data-enough = 流量 { $left } ≥ { $threshold }
reason-saldo-below = 余额 { $saldo } < { $threshold }
reason-saldo-enough = 余额 { $saldo } ≥ { $threshold }
reason-missing-data = 剩余流量
reason-missing-saldo = 余额
reason-missing-expiry = 套餐到期时间
reason-within = 已在 { $window } 以内
reason-third-of-validity = 不足套餐 { $days } 天有效期的三分之一
reason-expires-soon = { $left } 后到期，{ $label }
reason-expires = { $left } 后到期
reason-and = ，
reason-or = 或
reason-blocked-due = { $guard }；已到续费条件：{ $due }
reason-cooldown = 上次续费在 { $ago } 前；min_interval { $interval } 于 { $ends } 结束（还有 { $left }）
reason-cap = { $plan } 会超出{ $scope }（{ $month } 已花费或待处理 { $spent }，加 { $price } > { $cap }）
reason-cap-line = 线路 { $line } 的每月上限
reason-cap-all = 所有线路合计的每月上限
reason-max-renewals = 已到续费条件（{ $reason }），但已达到 --max-renewals { $max }

## topup schedule：要复制的内容周围的注释
schedule-no-config = 没有配置文件：这个定时任务会为沙盒的演示线路续费
schedule-cron = # --- cron：用 `crontab -e` 添加 ---
schedule-systemd = # --- 或者用 systemd：保存这两个文件，然后运行
schedule-linger = # （要让定时器在您退出登录后也运行：loginctl enable-linger $USER）
schedule-crontab-comment = topup：线路到期时自动续费；没有情况时不输出
schedule-service-description = 为到期的预付费线路续费 (topup auto)
schedule-timer-description = 每 { $minutes } 分钟运行一次 topup auto
schedule-path-not-text = { $what ->
        [config] 配置文件路径
       *[state] 状态目录
    } ({ $path }) 无法写入 crontab 或 systemd 单元：名称不是 UTF-8，或含有控制字符或不可见字符
hint-schedule-path-not-text = 请使用名称为普通文本的路径（设置 TOPUP_STATE_DIR 或 --config）
