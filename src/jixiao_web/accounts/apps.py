from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao_web.accounts"
    label = "accounts"
    verbose_name = "机构与用户"

    def ready(self) -> None:
        from . import throttle  # noqa: F401  (connects the login signal receivers)
