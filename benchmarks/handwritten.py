"""What a careful engineer would write by hand for KICC EasyPay's refund, written for speed: the
baseline models.

Same wire names, same limits as the spec (byte lengths in UTF-8, with an ASCII fast path;
documented codes only, as closed enums; ``yyyyMMdd``/``yyyyMMddHHmmss`` dates read by slicing,
not ``strptime``; the nested models; ``amount`` required when ``reviseTypeCode`` is 62,
``basketInfo`` required when ``basketUsed`` is Y; unknown request fields refused). Each request
class checks its byte limits in one straight-line ``after`` validator, the fastest pydantic
allows for a rule it has no keyword for. The response is lenient (unknown fields kept, unknown
codes kept as strings). ``Plain*`` are the floor: the same shapes with types only, nothing
pydantic-core cannot check by itself.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)


def over(value: str | None, limit: int) -> bool:
    """More than ``limit`` bytes in UTF-8 (ASCII: its length, without encoding)."""
    if value is None:
        return False
    if value.isascii():
        return len(value) > limit
    return len(value.encode("utf-8")) > limit


def _date8(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) != 8 or not value.isdigit():
            raise ValueError("must be a date in the format yyyyMMdd")
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    return value


def _datetime14(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) != 14 or not value.isdigit():
            raise ValueError("must be a datetime in the format yyyyMMddHHmmss")
        return dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[8:10]),
                           int(value[10:12]), int(value[12:]))
    return value


def _show_date8(value: dt.date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _show_datetime14(value: dt.datetime) -> str:
    return (f"{value.year:04d}{value.month:02d}{value.day:02d}{value.hour:02d}"
            f"{value.minute:02d}{value.second:02d}")


Date8 = Annotated[dt.date, BeforeValidator(_date8), PlainSerializer(_show_date8, return_type=str)]
Datetime14 = Annotated[dt.datetime, BeforeValidator(_datetime14),
                       PlainSerializer(_show_datetime14, return_type=str)]


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
    refund_bank_code: Annotated[str, Field(alias="refundBankCode")]
    refund_account_no: Annotated[str, Field(alias="refundAccountNo", repr=False)]
    refund_deposit_name: Annotated[str, Field(alias="refundDepositName", repr=False)]
    deposit_pg_cno: Annotated[str | None, Field(alias="depositPgCno")] = None

    @model_validator(mode="after")
    def _bytes(self) -> Self:
        if (over(self.refund_bank_code, 3) or over(self.refund_account_no, 14)
                or over(self.refund_deposit_name, 50) or over(self.deposit_pg_cno, 20)):
            raise ValueError("a field is longer than its byte limit")
        return self


class TaxInfo(BaseModel):
    model_config = REQUEST
    taxation_amount: Annotated[int, Field(alias="taxationAmount")]
    tax_free_amount: Annotated[int, Field(alias="taxFreeAmount")]
    vat_amount: Annotated[int, Field(alias="vatAmount")]


class BasketInfo(BaseModel):
    model_config = REQUEST
    product_pg_cno: Annotated[str, Field(alias="productPgCno")]
    seller_id: Annotated[str, Field(alias="sellerId")]

    @model_validator(mode="after")
    def _bytes(self) -> Self:
        if over(self.product_pg_cno, 20) or over(self.seller_id, 50):
            raise ValueError("a field is longer than its byte limit")
        return self


class RefundRequest(BaseModel):
    model_config = REQUEST
    mall_id: Annotated[str | None, Field(alias="mallId")] = None
    shop_transaction_id: Annotated[str | None, Field(alias="shopTransactionId")] = None
    pg_cno: Annotated[str, Field(alias="pgCno")]
    revise_type_code: Annotated[ReviseType, Field(alias="reviseTypeCode")]
    revise_sub_type_code: Annotated[ReviseSubType | None, Field(alias="reviseSubTypeCode")] = None
    amount: int | None = None
    remain_amount: Annotated[int | None, Field(alias="remainAmount")] = None
    client_ip: Annotated[str | None, Field(alias="clientIp")] = None
    client_id: Annotated[str | None, Field(alias="clientId")] = None
    cancel_req_date: Annotated[Date8 | None, Field(alias="cancelReqDate")] = None
    msg_auth_value: Annotated[str | None, Field(alias="msgAuthValue", repr=False)] = None
    revise_message: Annotated[str | None, Field(alias="reviseMessage")] = None
    refund_query_flag: Annotated[RefundQueryFlag | None, Field(alias="refundQueryFlag")] = None
    refund_info: Annotated[RefundInfo, Field(alias="refundInfo")]
    tax_info: Annotated[TaxInfo | None, Field(alias="taxInfo")] = None
    basket_used: Annotated[YesNo | None, Field(alias="basketUsed")] = None
    basket_info: Annotated[BasketInfo | None, Field(alias="basketInfo")] = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if (over(self.mall_id, 8) or over(self.shop_transaction_id, 60) or over(self.pg_cno, 20)
                or over(self.client_ip, 20) or over(self.client_id, 32)
                or over(self.msg_auth_value, 200) or over(self.revise_message, 100)):
            raise ValueError("a field is longer than its byte limit")
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
