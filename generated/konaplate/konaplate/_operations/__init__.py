"""The operation methods of the KONA PLATE clients, ten operations a module; use them through ``konaplate.Client``."""
