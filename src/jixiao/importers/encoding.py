"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030.

Chinese government files are often GBK or GB18030. Strict UTF-8 decoding rejects them
reliably (GBK byte pairs are almost never valid UTF-8), so the order below is safe:
BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312).
"""

from __future__ import annotations

import codecs

from ..errors import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of replacement-worthy characters above which GB18030 output is judged garbage.
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, source: str) -> str:
    """Given file bytes, return the text; raise ReadError when no encoding fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise _undecodable(source) from None
    if _looks_binary(text):
        raise _undecodable(source)
    return text


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise _undecodable(source) from None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f\v")
    return controls > max(1, len(text) * _MAX_CONTROL_SHARE)


def _undecodable(source: str) -> ReadError:
    return ReadError(
        source, "无法识别文件编码（支持 UTF-8、UTF-16、GBK/GB18030），请另存为 UTF-8 文本后重试"
    )
