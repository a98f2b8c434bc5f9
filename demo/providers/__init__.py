"""Renderers of the demo providers: one module per provider (a ``DemoProvider`` subclass that
turns content into HTTP responses), plus shared helpers for HTML, JSON-LD and iCalendar.
Register a new provider in ``demo.registry``."""
