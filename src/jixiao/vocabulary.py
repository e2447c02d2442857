"""The standard words of performance tables, as data.

Everything the importer recognises by name lives here: the labels of the project header,
the headers of the indicator columns, the level-1 and level-2 indicator names and their
canonical forms. A new province's wording is a new synonym here, not new code.

All words are compared after ``key()``: whitespace removed, full-width forms folded
(NFKC), so ``其中：财政    资金`` and ``其中:财政资金`` are the same label.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


# The caches below are bounded: cell texts repeat (level names, labels, units), and a
# bounded cache keeps memory flat however many files are read.
_CACHE = 4096


@lru_cache(maxsize=_CACHE)
def key(text: str | None) -> str:
    """Given cell text, return it without whitespace and with full-width forms folded."""
    return unicodedata.normalize("NFKC", _SPACE.sub("", text or ""))


# --- Project header fields -------------------------------------------------------------
# field name → labels (after key()). Longest labels are tried first, so 项目资金 does not
# shadow 项目资金(万元) and 预算数 does not shadow 年初预算数.
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "code": ("项目编码", "项目代码", "项目编号"),
    "name": ("项目名称",),
    "department": (
        "主管部门及代码",
        "主管部门名称",
        "主管部门",
        "项目主管部门",
        "主管单位",
        "部门名称",
        "部门(单位)名称",
        "单位(部门)名称",
    ),
    "unit_name": (
        "实施单位",
        "项目实施单位",
        "预算单位",
        "预算单位名称",
        "单位名称",
        "申报单位",
        "项目申报单位",
        "项目单位",
        "项目实施单位名称",
    ),
    "budget_total": (
        "年度资金总额",
        "资金总额",
        "预算数",
        "预算金额",
        "项目总金额",
        "项目资金总额",
        "年度预算数",
        "本年预算数",
        "项目总预算",
        "项目预算数",
        "年度预算安排",
        "年度预算",
        "本年度预算",
        "年度预算金额",
        "申请金额",
        "申请资金",
        # Self-evaluation tables printed as label and value: the adjusted full-year budget.
        "全年预算数",
        "调整后预算数",
        # The total line of a 资金来源 / 项目资金 block (合计 | 财政拨款 | 其他资金).
        "合计",
        "资金合计",
    ),
    "budget_fiscal": (
        "其中:财政资金",
        "其中:财政拨款",
        "其中:当年财政拨款",
        "其中:财政拨款数",
        "财政资金",
        "财政拨款",
        "财政拨款数",
        "当年财政拨款",
        "其中:一般公共预算",
        "一般公共预算",
        "其中:一般公共预算资金",
        "一般公共预算资金",
        "本级财政资金",
        "本级财政拨款",
        "其中:财政资金",
    ),
    "budget_other": (
        "其他资金",
        "非财政拨款",
        "非财政拨款数",
        "其他来源资金",
        "其中:其他资金",
    ),
    "purpose": (
        "预算规模及资金用途",
        "资金用途",
        "项目概况",
        "项目内容",
        "项目实施内容",
        "项目简介",
        "项目主要内容",
    ),
    "spending_plan": ("资金支出计划(%)", "资金支出计划", "支出计划(%)", "支出计划"),
    "goals": (
        "年度绩效目标",
        "年度目标",
        "绩效目标",
        "年度总体目标",
        "预期目标",
        "年度",
        "整体绩效目标",
        "项目年度目标",
        "项目绩效目标",
        "项目年度绩效目标",
        "部门整体绩效目标",
        "年度整体绩效目标",
    ),
    "long_term_goals": (
        "中期目标",
        "中长期目标",
        "总体目标",
        "长期目标",
        "项目总体目标",
        "中期绩效目标",
        "实施期目标",
        "实施期绩效目标",
    ),
    # The office that filled the form in: the unit_name only where no 实施单位 is printed.
    "filing_unit": ("填报单位",),
    "year": ("预算年度", "项目年度"),
    "unit_code": ("单位编码", "单位代码", "预算单位编码", "预算单位代码", "单位编号"),
    # Self-evaluation figures printed as label and value (the matrix form is BUDGET_COLUMNS).
    "budget_executed": ("全年执行数", "实际执行数", "实际支出数", "执行数"),
    "execution_rate": ("预算执行率", "执行率", "资金执行率"),
    "total_score": ("总分", "总得分", "自评得分", "综合得分"),
    # Labels read only to recognise a header row (their values are not part of the model).
    "ignored": (
        "项目资金(万元)",
        "项目资金(元)",
        "项目资金",
        "预算资金(万元)",
        "预算资金(元)",
        "预算资金",
        "年度预算资金(万元)",
        "年度预算资金(元)",
        "年度预算资金",
        # A department's budget split by kind of spending, beside its 合计.
        "基本支出",
        "项目支出",
        "投入目标(万元)",
        "投入目标(元)",
        "投入目标",
        "项目来源",
        "项目期",
        "项目属性",
        "项目类型",
        "项目负责人",
        "项目责任人",
        "联系电话",
        "预算执行率权重(%)",
        "预算执行率权重",
        "上年结转资金",
        "上年结转",
        "其中:上年结转",
        "上级资金",
        "中央补助",
        "上级补助",
        "实际完成情况",
        "年度主要任务",
        "年度预算申请",
        "部门预算申请",
        "任务名称",
        "主要内容",
        "部门职能职责概述",
        "项目负责人及电话",
        "立项依据",
        "资金来源",
        "项目起止时间",
        "项目周期",
        "项目起止日期",
        "项目立项依据",
        "项目类别",
        "资金性质",
        "支出功能分类",
        "功能科目",
        "联系人",
        "中央资金",
        "省级资金",
        "市级资金",
        "县级资金",
        "项目期限",
        "实施期限",
        "部门职责",
        "部门职能",
        "主要职能",
        "年度部门整体支出预算",
        "部门整体支出预算",
        "年度部门整体预算",
    ),
    # The medium-term amounts printed beside the annual ones (中期资金总额 | 年度资金总额):
    # the budget lines under this label's column belong to the medium term, not the year.
    "long_term_budget": ("中期资金总额", "中长期资金总额", "实施期资金总额"),
}

# Labels after which a numbered list of goals follows; a goals label must be alone in
# its cell or followed by a space ("年度 完成…"), because 年度 also starts plain words.
SHORT_GOAL_LABELS = frozenset({"年度"})

# Labels read only as a cell of their own: inside flowing text they are more often plain
# words ("…提高项目单位人员满意度", "合计100分") than a label.
CELL_ONLY_LABELS = frozenset(
    {
        "项目单位",
        "合计",
        "资金合计",
        "年度预算",
        "本年度预算",
        "申请金额",
        "申请资金",
        "本级财政资金",
        "本级财政拨款",
        "中央资金",
        "省级资金",
        "市级资金",
        "县级资金",
        "联系人",
        "项目类别",
        "资金性质",
        "功能科目",
        "基本支出",
        "项目支出",
    }
)

# Fields that start a new project table when they appear a second time.
PROJECT_START_FIELDS = ("code", "name")

# The month-end columns of 资金支出计划.
MONTH_LABEL = re.compile(r"^(\d{1,2})月(?:底|末|份)?$")

# Self-evaluation budget columns (绩效自评表).
BUDGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "planned": ("年初预算数", "年初预算"),
    "adjusted": ("全年预算数", "全年预算", "调整后预算数"),
    "executed": ("全年执行数", "全年执行", "执行数", "实际支出"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}

TOTAL_SCORE_LABELS = frozenset({"总分", "总得分", "合计得分", "综合得分", "合计"})

# Fields that open a table after its title line even without 项目名称 (部门整体 tables).
TITLED_START_FIELDS = frozenset(
    {"code", "name", "department", "unit_name", "filing_unit", "budget_total"}
)

# --- Indicator table columns -----------------------------------------------------------
# column kind → header words (after key()).
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "index": ("序号", "编号"),
    # 指标类别 heads the level column of two-level tables (类别 | 指标名称 | 指标值).
    "level1": ("一级指标", "一级", "指标类别", "指标类型", "指标分类", "一级指标名称"),
    "level2": ("二级指标", "二级", "二级指标名称"),
    "name": (
        "三级指标",
        "三级",
        "指标名称",
        "绩效指标名称",
        "具体指标",
        "三级指标名称",
        "指标内容",
    ),
    "description": ("绩效指标描述", "指标描述", "指标解释", "指标内涵", "指标说明"),
    "long_value": (
        "中长期指标值",
        "中期指标值",
        "长期指标值",
        "中长期目标值",
        "中期目标值",
        "总体指标值",
        "整体指标值",
    ),
    "value": (
        "指标值",
        "目标值",
        "年度指标值",
        "年度目标值",
        "预期指标值",
        "年度指标值(目标值)",
        "预期目标值",
        "绩效标准",
    ),
    "basis": ("指标值确定依据", "确定依据", "指标值设定依据", "评价标准", "评分标准"),
    "nature": ("指标性质", "指标属性"),
    "direction": ("指标方向", "方向", "运算符号", "运算符", "符号", "比较符号"),
    "unit": ("计量单位", "度量单位", "单位", "指标单位"),
    "weight": ("分值", "权重", "指标分值", "权重(%)", "分值(分)", "指标权重"),
    "actual": ("实际完成值", "全年实际值", "实际完成情况", "实际值", "完成值"),
    "score": ("得分", "自评得分", "评价得分"),
    "remark": (
        "备注",
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "偏差原因",
        "原因分析",
        "未完成原因分析",
        "改进措施",
        "整改措施",
        # Last year's figures printed for comparison: read, not kept (the model holds the
        # year's own targets).
        "上年指标值",
        "上年目标值",
        "上年完成值",
        "上年实际完成值",
        "上年实际值",
        "历史值",
        # How a row is scored (浙江 评（扣）分标准): read so its texts are not reported as debris.
        "评(扣)分标准",
        "评扣分标准",
        "扣分标准",
        "计分方法",
    ),
}

# Words that label the whole indicator block in a column of its own.
TABLE_LABELS = frozenset({"绩效指标", "项目绩效指标", "年度绩效指标", "指标"})

# --- Indicator levels -----------------------------------------------------------------
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")

# Standard level-2 names with their level-1 parent. 成本指标 is a level-2 name in the
# older template (under 产出指标) and a level-1 name since 2021, so it has no fixed parent.
LEVEL2_PARENT: dict[str, str | None] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": None,
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
}

# Printed forms that mean a standard level-2 name.
LEVEL2_SYNONYMS: dict[str, str] = {
    "满意度指标": "服务对象满意度指标",
    "满意度": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
    "生态环境效益指标": "生态效益指标",
    "可持续发展指标": "可持续影响指标",
    "可持续影响力指标": "可持续影响指标",
    "生态成本指标": "生态环境成本指标",
}

# The only level-2 name a level-1 block can have, used when the level-2 cell is missing.
ONLY_CHILD = {"满意度指标": "服务对象满意度指标"}

# Units longer than three characters that a 计量单位 column holds.
UNITS = frozenset({"百分比", "个工作日", "万人次", "平方公里", "平方米", "立方米", "公里", "人/天"})

# How qualitative targets are worded (有效提升, 明显改善, 长期, 逐步完善 …): used only to
# find the value of a one-line row in flowing text, where there is no column to go by.
_QUALITATIVE = re.compile(
    r"^(?:有效|明显|显著|逐步|持续|不断|进一步|稳步|大幅|全面|基本|较大|有所|充分|极大)"
    r"|(?:提升|提高|改善|增强|降低|减少|优化|完善|加强|缓解|形成|保障|达标|合格|规范|稳定|良好|"
    r"显著|明显|长期|持续|及时|完成|正常|满意|有效)$"
)
_QUALITATIVE_LENGTH = 8


def is_qualitative_target(text: str) -> bool:
    """Return True for a short cell worded like a qualitative target (明显改善, 长期)."""
    word = key(text)
    return (
        0 < len(word) <= _QUALITATIVE_LENGTH
        and bool(_QUALITATIVE.search(word))
        and not any(ch.isdigit() for ch in word)
    )


# Words that name where a target value comes from (指标值确定依据): 《…》, 文件, 计划 …
_BASIS = re.compile(
    r"[《》]|文件|通知|规定|办法|方案|计划|标准|规范|要求|合同|协议|问卷|调查|预算|历史|经验|"
    r"依据|政策|意见|决定|纲要|规划|测算|统计|需求|惯例|上级|会议"
)


def is_basis_text(text: str) -> bool:
    """Return True for text worded like a 指标值确定依据 (《…通知》, 年度工作计划, 调查问卷)."""
    return bool(_BASIS.search(text))


NATURES = frozenset(
    {"正向", "反向", "定性", "定量", "正向指标", "反向指标", "定性指标", "定量指标"}
)


# Level cells carry their place in the outline and their share of the score: 一、产出指标,
# (一)数量指标, 1.产出指标, 产出指标(50分), 满意度(10%). Neither is part of the name. A
# figure glued to the name by extraction (2.6效益指标) is not an outline number.
_LEVEL_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.](?!\d))"
)
_LEVEL_SHARE = re.compile(r"\((?:权重|分值)?[:]?\d+(?:\.\d+)?(?:分|%)?\)$")
# A level-1 and a level-2 name printed in one cell: 效益指标—社会效益, 产出指标-数量指标.
_LEVEL_PAIR = re.compile(r"^(.+?)[-—–―─:/·]+(.+)$")


@lru_cache(maxsize=_CACHE)
def level_word(text: str | None) -> str:
    """Given a level cell, return its words without outline number and score share."""
    word = key(text)
    bare = _LEVEL_SHARE.sub("", _LEVEL_NUMBER.sub("", word))
    return bare or word


@lru_cache(maxsize=_CACHE)
def level1_name(text: str | None) -> str | None:
    """Given a cell, return the canonical level-1 name it prints (产出 → 产出指标), else None."""
    word = level_word(text)
    if not word:
        return None
    full = word if word.endswith("指标") else word + "指标"
    return full if full in LEVEL1 else None


@lru_cache(maxsize=_CACHE)
def level2_name(text: str | None) -> str | None:
    """Given a cell, return the canonical level-2 name it prints (社会效益 → 社会效益指标)."""
    word = level_word(text)
    pair = _LEVEL_PAIR.match(word)
    if pair and level1_name(pair.group(1)):
        word = pair.group(2)
    if not word or len(word) > 12:
        return None
    for candidate in (word, word + "指标"):
        if candidate in LEVEL2_PARENT:
            return candidate
        if candidate in LEVEL2_SYNONYMS:
            return LEVEL2_SYNONYMS[candidate]
    return None


def is_level_fragment(text: str | None) -> bool:
    """Return True for a piece of a level name broken by a narrow column (满意, 度指)."""
    word = key(text)
    return word in _FRAGMENTS and not (level1_name(word) or level2_name(word))


def is_level_piece(text: str | None) -> bool:
    """Return True for a cell that only labels the block (绩效指标) or is a piece of a
    level name wrapped in a narrow column (服务对象满意度 / 指标)."""
    return key(text) in TABLE_LABELS or is_level_fragment(text)


def custom_level_name(text: str) -> str:
    """Given a non-standard level name (项目完成), return it with 指标 added where omitted."""
    word = level_word(text)
    return word if word.endswith("指标") else word + "指标"


def _fragments(names: tuple[str, ...], shortest: int = 2, longest: int = 5) -> frozenset[str]:
    return frozenset(
        name[start : start + size]
        for name in names
        for size in range(shortest, longest + 1)
        for start in range(len(name) - size + 1)
        if name[start : start + size] != name
    )


_FRAGMENTS = _fragments((*LEVEL1, *LEVEL2_PARENT))


_BRACKETED = re.compile(r"\([^()]*\)$")


def _label_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {key(label): field for field, labels in table.items() for label in labels}


HEADER_INDEX = _label_index(HEADER_LABELS)
COLUMN_INDEX = _label_index(INDICATOR_COLUMNS)
BUDGET_COLUMN_INDEX = _label_index(BUDGET_COLUMNS)
# Longest first, for finding labels inside flowing text.
HEADER_LABELS_BY_LENGTH = tuple(sorted(HEADER_INDEX, key=len, reverse=True))


_LABEL_YEAR = re.compile(r"^(?:19|20)\d\d年度?")
# Fields whose label may lead with the year: not 项目名称 (2025年项目名称 is a name).
_DATED_FIELDS = frozenset({"budget_total", "budget_fiscal", "budget_other", "goals"})


@lru_cache(maxsize=_CACHE)
def header_field(text: str | None) -> str | None:
    """Given a cell, return the project field its label names, else None."""
    word = key(text).rstrip(":")
    field = HEADER_INDEX.get(word)
    if field:
        return field
    dated = _LABEL_YEAR.sub("", word)
    if dated != word and HEADER_INDEX.get(dated) in _DATED_FIELDS:
        return HEADER_INDEX[dated]  # 2025年预算数, 2025年度绩效目标
    if word.startswith("其中") and word != "其中":
        # 其中财政资金 printed without its colon
        return header_field(word[2:].lstrip(":"))
    # Labels carry notes in brackets: 其中:财政拨款(万元), 中期目标(2024-2026年).
    stripped = _BRACKETED.sub("", word)
    return HEADER_INDEX.get(stripped) if stripped != word else None


_YEAR_PREFIX = re.compile(r"^(?:(?:19|20)\d\d年度?|本年度?|当年度?|年度|全年|绩效)")


@lru_cache(maxsize=_CACHE)
def column_kind(text: str | None) -> str | None:
    """Given a header cell of the indicator table, return the column kind, else None."""
    word = key(text)
    if word not in COLUMN_INDEX and word.endswith(")"):
        word = _BRACKETED.sub("", word)  # 指标值(包含数字及文字描述), 权重(%)
    if word in COLUMN_INDEX:
        return COLUMN_INDEX[word]
    # 2025年指标值, 本年度目标值, 年度指标值: this year's column under a longer word.
    rest = _YEAR_PREFIX.sub("", word)
    if rest != word and rest in COLUMN_INDEX:
        base = COLUMN_INDEX[rest]
        return "value" if base == "long_value" else base
    head, joined, _ = word.partition("及")
    if joined and head in COLUMN_INDEX:
        return COLUMN_INDEX[head]  # 指标值确定依据及数据来源: named by its first part
    if any(word.startswith(p) for p in ("中长期", "中期", "长期", "总体")) and (
        word.endswith("指标值") or word.endswith("目标值")
    ):
        return "long_value"
    if "原因" in word or "改进措施" in word:
        return "remark"  # 未完成原因, 偏差原因及改进措施 …: why a target was missed
    return None


@lru_cache(maxsize=_CACHE)
def budget_column(text: str | None) -> str | None:
    """Given a header cell of a self-evaluation budget block, return its column, else None."""
    word = key(text)
    if word not in BUDGET_COLUMN_INDEX and word.endswith(")"):
        word = _BRACKETED.sub("", word)  # 全年预算数(A), 执行率(B/A)
    return BUDGET_COLUMN_INDEX.get(word)


# 部门整体, 部门(单位)整体支出, 单位整体支出: a table for the whole department.
_DEPARTMENT_WIDE = re.compile(r"部门(?:\(单位\))?整体|单位整体支出")


def title_kind(text: str) -> str | None:
    """Given a title line, return the table kind it announces, else None."""
    word = key(text)
    if "表" not in word and "目标" not in word:
        return None
    if _DEPARTMENT_WIDE.search(word) and "表" in word:
        return "department"
    if "自评" in word or "评价表" in word:
        return "self_evaluation"
    if "绩效目标表" in word or "申报表" in word or "审核表" in word:
        return "target"
    return None
