"""The site's search index: Pagefind run over the HTML of an already built site.

`index_site` is the whole job, and it needs nothing of MkDocs: the plugin calls
it after a build, and a build in shards calls it once on the joined site folder.
What gets indexed is written in the HTML itself (docs/search.md): pages carry
their searchable text in ``data-pagefind-body`` (site_overrides/main.html),
text that repeats another page's sits in ``data-pagefind-ignore``, and
`EXCLUDED_SELECTORS` below drop what the page templates repeat everywhere.

Pagefind numbers pages in the order it is given them, and its own walk of a
folder follows the file system's directory order, which differs between two
copies of the same site (tmpfs lists files newest first, ext4 by a hash
seeded per file system). So the files are not left to that walk: they are
sent to Pagefind's service mode (``pagefind --service``, the protocol its
Python and Node wrappers speak) one by one, sorted by path, and the same site
gives the same index bytes on any machine.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..memory import peak_resident_bytes

BUNDLE = "pagefind"
"""The folder of the index and of Pagefind's scripts, inside the site folder."""

BODY = "data-pagefind-body"
"""The mark of a page's searchable part (site_overrides/main.html); pages without it are not indexed."""

LANGUAGE = "ru"
"""One index for every page: Pagefind picks its stemmer (Snowball Russian) by this language."""

EXCLUDED_SELECTORS = (
    ".headerlink",  # the «¶» that makes a heading a link to itself
    ".pk-card a",  # names of other registry entries: each has its own page
    ".pk-card strong",  # the labels of a card («Вид:», «Сокращённо:»), the same on thousands of pages
)
"""What Pagefind skips inside indexed pages, beside the ``data-pagefind-ignore`` parts."""

IN_FLIGHT = 32
"""Pages sent ahead of Pagefind's answers: enough to keep it busy, few enough that it
never holds more than a few pages of HTML waiting to be read."""


class SearchIndexError(Exception):
    """Pagefind is missing, or failed; the message says which and why (in Russian)."""


@dataclass(frozen=True)
class IndexStats:
    pages: int  # pages in the index
    files: int  # files Pagefind wrote, its scripts included
    size: int  # their bytes on disk
    seconds: float
    peak_bytes: int  # peak resident memory of the Pagefind process


def index_site(site_dir: Path) -> IndexStats:
    """Index the HTML pages of ``site_dir`` into ``site_dir/pagefind/``, replacing what was there.

    A page is indexed if it has a ``data-pagefind-body`` element, and only that part of it.
    """
    site_dir = site_dir.resolve()
    output = site_dir / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    pages = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    requests = _requests(site_dir, pages, output)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        peak_bytes = _run_service(requests, output, log)
    seconds = time.perf_counter() - started
    written = [path for path in output.rglob("*") if path.is_file()]
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    if not indexed:
        raise SearchIndexError(f"ни на одной странице {site_dir} нет {BODY}, искать будет не в чем "
                               f"(его ставит шаблон site_overrides/main.html)")
    return IndexStats(pages=indexed, files=len(written), size=sum(path.stat().st_size for path in written),
                      seconds=seconds, peak_bytes=peak_bytes)


def _requests(site_dir: Path, pages: list[str], output: Path) -> Iterator[dict]:
    """What Pagefind's service is asked, in order: a new index, each page, write the files.

    Only pages with ``data-pagefind-body`` go (Pagefind would drop the others, but
    only after reading them: the deadlines page is megabytes). A page goes by its
    path relative to the site, from which Pagefind makes its URL as its own walk
    would (``org/x/index.html`` → ``/org/x/``).
    """
    yield {"type": "NewIndex", "config": {"force_language": LANGUAGE,
                                          "exclude_selectors": list(EXCLUDED_SELECTORS)}}
    for page in pages:
        html = (site_dir / page).read_text(encoding="utf-8")
        if BODY in html:
            yield {"type": "AddFile", "index_id": 0, "file_path": page, "url": None, "file_contents": html}
    yield {"type": "WriteFiles", "index_id": 0, "output_path": str(output)}


def _run_service(requests: Iterator[dict], output: Path, log: IO[bytes]) -> int:
    """Send the requests to one ``pagefind --service`` process; its peak memory in bytes."""
    try:
        service = subprocess.Popen([str(pagefind_binary()), "--service"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind не запустился: {exc}") from None
    try:
        _converse(service, requests, log)
        _wait_until_written(service.pid, output)
        peak_bytes = peak_resident_bytes(service.pid)
        service.stdin.close()  # the service exits at the end of its input
    except BrokenPipeError:
        raise SearchIndexError(f"Pagefind прервал работу: {_tail(log)}") from None
    finally:
        if service.stdin and not service.stdin.closed:
            service.kill()
        if service.stdout:
            service.stdout.close()
        service.wait()
    if service.returncode != 0:
        raise SearchIndexError(f"Pagefind завершился с кодом {service.returncode}: {_tail(log)}")
    return peak_bytes or 0


def _converse(service: subprocess.Popen, requests: Iterator[dict], log: IO[bytes]) -> None:
    """Write the requests, at most `IN_FLIGHT` ahead of the answers; check every answer."""
    assert service.stdin is not None and service.stdout is not None
    answers = _answers(service.stdout)
    waiting = 0
    for message_id, request in enumerate(requests):
        message = json.dumps({"message_id": message_id, "payload": request}, ensure_ascii=False)
        service.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        service.stdin.flush()
        waiting += 1
        if waiting > IN_FLIGHT:
            _check(next(answers, None), log)
            waiting -= 1
    for _ in range(waiting):  # the service answers in order: the last is WriteFiles
        _check(next(answers, None), log)


def _wait_until_written(pid: int, output: Path) -> None:
    """Wait until the service holds no file of ``output`` open, i.e. its last writes are on disk.

    Pagefind 1.5.2 answers WriteFiles while the last write of a file may still be
    running in a background thread, and the service exits at once when its input
    ends: closed too early, files come out cut short (fixed upstream after 1.5.2,
    pagefind#1272). Such a write keeps its file open until it is done, which
    Linux shows in /proc; elsewhere a second's pause has to do.
    """
    descriptors = Path(f"/proc/{pid}/fd")
    if not descriptors.is_dir():
        time.sleep(1)
        return
    folder = f"{output}{os.sep}"
    while any(_target(descriptor).startswith(folder) for descriptor in descriptors.iterdir()):
        time.sleep(0.01)


def _target(descriptor: Path) -> str:
    try:
        return os.readlink(descriptor)
    except OSError:  # closed meanwhile
        return ""


def _answers(stdout: IO[bytes]) -> Iterator[dict]:
    """The service's answers: base64 JSON, each followed by a comma (base64 has none)."""
    pending = b""
    while chunk := stdout.read1(1 << 16):  # type: ignore[attr-defined]
        *complete, pending = (pending + chunk).split(b",")
        for message in complete:
            yield json.loads(base64.b64decode(message))


def _check(answer: dict | None, log: IO[bytes]) -> None:
    if answer is None:
        raise SearchIndexError(f"Pagefind прервал работу: {_tail(log)}")
    payload = answer["payload"]
    if payload["type"] == "Error":
        raise SearchIndexError(f"Pagefind сообщил об ошибке: {payload['message']}")


def _tail(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace").strip()[-2000:] or "без сообщения"


def pagefind_binary() -> Path:
    """Pagefind's executable from the ``pagefind-bin`` wheel: a build never downloads it."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("не установлен пакет pagefind-bin (make setup)") from None
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"в пакете pagefind-bin нет исполняемого файла: {exc}") from None
