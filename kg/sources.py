"""Read inputs into Documents, lazily: files, folders, JSONL and stdin.

A document's id is the file name without its extension (for JSONL, its ``id`` field).
Input that cannot be used becomes a :class:`Skip` with its reason, never an exception, so
one bad file never stops a batch; input that can be used after a repair (invalid UTF-8, NUL
bytes) is kept and the repair is reported as a warning. Every repair keeps the text's
length, so offsets stay meaningful: the one exception is a byte-order mark, which is dropped
(offsets are into the text after it). Line endings are never changed: ``\\r\\n`` stays, and
offsets point into the text exactly as read. The rules and their reasons are in
``docs/robustness.md``.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.model import Document, Skip

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# spaCy's own default ``nlp.max_length``: the parser's memory grows with a document's length,
# and no news article comes near it; a 20 MB "article" is a dump, not a story.
DEFAULT_MAX_CHARS = 1_000_000
# HTML carries markup around its text; a page this many times the limit (in bytes) is not read.
HTML_BYTES_PER_CHAR = 16
# Non-English detection: below this share of English function words a text is not English.
MIN_ENGLISH_SHARE = 0.04
MIN_WORDS_TO_JUDGE = 40
ENGLISH_FUNCTION_WORDS = frozenset(
    {"the", "of", "and", "to", "is", "was", "are", "were", "be", "been", "for", "that", "this", "with", "on", "at",
     "by", "from", "it", "its", "as", "he", "she", "they", "his", "her", "their", "we", "you", "not", "but",
     "or", "have", "has", "had", "will", "would", "said", "says", "which", "who"})
_WORD = re.compile(r"[^\W\d_]+")
_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
          b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)", b"\x1f\x8b": "gzip archive", b"\x7fELF": "executable",
          b"\xd0\xcf\x11\xe0": "MS Office document"}
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27))
_SURROGATE = re.compile("[\ud800-\udfff]")

WarningSink = Callable[[str, str, str], None]
"""Called with (document id, source, message) for each repair made to a kept document."""


# -- bytes to text --------------------------------------------------------------------
def binary_kind(raw: bytes) -> str | None:
    """What a byte string is, if it is not text: a named format, or control-character soup.

    Sniffed from the first 8 KB, so a huge binary file costs nothing; a few stray NUL bytes in
    otherwise normal text are repaired instead (see :func:`repair_text`).
    """
    head = raw[:8192]
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: decodable text
    if not head:
        return None
    controls = sum(head.count(c) for c in _CONTROL)
    if controls > max(8, len(head) // 20):  # over 5%, and more than a few strays in a short text
        return f"{controls / len(head):.0%} control bytes"
    return None


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else UTF-8 with U+FFFD.

    Replacement is preferred to guessing a legacy code page: the rest of the text stays
    exact and the warning says where the damage starts.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        text = raw.decode("utf-8", errors="replace")
        count = text.count("\ufffd")
        return text, [f"invalid UTF-8 from byte {err.start}: decoded with {count} replacement character(s)"]


def repair_text(text: str) -> tuple[str, list[str]]:
    """Replace characters no output can carry, one for one, so offsets do not move.

    NUL becomes a space (it ends strings in C libraries and graph stores); a lone surrogate
    (possible through JSON's ``\\ud800`` escapes) becomes U+FFFD, since UTF-8 cannot encode it.
    """
    warnings = []
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", " ")
        warnings.append(f"{nuls} NUL character(s) replaced by spaces")
    surrogates = len(_SURROGATE.findall(text))
    if surrogates:
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append(f"{surrogates} unpaired surrogate(s) replaced by U+FFFD")
    return text, warnings


def looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "figcaption", "td")


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text and title of an HTML page (scripts and styles dropped), one block a line.

    A block inside another block (a ``<p>`` in a ``<blockquote>``) is taken once, with its
    parent, so no sentence appears twice.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        return "", title or None
    blocks = []
    for node in body.css(", ".join(_BLOCKS)):
        parent, nested = node.parent, False
        while parent is not None and not nested:
            nested = parent.tag in _BLOCKS
            parent = parent.parent
        text = "" if nested else " ".join(node.text(separator=" ").split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(body.text(separator=" ").split())]
    return "\n".join(blocks), title or None


# -- is it a document we can read? -----------------------------------------------------
def language_problem(text: str) -> str | None:
    """Why ``text`` is not English, or None when it is (or is too short to tell).

    Two cheap signals over the first 20,000 characters: mostly non-Latin letters (Cyrillic,
    CJK, Arabic …), or almost none of English's commonest function words, which make up about
    40% of the words of English prose and almost none of French, German or Spanish.
    """
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 100:
        latin = sum(1 for c in letters if c.isascii())
        if latin / len(letters) < 0.5:
            return f"not English: only {latin / len(letters):.0%} of its letters are Latin"
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    share = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS) / len(words)
    if share < MIN_ENGLISH_SHARE:
        return f"not English: {share:.0%} English function words in its first {len(words)} words"
    return None


def check_text(doc_id: str, text: str, source: str, *, max_chars: int) -> Skip | None:
    """The reason a decoded text is not worth extracting from, as a Skip, or None."""
    if not text:
        return Skip(doc_id, "empty document", source)
    if not text.strip():
        return Skip(doc_id, "empty document (whitespace only)", source)
    if len(text) > max_chars:
        return Skip(doc_id, f"document too large: {len(text):,} characters > limit {max_chars:,} "
                            "(raise it with --max-chars)", source)
    if not any(c.isalpha() for c in text):
        return Skip(doc_id, "no words: only digits, punctuation or symbols", source)
    problem = language_problem(text)
    if problem:
        return Skip(doc_id, problem + " (kg's model reads English)", source)
    return None


# -- readers ----------------------------------------------------------------------------
Read = tuple[Document | Skip, list[str]]


def _from_bytes(doc_id: str, raw: bytes, source: str, *, html: bool, max_chars: int) -> Read:
    """One document from a file's or stdin's bytes, with the repairs made to it."""
    kind = binary_kind(raw)
    if kind:
        return Skip(doc_id, f"binary file ({kind}), not text", source), []
    text, warnings = decode(raw)
    title = None
    if html or looks_like_html(text):
        text, title = html_to_text(text)
    text, repaired = repair_text(text)
    skip = check_text(doc_id, text, source, max_chars=max_chars)
    if skip:
        return skip, []
    return Document(id=doc_id, text=text, title=title, source=source), warnings + repaired


def _too_large_unread(doc_id: str, size: int, source: str, limit: int, max_chars: int) -> Skip:
    return Skip(doc_id, f"document too large: {size:,} bytes > {limit:,} (limit {max_chars:,} characters; "
                        "raise it with --max-chars)", source)


def _read_file(path: Path, *, max_chars: int) -> Iterator[Read]:
    suffix = path.suffix.lower()
    source = str(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _jsonl_lines(_chunks(stream), source=source, max_chars=max_chars)
            return
        html = suffix in HTML_SUFFIXES
        limit = max_chars * (HTML_BYTES_PER_CHAR if html else 4)  # UTF-8: at most 4 bytes a character
        size = path.stat().st_size
        if size > limit:
            yield _too_large_unread(path.stem, size, source, limit, max_chars), []
            return
        raw = path.read_bytes()
    except OSError as err:
        yield Skip(path.stem, f"cannot read file: {err.strerror or err}", source), []
        return
    yield _from_bytes(path.stem, raw, source, html=html, max_chars=max_chars)


def _optional_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


CHUNK = 1 << 16


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    return iter(lambda: stream.read(CHUNK), b"")


def bounded_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | int]:
    """The lines of a byte stream (newline kept); a line longer than ``limit`` bytes comes as its
    length, an ``int``, and is never held whole: a 300 MB line costs one chunk of memory."""
    line = bytearray()
    over = 0  # inside a line over the limit: its bytes so far
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end + 1]
            if over:
                over += len(piece)
            else:
                line += piece
                if len(line) > limit:
                    over, line = len(line), bytearray()
            if end < 0:
                break
            if over:
                yield over
            else:
                yield bytes(line)
            over, line = 0, bytearray()
            start = end + 1
    if over:
        yield over
    elif line:
        yield bytes(line)


def _jsonl_lines(chunks: Iterable[bytes], *, source: str, max_chars: int) -> Iterator[Read]:
    """One document a line: ``{"id", "text", "title"?, "url"?, "date"?}``; each line judged alone."""
    stem = Path(source).stem
    limit = 4 * max_chars + 65_536
    for number, raw in enumerate(bounded_lines(chunks, limit), start=1):
        fallback = f"{stem}:{number}"
        where = f"{source}:{number}"
        if isinstance(raw, int):
            yield _too_large_unread(fallback, raw, where, limit, max_chars), []
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        line, warnings = decode(raw)
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            reason = f"line {number} is not JSON: {err.msg.removesuffix(' at')} (column {err.colno})"
            yield Skip(fallback, reason, where), []
            continue
        if not isinstance(row, dict):
            yield Skip(fallback, f"line {number} is a JSON {type(row).__name__}, not an object", where), []
            continue
        doc_id = _optional_str(row.get("id")) or fallback
        doc_id, _ = repair_text(doc_id)
        text = row.get("text")
        if text is None:
            yield Skip(doc_id, "JSON line has no 'text' field", where), []
            continue
        if not isinstance(text, str):
            yield Skip(doc_id, f"JSON 'text' must be a string, not {type(text).__name__}", where), []
            continue
        text, repaired = repair_text(text)
        skip = check_text(doc_id, text, where, max_chars=max_chars)
        if skip:
            yield skip, []
            continue
        title, url, date = (repair_text(v)[0] if (v := _optional_str(row.get(k))) else None
                            for k in ("title", "url", "date"))
        yield Document(id=doc_id, text=text, title=title, url=url, date=date, source=where), warnings + repaired


def _read_stdin(*, max_chars: int) -> Iterator[Read]:
    """stdin as JSONL (when it starts with ``{``) or one document, never held whole beyond the
    size limit: the head is read until its first non-blank byte decides the format."""
    chunks = _chunks(sys.stdin.buffer)
    head = b""
    for chunk in chunks:
        head += chunk
        if head.lstrip(b"\xef\xbb\xbf \t\r\n") or len(head) > 4 * max_chars:
            break
    rest = itertools.chain([head], chunks)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from _jsonl_lines(rest, source="stdin", max_chars=max_chars)
        return
    limit = 4 * max_chars
    raw = bytearray()
    size = 0
    for chunk in rest:
        size += len(chunk)
        if size <= limit:
            raw += chunk
        else:
            raw = bytearray()  # over the limit: count the rest, keep none of it
    if size > limit:
        yield _too_large_unread("stdin", size, "stdin", limit, max_chars), []
    else:
        yield _from_bytes("stdin", bytes(raw), "stdin", html=False, max_chars=max_chars)


# A folder holding one of these is a kg output folder: its files are never read as input.
OUTPUT_MARKERS = (".kg-state", ".kg-lock")


def _folder_files(folder: Path, exclude: list[Path]) -> Iterator[Path]:
    """Every entry of a folder tree except hidden ones, excluded folders and kg output folders,
    sorted by path. A symbolic link to a folder is followed, once: a link back up the tree (a
    loop) or a second link to a folder already read is not read again."""
    found = []
    seen = {folder.resolve()}

    def wanted(here: Path, name: str) -> bool:
        real = (here / name).resolve()
        if name.startswith(".") or real in exclude or real in seen:
            return False
        if any((real / marker).exists() for marker in OUTPUT_MARKERS):
            return False
        seen.add(real)
        return True

    for root, dirs, files in os.walk(folder, followlinks=True):
        here = Path(root)
        dirs[:] = [d for d in sorted(dirs) if wanted(here, d)]
        found.extend(here / f for f in files if not f.startswith("."))
    return iter(sorted(found))


def _read_path(given: str, *, max_chars: int, exclude: list[Path]) -> Iterator[Read]:
    def _guarded(path: Path) -> Iterator[Read]:
        # a reader bug (a library raising on some odd file) costs that file, never the batch
        try:
            yield from _read_entry(path, max_chars=max_chars, explicit=path == Path(given))
        except Exception as err:  # noqa: BLE001
            yield Skip(path.stem, f"cannot read file: {type(err).__name__}: {err}", str(path)), []

    if given == "-":
        yield from _read_stdin(max_chars=max_chars)
        return
    path = Path(given)
    if path.is_dir():
        for child in _folder_files(path, exclude):
            yield from _guarded(child)
    elif path.is_file():
        yield from _guarded(path)  # named explicitly: read whatever its suffix
    elif path.is_symlink():
        yield Skip(path.stem or given, "cannot read file: broken symbolic link", given), []
    elif path.exists():
        yield Skip(path.stem or given, "not a regular file", given), []
    else:
        yield Skip(path.stem or given, "no such file or folder", given), []


def _read_entry(child: Path, *, max_chars: int, explicit: bool) -> Iterator[Read]:
    """One folder entry (or a file named on the command line), judged before it is read."""
    if child.is_symlink() and not child.exists():
        yield Skip(child.stem, "cannot read file: broken symbolic link", str(child)), []
    elif not child.is_file():
        yield Skip(child.stem, "not a regular file", str(child)), []
    elif not explicit and child.suffix.lower() not in READABLE_SUFFIXES:
        yield Skip(child.stem, f"unsupported file type {child.suffix!r} (kg reads .txt, .md, .html, .jsonl)",
                   str(child)), []
    else:
        yield from _read_file(child, max_chars=max_chars)


def iter_documents(paths: Iterable[str], *, max_chars: int = DEFAULT_MAX_CHARS, exclude: Iterable[str | Path] = (),
                   on_warning: WarningSink | None = None) -> Iterator[Document | Skip]:
    """Documents from files, folders (recursively, sorted) and ``-`` (stdin), in a stable order.

    Args:
        paths: files, folders, or ``-`` for stdin (JSONL when it starts with ``{``).
        max_chars: the largest document accepted, in characters; larger ones are skipped.
        exclude: folders never read (the output folder, when it lies inside an input folder).
        on_warning: told about every repair made to a document that is yielded.

    A document id that was already yielded is skipped: statement ids, article nodes and
    ``--resume`` all rely on ids being unique, and silently renaming would break the link
    back to the caller's own ids.
    """
    excluded = [Path(p).resolve() for p in exclude]
    seen: dict[str, str] = {}
    for given in paths:
        for item, warnings in _read_path(given, max_chars=max_chars, exclude=excluded):
            source = item.source or ""
            if isinstance(item, Document):
                first = seen.get(item.id)
                if first is not None:
                    yield Skip(item.id, f"duplicate document id (first read from {first})", source)
                    continue
                seen[item.id] = source
                if on_warning:
                    for message in warnings:
                        on_warning(item.id, source, message)
            yield item


def read_file(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | Skip]:
    """Documents from one file (a JSONL file yields one per line); repairs are not reported."""
    for item, _warnings in _read_file(path, max_chars=max_chars):
        yield item
