"""Templates of ``familienpunkt new-source`` (spider, tests) and the slot-name vocabulary."""
