"""Given-name gender: from the data package, kept in a small cache that a later process reads back."""

import pytest

from kg import given_names


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    given_names._table.cache_clear()
    yield tmp_path / "kg"
    given_names._table.cache_clear()


def test_clear_names_have_a_gender_and_ambiguous_ones_none(fresh_cache):
    assert given_names.gender_of("Olaf") == "m"
    assert given_names.gender_of("Ursula") == "f"
    assert given_names.gender_of("Máire") == given_names.gender_of("Maire")
    assert given_names.gender_of("Jordan") is None


def test_an_often_attested_name_of_either_gender_is_a_given_name_of_no_gender(fresh_cache):
    assert given_names.is_given_name("Rand") and given_names.gender_of("Rand") is None
    assert given_names.is_given_name("Olaf")
    assert not any(given_names.is_given_name(w) for w in ("Crooked", "Little", "Sleepy", "Crazy"))


def test_the_reduced_table_is_cached_and_read_back_identically(fresh_cache):
    built = dict(given_names._table())
    [cached] = fresh_cache.glob("given-names-*.tsv")
    given_names._table.cache_clear()
    assert given_names._read_cache(cached) == built
    assert given_names._table() == built


def test_a_corrupt_cache_is_rebuilt_not_trusted(fresh_cache):
    built = dict(given_names._table())
    [cached] = fresh_cache.glob("given-names-*.tsv")
    cached.write_text("olaf\tf\nnonsense-without-tab\n", encoding="utf-8")
    given_names._table.cache_clear()
    assert given_names._table() == built


def test_an_unwritable_cache_folder_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    given_names._table.cache_clear()
    try:
        assert given_names.gender_of("Olaf") == "m"
    finally:
        given_names._table.cache_clear()
