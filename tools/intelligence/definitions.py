"""What a signal means at this bank, said from its own signal policy: "what counts as a dormant
client?" is answered with the thresholds the engine detects it by (6 months, 240 days, …), in
the asker's language, whatever language the bank's playbooks are written in."""

from __future__ import annotations

from tools.intelligence.policy import SignalPolicy


def _pct(ratio: float) -> str:
    return f"{ratio:.0%}"


def signal_definition(policy: SignalPolicy, kind: str, language: str) -> str | None:
    """One sentence defining ``kind`` by the bank's thresholds; None for a kind it has none of."""
    zh = language == "zh"
    if kind == "dormancy":
        d = policy.dormancy
        return (
            f"按本行信号规则，连续 {d.months_without_transactions} 个月无交易、且 "
            f"{d.days_without_interaction} 天无接触记录的客户为沉睡客户；信号出现后 "
            f"{d.follow_up_working_days} 个工作日内首次唤醒接触。"
            if zh
            else f"By the bank's signal rules, a client is dormant after "
            f"{d.months_without_transactions} months without a transaction and "
            f"{d.days_without_interaction} days without a logged contact; the first contact is "
            f"due within {d.follow_up_working_days} working days of the signal."
        )
    if kind == "deposit_churn":
        c = policy.deposit_churn
        sudden = c.sudden_drop_ratio
        zh_sudden = f"，或最新月较上月下降 ≥ {_pct(sudden)}" if sudden else ""
        en_sudden = (
            f", or the latest month falls {_pct(sudden)} or more on the one before"
            if sudden
            else ""
        )
        return (
            f"按本行信号规则，近 {c.recent_months} 个月日均存款较前 {c.baseline_months} 个月下降 ≥ "
            f"{_pct(c.gradual_drop_ratio)}{zh_sudden}，即触发存款流失预警；"
            f"{c.follow_up_working_days} 个工作日内面访或电话。"
            if zh
            else f"By the bank's signal rules, deposits churn when the last {c.recent_months} "
            f"months' average falls {_pct(c.gradual_drop_ratio)} or more on the "
            f"{c.baseline_months} before{en_sudden}; a visit or call is due within "
            f"{c.follow_up_working_days} working days."
        )
    if kind == "maturity":
        m = policy.maturity
        return (
            f"按本行信号规则，到期前 {m.first_contact_days_before} 天首次联系，到期前 "
            f"{m.second_contact_days_before} 天再次提醒。"
            if zh
            else f"By the bank's signal rules, a maturing holding is first raised "
            f"{m.first_contact_days_before} days before it matures and again "
            f"{m.second_contact_days_before} days before."
        )
    return None
