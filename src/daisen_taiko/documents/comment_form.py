"""The 意見募集版's notice and its opinion form (issue 30), while the edition is out for comment.

- The notice (:func:`notice_markdown` on the web edition's first page, :func:`notice_tex` on the
  page after the PDF's cover): 募集期間, 担当課, the city's 提出方法 and 提出先, how to cite a place —
  labels and the lines of :func:`daisen_taiko.inputs.comments.notice`, nothing else.
- The form (the writer declared in book/documents.yml): one page, the same notice lines, the
  提出者区分 to tick and a table of 該当箇所 and ご意見 to fill in.  Names, addresses and contacts
  are not asked for.  Written only while the edition is out for comment (status 意見募集).
"""

from __future__ import annotations

from daisen_taiko.common.tex import tex
from daisen_taiko.common.text import md_escape
from daisen_taiko.documents import Context
from daisen_taiko.inputs.comments import SUBMITTERS, notice
from daisen_taiko.inputs.params import Edition

FORM_FROM_TAIKO = "../../comment-form/html/index.html"  # html/book/index.html → comment-form/html/index.html
ROWS = 4  # rows of the form's table (one A4 page)


def _subject(ed: Edition) -> str:
    return f"『{ed.full_title}（案）』に対する意見"


def notice_markdown(ed: Edition) -> str:
    """The notice as the web edition's first page shows it (nothing unless out for comment)."""
    if not ed.out_for_comment:
        return ""
    link = f'```{{raw}} html\n<p class="comment-form-link"><a href="{FORM_FROM_TAIKO}">意見提出用紙</a></p>\n```'
    return f":::{{div}} comment-notice\n**意見募集のお知らせ**\n\n{_notice_list()}\n\n{link}\n:::\n"


def _notice_list() -> str:
    """The notice's lines as a Markdown list (「- 募集期間：令和8年1月8日～…」)."""
    return "\n".join(f"- {label}：{md_escape(text)}" for label, text in notice())


def _notice_rows() -> str:
    return "".join(f"{tex(label)} & {tex(text)}\\\\\n" for label, text in notice())


def notice_tex(ed: Edition) -> str:
    """The notice as the PDF's page after the cover (nothing unless out for comment)."""
    if not ed.out_for_comment:
        return ""
    return f"\\daisencommentnotice{{意見募集のお知らせ}}{{{_notice_rows()}}}\n"


def build_pages(ed: Edition, context: Context) -> tuple[dict[str, str], dict[str, bytes]]:
    if not ed.out_for_comment:
        return {}, {}
    boxes = "　".join(f"□{s}" for s in SUBMITTERS)
    html_rows = "".join("<tr><td></td><td></td></tr>" for _ in range(ROWS))
    latex_rows = "\\rule{0pt}{34mm} & \\\\\\hline\n" * ROWS
    page = [
        "# 意見提出用紙",
        "",
        f"## {md_escape(_subject(ed))}",
        "",
        ":::{div} comment-notice",
        _notice_list(),
        ":::",
        "",
        f"提出者区分：{boxes}",
        "",
        "```{raw} html",
        '<table class="comment-form"><thead><tr><th scope="col">該当箇所</th><th scope="col">ご意見</th></tr></thead>'
        f"<tbody>{html_rows}</tbody></table>",
        "```",
        "",
        "```{raw} latex",
        "\\daisencommentform{該当箇所}{ご意見}{%",
        latex_rows + "}",
        "```",
    ]
    return {"index": "\n".join(page) + "\n"}, {}


def cover(ed: Edition) -> str:
    """No title page and no 目次: the form's name above its one page."""
    return (
        "\\daisensummarystyle\n"
        f"\\daisensummarytitle{{意見提出用紙}}{{{tex(ed.status_label and '（' + ed.status_label + '）')}}}"
        f"{{}}{{{tex(ed.municipality)}}}\n"
    )
