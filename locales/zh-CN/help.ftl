# help：`topup --help` 的中文（src/cli.rs 的英文由这些消息替换）。
help-about = 智利预付费手机线路充值助手：查余额、选套餐、付款、确认
help-long-about = 智利预付费手机线路充值助手。

    没有配置文件时，topup 在内置沙盒中运行：模拟网络，演示线路有
    demo-entel、demo-movistar、demo-claro、demo-wom、demo-virgin，
    所有命令都可以放心试用。
help-arg-config = 配置文件（否则用 $TOPUP_CONFIG，再否则用 $XDG_CONFIG_HOME/topup/config.toml；都没有则用沙盒）
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
help-auto-about = 为到期的线路续费（供 cron 调用）；无需续费时不输出
help-history-about = 所有付款记录，最新的在前，并按线路列出每月合计
help-reconcile-about = 向支付渠道查询，确定结果未知的订单
help-lines-about = 已配置的线路
help-operators-about = topup 对各运营商的了解，以及如何在那里续费
help-schedule-about = 输出用于 `topup auto` 的 crontab 行和 systemd 定时器
help-completions-about = Shell 补全脚本
help-config-about = 写一份初始配置，或检查正在使用的配置
help-generate-about = 输出 man 手册页或 shell 补全脚本
