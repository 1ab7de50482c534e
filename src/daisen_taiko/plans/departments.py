"""One name per department: the city's 課所室 (``data/departments.csv``) and a 担当課 as typed.

A name is compared folded (:func:`daisen_taiko.common.text.fold`: full-width letters and digits
as half-width, no blanks), so 「ＤＸ推進課」 and 「DX推進 課」 are the one 「DX推進課」 of the list;
a name the list does not hold is refused with the closest names it does hold.
"""

from __future__ import annotations

from daisen_taiko.common.text import closest
from daisen_taiko.inputs.data import awaiting_confirmation, load

FILE = "data/departments.csv"
# who keeps the list (the brief of the list's rows: their confidence names it too)
KEEPER = "総務課"


def known() -> list[str]:
    """The names of the list, in its order."""
    return load("departments")["name"].tolist()


def unconfirmed() -> list[tuple[str, str]]:
    """(name, publication) of the names whose source the keeper has still to confirm."""
    df = load("departments")
    df = df[awaiting_confirmation(df)]
    return list(zip(df["name"], df["publication"]))


def unknown_message(name: str, names: list[str]) -> str:
    """What to tell a planner about a 担当課 the list does not hold (in the intake's register)."""
    near = closest(name, names)
    hint = (
        "近い名前: " + "、".join(f"「{n}」" for n in near) + "。"
        if near
        else "一覧の課所室: " + "、".join(f"「{n}」" for n in names[:10]) + ("…。" if len(names) > 10 else "。")
    )
    return (
        f"課所室の一覧（{FILE}）にない担当課です。{hint}"
        "正しい課所室名に直してください（全角・半角の違いと空白はそのままで構いません）。"
        f"新しい課所室のときは、{KEEPER}に正式な名前を確かめ、出典とともに {FILE} に追加してから再実行してください。"
    )
