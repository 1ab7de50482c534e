"""The first page of each document's PDF (``cover`` in book/documents.yml): edition → LaTeX.
The layouts are macros of the house style (book/latex/daisen.sty)."""

from __future__ import annotations

from daisen_taiko.common.tex import tex
from daisen_taiko.documents.comment_form import notice_tex
from daisen_taiko.inputs.params import Edition


def taiko(ed: Edition) -> str:
    """The 大綱's cover page, laid out like the draft's (``\\daisencover``); it is page one, the 目次
    follows (while out for comment, after the notice of the 意見募集)."""
    c = {k: tex(v) for k, v in ed.cover_lines.items()}
    page = f"\\daisencover{{{c['status']}}}{{{c['municipality']}}}{{{c['title']}}}{{{c['period']}}}{{{c['issued']}}}\n"
    return page + notice_tex(ed)  # while out for comment: the notice of the 意見募集 on the next page


def report(ed: Edition) -> str:
    """The 作業レポート's cover: who it is for (``\\daisenreportcover``), in the report's page style."""
    return (
        "\\daisenreportstyle\n"
        f"\\daisenreportcover{{{tex(ed.full_title)}}}{{作業レポート}}{{{tex(ed.issued_label)}　{tex(ed.status)}}}"
        "{行政サービス改革・DX推進大綱の作成担当（DX推進課）向け}\n"
    )
