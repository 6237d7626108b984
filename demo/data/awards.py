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
# Each project: (English, Chinese) title and description; the description is the entry's citation.
PROJECTS = {
    "digital-economy": [
        (("Marketplace for rural artisans", "乡村手工艺人电商平台"),
         ("An online marketplace that lets village artisans sell handicrafts directly to buyers worldwide.",
          "让乡村手工艺人直接面向全球买家销售手工艺品的在线市场。")),
        (("Invoice financing for small exporters", "小微出口商发票融资"),
         ("Working capital for small exporters, advanced against verified export invoices within a day.",
          "以经核验的出口发票为依据，一天内为小微出口商提供流动资金。")),
        (("Cross-border SaaS for small shops", "面向小店的跨境SaaS"),
         ("Software as a service that gives small shops a multilingual storefront, payments and shipping.",
          "为小店提供多语种店铺、支付和物流的软件即服务。")),
        (("Digital freight matching", "数字货运撮合"),
         ("Matches lorries running empty with freight nearby, cutting empty kilometres and emissions.",
          "为空驶货车匹配附近货源，减少空驶里程和排放。")),
        (("Micro-insurance for gig workers", "灵活就业者微保险"),
         ("Pay-per-shift accident and health cover for delivery riders and other gig workers.",
          "面向外卖骑手等灵活就业者、按班次计费的意外和健康保险。")),
    ],
    "industrial-internet": [
        (("Predictive maintenance for textile looms", "纺织机预测性维护"),
         ("Vibration sensors and a learned model that warn of loom failures days before they happen.",
          "利用振动传感器和机器学习模型，提前数天预警织机故障。")),
        (("5G private network for factories", "工厂5G专网"),
         ("A compact 5G private network kit that small factories can install in a week.",
          "小型工厂一周内即可部署的紧凑型5G专网套件。")),
        (("Energy monitoring for industrial parks", "产业园区能耗监测"),
         ("Metering and dashboards that show each firm of an industrial park where its energy goes.",
          "通过计量与可视化看板，让产业园区内每家企业看清能耗去向。")),
        (("Quality inspection by machine vision", "机器视觉质检"),
         ("Cameras and a vision model that find surface defects on the production line in real time.",
          "利用摄像头和视觉模型实时发现产线上的表面缺陷。")),
        (("Digital twin of a production line", "产线数字孪生"),
         ("A live digital model of a production line to test changes before they are made on the floor.",
          "构建产线实时数字模型，在车间实施前先行验证调整方案。")),
    ],
    "digital-health": [
        (("Remote heart monitoring", "远程心脏监测"),
         ("A wearable patch that sends heart rhythm data to a cardiologist after the patient goes home.",
          "患者出院后，可穿戴贴片将心律数据实时发送给心内科医生。")),
        (("AI triage for community clinics", "社区诊所智能分诊"),
         ("Helps community clinics decide who needs to be seen first and who should go to hospital.",
          "帮助社区诊所判断哪些患者需优先就诊、哪些需转诊至医院。")),
        (("Medication reminders for older people", "老年人用药提醒"),
         ("A voice assistant and a smart pillbox that remind older people to take their medicine.",
          "通过语音助手和智能药盒提醒老年人按时服药。")),
        (("Mental health chat support", "心理健康对话支持"),
         ("A moderated chat service that connects people in distress with trained volunteers.",
          "经过审核的对话服务，将处于困境中的人与受过培训的志愿者联系起来。")),
        (("Rural eye screening", "乡村眼病筛查"),
         ("Smartphone retinal imaging read by a model, so village doctors can screen for eye disease.",
          "利用手机拍摄眼底图像并由模型判读，帮助乡村医生开展眼病筛查。")),
    ],
    "ai-plus": [
        (("AI tutor for rural schools", "乡村学校人工智能辅导"),
         ("A tutor that works offline on low-cost tablets and follows each pupil's pace in maths and reading.",
          "可在低成本平板上离线运行、按每名学生进度辅导数学和阅读的智能助教。")),
        (("AI crop disease diagnosis", "人工智能作物病害诊断"),
         ("Farmers photograph a leaf and get a diagnosis and a treatment advice in their own language.",
          "农民拍摄叶片照片，即可用母语获得病害诊断和防治建议。")),
        (("Sign language translation model", "手语翻译模型"),
         ("Translates between sign language and speech in real time, for service counters and classrooms.",
          "在服务窗口和课堂中实现手语与语音的实时互译。")),
        (("AI assistant for customs declarations", "报关智能助手"),
         ("Fills in customs declarations from shipping documents and flags errors before submission.",
          "根据货运单据自动填写报关单，并在提交前提示差错。")),
        (("Low-power edge AI camera", "低功耗边缘智能摄像头"),
         ("A solar-powered camera that recognises wildlife and intruders on the device, without a network.",
          "太阳能供电、无需联网即可在端侧识别野生动物和闯入者的摄像头。")),
    ],
}

# Team members of the competition's entries (made up): name, country. Teams of two to four take turns in it.
TEAM_PEOPLE = [
    ("Li Wenjing", "CN"), ("Amara Okafor", "NG"), ("Lucas Moreau", "FR"), ("Priya Raman", "IN"),
    ("Chen Haoran", "CN"), ("Sofia Almeida", "BR"), ("Jonas Becker", "DE"), ("Nadia Haddad", "EG"),
    ("Wang Yutong", "CN"), ("Kenji Mori", "JP"), ("Fatima Zahra Benali", "MA"), ("Daniel Kowalski", "PL"),
    ("Zhang Xinyi", "CN"), ("Aisha Mwangi", "KE"), ("Mateo Fernández", "AR"), ("Olga Ivanova", "RU"),
    ("Liu Zihan", "CN"), ("Nguyen Minh Anh", "VN"), ("Ahmed Al-Sayed", "AE"), ("Emily Carter", "AU"),
    ("Sun Jiahui", "CN"), ("Rahul Mehta", "IN"), ("Isabella Rossi", "IT"), ("Tomás Silva", "PT"),
]
TEAM_ROLES = ["Team leader", "Software engineer", "Product designer", "Data scientist"]

# The call for nominations of every programme and the jury's rounds: (month, day, "HH:MM") in Wuzhen, in the
# programme's year; the competition's final is judged during the finalists' pitches in Wuzhen.
CALL_OPENS, CALL_CLOSES = (6, 1, "09:00"), (8, 31, "18:00")
SELECTION_ROUND = ((9, 15, "09:00"), (10, 15, "18:00"))
# stage, places per category (track), opening, closing, the best score in the round.
COMPETITION_ROUNDS = [
    ("preliminary", 4, (9, 10, "09:00"), (9, 25, "18:00"), "8.60"),
    ("semi_final", 4, (10, 10, "09:00"), (10, 20, "18:00"), "8.90"),
    ("final", 3, None, None, "9.20"),
]
SELECTION_TOP = "9.20"  # the best score of an award's selection; the next places are SCORE_STEP lower each
SCORE_STEP = "0.30"
# Where the entry placed 1st, 2nd... in the end stood in each competition round (the fifth never went on).
ROUND_PLACES = {"preliminary": (1, 0, 3, 2, 4), "semi_final": (0, 2, 1, 3), "final": (0, 1, 2, 3)}
# The best-practice selections have two cases sharing the second place, to show a tie in the ranking.
TIED_PLACES = {"best_practice": 2}  # this place scores the same as the one before it

# What the jurors score, by kind of programme: (name), (description), weight; the honour is judged as a whole.
CRITERIA = {
    "award": {
        "summary": ("Originality (weight 2), impact (weight 2) and leadership (weight 1), each scored from 0 to 10.",
                    "原创性（权重2）、影响力（权重2）和引领性（权重1），每项0至10分。"),
        "criteria": [
            (("Originality", "原创性"), ("How new the achievement is in its field.", "成果在其领域的创新程度。"), 2),
            (("Impact", "影响力"), ("What it changed for industry and society.", "成果对产业和社会带来的改变。"), 2),
            (("Leadership", "引领性"), ("How far it leads the field worldwide.", "成果在全球范围内的引领程度。"), 1),
        ],
    },
    "best_practice": {
        "summary": ("Relevance (weight 2), results (weight 2) and replicability (weight 1), each scored from 0 to 10.",
                    "相关性（权重2）、实效（权重2）和可复制性（权重1），每项0至10分。"),
        "criteria": [
            (("Relevance", "相关性"), ("How well the case serves a community with a shared future in cyberspace.",
                                     "案例对构建网络空间命运共同体的契合程度。"), 2),
            (("Results", "实效"),
             ("What it achieved, in figures where possible.", "案例取得的成效，尽可能以数据说明。"), 2),
            (("Replicability", "可复制性"),
             ("Whether others can adopt it elsewhere.", "案例能否在其他地方推广复制。"), 1),
        ],
    },
    "competition": {
        "summary": ("Innovation (weight 2), market potential, team and social value (weight 1 each), each scored "
                    "from 0 to 10.", "创新性（权重2）、市场潜力、团队和社会价值（权重各1），每项0至10分。"),
        "criteria": [
            (("Innovation", "创新性"), ("How new the product or technology is.", "产品或技术的创新程度。"), 2),
            (("Market potential", "市场潜力"),
             ("The size of the market and the path to it.", "市场规模及进入市场的路径。"), 1),
            (("Team", "团队"), ("The team's skills and its ability to deliver.", "团队能力及执行力。"), 1),
            (("Social value", "社会价值"),
             ("What the project does for people and society.", "项目为民众和社会带来的价值。"), 1),
        ],
    },
}

# Made-up jurors: name, affiliation (English, Chinese). Each programme's jury takes its turn in the list.
JURORS = [
    ("Prof. Helen Marsh", ("University of Edinburgh", "爱丁堡大学")),
    ("Prof. Zhao Lin", ("Zhejiang University", "浙江大学")),
    ("Dr. Kwame Mensah", ("University of Ghana", "加纳大学")),
    ("Dr. Ana Ribeiro", ("University of São Paulo", "圣保罗大学")),
    ("Prof. Hiroshi Tanaka", ("University of Tokyo", "东京大学")),
    ("Dr. Xu Qing", ("China Academy of Information and Communications Technology", "中国信息通信研究院")),
    ("Prof. Markus Weber", ("Technical University of Munich", "慕尼黑工业大学")),
    ("Dr. Leila Nasser", ("American University of Beirut", "贝鲁特美国大学")),
    ("Prof. Ivan Petrov", ("Moscow State University", "莫斯科国立大学")),
    ("Dr. Grace Wanjiru", ("Strathmore University", "斯特拉斯莫尔大学")),
    ("Prof. Huang Jie", ("Tsinghua University", "清华大学")),
    ("Dr. Carlos Mendoza", ("National Autonomous University of Mexico", "墨西哥国立自治大学")),
    ("Ms. Sarah Lindqvist", ("Nordic Venture Partners", "北欧创投合伙人")),
    ("Mr. Rajesh Iyer", ("Bangalore Startup Foundry", "班加罗尔创业工场")),
    ("Ms. Feng Yue", ("Hangzhou Angel Investors Association", "杭州天使投资人协会")),
    ("Dr. Amina Diallo", ("Cheikh Anta Diop University", "谢赫·安塔·迪奥普大学")),
    ("Prof. Olivia Grant", ("Australian National University", "澳大利亚国立大学")),
    ("Mr. Park Ji-hoon", ("Seoul Digital Innovation Centre", "首尔数字创新中心")),
]
JURY_SIZE = {"award": 5, "best_practice": 4, "honour": 4}  # the competition: a chair and two jurors per track
TRACK_JURORS = 2
CONFLICT_REASONS = {
    "competition": "Mentored the team in an accelerator programme this year.",
    "other": "Advised the nominee in the past two years.",
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
