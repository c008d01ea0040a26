"""What the DCAT catalog says of the graph that the store does not, in English and Vietnamese:
titles, descriptions, keywords, the provenance statement, the publisher's default name and the
EU data themes."""

from __future__ import annotations

from collections.abc import Mapping

# A text in one language, or in several: {"en": "...", "vi": "..."}.
Text = str | Mapping[str, str]

DEFAULT_TITLE = {
    "en": "Urban cooperation knowledge graph",
    "vi": "Đồ thị tri thức về hợp tác đô thị",
}
DEFAULT_DESCRIPTION = {
    "en": "Cities, countries, organisations, city networks, people and events, and the ties "
    "between them (memberships, partnerships, events hosted, organised and attended, support), "
    "extracted from news articles about urban cooperation. Every fact lists the articles that "
    "state it, with the supporting sentence.",
    "vi": "Các thành phố, quốc gia, tổ chức, mạng lưới đô thị, cá nhân và sự kiện cùng các mối "
    "quan hệ giữa chúng (thành viên, đối tác, sự kiện được đăng cai, tổ chức và tham dự, hỗ "
    "trợ), trích xuất từ các bài báo về hợp tác đô thị. Mỗi dữ kiện kèm các bài báo nêu nó và "
    "câu dẫn chứng.",
}
CATALOG_TITLE = {
    "en": "ucn open data catalogue",
    "vi": "Danh mục dữ liệu mở ucn",
}
CATALOG_DESCRIPTION = {
    "en": "Open data published by ucn: the urban cooperation knowledge graph and its exports.",
    "vi": "Dữ liệu mở do ucn công bố: đồ thị tri thức về hợp tác đô thị và các bản xuất của nó.",
}
DEFAULT_PUBLISHER = "ucn developers"
KEYWORDS = {
    "en": ("urban cooperation", "city networks", "cities", "knowledge graph", "linked data"),
    "vi": ("hợp tác đô thị", "mạng lưới đô thị", "thành phố", "đồ thị tri thức"),
}
PROVENANCE = (
    "Extracted automatically by ucn from news articles; every fact keeps its source articles "
    "and evidence sentence, and each export is checked against the ucn ontology's shapes."
)
# EU data themes: Regions and cities; International issues.
THEMES = {
    "REGI": {"en": "Regions and cities", "vi": "Vùng và đô thị"},
    "INTR": {"en": "International issues", "vi": "Vấn đề quốc tế"},
}
