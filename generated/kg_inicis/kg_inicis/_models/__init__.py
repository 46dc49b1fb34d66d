"""Where the models of the KG INICIS INIAPI API are defined; import them from ``kg_inicis.models``."""
