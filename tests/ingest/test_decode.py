"""Decoding: UTF-8 first, Western encodings before exotic ones, BOMs honoured, lines repaired."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest import read_inputs
from storyline.ingest.decode import decode
from storyline.model import RawDocument

FRENCH = (
    "Le conseil municipal a voté jeudi l'arrêt des travaux de dragage à Harbourton.\n"
    "Les pêcheurs, présents à la séance, ont salué une décision « très attendue ».\n"
)
ENGLISH = (
    "Harbourton’s council voted on Tuesday to halt the dredging — “for now”, its chair said.\n"
)


def _documents(path: Path) -> list[RawDocument]:
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


def test_latin1_and_cp1252_text_is_read_as_western_not_mac_latin2() -> None:
    # charset_normalizer alone picks mac_latin2 here: "votť", "arrÍt".
    text, encoding = decode("a.txt", FRENCH.encode("latin-1"))
    assert text == FRENCH and encoding == "cp1252"
    curly = "The mayor’s “suspension” – a pause…\n"
    assert decode("b.txt", curly.encode("cp1252")) == (curly, "cp1252")


def test_utf8_with_one_bad_byte_stays_utf8() -> None:
    # One stray byte used to make the whole file mac_roman: "Harbourton‚Äôs".
    bad = "The mayor’s “one bad \xff byte”.\n".encode().replace(b"\xc3\xbf", b"\xff")
    text, encoding = decode("a.txt", ENGLISH.encode() + bad + ENGLISH.encode())
    assert text == ENGLISH + "The mayor’s “one bad \ufffd byte”.\n" + ENGLISH
    assert encoding == "utf-8, undecodable bytes replaced in 1 line(s)"


def test_a_cp1252_apostrophe_in_a_utf8_file_is_repaired() -> None:
    text, _ = decode("a.txt", ENGLISH.encode() + b"The council\x92s vote.\n")
    assert text == ENGLISH + "The council’s vote.\n"


def test_a_file_mixing_utf8_and_latin1_lines_is_repaired_line_by_line() -> None:
    data = ENGLISH.encode() + FRENCH.encode("latin-1") + "Ein Schiff für Ärger.\n".encode()
    text, encoding = decode("mixed.txt", data)
    assert text == ENGLISH + FRENCH + "Ein Schiff für Ärger.\n"
    assert encoding == "utf-8, 2 line(s) as cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(codec: str, tmp_path: Path) -> None:
    data = FRENCH.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [document] = _documents(path)
    assert document.text == FRENCH


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_json_lines_with_a_byte_order_mark_are_read(codec: str, tmp_path: Path) -> None:
    lines = [
        {"title": "Dragage arrêté", "outlet": "Le Courrier", "text": FRENCH},
        {"title": "Line with U+2028 \u2028 inside", "text": ENGLISH},
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode(codec)
    )
    first, second = _documents(path)
    assert first.title == "Dragage arrêté" and first.text == FRENCH
    assert second.source.endswith("#2") and second.text == ENGLISH
    # Read by name in a folder walk too (where non-article JSON Lines are skipped).
    assert len(_documents(tmp_path)) == 2


def test_a_latin1_line_in_json_lines_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        json.dumps({"text": ENGLISH}, ensure_ascii=False).encode()
        + b"\n"
        + json.dumps({"title": "Arrêt", "text": FRENCH}, ensure_ascii=False).encode("latin-1")
    )
    first, second = _documents(path)
    assert first.text == ENGLISH
    assert second.title == "Arrêt" and second.text == FRENCH


def test_nul_and_control_characters_are_stripped_from_json_lines_fields(tmp_path: Path) -> None:
    record = {
        "title": "Dredging\x00 halted\x1b[31m",
        "outlet": "Bay\x00 \x1b[1mNews\x1b[0m",
        "url": "https://bay.example/a\x00",
        "text": "A body\x00 with a NUL and a \x1b]8;;https://evil.example\x07link\x1b]8;;\x07.",
    }
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n")
    [document] = _documents(path)
    # Escape sequences go whole, not just their escape character ("halted[31m").
    assert document.title == "Dredging halted"
    assert document.outlet == "Bay News" and document.url == "https://bay.example/a"
    assert document.text == "A body with a NUL and a link."


def test_mojibake_is_repaired_and_cyrillic_is_still_detected() -> None:
    assert decode("a.txt", "Harbourtonâ€™s council".encode())[0] == "Harbourton’s council"
    russian = "Совет гавани проголосовал за приостановку дноуглубительных работ.\n"
    text, encoding = decode("ru.txt", russian.encode("cp1251"))
    assert text == russian and encoding == "cp1251"


def test_utf16_without_text_is_still_empty_or_binary() -> None:
    with pytest.raises(InputError, match="empty"):
        decode("a.txt", "  \n".encode("utf-16"))
    with pytest.raises(InputError, match="binary"):
        decode("b.txt", codecs.BOM_UTF16_LE + "\x00\x01\x02\x03".encode("utf-16-le") * 99)


def test_stdin_in_utf16_is_sniffed_as_json_lines() -> None:
    data = json.dumps({"text": ENGLISH}, ensure_ascii=False).encode("utf-16")
    [document] = list(read_inputs(["-"], io.BytesIO(data)))
    assert isinstance(document, RawDocument) and document.text == ENGLISH


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("gbk", "港口委员会周二投票决定暂停东部港池的疏浚工作。渔民对投票表示欢迎。\n"),
        ("shift_jis", "港湾委員会は火曜日、東部の浚渫を停止することを決定した。\n"),
    ],
)
def test_cjk_legacy_encodings_are_still_detected(codec: str, text: str) -> None:
    # Their double-byte characters hold valid UTF-8 pairs by chance: not "UTF-8 with bad lines".
    decoded, encoding = decode("a.txt", (text * 3).encode(codec))
    assert text.split("。")[0] in decoded
    assert encoding and not encoding.startswith("utf-8")
