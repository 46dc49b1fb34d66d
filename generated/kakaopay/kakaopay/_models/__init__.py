"""Where the models of the KakaoPay API are defined; import them from ``kakaopay.models``."""
