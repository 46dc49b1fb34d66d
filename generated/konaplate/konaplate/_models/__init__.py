"""Where the models of the KONA PLATE API are defined; import them from ``konaplate.models``."""
