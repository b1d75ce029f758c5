"""Alembic environment: always given a live connection by `mesodesk.migrations`."""

from alembic import context

from mesodesk.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
