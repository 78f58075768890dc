import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DealingType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEALING_TYPE_UNSPECIFIED: _ClassVar[DealingType]
    DEALING_TYPE_SUBSCRIPTION: _ClassVar[DealingType]
    DEALING_TYPE_REDEMPTION: _ClassVar[DealingType]

class DealingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEALING_STATUS_UNSPECIFIED: _ClassVar[DealingStatus]
    DEALING_STATUS_PENDING: _ClassVar[DealingStatus]
    DEALING_STATUS_SETTLED: _ClassVar[DealingStatus]
    DEALING_STATUS_REJECTED: _ClassVar[DealingStatus]
    DEALING_STATUS_CANCELLED: _ClassVar[DealingStatus]

class ReportType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_TYPE_UNSPECIFIED: _ClassVar[ReportType]
    REPORT_TYPE_INVESTOR_STATEMENT: _ClassVar[ReportType]
    REPORT_TYPE_FUND_FACTSHEET: _ClassVar[ReportType]
    REPORT_TYPE_NAV_HISTORY: _ClassVar[ReportType]
    REPORT_TYPE_FEE_SUMMARY: _ClassVar[ReportType]
DEALING_TYPE_UNSPECIFIED: DealingType
DEALING_TYPE_SUBSCRIPTION: DealingType
DEALING_TYPE_REDEMPTION: DealingType
DEALING_STATUS_UNSPECIFIED: DealingStatus
DEALING_STATUS_PENDING: DealingStatus
DEALING_STATUS_SETTLED: DealingStatus
DEALING_STATUS_REJECTED: DealingStatus
DEALING_STATUS_CANCELLED: DealingStatus
REPORT_TYPE_UNSPECIFIED: ReportType
REPORT_TYPE_INVESTOR_STATEMENT: ReportType
REPORT_TYPE_FUND_FACTSHEET: ReportType
REPORT_TYPE_NAV_HISTORY: ReportType
REPORT_TYPE_FEE_SUMMARY: ReportType

class Fund(_message.Message):
    __slots__ = ("fund_id", "name", "base_currency", "account_ids", "management_fee_rate", "performance_fee_rate", "hurdle_rate", "initial_unit_price", "units_outstanding", "nav", "nav_per_unit", "inception_date", "created_at")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    MANAGEMENT_FEE_RATE_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_FEE_RATE_FIELD_NUMBER: _ClassVar[int]
    HURDLE_RATE_FIELD_NUMBER: _ClassVar[int]
    INITIAL_UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    UNITS_OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    NAV_PER_UNIT_FIELD_NUMBER: _ClassVar[int]
    INCEPTION_DATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    name: str
    base_currency: str
    account_ids: _containers.RepeatedScalarFieldContainer[str]
    management_fee_rate: _types_pb2.Decimal
    performance_fee_rate: _types_pb2.Decimal
    hurdle_rate: _types_pb2.Decimal
    initial_unit_price: _types_pb2.Decimal
    units_outstanding: _types_pb2.Decimal
    nav: _types_pb2.Decimal
    nav_per_unit: _types_pb2.Decimal
    inception_date: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, fund_id: _Optional[str] = ..., name: _Optional[str] = ..., base_currency: _Optional[str] = ..., account_ids: _Optional[_Iterable[str]] = ..., management_fee_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., performance_fee_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., hurdle_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., initial_unit_price: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., units_outstanding: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., nav_per_unit: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., inception_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Investor(_message.Message):
    __slots__ = ("investor_id", "fund_id", "name", "email", "units", "high_water_mark", "cost_basis", "kyc_approved", "created_at")
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    HIGH_WATER_MARK_FIELD_NUMBER: _ClassVar[int]
    COST_BASIS_FIELD_NUMBER: _ClassVar[int]
    KYC_APPROVED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    investor_id: str
    fund_id: str
    name: str
    email: str
    units: _types_pb2.Decimal
    high_water_mark: _types_pb2.Decimal
    cost_basis: _types_pb2.Decimal
    kyc_approved: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, investor_id: _Optional[str] = ..., fund_id: _Optional[str] = ..., name: _Optional[str] = ..., email: _Optional[str] = ..., units: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., high_water_mark: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., cost_basis: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., kyc_approved: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Dealing(_message.Message):
    __slots__ = ("dealing_id", "fund_id", "investor_id", "type", "status", "amount", "units", "dealt_price", "requested_at", "dealt_at", "reason")
    DEALING_ID_FIELD_NUMBER: _ClassVar[int]
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    DEALT_PRICE_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    DEALT_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    dealing_id: str
    fund_id: str
    investor_id: str
    type: DealingType
    status: DealingStatus
    amount: _types_pb2.Decimal
    units: _types_pb2.Decimal
    dealt_price: _types_pb2.Decimal
    requested_at: _timestamp_pb2.Timestamp
    dealt_at: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, dealing_id: _Optional[str] = ..., fund_id: _Optional[str] = ..., investor_id: _Optional[str] = ..., type: _Optional[_Union[DealingType, str]] = ..., status: _Optional[_Union[DealingStatus, str]] = ..., amount: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., units: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., dealt_price: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dealt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class FeeBreakdown(_message.Message):
    __slots__ = ("management_fee", "performance_fee", "total", "high_water_mark", "investor_id")
    MANAGEMENT_FEE_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_FEE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    HIGH_WATER_MARK_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    management_fee: _types_pb2.Decimal
    performance_fee: _types_pb2.Decimal
    total: _types_pb2.Decimal
    high_water_mark: _types_pb2.Decimal
    investor_id: str
    def __init__(self, management_fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., performance_fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., total: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., high_water_mark: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., investor_id: _Optional[str] = ...) -> None: ...

class NavRecord(_message.Message):
    __slots__ = ("fund_id", "valuation_date", "gross_assets", "accrued_fees", "nav", "units_outstanding", "nav_per_unit", "period_return", "fees", "struck_at")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    VALUATION_DATE_FIELD_NUMBER: _ClassVar[int]
    GROSS_ASSETS_FIELD_NUMBER: _ClassVar[int]
    ACCRUED_FEES_FIELD_NUMBER: _ClassVar[int]
    NAV_FIELD_NUMBER: _ClassVar[int]
    UNITS_OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    NAV_PER_UNIT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_RETURN_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    STRUCK_AT_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    valuation_date: _timestamp_pb2.Timestamp
    gross_assets: _types_pb2.Decimal
    accrued_fees: _types_pb2.Decimal
    nav: _types_pb2.Decimal
    units_outstanding: _types_pb2.Decimal
    nav_per_unit: _types_pb2.Decimal
    period_return: float
    fees: FeeBreakdown
    struck_at: _timestamp_pb2.Timestamp
    def __init__(self, fund_id: _Optional[str] = ..., valuation_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., gross_assets: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., accrued_fees: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., nav: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., units_outstanding: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., nav_per_unit: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., period_return: _Optional[float] = ..., fees: _Optional[_Union[FeeBreakdown, _Mapping]] = ..., struck_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateFundRequest(_message.Message):
    __slots__ = ("name", "base_currency", "account_ids", "management_fee_rate", "performance_fee_rate", "hurdle_rate", "initial_unit_price", "inception_date")
    NAME_FIELD_NUMBER: _ClassVar[int]
    BASE_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    MANAGEMENT_FEE_RATE_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_FEE_RATE_FIELD_NUMBER: _ClassVar[int]
    HURDLE_RATE_FIELD_NUMBER: _ClassVar[int]
    INITIAL_UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    INCEPTION_DATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    base_currency: str
    account_ids: _containers.RepeatedScalarFieldContainer[str]
    management_fee_rate: _types_pb2.Decimal
    performance_fee_rate: _types_pb2.Decimal
    hurdle_rate: _types_pb2.Decimal
    initial_unit_price: _types_pb2.Decimal
    inception_date: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., base_currency: _Optional[str] = ..., account_ids: _Optional[_Iterable[str]] = ..., management_fee_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., performance_fee_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., hurdle_rate: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., initial_unit_price: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., inception_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateFundResponse(_message.Message):
    __slots__ = ("fund",)
    FUND_FIELD_NUMBER: _ClassVar[int]
    fund: Fund
    def __init__(self, fund: _Optional[_Union[Fund, _Mapping]] = ...) -> None: ...

class GetFundRequest(_message.Message):
    __slots__ = ("fund_id",)
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    def __init__(self, fund_id: _Optional[str] = ...) -> None: ...

class GetFundResponse(_message.Message):
    __slots__ = ("fund",)
    FUND_FIELD_NUMBER: _ClassVar[int]
    fund: Fund
    def __init__(self, fund: _Optional[_Union[Fund, _Mapping]] = ...) -> None: ...

class ListFundsRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _types_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListFundsResponse(_message.Message):
    __slots__ = ("funds", "page")
    FUNDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    funds: _containers.RepeatedCompositeFieldContainer[Fund]
    page: _types_pb2.PageResponse
    def __init__(self, funds: _Optional[_Iterable[_Union[Fund, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class RegisterInvestorRequest(_message.Message):
    __slots__ = ("fund_id", "name", "email", "kyc_approved")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    KYC_APPROVED_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    name: str
    email: str
    kyc_approved: bool
    def __init__(self, fund_id: _Optional[str] = ..., name: _Optional[str] = ..., email: _Optional[str] = ..., kyc_approved: _Optional[bool] = ...) -> None: ...

class RegisterInvestorResponse(_message.Message):
    __slots__ = ("investor",)
    INVESTOR_FIELD_NUMBER: _ClassVar[int]
    investor: Investor
    def __init__(self, investor: _Optional[_Union[Investor, _Mapping]] = ...) -> None: ...

class ListInvestorsRequest(_message.Message):
    __slots__ = ("fund_id", "page")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    page: _types_pb2.PageRequest
    def __init__(self, fund_id: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListInvestorsResponse(_message.Message):
    __slots__ = ("investors", "page")
    INVESTORS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    investors: _containers.RepeatedCompositeFieldContainer[Investor]
    page: _types_pb2.PageResponse
    def __init__(self, investors: _Optional[_Iterable[_Union[Investor, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("fund_id", "investor_id", "amount", "reference_id")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_ID_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    investor_id: str
    amount: _types_pb2.Decimal
    reference_id: str
    def __init__(self, fund_id: _Optional[str] = ..., investor_id: _Optional[str] = ..., amount: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., reference_id: _Optional[str] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ("dealing",)
    DEALING_FIELD_NUMBER: _ClassVar[int]
    dealing: Dealing
    def __init__(self, dealing: _Optional[_Union[Dealing, _Mapping]] = ...) -> None: ...

class RedeemRequest(_message.Message):
    __slots__ = ("fund_id", "investor_id", "amount", "units", "reference_id")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_ID_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    investor_id: str
    amount: _types_pb2.Decimal
    units: _types_pb2.Decimal
    reference_id: str
    def __init__(self, fund_id: _Optional[str] = ..., investor_id: _Optional[str] = ..., amount: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., units: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., reference_id: _Optional[str] = ...) -> None: ...

class RedeemResponse(_message.Message):
    __slots__ = ("dealing",)
    DEALING_FIELD_NUMBER: _ClassVar[int]
    dealing: Dealing
    def __init__(self, dealing: _Optional[_Union[Dealing, _Mapping]] = ...) -> None: ...

class StrikeNavRequest(_message.Message):
    __slots__ = ("fund_id", "valuation_date")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    VALUATION_DATE_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    valuation_date: _timestamp_pb2.Timestamp
    def __init__(self, fund_id: _Optional[str] = ..., valuation_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StrikeNavResponse(_message.Message):
    __slots__ = ("nav", "settled")
    NAV_FIELD_NUMBER: _ClassVar[int]
    SETTLED_FIELD_NUMBER: _ClassVar[int]
    nav: NavRecord
    settled: _containers.RepeatedCompositeFieldContainer[Dealing]
    def __init__(self, nav: _Optional[_Union[NavRecord, _Mapping]] = ..., settled: _Optional[_Iterable[_Union[Dealing, _Mapping]]] = ...) -> None: ...

class GetNavRequest(_message.Message):
    __slots__ = ("fund_id", "valuation_date", "history")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    VALUATION_DATE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    valuation_date: _timestamp_pb2.Timestamp
    history: _types_pb2.TimeRange
    def __init__(self, fund_id: _Optional[str] = ..., valuation_date: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., history: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetNavResponse(_message.Message):
    __slots__ = ("latest", "history")
    LATEST_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    latest: NavRecord
    history: _containers.RepeatedCompositeFieldContainer[NavRecord]
    def __init__(self, latest: _Optional[_Union[NavRecord, _Mapping]] = ..., history: _Optional[_Iterable[_Union[NavRecord, _Mapping]]] = ...) -> None: ...

class GetInvestorStatementRequest(_message.Message):
    __slots__ = ("fund_id", "investor_id", "period")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    investor_id: str
    period: _types_pb2.TimeRange
    def __init__(self, fund_id: _Optional[str] = ..., investor_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetInvestorStatementResponse(_message.Message):
    __slots__ = ("investor", "opening_value", "closing_value", "dealings", "fees", "period_return")
    INVESTOR_FIELD_NUMBER: _ClassVar[int]
    OPENING_VALUE_FIELD_NUMBER: _ClassVar[int]
    CLOSING_VALUE_FIELD_NUMBER: _ClassVar[int]
    DEALINGS_FIELD_NUMBER: _ClassVar[int]
    FEES_FIELD_NUMBER: _ClassVar[int]
    PERIOD_RETURN_FIELD_NUMBER: _ClassVar[int]
    investor: Investor
    opening_value: _types_pb2.Decimal
    closing_value: _types_pb2.Decimal
    dealings: _containers.RepeatedCompositeFieldContainer[Dealing]
    fees: FeeBreakdown
    period_return: float
    def __init__(self, investor: _Optional[_Union[Investor, _Mapping]] = ..., opening_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., closing_value: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., dealings: _Optional[_Iterable[_Union[Dealing, _Mapping]]] = ..., fees: _Optional[_Union[FeeBreakdown, _Mapping]] = ..., period_return: _Optional[float] = ...) -> None: ...

class CalculateFeesRequest(_message.Message):
    __slots__ = ("fund_id", "period", "by_investor")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BY_INVESTOR_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    period: _types_pb2.TimeRange
    by_investor: bool
    def __init__(self, fund_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., by_investor: _Optional[bool] = ...) -> None: ...

class CalculateFeesResponse(_message.Message):
    __slots__ = ("total", "by_investor")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    BY_INVESTOR_FIELD_NUMBER: _ClassVar[int]
    total: FeeBreakdown
    by_investor: _containers.RepeatedCompositeFieldContainer[FeeBreakdown]
    def __init__(self, total: _Optional[_Union[FeeBreakdown, _Mapping]] = ..., by_investor: _Optional[_Iterable[_Union[FeeBreakdown, _Mapping]]] = ...) -> None: ...

class GenerateReportRequest(_message.Message):
    __slots__ = ("fund_id", "type", "investor_id", "period", "format")
    FUND_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    INVESTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    fund_id: str
    type: ReportType
    investor_id: str
    period: _types_pb2.TimeRange
    format: str
    def __init__(self, fund_id: _Optional[str] = ..., type: _Optional[_Union[ReportType, str]] = ..., investor_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., format: _Optional[str] = ...) -> None: ...

class GenerateReportResponse(_message.Message):
    __slots__ = ("report_id", "content_type", "content")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    content_type: str
    content: bytes
    def __init__(self, report_id: _Optional[str] = ..., content_type: _Optional[str] = ..., content: _Optional[bytes] = ...) -> None: ...
