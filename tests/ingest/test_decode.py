"""Decoding: UTF-8 first, legacy encodings detected and decoded correctly (W002), stray bytes (W007)."""

from __future__ import annotations

import pytest

from wireledger.errors import InputError
from wireledger.ingest.decode import binary_kind, decode_text, plausibility

RUSSIAN = ("Следователи возбудили уголовное дело после нападения на генерала в Москве. "
           "Подозреваемый скрылся с места преступления, сообщили в ведомстве.")
FRENCH = ("Le général a été blessé par balles près de son domicile, selon les enquêteurs. "
          "« Une enquête a été ouverte », a précisé le parquet.")
GERMAN = "Der Täter flüchtete nach den Schüssen. Die Ermittler prüfen Überwachungsvideos aus der Straße."
SPANISH = ("El presunto autor huyó después del ataque, según la policía. "
           "¿Quién está detrás? Nadie lo sabe aún.")
POLISH = "Sprawca uciekł z miejsca zdarzenia. Policja prowadzi śledztwo w sprawie strzelaniny w Łodzi."
CZECH = ("Policie vyšetřuje přestřelku v centru města. Podezřelý muž uprchl, uvedla mluvčí. "
         "Zraněného převezli do nemocnice.")
GREEK = "Ο δράστης διέφυγε μετά την επίθεση, σύμφωνα με την αστυνομία."


@pytest.mark.parametrize(("text", "encoding", "reported"), [
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8_r", "koi8_r"),
    (FRENCH, "latin-1", "cp1252"),
    (GERMAN, "latin-1", "cp1252"),
    (SPANISH, "cp1252", "cp1252"),
    (POLISH, "cp1250", "cp1250"),
    (POLISH, "iso8859_2", "iso8859_2"),
    (CZECH, "cp1250", "cp1250"),
    (GREEK, "cp1253", "cp1253"),
    ("A short note from the café.", "latin-1", "cp1252"),
])
def test_legacy_encodings_decode_correctly(text, encoding, reported):
    decoded = decode_text(text.encode(encoding), "in.txt")
    assert decoded.text == text
    assert decoded.encoding == reported
    assert decoded.warnings == (f"W002 in.txt: not UTF-8; decoded as {reported}",)


def test_legacy_file_read_end_to_end(ingest, tmp_path):
    path = tmp_path / "moscow.txt"
    path.write_bytes(("Нападение в Москве\n\n" + RUSSIAN).encode("cp1251"))
    (doc,), problems = ingest([path])
    assert problems == []
    assert doc.title == "Нападение в Москве" and doc.language == "ru"
    assert [w[:4] for w in doc.warnings] == ["W002", "W004", "W001"]
    assert doc.metadata["encoding"] == "cp1251"


def test_utf8_is_read_as_is():
    decoded = decode_text(RUSSIAN.encode("utf-8"), "x")
    assert decoded.text == RUSSIAN and decoded.warnings == ()


def test_byte_order_marks():
    assert decode_text(b"\xef\xbb\xbfHello there", "x").text == "Hello there"
    assert decode_text("Héllo wörld".encode("utf-16"), "x").text == "Héllo wörld"
    # UTF-16 without a mark, recognised by its NUL pattern (not taken for binary)
    assert decode_text("Plain report text in UTF-16.".encode("utf-16-le"), "x").text == \
        "Plain report text in UTF-16."


def test_stray_bytes_in_utf8_are_replaced_and_flagged():
    data = ("“Quoted” words — and more. " * 10).encode("utf-8") + b"\xff end"
    decoded = decode_text(data, "x.txt")
    assert decoded.encoding == "utf-8" and "\ufffd end" in decoded.text
    assert decoded.warnings[0].startswith("W007 x.txt: 1 invalid UTF-8 byte(s) replaced")


def test_gibberish_is_refused():
    with pytest.raises(InputError) as err:
        decode_text(bytes(range(128, 256)) * 8, "noise.txt")
    assert err.value.code == "E103"


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n", "a PDF document"), (b"PK\x03\x04rest", "a ZIP archive (or an Office document)"),
    (b"\x89PNG\r\n", "a PNG image"), (b"text\x00with nul", "binary data (NUL bytes)"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08abc", "binary data (control bytes)"),
    (b"Just a report.\n", None), ("UTF-16 text".encode("utf-16"), None),
])
def test_binary_kind(head, kind):
    assert binary_kind(head) == kind


def test_plausibility_prefers_real_writing():
    assert plausibility(RUSSIAN) == 1.0
    assert plausibility(RUSSIAN.encode("cp1251").decode("cp1252", errors="replace")) < 0.5
    assert plausibility(FRENCH.encode("latin-1").decode("cp1251")) < 0.5
