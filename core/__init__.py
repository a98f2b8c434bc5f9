"""The ground floor: settings, the one clock and small helpers every other package may use.

Nothing here imports from the packages above it (schemas excepted for its constants).
"""
