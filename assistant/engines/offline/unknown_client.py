"""A company the bank does not know, asked about by name ("东港远洋渔业的授信额度是多少").

A client the extract holds is masked to a token before the engine reads the turn, and a
person's name to a PERSON token; a company name the bank has never heard of stays raw text, so
the turn read as a rule question and answered with playbook passages. The shape of a Chinese
company name (a distinctive part, then a trade or a company form) followed by a client fact
asked for tells it apart; the answer is the one a client of another book gets (DESIGN §4.6).
"""

from __future__ import annotations

import re

from tools.toolbox import Toolbox, ToolError

# Company forms and trades that end a Chinese company's short name (language, not any bank's).
ORG_END = (
    r"股份有限公司|有限责任公司|有限公司|集团|公司|实业|科技|贸易|商贸|工贸|物流|渔业|农业|牧业|"
    r"医疗|医药|制药|制造|机械|机电|电子|电气|电器|食品|纺织|化工|建材|地产|置业|船舶|港口|航运|"
    r"海运|生物|能源|汽车|五金|模具|服饰|酒店|餐饮|建设|建工|工程|投资|控股|传媒|进出口"
)
TRADE_END = re.compile(rf"(?:{ORG_END})$")
# A client's fact asked for, as a value ("多少", "哪天", "是谁"), not a rule about it.
FACT = r"授信额度|授信|存款|贷款|余额|持仓|日均|金融资产|资产|联系人|对接人|到期日?|理财|账户"
VALUE = r"多少|几|哪天|什么时候|啥时候|是谁|怎么样|咋样|有哪些|有多少|情况"
ORG_FACT = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{2,10}}?(?:{ORG_END}))(?:的|那边|那家|现在|最近|目前)*"
    rf"(?:{FACT}).{{0,8}}?(?:{VALUE})"
)
# Words a name never starts with: the RM's own book, a kind of client, a pronoun.
NOT_A_NAME = re.compile(
    r"^(?:我|你|他|她|它|这|那|哪|该|本|贵|客户|我们|我行|行里|组里|团队|对公|零售|所有|全部|其他|"
    r"一般|通常|大型|中小|小微|新设|新开)"
)


def company_named(text: str) -> str | None:
    """The company name a client-fact question asks about, when it has that shape."""
    m = ORG_FACT.search(text)
    if m is None or NOT_A_NAME.search(m.group("name")):
        return None
    # "建材公司的存款一般多少" names a kind of company, not one: its part before the trade or
    # form must be a name of its own, not another trade.
    distinctive = m.group("name")
    while (cut := TRADE_END.sub("", distinctive)) != distinctive:
        distinctive = cut
    return m.group("name") if len(distinctive) >= 2 else None


async def unknown_company(tb: Toolbox, text: str) -> str | None:
    """The company named, when neither the book nor the catalogue knows it by that name."""
    name = company_named(text)
    if name is None:
        return None
    try:
        if (await tb.acall("find_clients", {"query": name, "limit": 1}))["matches"]:
            return None
        if (await tb.acall("find_products", {"query": name}))["products"]:
            return None
    except ToolError:
        return None
    return name
