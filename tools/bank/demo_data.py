"""Static pools for the demo bank generator (regions, industries, name parts, pinyin)."""

from __future__ import annotations


def _w(words: str) -> list[str]:
    """ "a b c" -> ["a", "b", "c"]."""
    return words.split()


def _codes(spec: str) -> dict[str, str]:
    """ "name:code name:code" -> {name: code}."""
    return dict(item.split(":") for item in spec.split())


BRANCHES = _w("上海分行 杭州分行 南京分行")

# branch -> list of (province, city, {district: admin division code}, roads)
REGIONS: dict[str, list[tuple[str, str, dict[str, str], list[str]]]] = {
    "上海分行": [
        (
            "上海市",
            "",
            _codes(
                "浦东新区:310115 徐汇区:310104 静安区:310106 黄浦区:310101 长宁区:310105 闵行区:310112 普陀区:310107 杨浦区:310110 宝山区:310113 嘉定区:310114 松江区:310117 青浦区:310118"
            ),
            _w(
                "世纪大道 张江路 陆家嘴环路 淮海中路 南京西路 延安西路 虹桥路 漕溪北路 长宁路 天山路 中山北路 四平路 控江路 沪太路 曹安公路 莘松路 金海路 祖冲之路 华夏中路 宜山路"
            ),
        ),
        (
            "江苏省",
            "苏州市",
            _codes(
                "姑苏区:320508 吴中区:320506 相城区:320507 虎丘区:320505 昆山市:320583 太仓市:320585"
            ),
            _w("金鸡湖大道 星湖街 干将西路 人民路 东环路 前进西路 郑和中路 苏州大道东"),
        ),
    ],
    "杭州分行": [
        (
            "浙江省",
            "杭州市",
            _codes(
                "上城区:330102 拱墅区:330105 西湖区:330106 滨江区:330108 萧山区:330109 余杭区:330110 临平区:330113 钱塘区:330114"
            ),
            _w(
                "文三路 天目山路 凤起路 延安路 钱江路 古墩路 江南大道 文一西路 湖墅南路 学院路 市心中路 五常大道 网商路 之江路"
            ),
        ),
        (
            "浙江省",
            "宁波市",
            _codes("海曙区:330203 北仑区:330206 鄞州区:330212"),
            _w("中山西路 天童南路 新明街 长江路 四明中路"),
        ),
        (
            "浙江省",
            "绍兴市",
            _codes("越城区:330602 柯桥区:330603"),
            _w("解放北路 笛扬路 金柯桥大道"),
        ),
        (
            "浙江省",
            "嘉兴市",
            _codes("南湖区:330402 秀洲区:330411"),
            _w("中环南路 洪兴路 昌盛路"),
        ),
    ],
    "南京分行": [
        (
            "江苏省",
            "南京市",
            _codes(
                "玄武区:320102 秦淮区:320104 建邺区:320105 鼓楼区:320106 浦口区:320111 栖霞区:320113 雨花台区:320114 江宁区:320115"
            ),
            _w(
                "中山路 珠江路 汉中路 龙蟠路 江东中路 应天大街 双龙大道 湖南路 北京东路 软件大道 仙林大道 雨花大道"
            ),
        ),
        (
            "江苏省",
            "无锡市",
            _codes("梁溪区:320213 滨湖区:320211 新吴区:320214"),
            _w("太湖大道 中山路 长江北路 蠡湖大道"),
        ),
        (
            "江苏省",
            "常州市",
            _codes("天宁区:320402 新北区:320411 武进区:320412"),
            _w("延陵西路 通江中路 龙锦路"),
        ),
    ],
}

CITY_SHORT = {
    "上海分行": ["上海"],
    "杭州分行": _w("杭州 宁波 浙江 绍兴 嘉兴"),
    "南京分行": _w("南京 江苏 无锡 常州 苏州"),
}
EN_CITIES = {
    "上海分行": _w("Shanghai Suzhou Kunshan Taicang"),
    "杭州分行": _w("Hangzhou Ningbo Jiaxing"),
    "南京分行": _w("Nanjing Wuxi Changzhou"),
}

# Birth-place codes for 身份证 (validity per birth year is checked against stdnum's table).
RIC_AREAS = _w(
    "310101 310104 310105 310106 310107 310109 310110 310112 310115 330102 330106 330108 330203 330212 330602 330402 320102 320104 320106 320115 320506 320583 320211 320402 321002 340104 340102 370102 410105 420106 510107 360102 430102 350203 341302 320802 331002 330302 130102 230103 610113 500103"
)
RIC_FALLBACK = _w("310101 310104 310105 310106 310107 310109 310110")

# industry: (weight, zh business words, en business words, English-name eligible)
INDUSTRIES: dict[str, tuple[float, list[str], list[str], bool]] = {
    "制造业": (
        0.18,
        _w("精密机械 机电设备 汽车零部件 模具 五金制品 电气 自动化设备 新材料 纺织 塑胶制品 阀门"),
        [
            "Precision Machinery",
            "Hydraulics",
            "Auto Parts",
            "Electric",
            "Industrial Automation",
            "Textiles",
            "Tooling",
        ],
        True,
    ),
    "批发零售": (
        0.12,
        _w("商贸 贸易 百货 供应链管理 食品销售 日用品"),
        ["Trading", "Retail", "Consumer Goods"],
        True,
    ),
    "信息技术": (
        0.10,
        _w("信息技术 软件 网络科技 数据科技 智能科技 云计算"),
        ["Software", "Technology", "Data Systems"],
        True,
    ),
    "建筑业": (0.08, _w("建设工程 建筑工程 装饰工程 市政工程 建材"), [], False),
    "医药健康": (
        0.08,
        _w("医药 生物科技 医疗器械 健康科技 制药"),
        ["Pharma", "Medical Devices", "Life Sciences"],
        True,
    ),
    "交通物流": (
        0.08,
        _w("物流 运输 国际货运代理 仓储 冷链物流"),
        ["Logistics", "Freight Services", "Shipping"],
        True,
    ),
    "房地产": (0.05, _w("置业 房地产开发 物业管理 地产"), [], False),
    "农业": (0.05, _w("农业科技 生态农业 种业 农产品 茶业"), [], False),
    "新能源": (
        0.09,
        _w("新能源科技 光伏科技 储能技术 锂电科技 电力设备"),
        ["Solar", "Energy Storage", "Battery Systems"],
        True,
    ),
    "教育文化": (0.06, _w("教育科技 文化传媒 文化发展 出版 培训"), [], False),
    "外贸": (
        0.11,
        _w("进出口 国际贸易 外贸 实业"),
        ["Import & Export", "International Trading"],
        True,
    ),
}
TRADE_INDUSTRIES = {"外贸", "制造业", "批发零售", "新能源"}

BRAND_PINYIN = {
    "恒": "heng",
    "瑞": "rui",
    "华": "hua",
    "鑫": "xin",
    "泰": "tai",
    "嘉": "jia",
    "宏": "hong",
    "盛": "sheng",
    "德": "de",
    "远": "yuan",
    "达": "da",
    "新": "xin",
    "中": "zhong",
    "天": "tian",
    "润": "run",
    "安": "an",
    "康": "kang",
    "鼎": "ding",
    "丰": "feng",
    "昌": "chang",
    "荣": "rong",
    "博": "bo",
    "汇": "hui",
    "诚": "cheng",
    "信": "xin",
    "益": "yi",
    "通": "tong",
    "晟": "sheng",
    "弘": "hong",
    "景": "jing",
    "明": "ming",
    "正": "zheng",
    "元": "yuan",
    "金": "jin",
    "鸿": "hong",
    "海": "hai",
    "宇": "yu",
    "星": "xing",
    "辰": "chen",
    "凯": "kai",
    "旭": "xu",
    "立": "li",
    "威": "wei",
    "科": "ke",
    "创": "chuang",
    "亿": "yi",
    "联": "lian",
    "美": "mei",
    "永": "yong",
    "佳": "jia",
    "合": "he",
    "众": "zhong",
    "利": "li",
    "捷": "jie",
    "卓": "zhuo",
    "越": "yue",
    "锦": "jin",
    "绿": "lv",
    "蓝": "lan",
    "峰": "feng",
    "禾": "he",
    "舜": "shun",
    "拓": "tuo",
    "展": "zhan",
    "腾": "teng",
    "飞": "fei",
    "骏": "jun",
    "睿": "rui",
    "智": "zhi",
    "领": "ling",
    "航": "hang",
    "恩": "en",
    "方": "fang",
    "源": "yuan",
    "开": "kai",
    "广": "guang",
    "茂": "mao",
    "隆": "long",
    "祥": "xiang",
    "福": "fu",
    "吉": "ji",
    "宝": "bao",
    "久": "jiu",
    "力": "li",
}
LEGAL_FORMS = [("有限公司", 60), ("股份有限公司", 20), ("有限责任公司", 12), ("实业有限公司", 8)]

GIVEN_PINYIN = dict(
    zip(
        "东丹丽云亮伟佳俊倩健兰兵军冬凤凯刚利勇华博国坤娜娟婷宁宇小岩峰帅帆平建强彬志想慧成敏文斌旭明春晨晶杨杰林柳桂梅楠"
        "欢欣波洁洋浩海涛淑燕玉玲珍琳琴瑜瑞璐畅磊秀红艳芝花芳英荣莉莹萍超辉金鑫阳雪雷霞静颖飞香鹏龙",
        _w(
            "dong dan li yun liang wei jia jun qian jian lan bing jun dong feng kai gang li yong hua bo guo kun na juan ting ning yu xiao yan feng shuai fan ping jian qiang bin zhi xiang hui cheng min wen bin xu ming chun chen jing yang jie lin liu gui mei nan huan xin bo jie yang hao hai tao shu yan yu ling zhen lin qin yu rui lu chang lei xiu hong yan zhi hua fang ying rong li ying ping chao hui jin xin yang xue lei xia jing ying fei xiang peng long"
        ),
        strict=True,
    )
)
SURNAME_PINYIN = dict(
    zip(
        "王李张刘陈杨黄吴赵周徐孙马朱胡林郭何高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔"
        "谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔汤向常温康施文牛樊葛邢"
        "安齐易乔伍庞颜倪庄聂章",
        _w(
            "wang li zhang liu chen yang huang wu zhao zhou xu sun ma zhu hu lin guo he gao luo zheng liang xie song tang xu deng feng han cao zeng peng xiao cai pan tian dong yuan yu yu ye jiang du su wei cheng lv ding shen ren yao lu fu zhong jiang cui tan liao fan wang lu jin shi dai jia wei xia qiu fang hou zou xiong meng qin bai jiang yan xue yin duan lei li shi long tao he gu mao hao gong shao wan qian yan lai qin hong wu mo kong tang xiang chang wen kang shi wen niu fan ge xing an qi yi qiao wu pang yan ni zhuang nie zhang"
        ),
        strict=True,
    )
)
SURNAME_PINYIN["欧阳"] = "ouyang"

FREE_MAIL = [
    ("qq.com", 35),
    ("163.com", 30),
    ("126.com", 12),
    ("sina.com", 6),
    ("139.com", 5),
    ("foxmail.com", 6),
    ("outlook.com", 4),
    ("yeah.net", 2),
]
EN_FREE_MAIL = _w("gmail.com outlook.com hotmail.com yahoo.com")
MOBILE_PREFIXES = _w(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
)
CONTACT_TITLES = _w("财务总监 出纳 财务经理 总经理 会计 董事长 采购经理 行政主管")
EN_TITLES = {
    "财务总监": "CFO",
    "出纳": "Cashier",
    "财务经理": "Finance Manager",
    "总经理": "General Manager",
    "会计": "Accountant",
    "董事长": "Chairman",
    "采购经理": "Procurement Manager",
    "行政主管": "Office Manager",
    "法定代表人": "Legal Representative",
}
CREDIT_RATINGS = {
    "strategic": _w("AAA AA+"),
    "core": _w("AA+ AA AA-"),
    "key": _w("AA- A+ A BBB+"),
    "basic": _w("A BBB+ BBB BB+ BB"),
}
RESIDENCES = _w(
    "阳光花园 锦绣江南 翠湖天地 世纪新城 金色家园 绿城桂花园 万科城市花园 滨江花苑 东方名城 紫金嘉园 香樟园 春江花月 华府天地 海棠湾"
)
