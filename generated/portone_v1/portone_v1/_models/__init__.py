"""Where the models of the PortOne V1 API are defined; import them from ``portone_v1.models``."""
