"""The design lives in the repository: what the code cites is there, and the glossary names what
the code really calls things."""

import re
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    path
    for folder in ("egide", "tests")
    for pattern in ("*.py", "*.html", "*.js")
    for path in (ROOT / folder).rglob(pattern)
    if "vendor" not in path.parts and "node_modules" not in path.parts
]
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
CITED_DOCUMENT = re.compile(r"(?<![\w/.:-])((?:\.\./)*[\w./-]*\w\.md)\b")
ISSUE_NUMBER = re.compile(r"\bissues? #?\d+|(?<![\w&])#\d{1,3}\b(?![0-9a-fA-F])", re.IGNORECASE)


def cited_documents(path: Path):
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        for cited in CITED_DOCUMENT.findall(line):
            yield number, cited


def resolves(cited: str, citing: Path) -> bool:
    return (ROOT / cited).is_file() or (citing.parent / cited).is_file()


def test_every_document_the_code_and_docs_cite_is_in_the_repository():
    missing = [
        f"{path.relative_to(ROOT)}:{number}: {cited}"
        for path in [*SOURCES, *DOCUMENTS]
        for number, cited in cited_documents(path)
        if not resolves(cited, path)
    ]
    assert missing == []


def test_code_and_tests_name_no_issue_numbers():
    this_file = Path(__file__).resolve()
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        if path.resolve() != this_file
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if ISSUE_NUMBER.search(line)
    ]
    assert found == []


def glossary_code_names() -> list[str]:
    rows = (ROOT / "docs/glossary.md").read_text().splitlines()
    code_cells = [row.rsplit("|", 2)[1] for row in rows if row.startswith("| ") and "`" in row]
    return [name for cell in code_cells for name in re.findall(r"`([^`]+)`", cell)]


def defined_classes() -> set[str]:
    pattern = re.compile(r"^class (\w+)\b", re.MULTILINE)
    files = (ROOT / "egide").rglob("*.py")
    return {name for path in files for name in pattern.findall(path.read_text())}


def model_named(name: str):
    return next(model for model in apps.get_models() if model.__name__ == name)


def exists_in_code(name: str, classes: set[str], code: str) -> bool:
    if "." in name:  # Model.field
        model, field = name.split(".")
        try:
            model_named(model)._meta.get_field(field)
        except (StopIteration, FieldDoesNotExist):
            return False
        return True
    if name[0].isupper():
        return name in classes
    if "-" in name:  # an assessment instrument's id
        return (ROOT / "egide" / "assessment" / "instruments" / f"{name}.json").is_file()
    return f'"{name}"' in code  # a choice value: a role, an agency kind, a zone level


def test_the_glossary_names_what_exists_in_the_code():
    classes = defined_classes()
    code = "\n".join(path.read_text() for path in (ROOT / "egide").rglob("*.py"))
    names = glossary_code_names()
    assert len(names) > 40
    assert [name for name in names if not exists_in_code(name, classes, code)] == []
