"""Read built HTML the way a reader sees it: table cells and code blocks as text.

``<br>`` becomes a newline; character references are decoded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageText:
    """The rows of every table (cells as text), every ``<pre>`` block, and ``<html lang>``."""

    rows: list[list[str]] = field(default_factory=list)
    headers: list[list[str]] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    lang: str = ""

    @property
    def cells(self) -> set[str]:
        return {cell for row in self.rows for cell in row}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.header_row = False
        self.pre: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.page.lang = dict(attrs).get("lang") or ""
        elif tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self.row, self.header_row = [], False
        elif tag in ("td", "th"):
            self.cell = []
            self.header_row = tag == "th"
        elif tag == "br":
            target = self.cell if self.cell is not None else self.pre
            if target is not None:
                target.append("\n")
        elif tag == "pre":
            self.pre = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.page.headers if self.header_row else self.page.rows).append(self.row)
            self.row = None
        elif tag == "pre" and self.pre is not None:
            self.page.blocks.append("".join(self.pre).removesuffix("\n"))
            self.pre = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre is not None:
            self.pre.append(data)


def read_page(html: str) -> PageText:
    """The text a reader sees in the tables and code blocks of ``html``.

    >>> page = read_page("<table><tr><th>A</th></tr><tr><td><code>x</code><br />&#32;y</td></tr></table>")
    >>> page.headers, page.rows
    ([['A']], [['x\\n y']])
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
