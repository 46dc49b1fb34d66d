"""The operation methods of the KICC EasyPay clients, ten operations a module; use them through ``kicc_easypay.Client``."""
