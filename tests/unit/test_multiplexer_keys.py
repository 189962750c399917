"""Staff work over SSH in tmux or screen: their prefix keys (Strg+B, Strg+A) never reach the
app, so no binding of ours may need them (new-user test: "Strg+B Zum Datum beenden")."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import herford_tui.ui
from herford_tui.app import HerfordApp

PREFIX_KEYS = {"ctrl+b", "ctrl+a"}


def _our_classes():
    yield HerfordApp
    for module in pkgutil.walk_packages(herford_tui.ui.__path__, "herford_tui.ui."):
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if cls.__module__.startswith("herford_tui."):
                yield cls


def test_no_binding_of_ours_needs_a_multiplexer_prefix_key():
    clashes = []
    for cls in _our_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            key = binding.key if hasattr(binding, "key") else binding[0]
            clashes += [(cls.__qualname__, k) for k in key.split(",") if k.strip() in PREFIX_KEYS]
    assert not clashes, clashes
