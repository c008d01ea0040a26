"""Dates written in Vietnamese and English news text, as ISO 8601 with reduced precision.

"ngày 22/4/2024" -> 2024-04-22, "tháng 11/2018" -> 2018-11, "năm 2017" -> 2017,
"ngày 21/9" -> 2024-09-21 when the article is from 2024 (else XXXX-09-21, as in EDTF),
"April 22, 2024" -> 2024-04-22. Nothing unknown is padded: "2024" stays "2024".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mname>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SEP = r"[/.\-]"

# Most specific first; each yields named groups among day, month, mname, year.
_PATTERNS = [
    # 22/4/2024, ngày 22-04-2024, 22.4.2024
    rf"(?<![\d/.\-])(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})(?![\d/])",
    # 2024-04-22, 2024/04/22
    r"(?<![\d/.\-])(?P<year>\d{4})([/-])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d/-])",
    # ngày 11 tháng 10 năm 2005, ngày 11 tháng 10
    r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s*(?:năm|,)\s*(?P<year>\d{4}))?",
    # tháng 11/2018, tháng 11 năm 2018, tháng 11-2018
    r"tháng\s+(?P<month>\d{1,2})(?:\s*(?:/|-|năm)\s*(?P<year>\d{4}))",
    # ngày 21/9, sáng 11-7, tối qua 1.7 (the year comes from the article)
    r"(?:ngày|sáng|chiều|trưa|tối|đêm|hôm|từ)\s+(?:(?:qua|nay|mai|ngày)\s+)?"
    r"(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})(?![\d/\-]|\.\d)",
    # 22 April 2024, 22 Apr. 2024
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*(?P<year>\d{{4}})\b",
    # April 22, 2024 / April 22
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<year>\d{{4}}))?",
    # April 2024
    rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b",
    # năm 2017, in 2017, (2017)
    r"(?:\bnăm\s+|\bin\s+|\bsince\s+|\()(?P<year>(?:19|20)\d{2})\b",
]
_DIGIT = re.compile(r"\d")  # every pattern but the relative days needs one
_COMPILED = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    iso: str


def iso_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 with reduced precision; XXXX for an unknown year; None if impossible."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= 31):
        return None
    if year is not None and not 1000 <= year <= 2999:
        return None
    if year is not None and month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    out = f"{year:04d}" if year is not None else "XXXX"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def year_of(iso: str | None) -> int | None:
    """The year of an ISO date, if known."""
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


# Days named relative to the article's date: weekdays ("Thursday", "thứ Năm", "thứ 5") are the
# last such day on or before it; "yesterday"/"hôm qua" the day before, "today"/"hôm nay" the day.
_WEEKDAYS = {
    **{d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday"))},
    "saturday": 5,
    "sunday": 6,
    **{f"thứ {n}": i for i, n in enumerate(("hai", "ba", "tư", "năm", "sáu", "bảy"))},
    **{f"thứ {n}": i for i, n in enumerate(range(2, 8))},
    "chủ nhật": 6,
}
_RELATIVE = {"yesterday": 1, "hôm qua": 1, "tối qua": 1, "today": 0, "hôm nay": 0}
_RELATIVE_DAY = re.compile(
    # "lần thứ 3", "khóa thứ 5": an ordinal, not a weekday
    r"(?<!lần )(?<!kỳ )(?<!khóa )(?<!khoá )(?<!phiên )(?<!đợt )(?<!hạng )(?<!vị )(?<!Lần )"
    r"(?<![\w])(?P<day>"
    + "|".join(sorted((*_WEEKDAYS, *_RELATIVE), key=len, reverse=True))
    + r")(?![\w])(?!\s*,?\s*(?:ngày\s+)?\d)",
    re.IGNORECASE,
)


def _relative_dates(text: str, today: str | None) -> list[DateMention]:
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        day = None
    if day is None:
        return []
    found = []
    for m in _RELATIVE_DAY.finditer(text):
        name = m["day"].casefold()
        if name in _RELATIVE:
            when = day - dt.timedelta(days=_RELATIVE[name])
        else:
            when = day - dt.timedelta(days=(day.weekday() - _WEEKDAYS[name]) % 7)
        found.append(DateMention(m.start(), m.end(), when.isoformat()))
    return found


def find_dates(
    text: str, default_year: int | None = None, today: str | None = None
) -> list[DateMention]:
    """Non-overlapping date expressions in `text`, in order; a missing year is
    `default_year` (the article's), else XXXX. With `today` (the article's full date),
    weekdays and "yesterday" count too."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in _COMPILED if _DIGIT.search(text) else ():
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = m.groupdict()
            month = MONTHS.get((groups.get("mname") or "").lower().rstrip("."))
            if groups.get("month"):
                month = int(groups["month"])
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else default_year
            iso = iso_date(year, month, day)
            if iso is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, iso))
    for relative in _relative_dates(text, today):
        if not any(relative.start < e and s < relative.end for s, e in taken):
            found.append(relative)
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in `text`, as ISO 8601, or None."""
    dates = find_dates(text, default_year)
    return dates[0].iso if dates else None
