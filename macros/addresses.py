"""Where a clause lives at the published site, for paper and projectors: its address and its QR code.

A printed sheet has no address bar, so the build writes them for ``public_url`` (SITE_URL at build
time); the page redraws them for the site it is open at when that differs (docs/assets/js/addresses.js),
so each carries its path within the site too.
"""

from __future__ import annotations

from calculators import share

from .notice import Clause
from .ui import t


def clause_path(clause_id: str, lang: str) -> str:
    """A clause's address within the site: notice/#s4-2, en/notice/#s4-2."""
    return f"{'en/' if lang == 'en' else ''}notice/#{clause_id}"


def clause_url(clause_id: str, lang: str, public_url: str) -> str:
    """The permanent address of a clause on the published notice page of a language."""
    return f"{public_url}{clause_path(clause_id, lang)}"


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
