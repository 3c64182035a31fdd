"""A few PDF documents in the style of leaked internal papers: text pages and scanned-image pages.

Each document mentions fictional people (drawn from the corpus), fictional officials with real-sounding
posts, and facilities. Every page carries the fictional notice in its header, on scanned pages inside
the image too. Pages are in Chinese with English headings, so the CJK font WenQuanYi Zen Hei (Debian
`fonts-wqy-zenhei`, installed by `scripts/setup`) is required: one fixed font keeps the bytes identical
on every machine, so there is no fallback.

`truth-documents.csv` says which person each document page mentions (`file,page,person`).
"""

from __future__ import annotations

import csv
import io
import logging
import random
from datetime import UTC, date, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pypinyin import lazy_pinyin

from rollcall.errors import RollcallError
from rollcall.generate import facts
from rollcall.generate.notice import NOTICE, NOTICE_ZH
from rollcall.generate.people import Person

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
DOCUMENTS_TRUTH_FILE = "truth-documents.csv"
_FIXED_DATE = datetime(2020, 1, 1, tzinfo=UTC)
# fontTools warns that the font's bitmap strikes cannot be subset (they are dropped; outlines are kept).
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
_PER_PAGE = 18

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林"
_GIVEN_CHARS = "建国伟军志明海东强平文华春晓红林峰涛"
_POSTS = [("县委副书记", "deputy county party secretary"), ("县公安局局长", "county police chief"),
          ("县政法委书记", "county political-legal committee secretary"),
          ("教培中心主任", "director of the training centre"), ("县司法局局长", "county justice bureau chief")]


def require_font() -> None:
    """Stop with a clear message when the CJK font the PDF pages need is not installed."""
    if not FONT_PATH.is_file():
        raise RollcallError(
            f"the PDF documents need the CJK font WenQuanYi Zen Hei ({FONT_PATH}), which is missing: run "
            "`bash scripts/setup` or `apt-get install fonts-wqy-zenhei` (or generate with --no-pdfs)")


def _official(rng: random.Random) -> tuple[str, str, str, str]:
    """A fictional official: (Chinese name, pinyin name, post in Chinese, post in English)."""
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
    syllables = lazy_pinyin(name)
    latin = f"{syllables[0].title()} {''.join(syllables[1:]).title()}"
    post = rng.choice(_POSTS)
    return name, latin, post[0], post[1]


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_creation_date(_FIXED_DATE)
        self.set_producer("Rollcall generator (fictional data)")
        self.set_title(NOTICE)
        self.add_font("wqy", fname=str(FONT_PATH), collection_font_number=0)
        self.set_auto_page_break(True, margin=18)

    def header(self) -> None:
        self.set_font("wqy", size=8)
        self.set_text_color(160, 0, 0)
        self.cell(0, 5, NOTICE_ZH, new_x="LMARGIN", new_y="NEXT", align="C")
        self.set_text_color(0, 0, 0)
        self.ln(3)

    def para(self, text: str, size: int = 11, height: float = 6.5) -> None:
        self.set_font("wqy", size=size)
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def _name(p: Person) -> str:
    return f"{p.given_hanzi}·{p.father_hanzi}"


def _scan(lines: list[str], rng: random.Random) -> Image.Image:
    """A page as a photocopy of a printed list: text on paper, a slight skew and specks."""
    width, height = 1240, 1754  # A4 at 150 dpi
    page = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(page)
    small = ImageFont.truetype(str(FONT_PATH), 18, index=0)
    body = ImageFont.truetype(str(FONT_PATH), 30, index=0)
    draw.text((80, 50), NOTICE_ZH, font=small, fill=60)
    y = 120
    for line in lines:
        draw.text((110, y), line, font=body, fill=rng.randint(10, 50))
        y += 52
    for _ in range(900):
        x, yy = rng.randrange(width), rng.randrange(height)
        draw.point((x, yy), fill=rng.randint(90, 200))
    return page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=246)


def _add_scan(pdf: _Document, lines: list[str], rng: random.Random) -> None:
    pdf.add_page()
    buf = io.BytesIO()
    _scan(lines, rng).save(buf, format="JPEG", quality=70)
    buf.seek(0)
    pdf.image(buf, x=10, y=pdf.get_y(), w=190)


def _person_line(p: Person, extra: str) -> str:
    return f"{_name(p)}  {p.id_number}  {p.county.name_zh}  {extra}"


def _transfer_notice(pdf: _Document, people: list[Person], rng: random.Random, mentions: list) -> None:
    official, latin, post_zh, post_en = _official(rng)
    camp = people[0].episodes[0].facility if people else facts.Facility("职业技能教育培训中心", "the training centre")
    pdf.add_page()
    pdf.para("关于将部分学员移交监狱服刑的通知", size=16, height=10)
    pdf.para("Notice on transferring trainees to prison to serve their sentences", size=12)
    pdf.para(f"经研究决定，将{camp.zh}等教培中心以下{len(people)}名学员依法判处有期徒刑，移交监狱服刑。"
             f"各单位须于接到通知后十日内完成交接。")
    pdf.para(f"It has been decided that the following {len(people)} trainees of the {camp.en} and other centres "
             "are sentenced and transferred to prison. Handover within ten days of this notice.")
    pdf.para(f"批准人：{post_zh} {official}    Approved by {post_en} {latin}")
    mentions.append((pdf.page_no(), None))
    for start in range(0, len(people), _PER_PAGE):
        chunk = people[start:start + _PER_PAGE]
        pdf.add_page()
        pdf.para("移交人员名单 / List of persons transferred", size=13)
        for p in chunk:
            prison = next((ep for ep in p.episodes if ep.kind == "prison"), None)
            extra = f"→ {prison.facility.zh} {prison.sentence_years or '?'}年" if prison else ""
            pdf.para(_person_line(p, extra), size=10, height=5.5)
            mentions.append((pdf.page_no(), p))
    scanned = people[:_PER_PAGE]
    _add_scan(pdf, ["移交人员名单（复印件）", ""] + [_person_line(p, "") for p in scanned]
              + ["", f"{post_zh}：{official}（签字）"], rng)
    mentions.extend((pdf.page_no(), p) for p in scanned)


def _release_approval(pdf: _Document, people: list[Person], rng: random.Random, mentions: list) -> None:
    official, latin, post_zh, post_en = _official(rng)
    pdf.add_page()
    pdf.para("学员结业审批表", size=16, height=10)
    pdf.para("Approval form: trainees completing training (release)", size=12)
    pdf.para(f"以下学员经考核合格，准予结业，由所在乡镇落实监管。审批人：{post_zh} {official}")
    pdf.para(f"The following trainees passed assessment and may leave; their townships keep watch. "
             f"Approved by {post_en} {latin}.")
    mentions.append((pdf.page_no(), None))
    for p in people[:_PER_PAGE]:
        end = p.episodes[-1].end
        pdf.para(_person_line(p, f"结业 {end:%Y-%m-%d}" if end else ""), size=10, height=5.5)
        mentions.append((pdf.page_no(), p))
    rest = people[_PER_PAGE:2 * _PER_PAGE]
    if rest:
        _add_scan(pdf, ["学员结业审批表（续）", ""] + [_person_line(p, "") for p in rest], rng)
        mentions.extend((pdf.page_no(), p) for p in rest)


def _situation_report(pdf: _Document, people: list[Person], rng: random.Random, mentions: list) -> None:
    official, latin, post_zh, post_en = _official(rng)
    second = _official(rng)
    pdf.add_page()
    pdf.para("重点人员情况报告", size=16, height=10)
    pdf.para("Situation report", size=12)
    pdf.para(f"报告人：{post_zh} {official}；抄送：{second[2]} {second[0]}。"
             f"Reported by {post_en} {latin}; copied to {second[3]} {second[1]}.")
    mentions.append((pdf.page_no(), None))
    for start in range(0, min(len(people), 2 * _PER_PAGE), _PER_PAGE):
        chunk = people[start:start + _PER_PAGE]
        lines = ["情况报告（扫描件）", ""]
        for p in chunk:
            ep = p.episodes[-1]
            lines.append(_person_line(p, f"{facts.KINDS[ep.kind].zh} {ep.start:%Y-%m}"))
        _add_scan(pdf, lines, rng)
        mentions.extend((pdf.page_no(), p) for p in chunk)


_DOCUMENTS = [("document-1-transfer-notice.pdf", _transfer_notice, 0),
              ("document-2-release-approval.pdf", _release_approval, 1),
              ("document-3-situation-report.pdf", _situation_report, 2)]


def write_documents(outdir: Path, seed: int, transferred: list[Person], released: list[Person],
                    everyone: list[Person]) -> list[str]:
    """Write the PDF documents and truth-documents.csv into `outdir`; return the PDF file names."""
    require_font()
    rng = random.Random(f"rollcall-generate-pdfs:{seed}")
    pools = [transferred, released, everyone]
    written: list[str] = []
    with (outdir / DOCUMENTS_TRUTH_FILE).open("w", encoding="utf-8", newline="") as f:
        truth = csv.writer(f, lineterminator="\n")
        truth.writerow(["file", "page", "person"])
        for name, build, pool in _DOCUMENTS:
            people = sorted(pools[pool], key=lambda p: p.pid)
            pdf = _Document()
            mentions: list[tuple[int, Person | None]] = []
            build(pdf, people, rng, mentions)
            pdf.output(str(outdir / name))
            for page, person in mentions:
                if person is not None:
                    truth.writerow([name, page, person.pid])
            written.append(name)
    return written


def document_date() -> date:
    """The date the documents claim (fixed, so the bytes do not depend on the day they are made)."""
    return _FIXED_DATE.date()
