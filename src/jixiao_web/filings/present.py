"""Show stored findings to one reader: peers named only when the reader may see them.

A finding that names another filing carries it as a token (``⟦filing:12⟧``, written by
``review.py``). Here each token becomes the filing's current name when the reader may
see that filing, listed in ``peers`` with its id (the UI links it); otherwise the
finding says only that another unit has such a project this year, so it stays useful
without disclosing a filing outside the reader's organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from jixiao_web.accounts.access import projects_visible_to

from .peer_index import TOKEN_PATTERN

HIDDEN_PEER = "本年度其他单位的一个项目"
# A token with the quotes (and the word 项目) the rules wrap a project name in.
_QUOTED = re.compile(r"(项目)?“(⟦filing:(\d+)⟧)”")


def present_findings(findings: Iterable[dict[str, Any]], user) -> list[dict[str, Any]]:
    """Given stored findings, return them as ``user`` may read them (tokens resolved)."""
    findings = list(findings)
    names = _visible_names(_named(findings), user)
    return [_present(finding, names) for finding in findings]


def _named(findings: list[dict[str, Any]]) -> set[int]:
    ids: set[int] = set()
    for finding in findings:
        for text in (finding.get("message"), finding.get("fix")):
            ids.update(int(pk) for pk in TOKEN_PATTERN.findall(text or ""))
    return ids


def _visible_names(ids: set[int], user) -> dict[int, str]:
    if not ids:
        return {}
    rows = projects_visible_to(user).filter(pk__in=ids).values_list("pk", "name")
    return {pk: name or f"项目 {pk}" for pk, name in rows}


def _present(finding: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    shown = [{"id": pk, "name": names[pk]} for pk in finding.get("peers") or () if pk in names]
    return {
        **finding,
        "message": _resolve(finding.get("message") or "", names),
        "fix": _resolve(finding["fix"], names) if finding.get("fix") else finding.get("fix"),
        "peers": shown,
    }


def _resolve(text: str, names: dict[int, str]) -> str:
    """Return ``text`` with each token replaced by a visible name or the anonymous phrase."""

    def quoted(match: re.Match[str]) -> str:
        pk = int(match.group(3))
        if pk in names:
            return f"{match.group(1) or ''}“{names[pk]}”"
        return HIDDEN_PEER

    text = _QUOTED.sub(quoted, text)
    return TOKEN_PATTERN.sub(lambda m: names.get(int(m.group(1)), HIDDEN_PEER), text)
