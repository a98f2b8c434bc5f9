"""Raw record -> draft: one mapper per raw shape, then the source's own field mapping on top."""

from pipelines.mapping.base import MAPPERS, MappingError, register_shape, to_draft

__all__ = ["MAPPERS", "MappingError", "register_shape", "to_draft"]
