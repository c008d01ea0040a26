"""Sentence splitting and date expressions in Vietnamese and English news text."""

from __future__ import annotations

import pytest

from ucn.loaders.dates import find_dates, iso_date, parse_date
from ucn.loaders.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "default_year", "iso"),
    [
        ("Ngày 22/4/2024, đoàn đến thăm.", None, "2024-04-22"),
        ("từ ngày 11-10-2005", None, "2005-10-11"),
        ("vào ngày 11 tháng 10 năm 2005", None, "2005-10-11"),
        ("hội nghị tháng 11/2018 tại Singapore", None, "2018-11"),
        ("tháng 11 năm 2018", None, "2018-11"),
        ("thành viên từ năm 2017", None, "2017"),
        ("Đại hội tại Colombo (2017)", None, "2017"),
        ("ngày 21/9, đoàn công tác", 2024, "2024-09-21"),
        ("ngày 21/9, đoàn công tác", None, "XXXX-09-21"),
        ("On April 22, 2024 the mayor", None, "2024-04-22"),
        ("on 22 April 2024", None, "2024-04-22"),
        ("in March 2019", None, "2019-03"),
        ("founded in 1987", None, "1987"),
        ("published 2024-04-24", None, "2024-04-24"),
    ],
)
def test_dates_in_text(text: str, default_year: int | None, iso: str) -> None:
    assert parse_date(text, default_year) == iso


def test_no_dates_in_plain_numbers() -> None:
    assert find_dates("hơn 160 đơn vị thành viên, 3/5 đại biểu, tỷ lệ 1.000") == []


def test_several_dates_keep_their_offsets() -> None:
    text = "Từ 2017 đến nay, sau ngày 22/4/2024 và tháng 5/2024."
    found = find_dates(text)
    assert [d.iso for d in found] == ["2024-04-22", "2024-05"]
    assert [text[d.start : d.end] for d in found] == ["22/4/2024", "tháng 5/2024"]


def test_iso_dates_are_never_padded() -> None:
    assert iso_date(2024) == "2024"
    assert iso_date(None, 9, 21) == "XXXX-09-21"
    assert iso_date(2024, 13) is None
    assert iso_date(2024, None, 5) is None


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = (
        "Ông Nguyễn Văn A - PGS.TS. kinh tế - đến TP. Hồ Chí Minh ngày 22.4.2024. "
        "Dr. J. Smith, Mayor of St. Paul, spoke! Con số là 1.000 người.\nDòng mới"
    )
    sentences = list(split_sentences(text))
    assert [s.text for s in sentences] == [
        "Ông Nguyễn Văn A - PGS.TS. kinh tế - đến TP. Hồ Chí Minh ngày 22.4.2024.",
        "Dr. J. Smith, Mayor of St. Paul, spoke!",
        "Con số là 1.000 người.",
        "Dòng mới",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_a_wrapped_paragraph_may_break_before_a_name() -> None:
    # Text wrapped at a fixed width: a line that breaks before a capitalised name goes on when a
    # newline next to it is a wrap (the next line goes on in lower case).
    text = (
        "Hue (VNA) – The Chairman of the Hue People's Committee\n"
        "Nguyen Van Phuong said the city would\n"
        "welcome more investors from Kyoto."
    )
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_caption_or_heading_stays_a_line_of_its_own() -> None:
    # No wrap beside it: a line without a full stop before a capitalised line is a heading or a
    # photo caption, not the start of the next sentence.
    text = "Hợp tác đô thị\nBuổi làm việc tại Huế\nHai bên đã ký biên bản ghi nhớ về quy hoạch."
    assert [s.text for s in split_sentences(text)] == [
        "Hợp tác đô thị",
        "Buổi làm việc tại Huế",
        "Hai bên đã ký biên bản ghi nhớ về quy hoạch.",
    ]
