"""The rapporteur's synthesis: a safe Markdown subset, rendered the same everywhere.

Headings, lists, emphasis, quotes and code spans. Raw HTML is shown as text, images are
not loaded (written out as text), and links show their text followed by the address in
parentheses, never as a live link: a synthesis cannot make a report fetch or point
anywhere. Headings sit below the group's own heading in the report.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

Env = dict[str, Any]

#: A synthesis `# heading` becomes <h4>: the report's group and question headings are above.
HEADING_SHIFT = 3


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image"])

    def link_open(_renderer: Any, tokens: Any, index: int, _options: Any, env: Env) -> str:
        env.setdefault("links", []).append(tokens[index].attrGet("href") or "")
        return '<span class="link">'

    def link_close(
        renderer: Any, tokens: Any, index: int, options: Any, env: dict[str, Any]
    ) -> str:
        href = env.get("links", [""]).pop()
        return f"</span> ({escape(href)})"

    def heading_open(
        renderer: Any, tokens: Any, index: int, options: Any, env: dict[str, Any]
    ) -> str:
        level = min(int(tokens[index].tag[1]) + HEADING_SHIFT, 6)
        return f"<h{level}>"

    def heading_close(
        renderer: Any, tokens: Any, index: int, options: Any, env: dict[str, Any]
    ) -> str:
        level = min(int(tokens[index].tag[1]) + HEADING_SHIFT, 6)
        return f"</h{level}>\n"

    parser.add_render_rule("link_open", link_open)
    parser.add_render_rule("link_close", link_close)
    parser.add_render_rule("heading_open", heading_open)
    parser.add_render_rule("heading_close", heading_close)
    return parser


_MARKDOWN = _parser()


def render_synthesis(text: str) -> Markup:
    """Safe HTML for a synthesis written in Markdown."""
    return Markup(_MARKDOWN.render(text, {}))  # noqa: S704 - markdown-it escapes raw HTML (html=False)
