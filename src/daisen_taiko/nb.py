"""What every chapter notebook calls first."""

from __future__ import annotations

from .figures import apply_style
from .params import Edition, load_edition, validate


def start(edition_params: dict | None) -> Edition:
    """Validate the papermill-injected parameters (or load the default edition
    when the notebook is opened by hand) and set the house figure style."""
    ed = load_edition() if edition_params is None else validate(dict(edition_params), "papermill のパラメータ")
    ed.use_data()
    apply_style()
    return ed


def glue_edition(ed: Edition) -> None:
    """Cover-page quantities from the parameter file."""
    from .text import glue_text

    glue_text("ed_title", ed.full_title)
    glue_text("ed_period", f"（{ed.plan_period_label}）")
    glue_text("ed_status", ed.status)
    glue_text("ed_issued", ed.issued_label)
    glue_text("ed_municipality", ed.municipality)
    glue_text("ed_years", f"{ed.plan_years}年間")
