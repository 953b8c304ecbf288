"""Extractors: one module per relation, each `extract(doc, index) -> Iterator[Triple]`.

This package is also ``kg.extract``, the name the library's face gives to text-in,
triples-out (:func:`kg.api.extract`): once a submodule is imported, Python binds the package
to that name, so the package itself answers a call by handing it to :func:`kg.api.extract`.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _ExtractPackage(types.ModuleType):
    """The package, callable as :func:`kg.api.extract`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from kg.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _ExtractPackage
