"""The copy/credit graph of a storyline as an inline SVG picture (no script, no network).

Sources sit at the top, what derives from them below (layer = longest chain of
derivation above a node). Each edge links to its evidence block (#rel-N), each
article node to the article (#article-ID), so the picture is clickable in any
browser without JavaScript.
"""

from __future__ import annotations

from html import escape

KIND_COLOURS = {
    "copy": "#c0392b",
    "rewrite": "#d35400",
    "cites": "#2471a3",
    "shares-source": "#7d3c98",
    "credits": "#7f8c8d",
}
NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN = 180, 48, 24, 70, 16


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    depth = {n: 0 for n in nodes}
    for _ in range(len(nodes)):  # longest path by relaxation; bounded, so cycles cannot loop
        changed = False
        for derived, source in edges:
            if depth[derived] < depth[source] + 1:
                depth[derived] = depth[source] + 1
                changed = True
        if not changed:
            break
    return depth


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def storyline_svg(article_ids: list[str], articles: dict[str, dict], relations: list[tuple[int, dict]],
                  article_href=lambda article_id: f"#article-{article_id}") -> str:
    """``relations``: (index in the report's relations list, relation dict) pairs of this storyline."""
    outside = [r["to"] for _, r in relations if r["to"] not in articles]
    nodes = list(dict.fromkeys(article_ids + outside))
    edges = [(r["from"], r["to"]) for _, r in relations if r["from"] in nodes and r["to"] in nodes]
    depth = _layers(nodes, edges)
    by_layer: dict[int, list[str]] = {}
    for node in nodes:
        by_layer.setdefault(depth[node], []).append(node)
    widest = max(len(v) for v in by_layer.values())
    width = MARGIN * 2 + widest * NODE_W + (widest - 1) * GAP_X
    height = MARGIN * 2 + len(by_layer) * NODE_H + (len(by_layer) - 1) * GAP_Y + 14
    position: dict[str, tuple[float, float]] = {}
    for layer, members in sorted(by_layer.items()):
        row_width = len(members) * NODE_W + (len(members) - 1) * GAP_X
        x0 = (width - row_width) / 2
        for i, node in enumerate(members):
            position[node] = (x0 + i * (NODE_W + GAP_X), MARGIN + layer * (NODE_H + GAP_Y))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="copy and credit graph">',
             "<defs>"]
    for kind, colour in KIND_COLOURS.items():
        parts.append(f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                     f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    parts.append("</defs>")
    for index, relation in relations:
        if relation["from"] not in position or relation["to"] not in position:
            continue
        (x1, y1), (x2, y2) = position[relation["from"]], position[relation["to"]]
        start = (x1 + NODE_W / 2, y1)
        end = (x2 + NODE_W / 2, y2 + NODE_H)
        if y1 == y2:  # same layer: connect the sides
            start = (x1 + (0 if x1 > x2 else NODE_W), y1 + NODE_H / 2)
            end = (x2 + (NODE_W if x1 > x2 else 0), y2 + NODE_H / 2)
        colour = KIND_COLOURS.get(relation["kind"], "#555")
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        dash = ' stroke-dasharray="5 4"' if relation["kind"] == "credits" else ""
        parts.append(
            f'<a href="#rel-{index}" class="edge"><title>{escape(relation["kind"])} (score {relation["score"]}, '
            f'{escape(relation["basis"])}): click for the evidence</title>'
            # A wide transparent line under the visible one: an arrow easy to hit with a pointer.
            f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" stroke="transparent" '
            f'stroke-width="14" pointer-events="stroke"/>'
            f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" stroke="{colour}" '
            f'stroke-width="2.5"{dash} marker-end="url(#arrow-{escape(relation["kind"])})"/>'
            f'<text x="{mid[0] + 4:.0f}" y="{mid[1]:.0f}" fill="{colour}" font-size="11">{escape(relation["kind"])}</text></a>')
    for node in nodes:
        x, y = position[node]
        article = articles.get(node)
        if article:
            heading = article.get("outlet") or "unknown outlet"
            sub = article.get("title") or article.get("text", "")[:60]
            parts.append(
                f'<a href="{escape(article_href(node))}" class="node"><title>{escape(sub)}</title>'
                f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="#fff" stroke="#34495e"/>'
                f'<text x="{x + 8:.0f}" y="{y + 19:.0f}" font-size="12" font-weight="bold">{escape(_short(heading, 24))}</text>'
                f'<text x="{x + 8:.0f}" y="{y + 36:.0f}" font-size="11" fill="#555">{escape(_short(sub, 28))}</text></a>')
        else:
            parts.append(
                f'<g class="source"><title>named as a source; not in the corpus</title>'
                f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="22" fill="#f4f6f6" '
                f'stroke="#7f8c8d" stroke-dasharray="4 3"/>'
                f'<text x="{x + NODE_W / 2:.0f}" y="{y + 28:.0f}" font-size="12" text-anchor="middle">'
                f'{escape(_short(node, 26))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(entries: list[dict], width: int = 860) -> str:
    """Dated happenings on one axis: a dot for a day, a bar for a month or a year;
    hollow when the date rests on an inferred anchor. Numbers key the list below it."""
    from datetime import date, timedelta

    def span(entry: dict) -> tuple[date, date]:
        parts = [int(p) for p in entry["date"].split("-")]
        if entry["precision"] == "day":
            d = date(*parts)
            return d, d
        if entry["precision"] == "month":
            first = date(parts[0], parts[1], 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)

    if not entries:
        return ""
    spans = [span(e) for e in entries]
    lo = min(s for s, _ in spans) - timedelta(days=15)
    hi = max(e for _, e in spans) + timedelta(days=15)
    total = max((hi - lo).days, 1)
    left, right, axis_y = 30, width - 30, 40

    def x(d: date) -> float:
        return left + (right - left) * (d - lo).days / total

    rows = [[]]  # stagger labels that would collide
    height = 110
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="timeline">',
             f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#34495e" stroke-width="2"/>']
    for year in range(lo.year, hi.year + 1):
        tick = date(year, 1, 1)
        if lo <= tick <= hi:
            parts.append(f'<line x1="{x(tick):.0f}" y1="{axis_y - 6}" x2="{x(tick):.0f}" y2="{axis_y + 6}" stroke="#34495e"/>'
                         f'<text x="{x(tick):.0f}" y="{axis_y + 22}" font-size="11" text-anchor="middle">{year}</text>')
    for number, (entry, (start, end)) in enumerate(zip(entries, spans), start=1):
        colour = "#2471a3"
        fill = "#fff" if entry.get("inferred") else colour
        level = 0
        while any(abs(x(start) - other) < 16 for other in rows[level]):
            level += 1
            if level == len(rows):
                rows.append([])
        rows[level].append(x(start))
        y = axis_y - 12 - level * 14
        label = f'<title>{escape(entry["date"])}: {escape(entry["text"][:120])}</title>'
        if entry["precision"] == "day":
            parts.append(f'<g>{label}<circle cx="{x(start):.1f}" cy="{axis_y}" r="5" fill="{fill}" stroke="{colour}" '
                         f'stroke-width="2"/><text x="{x(start):.1f}" y="{y:.0f}" font-size="10" '
                         f'text-anchor="middle">{number}</text></g>')
        else:
            w = max(x(end) - x(start), 3)
            dash = ' stroke-dasharray="3 2"' if entry.get("inferred") else ""
            parts.append(f'<g>{label}<rect x="{x(start):.1f}" y="{axis_y - 4}" width="{w:.1f}" height="8" rx="2" '
                         f'fill="{colour}" fill-opacity="{0.15 if entry.get("inferred") else 0.45}" stroke="{colour}"{dash}/>'
                         f'<text x="{x(start) + w / 2:.1f}" y="{y:.0f}" font-size="10" text-anchor="middle">{number}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
