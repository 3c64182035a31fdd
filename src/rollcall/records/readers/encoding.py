"""Which text encoding a table file is in, decided from its bytes and what they decode to, with the reason.

Order: a byte-order mark; UTF-16 without a BOM (NUL bytes in the pattern of UTF-16 and text that reads
plausibly); strict UTF-8 over the whole file; then each legacy candidate (GB18030, Windows-1252,
Mac Roman, DOS code pages 437/850, and whatever charset-normalizer proposes) that decodes the sample
strictly is scored by how plausible its non-ASCII characters are, and the best is verified over the
whole file. Detection alone is not trusted: see `plausibility`.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from pathlib import Path

from rollcall.errors import InputError

SAMPLE_BYTES = 256 * 1024
SCORED_CHARS = 5_000     # non-ASCII characters scored per candidate: enough to tell, cheap to compute
CHUNK_BYTES = 1024 * 1024
# A legacy candidate is checked over the whole file up to this size; beyond it, the rest is checked while
# streaming, and a byte that fails there is an error naming its row and offset.
VERIFY_WHOLE_BYTES = 16 * 1024 * 1024
LEGACY_CANDIDATES = ("gb18030", "cp1252", "mac_roman", "cp437", "cp850")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def _gb2312_level(lead_range: range) -> frozenset[str]:
    chars = set()
    for lead in lead_range:
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    return frozenset(chars)


# GB2312 level 1 holds the 3,755 most frequent hanzi; level 2 the next 3,008. Real Chinese text is
# mostly level 1; Latin-1 bytes misread as GB18030 land mostly outside both.
_HANZI_COMMON = _gb2312_level(range(0xB0, 0xD8))
_HANZI_LESS = _gb2312_level(range(0xD8, 0xF8))
# Accented letters that Uyghur Latin, Turkish, German, French, Spanish and Kazakh Latin write often.
_COMMON_ACCENTED = frozenset("éèêëàáâäçöüóòôíìîïúùûñşğıÖÜÉÈÀÁÄÇÓÍÚÑŞĞİ")
_GOOD_PUNCTUATION = frozenset("“”‘’–—…•«»°·×€£§©®±½¼¾¿¡\u00a0")


# Codecs Python knows that do not read a file's text: IDNA and punycode encode host names only.
_NOT_FILE_ENCODINGS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape"})


def bom_encoding(head: bytes) -> tuple[str, int, str] | None:
    """(codec to decode the whole file with, BOM length, BOM name) when the bytes start with a BOM."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, len(bom), name
    return None


def check_codec(name: str, *, file: str) -> str:
    """The normalised Python codec name for an encoding a user gave, or an error naming the choice."""
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        raise InputError(f"unknown encoding {name!r}; try e.g. utf-8, gb18030, utf-16, cp1252, mac_roman",
                         file=file) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_ENCODINGS:
        raise InputError(f"{name!r} is not a text encoding for files (it is a {info.name} transform); "
                         "try e.g. utf-8, gb18030, utf-16, cp1252, mac_roman", file=file)
    return info.name


def endian_codec(codec: str, head: bytes) -> str:
    """For "utf-16"/"utf-32" given without a BOM in the file: the byte order the text's NULs show.

    Python's generic UTF-16/32 decoders demand a BOM; text without one is little-endian when the NUL
    bytes of ASCII characters come second, big-endian when they come first.
    """
    if codec not in ("utf-16", "utf-32"):
        return codec
    width = 2 if codec == "utf-16" else 4
    first = sum(1 for i in range(0, len(head) - width + 1, width) if head[i] == 0)
    last = sum(1 for i in range(width - 1, len(head), width) if head[i] == 0)
    return f"{codec}-be" if first > last else f"{codec}-le"


def _char_score(text: str, i: int) -> float:
    c = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    cat = unicodedata.category(c)
    if cat in ("Cc", "Co", "Cs", "Cn"):
        return -3.0
    o = ord(c)
    if 0x3400 <= o <= 0x9FFF:
        glued = (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha())
        base = 1.0 if c in _HANZI_COMMON else 0.3 if c in _HANZI_LESS else -0.3
        return base - 1.0 if glued else base
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
        return 0.8
    if cat.startswith("L") and o <= 0x024F:
        score = 1.0 if c in _COMMON_ACCENTED else 0.3
        if c.isupper() and prev.isalpha() and prev.islower():
            score -= 1.5  # a capital inside a lowercase word: "örÅmqi"
        return score
    if c in _GOOD_PUNCTUATION:
        return 0.5
    if cat.startswith("L"):
        return -0.5  # kana, hangul, Greek, Cyrillic from a wrong code page
    return -1.0  # box drawing, maths, dingbats: what a wrong code page makes of letters


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def plausibility(text: str) -> float:
    """Mean plausibility (-3 to 1) of the non-ASCII characters of decoded text; 1.0 when there are none.

    Common hanzi, fullwidth punctuation and frequent accented letters score high; hanzi glued to Latin
    letters, capitals inside lowercase words, symbols and control characters score low.
    """
    total = 0.0
    count = 0
    for match in _NON_ASCII.finditer(text):
        total += _char_score(text, match.start())
        count += 1
        if count >= SCORED_CHARS:
            break
    return total / count if count else 1.0


def first_non_ascii_word(text: str) -> str | None:
    match = re.search(r"[^\s,;\t|\"]*[^\x00-\x7f][^\s,;\t|\"]*", text)
    return match.group(0)[:40] if match else None


def _decode_prefix(data: bytes, codec: str, final: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final)
    except UnicodeDecodeError:
        return None


def first_decode_error(path: Path, codec: str, *, skip: int = 0) -> tuple[int, int, bytes] | None:
    """(byte offset, 1-based line, the offending bytes) of the first byte that fails to decode, or None."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = skip
    with open(path, "rb") as fh:
        fh.seek(skip)
        while True:
            chunk = fh.read(CHUNK_BYTES)
            pending = decoder.getstate()[0] if hasattr(decoder, "getstate") else b""
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as err:
                where = offset - len(pending) + err.start
                return where, _line_at(path, codec, skip, where), bytes(err.object[err.start:err.end + 3])
            if not chunk:
                return None
            offset += len(chunk)


def _line_at(path: Path, codec: str, skip: int, offset: int) -> int:
    """The 1-based line holding the byte at `offset`, counting line ends as the csv module does."""
    decoder = codecs.getincrementaldecoder(codec)("replace")
    line, last_cr, left = 1, False, offset - skip
    with open(path, "rb") as fh:
        fh.seek(skip)
        while left > 0:
            chunk = fh.read(min(CHUNK_BYTES, left))
            if not chunk:
                break
            left -= len(chunk)
            text = decoder.decode(chunk, final=False)
            line += _count_lines(text, last_cr)
            if text:
                last_cr = text.endswith("\r")
    return line


def _count_lines(text: str, last_cr: bool) -> int:
    crlf = text.count("\r\n") + (1 if last_cr and text.startswith("\n") else 0)
    return text.count("\n") + text.count("\r") - crlf


def _utf16_without_bom(head: bytes) -> tuple[str, str] | None:
    if b"\x00" not in head or len(head) < 4:
        return None
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    codec = "utf-16-le" if odd_nul > even_nul else "utf-16-be"
    text = _decode_prefix(head[: len(head) // 2 * 2], codec, False)
    if text is None:
        return None
    readable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
    if readable < 0.97 * len(text):
        return None
    return codec, f"{codec}: no BOM, but NUL bytes fall in the pattern of UTF-16 and the text reads plausibly"


def _window_around(path: Path, offset: int, size: int = 64 * 1024) -> bytes:
    with open(path, "rb") as fh:
        start = max(0, offset - size // 2)
        fh.seek(start)
        data = fh.read(size)
    if start:
        cut = data.find(b"\n")
        data = data[cut + 1:] if cut >= 0 else data
    cut = data.rfind(b"\n")
    return data[: cut + 1] if cut > 0 else data


def _normalizer_guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(sample[:256 * 1024]).best()
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None


def detect(path: Path, *, file: str) -> tuple[str, str, int]:
    """(codec, reason, bytes to skip before the text) for a text file, decided as the module says."""
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    found = bom_encoding(head)
    if found:
        codec, skip, name = found
        if codec == "utf-8-sig":
            return codec, "BOM utf-8-sig", 0  # the codec skips its BOM itself
        return codec, f"BOM {name} ({codec.rpartition('-')[2]})", skip
    if b"\x00" in head:  # text in UTF-8 or a legacy code page never holds NUL bytes; UTF-16 does
        utf16 = _utf16_without_bom(head)
        if utf16:
            return utf16[0], utf16[1], 0
        raise InputError("not a text table: it contains NUL bytes and does not read as UTF-16 (binary data?)",
                         file=file)
    utf8_error = first_decode_error(path, "utf-8")
    if utf8_error is None:
        reason = "decodes as utf-8" if not head.isascii() else "ASCII only (read as utf-8)"
        return "utf-8", reason, 0
    _refuse_mixed_utf8(head, utf8_error, file)
    sample = head if len(head) < SAMPLE_BYTES else head[: head.rfind(b"\n") + 1] or head
    if utf8_error[0] >= len(sample):
        sample += _window_around(path, utf8_error[0])
    candidates = list(LEGACY_CANDIDATES)
    guess = _normalizer_guess(sample)
    if guess and guess not in candidates and not guess.startswith("utf"):
        candidates.append(guess)
    scored: list[tuple[float, int, str, str]] = []
    for order, codec in enumerate(candidates):
        text = _decode_prefix(sample, codec, False)
        if text is not None:
            scored.append((plausibility(text), -order, codec, first_non_ascii_word(text) or ""))
    scored.sort(reverse=True)
    whole = path.stat().st_size <= VERIFY_WHOLE_BYTES
    for score, _, codec, text in scored:
        if whole and first_decode_error(path, codec) is not None:
            continue
        return codec, _legacy_reason(codec, score, text, scored, guess), 0
    offset, line, bad = utf8_error
    raise InputError(f"cannot tell the text encoding: not UTF-8 (byte {bad[:1].hex()} at offset {offset}, "
                     f"line {line}) and none of {', '.join(candidates)} decodes it; give --encoding",
                     file=file)


MIXED_MIN_CHARS = 20


def _refuse_mixed_utf8(head: bytes, utf8_error: tuple[int, int, bytes], file: str) -> None:
    """An error when the file is plainly UTF-8 text up to a byte that is not: one encoding cannot read it."""
    offset, line, bad = utf8_error
    prefix = _decode_prefix(head[:offset], "utf-8", False) or ""
    if sum(1 for _ in zip(range(MIXED_MIN_CHARS), _NON_ASCII.finditer(prefix), strict=False)) < MIXED_MIN_CHARS:
        return
    if plausibility(prefix) < 0.8:
        return
    raise InputError(f"the text is UTF-8 up to byte offset {offset}, where byte 0x{bad[:1].hex()} (bytes "
                     f"{bad.hex(' ')}) is not: the file mixes encodings or is damaged, and no one encoding "
                     "reads it; fix the file (or give --encoding to read it all one way)", file=file, row=line)


def _legacy_reason(codec: str, score: float, word: str, scored: list, guess: str | None) -> str:
    parts = [f"{codec}: not UTF-8; decodes strictly and reads most plausibly (score {score:.2f})"]
    others = [(s, c, t) for s, _, c, t in scored if c != codec]
    if others:
        shown = []
        for other_score, other, other_word in others[:3]:
            shown.append(f"{other} {other_score:.2f}" + (f" '{other_word}'" if other_word and word else ""))
        parts.append(("e.g. '" + word + "'; " if word else "") + "others: " + ", ".join(shown))
    if guess and guess != codec:
        parts.append(f"charset-normalizer guessed {guess}")
    return "; ".join(parts)
