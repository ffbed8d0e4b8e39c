"""A gazetteer build deletes only the cached indexes nobody has used for days (and dead
half-written builds), never one another checkout or version may be using."""

from __future__ import annotations

import os
import time

from geo_events.gazetteer import cache


def _index(parent, name: str, age_days: float, now: float, used_days: float | None = None):
    folder = parent / name
    folder.mkdir()
    (folder / "meta.json").write_text("{}")
    built = now - age_days * 86_400
    os.utime(folder / "meta.json", (built, built))
    os.utime(folder, (built, built))
    if used_days is not None:
        (folder / cache.USED_MARKER).touch()
        used = now - used_days * 86_400
        os.utime(folder / cache.USED_MARKER, (used, used))
    return folder


def test_prune_keeps_recent_and_used_indexes(tmp_path, monkeypatch):
    monkeypatch.delenv("GEO_EVENTS_GAZETTEER_KEEP_DAYS", raising=False)
    now = time.time()
    new = _index(tmp_path, "gazetteer-new", 0, now)
    other_checkout = _index(tmp_path, "gazetteer-other", 1, now)  # a parallel version
    old_but_used = _index(tmp_path, "gazetteer-used", 60, now, used_days=2)
    stale = _index(tmp_path, "gazetteer-stale", 30, now, used_days=20)
    dead = _index(tmp_path, ".gazetteer-abc", 2, now)  # a build that died half-way
    running = _index(tmp_path, ".gazetteer-def", 0, now)  # a build under way
    unrelated = _index(tmp_path, "geonames", 90, now)
    gone = cache.prune_indexes(new, now=now)
    assert sorted(p.name for p in gone) == [".gazetteer-abc", "gazetteer-stale"]
    assert new.exists() and other_checkout.exists() and old_but_used.exists()
    assert running.exists() and unrelated.exists()
    assert not stale.exists() and not dead.exists()
    monkeypatch.setenv("GEO_EVENTS_GAZETTEER_KEEP_DAYS", "0.5")
    assert cache.prune_indexes(new, now=now) == [other_checkout, old_but_used]


def test_using_an_index_marks_it(tmp_path):
    folder = _index(tmp_path, "gazetteer-x", 30, time.time())
    assert cache.last_used(folder) < time.time() - 29 * 86_400
    cache.mark_used(folder)
    assert cache.last_used(folder) > time.time() - 60
