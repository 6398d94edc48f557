"""客户把网银密码告诉我 让我帮他转账 / "client gave me his online banking password so I can do the
transfer": an RM who knows, keeps or uses a client's password, verification code or security key
operates the account in the client's place. Both evaluation banks' playbooks forbid it (不得向客户索
要密码, 不得代客操作), and so does every bank's conduct code: the client acts on their own account,
at the counter or in their own app, with the RM's help but never the RM's hands."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "不得索要、保管或使用客户的密码、验证码、U盾，不得代客操作账户。",
    "Never ask for, keep or use a client's password, verification code or security key, and "
    "never operate a client's account for them.",
)
_FIX = (
    "请客户本人在手机银行/网银或到网点办理，客户经理可以在旁指导；已知悉的密码请提醒客户立即修改。",
    "Have the client do it themselves, in their own app or at a branch, with your guidance; if "
    "you were told a password, ask the client to change it now.",
)
_SECRET_ZH = r"(?:(?:网银|手机银行|银行卡|卡|登录|交易|支付|取款)?密码|验证码|动态码|U盾|ukey|UKey|USB\s*key|密钥)"
_SECRET_EN = (
    r"(?:(?:online banking |banking |card |login |account |app )?(?:password|passcode|pin)|"
    r"(?:verification|sms|one[- ]time|otp) ?code|otp|(?:usb|security) (?:key|token)|u-?key|token)"
)


class ClientCredentialsRule(PhraseRule):
    code = "client_credentials"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            # the secret told, handed over or kept, then (or before) the RM acting with it
            rf"{_SECRET_ZH}[^。！？!?]{{0,20}}(?:告诉|给|交给|发给|留给|放在?)(?:了)?(?:我|我们|客户经理)|"
            rf"(?:我|我们)(?:帮|替|给)?(?:他|她|他们|她们|客户)?(?:保管|收着|拿着|记着|记下)[^。！？!?]{{0,8}}{_SECRET_ZH}|"
            rf"(?:用|拿)(?:他|她|他们|她们|客户)的?{_SECRET_ZH}|"
            rf"代客(?:户)?操作|替(?:他|她|他们|她们|客户)(?:登录|登|操作|转账|下单|申购|赎回)|"
            rf"帮(?:他|她|他们|她们|客户)(?:登录|登一下|登)(?:手机银行|网银)|"
            # "手机银行密码多少？我帮她操作": the secret asked for
            rf"(?:他|她|他们|她们|客户|⟦(?:CLIENT|PERSON)_\d+⟧)的?{_SECRET_ZH}(?:是)?(?:多少|几位|啥|什么)|"
            # "你直接帮她再买20万股票基金": a purchase made in the client's place
            r"(?:你|直接)(?:就)?(?:帮|替)(?:他|她|他们|她们|客户|⟦(?:CLIENT|PERSON)_\d+⟧)(?:再|直接)?"
            r"(?:买|申购|下单|赎回|认购|转账)",
            _WHY,
            _FIX,
        ),
        phrase(
            rf"\b(?:gave|give|gives|told|tell|tells|sent|shared|handed)\s+(?:me|us)\s+(?:his|her|their|the)?\s*{_SECRET_EN}\b|"
            rf"\b(?:his|her|their|the client'?s)\s+{_SECRET_EN}\b.{{0,60}}\b(?:for (?:him|her|them)|on (?:his|her|their) behalf)\b|"
            rf"\b(?:keep|hold|store|use)\s+(?:his|her|their|the client'?s)\s+{_SECRET_EN}\b|"
            r"\blog (?:in|into) (?:his|her|their|the client'?s) (?:account|app|online banking)\b",
            _WHY,
            _FIX,
        ),
    )
