"""Plain text as scraped from news sites: title, publication date, text without page furniture."""

from __future__ import annotations

import re
import unicodedata

from .article import Article, ArticleError, article_id, clean_text, detect_lang
from .dates import find_dates
from .encoding import decode_bytes

# What may surround a date on a date line: labels, weekdays, times, time zones, separators.
_DATE_LINE_NOISE = re.compile(
    r"\b(?:ngày đăng|ngày cập nhật|cập nhật|đăng lúc|đăng ngày|thời gian|date|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật|"
    r"published|posted|updated|last updated|on|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?|gmt\s*[+-]?\s*\d*|utc\s*[+-]?\s*\d*|ict)\b",
    re.I,
)
MAX_DATE_LINE = 80
# A source line of a saved page ("Source: https://...", "Nguồn: https://..."): the page's address.
SOURCE_LINE = re.compile(r"(?:source|nguồn|url)\s*:\s*(?P<url>https?://\S+)", re.I)
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_FURNITURE = re.compile(
    r"^(?:"
    r"(?:lượt xem|số lượt xem|lượt đọc|views?)\s*:?\s*[\d.,]+.*"
    r"|.*\|\s*chia sẻ\s*:\s*\d+.*|chia sẻ\s*:\s*\d*.*"
    r"|loading\s*\.*|đang tải\s*\.*"
    r"|(?:điện thoại|đt|tel|phone|fax|hotline)\b\s*[:.]?.*"
    r"|.*\bhotline\b.*"
    r"|comments are closed\.?"
    r"|đánh giá(?: bài viết)?\s*:?|bình chọn\s*:?|(?:\d\s*){5}|\(di chuột vào ngôi sao.*\)"
    r"|tìm theo ngày\s*:?|từ viết tắt\s+xem với cỡ chữ|in bài viết|quay lại|về đầu trang"
    r"|\(?ảnh(?: minh họa| minh hoạ)?\)?\.?|\(?ảnh\s*(?:minh họa|minh hoạ)?\s*:.*\)?"
    r")$",
    re.I,
)
# A heading after which only links to other articles follow.
_TAIL = re.compile(
    r"^(?:tin có liên quan|tin liên quan|bài liên quan|tin cùng chuyên mục|tin khác|xem thêm|"
    r"bạn cũng có thể thích|có thể bạn quan tâm|related(?: articles| news| posts)?)\s*:?$",
    re.I,
)
MAX_PHONE_LINE = 120  # a longer line that mentions a hotline is a paragraph, not furniture
MAX_CAPTION_LINE = 60  # "Ảnh: ..." lines longer than this are kept
MIN_LINE = 3  # shorter lines ("4x", "|") are image or layout debris


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that is only a date ("Thứ năm, 16/07/2020 12:12"), else None."""
    line = " ".join(line.split())
    if len(line) > MAX_DATE_LINE:
        return None
    for found in find_dates(line):
        if FULL_DATE.fullmatch(found.iso):
            rest = _DATE_LINE_NOISE.sub(" ", line[: found.start] + " " + line[found.end :])
            return found.iso if not any(c.isalnum() for c in rest) else None
    return None


def is_furniture(line: str) -> bool:
    """True for page furniture: counters, phone lines, rating widgets, caption and layout debris."""
    line = " ".join(line.split())
    if len(line) < MIN_LINE:
        return True
    if not _FURNITURE.match(line):
        return False
    lowered = line.lower()
    if "hotline" in lowered or lowered.startswith(("điện thoại", "đt", "tel", "phone", "fax")):
        return len(line) <= MAX_PHONE_LINE
    if lowered.lstrip("(").startswith("ảnh"):
        return len(line) <= MAX_CAPTION_LINE
    return True


def read_page(text: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """Title, publication date, address (from a source line) and kept paragraphs of a page."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    title: str | None = None
    date: str | None = None
    url: str | None = None
    kept: list[str] = []
    for line in lines:
        if not line:
            continue
        if _TAIL.match(line):
            break
        source = SOURCE_LINE.fullmatch(line)
        if source and url is None:
            url = source["url"]
            continue
        line_date = parse_date_line(line)
        if line_date:
            date = date or line_date
            continue
        if is_furniture(line):
            continue
        if title is None:
            title = line
        elif line != title:  # the title repeated as an image caption
            kept.append(line)
    return title, date, url, kept


def read_text(data: str | bytes, source: str) -> Article:
    """Read one article from scraped plain text; `ArticleError` when no text is left."""
    text = decode_bytes(data) if isinstance(data, bytes) else unicodedata.normalize("NFC", data)
    title, date, url, paragraphs = read_page(clean_text(text))
    if title is None:
        raise ArticleError(source, "no article text")
    body = "\n".join(paragraphs) if paragraphs else title
    return Article(
        id=article_id(None, body),
        url=url,
        title=title,
        date=date,
        lang=detect_lang(f"{title}\n{body}"),
        text=body,
        source=source,
    )
