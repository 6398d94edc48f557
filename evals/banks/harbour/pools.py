"""Name pools for the random part of the Harbour book, and the note templates."""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_F = (
    "秀珍",
    "海燕",
    "雅琴",
    "玉兰",
    "静怡",
    "佳慧",
    "梦琪",
    "晓彤",
    "淑华",
    "春梅",
    "美玲",
    "欣怡",
    "若兰",
    "丽娟",
    "诗涵",
    "雨萱",
    "慧敏",
    "婉清",
    "红霞",
    "凤英",
)
GIVEN_M = (
    "海波",
    "建华",
    "立新",
    "志刚",
    "国栋",
    "文博",
    "浩然",
    "子轩",
    "振宇",
    "德明",
    "宏伟",
    "永强",
    "俊杰",
    "晨阳",
    "铁军",
    "家豪",
    "明轩",
    "世杰",
    "卫国",
    "新民",
)
EN_GIVEN = (
    "James",
    "Laura",
    "Michael",
    "Sophie",
    "Daniel",
    "Hannah",
    "Thomas",
    "Chloe",
    "Lukas",
    "Marie",
    "Ravi",
    "Priya",
    "Mateo",
    "Elena",
    "Hiroshi",
    "Yuki",
)
EN_FAMILY = (
    "Bennett",
    "Fischer",
    "Moreau",
    "Sato",
    "Kowalski",
    "Hughes",
    "Novak",
    "Rossi",
    "Lindqvist",
    "Okafor",
    "Tanaka",
    "Sharma",
    "Alvarez",
    "Brennan",
    "Dubois",
)

CORP_PREFIX = (
    "海韵",
    "蓝港",
    "远帆",
    "鲸川",
    "银沙",
    "潮汐",
    "望海",
    "港湾",
    "渔光",
    "浪花",
    "启航",
    "碧波",
    "长风",
    "沧澜",
    "泊岸",
    "锚点",
    "海星",
    "珊瑚",
    "白鸥",
    "海岳",
)
CORP_KIND = (
    ("水产食品", "水产加工"),
    ("船舶修造", "船舶制造"),
    ("港口装卸", "港口服务"),
    ("冷链物流", "冷链物流"),
    ("海洋生物", "生物医药"),
    ("电子科技", "电子制造"),
    ("建材", "建材贸易"),
    ("纺织服饰", "纺织"),
    ("国际贸易", "进出口贸易"),
    ("旅游开发", "文旅"),
    ("机械设备", "装备制造"),
    ("化工", "精细化工"),
)
CORP_FORM = ("有限公司", "股份有限公司", "集团有限公司")
EN_CORP_HEAD = (
    "Tidewater",
    "Coral Bay",
    "Lighthouse",
    "Saltmarsh",
    "Anchorpoint",
    "Gullwing",
    "Breakwater",
    "Driftwood",
    "Keelson",
    "Mariner",
)
EN_CORP_TAIL = (
    ("Logistics Co., Ltd.", "物流仓储"),
    ("Trading Co., Ltd.", "进出口贸易"),
    ("Marine Supplies Ltd.", "船舶配件"),
    ("Foods Co., Ltd.", "水产加工"),
)
STREETS = ("海韵路", "港湾大道", "滨海中路", "望潮街", "渔港路", "观澜路", "帆影路", "灯塔街")
DISTRICTS = ("港城区", "滨海新区", "芝湾区", "东山区")

CHANNELS = ("meeting", "call", "wecom", "mail", "counter")
NOTES_ZH = (
    "与{who}面谈，了解下半年资金安排，客户计划扩大采购。",
    "电话回访{who}，确认结算账户网银权限变更已完成。",
    "企业微信沟通{who}，发送了存款利率调整说明。",
    "{who}来网点办理业务，顺带介绍了薪资代发方案。",
    "拜访{who}，讨论到期资金续作安排，客户倾向继续存定期。",
    "与{who}沟通风险测评到期事宜，约定下周重新测评。",
)
NOTES_EN = (
    "Met {who} to review cash flow for the coming quarter; expansion planned.",
    "Called {who} to confirm the online banking permission change is done.",
    "Sent {who} the updated deposit rate sheet over WeCom.",
    "{who} visited the branch; introduced the salary agency service.",
    "Discussed reinvestment of maturing funds with {who}; prefers another term deposit.",
    "Reminded {who} that the risk profile questionnaire is due for renewal.",
)
OUTFLOW_ZH = "与{who}沟通近期资金流出原因，客户称部分资金转至他行，已提出挽留方案。"
OUTFLOW_EN = (
    "Spoke with {who} about the recent outflow; funds moved to another bank, retention offer made."
)
