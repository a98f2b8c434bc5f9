"""Deterministic content of the demo world: one generator module per provider, plus shared
places, holidays and German phrasing helpers. Nothing here touches HTTP."""
