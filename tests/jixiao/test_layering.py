import ast
from pathlib import Path

CORE = Path(__file__).parents[2] / "src" / "jixiao"


def test_core_never_imports_the_web_shell():
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            roots = {m.split(".")[0] for m in modules}
            assert not roots & {"django", "ninja", "jixiao_web"}, path
