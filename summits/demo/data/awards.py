"""Awards, honours, best-practice cases and the "Straight to Wuzhen" competition of each edition.

A programme names its ceremony session as (forum slug, session index) in the edition's programme. Nominations
are (English title, Chinese title) of the achievement, case or project; the made-up ones go to member
organisations, the two 2023 cases described in seed 003 name their parties without inventing an organisation.
"""

from .events import BEST_PRACTICES, LEADING_ACHIEVEMENTS, LEADING_AWARD, OUTSTANDING_CONTRIBUTION, TEN_YEAR_HONOR

STRAIGHT_TO_WUZHEN = ("\"Straight to Wuzhen\" Global Internet Competition", "“直通乌镇”全球互联网大赛")

LEADING_DESCRIPTION = (
    "Honours world-leading internet scientific and technological achievements of the year.",
    "表彰年度世界领先的互联网科技成果。",
)
BEST_PRACTICES_DESCRIPTION = (
    "Cases from around the world of jointly building a community with a shared future in cyberspace.",
    "征集展示全球携手构建网络空间命运共同体的实践案例。",
)
COMPETITION_DESCRIPTION = (
    "A global competition of internet start-ups and projects; the finalists pitch in Wuzhen.",
    "面向全球互联网创新创业项目的大赛，决赛在乌镇举行。",
)

ACHIEVEMENTS = {
    2022: [
        ("Open-source operating system for connected devices", "面向万物互联的开源操作系统"),
        ("Brain-inspired computing chip", "类脑计算芯片"),
        ("Satellite internet terminal for remote areas", "面向偏远地区的卫星互联网终端"),
        ("Privacy-preserving computation platform", "隐私计算平台"),
        ("Industrial internet identifier resolution system", "工业互联网标识解析体系"),
        ("Low-latency video coding standard", "低时延视频编码标准"),
    ],
    2023: [
        ("Multilingual large language model for public services", "面向公共服务的多语种大模型"),
        ("Quantum key distribution network", "量子密钥分发网络"),
        ("Low-carbon cooling for green data centres", "绿色数据中心低碳冷却技术"),
        ("Trusted data circulation infrastructure", "可信数据流通基础设施"),
        ("Intelligent power grid dispatch system", "智能电网调度系统"),
        ("6G integrated sensing and communication prototype", "6G通感一体化原型系统"),
        ("Open RISC-V processor ecosystem", "开放RISC-V处理器生态"),
    ],
    2024: [
        ("Embodied intelligence robot platform", "具身智能机器人平台"),
        ("AI weather forecasting model", "人工智能气象预报大模型"),
        ("Energy-efficient AI training cluster", "高能效人工智能训练集群"),
        ("AI-assisted drug discovery", "人工智能辅助药物研发"),
        ("Speech recognition for low-resource languages", "低资源语言语音识别"),
        ("Content provenance and deepfake detection", "内容溯源与深度伪造检测"),
        ("Autonomous driving simulation platform", "自动驾驶仿真平台"),
    ],
}
AWARDED_ACHIEVEMENTS = 5  # the others stay shortlisted

# Seed 003: 13 cases in 2023, "from e-commerce initiatives helping Ethiopian farmers sell coffee worldwide to
# online classes aiding rural Chinese men in starting a new life for their families".
SEED_CASES_2023 = [
    (("E-commerce helping Ethiopian farmers sell coffee worldwide", "电商助力埃塞俄比亚咖农把咖啡卖向全球"),
     ("Cross-border e-commerce platform and Ethiopian coffee cooperatives", "跨境电商平台与埃塞俄比亚咖啡合作社"),
     "ET"),
    (("Online classes helping rural families start a new life", "在线课堂助力乡村家庭开启新生活"),
     ("Online vocational classes for rural learners", "面向乡村学员的在线职业课堂"), "CN"),
]
CASES = {
    2022: [
        ("Cloud classrooms during the pandemic", "疫情期间的云课堂"),
        ("Contactless logistics for medical supplies", "医疗物资无接触配送"),
        ("Digital village governance platform", "数字乡村治理平台"),
        ("Livestream e-commerce for farm produce", "农产品直播电商"),
        ("Open-source tools for small enterprises", "面向中小企业的开源工具"),
    ],
    2023: [
        ("Telemedicine network for remote clinics", "偏远诊所远程医疗网络"),
        ("Digital literacy training for women entrepreneurs", "女性创业者数字素养培训"),
        ("Smart irrigation with satellite data", "卫星数据驱动的智慧灌溉"),
        ("Multilingual public-service assistant", "多语种公共服务智能助手"),
        ("Open data portal for urban mobility", "城市出行开放数据平台"),
        ("Cross-border digital payments for small traders", "面向小微商户的跨境数字支付"),
        ("Cybersecurity capacity building for small businesses", "中小企业网络安全能力建设"),
        ("Digital museum of cultural heritage", "文化遗产数字博物馆"),
        ("Online protection programme for minors", "未成年人网络保护项目"),
        ("Broadband for mountain villages", "山区村落宽带接入"),
        ("Digital twin for flood prevention", "防洪数字孪生系统"),
    ],
    2024: [
        ("AI-assisted diagnosis in primary care", "基层医疗人工智能辅助诊断"),
        ("Digital skills academy for young people", "青年数字技能学院"),
        ("Data sharing for disaster response", "灾害应对数据共享"),
        ("Smart port logistics", "智慧港口物流"),
        ("Accessible apps for older people", "适老化应用改造"),
        ("Carbon accounting platform for small businesses", "中小企业碳核算平台"),
    ],
}

TEN_YEAR_CITATION = ("For ten years of contribution to the Wuzhen Summit", "表彰其十年来对乌镇峰会的贡献")
TEN_YEAR_HONOUREES = 6

# Made-up laureates of the Outstanding Contribution Award: name (en, zh), country.
OUTSTANDING_LAUREATES = [
    (("Samuel Adeyemi", "萨缪尔·阿德耶米"), "NG"),
    (("Margaret Ellison", "玛格丽特·埃利森"), "GB"),
    (("Zhou Mingyuan", "周明远"), "CN"),
]
OUTSTANDING_CITATION = (
    "For an outstanding contribution to the development and governance of the global internet",
    "表彰其对全球互联网发展与治理的杰出贡献",
)

# Competition tracks: slug, English, Chinese; the AI+ track is new in 2024 (seed 000).
TRACKS = {
    2022: [
        ("digital-economy", "Digital Economy", "数字经济"),
        ("industrial-internet", "Industrial Internet", "工业互联网"),
    ],
    2023: [("digital-economy", "Digital Economy", "数字经济"), ("digital-health", "Digital Health", "数字健康")],
    2024: [
        ("ai-plus", "AI+ Innovative Applications (special track)", "人工智能+创新应用专项赛"),
        ("digital-economy", "Digital Economy", "数字经济"),
    ],
}
PROJECTS = {
    "digital-economy": [
        ("Marketplace for rural artisans", "乡村手工艺人电商平台"),
        ("Invoice financing for small exporters", "小微出口商发票融资"),
        ("Cross-border SaaS for small shops", "面向小店的跨境SaaS"), ("Digital freight matching", "数字货运撮合"),
        ("Micro-insurance for gig workers", "灵活就业者微保险"),
    ],
    "industrial-internet": [
        ("Predictive maintenance for textile looms", "纺织机预测性维护"),
        ("5G private network for factories", "工厂5G专网"),
        ("Energy monitoring for industrial parks", "产业园区能耗监测"),
        ("Quality inspection by machine vision", "机器视觉质检"),
        ("Digital twin of a production line", "产线数字孪生"),
    ],
    "digital-health": [
        ("Remote heart monitoring", "远程心脏监测"), ("AI triage for community clinics", "社区诊所智能分诊"),
        ("Medication reminders for older people", "老年人用药提醒"),
        ("Mental health chat support", "心理健康对话支持"),
        ("Rural eye screening", "乡村眼病筛查"),
    ],
    "ai-plus": [
        ("AI tutor for rural schools", "乡村学校人工智能辅导"), ("AI crop disease diagnosis", "人工智能作物病害诊断"),
        ("Sign language translation model", "手语翻译模型"), ("AI assistant for customs declarations", "报关智能助手"),
        ("Low-power edge AI camera", "低功耗边缘智能摄像头"),
    ],
}


def _programme(slug, kind, name, description, ceremony, nominations):
    return {"slug": slug, "kind": kind, "name": name, "description": description, "ceremony": ceremony,
            "nominations": nominations}


_LEADING_2022 = _programme("leading-achievements", "award", LEADING_ACHIEVEMENTS, LEADING_DESCRIPTION,
                           ("leading-achievements", 0), "achievements")
_LEADING = _programme("leading-tech-award", "award", LEADING_AWARD, LEADING_DESCRIPTION, ("leading-tech-award", 0),
                      "achievements")
_CASES = _programme("best-practices", "best_practice", BEST_PRACTICES, BEST_PRACTICES_DESCRIPTION,
                    ("best-practices", 0), "cases")
_COMPETITION = _programme("straight-to-wuzhen", "competition", STRAIGHT_TO_WUZHEN, COMPETITION_DESCRIPTION,
                          ("straight-to-wuzhen-final", 1), "competition")

PROGRAMMES = {
    2022: [_LEADING_2022, _CASES, _COMPETITION],
    2023: [
        _LEADING, _CASES,
        _programme("ten-year-honor", "honour", TEN_YEAR_HONOR,
                   ("Presented at the tenth anniversary of the Wuzhen Summit.", "在乌镇峰会十周年之际颁授。"),
                   ("ten-year-honor", 0), "honours"),
        _COMPETITION,
    ],
    2024: [
        _programme("outstanding-contribution-award", "award", OUTSTANDING_CONTRIBUTION,
                   ("New in 2024: recognises exceptional individuals and organisations contributing to the global "
                    "internet.", "2024年新设，表彰为全球互联网发展作出杰出贡献的个人和组织。"),
                   ("outstanding-contribution-award", 0), "laureates"),
        _LEADING, _CASES, _COMPETITION,
    ],
}
