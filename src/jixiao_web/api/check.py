"""Check: review a document without saving it; the answer is ``jixiao check --format json``."""

from __future__ import annotations

import json
from typing import Any

from ninja import File, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from jixiao.cli.formats import Checked, Outcome, Unreadable, format_json
from jixiao.errors import ReadError
from jixiao.importers import read_bytes
from jixiao.interchange import from_dict
from jixiao.model import Document
from jixiao.review import review_documents
from jixiao.rules import RULES
from jixiao_web.imports import batch

from . import schemas

router = Router(tags=["审核"])


class CheckDocument(Schema):
    source: schemas.ShortText = "document.json"
    projects: list[schemas.ProjectData] = Field(max_length=2000)


def _outcome(documents: list[Document], unreadable: list[Unreadable]) -> dict[str, Any]:
    reports = review_documents(documents)
    checked = [Checked(d.source, d, r) for d, r in zip(documents, reports, strict=True)]
    return json.loads(format_json(Outcome(checked, unreadable, RULES)))


@router.post("/check", response={200: dict[str, Any], 400: schemas.Message}, summary="审核文件")
def check_files(request, files: File[list[UploadedFile]]):
    """Review uploaded documents (or a .zip of them) and return the findings; nothing is saved."""
    uploads = batch.read_files(files)
    documents, unreadable = [], []
    for name, data in batch.expand(uploads):
        try:
            documents.append(read_bytes(data, name))
        except ReadError as error:
            unreadable.append(Unreadable(name, str(error)))
    return _outcome(documents, unreadable)


@router.post(
    "/check/json", response={200: dict[str, Any], 400: schemas.Message}, summary="审核 JSON"
)
def check_json(request, payload: CheckDocument):
    """Review a document in the interchange JSON format and return the findings."""
    document = from_dict(
        {"source": payload.source, "projects": [p.model_dump() for p in payload.projects]}
    )
    return _outcome([document], [])
