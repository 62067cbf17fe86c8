"""Pagefind's indexing service, spoken to directly: the index comes back as data and is
written by us, whole, before the build goes on.

Pagefind's own Python API (``PagefindIndex``) asks the service to write the files and
then terminates it. The service answers as soon as its writes are *queued*, so on a busy
machine the process is killed with the last chunk of a file still unwritten: a
``pagefind-ui.js`` cut at 64 KiB, and a search page that shows nothing. Its reader also
stops at answers over 2 MiB and waits 100 ms before reading each one. The protocol under
it is small and documented by the wrapper itself: base64 JSON requests and answers, each
followed by a comma, on the binary's stdin and stdout (``pagefind --service``).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

SEPARATOR = b","
#: The answer each request is given (its payload's ``type``), when it succeeds.
ANSWERS = {"NewIndex": "NewIndex", "AddDir": "IndexedDir", "AddFile": "IndexedFile",
           "AddRecord": "IndexedFile", "GetFiles": "GetFiles"}
_CHUNK = 1 << 20


class PagefindError(RuntimeError):
    """The service failed, answered with an error, or could not be started."""


def executable() -> Path | None:
    """The binary Pagefind's package would run (the extended one first, or
    ``PAGEFIND_BINARY_PATH``), or None."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


class Service:
    """One running ``pagefind --service``: requests in order, each answered before the next."""

    def __init__(self, process: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
        self._process = process
        self._errors = errors
        self._pending = bytearray()
        self._message_id = 0

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return its answer's payload; an error answer raises."""
        return self.requests([payload])[0]

    def requests(self, payloads: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send requests all at once and return their answers' payloads in their order.

        One round trip per page costs more than indexing it, so the pages of an index go
        in one stream; a thread writes them while the answers are read, or the service,
        its answers unread, would stop reading (both pipes full).
        """
        first = self._message_id + 1
        messages = []
        for payload in payloads:
            self._message_id += 1
            message = {"message_id": self._message_id, "payload": payload}
            messages.append(base64.b64encode(json.dumps(message).encode("utf-8")) + SEPARATOR)
        failed: list[OSError] = []
        writer = threading.Thread(target=self._write, args=(messages, failed), daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(payloads):
            # A service that stops raises here; the writer, a daemon, ends when the
            # service is stopped (its stdin closed, or the process killed).
            answer = self._answer()
            number = answer.get("message_id")
            # An answer to a message it could not read has no id; it carries the original.
            if number is None:
                number = first + len(answers)
            if isinstance(number, int) and first <= number <= self._message_id:
                answers[number] = answer.get("payload") or {}
        writer.join()
        if failed:
            raise PagefindError(f"the service stopped ({failed[0]}){self._stderr()}")
        results = []
        for number, payload in enumerate(payloads, start=first):
            result = answers[number]
            if result.get("type") == "Error":
                raise PagefindError(f"{payload['type']}: {result.get('message')}")
            expected = ANSWERS[payload["type"]]
            if result.get("type") != expected:
                raise PagefindError(f"{payload['type']}: answered {result.get('type')!r}, "
                                    f"not {expected!r}")
            results.append(result)
        return results

    def _write(self, messages: list[bytes], failed: list[OSError]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            for message in messages:
                stdin.write(message)
            stdin.flush()
        except (OSError, ValueError) as error:  # ValueError: closed by running()'s end
            failed.append(OSError(str(error)))

    def _answer(self) -> dict[str, Any]:
        stdout = self._process.stdout
        assert stdout is not None
        # The index's files come back in one answer, tens of MiB for a large archive:
        # gathered in one growing buffer, searched only where new bytes arrived.
        pending, searched = self._pending, 0
        while (end := pending.find(SEPARATOR, searched)) < 0:
            searched = len(pending)
            chunk = stdout.read1(_CHUNK)  # type: ignore[attr-defined]
            if not chunk:
                raise PagefindError(f"the service stopped without answering{self._stderr()}")
            pending += chunk
        raw, self._pending = bytes(pending[:end]), pending[end + 1:]
        try:
            decoded = json.loads(base64.b64decode(raw, validate=True))
        except (binascii.Error, ValueError) as error:
            raise PagefindError(f"an answer could not be read ({error})") from error
        if not isinstance(decoded, dict):
            raise PagefindError("an answer could not be read")
        return decoded

    def _stderr(self) -> str:
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace").strip()
        return f": {text[-500:]}" if text else ""


@contextmanager
def running(binary: Path, cwd: Path | None = None) -> Iterator[Service]:
    """The service, for the length of the block; stopped (its stdin closed, then waited
    for) afterwards, with nothing of ours left for it to write. ``cwd``: the folder the
    paths of the pages it is given are relative to (it makes their URLs from them)."""
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(  # noqa: S603 - Pagefind's own binary, no shell
                [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=errors, cwd=cwd)
        except OSError as error:
            raise PagefindError(f"{binary} could not be started ({error})") from error
        try:
            yield Service(process, errors)
        finally:
            if process.stdin is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()  # the service exits at the end of its input
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


#: One index's input: its pages (path under the site, HTML) and its records.
Pages = Sequence[tuple[str, str]]


def index_parts(binary: Path, site: Path, config: dict[str, Any],
                parts: Iterable[tuple[int, Pages, Sequence[dict[str, Any]]]]
                ) -> Iterator[tuple[int, dict[str, bytes]]]:
    """One index per part, from its pages and records, by one service: each part's
    bundle (its files by relative path) as soon as it is made, so that one part's pages
    are held at a time. A page's URL is made by Pagefind from its path under ``site``,
    as when it indexes the folder."""
    with running(binary, cwd=site) as service:
        for part, pages, records in parts:
            index_id = service.request({"type": "NewIndex", "config": config})["index_id"]
            service.requests(
                [{"type": "AddFile", "index_id": index_id, "file_path": path,
                  "file_contents": text} for path, text in pages]
                + [{"type": "AddRecord", "index_id": index_id,
                    **{key: value for key, value in record.items() if value is not None}}
                   for record in records])
            files = service.request({"type": "GetFiles", "index_id": index_id}).get("files")
            yield part, _decoded(files or [])


def _decoded(files: list[dict[str, Any]]) -> dict[str, bytes]:
    bundle: dict[str, bytes] = {}
    for file in files:
        try:
            bundle[str(file["path"])] = base64.b64decode(file["content"], validate=True)
        except (KeyError, TypeError, binascii.Error) as error:
            raise PagefindError(f"a file of the index could not be read ({error})") from error
    return bundle
