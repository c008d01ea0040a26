"""A seeded synthetic corpus of plain-text news articles (3-8 KB, mostly Vietnamese, some English)
for the extraction benchmark, and copies of real articles in its place."""

from __future__ import annotations

import random
import sys
from pathlib import Path

MIN_BYTES, MAX_BYTES = 3 * 1024, 8 * 1024
EN_SHARE = 0.2

# -- vocabulary -------------------------------------------------------------------------------
# Vietnamese spellings (as Vietnamese news writes them) and English ones, per city.
CITIES = (
    ("Đà Nẵng", "Da Nang"),
    ("Hà Nội", "Hanoi"),
    ("TP Hồ Chí Minh", "Ho Chi Minh City"),
    ("Huế", "Hue"),
    ("Hải Phòng", "Hai Phong"),
    ("Cần Thơ", "Can Tho"),
    ("Bangkok", "Bangkok"),
    ("Seoul", "Seoul"),
    ("Yokohama", "Yokohama"),
    ("Kuala Lumpur", "Kuala Lumpur"),
    ("Jakarta", "Jakarta"),
    ("Manila", "Manila"),
    ("Phnom Penh", "Phnom Penh"),
    ("Colombo", "Colombo"),
)
VN_CITIES = CITIES[:6]
NETWORKS = (
    "CityNet",
    "ASEAN Smart Cities Network",
    "C40",
    "ICLEI",
    "UCLG ASPAC",
    "Metropolis",
    "UNESCO Creative Cities Network",
)
INTERNATIONAL = (
    "UN-Habitat",
    "World Bank",
    "Asian Development Bank",
    "UNESCAP",
    "UNDP",
    "JICA",
    "KOICA",
    "GIZ",
    "Global Green Growth Institute",
)
# Vietnamese organisations: a head and what it is about (the city is appended to some).
ORG_VI = (
    "Học viện Cán bộ",
    "Học viện Hành chính",
    "Viện Nghiên cứu Phát triển",
    "Viện Quy hoạch Đô thị",
    "Trường Đại học Kiến trúc",
    "Sở Ngoại vụ",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Trung tâm Xúc tiến Đầu tư",
    "Hiệp hội Doanh nghiệp",
)
ORG_EN = (
    "Asian Institute of Technology",
    "Korea Research Institute for Human Settlements",
    "Urban Development Agency of Thailand",
    "Vietnam Academy of Social Sciences",
    "Seoul Institute",
    "Yokohama Urban Solutions Association",
    "Centre for Urban Resilience",
)
EVENTS_VI = (
    "Hội nghị Ban Chấp hành {network} lần thứ {n}",
    "Đại hội {network} lần thứ {n}",
    "Hội thảo quốc tế về đô thị thông minh và bền vững",
    "Diễn đàn Đô thị Việt Nam {year}",
    "Khóa đào tạo về quản lý chất thải rắn đô thị",
    "Hội nghị thượng đỉnh các thành phố ASEAN",
    "Tọa đàm về phát triển giao thông công cộng",
)
EVENTS_EN = (
    "{network} Congress {year}",
    "Asia-Pacific Urban Forum",
    "Smart Cities Summit {year}",
    "Workshop on Climate Resilient Infrastructure",
    "Conference on Urban Heritage",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Đức", "Ngọc")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc")
EN_PEOPLE = (
    "Kim Min-jun",
    "Somchai Wongsawat",
    "Maria Santos",
    "Hiroshi Tanaka",
    "Siti Rahman",
    "Daniel Weber",
    "Park Ji-hoon",
    "Ananya Perera",
)
TITLES_VI = (
    "Chủ tịch UBND TP {city}",
    "Phó Chủ tịch UBND TP {city}",
    "Giám đốc {org}",
    "Phó Giám đốc {org}",
    "Viện trưởng {org}",
)
TITLES_EN = ("Director of {org}", "Mayor of {city}", "Secretary General of {network}")

# -- sentence templates (our own) -------------------------------------------------------------
VI_SENTENCES = (
    "Ngày {day}/{month}/{year}, {title} {person} đã tiếp đoàn công tác của {org2} do "
    "{honor} {person2} dẫn đầu.",
    "{city} chính thức trở thành thành viên của {network} từ năm {year}.",
    "{org} là thành viên liên kết của {network} kể từ năm {year}.",
    "Tại {event}, đại diện {org} đã chia sẻ kinh nghiệm của {city} về quản lý giao thông công "
    "cộng và chống ngập.",
    "{event} do {network} phối hợp với UBND TP {city} tổ chức, có sự tham gia của hơn {n} đại "
    "biểu đến từ {city2}, {city3} và {intl}.",
    "Với sự hỗ trợ của {intl}, {org} đã triển khai dự án thí điểm về thoát nước đô thị bền vững.",
    "Hai bên đã ký kết biên bản ghi nhớ hợp tác giữa {org} và {org2} trong lĩnh vực đào tạo "
    "nguồn nhân lực.",
    "{honor} {person}, {title}, cho biết thành phố sẽ tiếp tục mở rộng quan hệ với các đối tác "
    "quốc tế trong giai đoạn {year}-{year2}.",
    "{network} được thành lập năm {founded} tại {city} và hiện có hơn {n} thành viên.",
    "Đoàn đại biểu {city} đã có chuyến thăm và làm việc tại {city2} vào tháng {month}/{year}.",
    "{city} đăng cai {event} vào năm {year}, thu hút nhiều chuyên gia về quy hoạch đô thị.",
    "{city} và {city2} đã kết nghĩa từ năm {founded} và duy trì trao đổi đoàn hằng năm.",
    "{title} {person} đã chủ trì buổi làm việc với đoàn của {intl} về chương trình nâng cấp "
    "đô thị.",
    "Theo {honor} {person}, {title}, mạng lưới {network} là kênh quan trọng để {city} tiếp cận "
    "nguồn vốn và công nghệ.",
)
VI_FILLER = (
    "Các đại biểu cũng thảo luận về giải pháp ứng phó với biến đổi khí hậu, giảm ngập úng và "
    "phát triển không gian xanh.",
    "Nhiều ý kiến cho rằng chuyển đổi số là điều kiện cần để nâng cao chất lượng dịch vụ công "
    "cho người dân.",
    "Trong thời gian tới, hai bên sẽ trao đổi thông tin định kỳ và xây dựng kế hoạch hành động "
    "cụ thể.",
    "Dự án dự kiến hoàn thành vào cuối năm nay với tổng vốn đầu tư khoảng {n} tỷ đồng.",
    "Buổi làm việc diễn ra trong không khí cởi mở, thân thiện và đạt được nhiều kết quả thiết "
    "thực.",
    "Lãnh đạo thành phố đánh giá cao những đóng góp của các chuyên gia trong suốt {n} năm qua.",
)
EN_SENTENCES = (
    "{city} joined {network} as a full member in {year}, the city government said.",
    "The {event} was organised by {network} and attended by delegates from {city}, {city2} "
    "and {intl}.",
    "Mayor {person} of {city} hosted a delegation from the {org} on {month}/{day}/{year}.",
    "With support from {intl}, the {org} launched a training programme on flood risk.",
    "{city} and {city2} signed a memorandum of understanding on heritage conservation.",
    "Dr. {person}, {title}, said the partnership would focus on data-driven planning.",
    "{network} was founded in {founded} in {city} and now counts more than {n} members.",
    "A delegation from {city} paid a working visit to {city2} in {year}.",
    "{city} will host the {event} next year, according to {network}.",
)
EN_FILLER = (
    "Officials also discussed public transport, waste management and green spaces in the "
    "growing city.",
    "The project is expected to be completed by the end of the year at a cost of about {n} "
    "million dollars.",
    "Participants agreed to exchange data on air quality and to meet again within {n} months.",
    "The programme has trained more than {n} local officials since it began.",
)


def _person_vi(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _org_vi(rng: random.Random, city: str) -> str:
    head = rng.choice(ORG_VI)
    return (
        f"{head} {city}"
        if rng.random() < 0.6
        else f"{head} {rng.choice(('Miền Trung', 'Quốc gia', 'Phương Nam'))}"
    )


def _fill(rng: random.Random, template: str, en: bool, serial: int) -> str:
    """One sentence from `template`, its slots filled at random."""
    cities = rng.sample(CITIES, 3)
    pick = 1 if en else 0
    city, city2, city3 = (c[pick] for c in cities)
    network = rng.choice(NETWORKS)
    year = rng.randint(2005, 2024)
    if en:
        org, org2 = rng.sample(ORG_EN, 2)
        person, person2 = rng.sample(EN_PEOPLE, 2)
        title = rng.choice(TITLES_EN).format(org=org, city=city, network=network)
        event = rng.choice(EVENTS_EN).format(network=network, year=year)
    else:
        city = rng.choice(VN_CITIES)[0] if rng.random() < 0.6 else city
        org, org2 = _org_vi(rng, city), _org_vi(rng, city2)
        person, person2 = _person_vi(rng), _person_vi(rng)
        title = rng.choice(TITLES_VI).format(org=org, city=city)
        event = rng.choice(EVENTS_VI).format(network=network, n=rng.randint(2, 40), year=year)
    return template.format(
        city=city,
        city2=city2,
        city3=city3,
        network=network,
        intl=rng.choice(INTERNATIONAL),
        org=org,
        org2=org2,
        person=person,
        person2=person2,
        honor=rng.choice(("Ông", "Bà") if not en else ("Mr.", "Ms.")),
        title=title,
        event=event,
        year=year,
        year2=year + rng.randint(1, 5),
        founded=rng.randint(1980, 2015),
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        n=rng.randint(3, 400) + serial % 7,
    )


def make_article(rng: random.Random, serial: int) -> str:
    """The text of one article: title, date line, paragraphs of 3 to 5 sentences."""
    en = rng.random() < EN_SHARE
    sentences, filler = (EN_SENTENCES, EN_FILLER) if en else (VI_SENTENCES, VI_FILLER)
    target = rng.randint(MIN_BYTES, MAX_BYTES - 400)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    hour, minute = rng.randint(1, 12), rng.choice((0, 15, 30, 45))
    if en:
        title = f"{rng.choice(CITIES)[1]} deepens urban cooperation with {rng.choice(NETWORKS)}"
        head = [title, f"Published {day:02d}/{month:02d}/{year} {hour}:{minute:02d} AM"]
        head.append(f"Bulletin no. {serial}: news from the cities of the region.")
    else:
        title = f"{rng.choice(CITIES)[0]} tăng cường hợp tác đô thị với {rng.choice(NETWORKS)}"
        head = [title, f"Ngày đăng {day:02d}/{month:02d}/{year} | {hour}:{minute:02d} AM"]
        head.append(f"Bản tin số {serial}: tin tức về hợp tác giữa các đô thị trong khu vực.")
    paragraphs: list[str] = []
    size = len("\n\n".join(head).encode("utf-8"))
    while size < target:
        count = rng.randint(3, 5)
        picked = [
            _fill(rng, rng.choice(filler if rng.random() < 0.35 else sentences), en, serial)
            for _ in range(count)
        ]
        paragraph = " ".join(picked)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join([*head, *paragraphs]) + "\n"


def copy_real(folder: Path, articles: int, real: Path) -> list[int]:
    """`articles` text files in `folder`, copies of the real articles in `real` (round robin;
    each copy gets a line of its own so that every copy is an article of its own)."""
    sources = sorted(p for p in real.rglob("*.txt") if p.name != "SOURCES.md")
    if not sources:
        sys.exit(f"{real}: no .txt articles")
    folder.mkdir(parents=True, exist_ok=True)
    sizes = []
    for i in range(articles):
        data = sources[i % len(sources)].read_bytes() + f"\n(copy {i})\n".encode()
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        sizes.append(len(data))
    return sizes


def write_corpus(folder: Path, articles: int, seed: int) -> list[int]:
    """`articles` text files in `folder` (the same for a seed); their sizes in bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = []
    for i in range(articles):
        data = make_article(rng, i).encode("utf-8")
        # Trim to the byte budget at a sentence end, should a long paragraph overshoot it.
        while len(data) > MAX_BYTES:
            data = data[: data.rindex(b". ", 0, MAX_BYTES)] + b".\n"
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        sizes.append(len(data))
    return sizes
