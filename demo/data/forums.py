"""The programme of each edition: sub-forums with their slot and theme group, and the other forums with their
sessions. Times are wall-clock times in Wuzhen; days count from 0 (the summit's first day)."""

# Half-day slots of the sub-forums: day, start, end.
SLOTS = {
    "1pm": (0, "14:00", "17:30"),
    "2am": (1, "08:30", "12:00"),
    "2pm": (1, "14:00", "17:30"),
    "3am": (2, "08:30", "12:00"),
    "4am": (3, "08:30", "12:00"),
}

COOP, TECH, CULTURE, GOVERNANCE = (
    "cooperation-and-development", "technology-and-industry", "culture-and-society", "governance-and-security"
)

# Finales: the fifth session of a sub-forum, (type, English title, Chinese title).
RELEASE = ("release", "Release of achievements", "成果发布")
SIGNING = ("signing", "Signing of cooperation agreements", "合作项目签约")
DIALOGUE = ("dialogue", "Dialogue: the way forward", "对话：携手前行")

# slug, slot, theme group, English title, Chinese title, named in the seeds (else made up), finale
SUB_FORUMS = {
    2022: [
        ("digital-economy", "1pm", COOP, "Digital Economy Forum", "数字经济论坛", True, SIGNING),
        ("digital-society-covid-19", "1pm", CULTURE, "Digital Society in the COVID-19 Pandemic Forum",
         "疫情下的数字社会论坛", True, DIALOGUE),
        ("ai-and-digital-ethics", "1pm", GOVERNANCE, "Artificial Intelligence and Digital Ethics Forum",
         "人工智能与数字伦理论坛", True, RELEASE),
        ("industrial-internet", "1pm", TECH, "Industrial Internet Forum", "工业互联网论坛", False, SIGNING),
        ("cross-border-e-commerce", "1pm", COOP, "Cross-border E-commerce Forum", "跨境电商论坛", False, SIGNING),
        ("cybersecurity-cooperation", "1pm", GOVERNANCE,
         "Cybersecurity Technology Development and International Cooperation Forum",
         "网络安全技术发展和国际合作论坛", False, DIALOGUE),
        ("digital-health", "1pm", CULTURE, "Digital Health Forum", "数字健康论坛", False, RELEASE),
        ("computing-power-network", "1pm", TECH, "Computing Power Network Forum", "算力网络论坛", False, RELEASE),
        ("digital-rural", "2am", COOP, "Digital Empowerment of Rural Areas Forum", "数字赋能乡村振兴论坛", False,
         DIALOGUE),
        ("carbon-neutrality", "2am", TECH, "Digital Technology for Carbon Peak and Neutrality Forum",
         "数字技术助力碳达峰碳中和论坛", False, RELEASE),
        ("digital-travel", "2am", CULTURE, "Digital Travel and Smart Tourism Forum", "数字出行与智慧旅游论坛", False,
         SIGNING),
        ("data-governance", "2am", GOVERNANCE, "Data Governance Forum", "数据治理论坛", False, RELEASE),
        ("open-source", "2am", TECH, "Open Source Ecosystem Forum", "开源生态论坛", False, RELEASE),
        ("digital-silk-road", "2am", COOP, "Digital Silk Road Cooperation Forum", "数字丝路合作论坛", False, SIGNING),
        ("common-prosperity", "2pm", CULTURE, "Digital Empowerment of Common Prosperity Forum", "数字赋能共同富裕论坛",
         False, DIALOGUE),
        ("youth-digital-future", "2pm", CULTURE, "Youth and Digital Future Forum", "青年与数字未来论坛", False,
         DIALOGUE),
        ("internet-rule-of-law", "2pm", GOVERNANCE, "Internet Rule of Law Forum", "互联网法治论坛", False, RELEASE),
        ("minors-online-protection", "2pm", GOVERNANCE, "Online Protection of Minors Forum", "未成年人网络保护论坛",
         False, DIALOGUE),
        ("frontier-technologies", "2pm", TECH, "Frontier Internet Technologies Forum", "互联网前沿技术论坛", False,
         RELEASE),
        ("mobile-internet-5g", "2pm", TECH, "5G and Mobile Internet Forum", "5G与移动互联网论坛", False, SIGNING),
    ],
    2023: [
        ("global-development-initiative", "1pm", COOP, "Global Development Initiative Digital Cooperation Forum",
         "全球发展倡议数字合作论坛", False, SIGNING),
        ("digital-economy", "1pm", COOP, "Digital Economy Forum", "数字经济论坛", False, SIGNING),
        ("ai-innovation-governance", "1pm", TECH, "Artificial Intelligence Forum", "人工智能论坛", False, RELEASE),
        ("youth-digital-future", "1pm", CULTURE, "Youth and Digital Future Forum", "青年与数字未来论坛", False,
         ("ceremony", "Launch of the Global Youth Leaders Program", "全球青年领军者计划启动")),
        ("cyberspace-governance", "1pm", GOVERNANCE, "Cyberspace International Governance Forum",
         "网络空间国际治理论坛", False,
         ("release", "Release of \"Sovereignty in Cyberspace: Theory and Practice\" (4.0)",
          "发布《网络主权：理论与实践》（4.0版）")),
        ("industrial-internet", "1pm", TECH, "Industrial Internet Forum", "工业互联网论坛", False, SIGNING),
        ("digital-civilization", "1pm", CULTURE, "Digital Civilization Forum", "数字文明论坛", False, DIALOGUE),
        ("data-governance", "1pm", GOVERNANCE, "Data Governance and Cooperation Forum", "数据治理与合作论坛", False,
         RELEASE),
        ("cross-border-e-commerce", "2am", COOP, "Cross-border E-commerce Forum", "跨境电商论坛", False, SIGNING),
        ("computing-power-network", "2am", TECH, "Computing Power Network Forum", "算力网络论坛", False, RELEASE),
        ("digital-health", "2am", CULTURE, "Digital Health Forum", "数字健康论坛", False, RELEASE),
        ("cybersecurity-cooperation", "2am", GOVERNANCE,
         "Cybersecurity Technology Development and International Cooperation Forum",
         "网络安全技术发展和国际合作论坛", False, DIALOGUE),
        ("digital-rural", "2am", COOP, "Digital Empowerment of Rural Areas Forum", "数字赋能乡村振兴论坛", False,
         DIALOGUE),
        ("frontier-technologies", "2am", TECH, "Frontier Digital Technologies Forum", "数字前沿技术论坛", False,
         RELEASE),
        ("digital-education", "2pm", CULTURE, "Digital Education Forum", "数字教育论坛", False, DIALOGUE),
        ("internet-media", "2pm", CULTURE, "Internet Media Forum", "网络传播论坛", False, DIALOGUE),
        ("internet-rule-of-law", "2pm", GOVERNANCE, "Internet Rule of Law Forum", "互联网法治论坛", False, RELEASE),
        ("minors-online-protection", "2pm", GOVERNANCE, "Online Protection of Minors Forum", "未成年人网络保护论坛",
         False, DIALOGUE),
        ("digital-silk-road", "2pm", COOP, "Digital Silk Road Cooperation Forum", "数字丝路合作论坛", False, SIGNING),
        # Seed 003: the Zhejiang sub-forum closed the summit, with 15 domestic and foreign experts.
        ("zhejiang", "3am", TECH, "Zhejiang Sub-forum: Digital Economy Leads the Construction of a Modern Industrial "
         "System", "浙江分论坛：数字经济引领现代化产业体系建设", True, SIGNING),
    ],
    2024: [
        ("global-development-initiative", "1pm", COOP, "Global Development Initiative Digital Cooperation Forum",
         "全球发展倡议数字合作论坛", True, SIGNING),
        ("digital-economy", "1pm", COOP, "Digital Economy Forum", "数字经济论坛", True, SIGNING),
        ("ai-innovation-governance", "1pm", TECH, "AI Technology Innovation and Governance Forum",
         "人工智能技术创新与治理论坛", True,
         ("ceremony", "Founding of the WIC Artificial Intelligence Professional Committee",
          "世界互联网大会人工智能专业委员会成立")),
        ("youth-digital-future", "1pm", CULTURE, "Youth and Digital Future Forum", "青年与数字未来论坛", True,
         ("dialogue", "Meet the 2024 Global Youth Leaders", "对话2024全球青年领军者")),
        ("data-cooperation", "1pm", GOVERNANCE, "Data Governance and International Cooperation Forum",
         "数据治理与国际合作论坛", False,
         ("release", "Release of the data working group's report", "发布数据工作组报告")),
        ("think-tank-cooperation", "1pm", GOVERNANCE, "Think Tank Cooperation Forum", "智库合作论坛", False,
         ("ceremony", "Launch of the WIC Think Tank Cooperation Program", "世界互联网大会智库合作计划启动")),
        ("cross-border-e-commerce", "2am", COOP, "Cross-border E-commerce Forum", "跨境电商论坛", False,
         ("release", "Release of the cross-border e-commerce competitiveness reports", "发布跨境电商竞争力报告")),
        ("ai-empowering-industries", "2am", TECH, "AI Empowering Industries Forum", "人工智能赋能产业发展论坛",
         False, SIGNING),
        ("digital-civilization", "2am", CULTURE, "Digital Civilization Forum", "数字文明论坛", False, DIALOGUE),
        ("cybersecurity-cooperation", "2am", GOVERNANCE,
         "Cybersecurity Technology Development and International Cooperation Forum",
         "网络安全技术发展和国际合作论坛", False, DIALOGUE),
        ("digital-rural", "2am", COOP, "Digital Empowerment of Rural Areas Forum", "数字赋能乡村振兴论坛", False,
         DIALOGUE),
        ("industrial-internet", "2am", TECH, "Industrial Internet Forum", "工业互联网论坛", False, SIGNING),
        ("digital-health", "2pm", CULTURE, "Digital Health Forum", "数字健康论坛", False, RELEASE),
        ("cyberspace-governance", "2pm", GOVERNANCE, "Cyberspace International Governance Forum",
         "网络空间国际治理论坛", False, DIALOGUE),
        ("digital-silk-road", "2pm", COOP, "Digital Silk Road Cooperation Forum", "数字丝路合作论坛", False, SIGNING),
        ("computing-power-network", "2pm", TECH, "Computing Power Network Forum", "算力网络论坛", False, RELEASE),
        ("digital-education", "2pm", CULTURE, "Digital Education Forum", "数字教育论坛", False, DIALOGUE),
        ("internet-rule-of-law", "2pm", GOVERNANCE, "Internet Rule of Law Forum", "互联网法治论坛", False, RELEASE),
        ("digital-divide", "3am", COOP, "Bridging the Digital Divide Forum", "弥合数字鸿沟论坛", False, DIALOGUE),
        ("open-source", "3am", TECH, "Open Source Ecosystem Forum", "开源生态论坛", False, RELEASE),
        ("ai-for-social-good", "3am", CULTURE, "AI for Social Good Forum", "人工智能向善论坛", False, DIALOGUE),
        ("minors-online-protection", "3am", GOVERNANCE, "Online Protection of Minors Forum", "未成年人网络保护论坛",
         False, DIALOGUE),
        ("internet-media", "3am", CULTURE, "Internet Media Forum", "网络传播论坛", False, DIALOGUE),
        ("frontier-technologies", "3am", TECH, "Frontier Digital Technologies Forum", "数字前沿技术论坛", False,
         RELEASE),
    ],
}

# Speakers per session of a sub-forum: opening, keynotes, roundtable (moderator first), finale.
SPEAKER_COUNTS = (1, 3, 5, 2)
# Seed 003: "15 domestic and foreign experts" at the Zhejiang sub-forum of 2023.
SPEAKER_COUNTS_BY_FORUM = {(2023, "zhejiang"): (1, 5, 6, 3)}

FORUM_DESCRIPTIONS = {
    (2023, "zhejiang"): (
        "Fifteen domestic and foreign experts discuss how the digital economy leads the construction of a modern "
        "industrial system: new paths of integration and industrial collaboration, and new measures for the "
        "high-quality development of the digital economy. The sub-forum closes the 2023 summit.",
        "15位国内外专家围绕“数字经济引领现代化产业体系建设”展开研讨，探索融合发展与产业协同新路径，寻求推动"
        "数字经济高质量发展的新举措。本场分论坛为2023年峰会收官之作。",
    ),
}
