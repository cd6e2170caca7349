"""Messages of the KPIs, key → (English, Simplified Chinese): refusals, the metrics' names, their
definitions (``zizhi kpi --explain``) and the words of a drill-down."""

MESSAGES: dict[str, tuple[str, str]] = {
    "kpi.quarter_format": ("{field}: '{value}' is not a quarter; write a year from {low} to {high} and Q1–Q4 "
                           "(e.g. 2026Q4), or this or last.",
                           "{field}：'{value}' 不是季度；请写 {low} 到 {high} 年之间的年份加 Q1–Q4（如 2026Q4），"
                           "或 本季度（this）、上季度（last）。"),
    "kpi.sales_side_only": ("KPIs are kept for salespeople (your role is {role}); managers see the team's {how}.",
                            "业绩指标只为销售人员统计（您的角色是 {role}）；经理可{how}查看全队。"),
    "kpi.sales_side_only.how": ("with zizhi kpi team", "用 zizhi kpi team "),
    "kpi.own_not_sales": ("KPIs are kept for salespeople, and your role is {role}: {how}.",
                          "业绩指标只为销售人员统计，您的角色是 {role}：{how}。"),
    "kpi.own_not_sales.how": ("the team's are zizhi kpi team, one salesperson's zizhi kpi --user LOGIN",
                              "全队请用 zizhi kpi team，某位销售请用 zizhi kpi --user 登录名"),
    "kpi.not_sales": ("{login} is {role}: KPIs are kept for salespeople ({how}).",
                      "{login} 的角色是 {role}：业绩指标只为销售人员统计（{how}）。"),
    "kpi.not_sales.how": ("the team's: zizhi kpi team", "全队：zizhi kpi team"),
    "kpi.managers_only": ("Only managers and admins read another person's KPIs or the team's (your role is {role}).",
                          "只有经理和管理员可以查看他人或全队的业绩指标（您的角色是 {role}）。"),
    "kpi.metric_unknown": ("{field}: '{value}' is not a KPI; one of {allowed}.",
                           "{field}：'{value}' 不是业绩指标；可选：{allowed}。"),
    "kpi.target_nothing": ("target: name at least one of --revenue, --contracts, --new-clients.",
                           "目标：请至少指定 --revenue、--contracts、--new-clients 之一。"),
    "kpi.targets_managers_only": ("Only managers and admins set targets (your role is {role}).",
                                  "只有经理和管理员可以设定目标（您的角色是 {role}）。"),
    "kpi.target_not_sales": ("{field}: {value}'s role is {role}; targets are set for salespeople.",
                             "{field}：{value} 的角色是 {role}；目标只为销售人员设定。"),
    "kpi.target_negative": ("{field}: {value} is negative; a target must be 0 or more.",
                            "{field}：{value} 是负数；目标必须大于或等于 0。"),
    "kpi.target_set": ("Targets of {login} for {quarter}: revenue {revenue}, contract value {contract_value}, "
                       "new clients {new_clients}.",
                       "{login} {quarter} 的目标：销售额 {revenue}，签约额 {contract_value}，新客户 {new_clients}。"),
    "kpi.metric.revenue": ("revenue", "销售额"),
    "kpi.metric.contract_value": ("contract value signed", "签约额"),
    "kpi.metric.new_clients": ("new clients", "新客户"),
    "kpi.metric.satisfaction": ("customer satisfaction", "客户满意度"),
    "kpi.metric.success_rate": ("qualification success rate", "资质办理成功率"),
    "kpi.metric.win_rate": ("win rate", "赢单率"),
    "kpi.metric.stage_days": ("average days per stage", "各阶段平均天数"),
    "kpi.head": ("KPIs of {name} ({login}), {quarter} ({start} – {end}):", "{name}（{login}）{quarter} 业绩指标（{start} 至 {end}）："),
    "kpi.team_head": ("The team, {quarter} ({start} – {end}), ranked by {metric}:",
                      "团队 {quarter}（{start} 至 {end}），按{metric}排名："),
    "kpi.chart": ("{metric}:", "{metric}："),
    "kpi.not_on_duty": ("Not ranked — not on duty in {quarter} (onboarding exam not passed by its end): {people}.",
                        "未参与排名 — {quarter} 未上岗（季度结束前未通过入职考试）：{people}。"),
    "col.day": ("day", "日期"),
    "col.entered": ("entered", "进入日期"),
    "kpi.col.figure": ("figure", "数值"),
    # the team table's heads, short (a line break prints a head on two lines) so it fits 80 columns
    "kpi.short.revenue": ("revenue", "销售额"),
    "kpi.short.contract_value": ("contracts\nsigned", "签约额"),
    "kpi.short.new_clients": ("new\nclients", "新客户"),
    "kpi.short.satisfaction": ("satis-\nfaction", "满意度"),
    "kpi.short.success_rate": ("success\nrate", "办理\n成功率"),
    "kpi.short.win_rate": ("win\nrate", "赢单率"),
    "kpi.col.target": ("target", "目标"),
    "kpi.col.attainment": ("attained", "完成率"),
    "kpi.col.rank": ("rank", "排名"),
    "kpi.col.person": ("salesperson", "销售人员"),
    "kpi.scores": ("mean of {count} scores", "{count} 次评分的平均"),
    "kpi.scores.one": ("1 score", "1 次评分"),
    "kpi.decided": ("{approved} approved of {decided} decided", "已决 {decided} 件中批准 {approved} 件"),
    "kpi.ended": ("{won} won, {lost} lost", "赢 {won}，输 {lost}"),
    "kpi.stays": ("{stage}: {mean} days ({count} stays)", "{stage}：{mean} 天（{count} 次）"),
    "kpi.stays.one": ("{stage}: {mean} days (1 stay)", "{stage}：{mean} 天（1 次）"),
    "kpi.no_stays": ("no stage left this quarter", "本季度没有离开任何阶段"),
    "kpi.drill_head": ("{metric} of {login}, {quarter}: {count} records, {figure}",
                       "{login} {quarter} 的{metric}：{count} 条记录，{figure}"),
    "kpi.drill_head.one": ("{metric} of {login}, {quarter}: 1 record, {figure}",
                           "{login} {quarter} 的{metric}：1 条记录，{figure}"),
    "kpi.stage_only_days": ("--stage: {value} — a stage is drilled only for stage_days, not {metric}.",
                            "阶段（--stage）：{value} —— 只有“各阶段平均天数”可按阶段查看明细，{metric} 不可以。"),
    "kpi.drill_head_stages": ("{metric} of {login}, {quarter}: {count} stays — {stages}; --stage STAGE lists one",
                              "{login} {quarter} 的{metric}：{count} 次停留 —— {stages}；用 --stage 阶段 查看单个阶段"),
    "kpi.drill_head_stage": ("days in {stage} of {login}, {quarter}: {count} stays, mean {figure} days",
                             "{login} {quarter} 在{stage}阶段的天数：{count} 次停留，平均 {figure} 天"),
    # the head of a drill-down's figure column: what each record counts for
    "kpi.col.counts.revenue": ("amount", "金额"),
    "kpi.col.counts.contract_value": ("amount", "金额"),
    "kpi.col.counts.new_clients": ("counts", "计入"),
    "kpi.col.counts.satisfaction": ("score", "评分"),
    "kpi.col.counts.success_rate": ("approved 1-0", "获批 1/0"),
    "kpi.col.counts.win_rate": ("won 1-0", "赢单 1/0"),
    "kpi.col.counts.stage_days": ("days", "天数"),
    "kpi.col.recorded_later": ("recorded later", "补记"),
    "kpi.recorded_later": ("on {day}", "登记于 {day}"),
    "kpi.recorded_later_note": (
        "{count} of these records were entered after {quarter} ended (on the day shown): they changed its "
        "figure after it closed.",
        "其中 {count} 条记录在 {quarter} 结束后才登记（登记日如所示）：它们在季度结束后改变了该季度的数字。"),
    "kpi.recorded_later_note.one": (
        "1 of these records was entered after {quarter} ended (on the day shown): it changed its figure after "
        "it closed.",
        "其中 1 条记录在 {quarter} 结束后才登记（登记日如所示）：它在季度结束后改变了该季度的数字。"),
    "kpi.kind.payment": ("payment", "收款"),
    "kpi.kind.reversal": ("reversal", "冲销"),
    "kpi.kind.signed": ("signed", "签订"),
    "kpi.kind.amended": ("amended", "变更"),
    "kpi.kind.first_contract": ("first contract", "首份合同"),
    "kpi.kind.visit": ("visit", "回访"),
    "kpi.kind.approved": ("approved", "批准"),
    "kpi.kind.rejected": ("rejected", "驳回"),
    "kpi.kind.won": ("won", "赢单"),
    "kpi.kind.lost": ("lost", "输单"),
    "kpi.kind.stay": ("stay", "停留"),
    "kpi.explain_head": ("How each KPI is counted (per salesperson and quarter; rulebook §4.3):",
                         "各项业绩指标的计算方法（按销售人员和季度；制度第四章第三节）："),
    "kpi.explain.revenue": (
        "revenue — money received in the quarter on the person's contracts: each payment (and credit "
        "applied) on the day it filled an instalment, less reversals on the day each reversal is dated. "
        "A reversal dated in a later quarter counts in that quarter, so the earlier quarter keeps its figure. "
        "One exception: a payment or reversal dated inside a closed quarter but entered after it ended changes "
        "that quarter's figure; `zizhi kpi drill revenue` marks each such record \"recorded later (on DATE)\".",
        "销售额 — 本季度在本人合同上收到的款项：每笔付款（及冲抵的预收款）按其计入分期的日期计，"
        "冲销按冲销日期扣减。日期在后一季度的冲销计入该季度，前一季度的数字保持不变。"
        "例外：日期在已结束季度内、但在季度结束后才登记的付款或冲销，会改变该季度的数字；"
        "`zizhi kpi drill revenue` 将这类记录标为“补记（登记于 某日）”。"),
    "kpi.explain.channels": (
        "Revenue in `zizhi report channels` is not this figure: there it is money received from the channel's "
        "clients on the day paid (as the month-end reconciliation counts it), credit still on account included; "
        "here it is only money applied to the person's contracts, on the day applied. Credit on account not yet "
        "applied (or applied in a later quarter) makes the two differ.",
        "`zizhi report channels` 中的销售额与此不同：那里是该渠道客户按付款日收到的全部款项（与月末对账口径一致），"
        "含尚未冲抵的预收款；这里只计冲抵到本人合同上的款项，按冲抵日计。尚未冲抵（或在后一季度才冲抵）的预收款"
        "使两者不同。"),
    "kpi.explain.contract_value": (
        "contract value signed — the totals of contracts signed in the quarter, as signed; a later "
        "amendment adds or takes away its change of total in the quarter it is made.",
        "签约额 — 本季度签订的合同总额（按签订时金额）；签订后的合同变更，其增减额计入变更所在季度。"),
    "kpi.explain.new_clients": (
        "new clients — clients whose first contract was signed in the quarter.",
        "新客户 — 首份合同在本季度签订的客户。"),
    "kpi.explain.satisfaction": (
        "customer satisfaction — the mean score (1–5) of after-sales visits done in the quarter, with how many.",
        "客户满意度 — 本季度完成的售后回访评分（1–5）的平均值及评分次数。"),
    "kpi.explain.success_rate": (
        "qualification success rate — processing outcomes approved ÷ outcomes decided (approved or rejected) "
        "in the quarter.",
        "资质办理成功率 — 本季度主管机关作出的办理结果中，批准数 ÷ 已决数（批准或驳回）。"),
    "kpi.explain.win_rate": (
        "win rate — deals won (contract signed) ÷ deals won or lost in the quarter; cancelled deals are neither.",
        "赢单率 — 本季度赢单（合同签订）数 ÷ 赢单与输单之和；取消的商机不计。"),
    "kpi.explain.stage_days": (
        "average days per stage — for each stay in a stage that ended in the quarter (moved on, back, or ended), "
        "the whole days from entering to leaving it, averaged per stage; a stage crossed within one move is no stay.",
        "各阶段平均天数 — 本季度结束的每次阶段停留（前进、退回或结束），从进入到离开的整天数，按阶段平均；"
        "一次移动中跨过的阶段不算停留。"),
    "kpi.explain.owner": (
        "Whose: each payment, signature, visit, outcome or move counts for whoever owned the deal that day "
        "(a client re-assigned mid-quarter splits its deals' figures at the day it changed hands); a reversal "
        "counts against whoever the reversed money was credited to.",
        "归属：每笔付款、签约、回访、办理结果或阶段移动，计入当天该商机的负责人（季度中途转交的客户，"
        "其商机的数字以转交日为界分开计算）；冲销从原先计入该笔款项的人员中扣减。"),
    "kpi.explain.targets": (
        "Targets: set by managers per person and quarter for revenue, contract value and new clients; "
        "attainment is the figure ÷ the target.",
        "目标：由经理按人按季度设定销售额、签约额和新客户数；完成率为实际数 ÷ 目标数。"),
}
