"""The intermediate representation: frozen model, locations and diagnostics, names, date
formats, media types and the constraints table. Imports nothing from the other stages."""
