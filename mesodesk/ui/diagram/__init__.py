"""The injection-scheme diagram beside the visit notes: scene, view, undo commands, panel."""
