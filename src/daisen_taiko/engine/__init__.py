"""The build of an edition as named stages (see pipeline.py)."""
