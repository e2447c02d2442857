"""ORM rows: a filed project, its revisions, review comments, finding decisions, import jobs.

The project itself is stored as its interchange JSON (``Filing.data``), the lossless
form the core reads and writes; the columns beside it are denormalised copies for
list filtering and sorting, kept in step by ``store.py``. Only ``actions.py`` writes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已公开"


class Grade(models.TextChoices):
    EXCELLENT = "优", "优"
    GOOD = "良", "良"
    FAIR = "中", "中"
    POOR = "差", "差"


class FilingQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create the filings, then their contents (set through ``data``/``findings``)."""
        created = super().bulk_create(objs, *args, **kwargs)
        contents = [f._content() for f in created]
        for filing, content in zip(created, contents, strict=True):
            content.filing = filing
        FilingContent.objects.bulk_create(contents, batch_size=kwargs.get("batch_size"))
        return created


class Filing(models.Model):
    """One project performance-target table filed by a budget unit for a year."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="填报单位",
        on_delete=models.PROTECT,
        related_name="filings",
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, db_index=True)
    kind = models.CharField("表类型", max_length=20, default="target")
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField("版本", default=1)

    source = models.CharField("来源文件", max_length=255, blank=True)

    # Denormalised from ``data`` for filtering (store.py keeps them in step).
    name = models.CharField("项目名称", max_length=500, blank=True, db_index=True)
    code = models.CharField("项目编码", max_length=100, blank=True, db_index=True)
    unit_name = models.CharField("单位名称", max_length=300, blank=True)
    budget_total = models.DecimalField(
        "资金总额（万元）", max_digits=18, decimal_places=4, null=True, blank=True
    )
    indicator_count = models.PositiveIntegerField("指标数", default=0)

    # The latest review of ``data``: the findings are in ``content``; these summarise them.
    score = models.FloatField("质量得分", null=True, blank=True)
    grade = models.CharField(
        "质量等级", max_length=2, choices=Grade.choices, blank=True, db_index=True
    )
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now, db_index=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        verbose_name = "绩效目标表"
        verbose_name_plural = "绩效目标表"
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "year"]),
            models.Index(fields=["year", "status"]),
            # A status-filtered list, newest first, reads its page straight off this index.
            models.Index(fields=["status", "updated_at"], name="filing_status_recent_idx"),
            # Covers the list page's per-status counts and name/code search within the
            # user's organisations without reading the wide rows (``data`` is large).
            models.Index(
                fields=["status", "organisation", "name", "code"], name="filing_list_cover_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"项目 {self.pk}"

    def save(self, *args, **kwargs) -> None:
        """Save the row and, when it is new or was changed, its content."""
        super().save(*args, **kwargs)
        if not Filing.content.is_cached(self):
            return
        content = self.content
        if content._state.adding or getattr(self, "_content_changed", False):
            content.filing = self
            content.save()
            self._content_changed = False

    # The table and its findings live in FilingContent, one row per filing, so the list
    # columns stay narrow: SQLite reads ten thousand list rows without paging through
    # kilobytes of JSON each (the list query is several times faster). ``data`` and
    # ``findings`` read and write through to it; ``save`` saves both.

    @property
    def data(self) -> dict:
        return self._content().data

    @data.setter
    def data(self, value: dict) -> None:
        self._content().data = value
        self._content_changed = True

    @property
    def findings(self) -> list:
        return self._content().findings

    @findings.setter
    def findings(self, value: list) -> None:
        self._content().findings = value
        self._content_changed = True

    def _content(self) -> FilingContent:
        try:
            return self.content
        except FilingContent.DoesNotExist:
            self.content = FilingContent(filing=self)
            return self.content


class FilingContent(models.Model):
    """The filing's table (interchange JSON, lossless) and the review's findings."""

    filing = models.OneToOneField(
        Filing, primary_key=True, on_delete=models.CASCADE, related_name="content"
    )
    data = models.JSONField("项目数据", default=dict)
    findings = models.JSONField("审核发现", default=list)

    class Meta:
        verbose_name = "绩效目标表内容"
        verbose_name_plural = "绩效目标表内容"

    def __str__(self) -> str:
        return f"内容 {self.filing_id}"


class RevisionAction(models.TextChoices):
    CREATE = "create", "创建"
    UPDATE = "update", "修改"
    SUBMIT = "submit", "提交"
    RETURN = "return", "退回"
    APPROVE = "approve", "审核通过"
    PUBLISH = "publish", "公开"
    COMMENT = "comment", "批注"
    DECIDE = "decide", "处理审核发现"


class Revision(models.Model):
    """One entry of a filing's history: who did what, why, and the table as it then was."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField("版本")
    action = models.CharField("操作", max_length=20, choices=RevisionAction.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    reason = models.TextField("说明", blank=True)
    snapshot = models.JSONField("项目数据快照")

    class Meta:
        verbose_name = "修订记录"
        verbose_name_plural = "修订记录"
        ordering = ["filing", "id"]

    def __str__(self) -> str:
        return f"{self.filing_id} v{self.version} {self.get_action_display()}"


class ReviewComment(models.Model):
    """A reviewer's (or the unit's) remark on the table or on one indicator row."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="comments")
    # Index into data["indicators"]; None for a remark on the whole table.
    indicator_index = models.PositiveIntegerField("指标行", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("意见")
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["filing", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "采纳"
    DISMISSED = "dismissed", "不采纳"


class FindingDecision(models.Model):
    """A reviewer's verdict on one review finding (rule code + row), with the reason."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="decisions")
    rule = models.CharField("规则", max_length=10)
    indicator_index = models.PositiveIntegerField("指标行", null=True, blank=True)
    decision = models.CharField("处理", max_length=20, choices=Decision.choices)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审核发现处理"
        verbose_name_plural = "审核发现处理"
        ordering = ["filing", "rule", "indicator_index"]

    def __str__(self) -> str:
        return f"{self.rule}@{self.indicator_index}: {self.get_decision_display()}"


class JobStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportJob(models.Model):
    """A background import of a batch of files; the page polls its progress."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING)
    # The staged upload (imports/batch.py) and whether to save once every file reads.
    token = models.CharField(max_length=64, blank=True)
    save_when_read = models.BooleanField(default=True)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    # The files, saved under the data dir, and what came of them.
    files = models.JSONField(default=list)
    preview = models.JSONField(default=list)
    filing_ids = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"导入 {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
