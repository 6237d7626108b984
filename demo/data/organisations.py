"""Organisations: the organisers and supporters named in the seeds, the members of the WIC International
Organization (made up, 122 active from 24 countries on six continents), and the WIC's bodies and programmes."""

import datetime

# slug, English name, short name, Chinese name, Chinese short name, kind, country, website, description (en, zh)
REAL_ORGANISATIONS = [
    (
        "wic", "World Internet Conference", "WIC", "世界互联网大会", "世界互联网大会", "international", "CN",
        "https://www.wicinternet.org/",
        "International organisation founded in Beijing on 12 July 2022; Wuzhen is the permanent site of its summit.",
        "2022年7月12日在北京成立的国际组织，乌镇为其峰会永久会址。",
    ),
    (
        "zhejiang-government", "People's Government of Zhejiang Province", "Zhejiang", "浙江省人民政府", "浙江省政府",
        "government", "CN", "https://www.zj.gov.cn/", "Co-organiser of the Wuzhen Summit.", "乌镇峰会主办单位之一。",
    ),
    (
        "un-desa", "United Nations Department of Economic and Social Affairs", "UN DESA", "联合国经济和社会事务部",
        "联合国经社部", "international", "US", "https://www.un.org/en/desa", "Supporter of the Wuzhen Summit.",
        "乌镇峰会支持单位。",
    ),
    (
        "wipo", "World Intellectual Property Organization", "WIPO", "世界知识产权组织", "世界知识产权组织",
        "international", "CH", "https://www.wipo.int/", "Supporter of the Wuzhen Summit.", "乌镇峰会支持单位。",
    ),
    (
        "gsma", "Global System for Mobile Communications Association", "GSMA", "全球移动通信系统协会", "GSMA",
        "association", "GB", "https://www.gsma.com/", "Supporter of the Wuzhen Summit.", "乌镇峰会支持单位。",
    ),
]

# The 24 member countries (seed 002: "over 120 ... from 24 countries in six continents"), each with the places
# its made-up members are named after: code, Chinese country name, [(place, Chinese place), ...].
MEMBER_COUNTRIES = [
    ("CN", "中国", [
        ("Beijing", "北京"), ("Shanghai", "上海"), ("Hangzhou", "杭州"), ("Shenzhen", "深圳"), ("Guangzhou", "广州"),
        ("Nanjing", "南京"), ("Chengdu", "成都"), ("Wuhan", "武汉"), ("Xi'an", "西安"), ("Tongxiang", "桐乡"),
    ]),
    ("KR", "韩国", [("Seoul", "首尔")]),
    ("SG", "新加坡", [("Singapore", "新加坡")]),
    ("MY", "马来西亚", [("Kuala Lumpur", "吉隆坡")]),
    ("TH", "泰国", [("Bangkok", "曼谷")]),
    ("ID", "印度尼西亚", [("Jakarta", "雅加达")]),
    ("PK", "巴基斯坦", [("Islamabad", "伊斯兰堡")]),
    ("AE", "阿联酋", [("Dubai", "迪拜")]),
    ("KZ", "哈萨克斯坦", [("Astana", "阿斯塔纳")]),
    ("RU", "俄罗斯", [("Moscow", "莫斯科")]),
    ("GB", "英国", [("London", "伦敦")]),
    ("DE", "德国", [("Berlin", "柏林")]),
    ("FR", "法国", [("Paris", "巴黎")]),
    ("RS", "塞尔维亚", [("Belgrade", "贝尔格莱德")]),
    ("EG", "埃及", [("Cairo", "开罗")]),
    ("ET", "埃塞俄比亚", [("Addis Ababa", "亚的斯亚贝巴")]),
    ("KE", "肯尼亚", [("Nairobi", "内罗毕")]),
    ("ZA", "南非", [("Johannesburg", "约翰内斯堡")]),
    ("US", "美国", [("San Francisco", "旧金山")]),
    ("MX", "墨西哥", [("Mexico City", "墨西哥城")]),
    ("BR", "巴西", [("São Paulo", "圣保罗")]),
    ("CL", "智利", [("Santiago", "圣地亚哥")]),
    ("AU", "澳大利亚", [("Sydney", "悉尼")]),
    ("NZ", "新西兰", [("Auckland", "奥克兰")]),
]
MEMBERS_PER_CHINESE_PLACE = 3
MEMBERS_PER_OTHER_COUNTRY = 4
APPLIED_MEMBERS = 2  # Chinese applicants not yet admitted, so "active" is not "all"

# Applications sent from the website (made up): the two Chinese applicants waiting for a decision, and one
# turned down. template, place, Chinese place, country, status, contact, email, motivation, reason for rejection.
APPLICATIONS = [
    (
        1, "Jiaxing", "嘉兴", "CN", "applied", "Shen Jiayi", "shen.jiayi@example.org",
        "Our association brings together 300 digital economy firms of the Yangtze River Delta, a short drive from "
        "Wuzhen. We wish to take part in the data working group and to host exchanges on cross-border e-commerce.",
        "",
    ),
    (
        5, "Ningbo", "宁波", "CN", "applied", "Xu Haoyu", "xu.haoyu@example.org",
        "We run smart logistics for the port of Ningbo-Zhoushan and would like to share our experience of "
        "industrial internet platforms with members from emerging economies, through the Digital Academy.",
        "",
    ),
    (
        8, "Lagos", "拉各斯", "NG", "rejected", "Chidi Okeke", "chidi.okeke@example.org",
        "We are a start-up building a digital trade platform for West African farmers and hope to meet partners.",
        "The application names no activity yet beyond a project; you are welcome to apply again once the platform "
        "is running.",
    ),
]
APPLIED_AT = datetime.datetime(2024, 10, 15, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Wuzhen
REJECTED_AT = datetime.datetime(2024, 10, 30, 1, 0, tzinfo=datetime.UTC)
FOUNDED_ON = datetime.date(2022, 7, 12)

# English template, Chinese template, organisation kind, membership type
MEMBER_TEMPLATES = [
    ("{place} Institute for Internet Governance", "{place_zh}互联网治理研究院", "research", "institution"),
    ("{place} Digital Economy Association", "{place_zh}数字经济协会", "association", "organisation"),
    ("{place} Cloudbridge Technologies", "{place_zh}云桥科技", "enterprise", "enterprise"),
    ("{place} University of Digital Technology", "{place_zh}数字技术大学", "university", "institution"),
    ("{place} Cyberspace Policy Think Tank", "{place_zh}网络空间政策智库", "think_tank", "institution"),
    ("{place} Smart Logistics Group", "{place_zh}智慧物流集团", "enterprise", "enterprise"),
    ("{place} Applied AI Laboratory", "{place_zh}应用人工智能实验室", "research", "institution"),
    ("{place} Online Inclusion Foundation", "{place_zh}网络普惠基金会", "ngo", "organisation"),
    ("{place} Digital Trade Platform", "{place_zh}数字贸易平台", "enterprise", "enterprise"),
    ("{place} Network Security Alliance", "{place_zh}网络安全联盟", "association", "organisation"),
]

BODIES = [
    {
        "slug": "ai-committee", "kind": "committee", "launched_year": 2024,
        "name": ("World Internet Conference Artificial Intelligence Professional Committee",
                 "世界互联网大会人工智能专业委员会"),
        "description": ("Fosters international cooperation and knowledge sharing on AI; the first permanent branch "
                        "of the WIC.", "推动人工智能领域国际合作与知识共享，是世界互联网大会首个常设分支机构。"),
        "planned": None,
    },
    {
        "slug": "data-working-group", "kind": "working_group", "launched_year": None,
        "name": ("World Internet Conference Data Working Group", "世界互联网大会数据工作组"),
        "description": ("Works on open, collaborative and win-win international data cooperation.",
                        "致力于推动开放、协作、共赢的数据国际合作。"),
        "planned": None,
    },
    {
        "slug": "think-tank-cooperation-program", "kind": "programme", "launched_year": 2024,
        "name": ("World Internet Conference Think Tank Cooperation Program", "世界互联网大会智库合作计划"),
        "description": ("Expected to involve about 60 leading think tanks worldwide in research and strategy on "
                        "the future of the internet.",
                        "预计吸纳全球约60家知名智库，围绕互联网未来开展研究与战略合作。"),
        "planned": 60,
    },
    {
        "slug": "digital-academy", "kind": "programme", "launched_year": 2024,
        "name": ("World Internet Conference Digital Academy", "世界互联网大会数字学院"),
        "description": ("International training in digital transformation for officials, organisations and "
                        "enterprises, with a focus on emerging economies.",
                        "面向各国政府官员、国际组织和企业开展数字化转型国际培训，重点服务新兴经济体。"),
        "planned": None,
    },
    {
        "slug": "global-talent-excellence-program", "kind": "programme", "launched_year": 2024,
        "name": ("Global Internet Talent Excellence Program", "全球互联网卓越人才计划"),
        "description": ("Workshops for global digital talent, held at the summit by the Digital Academy.",
                        "由数字学院在峰会期间举办研修班，培养全球数字人才。"),
        "planned": None,
    },
    {
        "slug": "global-youth-leaders-program", "kind": "programme", "launched_year": 2023,
        "name": ("Global Youth Leaders Program", "全球青年领军者计划"),
        "description": ("Set up for the first time at the 2023 summit; the 2024 cohort has 18 global youth leaders "
                        "from 17 countries and regions.",
                        "2023年峰会首次设立；2024年遴选出来自17个国家和地区的18名全球青年领军者。"),
        "planned": None,
    },
]

# Member organisations of each body, chosen by template (kind) from the members: body slug, template indexes,
# how many, the role of the first one, the role of the others.
BODY_MEMBERS = [
    ("ai-committee", (6, 0, 2), 9, "chair", "member"),
    ("data-working-group", (8, 0, 9), 6, "chair", "member"),
    ("think-tank-cooperation-program", (4, 0), 16, "participant", "participant"),
    ("digital-academy", (3,), 8, "participant", "participant"),
]

# Members of a body in an earlier term, which has ended: body slug, template indexes, which of the candidates
# (after those of BODY_MEMBERS), role, first day, last day.
PAST_BODY_MEMBERS = [
    ("data-working-group", (8, 0, 9), slice(6, 9), "member", datetime.date(2022, 11, 9), datetime.date(2024, 11, 18)),
    ("digital-academy", (3,), slice(8, 10), "participant", datetime.date(2023, 11, 8),
     datetime.date(2024, 6, 30)),
]

# The 2024 cohort of the Global Youth Leaders Program: 18 made-up leaders from 17 countries and regions.
YOUTH_LEADERS_2024 = [
    ("Amara Okafor", "NG"), ("Lucas Ferreira", "BR"), ("Nour El-Sayed", "EG"), ("Dawit Bekele", "ET"),
    ("Wanjiru Kamau", "KE"), ("Thandiwe Nkosi", "ZA"), ("Ayesha Siddiqui", "PK"), ("Putri Maharani", "ID"),
    ("Naphat Srisuk", "TH"), ("Aisyah Rahman", "MY"), ("Aruzhan Seitkali", "KZ"), ("Milica Stojanović", "RS"),
    ("Valentina Cruz", "MX"), ("Ignacio Rojas", "CL"), ("Nguyen Minh Anh", "VN"), ("Chen Yutong", "CN"),
    ("Li Haoran", "CN"), ("Ho Ka Yan", "HK"),
]
