"""``manage.py create_token USERNAME [--name NAME]``: issue an API token and print its key."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jixiao_web.accounts.models import Token


class Command(BaseCommand):
    help = "为用户创建 API 令牌（密钥只显示这一次）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="", help="令牌用途说明")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在。")
        _, key = Token.issue(user, name)
        self.stdout.write(key)
