"""Files shipped with MesoDesk; installed as the package `mesodesk.resources`.

Read them through `mesodesk.paths.resource_path`, never by a path relative to the source tree.
"""
