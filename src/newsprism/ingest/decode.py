"""Bytes to text, refusing what is not text with a message a user can act on."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class InputRejected(Exception):
    """An input that cannot become an article; the message names the problem, not the input."""


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Magic numbers of formats people drop into a folder of articles by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) or raise InputRejected.

    Order: BOM, then the encoding the container declared (HTTP header, <meta>),
    then strict UTF-8, then charset-normalizer's guess (which gets cp1251 and
    the other legacy code pages right on real text).
    """
    if not data.strip():
        raise InputRejected("empty input (no content)")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputRejected(f"binary file ({what}), not text, HTML, a feed or a WARC")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise InputRejected(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}") from None

    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            codecs.lookup(encoding)
            return _check_text(data.decode(encoding)), _canonical(encoding)
        except (LookupError, UnicodeDecodeError):
            continue

    if b"\x00" in data[:65536]:
        raise InputRejected("binary file (contains NUL bytes), not text")
    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding is None:
        raise InputRejected("binary or undecodable content: no text encoding fits")
    try:
        return _check_text(data.decode(best.encoding)), best.encoding
    except UnicodeDecodeError:
        raise InputRejected(f"undecodable content (looked like {best.encoding} but is not)") from None


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _check_text(text: str) -> str:
    """Reject decoded 'text' that is mostly control characters (a binary file that happened to decode)."""
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if sample and control / len(sample) > 0.01:
        raise InputRejected("binary file (control characters), not text")
    return text
