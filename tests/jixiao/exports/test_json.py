import pytest

from jixiao import interchange
from jixiao.exports import EXPORTERS, export

from .documents import expected_document, expected_paths, self_evaluation


@pytest.mark.parametrize("path", expected_paths(), ids=lambda p: p.stem[:3])
def test_it_writes_the_interchange_json_without_loss(path):
    document = expected_document(path)
    data = export(document, "json")
    assert interchange.loads(data.decode("utf-8")) == document


def test_it_keeps_chinese_readable_and_self_evaluation_fields():
    data = export(self_evaluation(), "json").decode("utf-8")
    assert "2024年业务培训项目" in data
    again = interchange.loads(data)
    assert again.projects[0].total_score == 88.5
    assert again.department_overview.sub_goals == ["1.推进一网通办。", "2.建设智慧大厅。"]


def test_every_exporter_names_its_suffix_and_media_type():
    assert set(EXPORTERS) == {"json", "xlsx", "docx", "csv"}
    for name, exporter in EXPORTERS.items():
        assert exporter.suffix == f".{name}"
        assert "/" in exporter.media_type
        assert exporter.to_bytes(self_evaluation())


def test_an_unknown_format_names_the_ones_there_are():
    with pytest.raises(KeyError, match="xlsx"):
        export(self_evaluation(), "pdf")
