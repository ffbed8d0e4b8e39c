"""Schema-checked rule files: lists of rules with ids, under ``geo_events/data/lexicons``.

The checker is :mod:`geo_events.data_schema` (one for every data file); this module keeps the
names event code imports: :class:`Schema`, :func:`load_rule_file`, :func:`check_rules` and
:data:`COMMON_KEYS`.
"""

from __future__ import annotations

from geo_events.data_schema import COMMON_KEYS, Schema, check_rules, load_rule_file

__all__ = ["COMMON_KEYS", "Schema", "check_rules", "load_rule_file"]
