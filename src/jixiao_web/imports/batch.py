"""Upload → preview → confirm, shared by the import pages, the API and the background task.

Uploaded files (a .zip is unpacked into its members) are staged on disk under the data
dir with a manifest naming who uploaded them for which unit. The preview reads and
reviews every file with the core; confirming re-reads the staged files and saves every
project as a draft in one transaction, or nothing when any file fails to read.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings

from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.importers.safety import LIMITS, check_zip_entries
from jixiao.model import Document
from jixiao_web.accounts.models import Organisation
from jixiao_web.filings import actions
from jixiao_web.filings.models import Filing
from jixiao_web.filings.review import Review, review_document

Upload = tuple[str, bytes]  # (file name as the user sent it, its bytes)

# Staged uploads older than this are removed when a new batch is staged.
STAGING_LIFETIME_SECONDS = 24 * 3600


class UploadError(actions.InvalidInput):
    """The upload as a whole is unusable (too large, empty, a broken .zip)."""


@dataclass(slots=True)
class ReadResult:
    """One file of a batch: its document and per-project reviews, or why it could not be read."""

    name: str
    document: Document | None = None
    error: str | None = None
    reviews: list[Review] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None


# --- unpacking ------------------------------------------------------------------------


def read_files(files: Iterable[Any]) -> list[Upload]:
    """Given Django uploaded files, return (name, bytes) pairs, checking the size first.

    The sizes are known before anything is read, so an oversized batch is refused
    without loading it into memory.
    """
    files = list(files)
    _check_size(sum(f.size or 0 for f in files))
    return [(f.name or "未命名", f.read()) for f in files]


def check_total_size(uploads: Iterable[Upload]) -> None:
    """Raise UploadError when the batch is over the configured upload limit."""
    _check_size(sum(len(data) for _, data in uploads))


def _check_size(total: int) -> None:
    if total > settings.MAX_UPLOAD_BYTES:
        cap = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise UploadError(f"上传文件共 {total / 1024 / 1024:.1f} MB，超过上限 {cap} MB。")


def expand(uploads: Iterable[Upload]) -> list[Upload]:
    """Given uploaded files, return the documents in them (each .zip replaced by its members)."""
    out: list[Upload] = []
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            out.extend(_zip_members(name, data))
        else:
            out.append((name, data))
    if not out:
        raise UploadError("没有收到文件，请选择要导入的文件。")
    return out


def _zip_members(name: str, data: bytes) -> list[Upload]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if _is_document(i)]
        check_zip_entries(infos, name, LIMITS)
        return [(f"{name}/{_member_name(i)}", archive.read(i)) for i in infos]
    except ReadError as error:
        raise UploadError(str(error)) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise UploadError(f"{name}：压缩包已损坏或已加密，无法解压。") from None


def _is_document(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    hidden = any(part.startswith((".", "__MACOSX")) for part in parts)
    return not info.is_dir() and not hidden


def _member_name(info: zipfile.ZipInfo) -> str:
    """Return the member's name; Windows zips store Chinese names in GBK without saying so."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


# --- reading --------------------------------------------------------------------------


def read_upload(name: str, data: bytes) -> ReadResult:
    """Given one file, return what the core reads from it and the review of each project.

    The file is reviewed as one document, as ``jixiao check`` does: the corpus rules
    compare its projects with each other (the peers of the scope come after saving).
    """
    try:
        document = read_bytes(data, PurePosixPath(name).name)
    except ReadError as error:
        return ReadResult(name, error=str(error))
    reviews = review_document(document)
    return ReadResult(name, document=document, reviews=reviews)


def read_uploads(
    uploads: Iterable[Upload], progress: Callable[[ReadResult], None] | None = None
) -> list[ReadResult]:
    """Read every file; call ``progress`` after each one (the background task counts them)."""
    results = []
    for name, data in uploads:
        result = read_upload(name, data)
        if progress is not None:
            progress(result)
        results.append(result)
    return results


def preview(results: Iterable[ReadResult]) -> list[dict[str, Any]]:
    """Return the JSON-ready preview: per file, its projects with their findings, or the error."""
    return [_file_preview(result) for result in results]


def _file_preview(result: ReadResult) -> dict[str, Any]:
    document = result.document
    return {
        "name": result.name,
        "ok": result.ok,
        "error": result.error,
        "warnings": [str(w) for w in document.warnings] if document else [],
        "projects": [
            _project_preview(project, review)
            for project, review in zip(
                document.projects if document else [], result.reviews, strict=True
            )
        ],
    }


def _project_preview(project, review: Review) -> dict[str, Any]:
    return {
        "name": project.name,
        "code": project.code,
        "year": project.year,
        "unit_name": project.unit_name,
        "budget_total": project.budget_total,
        "indicator_count": len(project.indicators),
        "score": review.score,
        "grade": review.grade,
        "errors": review.errors,
        "warnings": review.warnings,
        "findings": review.findings,
    }


def save(results: list[ReadResult], user, organisation: Organisation) -> list[Filing]:
    """Save every project of every file as drafts, all or nothing.

    Refuses the whole batch (InvalidInput, listing the files) when any file failed to read.
    """
    failed = [r for r in results if not r.ok]
    if failed:
        listing = "；".join(r.error or r.name for r in failed[:10])
        more = f"等 {len(failed)} 个文件" if len(failed) > 10 else ""
        raise actions.InvalidInput(f"有文件无法读取，未导入任何项目：{listing}{more}")
    documents = [r.document for r in results if r.document is not None]
    return actions.do_create_from_documents(
        documents, user, organisation, sources=[r.name for r in results]
    )


# --- staging --------------------------------------------------------------------------


@dataclass(slots=True)
class Staged:
    """A staged batch: who uploaded it, for which unit, and the files."""

    token: str
    user_id: int
    organisation_id: int
    names: list[str]
    folder: Path

    def uploads(self) -> Iterator[Upload]:
        """Yield the files one at a time (a large batch never sits in memory at once)."""
        for i, name in enumerate(self.names):
            yield name, (self.folder / f"{i:05d}").read_bytes()


def staging_root() -> Path:
    return Path(settings.UPLOAD_DIR) / "staging"


def stage(uploads: list[Upload], user, organisation: Organisation) -> Staged:
    """Save the files under a fresh token; return the staged batch."""
    _sweep()
    token = uuid.uuid4().hex
    folder = staging_root() / token
    folder.mkdir(parents=True)
    # Files are stored by position, never under the uploaded name (no path tricks).
    for i, (_, data) in enumerate(uploads):
        (folder / f"{i:05d}").write_bytes(data)
    names = [name for name, _ in uploads]
    manifest = {"user": user.pk, "organisation": organisation.pk, "names": names}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return Staged(token, user.pk, organisation.pk, names, folder)


def load_staged(token: str, user) -> Staged:
    """Return the batch staged under ``token`` by ``user``; raise UploadError otherwise."""
    folder = staging_root() / token
    if not (token.isalnum() and (folder / "manifest.json").is_file()):
        raise UploadError("导入批次不存在或已过期，请重新上传。")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    if manifest["user"] != user.pk:
        raise UploadError("导入批次不存在或已过期，请重新上传。")
    return Staged(token, manifest["user"], manifest["organisation"], manifest["names"], folder)


def discard(staged: Staged) -> None:
    shutil.rmtree(staged.folder, ignore_errors=True)


def _sweep() -> None:
    root = staging_root()
    if not root.is_dir():
        return
    cutoff = time.time() - STAGING_LIFETIME_SECONDS
    for folder in root.iterdir():
        if folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
