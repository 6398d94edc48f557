"""Chinese administrative place names: anchors for addresses, city prefixes of company names,
and the "city only" display form of an address."""

from __future__ import annotations

import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PROVINCES = _words(
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 "
    "江西省 山东省 河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 "
    "台湾省 内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 "
    "香港特别行政区 澳门特别行政区"
)

# Prefecture-level cities a bank's extract commonly names (short forms, without 市).
CITIES = _words(
    "北京 天津 上海 重庆 石家庄 唐山 保定 邯郸 廊坊 太原 大同 呼和浩特 包头 鄂尔多斯 沈阳 大连 鞍山 "
    "长春 吉林 哈尔滨 大庆 南京 苏州 无锡 常州 南通 徐州 扬州 镇江 泰州 盐城 淮安 连云港 宿迁 杭州 "
    "宁波 温州 嘉兴 湖州 绍兴 金华 台州 舟山 丽水 衢州 义乌 合肥 芜湖 蚌埠 马鞍山 安庆 福州 厦门 泉州 "
    "漳州 莆田 南昌 赣州 九江 济南 青岛 烟台 潍坊 淄博 临沂 济宁 威海 郑州 洛阳 开封 新乡 南阳 武汉 "
    "宜昌 襄阳 长沙 株洲 湘潭 岳阳 衡阳 广州 深圳 珠海 佛山 东莞 中山 惠州 江门 汕头 湛江 肇庆 南宁 "
    "柳州 桂林 北海 海口 三亚 成都 绵阳 德阳 宜宾 贵阳 遵义 昆明 大理 丽江 拉萨 西安 宝鸡 咸阳 兰州 "
    "西宁 银川 乌鲁木齐 香港 澳门 台北 高雄 苏州工业园区"
)

_PROVINCE_SHORT = sorted(
    {
        re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", p)
        for p in PROVINCES
    },
    key=len,
    reverse=True,
)
PLACE_PREFIXES = tuple(
    sorted(
        set(PROVINCES) | {c + "市" for c in CITIES} | set(CITIES) | set(_PROVINCE_SHORT),
        key=len,
        reverse=True,
    )
)
_CITY_IN_ADDRESS = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:市|自治州|地区|盟))")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def strip_place_prefix(name: str) -> str:
    """``上海华远软件`` -> ``华远软件``; unchanged when no known place starts the name."""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def city_of(address: str) -> str:
    """The city of a Chinese or English address, for the "city only" display form."""
    for city in _MUNICIPALITIES:
        if address.startswith(city) or city[:2] == address[:2]:
            return city
    head = address
    for province in PROVINCES:
        if address.startswith(province):
            head = address[len(province) :]
            break
    match = _CITY_IN_ADDRESS.match(head)
    if match:
        return match.group(1)
    for city in CITIES:
        if city in address:
            return city + "市" if re.search(r"[\u4e00-\u9fff]", city) else city
    return _english_city(address)


def _english_city(address: str) -> str:
    # "12 Main Street, Springfield, IL 62704" -> "Springfield"
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) >= 3:
        return parts[-2]
    if len(parts) == 2:
        return re.sub(r"\s+[A-Z]{2}\s*\d{5}(-\d{4})?$", "", parts[1]).strip() or "[city]"
    return "[city]"
