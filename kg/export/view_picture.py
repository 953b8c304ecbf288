"""The static picture for reports: the most connected entities, in the page's own layout (matplotlib, Agg).

Drawn in bulk: every link in one LineCollection, every arrowhead in one PathCollection (a
triangle per link, turned along it and set back by the target's radius), every node in one
scatter; names are placed without a full draw first (sizes come from the renderer's text
metrics), so the figure is rasterised once, by ``savefig``.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

from kg.export.view import (
    LABELS_ALWAYS,
    NODE_COLORS,
    OTHER_RELATION_COLOR,
    PICTURE_MAX,
    RELATION_COLORS,
    PreparedView,
    ViewNode,
    node_size,
)


def write_picture(prepared: PreparedView, path: Path, *, svg: bool = False, labels: int = LABELS_ALWAYS,
                  max_nodes: int = PICTURE_MAX) -> None:
    """Draw the ``max_nodes`` most connected entities (PNG, or SVG with ``svg=True``).

    A picture of more than about 150 entities is a hairball at report size, so the rest are left
    out (the title says how many); the interactive page holds many more.
    """
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import IdentityTransform

    view = prepared.picture(max_nodes)
    pos = prepared.pos
    ranked = view.ranked()
    small = len(ranked) <= 80
    fig = Figure(figsize=(10, 7) if small else (14, 10), dpi=150)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.01, right=0.84, bottom=0.01, top=0.94)
    ax = fig.add_subplot()
    ax.set_axis_off()
    xs = np.array([pos[n.id][0] for n in ranked], dtype=float)
    ys = np.array([pos[n.id][1] for n in ranked], dtype=float)
    shrink = min(1.0, math.sqrt(60 / max(len(ranked), 1)))  # crowded pictures get smaller discs
    diam = np.array([node_size(n) * 0.75 * shrink for n in ranked])  # bokeh pixels -> points, about
    sizes = diam ** 2
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.06)
    index = {n.id: i for i, n in enumerate(ranked)}
    links = view.links
    if links:
        src = np.array([index[lk.source] for lk in links])
        dst = np.array([index[lk.target] for lk in links])
        colors = [RELATION_COLORS.get(lk.relation, OTHER_RELATION_COLOR) for lk in links]
        widths = np.array([0.8 + 0.6 * math.log2(lk.count) for lk in links])
        segments = np.stack([np.column_stack([xs[src], ys[src]]), np.column_stack([xs[dst], ys[dst]])], axis=1)
        ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, alpha=0.6, zorder=1))
        # arrowheads: a triangle in points around the target's centre, its tip on the disc's rim
        angle = np.arctan2(ys[dst] - ys[src], xs[dst] - xs[src])
        back = diam[dst] / 2 + 1.0
        heads = []
        for a, b, w in zip(angle, back, widths, strict=True):
            length, half = 5.0 + w, 2.2 + w / 2
            ca, sa = math.cos(a), math.sin(a)
            tip = (-b * ca, -b * sa)
            base = (-(b + length) * ca, -(b + length) * sa)
            heads.append(MplPath([tip, (base[0] - half * sa, base[1] + half * ca),
                                  (base[0] + half * sa, base[1] - half * ca), tip], closed=True))
        arrows = PathCollection(heads, sizes=[1.0], offsets=np.column_stack([xs[dst], ys[dst]]),
                                offset_transform=ax.transData, facecolors=colors, edgecolors="none",
                                alpha=0.75, zorder=1.5)
        arrows.set_transform(IdentityTransform())  # the paths are in points (sizes scale them), not data
        ax.add_collection(arrows, autolim=False)
    if len(ranked):
        ax.scatter(xs, ys, s=sizes, c=[NODE_COLORS.get(n.label, OTHER_RELATION_COLOR) for n in ranked],
                   edgecolors="white", linewidths=1.0, zorder=2)
    handles = [Line2D([], [], marker="o", ls="", color=c, label=k, markersize=8) for k, c in NODE_COLORS.items()]
    handles += [Line2D([], [], color=c, lw=2, label=k.replace("_", " ").lower()) for k, c in RELATION_COLORS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    total = prepared.total
    shown = f"the {len(ranked)} most connected of {total} entities" if total > len(ranked) else f"{total} entities"
    ax.set_title(f"{shown}, {len(links)} links", fontsize=11, loc="left")
    _place_labels(fig, ax, ranked[:labels], xs, ys, sizes)
    # zlib level 1: a tenth larger than the default 6, written in half the time
    fig.savefig(path, format="svg" if svg else "png", **({} if svg else {"pil_kwargs": {"compress_level": 1}}))


def _place_labels(fig: Any, ax: Any, nodes: list[ViewNode], all_x: Any, all_y: Any, all_sizes: Any, *,
                  must_label: int = 12) -> None:
    """Write names beside nodes where they overlap neither another name nor a node; skip the rest.

    Tries eight spots around each node, then eight farther out, most connected nodes first, in display pixels.
    The ``must_label`` most connected may cover other discs (on a white box) rather than go unnamed.
    """
    import numpy as np
    from matplotlib.transforms import Bbox

    if not nodes:
        return
    renderer = fig.canvas.get_renderer()
    ax.autoscale_view()
    ax.apply_aspect()  # the limits as they will be drawn, without drawing
    to_px = ax.transData.transform
    to_data = ax.transData.inverted().transform
    centres = to_px(np.column_stack([all_x, all_y]))
    radii = np.sqrt(np.asarray(all_sizes)) / 2 * fig.dpi / 72
    node_boxes = np.column_stack([centres[:, 0] - radii, centres[:, 1] - radii,
                                  centres[:, 0] + radii, centres[:, 1] + radii])
    frame = ax.get_window_extent(renderer)
    placed: list[tuple[float, float, float, float]] = []
    ring = [(0, 1, "center", "bottom"), (0, -1, "center", "top"), (1, 0, "left", "center"),
            (-1, 0, "right", "center"), (1, 1, "left", "bottom"), (-1, 1, "right", "bottom"),
            (1, -1, "left", "top"), (-1, -1, "right", "top")]
    spots = ring + [(1.8 * dx, 1.8 * dy, ha, va) for dx, dy, ha, va in ring]
    for i, node in enumerate(nodes):
        cx, cy = centres[i]
        r = radii[i] + 2
        lines = textwrap.wrap(node.name, 24) or [""]  # two short lines fit beside a node more often than one long
        name = "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")
        text = ax.text(0, 0, name, fontsize=8, zorder=3, color="#222", parse_math=False,  # "$5 to $10" is text
                       multialignment="center", linespacing=1.1,
                       bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.7))
        text.set_ha("left")
        text.set_va("bottom")
        extent = text.get_window_extent(renderer)  # measured once; each spot is arithmetic
        w, h = extent.width, extent.height
        fallback = None
        for dx, dy, ha, va in spots:
            px, py = cx + dx * r, cy + dy * r
            x0 = px - {"left": 0.0, "center": w / 2, "right": w}[ha]
            y0 = py - {"bottom": 0.0, "center": h / 2, "top": h}[va]
            b = Bbox.from_bounds(x0, y0, w, h)
            box = (b.x0, b.y0, b.x1, b.y1)
            if b.x0 < frame.x0 or b.x1 > frame.x1 or b.y0 < frame.y0 or b.y1 > frame.y1:
                continue
            if any(p[0] < box[2] and p[2] > box[0] and p[1] < box[3] and p[3] > box[1] for p in placed):
                continue
            hit_nodes = ((node_boxes[:, 0] < box[2]) & (node_boxes[:, 2] > box[0]) &
                         (node_boxes[:, 1] < box[3]) & (node_boxes[:, 3] > box[1]))
            hit_nodes[i] = False
            if hit_nodes.any():
                fallback = fallback or (px, py, ha, va, box)
                continue
            placed.append(box)
            text.set_position(to_data((px, py)))
            text.set_ha(ha)
            text.set_va(va)
            break
        else:
            if fallback is not None and i < must_label:  # the main entities are named even over other discs
                px, py, ha, va, box = fallback
                text.set_position(to_data((px, py)))
                text.set_ha(ha)
                text.set_va(va)
                text.set_zorder(4)
                placed.append(box)
                continue
            text.remove()
