"""Make the small files the PDF and .xls readers' tests use (run by hand; tests don't need it).

Needs LibreOffice (``soffice``) on the PATH. Builds .docx/.xlsx files from the seeds'
expected JSON and converts them:

- split_table.pdf: one project whose indicator table runs over a page break, its header
  row marked to repeat on the new page (Word's 标题行重复), merged level cells;
- scan.pdf: a page holding only a picture (what a scanner produces);
- encrypted.pdf: split_table.pdf's document with an open password;
- small.pdf: a one-page table, the fuzz test's PDF (small, so thousands of mutants run fast);
- seed_001.xls: seed 001's projects in the layout of tests/jixiao/importers/office.py,
  saved by LibreOffice as Excel 97-2003.

Run: .venv/bin/python -m tests.jixiao.importers.data.make_data
"""

from __future__ import annotations

import io
import json
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image

from tests.jixiao.importers.office import project_xlsx

HERE = Path(__file__).parent
EXPECTED = Path(__file__).parents[4].parent / "shared/expected"
SEED = EXPECTED / "003_0d0307f2808b27a4.json"
INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
ENCRYPT = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def project() -> dict:
    """Return the seed project with the most indicators, its list tripled to cross a page."""
    document = json.loads(SEED.read_text(encoding="utf-8"))
    chosen = max(document["projects"], key=lambda p: len(p["indicators"]))
    chosen["indicators"] = chosen["indicators"] * 3
    return chosen


def split_table_docx(p: dict) -> docx.Document:
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(14)
    d.add_paragraph(f"{p['name']}绩效目标表")
    d.add_paragraph(f"{p['unit_code']}{p['unit_name']}")
    head = d.add_table(rows=4, cols=4)
    head.style = "Table Grid"
    rows = [
        ["项目名称", p["name"]],
        ["项目编码", p["code"]],
        ["预算数", f"{p['budget_total']:.2f}"],
        ["年度目标", "\n".join(p["goals"])],
    ]
    for r, (label, value) in enumerate(rows):
        head.cell(r, 0).text = label
        head.cell(r, 1).merge(head.cell(r, 3)).text = value
    d.add_paragraph("")
    indicators = p["indicators"]
    table = d.add_table(rows=1 + len(indicators), cols=4)
    table.style = "Table Grid"
    for c, text in enumerate(INDICATOR_HEADER):
        table.cell(0, c).text = text
    _repeat_as_header(table.rows[0])
    for i, ind in enumerate(indicators, start=1):
        for c, text in enumerate([ind["level1"], ind["level2"], ind["name"], ind["raw_value"]]):
            table.cell(i, c).text = text
    _merge_runs(table, indicators, column=0, key=lambda ind: ind["level1"])
    return d


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _merge_runs(table, indicators, column: int, key) -> None:
    """Merge the cells of consecutive rows with the same key, keeping the first text."""
    start = 0
    for i in range(1, len(indicators) + 1):
        if i == len(indicators) or key(indicators[i]) != key(indicators[start]):
            if i - 1 > start:
                top = table.cell(start + 1, column)
                text = top.text
                top.merge(table.cell(i, column)).text = text
            start = i


def scan_docx() -> docx.Document:
    d = docx.Document()
    picture = io.BytesIO()
    Image.new("L", (400, 300), color=200).save(picture, format="PNG")
    picture.seek(0)
    d.add_picture(picture)
    return d


def convert(document: docx.Document, name: str, target: str = "pdf") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        document.save(source)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        (HERE / f"{name}.pdf").write_bytes((Path(tmp) / f"{name}.pdf").read_bytes())


def seed_xls() -> None:
    projects = json.loads((EXPECTED / "001_6cc3e34a6695b742.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "seed_001.xlsx"
        source.write_bytes(project_xlsx(projects["projects"]))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        (HERE / "seed_001.xls").write_bytes((Path(tmp) / "seed_001.xls").read_bytes())


def small_docx() -> docx.Document:
    d = docx.Document()
    d.add_paragraph("测试项目绩效目标表")
    rows = [
        ["项目名称", "测试项目", "", ""],
        INDICATOR_HEADER,
        ["产出指标", "数量指标", "系统数量", "≥1套"],
        ["", "质量指标", "合格率", "100%"],
    ]
    table = d.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 3)).text = "测试项目"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "产出指标"
    return d


def main() -> None:
    p = project()
    (HERE / "split_table.json").write_text(
        json.dumps(p, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    convert(split_table_docx(p), "split_table")
    convert(scan_docx(), "scan")
    convert(split_table_docx(p), "encrypted", target=ENCRYPT)
    convert(small_docx(), "small")
    seed_xls()


if __name__ == "__main__":
    main()
