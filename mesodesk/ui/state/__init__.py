"""Qt-side models of what is open (the patient, the visit) and what the user is told.

No widgets here: panes are built with these objects and subscribe to their signals, so no pane
needs the main window or another pane to know what is open or what changed.
"""
