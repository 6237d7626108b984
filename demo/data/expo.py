"""The Light of the Internet Expo of each edition: focus (seeds 000, 004), halls, and made-up exhibits by category."""

import datetime

EXPOS = {
    2022: {
        "name": ("Light of the Internet Expo 2022", "2022年“互联网之光”博览会"),
        "focus": (
            "Digital-driven common prosperity, carbon peak and neutrality, industrial digitalisation (industrial "
            "internet), digital travel, digital health and cyberspace governance",
            "数字赋能共同富裕、碳达峰碳中和、产业数字化（工业互联网）、数字出行、数字健康和网络空间治理",
        ),
        "description": (
            "The latest advances in cyberspace, new product releases and a talent fair; the first cloud exhibition "
            "hall presents the exhibits online 365 days a year.",
            "集中展示网络空间最新前沿成果，举办新品发布和人才交流活动；首次启用云上展厅，365天不落幕。",
        ),
        "opens_on": datetime.date(2022, 11, 8),  # seed 002: launched on 8 November 2022
        "halls": [
            ("hall-a", "Digital Economy and Common Prosperity Hall", "数字经济与共同富裕馆",
             ["common_prosperity", "digital_economy"]),
            ("hall-b", "Industrial Internet and Carbon Neutrality Hall", "工业互联网与双碳馆",
             ["industrial_internet", "carbon_neutrality"]),
            ("hall-c", "Digital Life Hall", "数字生活馆", ["digital_travel", "digital_health"]),
            ("hall-d", "Cyberspace Governance Hall", "网络空间治理馆", ["cyberspace_governance"]),
            ("talent-fair", "Talent Fair", "人才交流会", ["talent"]),
        ],
    },
    2023: {
        "name": ("Light of the Internet Expo 2023", "2023年“互联网之光”博览会"),
        "focus": ("", ""),
        "description": (
            "New products and technologies and a talent fair, also shown in the online cloud exhibition hall.",
            "展示新产品新技术，举办人才交流活动，展品同步在云上展厅展示。",
        ),
        "opens_on": datetime.date(2023, 11, 8),
        "halls": [
            ("hall-a", "Artificial Intelligence Hall", "人工智能馆", ["ai"]),
            ("hall-b", "Digital Economy Hall", "数字经济馆", ["digital_economy", "industrial_internet"]),
            ("hall-c", "Digital Life Hall", "数字生活馆", ["digital_health", "digital_travel"]),
            ("talent-fair", "Talent Fair", "人才交流会", ["talent"]),
        ],
    },
    2024: {
        "name": ("Light of the Internet Expo 2024", "2024年“互联网之光”博览会"),
        "focus": ("Artificial intelligence", "人工智能"),  # seed 000
        "description": (
            "The expo focuses on the display of artificial intelligence; its exhibits stay online in the cloud "
            "exhibition hall.",
            "博览会聚焦人工智能展示，展品在云上展厅常年展出。",
        ),
        "opens_on": datetime.date(2024, 11, 19),
        "halls": [
            ("hall-a", "AI Frontier Hall", "人工智能前沿馆", ["ai"]),
            ("hall-b", "AI+ Industries Hall", "人工智能+产业馆", ["ai", "industrial_internet"]),
            ("hall-c", "Digital Life Hall", "数字生活馆", ["digital_health", "digital_travel"]),
            ("talent-fair", "Talent Fair", "人才交流会", ["talent"]),
        ],
    },
}
BOOTHS_PER_HALL = 6
# Area, width and depth of the booths of a hall, in turn.
BOOTH_SIZES = [("36.00", "6.00", "6.00"), ("54.00", "9.00", "6.00"), ("72.00", "12.00", "6.00")]
TALENT_FAIR_TEMPLATES = (3, 0, 6, 4)  # universities and research institutes recruit at the talent fair

EXHIBITS = {
    "ai": [
        ("Large language model for government services", "政务服务大模型"),
        ("AI customer service avatar", "智能客服数字人"),
        ("Intelligent inspection robot", "智能巡检机器人"),
        ("AI video generation studio", "人工智能视频生成工作室"),
        ("Edge AI chip", "边缘人工智能芯片"),
        ("AI coding assistant", "人工智能编程助手"),
    ],
    "digital_health": [
        ("Remote consultation cart", "远程会诊车"), ("Wearable health monitor", "可穿戴健康监测设备"),
        ("AI medical imaging assistant", "人工智能医学影像助手"), ("Smart pharmacy system", "智慧药房系统"),
    ],
    "digital_travel": [
        ("Autonomous shuttle bus", "自动驾驶接驳车"), ("Smart tourism guide app", "智慧旅游导览应用"),
        ("Digital ticketing for scenic areas", "景区数字票务"), ("Vehicle-road cooperation system", "车路协同系统"),
    ],
    "industrial_internet": [
        ("Industrial internet platform for textiles", "纺织行业工业互联网平台"),
        ("5G smart factory solution", "5G智慧工厂解决方案"), ("Industrial digital twin", "工业数字孪生"),
        ("Supply-chain collaboration cloud", "供应链协同云"),
    ],
    "cyberspace_governance": [
        ("Online fraud early-warning system", "网络诈骗预警系统"),
        ("Data security compliance platform", "数据安全合规平台"),
        ("Minors' mode for apps", "应用青少年模式"), ("Content moderation toolkit", "内容审核工具集"),
    ],
    "digital_economy": [
        ("Cross-border e-commerce service platform", "跨境电商服务平台"),
        ("Digital RMB payment terminal", "数字人民币支付终端"),
        ("Digital transformation toolkit for small businesses", "中小企业数字化转型工具包"),
        ("Data trading platform", "数据交易平台"),
    ],
    "common_prosperity": [
        ("Digital village service station", "数字乡村服务站"),
        ("Rural e-commerce livestream studio", "乡村电商直播间"),
        ("Elderly-friendly smart terminal", "适老化智能终端"),
        ("Online education for rural schools", "乡村学校在线教育"),
    ],
    "carbon_neutrality": [
        ("Carbon footprint tracking platform", "碳足迹追踪平台"),
        ("Smart energy management for buildings", "楼宇智慧能源管理"),
        ("Green data centre solution", "绿色数据中心解决方案"), ("Virtual power plant", "虚拟电厂"),
    ],
    "talent": [
        ("Recruitment: AI engineers", "招聘：人工智能工程师"), ("Recruitment: data scientists", "招聘：数据科学家"),
        ("Graduate programme in cybersecurity", "网络安全研究生项目"),
        ("Internships in digital economy research", "数字经济研究实习岗位"),
    ],
}
EXHIBITS_PER_EXHIBITOR = 2

# Made-up contact people of the exhibitors, in turn (their addresses are on example.org).
CONTACTS = [
    ("Chen Jing", "陈静"), ("Sarah Müller", "莎拉·穆勒"), ("Wang Lei", "王磊"), ("Amina Okafor", "阿米娜·奥卡福"),
    ("Liu Yang", "刘洋"), ("Carlos Mendes", "卡洛斯·门德斯"), ("Zhao Min", "赵敏"), ("Priya Nair", "普丽娅·奈尔"),
    ("Sun Hao", "孙浩"), ("Elena Petrova", "叶琳娜·彼得罗娃"), ("Huang Wei", "黄伟"), ("Kenji Sato", "佐藤健二"),
]
# Applications the organizers have not decided yet, and one they rejected, for each edition: (categories, wanted
# area in m², products, the contact's language). They come from member organisations that do not exhibit that year.
PENDING_APPLICATIONS = [
    (["ai"], "54.00", "A multilingual AI interpreter for conference rooms, to be released at the expo.", "en"),
    (["digital_health", "ai"], "36.00", "An AI-assisted screening kiosk for community clinics.", "zh-hans"),
    (["digital_travel"], None, "A travel-planning app for visitors to the water towns of Zhejiang.", "en"),
]
REJECTED_APPLICATION = (["other"], "200.00", "Consumer electronics accessories (phone cases and chargers).", "en")
# Days before the expo opens that the applications came in, and that the rejected one was decided.
APPLIED_DAYS_BEFORE = (60, 45, 30, 75)
DECIDED_DAYS_BEFORE = 40
