"""Where the models of the Toss Payments API are defined; import them from ``toss_payments.models``."""
