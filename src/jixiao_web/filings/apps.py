from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "jixiao_web.filings"
    label = "filings"
    verbose_name = "绩效目标填报"
