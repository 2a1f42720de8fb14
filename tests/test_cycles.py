"""spec/cycles.py: each dependency cycle found once, with the edge that closes it."""

from __future__ import annotations

from sco_tracker.spec.cycles import cycles


def test_a_two_step_cycle_is_found_once_at_the_edge_that_closes_it() -> None:
    graph = {
        "qingdao-youth-action-programme": ["qingdao-youth-joint-appeal"],
        "qingdao-youth-joint-appeal": ["border-control", "qingdao-youth-action-programme"],
        "border-control": [],
    }
    assert list(cycles(graph)) == [
        (
            "qingdao-youth-joint-appeal",
            1,
            [
                "qingdao-youth-action-programme",
                "qingdao-youth-joint-appeal",
                "qingdao-youth-action-programme",
            ],
        )
    ]


def test_a_commitment_that_depends_on_itself_and_unknown_ids() -> None:
    graph = {"a": ["not-tracked", "a"], "b": ["a"]}
    assert list(cycles(graph)) == [("a", 1, ["a", "a"])]


def test_no_cycle_in_a_long_chain_and_no_recursion_limit() -> None:
    graph = {f"c{i}": [f"c{i + 1}"] for i in range(50_000)}
    assert list(cycles(graph)) == []
    graph["c50000"] = ["c0"]
    (found,) = cycles(graph)
    assert found[0] == "c50000" and found[2][0] == "c0" and len(found[2]) == 50_002
