"""The static picture for reports: the most connected entities, in the page's own layout (Pillow, or SVG text).

Rules, in order:
1. The picture is a scene in pixels, computed once (:func:`picture_scene`, pure): links, an
   arrowhead per link (its tip on the target's rim), nodes as discs sized like the page's, a title,
   a legend, and names.
2. Names are placed most connected first, at one of eight spots around their node, then eight
   farther out, where they overlap neither another name nor another node and stay in the frame;
   the :data:`MUST_LABEL` most connected may cover other discs (on a white box) rather than go
   unnamed; the rest are left out. Names are plain text (no markup, no maths).
3. The PNG is drawn with Pillow at twice the size and halved (smooth edges without an
   anti-aliasing rasteriser), in bulk: every link, then every head, every disc, every name; it is
   saved with a 256-colour palette. The SVG writes the same scene as elements, every text escaped.

Text is measured with the sans-serif font Pillow ships (Aileron, close to Helvetica in width),
so no font file is looked up and nothing but Pillow is imported.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from kg.export.view import (
    LABELS_ALWAYS,
    NODE_COLORS,
    OTHER_RELATION_COLOR,
    PICTURE_MAX,
    RELATION_COLORS,
    PreparedView,
    node_size,
)

DPI = 150
PT = DPI / 72          # pixels per point: sizes below are in points, as on paper
SUPERSAMPLE = 2        # the PNG is drawn this many times larger, then reduced
MUST_LABEL = 12
LABEL_PT, TITLE_PT, LEGEND_PT = 8, 11, 9
LINK_ALPHA, HEAD_ALPHA, BOX_ALPHA = 0.6, 0.75, 0.7
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y downwards


@dataclass
class Label:
    lines: list[str]
    box: Box
    over_discs: bool = False  # one of the main entities, named on top of other discs


@dataclass
class Scene:
    """Everything the picture shows, in pixels of the final image."""

    width: int
    height: int
    title: str
    links: list[tuple[float, float, float, float, str, float]] = field(default_factory=list)  # x0 y0 x1 y1 colour w
    heads: list[tuple[list[tuple[float, float]], str]] = field(default_factory=list)
    discs: list[tuple[float, float, float, str]] = field(default_factory=list)  # x y radius colour
    labels: list[Label] = field(default_factory=list)
    legend: list[tuple[str, str, str, float, float]] = field(default_factory=list)  # dot|bar, colour, text, x, y


def _font(points: float, scale: float = 1.0) -> Any:
    from PIL import ImageFont

    return ImageFont.load_default(size=max(1, round(points * PT * scale)))


def picture_scene(prepared: PreparedView, *, labels: int = LABELS_ALWAYS, max_nodes: int = PICTURE_MAX) -> Scene:
    """The picture of the ``max_nodes`` most connected entities, laid out where the page has them.

    A picture of more than about 150 entities is a hairball at report size, so the rest are left
    out (the title says how many); the interactive page holds many more.
    """
    view = prepared.picture(max_nodes)
    ranked = view.ranked()
    small = len(ranked) <= 80
    width, height = (1500, 1050) if small else (2100, 1500)
    total = prepared.total
    shown = f"the {len(ranked)} most connected of {total} entities" if total > len(ranked) else f"{total} entities"
    scene = Scene(width, height, f"{shown}, {len(view.links)} links")
    frame = (0.01 * width, 0.06 * height, 0.84 * width, 0.99 * height)
    _legend(scene, frame)
    if not ranked:
        return scene
    shrink = min(1.0, math.sqrt(60 / len(ranked)))  # crowded pictures get smaller discs
    radius = [node_size(n) * 0.75 * shrink / 2 * PT for n in ranked]
    xs = [prepared.pos[n.id][0] for n in ranked]
    ys = [prepared.pos[n.id][1] for n in ranked]
    # equal aspect, 6% margins, centred in the frame
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = (x_hi - x_lo) or 1.0, (y_hi - y_lo) or 1.0
    inner_w, inner_h = (frame[2] - frame[0]) / 1.12, (frame[3] - frame[1]) / 1.12
    scale = min(inner_w / span_x, inner_h / span_y)
    cx, cy = (frame[0] + frame[2]) / 2, (frame[1] + frame[3]) / 2
    px = [cx + (x - (x_lo + x_hi) / 2) * scale for x in xs]
    py = [cy - (y - (y_lo + y_hi) / 2) * scale for y in ys]
    index = {n.id: i for i, n in enumerate(ranked)}
    for lk in view.links:
        a, b = index[lk.source], index[lk.target]
        colour = RELATION_COLORS.get(lk.relation, OTHER_RELATION_COLOR)
        w = 0.8 + 0.6 * math.log2(lk.count)
        scene.links.append((px[a], py[a], px[b], py[b], colour, w * PT))
        # the head: a triangle whose tip sits on the target's rim
        angle = math.atan2(py[b] - py[a], px[b] - px[a])
        ca, sa = math.cos(angle), math.sin(angle)
        back, length, half = radius[b] + 1.0 * PT, (5.0 + w) * PT, (2.2 + w / 2) * PT
        tip = (px[b] - back * ca, py[b] - back * sa)
        bx, by = px[b] - (back + length) * ca, py[b] - (back + length) * sa
        scene.heads.append(([tip, (bx - half * sa, by + half * ca), (bx + half * sa, by - half * ca)], colour))
    scene.discs = [(px[i], py[i], radius[i], NODE_COLORS.get(n.label, OTHER_RELATION_COLOR))
                   for i, n in enumerate(ranked)]
    scene.labels = place_labels([n.name for n in ranked[:labels]], px, py, radius, frame)
    return scene


def _legend(scene: Scene, frame: Box) -> None:
    x, y = frame[2] + 0.01 * scene.width, frame[1]
    step = LEGEND_PT * PT * 1.6
    keys = [("dot", c, k) for k, c in NODE_COLORS.items()]
    keys += [("bar", c, k.replace("_", " ").lower()) for k, c in RELATION_COLORS.items()]
    for kind, colour, text in keys:
        scene.legend.append((kind, colour, text, x, y))
        y += step


def _text_size(lines: list[str], font: Any) -> tuple[float, float, float]:
    """Width, height and line height of a block of lines, in pixels."""
    ascent, descent = font.getmetrics()
    line = (ascent + descent) * 1.05
    return max((font.getlength(s) for s in lines), default=0.0), line * len(lines), line


def place_labels(names: list[str], px: list[float], py: list[float], radius: list[float], frame: Box
                 ) -> list[Label]:
    """Names beside the first ``len(names)`` nodes where they overlap neither another name nor a node (rule 2)."""
    font = _font(LABEL_PT)
    pad = 0.1 * LABEL_PT * PT
    node_boxes = [(x - r, y - r, x + r, y + r) for x, y, r in zip(px, py, radius, strict=True)]
    placed: list[Label] = []
    ring = [(0, -1, "center", "bottom"), (0, 1, "center", "top"), (1, 0, "left", "center"),
            (-1, 0, "right", "center"), (1, -1, "left", "bottom"), (-1, -1, "right", "bottom"),
            (1, 1, "left", "top"), (-1, 1, "right", "top")]
    spots = ring + [(1.8 * dx, 1.8 * dy, ha, va) for dx, dy, ha, va in ring]
    for i, name in enumerate(names):
        wrapped = textwrap.wrap(name, 24) or [""]  # two short lines fit beside a node more often than one long
        lines = wrapped[:2]
        if len(wrapped) > 2:
            lines[-1] += "…"
        tw, th, _ = _text_size(lines, font)
        w, h = tw + 2 * pad, th + 2 * pad
        r = radius[i] + 2
        fallback = None
        for dx, dy, ha, va in spots:
            sx, sy = px[i] + dx * r, py[i] + dy * r
            x0 = sx - {"left": 0.0, "center": w / 2, "right": w}[ha]
            y0 = sy - {"top": 0.0, "center": h / 2, "bottom": h}[va]
            box = (x0, y0, x0 + w, y0 + h)
            if box[0] < frame[0] or box[2] > frame[2] or box[1] < frame[1] or box[3] > frame[3]:
                continue
            if any(_overlap(p.box, box) for p in placed):
                continue
            if any(_overlap(nb, box) for k, nb in enumerate(node_boxes) if k != i):
                fallback = fallback or box
                continue
            placed.append(Label(lines, box))
            break
        else:
            if fallback is not None and i < MUST_LABEL:  # the main entities are named even over other discs
                placed.append(Label(lines, fallback, over_discs=True))
    return placed


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _rgba(colour: str, alpha: float) -> tuple[int, int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), round(255 * alpha)


def draw_png(scene: Scene, path: Path) -> None:
    """Rasterise the scene with Pillow, twice as large, then halve it."""
    from PIL import Image, ImageDraw

    s = SUPERSAMPLE
    image = Image.new("RGB", (scene.width * s, scene.height * s), "white")
    draw = ImageDraw.Draw(image, "RGBA")
    for x0, y0, x1, y1, colour, w in scene.links:
        draw.line([(x0 * s, y0 * s), (x1 * s, y1 * s)], fill=_rgba(colour, LINK_ALPHA), width=max(1, round(w * s)))
    for points, colour in scene.heads:
        draw.polygon([(x * s, y * s) for x, y in points], fill=_rgba(colour, HEAD_ALPHA))
    edge = max(1, round(1.0 * PT * s))
    for x, y, r, colour in scene.discs:
        draw.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=colour, outline="white", width=edge)
    font = _font(LABEL_PT, s)
    pad = 0.1 * LABEL_PT * PT
    for label in scene.labels:
        x0, y0, x1, y1 = label.box
        draw.rounded_rectangle([x0 * s, y0 * s, x1 * s, y1 * s], radius=pad * s,
                               fill=(255, 255, 255, round(255 * (0.9 if label.over_discs else BOX_ALPHA))))
        _, _, line = _text_size(label.lines, font)
        for k, text in enumerate(label.lines):
            width = font.getlength(text)
            draw.text(((x0 + x1) / 2 * s - width / 2, (y0 + pad) * s + k * line), text, font=font, fill="#222222")
    draw.text((0.01 * scene.width * s, 0.015 * scene.height * s), scene.title, font=_font(TITLE_PT, s), fill="black")
    legend_font = _font(LEGEND_PT, s)
    size = LEGEND_PT * PT
    for kind, colour, text, x, y in scene.legend:
        if kind == "dot":
            draw.ellipse([x * s, (y + 0.15 * size) * s, (x + 0.8 * size) * s, (y + 0.95 * size) * s], fill=colour)
        else:
            draw.line([(x * s, (y + 0.55 * size) * s), ((x + 1.6 * size) * s, (y + 0.55 * size) * s)], fill=colour,
                      width=round(2 * PT * s))
        draw.text(((x + 2.0 * size) * s, y * s), text, font=legend_font, fill="#222222")
    # halved, then 256 colours (fast octree: no difference to see on flat discs and lines): a
    # palette PNG is written in a tenth of the time of an RGB one, at half the size
    image = image.reduce(s).quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    image.save(path, format="PNG", compress_level=1)


def scene_svg(scene: Scene) -> str:
    """The scene as SVG text: the same marks as the PNG, every name and title escaped."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{scene.width}" height="{scene.height}" '
           f'viewBox="0 0 {scene.width} {scene.height}" font-family="Aileron, Helvetica, Arial, sans-serif">',
           f'<rect width="{scene.width}" height="{scene.height}" fill="white"/>',
           f'<g stroke-opacity="{LINK_ALPHA}" stroke-linecap="butt">']
    out += [f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{c}" stroke-width="{w:.2f}"/>'
            for x0, y0, x1, y1, c, w in scene.links]
    out.append(f'</g><g fill-opacity="{HEAD_ALPHA}">')
    out += ['<polygon points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + f'" fill="{c}"/>'
            for pts, c in scene.heads]
    out.append(f'</g><g stroke="white" stroke-width="{PT:.2f}">')
    out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{c}"/>' for x, y, r, c in scene.discs]
    out.append("</g>")
    font = _font(LABEL_PT)
    pad = 0.1 * LABEL_PT * PT
    _, _, line = _text_size(["x"], font)
    ascent = font.getmetrics()[0]
    for label in scene.labels:
        x0, y0, x1, y1 = label.box
        out.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" rx="{pad:.1f}" '
                   f'fill="white" fill-opacity="{0.9 if label.over_discs else BOX_ALPHA}"/>')
        spans = "".join(f'<tspan x="{(x0 + x1) / 2:.1f}" y="{y0 + pad + ascent + k * line:.1f}">{escape(t)}</tspan>'
                        for k, t in enumerate(label.lines))
        out.append(f'<text font-size="{LABEL_PT * PT:.1f}" fill="#222" text-anchor="middle">{spans}</text>')
    title_pt = TITLE_PT * PT
    out.append(f'<text x="{0.01 * scene.width:.1f}" y="{0.015 * scene.height + title_pt:.1f}" '
               f'font-size="{title_pt:.1f}">{escape(scene.title)}</text>')
    size = LEGEND_PT * PT
    for kind, colour, text, x, y in scene.legend:
        if kind == "dot":
            out.append(f'<circle cx="{x + 0.4 * size:.1f}" cy="{y + 0.55 * size:.1f}" r="{0.4 * size:.1f}" '
                       f'fill="{colour}"/>')
        else:
            out.append(f'<line x1="{x:.1f}" y1="{y + 0.55 * size:.1f}" x2="{x + 1.6 * size:.1f}" '
                       f'y2="{y + 0.55 * size:.1f}" stroke="{colour}" stroke-width="{2 * PT:.1f}"/>')
        out.append(f'<text x="{x + 2.0 * size:.1f}" y="{y + 0.9 * size:.1f}" font-size="{size:.1f}" fill="#222">'
                   f'{escape(text)}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


def write_picture(prepared: PreparedView, path: Path, *, svg: bool = False, labels: int = LABELS_ALWAYS,
                  max_nodes: int = PICTURE_MAX) -> None:
    """Draw the ``max_nodes`` most connected entities (PNG, or SVG with ``svg=True``)."""
    scene = picture_scene(prepared, labels=labels, max_nodes=max_nodes)
    if svg:
        Path(path).write_text(scene_svg(scene), encoding="utf-8")
    else:
        draw_png(scene, Path(path))
