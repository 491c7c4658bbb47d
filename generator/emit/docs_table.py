"""A group's messages as a table in one page language: one row per printed form.

What a row shows alike in every page language (anchors, English texts as
Markdown, metadata cells) is made once per build; a page language only adds
its translations and words. A one-text message (most of a catalogue) takes a
short path: one row, and nothing to add on the source-language page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Group, Message
from ..units import docs_context
from .docs_rows import Rows
from .docs_shared import Plain
from .markdown import BR, anchor, code_line, escape_text, md_code, md_table_lines


class Tables(Rows):
    """Group tables of one catalogue in one page language."""

    def columns(self, group: Group) -> list[str]:
        columns = list(group.columns)
        if not self.source and "message" in columns:
            columns.insert(columns.index("message") + 1, "original")
        return columns

    def group_table(self, group: Group) -> str:
        """The group's messages as a table with the group's columns."""
        return "\n".join(self.table_lines(group)) + "\n"

    def table_lines(self, group: Group) -> list[str]:
        """The lines of :meth:`group_table`, without their newlines."""
        messages = self.catalogue.group_messages(group.id or None)  # OTHER's empty id: the messages in no group
        if not messages:
            return [escape_text(self.labels.empty)]
        columns = self.columns(group)
        header = [escape_text(self.labels.column(c)) for c in columns]
        plains = self.shared.tables.get(group.id)
        if plains is None:
            plains = self.shared.tables[group.id] = self._describe(messages)
        return md_table_lines(header, self._body(plains, columns))

    def _body(self, plains: Sequence[Plain], columns: list[str]) -> list[list[str]]:
        """Table rows of the described messages, in order: one-text messages here, the others by ``_message_rows``."""
        body: list[list[str]] = []
        if self.source:  # every cell of a one-text message is made already
            for plain in plains:
                if plain.english is None:
                    body.extend(self._message_rows(plain, columns))
                else:
                    body.append(list(map(plain.cells.__getitem__, columns)))
            return body
        mark = self.labels.mark
        untranslated = " " + mark
        singular: Mapping[str, str] = {} if self.tr is None else self.tr.singular
        prose = self.shared.prose
        for plain in plains:
            message = plain.message
            if plain.english is None:
                body.extend(self._message_rows(plain, columns))
                continue
            cells = plain.cells.copy()
            form = singular.get(message.id)
            if form is not None:
                if "{" in form or "}" in form:
                    form = self.expand(form, self.values(message), {}, True)
                cells["message"] = plain.anchors + md_code(form)
                cells["original"] = plain.english
            else:
                cells["original"] = mark
            for column, context in plain.docs:
                translated = singular.get(context)
                if translated is None:
                    cells[column] += untranslated
                else:
                    cells[column] = prose.get(translated) or self.prose(translated)
            body.append(list(map(cells.__getitem__, columns)))
        return body

    def _describe(self, messages: Sequence[Message]) -> list[Plain]:
        """What the rows of each of ``messages`` show alike in every page language, made once per build."""
        known, prose = self.shared.cells, self.shared.prose
        meta_columns = self.shared.meta_columns
        found = []
        for message in messages:
            plain = known.get(message.id)
            if plain is None:
                english = None
                if not message.variants:  # one text: one row, unless a referenced message splits it
                    printed = self._simple(message)
                    if printed is None:
                        entries = self._entries(message)
                        if len(entries) == 1 and len(entries[0].splits) == 1 and not entries[0].plural:
                            printed = entries[0].splits[0].english[0][1]
                    if printed is not None:
                        english = md_code(printed)
                anchors = anchor(message.id)
                if message.code and message.code != message.id:
                    anchors += anchor(message.code)
                cells = {"message": anchors + (english or ""), "when": "", "action": ""}
                for column in meta_columns:
                    cells[column] = self._meta_cell(message, column)
                docs = []
                if message.when:
                    cells["when"] = prose.get(message.when) or self.prose(message.when)
                    docs.append(("when", docs_context(message.id, "when")))
                if message.action:
                    cells["action"] = prose.get(message.action) or self.prose(message.action)
                    docs.append(("action", docs_context(message.id, "action")))
                plain = known[message.id] = Plain(message, anchors, english, cells, tuple(docs))
            found.append(plain)
        return found

    def _message_rows(self, plain: Plain, columns: list[str]) -> list[list[str]]:
        first = plain.cells.copy()
        if not self.source:
            for column, context in plain.docs:
                first[column] = self._docs_cell(context, first[column])
        when = first["when"] if "when" in columns else ""
        others = dict.fromkeys(first, "")  # the metadata shows on the first row only
        inline_condition = "when" not in columns
        mark = self.labels.mark
        result = []
        cells, lead = first, plain.anchors
        for _, original, _, words, text, english in self._printed(plain.message):
            if words:
                condition = f"<em>{words}</em>"
                cells["message"] = lead + condition + BR + text if inline_condition else lead + text
                cells["when"] = when + BR + condition if when and cells is first else condition
            else:
                cells["message"] = lead + text
                cells["when"] = when if cells is first else ""
            cells["original"] = mark if original is None else english
            result.append(list(map(cells.__getitem__, columns)))
            cells, lead = others, ""
        return result

    def _docs_cell(self, context: str, english: str) -> str:
        """A ``when`` or ``action`` cell in a translated page, from its English Markdown ``english``."""
        translated = None if self.tr is None else self.tr.text(context)
        if translated is None:
            return english + " " + self.labels.mark
        found = self.shared.prose.get(translated)
        return self.prose(translated) if found is None else found

    def _meta_cell(self, message: Message, column: str) -> str:
        if column == "exit_code":
            return "" if message.exit_code is None else str(message.exit_code)
        if column == "code":
            return code_line(message.code) if message.code else ""
        if column == "commands":
            return ", ".join(code_line(command) for command in message.commands)
        value = message.level if column == "level" else message.stream
        return escape_text(value) if value else ""
