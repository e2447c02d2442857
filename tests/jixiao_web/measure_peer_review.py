"""Print how long a filing's review among its peers takes with N filings in one scope.

Not a test (timings depend on the machine): run it by hand.

    .venv/bin/python -m tests.jixiao_web.measure_peer_review [N]    # default 2000

It migrates a throwaway SQLite database (or uses ``DATABASE_URL``'s server, in a
database of its own), files N projects (the 39 seed projects, each in five variants
of its target values, so every project has about ten near-copies: JX601's worst
realistic case) over 40 units of one finance bureau, and times:

- the first review (the process reads the scope and builds its peer index);
- a review with nothing changed (the live re-review in the grid editor);
- a review after another filing of the scope changed (the index reads that one again);
- the background pass that re-reviews the scope after a change.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.jixiao_web.settings")
os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-measure-"))


def main(count: int) -> None:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _measure(count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _measure(count: int) -> None:
    from jixiao_web.filings import peers
    from jixiao_web.filings.models import Filing
    from jixiao_web.filings.review import review_filing
    from jixiao_web.tasks import review_scope

    filings = _file(count)
    target = Filing.objects.select_related("organisation", "content").get(pk=filings[count // 2])
    peers.forget_all()
    print(f"{count} filings in one scope (bureau, year)")
    _report("first review (reads the scope, builds the index)", lambda: review_filing(target))
    _report("review, nothing changed", lambda: review_filing(target), 20)
    client, post = _editor(target)
    url = f"/{target.pk}/edit/review/"
    panel = client.post(url, post)
    assert panel.status_code == 200 and b"JX601" in panel.content, "the editor did not review"
    _report("live editor re-review (POST, HTML panel)", lambda: client.post(url, post), 20)
    other = filings[0]

    def after_a_change() -> float:
        Filing.objects.filter(pk=other).update(version=Filing.objects.get(pk=other).version + 1)
        start = time.perf_counter()
        review_filing(target)
        return time.perf_counter() - start

    times = [after_a_change() for _ in range(10)]
    print(f"  {'review after another filing changed':52} median {_ms(statistics.median(times))}")
    key = peers.scope_key(target)
    unit = {Filing.objects.get(pk=other).organisation_id}

    def change_and_review_scope() -> None:
        Filing.objects.filter(pk=other).update(version=Filing.objects.get(pk=other).version + 1)
        review_scope(key, unit)

    _report("background re-review of the scope after a change", change_and_review_scope, 3)


def _editor(filing):
    """Return a client logged in as a clerk of the filing's unit, and the editor's form."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from jixiao_web.accounts.models import Membership, Role
    from tests.jixiao_web.ui.helpers import editor_post

    user = get_user_model().objects.create_user("measure_clerk")
    Membership.objects.create(user=user, organisation=filing.organisation, role=Role.UNIT_CLERK)
    client = Client()
    client.force_login(user)
    return client, editor_post(filing)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _report(label: str, run: Callable[[], object], repeat: int = 1) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(f"  {label:52} median {_ms(statistics.median(times))} (n={repeat})")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _file(count: int) -> list[int]:
    """File ``count`` projects over 40 units of one bureau; return the filing ids."""
    from jixiao.interchange import from_dict, project_to_dict
    from jixiao_web.accounts.models import Organisation, OrgKind
    from jixiao_web.filings import store
    from jixiao_web.filings.models import Filing
    from jixiao_web.filings.review import review_project
    from tests.conftest import EXPECTED

    bureau = Organisation.objects.create(name="测算财政局", kind=OrgKind.FINANCE)
    units = []
    for d in range(8):
        dept = Organisation.objects.create(name=f"部门{d}", kind=OrgKind.DEPARTMENT, parent=bureau)
        for u in range(5):
            name = f"单位{d}-{u}"
            units.append(Organisation.objects.create(name=name, kind=OrgKind.UNIT, parent=dept))
    templates = [
        project_to_dict(p)
        for path in sorted(EXPECTED.glob("*.json"))
        for p in from_dict(json.loads(path.read_text(encoding="utf-8"))).projects
    ]
    rows = []
    for i in range(count):
        data = _variant(templates[i % len(templates)], i, len(templates))
        filing = Filing(organisation=units[i % len(units)], source=f"第{i}号.docx")
        store.apply_project(filing, data)
        store.apply_review(filing, review_project(store.project_from_data(filing.data)))
        rows.append(filing)
    Filing.objects.bulk_create(rows, batch_size=500)
    return list(Filing.objects.order_by("pk").values_list("pk", flat=True))


def _variant(template: dict, i: int, templates: int) -> dict:
    """Return template ``i`` renamed, in the year 2025, with its targets scaled by variant."""
    factor = 1 + (i // templates) % 5 / 10
    indicators = [
        {**row, "value": row["value"] * factor} if _is_number(row.get("value")) else row
        for row in template.get("indicators") or []
    ]
    return {
        **template,
        "name": f"{template.get('name') or '项目'}（{i}）",
        "code": f"P{i:06d}",
        "year": 2025,
        "indicators": indicators,
    }


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
