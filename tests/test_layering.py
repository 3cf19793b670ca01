"""The import graph keeps its shape: kb at the bottom, no test code in production packages.

The rules are the contracts in .importlinter; `lint-imports` prints the same report by hand.
"""

from pathlib import Path

from importlinter.cli import lint_imports

REPOSITORY = Path(__file__).resolve().parent.parent


def test_imports_point_down_and_production_code_never_imports_tests(monkeypatch, capsys):
    monkeypatch.chdir(REPOSITORY)
    status = lint_imports(no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out
