"""Where each message goes, from the catalogue's metadata, and the two interactive prompts.

``show()`` reads the message's ``stream`` from ``messages.meta``: errors go to
stderr, prompts to the terminal, everything else to stdout; what the real CLI
serves to a browser or over HTTP is printed to stdout with its status.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

import messages as m


class CancelledError(Exception):
    """The user cancelled a prompt (Ctrl-C, Esc, or the answer ``cancel``)."""


@dataclass
class Console:
    """The terminal: two streams, and the answers to prompts when they are scripted."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    answers: list[str] = field(default_factory=list)
    ci: bool = False

    @property
    def interactive(self) -> bool:
        """Prompts are shown on a terminal outside CI, or when answers are scripted."""
        return bool(self.answers) or (sys.stdin.isatty() and self.out.isatty() and not self.ci)

    def show(self, text: str, meta: m.Meta) -> None:
        """Print one message on the stream its catalogue entry names."""
        print(text, file=self.err if meta.stream == "stderr" else self.out)

    def serve(self, status: int, text: str, meta: m.Meta) -> None:
        """What the real CLI answers over HTTP or shows in the browser, tagged with where and its status."""
        print(f"[{meta.stream} {status}] {text}", file=self.out)

    def fail(self, text: str, meta: m.Meta) -> int:
        """Print an error and return the exit code the catalogue gives it."""
        self.show(text, meta)
        return meta.exit_code if meta.exit_code is not None else 1

    def select(self, question: str, options: list[tuple[str, str, str]], initial: str) -> str:
        """A choice among ``(value, label, hint)``; outside a terminal, ``initial`` without asking."""
        if not self.interactive:
            return initial
        print(question, file=self.out)
        for value, label, hint in options:
            marker = ">" if value == initial else " "
            print(f"{marker} {label} ({hint})", file=self.out)
        answer = self._answer() or initial
        if answer not in {value for value, _, _ in options}:
            raise CancelledError
        return answer

    def confirm(self, question: str, initial: bool = True) -> bool:
        """A yes/no question; outside a terminal, ``initial`` without asking."""
        if not self.interactive:
            return initial
        print(question, file=self.out)
        answer = self._answer()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        if answer == "":
            return initial
        raise CancelledError

    def _answer(self) -> str:
        if self.answers:
            return self.answers.pop(0)
        try:
            return input().strip().lower()
        except (EOFError, KeyboardInterrupt):
            raise CancelledError from None
