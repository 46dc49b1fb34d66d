"""The shared runtime's errors, tested where they live: documented codes register themselves."""

from __future__ import annotations

from runtime_support import runtime_module

errors = runtime_module("_errors")


def test_a_documented_code_registers_its_class_and_message() -> None:
    class CardExpired(errors.BadRequestError):
        documented_code = "E-EXPIRED"
        documented_status = 400
        documented_message = "card expired"

    assert errors.error_class("E-EXPIRED", 200) is CardExpired
    assert "E-EXPIRED" in errors.DOCUMENTED_CODES
    assert errors.DOCUMENTED_MESSAGES["E-EXPIRED"] == "card expired"
    raised = CardExpired("card expired", code="E-EXPIRED", idempotency_key="k-1")
    assert isinstance(raised, errors.Error) and raised.maybe_sent
    assert raised.idempotency_key == "k-1"
    assert str(raised) == "E-EXPIRED: card expired"


def test_undocumented_codes_fall_back_to_the_http_status() -> None:
    assert errors.error_class("nobody-documented-this", 429) is errors.RateLimitError
    assert errors.error_class(None, 503) is errors.InternalServerError
    assert errors.error_class(None, 418) is errors.ApiError
    assert "nobody-documented-this" not in errors.DOCUMENTED_CODES
