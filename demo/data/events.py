"""The forums of each edition besides the sub-forums: the opening ceremony, the main forum, the award ceremonies,
side events and the closing press conference, each with its sessions.

A session is (type, English title, Chinese title, start, end, number of speakers); the forum's own time runs
from its first session's start to its last session's end.
"""

from .editions import MAIN_HALL, MULTI_FUNCTION_HALL, PRESS_HALL

OPENING = {
    "slug": "opening-ceremony", "kind": "opening_ceremony", "day": 0, "room": MAIN_HALL, "named": True,
    "title": ("Opening Ceremony", "开幕式"),
    "sessions": [
        ("ceremony", "Opening ceremony", "开幕式", "09:00", "09:30", 1),
        ("keynote", "Opening addresses", "开幕致辞", "09:30", "10:00", 2),
    ],
}

MAIN_FORUM = {
    "slug": "main-forum", "kind": "main_forum", "day": 0, "room": MAIN_HALL, "named": True,
    "title": ("Main Forum", "全体会议"),
    "sessions": [
        ("keynote", "Keynote speeches", "主旨演讲", "10:15", "11:15", 4),
        ("dialogue", "High-level dialogue", "高端对话", "11:15", "12:10", 4),
        ("release", "Release of the blue books of the World Internet Conference", "发布世界互联网大会蓝皮书",
         "12:10", "12:30", 2),
    ],
}


def closing_press_conference(day: int, start: str, end: str) -> dict:
    return {
        "slug": "closing-press-conference", "kind": "press_conference", "day": day, "room": PRESS_HALL,
        "named": True, "title": ("Closing Press Conference", "闭幕新闻发布会"),
        "sessions": [
            ("release", "Release of the summit's achievements", "发布峰会成果", start, _minus(end, 20), 0),
            ("dialogue", "Questions from the press", "记者提问", _minus(end, 20), end, 0),
        ],
    }


def _minus(clock: str, minutes: int) -> str:
    hours, mins = divmod(int(clock[:2]) * 60 + int(clock[3:]) - minutes, 60)
    return f"{hours:02d}:{mins:02d}"


def award_ceremony(slug, title, day, start, end, ceremony_title, *, named=True, room=MAIN_HALL) -> dict:
    """An award ceremony: the ceremony itself (the session the award programme points to), then laureates' talks."""
    middle = _minus(end, 40)
    return {
        "slug": slug, "kind": "award_ceremony", "day": day, "room": room, "named": named, "title": title,
        "sessions": [
            ("ceremony", *ceremony_title, start, middle, 2),
            ("keynote", "Laureates' talks", "获奖代表分享", middle, end, 3),
        ],
    }


def competition_final(day: int, start: str, end: str, *, ai_track: bool = False) -> dict:
    pitches = ("Finalists' pitches", "决赛路演")
    if ai_track:
        pitches = ("Finalists' pitches, including the AI+ innovative applications track",
                   "决赛路演（含人工智能+创新应用专项赛）")
    return {
        "slug": "straight-to-wuzhen-final", "kind": "side_event", "day": day, "room": MULTI_FUNCTION_HALL,
        "named": True,
        "title": ("\"Straight to Wuzhen\" Global Internet Competition Final", "“直通乌镇”全球互联网大赛决赛"),
        "sessions": [
            ("keynote", *pitches, start, _minus(end, 45), 4),
            ("ceremony", "Announcement of the winners", "颁奖", _minus(end, 45), end, 2),
        ],
    }


LEADING_ACHIEVEMENTS = ("World Leading Internet Scientific and Technological Achievements", "世界互联网领先科技成果")
LEADING_AWARD = ("World Internet Conference Leading Science and Technology Award", "世界互联网大会领先科技奖")
BEST_PRACTICES = (
    "Best Practices in Jointly Building a Community with a Shared Future in Cyberspace",
    "携手构建网络空间命运共同体精品案例",
)
OUTSTANDING_CONTRIBUTION = ("World Internet Conference Outstanding Contribution Award", "世界互联网大会杰出贡献奖")
TEN_YEAR_HONOR = ("Wuzhen Summit 10-Year Commemorative Honor", "乌镇峰会十周年纪念荣誉")


def _release_ceremony(name):
    return (f"Release of the {name[0]}", f"{name[1]}发布活动")


def _award_ceremony(name):
    return (f"{name[0]} Ceremony", f"{name[1]}颁奖活动")


EVENTS = {
    2022: [
        OPENING,
        MAIN_FORUM,
        award_ceremony("leading-achievements", _release_ceremony(LEADING_ACHIEVEMENTS), 1, "09:00", "10:30",
                       ("Release of the achievements", "成果发布")),
        award_ceremony("best-practices", _release_ceremony(BEST_PRACTICES), 1, "14:00", "15:30",
                       ("Release and presentation of the cases", "案例发布展示")),
        competition_final(1, "14:00", "17:00"),
        closing_press_conference(2, "10:00", "11:00"),
    ],
    2023: [
        OPENING,
        MAIN_FORUM,
        award_ceremony("ten-year-honor", (f"{TEN_YEAR_HONOR[0]} Ceremony", f"{TEN_YEAR_HONOR[1]}颁授仪式"), 0,
                       "16:00", "17:30", ("Presentation of the honours", "颁授纪念荣誉")),
        {
            "slug": "science-technology-museum-opening", "kind": "side_event", "day": 0, "room": None, "named": True,
            "title": ("Opening of the World Internet Science and Technology Museum", "世界互联网科技馆开馆"),
            "sessions": [("ceremony", "Opening of the museum", "开馆仪式", "17:45", "18:30", 1)],
        },
        {
            "slug": "wuzhen-on-the-cloud-xr-show", "kind": "side_event", "day": 0, "room": MULTI_FUNCTION_HALL,
            "named": True,
            "title": (
                "\"Wuzhen on the Cloud · Internet Rebirth\" XR Experience Show", "“云上乌镇·互联网重生”XR体验秀",
            ),
            "sessions": [("ceremony", "XR experience show", "XR沉浸式体验秀", "19:30", "20:30", 0)],
        },
        award_ceremony("leading-tech-award", _award_ceremony(LEADING_AWARD), 1, "09:00", "10:30",
                       ("Presentation of the award", "颁奖")),
        competition_final(1, "09:00", "12:00"),
        award_ceremony("best-practices", _release_ceremony(BEST_PRACTICES), 1, "14:00", "15:30",
                       ("Release and presentation of the 13 cases", "发布展示13个精品案例")),
        {
            "slug": "yangtze-river-delta-digital-civilization", "kind": "side_event", "day": 2,
            "room": MULTI_FUNCTION_HALL, "named": True,
            "title": ("Yangtze River Delta Integrated Digital Civilization Co-construction and Sharing",
                      "长三角一体化数字文明共建共享活动"),
            "sessions": [
                ("keynote", "Keynote speeches", "主旨演讲", "09:00", "10:00", 3),
                ("release", "Launch of the \"Yangtze River Delta Intelligent Industry Hundreds\" and \"Wuzhen "
                 "Dialogue\" cooperation mechanisms", "启动“长三角智能产业百强”和“乌镇对话”合作机制",
                 "10:00", "10:45", 2),
                ("signing", "Signing of more than 70 projects", "70余个项目集中签约", "10:45", "11:30", 2),
            ],
        },
        {
            "slug": "digital-empowerment-common-prosperity", "kind": "side_event", "day": 2, "room": "forum-hall-2",
            "named": True,
            "title": ("Digital Empowerment Common Prosperity Demonstration Zone Construction Exhibition Event",
                      "数字赋能共同富裕示范区建设展示活动"),
            "sessions": [
                ("keynote", "Presentations of the national digital rural leading zone", "国家数字乡村引领区建设展示",
                 "09:00", "10:15", 3),
                ("dialogue", "Dialogue on digital empowerment", "数字赋能对话", "10:15", "11:00", 3),
            ],
        },
        closing_press_conference(2, "14:00", "15:00"),
    ],
    2024: [
        OPENING,
        MAIN_FORUM,
        award_ceremony("outstanding-contribution-award", _award_ceremony(OUTSTANDING_CONTRIBUTION), 0,
                       "16:00", "17:30", ("Presentation of the award", "颁奖")),
        award_ceremony("leading-tech-award", _award_ceremony(LEADING_AWARD), 1, "09:00", "10:30",
                       ("Presentation of the award", "颁奖")),
        award_ceremony("best-practices", _release_ceremony(BEST_PRACTICES), 1, "14:00", "15:30",
                       ("Release and presentation of the cases", "案例发布展示")),
        {
            "slug": "digital-academy-talent-workshop", "kind": "side_event", "day": 2, "room": MULTI_FUNCTION_HALL,
            "named": True,
            "title": ("Inauguration of the WIC Digital Academy and Global Internet Talent Excellence Program Workshop",
                      "世界互联网大会数字学院揭牌暨全球互联网卓越人才计划研修班"),
            "sessions": [
                ("ceremony", "Inauguration of the Digital Academy", "数字学院揭牌", "09:00", "09:30", 2),
                ("keynote", "Workshop lectures", "研修班授课", "09:30", "11:00", 3),
                ("break", "Tea break", "茶歇", "11:00", "11:15", 0),
                ("panel", "Roundtable: digital transformation in emerging economies",
                 "圆桌对话：新兴经济体的数字化转型", "11:15", "12:00", 4),
            ],
        },
        competition_final(2, "14:00", "17:00", ai_track=True),
        closing_press_conference(3, "10:00", "11:00"),
    ],
}
