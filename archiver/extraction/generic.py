"""The established generic extractors, the last layer of a field: htmldate for the publication
date, trafilatura's metadata for the authors. Each runs only when asked, at most once per page.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from archiver.extraction.names import is_collective_byline, is_named_author

#: htmldate's upper bound on a date: fixed so that the same page gives the same date on any day
#: (htmldate's default, today, would make a record depend on when it is rebuilt).
LATEST_DATE = "2100-01-01"
#: Authors trafilatura reports that are not people's or organisations' names.
_NOT_AUTHORS = frozenset({"admin", "administrator", "editor", "staff", "guest", "user", "author"})

_UNSET: Any = object()


@dataclass
class GenericExtractors:
    """htmldate and trafilatura's metadata over the page's tree, run lazily and remembered.

    Ask before the body step changes the tree (:func:`archiver.extraction.body.extract_body`).
    """

    tree: HtmlElement
    url: str
    _date: Any = field(default=_UNSET, repr=False)
    _authors: Any = field(default=_UNSET, repr=False)

    def published(self) -> str | None:
        """The original publication date htmldate finds (URL, headers, JSON, markup, then text)."""
        if self._date is _UNSET:
            from htmldate import find_date

            found = find_date(
                self.tree,
                url=self.url,
                original_date=True,
                extensive_search=True,
                max_date=LATEST_DATE,
                outputformat="%Y-%m-%d",
            )
            self._date = None if found and _year_alone(self.tree, found) else found
        return self._date

    def authors(self) -> list[str]:
        """The authors trafilatura's metadata names (meta tags, JSON-LD, then its byline XPaths)."""
        if self._authors is _UNSET:
            self._authors = _trafilatura_authors(self.tree)
        return list(self._authors)


def _year_alone(tree: HtmlElement, day: str) -> bool:
    """Whether htmldate's 1 January stands for a year printed alone ("since 2019"): no such
    day appears in the page's text or markup."""
    if not day.endswith("-01-01"):
        return False
    year = day[:4]
    written = re.compile(
        rf"{year}-01-01|0?1[./-]0?1[./-]{year}|{year}/0?1/0?1|\b(?:1(?:st|er|\.)?\s+)?(?:jan\w*|janv\w*|gen\w*|ene\w*|"
        rf"jän\w*)\.?\s+(?:1(?:st)?,?\s+)?{year}",
        re.IGNORECASE,
    )
    if written.search(tree.text_content()):
        return False
    return not any(written.search(v) for v in tree.xpath("//@content | //@datetime | //script/text()"))


def _trafilatura_authors(tree: HtmlElement) -> list[str]:
    """trafilatura's author steps of ``extract_metadata`` (its date step, htmldate, left out)."""
    from trafilatura.metadata import examine_meta, extract_author, extract_meta_json

    found = examine_meta(tree)
    if found.author and " " not in found.author:  # trafilatura's own rule: one word is no author
        found.author = None
    with suppress(Exception):  # trafilatura's JSON-LD reader may fail on odd data: it then abstains
        found = extract_meta_json(tree, found)
    author = found.author or extract_author(tree)
    names = [name.strip() for name in (author or "").split(";")]
    return [
        name
        for name in names
        if name
        and name.casefold() not in _NOT_AUTHORS
        and (is_named_author(name) or is_collective_byline(name))
    ]
