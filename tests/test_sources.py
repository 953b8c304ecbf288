"""Sources: every kind of bad input becomes a Skip with a clear reason, or a repaired Document
with a warning, and never an exception; offsets stay into the text that is kept."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from kg.model import Document, Skip
from kg.sources import (
    DEFAULT_MAX_CHARS,
    binary_kind,
    decode,
    html_to_text,
    iter_documents,
    language_problem,
    read_file,
    repair_text,
)

BAD = Path(__file__).parent / "data" / "bad"
ENGLISH = "Tom Brown, the mayor, said the bridge would open in May."


def read_all(paths, **kwargs) -> tuple[list[Document | Skip], list[tuple[str, str, str]]]:
    warnings: list[tuple[str, str, str]] = []
    items = list(iter_documents([str(p) for p in paths], on_warning=lambda *w: warnings.append(w), **kwargs))
    return items, warnings


def one(path: Path, **kwargs) -> Document | Skip:
    items, _ = read_all([path], **kwargs)
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- the corpus in tests/data/bad, one reason each ------------------------------------------
# file (or JSONL line) -> the start of the skip reason, or None when it is kept
BAD_CORPUS = {
    "binary": "binary file (PNG image)",
    "control-soup": "binary file (",
    "empty": "empty document",
    "whitespace": "empty document (whitespace only)",
    "german": "not English: 0% English function words",
    "russian": "not English: only 0% of its letters are Latin",
    "html-no-text": "empty document",
    "no-words": "no words",
    "photo": "unsupported file type '.png'",
    "lines:2": "line 2 is not JSON",
    "j-notext": "JSON line has no 'text' field",
    "j-null": "JSON line has no 'text' field",
    "j-number": "JSON 'text' must be a string, not int",
    "j-empty": "empty document",
    "lines:6": "line 6 is a JSON list, not an object",
    "bom": None,
    "cp1252": None,
    "crlf": None,
    "nul-bytes": None,
    "page": None,
    "utf16": None,
    "j-good": None,
    "j-surrogate": None,
}


def test_bad_corpus_every_item_judged_with_its_reason():
    items, warnings = read_all([BAD])
    kept = {i.id: i for i in items if isinstance(i, Document)}
    skipped: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, Skip):
            skipped.setdefault(item.doc, []).append(item.reason)
    for doc, reason in BAD_CORPUS.items():
        if reason is None:
            assert doc in kept, doc
        else:
            assert any(r.startswith(reason) for r in skipped[doc]), (doc, skipped.get(doc))
    # the two duplicates: the second j-good line and sub/bom.txt
    assert any(r.startswith("duplicate document id") for r in skipped["j-good"])
    assert any(r.startswith("duplicate document id (first read from") for r in skipped["bom"])
    assert {w[0] for w in warnings} == {"cp1252", "nul-bytes", "j-surrogate"}
    assert len(items) == len(BAD_CORPUS) + 2


def test_bad_corpus_is_read_in_a_stable_order():
    first, _ = read_all([BAD])
    second, _ = read_all([BAD])
    assert first == second


# -- encodings --------------------------------------------------------------------------------
def test_utf8_bom_is_dropped_and_offsets_are_into_the_text_after_it(tmp_path):
    doc = one(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + ENGLISH.encode()))
    assert doc.text == ENGLISH
    assert doc.text.index("Tom") == 0


def test_utf16_with_bom_is_decoded(tmp_path):
    doc = one(write(tmp_path, "a.txt", ENGLISH.encode("utf-16")))
    assert doc.text == ENGLISH


def test_invalid_utf8_is_replaced_with_a_warning_not_a_skip(tmp_path):
    items, warnings = read_all([write(tmp_path, "a.txt", "Caf\xe9 owner Tom Brown said so.".encode("cp1252"))])
    assert items[0].text == "Caf\ufffd owner Tom Brown said so."
    assert warnings == [("a", str(tmp_path / "a.txt"),
                         "invalid UTF-8 from byte 3: decoded with 1 replacement character(s)")]


def test_windows_line_endings_are_kept_as_is(tmp_path):
    text = "Tom Brown said it.\r\nThe mayor agreed.\r\n"
    assert one(write(tmp_path, "a.txt", text)).text == text


def test_nul_bytes_become_spaces_so_offsets_do_not_move(tmp_path):
    items, warnings = read_all([write(tmp_path, "a.txt", "Tom\x00Brown said it.\x00")])
    assert items[0].text == "Tom Brown said it. "
    assert warnings[0][2] == "2 NUL character(s) replaced by spaces"


def test_repair_text_keeps_length():
    text = "a\x00b\ud800c"
    repaired, warnings = repair_text(text)
    assert len(repaired) == len(text) and repaired == "a b\ufffdc" and len(warnings) == 2
    assert repaired.encode("utf-8")


@pytest.mark.parametrize("raw, kind", [
    (b"%PDF-1.7\n...", "PDF"), (b"PK\x03\x04rest", "ZIP archive (or .docx/.xlsx)"), (b"\x1f\x8b\x08", "gzip archive"),
    (b"\x7fELF\x02", "executable"), (bytes(range(32)) * 10, "control bytes"),
])
def test_binary_kinds_are_named(raw, kind):
    assert kind in binary_kind(raw)


def test_text_is_not_binary():
    assert binary_kind(ENGLISH.encode()) is None
    assert binary_kind("\ufeffé\t\r\n\x1b[0m".encode()) is None
    assert binary_kind(ENGLISH.encode("utf-16")) is None
    assert binary_kind(b"") is None


def test_decode_plain_utf8_has_no_warning():
    assert decode("naïve “quotes”".encode()) == ("naïve “quotes”", [])


# -- HTML -------------------------------------------------------------------------------------
def test_html_gives_visible_text_and_title_without_scripts():
    text, title = html_to_text("<html><head><title> T </title><script>x='said'</script><style>p{}</style></head>"
                               "<body><h1>Head</h1><p>One &amp; <b>two</b>.</p><blockquote><p>Quoted.</p>"
                               "</blockquote></body></html>")
    assert title == "T"
    assert text == "Head\nOne & two .\nQuoted."


def test_html_sniffed_in_a_txt_file(tmp_path):
    doc = one(write(tmp_path, "a.txt", f"<!DOCTYPE html><html><body><p>{ENGLISH}</p></body></html>"))
    assert doc.text == ENGLISH


def test_html_without_text_is_empty(tmp_path):
    skip = one(write(tmp_path, "a.html", "<html><script>alert(1)</script></html>"))
    assert isinstance(skip, Skip) and skip.reason == "empty document"


# -- size --------------------------------------------------------------------------------------
def test_too_large_is_skipped_before_reading(tmp_path):
    path = write(tmp_path, "big.txt", "word " * 100)
    skip = one(path, max_chars=100)
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("document too large: 500 bytes > 400 (limit 100 characters")


def test_too_large_in_characters(tmp_path):
    skip = one(write(tmp_path, "big.txt", "é" * 60 + " said the mayor"), max_chars=70)
    assert isinstance(skip, Skip) and skip.reason.startswith("document too large: 75 characters > limit 70")


def test_a_twenty_megabyte_article_is_skipped_under_the_default_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as stream:
        for _ in range(20 * 1024):
            stream.write(("Tom Brown said the bridge would open. " * 27)[:1023] + "\n")
    assert path.stat().st_size >= 20 * 1024 * 1024
    skip = one(path)
    assert isinstance(skip, Skip) and "too large" in skip.reason and f"{DEFAULT_MAX_CHARS:,}" in skip.reason


def test_jsonl_line_too_large(tmp_path):
    path = write(tmp_path, "a.jsonl", json.dumps({"id": "x", "text": "said the mayor " * 20}) + "\n")
    skip = one(path, max_chars=50)
    assert isinstance(skip, Skip) and skip.doc == "x" and "too large" in skip.reason


# -- language and content ---------------------------------------------------------------------
def test_english_news_is_english():
    seed = (Path(__file__).parents[1] / "seeds" / "000_11ef9304a4508b62.txt").read_text(encoding="utf-8")
    assert language_problem(seed) is None
    assert language_problem("Trump, Sessions, Mueller, Comey") is None  # too short to judge: kept


@pytest.mark.parametrize("text", [
    "El gobierno anunció el miércoles que las nuevas normas entrarán en vigor el próximo año. El ministro dijo "
    "que seguiría de cerca los efectos de la reforma y que la ajustaría si fuera necesario. Los críticos afirman "
    "que la reforma llega demasiado tarde y que los costes para los ciudadanos aumentarán.",
    "政府周三宣布，新规定将于明年生效。部长表示，将密切关注改革的影响，必要时进行调整。" * 4,
])
def test_other_languages_are_not_english(text):
    assert language_problem(text).startswith("not English")


def test_text_with_no_letters(tmp_path):
    skip = one(write(tmp_path, "n.txt", "12 34 ... !!! 5.6% -- (7)\n"))
    assert isinstance(skip, Skip) and skip.reason.startswith("no words")


def test_a_long_line_without_spaces_is_kept(tmp_path):
    doc = one(write(tmp_path, "long.txt", "x" * 200_000))
    assert isinstance(doc, Document) and len(doc.text) == 200_000


# -- paths ---------------------------------------------------------------------------------------
def test_missing_path(tmp_path):
    skip = one(tmp_path / "nope.txt")
    assert skip == Skip("nope", "no such file or folder", str(tmp_path / "nope.txt"))


def test_broken_link_in_a_folder(tmp_path):
    (tmp_path / "in").mkdir()
    os.symlink(tmp_path / "gone.txt", tmp_path / "in" / "link.txt")
    skip = one(tmp_path / "in")
    assert isinstance(skip, Skip) and skip.reason == "cannot read file: broken symbolic link"


def test_unreadable_file_in_a_folder_is_a_skip_and_the_folder_goes_on(tmp_path, monkeypatch):
    write(tmp_path, "in/a.txt", ENGLISH)
    locked = write(tmp_path, "in/b.txt", ENGLISH)
    write(tmp_path, "in/c.txt", ENGLISH)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: make the read fail the way it fails for everyone else
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items, _ = read_all([tmp_path / "in"])
    assert [type(i).__name__ for i in items] == ["Document", "Skip", "Document"]
    assert items[1].reason == "cannot read file: Permission denied"


def test_a_reader_crash_costs_one_file(tmp_path, monkeypatch):
    import kg.sources

    write(tmp_path, "in/a.html", "<p>Tom Brown said it.</p>")
    write(tmp_path, "in/b.txt", ENGLISH)

    def explode(_html: str) -> tuple[str, str | None]:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(kg.sources, "html_to_text", explode)
    items, _ = read_all([tmp_path / "in"])
    assert items[0].reason == "cannot read file: RuntimeError: parser bug"
    assert isinstance(items[1], Document)


def test_hidden_files_and_the_output_folder_are_not_read(tmp_path):
    write(tmp_path, "in/a.txt", ENGLISH)
    write(tmp_path, "in/.hidden.txt", ENGLISH)
    write(tmp_path, "in/.kg-state/results.jsonl", "{}")
    write(tmp_path, "in/out/triples.jsonl", "{}")
    items, _ = read_all([tmp_path / "in"], exclude=[tmp_path / "in" / "out"])
    assert [i.id for i in items] == ["a"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    doc = one(write(tmp_path, "article.story", ENGLISH))
    assert isinstance(doc, Document) and doc.id == "article"


def test_duplicate_ids_second_is_skipped_and_names_the_first(tmp_path):
    first = write(tmp_path, "a/x.txt", ENGLISH)
    write(tmp_path, "b/x.txt", "Another text: Ann Lee said no.")
    items, _ = read_all([tmp_path / "a", tmp_path / "b"])
    assert items[0].text == ENGLISH
    assert items[1] == Skip("x", f"duplicate document id (first read from {first})", str(tmp_path / "b/x.txt"))


# -- JSONL ---------------------------------------------------------------------------------------
def test_jsonl_fields_and_fallback_id(tmp_path):
    path = write(tmp_path, "batch.jsonl", "\ufeff" + "\n".join([
        json.dumps({"id": 7, "text": ENGLISH, "title": "T", "url": "http://x", "date": "2024-01-01"}),
        json.dumps({"text": ENGLISH}),
        json.dumps({"id": "", "text": ENGLISH, "title": 3}),
    ]))
    items, _ = read_all([path])
    assert [i.id for i in items] == ["7", "batch:2", "batch:3"]
    assert (items[0].title, items[0].url, items[0].date, items[0].source) == ("T", "http://x", "2024-01-01",
                                                                              f"{path}:1")
    assert items[2].title == "3"


def test_jsonl_invalid_utf8_on_one_line_is_repaired(tmp_path):
    raw = json.dumps({"id": "a", "text": "Caf_ said Tom Brown."}).encode().replace(b"_", b"\xe9") + b"\n"
    items, warnings = read_all([write(tmp_path, "b.jsonl", raw)])
    assert items[0].text == "Caf\ufffd said Tom Brown." and warnings[0][0] == "a"


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    assert [(i.id, i.text) for i in iter_documents(["-"])] == [("stdin", ENGLISH)]
    lines = "\n" + json.dumps({"id": "s1", "text": ENGLISH}) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    items = list(iter_documents(["-"]))
    assert items[0].id == "s1" and isinstance(items[1], Skip) and items[1].doc == "stdin:3"


def test_read_file_still_yields_documents_and_skips(tmp_path):
    assert [type(i) for i in read_file(BAD / "lines.jsonl")][:2] == [Document, Skip]
