"""Where inputs come from: paths, folders, globs and stdin; bounded reading; gzip; format sniffing.

Every input is read through a size cap (``Settings.max_bytes``, decompressed). A file over the cap is
refused from its size alone (E107); a compressed file is decompressed as a stream and refused as soon as
it expands past the cap (E109), so a gzip bomb never fills memory. JSONL is read line by line and the
cap applies to each line.
"""

from __future__ import annotations

import glob
import io
import json
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Problem

HEAD_BYTES = 65_536
# File name endings and the reader each one goes to (a trailing .gz is looked through).
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
# What a folder gives: only files whose type is a report's. Markdown (.md) is read when named directly,
# but in a folder it is a README or someone's notes; so are files named like these, whatever their type.
FOLDER_LEAVES_OUT = (".md",)
NOT_REPORTS = frozenset({"readme", "notes", "changelog", "changes", "license", "licence", "contributing",
                         "todo", "authors", "copying"})
_LISTED = 10  # left-out names listed in a folder's W008 line
_GZIP_ERRORS = (EOFError, OSError, zlib.error)
STDIN_NAME = "<stdin>"


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _suffixes(name: str) -> tuple[str, bool]:
    """(the suffix that decides the format, whether the name ends in .gz)."""
    lowered = name.lower()
    gz = lowered.endswith(".gz")
    if gz:
        lowered = lowered[:-3]
    base = lowered.rsplit("/", 1)[-1]
    return (base[base.rfind("."):] if "." in base.lstrip(".") else ""), gz


def format_for_name(name: str) -> str | None:
    """The reader a file name asks for, or None when the name does not say."""
    suffix, _ = _suffixes(name)
    return EXTENSIONS.get(suffix)


def is_supported_name(name: str) -> bool:
    suffix, gz = _suffixes(name)
    return suffix in EXTENSIONS or (gz and suffix == "")


def sniff_format(head: bytes) -> str:
    """Guess the reader from the first bytes: feed, html, jsonl, else text."""
    s = head[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    low = s.lower()
    if low.startswith(b"<?xml"):
        return "html" if b"<html" in low[:2048] else "feed"
    if low.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in low[:1024]:
        return "html"
    if s.startswith(b"{"):
        first = s.split(b"\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
        if first.endswith(b"}"):
            return "jsonl"
    if low.startswith(b"<") and b">" in low[:200]:
        return "html"
    return "text"


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them): gives them back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # RawIOBase's buffer type is wider
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        # read1: one underlying read, so bytes are not lost when a later read fails (truncated gzip)
        read = getattr(self._rest, "read1", self._rest.read)
        data = read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class _Gunzip(io.RawIOBase):
    """Gzip decompression as a stream, in bounded steps (a bomb never expands in memory at once).

    Unlike ``gzip.GzipFile`` it hands out every byte it could decompress before reporting a truncated
    stream (EOFError) or corrupt data (zlib.error), so the complete lines before the damage are read.
    Concatenated members are read one after another; zero padding after the last member is ignored.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._decoder = zlib.decompressobj(wbits=31)
        self._input = b""
        self._raw_eof = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def _produce(self) -> bytes:
        while True:
            if not self._input and not self._raw_eof:
                self._input = self._raw.read(HEAD_BYTES)
                self._raw_eof = not self._input
            if self._decoder.eof:
                leftover = self._decoder.unused_data + self._input
                self._input = b""
                if leftover.strip(b"\0"):  # another member follows
                    self._decoder = zlib.decompressobj(wbits=31)
                    self._input = leftover
                    continue
                if self._raw_eof:
                    return b""
                continue
            if not self._input:
                raise EOFError("compressed data ends before the end-of-stream marker")
            out = self._decoder.decompress(self._input, HEAD_BYTES)
            self._input = self._decoder.unconsumed_tail
            if out:
                return out

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # RawIOBase's buffer type is wider
        if not self._pending:
            self._pending = self._produce()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def rewound(head: bytes, rest: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Rewound(head, rest), buffer_size=HEAD_BYTES)


@dataclass(frozen=True)
class OpenedInput:
    """An input ready to read: its first bytes (decompressed), the stream that gives them again."""

    name: str
    stream: BinaryIO
    head: bytes
    compressed: bool
    size: int | None  # bytes on disk, for a regular uncompressed file


def open_stream(raw: BinaryIO, name: str, size: int | None) -> OpenedInput:
    """Look at the first bytes of ``raw`` (decompressing gzip); raise InputError on empty/corrupt input."""
    head = raw.read(HEAD_BYTES)
    if not head:
        raise InputError("E101", name, "empty file (0 bytes)", "skipped")
    stream = rewound(head, raw)
    compressed = head[:2] == b"\x1f\x8b"
    if compressed:
        gz = io.BufferedReader(_Gunzip(stream), buffer_size=HEAD_BYTES)
        chunks: list[bytes] = []
        size = 0
        while size < HEAD_BYTES:
            try:
                chunk = gz.read1(HEAD_BYTES - size)
            except _GZIP_ERRORS as exc:
                if not chunks:
                    raise InputError("E108", name, f"truncated or corrupt gzip data ({_gzip_reason(exc)})",
                                     "skipped") from exc
                break  # the damage shows again when the rest is read, after what could be read
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        inner_head = b"".join(chunks)
        if not inner_head:
            raise InputError("E101", name, "compressed file holds nothing", "skipped")
        return OpenedInput(name, rewound(inner_head, gz), inner_head, True, None)
    return OpenedInput(name, stream, head, False, size)


def _gzip_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "it ends before the end-of-stream marker"
    message = str(exc) or type(exc).__name__
    return message.replace("Error -3 while decompressing data: ", "")


def read_capped(opened: OpenedInput, max_bytes: int) -> bytes:
    """All bytes of an input, refusing it (E107/E109/E108) past ``max_bytes``."""
    if opened.size is not None and opened.size > max_bytes:
        raise InputError("E107", opened.name, f"file is {human_size(opened.size)}, over the "
                         f"{human_size(max_bytes)} size limit (max_bytes)", "skipped")
    try:
        data = opened.stream.read(max_bytes + 1)
    except _GZIP_ERRORS as exc:
        raise InputError("E108", opened.name, f"truncated or corrupt gzip data ({_gzip_reason(exc)})",
                         "skipped") from exc
    if len(data) > max_bytes:
        if opened.compressed:
            raise InputError("E109", opened.name, f"decompresses to more than the {human_size(max_bytes)} "
                             "size limit (max_bytes); possible gzip bomb", "skipped")
        raise InputError("E107", opened.name, f"input is over the {human_size(max_bytes)} size limit "
                         "(max_bytes)", "skipped")
    return data


def iter_lines(opened: OpenedInput, max_bytes: int,
               abort_long: bool) -> Iterator[tuple[int, bytes] | Problem]:
    """(line number, line) of a line-oriented input, with the size cap applied to each line.

    An over-long line is skipped; when ``abort_long`` (compressed or endless input) the rest of the
    input is given up instead, since finding the next line could mean decompressing a bomb."""
    lineno = 0
    while True:
        try:
            line = opened.stream.readline(max_bytes + 1)
        except _GZIP_ERRORS as exc:
            yield Problem("E108", opened.name, f"truncated or corrupt gzip data after line {lineno} "
                          f"({_gzip_reason(exc)})", "rest of the file skipped")
            return
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            where = f"{opened.name}:{lineno}"
            cause = f"line is over the {human_size(max_bytes)} size limit (max_bytes)"
            if abort_long:
                code = "E109" if opened.compressed else "E107"
                yield Problem(code, where, cause, "rest of the file skipped")
                return
            yield Problem("E107", where, cause, "line skipped")
            while True:
                chunk = opened.stream.readline(HEAD_BYTES)
                if not chunk or chunk.endswith(b"\n"):
                    break
            continue
        yield lineno, line


@dataclass(frozen=True)
class InputFile:
    path: Path
    name: str  # as the user sees it in messages
    explicit: bool  # named on the command line (not found in a folder or by a glob)


def is_report_name(name: str) -> bool:
    """Whether a file found in a folder is taken as a report: a supported type other than markdown, and
    not named README, NOTES, LICENSE and the like."""
    suffix, _ = _suffixes(name)
    stem = name.rsplit("/", 1)[-1].lower().split(".", 1)[0]
    return is_supported_name(name) and suffix not in FOLDER_LEAVES_OUT and stem not in NOT_REPORTS


def _walk(folder: Path, name: str) -> Iterator[InputFile | Problem]:
    found = False
    left_out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            if not is_report_name(filename):
                left_out.append(os.path.relpath(Path(dirpath) / filename, folder))
                continue
            path = Path(dirpath) / filename
            shown = os.path.join(name, os.path.relpath(path, folder))
            found = True
            if path.is_symlink() and not path.exists():
                yield Problem("E113", shown, f"dangling link to {os.readlink(path)}", "skipped")
            else:
                yield InputFile(path, shown, explicit=False)
    if left_out:
        left_out.sort()
        listed = ", ".join(left_out[:_LISTED]) + (f" and {len(left_out) - _LISTED} more" if len(left_out) >
                                                   _LISTED else "")
        yield Problem("W008", name, f"{len(left_out)} file(s) not reports by their type or name: {listed}",
                      "left out (name a file directly to read it)")
    if not found:
        yield Problem("E101", name, "folder holds no files of a supported type", "nothing read")


def expand_path(raw: str) -> Iterator[InputFile | Problem]:
    """The files one command-line path stands for: itself, a folder's files (recursive, sorted,
    hidden files and unsupported types left out) or a glob's matches (sorted)."""
    path = Path(raw)
    if path.is_symlink() and not path.exists():
        yield Problem("E113", raw, f"dangling link to {os.readlink(path)}", "skipped")
    elif path.is_dir():
        yield from _walk(path, raw)
    elif path.exists():
        yield InputFile(path, raw, explicit=True)
    elif glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield Problem("E100", raw, "no file matches this pattern", "nothing read")
        for match in matches:
            mpath = Path(match)
            if mpath.is_dir():
                yield from _walk(mpath, match)
            elif mpath.is_symlink() and not mpath.exists():
                yield Problem("E113", match, f"dangling link to {os.readlink(mpath)}", "skipped")
            elif is_supported_name(match):
                yield InputFile(mpath, match, explicit=False)
    else:
        yield Problem("E100", raw, "no such file or directory", "skipped")


def open_file(item: InputFile) -> tuple[BinaryIO, int | None]:
    """Open an input file for reading: (stream, size when it is a regular file)."""
    try:
        handle = open(item.path, "rb")  # noqa: SIM115 - the caller closes it
    except PermissionError as exc:
        raise InputError("E100", item.name, "permission denied", "skipped") from exc
    except IsADirectoryError as exc:
        raise InputError("E100", item.name, "is a directory", "skipped") from exc
    except OSError as exc:
        raise InputError("E100", item.name, f"cannot be opened ({exc.strerror or exc})", "skipped") from exc
    info = os.fstat(handle.fileno())
    return handle, info.st_size if stat.S_ISREG(info.st_mode) else None
