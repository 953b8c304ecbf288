"""Read inputs into Documents, lazily: files, folders, JSONL and stdin.

A document's id is the file name without its extension (for JSONL, its ``id`` field).
Input that cannot be read becomes a :class:`Skip` with its reason, never an exception,
so one bad file never stops a batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document, Skip

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_CHARS = 5_000_000


def _decode(raw: bytes) -> tuple[str, str | None]:
    """UTF-8 (BOM dropped), or UTF-8 with replacement characters and a warning."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return raw.decode("utf-8", errors="replace"), f"invalid UTF-8 at byte {err.start}; decoded with replacement"


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text and title of an HTML page (scripts and styles dropped)."""
    from selectolax.parser import HTMLParser

    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    body = tree.body or tree.root
    blocks = []
    for node in body.css("h1, h2, h3, h4, p, li, blockquote, pre"):
        text = " ".join(node.text(separator=" ").split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(body.text(separator=" ").split())]
    return "\n".join(blocks), title


def _check(doc_id: str, text: str, source: str, max_chars: int) -> Skip | None:
    if not text.strip():
        return Skip(doc_id, "empty document", source)
    if "\x00" in text[:4096]:
        return Skip(doc_id, "binary content (NUL bytes)", source)
    if len(text) > max_chars:
        return Skip(doc_id, f"document too large ({len(text):,} characters > limit {max_chars:,})", source)
    return None


def read_file(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | Skip]:
    """Documents from one file (a JSONL file yields one per line)."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as err:
        yield Skip(path.stem, f"cannot read file: {err.strerror or err}", str(path))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(raw, source=str(path), max_chars=max_chars)
        return
    if b"\x00" in raw[:4096]:
        yield Skip(path.stem, "binary content (NUL bytes)", str(path))
        return
    text, warning = _decode(raw)
    title = None
    if suffix in HTML_SUFFIXES:
        text, title = html_to_text(text)
    skip = _check(path.stem, text, str(path), max_chars)
    if skip:
        yield skip
        return
    yield Document(id=path.stem, text=text, title=title, source=str(path) + (f" ({warning})" if warning else ""))


def read_jsonl(raw: bytes, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | Skip]:
    """One document a line: ``{"id", "text", "title"?, "url"?, "date"?}``."""
    text, _warning = _decode(raw)
    stem = Path(source).stem
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skip(f"{stem}:{number}", f"line is not JSON ({err.msg})", where)
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield Skip(str(row.get("id", f"{stem}:{number}")) if isinstance(row, dict) else f"{stem}:{number}",
                       "JSON line has no 'text' string", where)
            continue
        doc_id = str(row.get("id") or f"{stem}:{number}")
        skip = _check(doc_id, row["text"], where, max_chars)
        if skip:
            yield skip
            continue
        yield Document(id=doc_id, text=row["text"], title=row.get("title"), url=row.get("url"),
                       date=row.get("date"), source=where)


def iter_documents(paths: Iterable[str], *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | Skip]:
    """Documents from files, folders (recursively, sorted) and ``-`` (stdin), in a stable order."""
    for given in paths:
        if given == "-":
            raw = sys.stdin.buffer.read()
            stripped = raw.lstrip()
            if stripped.startswith(b"{"):
                yield from read_jsonl(raw, source="stdin", max_chars=max_chars)
            else:
                text, warning = _decode(raw)
                skip = _check("stdin", text, "stdin", max_chars)
                yield skip or Document(id="stdin", text=text, source="stdin")
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                suffix = child.suffix.lower()
                if suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield from read_file(child, max_chars=max_chars)
        elif path.is_file():
            yield from read_file(path, max_chars=max_chars)
        else:
            yield Skip(path.stem or given, "no such file or folder", given)
