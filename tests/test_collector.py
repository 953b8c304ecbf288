"""A run collects garbage less often, and leaves the process's collector as it found it."""

import gc

from kg.collector import YOUNG, fewer_collections


def test_thresholds_and_frozen_objects_restored_after_nested_runs():
    before = gc.get_threshold()
    assert before[0] != YOUNG  # else the test proves nothing
    with fewer_collections():
        assert gc.get_threshold()[0] == YOUNG and gc.get_freeze_count() > 0
        with fewer_collections():  # a second run inside (or beside, in a thread) the first
            assert gc.get_threshold()[0] == YOUNG
        assert gc.get_threshold()[0] == YOUNG  # still inside the first
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_restored_when_the_run_fails():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise RuntimeError("an extraction that fails")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cyclic_garbage_is_still_collected():
    class Node:
        pass

    with fewer_collections():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2  # the collector is on: a cycle made inside is freed
