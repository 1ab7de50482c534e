"""Input problems reported to planners in Japanese.

Every check collects *all* problems of a file before raising, so a planner
fixes a file in one pass instead of one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    message: str  # what is wrong and what to do, in Japanese
    row: int | None = None  # 1-based line number as seen in Excel / a text editor
    column: str | None = None
    value: str | None = None

    def render(self) -> str:
        where = [f"ファイル: {self.file}"]
        if self.row is not None:
            where.append(f"{self.row}行目")
        if self.column is not None:
            where.append(f"{'キー' if self.file.endswith(('.yaml', '.yml')) else '列'}「{self.column}」")
        text = "・" + "、".join(where)
        if self.value is not None:
            text += f"、値「{self.value}」"
        return text + f"\n    → {self.message}"


class DaisenError(Exception):
    """A problem that stops a command, told to the planner in Japanese (the one kind the command
    line catches).  ``exit_code`` 2: the input must be fixed; 1: a stage of the build failed."""

    exit_code = 1

    def render(self) -> str:
        return str(self)


class InputError(DaisenError):
    """One or more problems in planner-edited input (parameters or data)."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        head = f"入力ファイルに{len(self.problems)}件の問題があります。修正してから再実行してください。"
        return "\n".join([head, *(p.render() for p in self.problems)])


def rel(path: Path) -> str:
    """Path as a planner sees it: relative to the project root when possible."""
    from daisen_taiko import project_root

    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except ValueError:
        return str(path)
