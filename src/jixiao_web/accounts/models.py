"""Organisations as a tree (财政局 → 主管部门 → 预算单位), memberships with roles, API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone


class OrgKind(models.TextChoices):
    FINANCE = "finance", "财政部门"
    DEPARTMENT = "department", "主管部门"
    UNIT = "unit", "预算单位"


class Role(models.TextChoices):
    UNIT_CLERK = "unit_clerk", "填报人"
    DEPT_REVIEWER = "dept_reviewer", "主管部门审核人"
    FINANCE_REVIEWER = "finance_reviewer", "财政审核人"
    ADMIN = "admin", "管理员"


class Organisation(models.Model):
    """One node of the tree. ``path`` ("/1/4/9/") makes "this node and below" one prefix query."""

    name = models.CharField("名称", max_length=200)
    code = models.CharField("单位编码", max_length=50, blank=True)
    kind = models.CharField("类型", max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Save, then derive ``path`` from the parent's (the primary key is needed first).

        Moving an organisation re-roots the paths of everything below it.
        """
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path == self.path:
            return
        old, self.path = self.path, path
        Organisation.objects.filter(pk=self.pk).update(path=path)
        if old:
            below = Organisation.objects.filter(path__startswith=old).exclude(pk=self.pk)
            below.update(path=Concat(Value(path), Substr("path", len(old) + 1)))

    def clean(self) -> None:
        """Refuse a parent that is this organisation or lies below it (a cycle)."""
        if self.parent is not None and self.pk and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": "上级机构不能是该机构自身或其下级机构。"})

    def is_within(self, other: Organisation) -> bool:
        """Return whether this organisation is ``other`` or lies below it."""
        return self.path.startswith(other.path)


class Membership(models.Model):
    """A user's place in the tree and what they do there (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="机构", on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "成员"
        verbose_name_plural = "成员"

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


def hash_key(key: str) -> str:
    """Given a raw API key, return the digest stored in the database."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Token(models.Model):
    """An API token. Only the SHA-256 of the key is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100, blank=True)
    prefix = models.CharField("前缀", max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, name: str = "") -> tuple[Token, str]:
        """Create a token for ``user``; return it with the raw key (the only time it is known)."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=hash_key(key))
        return token, key
