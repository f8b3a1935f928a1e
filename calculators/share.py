"""Links that carry a calculation, and QR codes of links, for paper and projectors.

A shared link is the calculator page's address with the inputs in its query string, read
back by the page as the form reads them; the FAQ's worked examples are such links. The QR
code is drawn by segno (a pure-Python library, an optional dependency of this package): the
site's build draws the clauses' codes with it, and the page's worker draws an answer's
code with the same function under Pyodide, so that printed codes all look and scan alike.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

QR_ERROR = "m"  # 15 % of the code may be smudged or folded and it still reads
QR_BORDER = 4  # the quiet zone the QR standard asks for; scanners miss codes that have less


def query(inputs: Mapping[str, Any]) -> str:
    """The query string of a shared link: what the page's "copy link" writes for these inputs.

    Empty and false values are left out, as the page leaves out an empty or unticked field;
    lists of records are JSON."""
    pairs = []
    for name, value in inputs.items():
        if value in ("", None) or value is False:
            continue
        if value is True:
            text = "true"
        elif isinstance(value, (list, dict)):
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            text = str(value)
        pairs.append((name, text))
    return urlencode(pairs)


def qr_svg(url: str, label: str) -> str | None:
    """The QR code of an address as inline SVG, sized by its box, with the label as its accessible name;
    None when the address is too long for a code a phone reads (about 2,900 bytes: a long list of
    nominees), so that the sheet can say so rather than print nothing."""
    import segno  # only when a code is drawn: the calculators themselves need nothing outside the standard library

    code = None
    for level in (QR_ERROR, "l"):  # a long link still gets a code, with less room for smudges
        try:
            code = segno.make(url, error=level, micro=False, boost_error=False)
            break
        except segno.DataOverflowError:
            continue
    if code is None:
        return None
    svg = code.svg_inline(scale=1, border=QR_BORDER, omitsize=True, svgclass=None, lineclass=None)
    return svg.replace("<svg ", f'<svg class="qr" role="img" aria-label="{html.escape(label, quote=True)}" ', 1)
