"""A griffe extension for the API reference (mkdocs.yml, mkdocstrings ``extensions``).

The package's docstrings are written for ``help()`` and Sphinx-minded readers:
the Python modules use reST (``::`` before an example, ``:func:`kem```), the
compiled classes Markdown. The site renders Markdown, so this rewrites, on the
loaded objects only (never the sources):

- ``:role:`name``` (``:func:``, ``:class:``, ``:meth:``, ``:exc:``, ...) to the
  code span ```name```;
- a line ending in ``::`` that introduces a literal block to one ending in ``:``
  (the indented block after it is already a Markdown code block);
- the docstring an attribute of a compiled class inherits from its value's type
  (``algorithm`` is a ``str``: inspection finds ``str.__doc__``) to none.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|exc|attr|mod|data|obj):`~?([^`]+)`")
_LITERAL_INTRO = re.compile(r"::[ \t]*$", re.M)
_BUILTIN_DOCS = {
    form
    for t in (str, int, bytes, tuple, dict, bool, type(None))
    if t.__doc__
    for form in (t.__doc__, inspect.cleandoc(t.__doc__))
}


def rewrite(text: str) -> str:
    """The docstring ``text`` with reST roles and ``::`` turned into Markdown."""
    text = _ROLE.sub(r"`\1`", text)
    # "example::" -> "example:"; a "::" alone on its line disappears.
    text = re.sub(r"^[ \t]*::[ \t]*$", "", text, flags=re.M)
    return _LITERAL_INTRO.sub(":", text)


class MarkdownDocstrings(griffe.Extension):
    """Normalizes every docstring of the loaded package (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        seen: set[str] = set()
        self._visit(pkg, seen)

    def _visit(self, obj: griffe.Object, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        doc = obj.docstring
        if doc is not None:
            if obj.is_attribute and doc.value in _BUILTIN_DOCS:
                obj.docstring = None
            else:
                doc.value = rewrite(doc.value)
        for member in obj.members.values():
            if not member.is_alias and isinstance(member, griffe.Object):
                self._visit(member, seen)
