"""Imports every shape mapper module so that each registers itself."""
