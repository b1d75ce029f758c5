"""Clinical rules and geometry as plain Python: no Qt, no SQLAlchemy."""
