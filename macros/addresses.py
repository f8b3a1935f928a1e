"""Where a clause lives at the published site, for paper and projectors: its address and its QR code.

A printed sheet has no address bar, so these point at ``public_url`` (SITE_URL at build time),
not at wherever the page happens to be opened.
"""

from __future__ import annotations

from calculators import share

from .notice import Clause
from .ui import t


def clause_url(clause_id: str, lang: str, public_url: str) -> str:
    """The permanent address of a clause on the published notice page of a language."""
    return f"{public_url}{'en/' if lang == 'en' else ''}notice/#{clause_id}"


def clause_qr(clause: Clause, lang: str, public_url: str) -> str:
    """The QR code of a clause's permanent address, named for screen readers."""
    return share.qr_svg(clause_url(clause.id, lang, public_url),
                        f'{t("qr_of", lang)} {clause_url(clause.id, lang, public_url)}') or ""


def anchor_text(clause: Clause, lang: str) -> str:
    """What a clause's permalink shows: its id (s4-2), or on a Chinese page the Chinese name of a clause
    whose id is an English word (signature shows as 落款), so that Chinese readers never see code words."""
    if lang == "zh" and not clause.id[1:2].isdigit():
        return clause.label_zh
    return clause.id
