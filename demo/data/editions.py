"""The three editions, the permanent venue, its rooms, the organisers and the press conferences."""

import datetime

VENUE = {
    "slug": "wuzhen-convention-center",
    "name": ("Wuzhen Internet International Convention and Exhibition Center", "乌镇互联网国际会展中心"),
    "city": ("Wuzhen", "乌镇"),
    "address": ("Wuzhen, Tongxiang, Zhejiang Province", "浙江省嘉兴市桐乡市乌镇"),
}

# slug, English name, Chinese name, capacity, floor
ROOMS = [
    ("main-hall", "Main Conference Hall", "主会场", 2000, "1F"),
    ("multi-function-hall", "Multi-function Hall", "多功能厅", 800, "1F"),
    ("press-hall", "Press Conference Hall", "新闻发布厅", 300, "1F"),
    *[
        (f"forum-hall-{number}", f"Forum Hall {number}", f"分论坛会议室{number}", capacity, floor)
        for number, capacity, floor in [
            (1, 600, "2F"), (2, 500, "2F"), (3, 450, "2F"), (4, 400, "2F"), (5, 350, "2F"), (6, 300, "2F"),
            (7, 300, "3F"), (8, 250, "3F"), (9, 250, "3F"), (10, 200, "3F"), (11, 180, "3F"), (12, 150, "3F"),
        ]
    ],
]
MAIN_HALL, MULTI_FUNCTION_HALL, PRESS_HALL = "main-hall", "multi-function-hall", "press-hall"
FORUM_HALLS = [f"forum-hall-{number}" for number in range(1, 13)]

# The organisers and supporters named in the seeds (same for every edition).
ORGANISERS = ["wic", "zhejiang-government"]
SUPPORTERS = ["un-desa", "wipo", "gsma"]

SUFFIX_ZH = "——携手构建网络空间命运共同体"

EDITIONS = {
    2022: {
        "name": ("2022 World Internet Conference Wuzhen Summit", "2022年世界互联网大会乌镇峰会"),
        "theme": (
            "Towards a Shared Digital Future in a Connected World – Building a Community with a Shared Future in "
            "Cyberspace",
            "共建网络世界 共创数字未来" + SUFFIX_ZH,
        ),
        "description": (
            "The first annual meeting of the WIC International Organization, held online and offline in Wuzhen. "
            "Over 2,100 guests from more than 120 countries and regions took part; 20 sub-forums covered "
            "cooperation and development, technology and industry, culture and society, and governance and "
            "security.",
            "世界互联网大会国际组织成立后的首次年会，在乌镇以线上线下相结合方式举办。来自120多个国家和地区的"
            "2100余位嘉宾参会；20场分论坛聚焦合作与发展、技术与产业、人文与社会、治理与安全四大板块。",
        ),
        "start": datetime.date(2022, 11, 9),
        "end": datetime.date(2022, 11, 11),
        "guest_count": 2100,
        "country_count": 120,
        "planned_subforum_count": 20,
        "signed_project_count": None,
        "published_at": datetime.datetime(2022, 10, 31, 10, 0),
    },
    2023: {
        "name": ("2023 World Internet Conference Wuzhen Summit", "2023年世界互联网大会乌镇峰会"),
        "theme": (
            "Building an Inclusive, Resilient and Digital World Beneficial to All – Working Together to Build a "
            "Community with a Shared Future in Cyberspace",
            "建设包容、普惠、有韧性的数字世界" + SUFFIX_ZH,
        ),
        "description": (
            "The tenth anniversary of the Wuzhen Summit, held online and offline: more than 1,800 guests from 126 "
            "countries, 20 sub-forums, the Wuzhen Summit 10-Year Commemorative Honor, the first Global Youth "
            "Leaders Program and the debut of the World Internet Science and Technology Museum. More than 70 "
            "projects worth over 100 billion yuan were signed.",
            "乌镇峰会十周年，线上线下相结合举办：来自126个国家和地区的1800余位嘉宾参会，举办20场分论坛，颁发"
            "乌镇峰会十周年纪念荣誉，首次设立全球青年领军者计划，世界互联网科技馆首次亮相。签约项目70余个，"
            "总投资超千亿元。",
        ),
        "start": datetime.date(2023, 11, 8),
        "end": datetime.date(2023, 11, 10),
        "guest_count": 1800,
        "country_count": 126,
        "planned_subforum_count": 20,
        "signed_project_count": 70,
        "published_at": datetime.datetime(2023, 10, 20, 10, 0),
    },
    2024: {
        "name": ("2024 World Internet Conference Wuzhen Summit", "2024年世界互联网大会乌镇峰会"),
        "theme": (
            "Embracing a Digital Future That Is People-Centered and Intelligent for Good – Working Together to "
            "Build a Cyberspace Community with a Shared Future",
            "拥抱以人为本、智能向善的数字未来" + SUFFIX_ZH,
        ),
        "description": (
            "An opening ceremony, a main forum and 24 sub-forums on the Global Development Initiative, the digital "
            "economy, AI technology innovation and governance, and youth and the digital future. New this year: "
            "the WIC Outstanding Contribution Award, the AI Professional Committee, the Think Tank Cooperation "
            "Program, the Digital Academy and an AI+ track in the \"Straight to Wuzhen\" competition.",
            "除开幕式和全体会议外，举办24场分论坛，聚焦全球发展倡议、数字经济、人工智能技术创新与治理、青年与"
            "数字未来等议题。新设世界互联网大会杰出贡献奖，成立人工智能专业委员会，启动智库合作计划，设立数字"
            "学院，“直通乌镇”全球互联网大赛新设人工智能+创新应用专项赛。",
        ),
        "start": datetime.date(2024, 11, 19),
        "end": datetime.date(2024, 11, 22),
        "guest_count": None,
        "country_count": None,
        "planned_subforum_count": 24,
        "signed_project_count": None,
        "published_at": datetime.datetime(2024, 10, 24, 10, 0),
    },
}

RENXIANLIANG = ("Ren Xianliang, Secretary-General of the World Internet Conference", "世界互联网大会秘书长任贤良")
WANG_GANG = (
    "Wang Gang, Head of the Publicity Department of the CPC Zhejiang Provincial Committee",
    "中共浙江省委宣传部部长王纲",
)

# year, slug-ish kind, title (en, zh), held at (local), city (en, zh), location (en, zh), spokespeople, summary
PRESS_CONFERENCES = [
    {
        "year": 2022, "kind": "announcement", "held_at": datetime.datetime(2022, 10, 31, 10, 0),
        "title": ("Press conference on the 2022 WIC Wuzhen Summit", "2022年世界互联网大会乌镇峰会新闻发布会"),
        "city": ("Beijing", "北京"), "location": ("", ""),
        "spokespeople": (f"{RENXIANLIANG[0]}; {WANG_GANG[0]}", f"{RENXIANLIANG[1]}；{WANG_GANG[1]}"),
        "summary": (
            "The summit, the first annual meeting of the WIC International Organization, will be held online and "
            "offline from 9 to 11 November with nearly 2,000 representatives from over 120 countries and regions "
            "expected, 20 sub-forums, the Light of Internet Expo with its first cloud exhibition hall, and the "
            "release of the blue books.",
            "峰会将于11月9日至11日以线上线下相结合方式举办，是世界互联网大会国际组织成立后的首次年会，预计"
            "120多个国家和地区的近2000名代表参会；设置20场分论坛，举办“互联网之光”博览会并首次启用云上展厅，"
            "发布蓝皮书。",
        ),
    },
    {
        "year": 2022, "kind": "closing", "held_at": datetime.datetime(2022, 11, 11, 10, 0),
        "title": (
            "Closing press conference of the 2022 WIC Wuzhen Summit", "2022年世界互联网大会乌镇峰会闭幕新闻发布会",
        ),
        "city": ("Wuzhen", "乌镇"), "location": ("Press Conference Hall", "新闻发布厅"),
        "spokespeople": ("", ""),
        "summary": (
            "Over 2,100 guests from more than 120 countries and regions took part online and offline.",
            "来自120多个国家和地区的2100余位嘉宾线上线下参会。",
        ),
    },
    {
        "year": 2023, "kind": "closing", "held_at": datetime.datetime(2023, 11, 10, 14, 0),
        "title": (
            "Closing press conference of the 2023 WIC Wuzhen Summit", "2023年世界互联网大会乌镇峰会闭幕新闻发布会",
        ),
        "city": ("Wuzhen", "乌镇"), "location": ("Press Conference Hall", "新闻发布厅"),
        "spokespeople": ("", ""),
        "summary": (
            "More than 1,800 guests from 126 countries; 13 outstanding cases of jointly building a community with a "
            "shared future in cyberspace were unveiled, and \"Sovereignty in Cyberspace: Theory and Practice\" "
            "(4.0) and the 2023 blue books were released.",
            "来自126个国家和地区的1800余位嘉宾参会；发布13个“携手构建网络空间命运共同体精品案例”，以及"
            "《网络主权：理论与实践》（4.0版）和2023年蓝皮书。",
        ),
    },
    {
        "year": 2024, "kind": "announcement", "held_at": datetime.datetime(2024, 10, 24, 10, 0),
        "title": ("Press conference on the 2024 WIC Wuzhen Summit", "2024年世界互联网大会乌镇峰会新闻发布会"),
        "city": ("Beijing", "北京"), "location": ("", ""),
        "spokespeople": RENXIANLIANG,
        "summary": (
            "The summit will be held in Wuzhen from 19 to 22 November with an opening ceremony, a main forum and 24 "
            "sub-forums; the Outstanding Contribution Award is new, the AI Professional Committee will be "
            "established, the Think Tank Cooperation Program launched and the Digital Academy set up; 18 global "
            "youth leaders from 17 countries and regions have been selected.",
            "峰会将于11月19日至22日在乌镇举办，除开幕式和全体会议外设置24场分论坛；新设杰出贡献奖，成立人工智能"
            "专业委员会，启动智库合作计划，设立数字学院；全球青年领军者计划遴选出来自17个国家和地区的18名"
            "全球青年领军者。",
        ),
    },
    {
        "year": 2024, "kind": "closing", "held_at": datetime.datetime(2024, 11, 22, 10, 0),
        "title": (
            "Closing press conference of the 2024 WIC Wuzhen Summit", "2024年世界互联网大会乌镇峰会闭幕新闻发布会",
        ),
        "city": ("Wuzhen", "乌镇"), "location": ("Press Conference Hall", "新闻发布厅"),
        "spokespeople": ("", ""),
        "summary": ("The achievements of the summit were presented.", "发布峰会成果。"),
    },
]

# slug, English, Chinese (the four theme groups of the sub-forums, seed 004)
THEME_GROUPS = [
    ("cooperation-and-development", "Cooperation and Development", "合作与发展"),
    ("technology-and-industry", "Technology and Industry", "技术与产业"),
    ("culture-and-society", "Culture and Society", "人文与社会"),
    ("governance-and-security", "Governance and Security", "治理与安全"),
]
