"""An annexation named by a noun ("the annexation of X") claims its own object only: the
sentence's other regions ("... and the blockade of Y", "... and the fighting in Z") are not added to
it, as they are to a statement ("X and Y will join Russia"). Sentences are ours, on the real
pipeline and gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2022, 6, 4)


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Trade collapsed after the annexation of Crimea and the blockade of Donbas.",
    "Relations soured after Russia's annexation of Crimea in 2014 and the fighting in Luhansk "
    "Oblast.",
])
def test_a_noun_claim_names_its_object_only(explained, text):
    claims = [e for e in explained(PUBLISHED, text).events if e.kind == "annexation_claim"]
    assert [e.place.name for e in claims] == ["Crimea"]


@pytest.mark.integration
def test_a_statement_covers_the_regions_it_names(explained):
    claims = [e for e in explained(PUBLISHED, "Moscow says Donetsk and Luhansk regions will "
                                   "join Russia.").events if e.kind == "annexation_claim"]
    assert {e.place.name[:3] for e in claims} == {"Don", "Luh"}
