"""What a careful engineer would write by hand for KICC EasyPay's refund: the baseline models.

Same wire names, same limits as the spec (byte lengths in UTF-8, documented codes only,
``yyyyMMdd``/``yyyyMMddHHmmss`` dates, ``amount`` required when ``reviseTypeCode`` is 62,
``basketInfo`` required when ``basketUsed`` is Y, unknown request fields refused); the response is
lenient (unknown fields kept, unknown codes kept as strings). ``Plain*`` are the floor: the same
shapes with types only, nothing pydantic-core cannot check by itself.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)


def max_bytes(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        size = len(value) if value.isascii() else len(value.encode("utf-8"))
        if size > limit:
            raise ValueError(f"must be at most {limit} bytes in utf-8 (got {size})")
        return value

    return AfterValidator(check)


def _wire_date(fmt: str, kind: type) -> BeforeValidator:
    def parse(value: Any) -> Any:
        if isinstance(value, str):
            parsed = dt.datetime.strptime(value, fmt)
            return parsed.date() if kind is dt.date else parsed
        return value

    return BeforeValidator(parse)


Date8 = Annotated[dt.date, _wire_date("%Y%m%d", dt.date),
                  PlainSerializer(lambda d: d.strftime("%Y%m%d"), return_type=str)]
Datetime14 = Annotated[dt.datetime, _wire_date("%Y%m%d%H%M%S", dt.datetime),
                       PlainSerializer(lambda d: d.strftime("%Y%m%d%H%M%S"), return_type=str)]


class ReviseType(StrEnum):
    SETTLEMENT_FULL_REFUND = "60"
    SETTLEMENT_PARTIAL_REFUND = "62"
    REALTIME_REFUND = "63"
    CAPTURE = "20"
    PARTIAL_CANCEL_CARD = "32"
    PARTIAL_CANCEL_BANK_TRANSFER_MOBILE = "33"
    FULL_CANCEL = "40"
    CASH_RECEIPT_CANCEL = "51"
    CASH_RECEIPT_PARTIAL_CANCEL = "52"
    ESCROW_STATUS_CHANGE = "61"


class ReviseSubType(StrEnum):
    REFUND_REQUEST = "RF01"
    FULL_REFUND_AUTH_BY_KICC = "10"
    PARTIAL_REFUND_AUTH_BY_KICC = "11"
    FULL_REFUND_AUTH_BY_MERCHANT = "20"
    PARTIAL_REFUND_AUTH_BY_MERCHANT = "21"


class RefundQueryFlag(StrEnum):
    QUERY = "Y"


class YesNo(StrEnum):
    YES = "Y"
    NO = "N"


class StatusCode(StrEnum):
    REFUND_REQUESTED = "RF01"
    SETTLEMENT_REFUND_RESULT = "RF02"


REQUEST = ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True)
RESPONSE = ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True)


class RefundInfo(BaseModel):
    model_config = REQUEST
    refund_bank_code: Annotated[str, Field(alias="refundBankCode"), max_bytes(3)]
    refund_account_no: Annotated[str, Field(alias="refundAccountNo", repr=False), max_bytes(14)]
    refund_deposit_name: Annotated[str, Field(alias="refundDepositName", repr=False),
                                   max_bytes(50)]
    deposit_pg_cno: Annotated[str | None, Field(alias="depositPgCno"), max_bytes(20)] = None


class TaxInfo(BaseModel):
    model_config = REQUEST
    taxation_amount: Annotated[int, Field(alias="taxationAmount")]
    tax_free_amount: Annotated[int, Field(alias="taxFreeAmount")]
    vat_amount: Annotated[int, Field(alias="vatAmount")]


class BasketInfo(BaseModel):
    model_config = REQUEST
    product_pg_cno: Annotated[str, Field(alias="productPgCno"), max_bytes(20)]
    seller_id: Annotated[str, Field(alias="sellerId"), max_bytes(50)]


def _opt(limit: int) -> AfterValidator:
    check = max_bytes(limit).func

    def optional(value: str | None) -> str | None:
        return None if value is None else check(value)

    return AfterValidator(optional)


class RefundRequest(BaseModel):
    model_config = REQUEST
    mall_id: Annotated[str | None, Field(alias="mallId"), _opt(8)] = None
    shop_transaction_id: Annotated[str | None, Field(alias="shopTransactionId"), _opt(60)] = None
    pg_cno: Annotated[str, Field(alias="pgCno"), max_bytes(20)]
    revise_type_code: Annotated[ReviseType, Field(alias="reviseTypeCode")]
    revise_sub_type_code: Annotated[ReviseSubType | None, Field(alias="reviseSubTypeCode")] = None
    amount: int | None = None
    remain_amount: Annotated[int | None, Field(alias="remainAmount")] = None
    client_ip: Annotated[str | None, Field(alias="clientIp"), _opt(20)] = None
    client_id: Annotated[str | None, Field(alias="clientId"), _opt(32)] = None
    cancel_req_date: Annotated[Date8 | None, Field(alias="cancelReqDate")] = None
    msg_auth_value: Annotated[str | None, Field(alias="msgAuthValue", repr=False), _opt(200)] = None
    revise_message: Annotated[str | None, Field(alias="reviseMessage"), _opt(100)] = None
    refund_query_flag: Annotated[RefundQueryFlag | None, Field(alias="refundQueryFlag")] = None
    refund_info: Annotated[RefundInfo, Field(alias="refundInfo")]
    tax_info: Annotated[TaxInfo | None, Field(alias="taxInfo")] = None
    basket_used: Annotated[YesNo | None, Field(alias="basketUsed")] = None
    basket_info: Annotated[BasketInfo | None, Field(alias="basketInfo")] = None

    @model_validator(mode="after")
    def _required_when(self) -> Self:
        if self.amount is None and self.revise_type_code == "62":
            raise ValueError("amount is required when reviseTypeCode is 62")
        if self.basket_info is None and self.basket_used == "Y":
            raise ValueError("basketInfo is required when basketUsed is Y")
        return self


class RefundDetail(BaseModel):
    model_config = RESPONSE
    refund_date: Annotated[Datetime14, Field(alias="refundDate")]
    deposit_pg_cno: Annotated[str, Field(alias="depositPgCno")]


class CashReceiptInfo(BaseModel):
    model_config = RESPONSE
    res_cd: Annotated[str, Field(alias="resCd")]
    res_msg: Annotated[str, Field(alias="resMsg")]
    approval_no: Annotated[str | None, Field(alias="approvalNo")] = None
    cancel_date: Annotated[Datetime14 | None, Field(alias="cancelDate")] = None


class ReviseInfo(BaseModel):
    model_config = RESPONSE
    pay_method_type_code: Annotated[str, Field(alias="payMethodTypeCode")]
    approval_no: Annotated[str | None, Field(alias="approvalNo")] = None
    approval_date: Annotated[Datetime14, Field(alias="approvalDate")]
    refund_info: Annotated[RefundDetail, Field(alias="refundInfo")]
    cash_receipt_info: Annotated[CashReceiptInfo | None, Field(alias="cashReceiptInfo")] = None


class RefundResponse(BaseModel):
    model_config = RESPONSE
    res_cd: Annotated[str, Field(alias="resCd")]
    res_msg: Annotated[str, Field(alias="resMsg")]
    shop_transaction_id: Annotated[str, Field(alias="shopTransactionId")]
    mall_id: Annotated[str | None, Field(alias="mallId")] = None
    ori_pg_cno: Annotated[str | None, Field(alias="oriPgCno")] = None
    cancel_pg_cno: Annotated[str | None, Field(alias="cancelPgCno")] = None
    cancel_amount: Annotated[int, Field(alias="cancelAmount")]
    remain_amount: Annotated[int | None, Field(alias="remainAmount")] = None
    transaction_date: Annotated[Datetime14 | None, Field(alias="transactionDate")] = None
    status_code: Annotated[StatusCode | str | None,
                           Field(alias="statusCode", union_mode="left_to_right")] = None
    status_message: Annotated[str | None, Field(alias="statusMessage")] = None
    escrow_used: Annotated[YesNo | str | None,
                           Field(alias="escrowUsed", union_mode="left_to_right")] = None
    revise_info: Annotated[ReviseInfo | None, Field(alias="reviseInfo")] = None


# --- the floor: the same shapes, types only -------------------------------------------------


class PlainRefundInfo(BaseModel):
    model_config = REQUEST
    refundBankCode: str
    refundAccountNo: str
    refundDepositName: str
    depositPgCno: str | None = None


class PlainRefundRequest(BaseModel):
    model_config = REQUEST
    mallId: str | None = None
    shopTransactionId: str | None = None
    pgCno: str
    reviseTypeCode: str
    reviseSubTypeCode: str | None = None
    amount: int | None = None
    remainAmount: int | None = None
    clientIp: str | None = None
    clientId: str | None = None
    cancelReqDate: str | None = None
    msgAuthValue: str | None = None
    reviseMessage: str | None = None
    refundQueryFlag: str | None = None
    refundInfo: PlainRefundInfo
    taxInfo: dict[str, int] | None = None
    basketUsed: str | None = None
    basketInfo: dict[str, str] | None = None
