import json

from jixiao import interchange
from tests.conftest import EXPECTED


def test_expected_documents_round_trip_without_loss():
    for path in sorted(EXPECTED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        document = interchange.from_dict(data)
        again = interchange.to_dict(document)
        for key in ("source", "projects"):
            assert _without_extras(again[key]) == data[key], path.name
        assert interchange.to_dict(interchange.from_dict(again)) == again


def _without_extras(value):
    """Drop the provenance key the expected files do not carry."""
    if isinstance(value, list):
        return [_without_extras(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_extras(v) for k, v in value.items() if k != "location"}
    return value
