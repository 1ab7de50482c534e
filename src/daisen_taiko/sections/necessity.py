"""第1章 5. 行政サービス改革及びDX推進の必要性: the plan years its prose recalls."""

from __future__ import annotations

from ..text import glue_text
from . import purpose
from .ch1_common import kanji_number


def glue_numbers() -> None:
    tl = purpose.timeline()
    glue_text("admin_reform_count", kanji_number(len(purpose.admin_reform_plans(tl))))
    glue_text("service_reform_fy", purpose.adopted_fy(tl, purpose.SERVICE_REFORM))
    glue_text("dx_vision_fy", purpose.adopted_fy(tl, purpose.DX_VISION))
