"""The command line's parser: a mistake is one line that says what to fix, not a usage dump."""

from __future__ import annotations

import argparse
from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line (its subcommands' parsers too)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def parse(root: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """`root.parse_args`, but an unknown option is reported by the command it was given to:
    `kezek audit verify --bogus` points to `kezek audit verify --help`, not `kezek --help`."""
    args, extras = root.parse_known_args(argv)
    if extras:
        command = root
        for word in argv:  # argparse keeps a parser's commands in its (private) actions
            for action in command._actions:
                if isinstance(action, argparse._SubParsersAction) and word in action.choices:
                    command = action.choices[word]
                    break
        command.error(f"unrecognized arguments: {' '.join(extras)}")
    return args
