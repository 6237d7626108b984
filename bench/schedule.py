"""The schedule feeds and the sessions API under load, against the ceiling of this machine, and their query counts.

In one run: creates a fresh PostgreSQL database (``wic_bench_schedule`` on the server of ``DATABASE_URL``),
migrates it and generates a published summit of 24 forums, 20 rooms, 250 sessions and 600 speakers (bilingual
titles, descriptions and biographies of realistic length; no room or speaker in two places at once). Serves it
with gunicorn (2 workers, production settings, PostgreSQL, Redis) and measures with wrk at 64 connections:

- the ceiling: ``/bench/ceiling``, a bare Django view returning the bytes of schedule.json from memory,
- ``/summits/<year>/schedule.json``, the ``/api/v1/sessions/`` first page, schedule.json answered 304, and the
  public agenda page (HTML, cached per language and content version like the feeds; no target of its own),
- each of those three again asked for gzip and for brotli: transfer bytes, and the compressed rate beside the
  plain one (target: at least 0.9 of it, since the compressed bytes are made once per version and then cached).

Each rate is printed as a ratio to the ceiling, against the issue's targets (schedule.json >= 0.7, API >= 0.3).
Then it generates a second summit ten times larger (2,500 sessions) and counts, in-process with the cache
cleared, the queries of each feed, of the expanded API list and of the agenda page at both sizes: they must be
equal.

Usage: .venv/bin/python bench/schedule.py [--quick] [--worker-class sync|gthread] [--keep]
"""

import argparse
import json
import logging
import os
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import time
import warnings
from contextlib import ExitStack
from pathlib import Path

from _harness import (
    Gunicorn,
    fetch,
    flush_redis,
    free_port,
    measure_in_rounds,
    postgres_server_url,
    print_rates,
    recreate_database,
    require_wrk,
)

BENCH_DB = "wic_bench_schedule"
REDIS_URL = "redis://127.0.0.1:6379/11"  # a database number of its own on the shared Redis, flushed before and after
YEAR, LARGE_YEAR = 2025, 2026
TARGETS = {"schedule.json": 0.7, "API list": 0.3}
# Every wrk connection comes from 127.0.0.1, as one anonymous client: the throttle still runs (its history then
# holds about a second of requests, fewer than a busy partner's 1,200 a minute) but does not refuse.
API_RATE = "1000000/second"


def production_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "wic.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",  # plain HTTP on loopback; everything else of production stays on
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        "API_ANONYMOUS_RATE": API_RATE,
        "API_PARTNER_RATE": API_RATE,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one round of 3 s per endpoint (rough figures)")
    parser.add_argument("--seconds", type=float, help="seconds per wrk measurement (default 10, 3 with --quick)")
    parser.add_argument("--rounds", type=int, help="measurements of each endpoint, medians kept (default 3, 1 quick)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker with gthread")
    parser.add_argument("--sessions", type=int, default=250, help="sessions of the summit served over HTTP")
    parser.add_argument("--speakers", type=int, default=600)
    parser.add_argument("--large-sessions", type=int, default=2500, help="sessions of the query-count comparison")
    parser.add_argument("--forums", type=int, default=24)
    parser.add_argument("--rooms", type=int, default=20)
    parser.add_argument("--redis-url", default=REDIS_URL, help="a Redis database of the bench's own: it is flushed")
    parser.add_argument("--keep", action="store_true", help=f"keep the {BENCH_DB} database and the logs")
    args = parser.parse_args()
    args.seconds = args.seconds or (3.0 if args.quick else 10.0)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.warmup = 1.0 if args.quick else 3.0
    require_wrk()
    # A stop from outside (a CI timeout) unwinds like an error, so that the cleanup below still runs.
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit("stopped by SIGTERM"))

    workdir = Path(tempfile.mkdtemp(prefix="wic-bench-schedule-"))
    with ExitStack() as cleanup:
        if not args.keep:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        server = postgres_server_url()
        database_url = recreate_database(server, BENCH_DB)
        if not args.keep:
            cleanup.callback(recreate_database, server, BENCH_DB, drop_only=True)
        flush_redis(args.redis_url)
        cleanup.callback(flush_redis, args.redis_url)
        os.environ.update(production_env(database_url, args.redis_url))
        # Production serves hashed static files from STATIC_ROOT: the pages' {% static %} needs the manifest.
        os.environ["STATIC_ROOT"] = str(workdir / "static")
        run(args, workdir, cleanup)


def run(args, workdir: Path, cleanup: ExitStack) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    cleanup.callback(connection.close)  # before the database is dropped
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    migrated = time.monotonic()
    summit = create_summit(year=YEAR, sessions=args.sessions, speakers=args.speakers, forums=args.forums,
                           rooms=args.rooms)
    print(f"database: PostgreSQL {BENCH_DB}, migrated in {migrated - started:.1f} s; summit {YEAR} generated in "
          f"{time.monotonic() - migrated:.1f} s: {describe(summit)}")
    if args.keep:
        print(f"logs in {workdir}")

    measure_http(args, workdir, cleanup)

    started = time.monotonic()
    speakers = round(args.speakers * args.large_sessions / args.sessions)
    large = create_summit(year=LARGE_YEAR, sessions=args.large_sessions, speakers=speakers, forums=args.forums,
                          rooms=args.rooms)
    print(f"\nsummit {LARGE_YEAR} generated in {time.monotonic() - started:.1f} s: {describe(large)}")
    compare_query_counts({YEAR: args.sessions, LARGE_YEAR: args.large_sessions})


def describe(summit) -> str:
    from forums.models import Forum, Session, SessionSpeaker

    sessions = Session.objects.filter(forum__summit=summit)
    speakers = SessionSpeaker.objects.filter(session__forum__summit=summit).values("speaker").distinct().count()
    rooms = sessions.values("room").distinct().count()
    return (f"{Forum.objects.filter(summit=summit).count()} forums, {rooms} rooms, {sessions.count()} sessions, "
            f"{speakers} speakers, {len(summit.days)} days")


# --- The generated summit -------------------------------------------------------------------------------------

def pairs(text: str) -> list[tuple[str, ...]]:
    """``English|中文`` items separated by semicolons or new lines, as tuples."""
    return [tuple(part.strip() for part in item.split("|")) for item in text.replace("\n", ";").split(";")
            if item.strip()]


TOPICS = pairs("""Artificial Intelligence|人工智能; Digital Economy|数字经济; Cross-Border Data Flows|跨境数据流动
Cybersecurity|网络安全; Internet Governance|互联网治理; Digital Public Goods|数字公共产品; Smart Cities|智慧城市
Open Source|开源; Green Computing|绿色计算; Digital Trade|数字贸易; Online Protection of Minors|未成年人网络保护
Satellite Internet|卫星互联网; Quantum Communication|量子通信; Industrial Internet|工业互联网
Digital Health|数字健康; Large Language Models|大语言模型; Digital Inclusion|数字包容; Platform Economy|平台经济
Cloud Computing|云计算; 6G Networks|6G网络; Semiconductors|半导体; Digital Culture|数字文化
Cross-Border E-commerce|跨境电商; Data Centres|数据中心""")
ANGLES = pairs("""Shared Rules for a Shared Future|共商规则，共享未来; From Principles to Practice|从原则到实践
Opportunities for the Global South|全球南方的发展机遇; Building Trust Across Borders|跨越国界的信任构建
Standards, Security and Interoperability|标准、安全与互操作; The Next Billion Users|下一个十亿用户
Bridging the Digital Divide|弥合数字鸿沟; Governance in the Age of Agents|智能体时代的治理
Investment, Talent and Infrastructure|投资、人才与基础设施; Lessons from a Decade in Wuzhen|乌镇十年的经验""")
OPENERS = pairs("""This session examines|本场会议聚焦; The dialogue looks closely at|对话环节将深入讨论
Speakers from government, industry and academia discuss|来自政府、企业和学术界的嘉宾共同探讨
Drawing on cases from Asia, Africa and Latin America, the speakers assess|嘉宾将结合亚非拉的案例，评估
Participants will review|与会者将回顾""")
OBJECTS = pairs("""how {t} is reshaping public services and the daily life of citizens|{t}如何重塑公共服务和民众生活
the rules that {t} needs to stay open, secure and interoperable|{t}保持开放、安全与互操作所需的规则
the investment gaps that keep small enterprises from adopting {t}|中小企业应用{t}所面临的投资缺口
the part that standards bodies and research institutes play in {t}|标准组织和科研机构在{t}发展中的作用
practical ways of measuring the social and economic impact of {t}|衡量{t}社会与经济影响的可行方法
the skills that workers and public servants will need as {t} spreads|{t}普及过程中劳动者所需的技能""")
CLOSERS = pairs(""", and what international cooperation can add to national efforts.|，并就加强国际合作提出建议。
, with particular attention to the needs of developing countries.|，特别关注发展中国家的需求。
, looking ahead over the next five years and the milestones by which to judge progress.|，展望未来五年的发展趋势。
, comparing the approaches of regulators, operators and civil society.|，比较监管机构、企业和社会组织的做法。""")
FIRST_NAMES = ["Amina", "Carlos", "Sophie", "Raj", "Olga", "Kwame", "Fatima", "Lucas", "Ingrid", "Hiroshi", "Priya",
               "Mateo", "Aisha", "Jonas", "Elena", "Tariq", "Nadia", "Samuel", "Leila", "Pedro"]
LAST_NAMES = ["Okafor", "Silva", "Martin", "Sharma", "Ivanova", "Mensah", "Haddad", "Müller", "Tanaka", "Rossi",
              "Kowalski", "Nguyen", "Santos", "Dubois", "Petrov", "Khan", "Mwangi", "Lopez", "Novak", "Andersen"]
SURNAMES = pairs("Wang|王; Li|李; Zhang|张; Liu|刘; Chen|陈; Yang|杨; Zhao|赵; Huang|黄; Zhou|周; Wu|吴; Xu|徐")
GIVEN_NAMES = pairs("""Wei|伟; Fang|芳; Min|敏; Jing|静; Lei|磊; Qiang|强; Yan|艳; Jie|杰; Tao|涛; Ming|明
Xiuying|秀英; Zhiqiang|志强; Jianhua|建华; Haiyan|海燕; Xiaodong|晓东""")
POSITIONS = pairs("""Secretary-General|秘书长; Chief Executive Officer|首席执行官; Professor|教授; Director|主任
Vice Minister|副部长; Chief Scientist|首席科学家; President|总裁; Head of Public Policy|公共政策负责人; Founder|创始人
Senior Fellow|高级研究员""")
ORGANISATIONS = pairs("""World Internet Conference|世界互联网大会|CN; Tsinghua University|清华大学|CN
Zhejiang University|浙江大学|CN; Alibaba Group|阿里巴巴集团|CN; China Mobile|中国移动|CN
Chinese Academy of Sciences|中国科学院|CN; International Telecommunication Union|国际电信联盟|CH
GSMA|全球移动通信系统协会|GB; Nokia|诺基亚|FI; University of Cape Town|开普敦大学|ZA; Kaspersky|卡巴斯基|RU
Getulio Vargas Foundation|热图利奥·瓦加斯基金会|BR; Kenya ICT Authority|肯尼亚信息通信技术局|KE
Indian Institute of Science|印度科学理工学院|IN; Telkom Indonesia|印尼电信|ID""")
THEME_GROUPS = pairs("""Development and Cooperation|发展与合作; Frontier Technologies|前沿技术
Governance and Security|治理与安全; Culture and Society|文化与社会""")
MINUTES = {"keynote": 20, "panel": 45, "dialogue": 30, "release": 15, "signing": 10, "ceremony": 15, "break": 15}
SPEAKERS_PER_TYPE = {"keynote": (1, 1), "panel": (3, 4), "dialogue": (2, 3), "release": (1, 2), "signing": (2, 4),
                     "ceremony": (1, 2), "break": (0, 0)}
TITLES = {  # by session type; {t} is the forum's topic, {a} an angle on it
    "ceremony": ("Opening of the Forum on {t}", "{t}论坛开幕式"), "keynote": ("Keynote: {a}", "主旨演讲：{a}"),
    "panel": ("Panel: {t}, {a}", "圆桌对话：{t}，{a}"), "dialogue": ("Dialogue: {a}", "高端对话：{a}"),
    "release": ("Release of the {t} Report", "《{t}发展报告》发布"),
    "signing": ("{t} Cooperation Agreements", "{t}合作项目签约"), "break": ("Coffee break", "茶歇"),
}
DAY_HOURS = (9, 18)  # sessions run from 09:00 to 18:00, Wuzhen time


def paragraph(chance, topic: tuple[str, str], sentences: int) -> tuple[str, str]:
    """A description in English and Chinese, ``sentences`` sentences long, about ``topic``."""
    english, chinese = [], []
    for _ in range(sentences):
        (open_en, open_zh), (object_en, object_zh), (close_en, close_zh) = (
            chance.choice(OPENERS), chance.choice(OBJECTS), chance.choice(CLOSERS))
        english.append(f"{open_en} {object_en.format(t=topic[0].lower())}{close_en}")
        chinese.append(f"{open_zh}{object_zh.format(t=topic[1])}{close_zh}")
    return " ".join(english), "".join(chinese)


def make_speaker(chance, number: int, year: int):
    from forums.models import Speaker

    organisation_en, organisation_zh, country = chance.choice(ORGANISATIONS)
    position_en, position_zh = chance.choice(POSITIONS)
    if country == "CN":
        (surname_en, surname_zh), (given_en, given_zh) = chance.choice(SURNAMES), chance.choice(GIVEN_NAMES)
        name_en, name_zh = f"{surname_en} {given_en}", f"{surname_zh}{given_zh}"
    else:
        name_en = f"{chance.choice(FIRST_NAMES)} {chance.choice(LAST_NAMES)}"
        name_zh = ""  # foreign names are usually not transliterated in the agenda: English is the fallback
    bio_en, bio_zh = paragraph(chance, chance.choice(TOPICS), chance.randint(2, 3))
    return Speaker(
        name=name_en, name_zh_hans=name_zh, slug=f"wic{year}-speaker-{number}", title=position_en,
        title_zh_hans=position_zh, affiliation=organisation_en, affiliation_zh_hans=organisation_zh, country=country,
        bio=f"{name_en} is {position_en} at {organisation_en}. {bio_en}",
        bio_zh_hans=f"{name_zh or name_en}，{organisation_zh}{position_zh}。{bio_zh}",
    )


def session_types(chance, count: int) -> list[str]:
    """A forum's agenda: opening remarks, then talks and panels, with a break halfway through a long one."""
    weighted = ["keynote"] * 9 + ["panel"] * 4 + ["dialogue"] * 3 + ["release"] * 2 + ["signing"] * 2
    types = ["ceremony", *(chance.choice(weighted) for _ in range(count - 1))]
    if count >= 6:
        types[count // 2] = "break"
    return types


def lay_out(chance, *, first_day, forum_sizes: list[int], rooms: int, days: int):
    """Each forum's sessions, back to back in the forum's room from 09:00 to 18:00, a forum starting on its day
    (forum i on day i % days) or once its room is free; a long forum goes on the next morning."""
    import datetime
    import zoneinfo

    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")

    def morning(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(DAY_HOURS[0]), tzinfo=shanghai)

    def evening(moment: datetime.datetime) -> datetime.datetime:
        return datetime.datetime.combine(moment.date(), datetime.time(DAY_HOURS[1]), tzinfo=shanghai)

    room_free = {}
    forums = []
    for index, size in enumerate(forum_sizes):
        room = index % rooms
        clock = max(room_free.get(room, morning(first_day)), morning(first_day + datetime.timedelta(index % days)))
        types = session_types(chance, size)
        length = datetime.timedelta(minutes=sum(MINUTES[kind] for kind in types))
        if clock + length > evening(clock) and length <= evening(clock) - morning(clock.date()):
            clock = morning(clock.date() + datetime.timedelta(1))  # what fits in a day starts in the morning
        slots = []
        for kind in types:
            duration = datetime.timedelta(minutes=MINUTES[kind])
            if clock + duration > evening(clock):
                clock = morning(clock.date() + datetime.timedelta(1))
            slots.append((kind, clock, clock + duration))
            clock += duration
        room_free[room] = clock
        forums.append((room, slots))
    return forums


def speakers_by_session(chance, slots: list[tuple], speakers: int) -> list[list[int]]:
    """1-4 speakers for each session but the breaks, every speaker in at least one, none in two at once."""
    counts = [chance.randint(*SPEAKERS_PER_TYPE[kind]) for kind, _start, _end in slots]
    room_for_more = [index for index, (kind, _s, _e) in enumerate(slots) if kind != "break" and counts[index] < 4]
    while sum(counts) < speakers and room_for_more:
        index = chance.choice(room_for_more)
        counts[index] += 1
        if counts[index] == 4:
            room_for_more.remove(index)
    unused = list(range(speakers))
    chance.shuffle(unused)
    free_from = [None] * speakers
    chosen_by_session = [[] for _ in slots]
    for index in sorted(range(len(slots)), key=lambda index: slots[index][1]):
        _kind, start, end = slots[index]
        chosen = chosen_by_session[index]
        for _attempt in range(200):
            if len(chosen) == counts[index]:
                break
            speaker = unused.pop() if unused else chance.randrange(speakers)
            if speaker not in chosen and (free_from[speaker] is None or free_from[speaker] <= start):
                chosen.append(speaker)
                free_from[speaker] = end
    return chosen_by_session


def create_summit(*, year: int, sessions: int, speakers: int, forums: int, rooms: int, days: int = 3, seed: int = 4):
    """A published summit generated at random (the same for the same arguments), written with bulk inserts."""
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone, translation

    from core.enums import PublicationStatus
    from core.versions import bump_content_version
    from forums.enums import ForumKind, SessionLanguage, SpeakerRole
    from forums.models import Forum, Session, SessionSpeaker, Speaker, ThemeGroup
    from summits.models import Room, Summit, Venue

    if sessions < forums:
        raise ValueError("at least one session per forum")
    chance = random.Random(f"{seed}-{year}-{sessions}")
    published = {"status": PublicationStatus.PUBLISHED, "published_at": timezone.now()}
    first_day = datetime.date(year, 11, 6)
    base, extra = divmod(sessions, forums)
    layout = lay_out(chance, first_day=first_day, forum_sizes=[base + (i < extra) for i in range(forums)],
                     rooms=rooms, days=days)
    last_day = max(end for _room, slots in layout for _kind, _start, end in slots).date()
    with translation.override("en"), transaction.atomic():
        venue, _ = Venue.objects.get_or_create(slug="wuzhen-convention-center", defaults={
            "name": "Wuzhen Internet International Convention and Exhibition Center",
            "name_zh_hans": "乌镇互联网国际会展中心", "city": "Wuzhen", "city_zh_hans": "乌镇"})
        room_rows = [Room.objects.get_or_create(venue=venue, slug=f"hall-{number}", defaults={
            "name": f"Hall {number}", "name_zh_hans": f"{number}号厅", "order": number,
            "capacity": chance.choice([120, 300, 800, 1500])})[0] for number in range(1, rooms + 1)]
        summit = Summit.objects.create(
            year=year, slug=f"wic{year}", name=f"{year} WIC Wuzhen Summit",
            name_zh_hans=f"{year}年世界互联网大会乌镇峰会",
            theme="Embracing a People-Centred, Intelligent Digital Future",
            theme_zh_hans="拥抱以人为本、智能向善的数字未来",
            start_date=first_day, end_date=last_day, venue=venue, **published)
        groups = [ThemeGroup.objects.create(summit=summit, name=en, name_zh_hans=zh, slug=f"group-{number}",
                                            order=number) for number, (en, zh) in enumerate(THEME_GROUPS)]
        speaker_rows = Speaker.objects.bulk_create([make_speaker(chance, n, year) for n in range(speakers)])
        forum_rows, session_rows, all_slots = [], [], []
        for index, (room, slots) in enumerate(layout):
            topic = TOPICS[index % len(TOPICS)]
            kind = ForumKind.OPENING_CEREMONY if index == 0 else ForumKind.MAIN_FORUM if index == 1 else \
                ForumKind.SUB_FORUM
            description_en, description_zh = paragraph(chance, topic, 4)
            forum_rows.append(Forum(
                summit=summit, kind=kind, theme_group=groups[index % len(groups)], title=f"Forum on {topic[0]}",
                title_zh_hans=f"{topic[1]}论坛", slug=f"forum-{index + 1}", description=description_en,
                description_zh_hans=description_zh, room=room_rows[room], start=slots[0][1], end=slots[-1][2],
                order=index, **published))
            all_slots += [(forum_rows[-1], room_rows[room], topic, slot) for slot in slots]
        Forum.objects.bulk_create(forum_rows)
        for forum, room, topic, (kind, start, end) in all_slots:
            angle = chance.choice(ANGLES)
            title = [text.format(t=topic[language], a=angle[language]) for language, text in enumerate(TITLES[kind])]
            description = ("", "") if kind == "break" else paragraph(chance, topic, chance.randint(4, 8))
            session_rows.append(Session(
                forum=forum, type=kind, title=title[0], title_zh_hans=title[1], description=description[0],
                description_zh_hans=description[1], start=start, end=end, room=room,
                language=chance.choice(list(SessionLanguage)), **published))
        Session.objects.bulk_create(session_rows)  # the exclusion constraint checks the rooms here
        chosen = speakers_by_session(chance, [slot for *_rest, slot in all_slots], speakers)
        first_role = {"panel": SpeakerRole.MODERATOR, "ceremony": SpeakerRole.HOST}
        SessionSpeaker.objects.bulk_create([
            SessionSpeaker(session=session, speaker=speaker_rows[speaker], order=order,
                           role=first_role.get(session.type, SpeakerRole.SPEAKER) if order == 0 else
                           SpeakerRole.SPEAKER)
            for session, speakers_of_session in zip(session_rows, chosen, strict=True)
            for order, speaker in enumerate(speakers_of_session)])
    bump_content_version()  # bulk inserts send no signals
    return summit


# --- HTTP -----------------------------------------------------------------------------------------------------

def measure_http(args, workdir: Path, cleanup: ExitStack) -> None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings_bench")
    body_path = workdir / "ceiling.body"
    env["WIC_BENCH_CEILING_BODY"] = str(body_path)

    # A first gunicorn only fetches schedule.json as a partner would; the measured one then reads it at start.
    # Both on the same port, in case the feed writes absolute links with the host it was asked on.
    port = free_port()
    body_path.write_bytes(b"")
    probe = Gunicorn(env, workers=1, log_path=workdir / "gunicorn-probe.log", port=port).start()
    try:
        feed = fetch(f"{probe.base_url}/summits/{YEAR}/schedule.json")
    finally:
        probe.stop()
    if feed.status == 200:
        body, content_type = feed.body, feed.headers.get("content-type", "application/json")
        print(f"ceiling: the {len(feed.body):,} bytes of schedule.json")
    else:
        body, content_type = stand_in_body(), "application/json"
        print(f"schedule.json answered {feed.status}: unavailable; the ceiling serves a stand-in of the same content "
              f"({len(body):,} bytes of JSON)")
    body_path.write_bytes(body)
    env["WIC_BENCH_CEILING_CONTENT_TYPE"] = content_type

    server = Gunicorn(env, workers=args.web_workers, worker_class=args.worker_class, threads=args.threads,
                      log_path=workdir / "gunicorn.log", port=port)
    server.start()
    cleanup.callback(server.stop)
    base = server.base_url
    ceiling = fetch(f"{base}/bench/ceiling")
    if ceiling.status != 200 or ceiling.body != body:
        raise RuntimeError(f"the ceiling view answered {ceiling.status} with {len(ceiling.body)} bytes")

    paths = {"ceiling": "/bench/ceiling", "schedule.json": f"/summits/{YEAR}/schedule.json",
             "API list": f"/api/v1/sessions/?summit={YEAR}", "agenda page": f"/en/summits/{YEAR}/agenda/"}
    targets = [(name, path, fetch(base + path), {}) for name, path in paths.items()]
    feed = targets[1][2]
    if feed.status == 200 and feed.body != body:
        print(f"note: schedule.json now has {len(feed.body):,} bytes, not the ceiling's {len(body):,}")
    etag = feed.headers.get("etag") if feed.status == 200 else None
    if etag:
        again = fetch(feed.url, headers={"If-None-Match": etag})
        if again.status == 304:
            targets.append(("schedule.json 304", paths["schedule.json"], again, {"If-None-Match": etag}))
        else:
            print(f"schedule.json with If-None-Match {etag}: answered {again.status}, not 304")
    elif feed.status == 200:
        print("schedule.json has no ETag: no conditional GET to measure")

    targets += compressed_targets(base, targets)

    measured = [target for target in targets if target[2].status in (200, 304)]
    for name, path, first, _headers in targets:
        if first.status not in (200, 304):
            print(f"{name}: unavailable, {path} answered {first.status}")
    print(f"\n{server.describe()}, production settings; wrk: {args.connections} connections, 2 threads, "
          f"{args.rounds} x {args.seconds:g} s each after {args.warmup:g} s of warm-up; load average before: "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    results = measure_in_rounds([(name, first.url, headers) for name, _path, first, headers in measured],
                                rounds=args.rounds, seconds=args.seconds, warmup=args.warmup,
                                connections=args.connections)
    print_rates([(name, len(first.body)) for name, _path, first, _headers in measured], results,
                baseline="ceiling", targets=TARGETS)
    print(f"  load average after: {os.getloadavg()[0]:.2f}")
    print_compression(measured, results)
    for name, path, first, _headers in targets:
        if first.url != base + path and first.status in (200, 304):
            print(f"  {name}: {path} redirects to {first.url.removeprefix(base)}, which was measured")
    if feed.status == 200 and targets[2][2].status == 200:
        page = json.loads(targets[2][2].body)
        print(f"  schedule.json: {len(feed.body):,} bytes, {feed.headers.get('content-type')}; API list: "
              f"{len(page.get('results', []))} sessions on the first page")
    server.stop()


CODINGS = ("gzip", "br")
COMPRESSED_TARGET = 0.9  # compressed req/s at least this share of plain: the compressed bytes come from the cache


def compressed_targets(base: str, targets: list) -> list:
    """The same answers asked for compressed, as a partner's client or a browser asks: one target per coding."""
    added = []
    for name, path, first, _headers in targets:
        if name == "ceiling" or first.status != 200:
            continue
        for coding in CODINGS:
            fetched = fetch(base + path, headers={"Accept-Encoding": coding})
            if fetched.headers.get("content-encoding") == coding:
                added.append((f"{name} {coding}", path, fetched, {"Accept-Encoding": coding}))
            else:
                print(f"{name} with Accept-Encoding {coding}: answered {fetched.status} "
                      f"{fetched.headers.get('content-encoding', 'uncompressed')}")
    return added


def print_compression(measured: list, results: dict) -> None:
    """Transfer bytes and the rate of each compressed answer beside the plain one's."""

    plain = {name: first for name, _path, first, _headers in measured}
    print(f"\ncompressed answers{'':<12}{'bytes':>10}{'÷ plain':>9}{'requests/s':>12}{'÷ plain':>9}   target")
    for name, _path, first, _headers in measured:
        base_name, _, coding = name.rpartition(" ")
        if coding not in CODINGS or base_name not in plain:
            continue
        rate = statistics.median(run.rate for run in results[name])
        plain_rate = statistics.median(run.rate for run in results[base_name])
        ratios = [run.rate / base.rate for run, base in zip(results[name], results[base_name], strict=False)
                  if base.rate]
        ratio = statistics.median(ratios) if ratios else float("nan")
        verdict = "met" if ratio >= COMPRESSED_TARGET else "MISSED"
        print(f"  {name:<28}{len(first.body):>10,}{len(first.body) / len(plain[base_name].body):>9.3f}"
              f"{rate:>12,.0f}{ratio:>9.2f}   >= {COMPRESSED_TARGET} {verdict} (plain {plain_rate:,.0f}/s, "
              f"{len(plain[base_name].body):,} bytes)")


def stand_in_body() -> bytes:
    """The summit's sessions as JSON, for a ceiling of the right size while schedule.json does not exist yet."""
    from forums.models import Session

    sessions = Session.objects.filter(forum__summit__year=YEAR).select_related("forum", "room").prefetch_related(
        "speakers").order_by("start", "pk")
    items = [{
        "guid": str(session.guid), "date": session.start.isoformat(), "room": session.room.name,
        "title": session.title, "type": session.type, "track": session.forum.title, "language": session.language,
        "abstract": "", "description": session.description,
        "persons": [{"name": speaker.name, "biography": speaker.bio} for speaker in session.speakers.all()],
    } for session in sessions]
    return json.dumps({"schedule": {"conference": {"acronym": f"wic{YEAR}", "events": items}}},
                      ensure_ascii=False).encode()


# --- Query counts ---------------------------------------------------------------------------------------------

def query_count_paths(year: int) -> dict[str, str]:
    return {
        "schedule.json": f"/summits/{year}/schedule.json",
        "schedule.xml": f"/summits/{year}/schedule.xml",
        "schedule.ics": f"/summits/{year}/schedule.ics",
        "API list, expanded": f"/api/v1/sessions/?summit={year}&expand=speakers,room,forum",
        "agenda page (en)": f"/en/summits/{year}/agenda/",
        "agenda page (zh)": f"/zh-hans/summits/{year}/agenda/?language=bilingual",
    }


def count_queries(path: str) -> tuple[int, int, int, float]:
    """(status, queries, bytes, milliseconds) of one GET with every cache empty, following redirects as a partner
    would: the cost of the first request after a change."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.http import local_renders

    cache.clear()
    local_renders.clear()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False).get(path, follow=True)
        size = len(response.content) if not response.streaming else sum(map(len, response.streaming_content))
    return response.status_code, len(queries), size, (time.perf_counter() - started) * 1000


def compare_query_counts(sizes: dict[int, int]) -> None:
    """The query count of each feed and of the expanded API list must not depend on the number of sessions."""
    from django.test.utils import setup_test_environment

    setup_test_environment()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # a 404 is printed as "unavailable"; 500s still log
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic needed for these answers
    (small_year, small_size), (large_year, large_size) = sorted(sizes.items(), key=lambda item: item[1])
    print(f"\nqueries of one request, in-process, cache cleared before each (summit {small_year}: {small_size:,} "
          f"sessions; {large_year}: {large_size:,})")
    print(f"{'':<20}{'small':>8}{'large':>8}   {'same?':<6}  bytes small / large, first render ms small / large")
    differing, unavailable = [], []
    for (name, small_path), large_path in zip(query_count_paths(small_year).items(),
                                              query_count_paths(large_year).values(), strict=True):
        small, large = count_queries(small_path), count_queries(large_path)
        if small[0] != 200 or large[0] != 200:
            print(f"{name:<20}unavailable: {small_path} answered {small[0]}, {large_path} answered {large[0]}")
            unavailable.append(name)
            continue
        if small[1] != large[1]:
            differing.append(name)
        print(f"{name:<20}{small[1]:>8}{large[1]:>8}   {'NO' if name in differing else 'yes':<6}  "
              f"{small[2]:,} / {large[2]:,}, {small[3]:,.0f} / {large[3]:,.0f} ms")
    verdict = "MISSED" if differing else f"not measured ({len(unavailable)} unavailable)" if unavailable else "met"
    print(f"target: the same query count at both sizes: {verdict}")

if __name__ == "__main__":
    main()
