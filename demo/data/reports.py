"""Reports and documents (seeds 000, 002, 003, 004). A release at the summit names its session as
(year, forum slug, session index); an earlier release is known by its date."""

import datetime

# slug, kind, English name, Chinese name, authoring body, description (en, zh)
SERIES = [
    ("china-internet-development-report", "blue_book", "China Internet Development Report", "中国互联网发展报告", None,
     ("Blue book of the World Internet Conference, published every year.", "世界互联网大会蓝皮书，每年发布。")),
    ("world-internet-development-report", "blue_book", "World Internet Development Report", "世界互联网发展报告", None,
     ("Blue book of the World Internet Conference, published every year.", "世界互联网大会蓝皮书，每年发布。")),
    ("sovereignty-in-cyberspace", "theory_and_practice", "Sovereignty in Cyberspace: Theory and Practice",
     "网络主权：理论与实践", None, ("Released in versions since 2019.", "自2019年起分版本发布。")),
    ("community-concept-paper", "concept_paper",
     "Concept Paper on Jointly Building a Community with a Shared Future in Cyberspace",
     "《携手构建网络空间命运共同体》概念文件", None, ("", "")),
    ("community-initiative", "initiative",
     "Initiative on Jointly Building a Community with a Shared Future in Cyberspace", "携手构建网络空间命运共同体倡议",
     None, ("", "")),
    ("ai-for-social-good-action-plan", "action_plan", "World Internet Conference AI for Social Good Action Plan",
     "世界互联网大会人工智能向善行动计划", None, ("", "")),
    ("data-cooperation-report", "report",
     "Report on Promoting Open, Collaborative, and Win-Win Data International Cooperation",
     "推动开放、协作、共赢的数据国际合作报告", "data-working-group",
     ("Released by the WIC data working group.", "由世界互联网大会数据工作组发布。")),
    ("cross-border-e-commerce-countries", "report", "Cross-border E-commerce Competitiveness Report: Countries",
     "跨境电商竞争力报告（国家篇）", None, ("Competitiveness seen from countries.", "从国家视角评估跨境电商竞争力。")),
    ("cross-border-e-commerce-platforms", "report", "Cross-border E-commerce Competitiveness Report: Platforms",
     "跨境电商竞争力报告（平台篇）", None, ("Competitiveness seen from platforms.", "从平台视角评估跨境电商竞争力。")),
    ("cross-border-e-commerce-logistics", "report", "Cross-border E-commerce Competitiveness Report: Logistics",
     "跨境电商竞争力报告（物流篇）", None, ("Competitiveness seen from logistics.", "从物流视角评估跨境电商竞争力。")),
    ("practice-cases-collection", "case_collection",
     "Collection of Practice Cases of Jointly Building a Community with a Shared Future in Cyberspace",
     "携手构建网络空间命运共同体实践案例集", None, ("", "")),
]


def _edition(series, year, title, *, version="", release=None, released_on=None, summary=("", "")):
    return {"series": series, "year": year, "version": version, "title": title, "release": release,
            "released_on": released_on, "summary": summary}


def _blue_books(year):
    return [
        _edition("china-internet-development-report", year,
                 (f"China Internet Development Report {year}", f"中国互联网发展报告{year}"),
                 release=(year, "main-forum", 2)),
        _edition("world-internet-development-report", year,
                 (f"World Internet Development Report {year}", f"世界互联网发展报告{year}"),
                 release=(year, "main-forum", 2)),
    ]


def _sovereignty(version, year, **release):
    return _edition(
        "sovereignty-in-cyberspace", year,
        (f"Sovereignty in Cyberspace: Theory and Practice (Version {version})",
         f"网络主权：理论与实践（{version}版）"),
        version=version, **release,
    )


def _cross_border(perspective, perspective_zh):
    return _edition(
        f"cross-border-e-commerce-{perspective}", 2024,
        (f"Cross-border E-commerce Competitiveness Report 2024: {perspective.title()}",
         f"跨境电商竞争力报告2024（{perspective_zh}篇）"),
        release=(2024, "cross-border-e-commerce", 4),
    )


EDITIONS = [
    *_blue_books(2022), *_blue_books(2023), *_blue_books(2024),
    # Seed 002: three versions released from 2019 to 2021, at the WIC events of those years.
    _sovereignty("1.0", 2019, released_on=datetime.date(2019, 10, 21)),
    _sovereignty("2.0", 2020, released_on=datetime.date(2020, 11, 25)),
    _sovereignty("3.0", 2021, released_on=datetime.date(2021, 9, 26)),
    _sovereignty("4.0", 2023, release=(2023, "cyberspace-governance", 4)),  # seed 003
    _edition("community-concept-paper", 2019,
             ("Jointly Building a Community with a Shared Future in Cyberspace (Concept Paper)",
              "《携手构建网络空间命运共同体》概念文件"), released_on=datetime.date(2019, 10, 16)),
    _edition("community-initiative", 2021,
             ("Initiative on Jointly Building a Community with a Shared Future in Cyberspace",
              "携手构建网络空间命运共同体倡议")),
    _edition("ai-for-social-good-action-plan", 2023,
             ("World Internet Conference AI for Social Good Action Plan (2023-2025)",
              "世界互联网大会人工智能向善行动计划（2023—2025）"), released_on=datetime.date(2023, 7, 7)),
    _edition("data-cooperation-report", 2024,
             ("Report on Promoting Open, Collaborative, and Win-Win Data International Cooperation",
              "推动开放、协作、共赢的数据国际合作报告"), release=(2024, "data-cooperation", 4)),
    _cross_border("countries", "国家"),
    _cross_border("platforms", "平台"),
    _cross_border("logistics", "物流"),
    _edition("practice-cases-collection", 2022,
             ("Collection of Practice Cases of Jointly Building a Community with a Shared Future in Cyberspace",
              "携手构建网络空间命运共同体实践案例集"), release=(2022, "best-practices", 0)),
]
