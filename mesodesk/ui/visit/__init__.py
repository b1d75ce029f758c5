"""The Visit tab's own widgets: the visit notes, the safety strip, the action bar."""
