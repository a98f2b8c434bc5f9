"""Imports every reader module so that each registers itself."""
