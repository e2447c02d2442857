"""The organisation tree: paths, moves and cycles."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jixiao_web.accounts.access import projects_visible_to


def test_it_gives_each_node_its_ancestors_path(tree):
    assert tree.unit.path == f"/{tree.finance.pk}/{tree.dept.pk}/{tree.unit.pk}/"
    assert tree.unit.is_within(tree.finance)
    assert not tree.unit.is_within(tree.neighbour_dept)


def test_it_moves_a_department_with_its_units_and_their_filings(draft, tree, dept_reviewer):
    tree.dept.parent = tree.other_finance
    tree.dept.save()
    tree.unit.refresh_from_db()
    assert tree.unit.path.startswith(tree.other_finance.path)
    assert list(projects_visible_to(dept_reviewer)) == [draft]


def test_it_refuses_to_put_a_node_below_itself(tree):
    tree.dept.parent = tree.unit
    with pytest.raises(ValidationError, match="下级机构"):
        tree.dept.full_clean()
