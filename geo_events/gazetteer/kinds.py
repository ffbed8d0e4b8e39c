"""How a name reaches a place (stored with every posting of the index)."""

from __future__ import annotations

from enum import IntEnum


class MatchKind(IntEnum):
    """How a name reaches a place; lower is a stronger claim that the name means that place."""

    PRIMARY = 0  # the place's own main name
    ALTERNATE = 1  # a GeoNames alternate name / a country's other name
    TYPED = 2  # a typed admin form: "Luhansk region", "Khabarovsk Krai"
    BARE_ADMIN = 3  # an admin unit's bare base name ("Donetsk" for the oblast)
    DEMONYM = 4  # "Ukrainian" -> Ukraine
