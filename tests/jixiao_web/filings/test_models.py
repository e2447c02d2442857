"""Filing keeps its table in a separate content row; reading and writing go through."""

from __future__ import annotations

from jixiao_web.filings.models import Filing, FilingContent


def test_it_saves_the_table_with_the_row(tree):
    filing = Filing(
        organisation=tree.unit, name="甲", data={"name": "甲"}, findings=[{"rule": "JX101"}]
    )
    filing.save()
    again = Filing.objects.get(pk=filing.pk)
    assert (again.data, again.findings) == ({"name": "甲"}, [{"rule": "JX101"}])


def test_it_bulk_creates_contents_too(tree):
    rows = [Filing(organisation=tree.unit, name=str(i), data={"name": str(i)}) for i in range(3)]
    Filing.objects.bulk_create(rows)
    assert sorted(c.data["name"] for c in FilingContent.objects.all()) == ["0", "1", "2"]


def test_it_lists_without_loading_the_tables(draft, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [f.name for f in Filing.objects.all()]
    assert names == [draft.name]
