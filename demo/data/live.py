"""The upcoming demo edition: made up on the day the demo is loaded, its programme derived from 2024's, so that a
newcomer can try what only an edition ahead offers (registration, the calls for nominations, the exhibitor
application, the online hall). Everything here says it is demo data, in both languages."""

SOURCE_YEAR = 2024  # the edition whose programme, expo and awards the demo edition repeats

# When the demo edition starts, in days after the day of the load: the first start within this window on the
# weekday of the source edition's first day (the programme's days keep their weekdays), in one calendar year.
LEAD_DAYS = (21, 56)

NAME = ("{year} World Internet Conference Wuzhen Summit (demo edition)", "{year}年世界互联网大会乌镇峰会（演示）")
DESCRIPTION = (
    "Demo data, not a real summit: an upcoming edition made up by the demo loader on {made_on_en} from the "
    "programme of the 2024 summit, shifted by whole weeks, so that registration, the calls for nominations, the "
    "exhibitor application and the online hall of the expo can be tried.",
    "演示数据，并非真实举办的峰会：演示数据加载程序于{made_on_zh}依据2024年峰会的议程按整周顺延生成的下一届峰会，"
    "供试用嘉宾注册、奖项征集、参展申请和博览会云上展厅。",
)

# Award programmes: the call opens on the day the edition is made and closes this many days before the summit.
CALL_CLOSES_DAYS_BEFORE = 14
CALL_CLOSES_AT = "18:00"
# Descriptions that would not hold for a later edition ("new in 2024"), by programme slug.
PROGRAMME_DESCRIPTIONS = {
    "outstanding-contribution-award": (
        "Recognises exceptional individuals and organisations contributing to the global internet.",
        "表彰为全球互联网发展作出杰出贡献的个人和组织。",
    ),
}

# Exhibitors' applications waiting for a decision: (days before the edition was made, as in data.expo).
PENDING_APPLIED_DAYS_BEFORE = (3, 2, 1)

# The press conference announcing the edition, this many days before it starts (2024's: 26 days, in Beijing).
ANNOUNCEMENT_DAYS_BEFORE = 26
ANNOUNCEMENT = {
    "title": ("Press conference on the {year} WIC Wuzhen Summit (demo edition)",
              "{year}年世界互联网大会乌镇峰会新闻发布会（演示）"),
    "city": ("Beijing", "北京"), "location": ("", ""),
    "summary": (
        "Demo data. The summit will be held in Wuzhen {dates_en} with an opening ceremony, a main forum and "
        "{subforums} sub-forums; registration, the calls for nominations and the exhibitor application are open.",
        "演示数据。峰会将于{dates_zh}在乌镇举办，除开幕式和全体会议外设置{subforums}场分论坛；嘉宾注册、奖项征集和"
        "参展申请现已开放。",
    ),
}
CLOSING = {
    "title": ("Closing press conference of the {year} WIC Wuzhen Summit (demo edition)",
              "{year}年世界互联网大会乌镇峰会闭幕新闻发布会（演示）"),
    "city": ("Wuzhen", "乌镇"), "location": ("Press Conference Hall", "新闻发布厅"),
    "summary": ("Demo data. The achievements of the summit will be presented.", "演示数据。发布峰会成果。"),
    "clock": "10:00",  # on the last day, as in 2024
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
