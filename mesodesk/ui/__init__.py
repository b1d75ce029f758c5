"""PySide6 widgets over the services: they show and forward, never decide."""
