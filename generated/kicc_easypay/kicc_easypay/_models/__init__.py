"""Where the models of the KICC EasyPay API are defined; import them from ``kicc_easypay.models``."""
