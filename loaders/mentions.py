"""Entity mentions in a sentence: gazetteer names, and names found by their shape.

Shapes: Vietnamese and English organisation heads ("Học viện ...", "Viện ...", "Ministry of
..."), people after titles and honorifics ("Ông ...", "TS. ...", "Mayor ..."), places after
"TP", "thành phố", "tỉnh". A people's committee ("UBND TP Đà Nẵng") acts for its city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .gazetteer import Gazetteer

# A word that starts with a capital letter (Vietnamese letters included), hyphens allowed.
# Upper-case letters of Latin and Vietnamese script (the ranges hold lower case letters too).
_UPPER = "".join(chr(c) for c in range(0x41, 0x1EFA) if chr(c).isupper())
_CAP = rf"[{_UPPER}][\w]*(?:-[\w]+)*"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{1,4}}"

PERSON_TITLES = (
    "Ông",
    "ông",
    "Bà",
    "bà",
    "Ngài",
    "ngài",
    "TS.",
    "TS",
    "ThS.",
    "ThS",
    "PGS.TS.",
    "PGS.TS",
    "GS.TS.",
    "GS.TS",
    "PGS.",
    "GS.",
    "KTS.",
    "Mr.",
    "Mr",
    "Mrs.",
    "Ms.",
    "Ms",
    "Dr.",
    "Dr",
    "Prof.",
    "Mayor",
    "President",
    "Minister",
    "Ambassador",
    "Governor",
)
_TITLE_RE = "|".join(re.escape(t) for t in sorted(PERSON_TITLES, key=len, reverse=True))
PERSON = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[(\"“,]))(?:{_TITLE_RE})\s+(?P<name>{_NAME})")

# Vietnamese family names: a run of capitalised syllables that starts with one is a person's name
# even without a title ("Chủ tịch UBND TP Huế Nguyễn Văn Phương").
FAMILY_NAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
    "Lâm",
    "Trương",
    "Mai",
    "Tô",
    "Cao",
    "Quách",
    "Lưu",
    "Thái",
    "Tạ",
    "Châu",
    "Kiều",
    "Vương",
    "Trịnh",
    "Đoàn",
    "Lương",
    "Tăng",
    "Phùng",
    "Chu",
    "Doãn",
    "Lại",
    "Triệu",
    "Thân",
    "Hứa",
    "Khúc",
    "Giang",
    "Nghiêm",
    "Tôn",
    "Âu",
)
_SYLLABLE = rf"[{_UPPER}][^\W\d_{_UPPER}]+"
VIETNAMESE_NAME = re.compile(
    rf"(?<![\w])(?:{'|'.join(FAMILY_NAMES)})(?:\s+{_SYLLABLE}){{1,3}}(?![\w])"
)

NOT_PEOPLE = frozenset({"Thái Bình Dương", "Châu Á", "Đông Nam Á"})

ORG_HEADS_VI = (
    "Học viện",
    "Phân viện",
    "Viện",
    "Trường Đại học",
    "Đại học",
    "Bộ",
    "Sở",
    "Ban",
    "Cục",
    "Tổng cục",
    "Trung tâm",
    "Cơ quan",
    "Ngân hàng",
    "Hiệp hội",
    "Tập đoàn",
    "Công ty",
    "Tổng công ty",
    "Đại sứ quán",
    "Tổng Lãnh sự quán",
    "Liên hiệp",
    "Hội",
    "Quỹ",
    "Văn phòng",
    "Ủy ban",
    "Uỷ ban",
    "Hội đồng",
    "Tổ chức",
    "Cảng vụ",
    "Thành ủy",
    "Tỉnh ủy",
)
# Words that end a Vietnamese organisation name when they follow it.
_STOP_VI = (
    "đã|đang|sẽ|đến|tới|cùng|với|và các|cho|là|được|có|trong|ngày|nhằm|để|do|từ|vào|theo|về|"
    "tổ chức|phối hợp|tham dự|tham gia|làm việc|tiếp|gồm|như|cũng|nay|này|khi|nơi|thăm|của|"
    "tại|trên|bên|ký kết|sáng|chiều|tối|hôm|đón|dẫn đầu|chủ trì"
)
_ORG_WORD = r"(?:[&\w]+(?:-[\w]+)*)"
_ORG_HEAD_RE = "|".join(sorted(ORG_HEADS_VI, key=len, reverse=True))
ORG_VI = re.compile(
    rf"(?<![\w])(?P<head>{_ORG_HEAD_RE})"
    # "và" ends a name when another name follows ("Ngân hàng X và Viện Y") or when it comes
    # first ("Học viện và đại diện ..."): a bare head is a back-reference, not a name.
    rf"(?P<rest>(?!\s+và\b)(?:\s+(?!(?:{_STOP_VI})\b)(?!và\s+(?:{_ORG_HEAD_RE})\b)"
    rf"{_ORG_WORD}){{1,12}})"
)
ORG_EN = re.compile(
    rf"(?P<name>(?:{_CAP}\s+){{0,4}}(?:University|Institute|Academy|Agency|Association|Bank|"
    rf"Foundation|Council|Centre|Center|Corporation|Company|Embassy)(?:\s+(?:of|for)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,5}})?"
    rf"|(?:Ministry|Department|Office|Embassy)\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,5}})"
)
# Bodies that act for the place or network they name: "UBND TP Đà Nẵng" for Đà Nẵng, "Ban Thư
# ký CityNet" for CityNet.
COMMITTEE = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|Thành ủy|Tỉnh ủy|"
    r"Ban Thư ký|Văn phòng|[Tt]hư ký|Secretariat of)"
    r"\s+(?:(?:TP\.?|thành phố|Thành phố|tỉnh|Tỉnh|the)\s+)?"
)
# A head word alone ("về phía Học viện", "Thành phố rất mong") refers back to the last name
# with that head.
BACKREF_HEADS = (
    "Học viện",
    "Phân viện",
    "Viện",
    "Trường",
    "Hiệp hội",
    "Trung tâm",
    "Mạng lưới",
    "Thành phố",
    "thành phố",
    "TP",
)
BACKREF = re.compile(
    rf"(?<![\w])(?P<head>{'|'.join(sorted(BACKREF_HEADS, key=len, reverse=True))})"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:và|có|đã|đang|sẽ|cũng|rất|với|là|được|trong|tại|cho|nói|đề nghị)\b)"
)
EVENT_HEADS = (
    "Lễ khánh thành",
    "lễ khánh thành",
    "Lễ kỷ niệm",
    "lễ kỷ niệm",
    "lễ ký kết",
    "lễ ký",
    "Lễ trao",
    "lễ trao",
    "Chuyến thăm",
    "chuyến thăm",
    "Hội đàm",
    "Hội kiến",
    "Buổi làm việc",
    "triển lãm",
    "Cuộc họp",
    "Hội nghị",
    "Hội thảo",
    "Đại hội",
    "Diễn đàn",
    "Tọa đàm",
    "Toạ đàm",
    "Lễ ký kết",
    "Lễ ký",
    "Lễ trao",
    "Khóa đào tạo",
    "Khoá đào tạo",
    "Khóa học",
    "Triển lãm",
    "Lễ hội",
    "Hội chợ",
    "Chương trình",
    "Giải thưởng",
    "Hội nghị thượng đỉnh",
    "Phiên họp",
    "Kỳ họp",
    "Conference",
    "Forum",
    "Workshop",
    "Congress",
    "Summit",
    "Meeting",
    "Festival",
    "Seminar",
)
_EVENT_HEAD_RE = "|".join(re.escape(h) for h in sorted(EVENT_HEADS, key=len, reverse=True))
EVENT = re.compile(
    rf"(?<![\w])(?P<head>{_EVENT_HEAD_RE})"
    rf"(?P<rest>(?:\s+(?!(?:{_STOP_VI}|tại|ở)\b)[\w“”\"&-]+){{0,10}})",
)
ACRONYM_AFTER = re.compile(r"\s*\((?:[^()/]*/)?(?P<acro>[A-Z][A-Za-z0-9&.-]{1,11})\)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    name: str
    key: str | None = None  # gazetteer id, when the gazetteer knows it
    kind: str | None = None
    acronym: str | None = None
    backref: bool = False  # a bare head word naming the last entity with that head


def _trim_org(head: str, rest: str) -> str:
    words = rest.split()
    # An organisation name rarely ends in a lower-case function word.
    while words and words[-1] in {"và", "các", "những", "một", "thì", "mà", "ở", "vì"}:
        words.pop()
    return " ".join([head, *words])


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions in `text`, longest first where they overlap, in text order."""
    found: list[Mention] = []
    for match in gazetteer.find(text):
        entry = match.entry
        committee = None
        for m in COMMITTEE.finditer(text, max(0, match.start - 40), match.start):
            if m.end() == match.start:
                committee = m
        start = committee.start() if committee else match.start
        found.append(Mention(start, match.end, entry.type, entry.name, entry.id, entry.kind))
    for m in PERSON.finditer(text):
        found.append(Mention(m.start("name"), m.end("name"), "Person", m["name"]))
    for m in VIETNAMESE_NAME.finditer(text):
        # "Thái Bình Dương" (the Pacific) and "Hà Nam" are places, not people.
        if not any(g.start == 0 for g in gazetteer.find(m.group(0))) and m.group(0) not in (
            NOT_PEOPLE
        ):
            found.append(Mention(m.start(), m.end(), "Person", m.group(0)))
    for m in ORG_VI.finditer(text):
        name = _trim_org(m["head"], m["rest"])
        found.append(Mention(m.start(), m.start() + len(name), "Organization", name))
    for m in ORG_EN.finditer(text):
        found.append(Mention(m.start(), m.end(), "Organization", m["name"]))
    for m in BACKREF.finditer(text):
        head = m["head"]
        kind = "City" if head.lower() in ("thành phố", "tp") else "Organization"
        if head == "Mạng lưới":
            kind = "Network"
        found.append(Mention(m.start(), m.end(), kind, head, backref=True))
    events = find_events(text)
    # A shaped name inside an event's name belongs to the event ("Cuộc họp Ban Chấp hành").
    found = [m for m in found if m.key or not any(e.start <= m.start < e.end for e in events)]
    chosen = _longest_first(found)
    return [_with_acronym(text, mention) for mention in chosen]


def find_events(text: str) -> list[Mention]:
    """Event phrases: a head ("Hội thảo", "Cuộc họp", "Conference") and what follows it."""
    events = []
    for m in EVENT.finditer(text):
        name = _trim_org(m["head"], m["rest"]).strip('“”"')
        events.append(Mention(m.start(), m.start() + len(name), "Event", name))
    return events


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside longer ones; a gazetteer name inside a shaped organisation name
    (the "Hàn Quốc" of "Viện Giao thông Vận tải Hàn Quốc") belongs to the organisation."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda x: (-(x.end - x.start), x.key is None)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda x: x.start)


def _with_acronym(text: str, mention: Mention) -> Mention:
    m = ACRONYM_AFTER.match(text, mention.end)
    if not m or mention.type not in ("Organization", "Network"):
        return mention
    return replace(mention, acronym=m["acro"])
