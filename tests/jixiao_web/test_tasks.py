"""Background imports: progress counted per file, all or nothing at the end."""

from __future__ import annotations

import pytest

from jixiao_web.filings.models import Filing, ImportJob
from jixiao_web.tasks import start_import
from tests.conftest import seed_paths

pytestmark = pytest.mark.django_db(transaction=True)


def _uploads(count: int) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in seed_paths()[:count]]


def test_it_imports_every_file_and_counts_progress(unit_clerk, tree):
    job = start_import(unit_clerk, tree.unit, _uploads(3))
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == ("done", 3, 3, 100)
    assert sorted(job.filing_ids) == sorted(Filing.objects.values_list("pk", flat=True))
    assert "已导入" in job.message


def test_it_saves_nothing_when_a_file_fails(unit_clerk, tree):
    job = start_import(unit_clerk, tree.unit, [*_uploads(2), ("坏.txt", b"\x00\x01")])
    job.refresh_from_db()
    assert (job.status, job.done) == ("failed", 3)
    assert [e["name"] for e in job.errors] == ["坏.txt"]
    assert not Filing.objects.exists()


def test_it_only_previews_when_asked(unit_clerk, tree):
    job = start_import(unit_clerk, tree.unit, _uploads(2), save=False)
    job.refresh_from_db()
    assert job.status == "done" and len(job.preview) == 2
    assert not Filing.objects.exists()
    assert ImportJob.objects.count() == 1
