"""The web review follows the configured rule pack and jixiao.toml."""

from __future__ import annotations

from jixiao_web.filings.review import review_project, reviewer
from tests.jixiao_web.conftest import seed_document


def test_it_reviews_with_the_default_pack(settings):
    settings.REVIEW_PACK, settings.REVIEW_CONFIG = "", ""
    assert reviewer().settings.packs == ()
    review = review_project(seed_document("003").projects[0])
    assert review.findings and review.grade in {"优", "良", "中", "差"}


def test_it_layers_a_province_pack(settings):
    settings.REVIEW_PACK = "henan-2022"
    assert reviewer().settings.packs == ("henan-2022",)


def test_it_honours_a_config_file(settings, tmp_path):
    config = tmp_path / "jixiao.toml"
    config.write_text('ignore = ["JX1", "JX2", "JX3", "JX4", "JX5", "JX6"]\n', encoding="utf-8")
    settings.REVIEW_PACK, settings.REVIEW_CONFIG = "", str(config)
    review = review_project(seed_document("003").projects[0])
    assert (review.findings, review.score) == ([], 100.0)
