"""The document layouts ``docbind import`` reads: a module of its own, so the command line can
offer them without loading the importers."""

LAYOUTS = ("auto", "markdown", "html", "listing")
