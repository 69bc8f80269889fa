"""Reading local documents: decoding, sniffing, caps, and inputs that are not regular files."""

from __future__ import annotations

import codecs
import io
import os
import threading
import time
from pathlib import Path

import pytest

from claimcheck import documents
from claimcheck.decoding import binary_kind
from claimcheck.documents import DocumentError, load_document, read_stdin
from claimcheck.files import InputTooLarge, NotReadable, read_bounded

CLAIM = "Foo-3 beats GPT-4o on MMLU."
fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_html_with_an_escape_character_is_read(tmp_path: Path) -> None:
    # issue 13's reproducer: lxml raised "All strings must be XML compatible"
    doc = load_document(_write(tmp_path, "r1.html", b"<p>a</p>\x1b"))
    assert doc.text.strip() == "a"
    hostile = "<html><body><p>" + CLAIM + "\x1b[2J\x0c\ufffe\uffff\x7f</p></body></html>"
    doc = load_document(_write(tmp_path, "r2.html", hostile.encode("utf-8")))
    assert CLAIM in doc.text


def test_a_title_keeps_no_escape_sequence_and_is_cut_visibly(tmp_path: Path) -> None:
    """Titles are cleaned as fetched ones are (`text.one_line`): an escape sequence goes whole."""
    data = b"---\ntitle: Zephyr\x1b[2J\x1b]0;pwned\x07 launch\n---\n" + CLAIM.encode()
    assert load_document(_write(tmp_path, "t.md", data)).title == "Zephyr launch"
    long = load_document(_write(tmp_path, "long.md", b"# " + b"word " * 100 + b"\n")).title
    assert len(long) == 300 and long.endswith("…")


def test_one_bad_byte_in_utf8_is_replaced_not_mojibake(tmp_path: Path) -> None:
    data = f"{CLAIM} The café is nice \xff and naïve — ok.".encode().replace(b"\xc3\xbf", b"\xff")
    text = load_document(_write(tmp_path, "bad.md", data)).text
    assert text == f"{CLAIM} The café is nice \ufffd and naïve — ok."


def test_an_escape_and_a_bad_byte_are_not_a_binary_file(tmp_path: Path) -> None:
    data = f"{CLAIM} \x1b[1mtoday\x1b[0m.\nAnd the caf".encode() + b"\xe9 is open.\n"
    text = load_document(_write(tmp_path, "ansi.md", data)).text
    assert CLAIM in text and "café" in text


def test_legacy_encodings_decode_as_a_browser_would(tmp_path: Path) -> None:
    latin = f"{CLAIM} Le café est très bon, naïve.".encode("latin-1")
    assert load_document(_write(tmp_path, "l.md", latin)).text.endswith("très bon, naïve.")
    smart = f"{CLAIM} It\u2019s \u201cbetter\u201d.".encode("cp1252")
    assert load_document(_write(tmp_path, "s.md", smart)).text.endswith("It’s “better”.")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_a_bom_is_text(tmp_path: Path, bom: bytes, encoding: str) -> None:
    data = bom + f"{CLAIM} café".encode(encoding)
    assert load_document(_write(tmp_path, "u.md", data)).text == f"{CLAIM} café"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n" + b"x" * 100, "a PDF file"),
        (b"PK\x03\x04" + b"x" * 100, "a zip archive"),
        (b"text\x00more", "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
        (f"{CLAIM} \x1b[31mred\x1b[0m \x07".encode(), None),
        (b"plain text\twith\x0c form feed\r\n", None),
    ],
)
def test_binary_only_on_evidence(data: bytes, expected: str | None) -> None:
    found = binary_kind(data)
    assert (found is None) if expected is None else (found is not None and expected in found)


def test_a_big_regular_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    with pytest.raises(DocumentError, match="too large"):
        load_document(_write(tmp_path, "big.md", b"word " * 300))


def test_standard_input_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    with pytest.raises(DocumentError, match="^-: too large"):
        read_stdin(io.BytesIO(b"a" * 5000))
    assert read_stdin(io.BytesIO(CLAIM.encode())).text == CLAIM


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_stops_at_the_cap() -> None:
    started = time.monotonic()
    with pytest.raises(InputTooLarge):
        read_bounded("/dev/zero", 3 * 1024 * 1024)
    assert time.monotonic() - started < 30  # 3 MB read, not an endless one
    with pytest.raises(DocumentError, match="too large"):
        load_document("/dev/zero")


@fifo_only
def test_a_fifo_with_no_writer_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="nothing writing to it"):
        load_document(str(fifo))


@fifo_only
def test_a_fifo_with_a_writer_is_read_like_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    done = threading.Event()

    def writer() -> None:
        # open() blocks until a reader opens the pipe, and a blocked writer already counts
        # as one; if the reader gave up in between, the write fails and is tried again
        while not done.is_set():
            try:
                with open(fifo, "wb") as fh:
                    fh.write(CLAIM.encode())
                return
            except BrokenPipeError:
                continue

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    try:
        while True:  # until the writer thread has reached its open(): no writer is an error
            try:
                doc = load_document(str(fifo))
                break
            except DocumentError:
                if time.monotonic() > deadline:
                    raise
    finally:
        done.set()
    assert doc.text == CLAIM


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX sockets")
def test_sockets_and_pipes_are_not_files(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.md"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(NotReadable, match="a socket"):
            read_bounded(path, 100)
        with pytest.raises(DocumentError, match="socket"):
            load_document(str(path))
    finally:
        sock.close()
