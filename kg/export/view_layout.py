"""Where the view puts each entity: one layout, computed once, shared by the page and the picture.

Rules, in order:
1. Entities joined by links form connected groups; each group is laid out on its own, so
   isolated entities are not flung to the rim and a person with a role stays readable.
2. A group of one is a point; a group of up to :data:`STAR_MAX` is a star (its best-connected
   member in the middle, the others on a circle): closed form, no iterations.
3. Groups up to :data:`CORE` entities are laid out together in one batched Fruchterman-Reingold
   run in which only members of the same group repel, so a hundred small groups cost one run.
4. A larger group is laid out coarse to fine: its :data:`CORE` best-connected entities first,
   then every other entity starts beside a placed neighbour and a few passes settle them, with
   repulsion cut off beyond a few ideal distances (the grid variant of Fruchterman-Reingold), so
   a pass costs about linear time rather than quadratic.
5. Groups are packed in rows, largest first; the largest on the left when it dominates.

numpy only. networkx's ``spring_layout`` took 4-12 s for 2,000 entities and python-igraph's
compiled one 0.1-0.2 s, but igraph is GPL-2.0 and kg is MIT: see docs/scale.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

STAR_MAX = 6
CORE = 250
Position = tuple[float, float]


def layout(node_ids: list[str], links: Iterable[tuple[str, str, float]], *, seed: int = 7) -> dict[str, Position]:
    """Positions for ``node_ids`` (most connected first) joined by weighted ``links``."""
    import numpy as np

    index = {n: i for i, n in enumerate(node_ids)}
    weight: dict[tuple[int, int], float] = defaultdict(float)
    for source, target, w in links:
        a, b = index[source], index[target]
        if a != b:
            weight[(min(a, b), max(a, b))] += w
    comps = _components(len(node_ids), weight)
    degree = [0.0] * len(node_ids)
    for (a, b), w in weight.items():
        degree[a] += w
        degree[b] += w
    by_comp: dict[int, list[tuple[int, int]]] = defaultdict(list)
    comp_of = {}
    for c, members in enumerate(comps):
        for m in members:
            comp_of[m] = c
    for pair in weight:
        by_comp[comp_of[pair[0]]].append(pair)
    rng = np.random.default_rng(seed)
    local: list[dict[int, Position]] = [{} for _ in comps]
    batch = []
    for c, members in enumerate(comps):
        if len(members) == 1:
            local[c] = {members[0]: (0.0, 0.0)}
        elif len(members) <= STAR_MAX:
            local[c] = _star(members, degree)
        elif len(members) <= CORE:
            batch.append(c)
        else:
            local[c] = _coarse_to_fine(members, by_comp[c], degree, rng)
    if batch:
        members = [m for c in batch for m in comps[c]]
        pos = _batched(members, [comp_of[m] for m in members], [p for c in batch for p in by_comp[c]], rng)
        for m, xy in zip(members, pos, strict=True):
            local[comp_of[m]][m] = (float(xy[0]), float(xy[1]))
    boxes = []
    for c, members in enumerate(comps):
        side = 1.15 * math.sqrt(len(members))
        boxes.append((side, _fit(local[c], side)))
    packed = _pack(boxes)
    return {node_ids[i]: xy for i, xy in packed.items()}


def _components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected groups, largest first, ties by their best-ranked member (union-find)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _star(members: list[int], degree: list[float]) -> dict[int, Position]:
    hub = max(members, key=lambda m: (degree[m], -m))
    rest = [m for m in members if m != hub]
    pos = {hub: (0.0, 0.0)}
    for k, m in enumerate(rest):
        angle = math.pi / 2 + 2 * math.pi * k / len(rest)
        pos[m] = (math.cos(angle), math.sin(angle))
    return pos


def _batched(members: list[int], comp: list[int], pairs: list[tuple[int, int]], rng: Any) -> Any:
    """One Fruchterman-Reingold run over many small groups; a node repels only its own group."""
    import numpy as np

    local = {m: i for i, m in enumerate(members)}
    edges = np.array([(local[a], local[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    group = np.asarray(comp)
    same = (group[:, None] == group[None, :]).astype(np.float32)
    sizes = np.bincount(np.unique(group, return_inverse=True)[1]).astype(np.float32)
    size_of = sizes[np.unique(group, return_inverse=True)[1]]
    k = (1.0 / np.sqrt(size_of)).astype(np.float32)  # each group's own ideal distance
    pos = rng.random((len(members), 2)).astype(np.float32)
    return _fr(pos, edges, k, iterations=120, temperature=0.1, mask=same, groups=group)


def _coarse_to_fine(members: list[int], pairs: list[tuple[int, int]], degree: list[float], rng: Any
                    ) -> dict[int, Position]:
    import numpy as np

    names = sorted(members, key=lambda m: (-degree[m], m))
    n = len(names)
    local = {m: i for i, m in enumerate(names)}
    edges = np.array([(local[a], local[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    k = np.float32(1.0 / math.sqrt(n))
    inner = edges[(edges[:, 0] < CORE) & (edges[:, 1] < CORE)]
    pos = np.zeros((n, 2), dtype=np.float32)
    pos[:CORE] = _fr(rng.random((CORE, 2)).astype(np.float32), inner, k, iterations=120, temperature=0.1)
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in edges.tolist():
        neighbours[a].append(b)
        neighbours[b].append(a)
    placed = np.zeros(n, dtype=bool)
    placed[:CORE] = True
    queue = list(range(CORE))
    head = 0
    while head < len(queue):  # breadth first from the core: each node beside its first placed neighbour
        node = queue[head]
        head += 1
        for other in neighbours[node]:
            if not placed[other]:
                pos[other] = pos[node] + rng.normal(0, float(k), 2)
                placed[other] = True
                queue.append(other)
    pos[~placed] = rng.random((int((~placed).sum()), 2))
    pos = _fr(pos, edges, k, iterations=30, temperature=0.02, cutoff=3.0)
    return {names[i]: (float(pos[i, 0]), float(pos[i, 1])) for i in range(n)}


def _fr(pos: Any, edges: Any, k: Any, *, iterations: int, temperature: float, gravity: float = 1.0,
        mask: Any = None, groups: Any = None, cutoff: float | None = None) -> Any:
    """Fruchterman-Reingold steps: pairs repel (k²/d), edges attract (d²/k), moves capped and cooling.

    ``mask`` (n×n, 1 where two nodes repel) batches separate groups, whose centres are ``groups``;
    ``cutoff`` (in ideal distances) repels only near pairs, found on a grid, instead of all pairs.
    """
    import numpy as np

    cool = temperature / (iterations + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    k = np.asarray(k, dtype=np.float32)
    kk = k * k
    kk_row = kk[:, None] if kk.ndim else kk
    if groups is not None:
        _, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    pairs: tuple[Any, Any] = ((), ())
    for step_no in range(iterations):
        if cutoff is None:
            dx = x[:, None] - x[None, :]
            dy = y[:, None] - y[None, :]
            d2 = dx * dx + dy * dy
            np.maximum(d2, np.float32(1e-6), out=d2)
            np.divide(kk_row, d2, out=d2)
            if mask is not None:
                d2 *= mask
            mx, my = (dx * d2).sum(1), (dy * d2).sum(1)
        else:
            if step_no % 5 == 0:  # near pairs move little between steps: found again every fifth
                pairs = _near_pairs(x, y, 1.2 * cutoff * float(k))
            mx, my = _pair_repulsion(x, y, pairs, float(kk))
        if len(edges):
            kk_e = k[edges[:, 0]] if k.ndim else k
            ex = x[edges[:, 0]] - x[edges[:, 1]]
            ey = y[edges[:, 0]] - y[edges[:, 1]]
            pull = np.sqrt(ex * ex + ey * ey) / kk_e
            np.add.at(mx, edges[:, 0], -ex * pull)
            np.add.at(mx, edges[:, 1], ex * pull)
            np.add.at(my, edges[:, 0], -ey * pull)
            np.add.at(my, edges[:, 1], ey * pull)
        # gravity towards the (group's) centre: without it loosely tied nodes drift far out and
        # the scaled picture becomes a dot in the middle with a few satellites
        if groups is None:
            cx, cy = x.mean(), y.mean()
        else:
            cx = (np.bincount(inverse, x) / counts)[inverse]
            cy = (np.bincount(inverse, y) / counts)[inverse]
        mx -= np.float32(gravity) * (x - cx)
        my -= np.float32(gravity) * (y - cy)
        length = np.maximum(np.sqrt(mx * mx + my * my), np.float32(1e-9))
        step = np.minimum(length, np.float32(temperature)) / length
        x += (mx * step).astype(np.float32)
        y += (my * step).astype(np.float32)
        temperature -= cool
    return np.column_stack([x, y])


def _near_pairs(x: Any, y: Any, radius: float) -> tuple[Any, Any]:
    """Every pair (i < j) closer than ``radius``: nodes sorted into grid cells of that side, each
    cell compared with itself and four of its neighbours (the other four see it from their side)."""
    import numpy as np

    n = len(x)
    cx = np.floor((x - x.min()) / radius).astype(np.int64)
    cy = np.floor((y - y.min()) / radius).astype(np.int64)
    width = int(cy.max()) + 3
    cell = (cx + 1) * width + (cy + 1)
    order = np.argsort(cell, kind="stable")
    sorted_cells = cell[order]
    sources, targets = [], []
    for ox, oy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        lo = np.searchsorted(sorted_cells, cell + ox * width + oy, side="left")
        hi = np.searchsorted(sorted_cells, cell + ox * width + oy, side="right")
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            continue
        src = np.repeat(np.arange(n), counts)
        dst = order[np.arange(total) + np.repeat(lo - np.cumsum(counts) + counts, counts)]
        keep = src < dst if (ox, oy) == (0, 0) else np.ones(total, dtype=bool)
        src, dst = src[keep], dst[keep]
        near = (x[src] - x[dst]) ** 2 + (y[src] - y[dst]) ** 2 < radius * radius
        sources.append(src[near])
        targets.append(dst[near])
    if not sources:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(sources), np.concatenate(targets)


def _pair_repulsion(x: Any, y: Any, pairs: tuple[Any, Any], kk: float) -> tuple[Any, Any]:
    """Repulsion k²/d between the given pairs, applied to both ends."""
    import numpy as np

    src, dst = pairs
    n = len(x)
    dx = x[src] - x[dst]
    dy = y[src] - y[dst]
    f = np.float32(kk) / np.maximum(dx * dx + dy * dy, np.float32(1e-6))
    fx, fy = dx * f, dy * f
    mx = np.bincount(src, fx, minlength=n) - np.bincount(dst, fx, minlength=n)
    my = np.bincount(src, fy, minlength=n) - np.bincount(dst, fy, minlength=n)
    return mx.astype(np.float32), my.astype(np.float32)


def _fit(pos: dict[int, Position], side: float) -> dict[int, Position]:
    """Scale positions into a square box of the given side, with a margin."""
    if len(pos) == 1:
        return {n: (side / 2, side / 2) for n in pos}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    margin = 0.5
    scale = (side - 2 * margin) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (side / 2 + (p[0] - cx) * scale, side / 2 + (p[1] - cy) * scale) for n, p in pos.items()}


def _pack(boxes: list[tuple[float, dict[int, Position]]]) -> dict[int, Position]:
    """Boxes in rows, largest first; the largest on the left with the rest beside it when it dominates."""
    if not boxes:
        return {}
    out: dict[int, Position] = {}
    first_side, first = boxes[0]
    rest = boxes[1:]
    rest_area = sum(side * side for side, _ in rest)
    width = max(max((side for side, _ in rest), default=0.0), rest_area / first_side)
    if width <= 2 * first_side:
        _shelves(rest, width, first_side, out)
        for node, (px, py) in first.items():
            out[node] = (px, py - first_side)
    else:
        _shelves(boxes, 1.3 * math.sqrt(rest_area + first_side**2), 0.0, out)
    return out


def _shelves(boxes: list[tuple[float, dict[int, Position]]], width: float, left: float,
             out: dict[int, Position]) -> None:
    """Place square boxes left to right in rows of the given width, rows going down from y = 0."""
    x = y = row_height = 0.0
    for side, pos in boxes:
        if x > 0 and x + side > width + 1e-9:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in pos.items():
            out[node] = (left + x + px, y - side + py)
        x += side
        row_height = max(row_height, side)
