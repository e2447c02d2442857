"""Review settings as data: rule selection, severities, thresholds, scoring, vocabulary.

Layers, later wins: packs/default.toml < a named pack (packs/<name>.toml) < the project
file (jixiao.toml, or [tool.jixiao] in pyproject.toml) < command-line flags. Every layer
is the same TOML shape::

    pack = "hebei-2025"            # file layer only: which pack to layer under it
    select = ["JX"]                # code prefixes; the most specific prefix wins (flake8)
    ignore = ["JX310"]
    extend-select = []             # add to the lists of the layers below
    extend-ignore = []
    regime = "auto"                # "A", "B" or "auto" (research/regulations.md §2.1)
    [rules.JX305]                  # per rule: severity and thresholds
    severity = "info"
    max_percent = 100
    [scoring]                      # deductions per severity, floor, grade bands
    [vocabulary]                   # word lists (negative-sense, vague, …); layers add words
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .rules.base import Rule, Severity

PACKS = Path(__file__).parent / "packs"
CONFIG_FILES = ("jixiao.toml", "pyproject.toml")
_NAME_CACHE_SIZE = 200_000


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message is in Chinese."""


@dataclass(frozen=True)
class Vocabulary:
    """The word lists rules key on, with their regexes compiled once."""

    words: Mapping[str, tuple[str, ...]]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.words.get(key, ())

    @cached_property
    def placeholders(self) -> frozenset[str]:
        return frozenset(self["placeholders"])

    @cached_property
    def negating(self) -> tuple[str, ...]:
        return tuple(self["negating"])

    @cached_property
    def _polarity_words(self) -> tuple[re.Pattern[str], dict[str, str]]:
        words = [(w, "n") for w in self["negative"]] + [(w, "p") for w in self["positive"]]
        # Longest first so 不合格率 (negative) wins over 合格率 (positive) at one position.
        words.sort(key=lambda item: -len(item[0]))
        pattern = re.compile("|".join(re.escape(w) for w, _ in words) or r"(?!)")
        return pattern, dict(words)

    def name_facts(self, name: str | None) -> tuple[str, str | None]:
        """Given an indicator name, return it without whitespace and its polarity (cached:
        a province repeats its indicator names many times over)."""
        cache = self.__dict__.setdefault("_names", {})
        facts = cache.get(name)
        if facts is None:
            squashed = "".join(name.split()) if name else ""
            facts = (squashed, self.polarity(squashed))
            if len(cache) >= _NAME_CACHE_SIZE:
                cache.clear()
            cache[name] = facts
        return facts

    def pattern(self, key: str) -> re.Pattern[str]:
        """Return a compiled alternation of the word list ``key`` (cached)."""
        cache = self.__dict__.setdefault("_patterns", {})
        if key not in cache:
            words = sorted(self[key], key=len, reverse=True)
            cache[key] = re.compile("|".join(re.escape(w) for w in words) or r"(?!)")
        return cache[key]

    def polarity(self, name: str) -> str | None:
        """Given an indicator name, return "negative", "positive" or None.

        The head of a Chinese noun phrase comes last, so the last sense word decides
        (故障排除及时率 is a positive rate), unless a negating modifier sits right before
        it (超期办件率, 未完成率). A negative word after a reducing verb (降低事故发生率)
        names a reduction, whose direction is ambiguous: None.
        """
        pattern, sense = self._polarity_words
        last = None
        for match in pattern.finditer(name):
            last = match
        if last is None:
            return None
        if sense[last.group()] == "p":
            negated = name[: last.start()].endswith(self.negating)
            return "negative" if negated else "positive"
        if self.pattern("reducing").search(name, 0, last.start()):
            return None
        return "negative"


@dataclass(frozen=True)
class Settings:
    """Effective review settings after all layers are merged."""

    select: tuple[str, ...] = ("JX",)
    ignore: tuple[str, ...] = ()
    regime: str = "auto"
    severities: Mapping[str, Severity] = field(default_factory=dict)
    thresholds: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    deductions: Mapping[Severity, float] = field(
        default_factory=lambda: {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}
    )
    floor: float = 0
    grades: tuple[tuple[str, float], ...] = (("优", 90), ("良", 80), ("中", 60), ("差", 0))
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}))
    packs: tuple[str, ...] = ()

    def is_selected(self, code: str) -> bool:
        """Return whether ``code`` is on: the longest matching prefix of select/ignore wins.

        A tie goes to select, so ``--select JX405`` turns on a rule a pack ignores.
        """
        selected = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return selected >= 0 and selected >= ignored

    def instantiate(self, rules: Iterable[type[Rule]]) -> list[Rule]:
        """Return the selected rules as instances with severity and thresholds applied."""
        active = []
        for rule in rules:
            if not self.is_selected(rule.code):
                continue
            unknown = set(self.thresholds.get(rule.code, {})) - set(rule.thresholds)
            if unknown:
                names = "、".join(sorted(unknown))
                raise ConfigError(f"规则 {rule.code} 没有阈值 {names}")
            active.append(rule(self.severities.get(rule.code), self.thresholds.get(rule.code)))
        return active

    def grade(self, score: float) -> str:
        """Return the grade band ``score`` falls in (bands sorted from the top)."""
        for name, minimum in self.grades:
            if score >= minimum:
                return name
        return self.grades[-1][0]


# --- loading ---------------------------------------------------------------------------


def load_settings(
    path: Path | None = None,
    *,
    pack: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    extend_ignore: Sequence[str] = (),
    search_from: Path | None = None,
) -> Settings:
    """Return settings from defaults < pack < file < these arguments (the CLI flags).

    ``path`` is a jixiao.toml or pyproject.toml; without it, the nearest one found
    walking up from ``search_from`` is used (when ``search_from`` is given).
    """
    file_layer: dict[str, Any] = {}
    if path is None and search_from is not None:
        path = find_config(search_from)
    if path is not None:
        file_layer = read_config_file(path)
    layers = [read_pack("default")]
    pack_name = pack or file_layer.get("pack")
    for name in _pack_names(pack_name):
        layers.append(read_pack(name))
    layers.append(file_layer)
    cli: dict[str, Any] = {
        "extend-select": list(extend_select),
        "extend-ignore": list(extend_ignore),
    }
    if select is not None:
        cli["select"] = list(select)
    if ignore is not None:
        cli["ignore"] = list(ignore)
    layers.append(cli)
    return settings_from_layers(layers, packs=tuple(_pack_names(pack_name)))


def settings_from_layers(
    layers: Sequence[Mapping[str, Any]], packs: tuple[str, ...] = ()
) -> Settings:
    """Given TOML-shaped layers (lowest first), return the merged Settings."""
    merged = _merge_layers(layers)
    rules = merged.get("rules", {})
    return Settings(
        select=tuple(merged["select"]),
        ignore=tuple(merged["ignore"]),
        regime=_regime(merged.get("regime", "auto")),
        severities={
            code: _severity(code, v["severity"]) for code, v in rules.items() if "severity" in v
        },
        thresholds={
            code: {k: v for k, v in values.items() if k != "severity"}
            for code, values in rules.items()
        },
        deductions=_deductions(merged.get("scoring", {})),
        floor=merged.get("scoring", {}).get("floor", 0),
        grades=_grades(merged.get("scoring", {})),
        vocabulary=Vocabulary({k: tuple(v) for k, v in merged.get("vocabulary", {}).items()}),
        packs=packs,
    )


def default_settings() -> Settings:
    """Return the settings of packs/default.toml alone (cached)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = settings_from_layers([read_pack("default")])
    return _DEFAULT


_DEFAULT: Settings | None = None


def available_packs() -> list[str]:
    return sorted(p.stem for p in PACKS.glob("*.toml"))


def read_pack(name: str) -> dict[str, Any]:
    path = PACKS / f"{name}.toml"
    if not path.is_file():
        known = "、".join(available_packs())
        raise ConfigError(f"未知的规则包“{name}”（可用：{known}）")
    return _read_toml(path)


def read_config_file(path: Path) -> dict[str, Any]:
    """Return the jixiao table of a config file ([tool.jixiao] in pyproject.toml)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("jixiao", {})
    return data


def find_config(start: Path) -> Path | None:
    """Return the nearest jixiao.toml, or pyproject.toml with [tool.jixiao], at or above start."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or read_config_file(candidate)):
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}：无法读取配置文件（{exc.strerror}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}：配置文件不是有效的 TOML（{exc}）") from None


def _pack_names(pack: Any) -> list[str]:
    if not pack:
        return []
    names = [pack] if isinstance(pack, str) else list(pack)
    return [n for n in names if n != "default"]


def _merge_layers(layers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"select": ["JX"], "ignore": []}
    for layer in layers:
        for key, value in layer.items():
            if key in ("extend-select", "extend_select"):
                merged["select"] = [*merged["select"], *value]
            elif key in ("extend-ignore", "extend_ignore"):
                merged["ignore"] = [*merged["ignore"], *value]
            elif key == "vocabulary" and isinstance(merged.get(key), Mapping):
                merged[key] = _union_lists(merged[key], value)
            elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
                merged[key] = _deep_merge(merged[key], value)
            else:
                merged[key] = value
    return merged


# Tables a layer replaces whole: a grade scale or a list of weight splits is one value.
_REPLACED = frozenset({"grades", "splits"})


def _union_lists(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    # Word lists add up across layers: a province pack adds words, it does not restart.
    result = dict(base)
    for key, words in over.items():
        result[key] = list(dict.fromkeys([*result.get(key, []), *words]))
    return result


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        if key in _REPLACED:
            result[key] = value
        elif isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = _deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def _severity(code: str, value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(
            f"规则 {code} 的 severity“{value}”无效，应为 error、warning 或 info"
        ) from None


def _regime(value: Any) -> str:
    if value not in ("auto", "A", "B"):
        raise ConfigError(f"regime“{value}”无效，应为 auto、A 或 B")
    return value


def _deductions(scoring: Mapping[str, Any]) -> dict[Severity, float]:
    given = scoring.get("deductions", {})
    defaults = {"error": 10, "warning": 4, "info": 1}
    return {Severity(k): float(given.get(k, v)) for k, v in defaults.items()}


def _grades(scoring: Mapping[str, Any]) -> tuple[tuple[str, float], ...]:
    bands = scoring.get("grades") or {"优": 90, "良": 80, "中": 60, "差": 0}
    return tuple(sorted(((k, float(v)) for k, v in bands.items()), key=lambda b: -b[1]))
