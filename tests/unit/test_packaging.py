"""The wheel must carry every subpackage, the styles, the browser page and the seed (data/ → herford_tui/seeddata)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(_config()["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "herford_tui").rglob("__init__.py")}
    assert on_disk | {"herford_tui.seeddata"} == listed


def test_seed_and_styles_are_package_data():
    config = _config()["tool"]["setuptools"]
    assert config["package-dir"]["herford_tui.seeddata"] == "data"
    assert (ROOT / "data" / "seed.json").is_file()
    assert "*.json" in config["package-data"]["herford_tui.seeddata"]
    styles = config["package-data"]["herford_tui.ui"]
    assert all((ROOT / "herford_tui" / "ui").glob(pattern) for pattern in styles)
    pages = config["package-data"]["herford_tui.web"]  # the German browser page of ``herford-tui web``
    assert [p.name for pattern in pages for p in (ROOT / "herford_tui" / "web").glob(pattern)] == ["app_index.html"]


def test_runtime_dependencies_have_lower_bounds():
    for requirement in _config()["project"]["dependencies"]:
        assert ">=" in requirement, requirement
