"""Where the models of the NHN KCP API are defined; import them from ``nhn_kcp.models``."""
