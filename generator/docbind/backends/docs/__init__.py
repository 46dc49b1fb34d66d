"""Reference docs: the Markdown inside a package and the static HTML site."""
