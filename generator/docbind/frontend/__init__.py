"""The front end: load spec files, check them (schema and semantics), build the IR."""
