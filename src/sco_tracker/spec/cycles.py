"""Cycles in a graph of ids (a commitment's depends_on), each reported once."""

from __future__ import annotations

from collections.abc import Iterator


def cycles(graph: dict[str, list[str]]) -> Iterator[tuple[str, int, list[str]]]:
    """Each cycle once, as (the node whose edge closes it, that edge's index in the node's
    list, the cycle from its first node back to it: ['a', 'b', 'a']). Edges to ids that are
    not in the graph are ignored (an unknown reference is reported elsewhere). Iterative, so
    a chain of 100,000 dependencies does not overflow the stack."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = [start]
        state[start] = 1
        while stack:
            node, k = stack[-1]
            deps = graph.get(node, [])
            if k < len(deps):
                stack[-1] = (node, k + 1)
                nxt = deps[k]
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    cycle = trail[trail.index(nxt) :] + [nxt]
                    members = frozenset(cycle)
                    if members not in reported:
                        reported.add(members)
                        yield node, graph[node].index(nxt), cycle
                elif not state.get(nxt):
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    trail.append(nxt)
            else:
                state[node] = 2
                stack.pop()
                trail.pop()
