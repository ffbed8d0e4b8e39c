"""The one escaping path from user text (articles, sources, place names) into a map page.

Maps never format user text into HTML or JavaScript source. Everything a user's text can reach
travels as data:

* :func:`script_json` serialises a Python value to JSON that is safe *inside* an HTML
  ``<script>`` element: ``<``, ``>``, ``&`` and the JavaScript line separators U+2028/U+2029 are
  written as ``\\uXXXX`` escapes, so ``</script>``, ``<!--`` and ``]]>`` cannot end or change the
  element, whatever the text says. The page reads it with ``JSON.parse`` and builds DOM nodes with
  ``textContent`` (``static/geo_events_map.js``), so the browser never parses user text as HTML.
* :func:`html_text` escapes text for the few places that are HTML by nature (the page ``<title>``).
"""

from __future__ import annotations

import html
import json
from typing import Any

# Characters that could end a <script> element, open an HTML comment, or break a JS string
# literal in pre-ES2019 engines. JSON allows \uXXXX for each, so the parsed value is unchanged.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_TRANSLATION = str.maketrans(_SCRIPT_UNSAFE)


def script_json(value: Any) -> str:
    """JSON text of ``value`` that can be placed verbatim between ``<script>`` tags.

    Dates and other non-JSON values must be converted by the caller (``TypeError`` otherwise),
    so nothing is silently stringified. ``ensure_ascii=False`` keeps non-Latin place names
    readable and small; the unsafe characters are escaped either way.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_TRANSLATION)


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content or a quoted attribute value."""
    return html.escape(text, quote=True)


def inline_script_source(source: str) -> str:
    """Third-party or package JavaScript made safe to inline in a ``<script>`` element.

    Only the closing-tag sequence can end the element early; ``<\\/script`` means the same in
    every JavaScript context where it can occur (strings, regular expressions, comments).
    Source-map comments are dropped because an offline file has no map to fetch.
    """
    lines = [ln for ln in source.splitlines() if not ln.startswith("//# sourceMappingURL=")]
    return "\n".join(lines).replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
