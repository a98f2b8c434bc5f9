"""The one normalisation road: raw record -> draft -> canonical offer, for every source."""
