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

class RestrictionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESTRICTION_TYPE_UNSPECIFIED: _ClassVar[RestrictionType]
    RESTRICTION_TYPE_NO_TRADE: _ClassVar[RestrictionType]
    RESTRICTION_TYPE_NO_BUY: _ClassVar[RestrictionType]
    RESTRICTION_TYPE_NO_SHORT: _ClassVar[RestrictionType]
    RESTRICTION_TYPE_WATCH: _ClassVar[RestrictionType]

class SurveillancePattern(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SURVEILLANCE_PATTERN_UNSPECIFIED: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_WASH_TRADE: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_SPOOFING: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_LAYERING: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_MARKING_THE_CLOSE: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_FRONT_RUNNING: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_EXCESSIVE_CANCELS: _ClassVar[SurveillancePattern]
    SURVEILLANCE_PATTERN_RESTRICTED_TRADE: _ClassVar[SurveillancePattern]

class AlertStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_STATUS_UNSPECIFIED: _ClassVar[AlertStatus]
    ALERT_STATUS_OPEN: _ClassVar[AlertStatus]
    ALERT_STATUS_UNDER_REVIEW: _ClassVar[AlertStatus]
    ALERT_STATUS_DISMISSED: _ClassVar[AlertStatus]
    ALERT_STATUS_ESCALATED: _ClassVar[AlertStatus]

class RegulatoryReportType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REGULATORY_REPORT_TYPE_UNSPECIFIED: _ClassVar[RegulatoryReportType]
    REGULATORY_REPORT_TYPE_CAT: _ClassVar[RegulatoryReportType]
    REGULATORY_REPORT_TYPE_MIFIR_TRANSACTION: _ClassVar[RegulatoryReportType]
    REGULATORY_REPORT_TYPE_BEST_EXECUTION: _ClassVar[RegulatoryReportType]
    REGULATORY_REPORT_TYPE_LARGE_POSITION: _ClassVar[RegulatoryReportType]
RESTRICTION_TYPE_UNSPECIFIED: RestrictionType
RESTRICTION_TYPE_NO_TRADE: RestrictionType
RESTRICTION_TYPE_NO_BUY: RestrictionType
RESTRICTION_TYPE_NO_SHORT: RestrictionType
RESTRICTION_TYPE_WATCH: RestrictionType
SURVEILLANCE_PATTERN_UNSPECIFIED: SurveillancePattern
SURVEILLANCE_PATTERN_WASH_TRADE: SurveillancePattern
SURVEILLANCE_PATTERN_SPOOFING: SurveillancePattern
SURVEILLANCE_PATTERN_LAYERING: SurveillancePattern
SURVEILLANCE_PATTERN_MARKING_THE_CLOSE: SurveillancePattern
SURVEILLANCE_PATTERN_FRONT_RUNNING: SurveillancePattern
SURVEILLANCE_PATTERN_EXCESSIVE_CANCELS: SurveillancePattern
SURVEILLANCE_PATTERN_RESTRICTED_TRADE: SurveillancePattern
ALERT_STATUS_UNSPECIFIED: AlertStatus
ALERT_STATUS_OPEN: AlertStatus
ALERT_STATUS_UNDER_REVIEW: AlertStatus
ALERT_STATUS_DISMISSED: AlertStatus
ALERT_STATUS_ESCALATED: AlertStatus
REGULATORY_REPORT_TYPE_UNSPECIFIED: RegulatoryReportType
REGULATORY_REPORT_TYPE_CAT: RegulatoryReportType
REGULATORY_REPORT_TYPE_MIFIR_TRANSACTION: RegulatoryReportType
REGULATORY_REPORT_TYPE_BEST_EXECUTION: RegulatoryReportType
REGULATORY_REPORT_TYPE_LARGE_POSITION: RegulatoryReportType

class AuditEntry(_message.Message):
    __slots__ = ("sequence", "entry_id", "tenant_id", "actor", "action", "resource", "detail_json", "source_event_id", "occurred_at", "previous_hash", "hash")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_JSON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    entry_id: str
    tenant_id: str
    actor: str
    action: str
    resource: str
    detail_json: str
    source_event_id: str
    occurred_at: _timestamp_pb2.Timestamp
    previous_hash: str
    hash: str
    def __init__(self, sequence: _Optional[int] = ..., entry_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., resource: _Optional[str] = ..., detail_json: _Optional[str] = ..., source_event_id: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., previous_hash: _Optional[str] = ..., hash: _Optional[str] = ...) -> None: ...

class Restriction(_message.Message):
    __slots__ = ("restriction_id", "instrument_id", "type", "account_id", "reason", "added_by", "effective_from", "effective_until")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FROM_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_UNTIL_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    instrument_id: _types_pb2.InstrumentId
    type: RestrictionType
    account_id: str
    reason: str
    added_by: str
    effective_from: _timestamp_pb2.Timestamp
    effective_until: _timestamp_pb2.Timestamp
    def __init__(self, restriction_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., type: _Optional[_Union[RestrictionType, str]] = ..., account_id: _Optional[str] = ..., reason: _Optional[str] = ..., added_by: _Optional[str] = ..., effective_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., effective_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SurveillanceAlert(_message.Message):
    __slots__ = ("alert_id", "pattern", "severity", "status", "account_id", "instrument_id", "order_ids", "fill_ids", "score", "description", "resolved_by", "resolution", "detected_at", "resolved_at")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    FILL_IDS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    DETECTED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    pattern: SurveillancePattern
    severity: _types_pb2.Severity
    status: AlertStatus
    account_id: str
    instrument_id: _types_pb2.InstrumentId
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    fill_ids: _containers.RepeatedScalarFieldContainer[str]
    score: float
    description: str
    resolved_by: str
    resolution: str
    detected_at: _timestamp_pb2.Timestamp
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, alert_id: _Optional[str] = ..., pattern: _Optional[_Union[SurveillancePattern, str]] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., account_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., order_ids: _Optional[_Iterable[str]] = ..., fill_ids: _Optional[_Iterable[str]] = ..., score: _Optional[float] = ..., description: _Optional[str] = ..., resolved_by: _Optional[str] = ..., resolution: _Optional[str] = ..., detected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordAuditRequest(_message.Message):
    __slots__ = ("actor", "action", "resource", "detail_json", "source_event_id", "occurred_at")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_JSON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    actor: str
    action: str
    resource: str
    detail_json: str
    source_event_id: str
    occurred_at: _timestamp_pb2.Timestamp
    def __init__(self, actor: _Optional[str] = ..., action: _Optional[str] = ..., resource: _Optional[str] = ..., detail_json: _Optional[str] = ..., source_event_id: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordAuditResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: AuditEntry
    def __init__(self, entry: _Optional[_Union[AuditEntry, _Mapping]] = ...) -> None: ...

class QueryAuditTrailRequest(_message.Message):
    __slots__ = ("actor", "action", "resource_prefix", "period", "page")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    actor: str
    action: str
    resource_prefix: str
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, actor: _Optional[str] = ..., action: _Optional[str] = ..., resource_prefix: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class QueryAuditTrailResponse(_message.Message):
    __slots__ = ("entries", "page")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    page: _types_pb2.PageResponse
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class VerifyAuditTrailRequest(_message.Message):
    __slots__ = ("from_sequence", "to_sequence")
    FROM_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TO_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    from_sequence: int
    to_sequence: int
    def __init__(self, from_sequence: _Optional[int] = ..., to_sequence: _Optional[int] = ...) -> None: ...

class VerifyAuditTrailResponse(_message.Message):
    __slots__ = ("valid", "entries_checked", "first_invalid_sequence", "head_hash")
    VALID_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_CHECKED_FIELD_NUMBER: _ClassVar[int]
    FIRST_INVALID_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    entries_checked: int
    first_invalid_sequence: int
    head_hash: str
    def __init__(self, valid: _Optional[bool] = ..., entries_checked: _Optional[int] = ..., first_invalid_sequence: _Optional[int] = ..., head_hash: _Optional[str] = ...) -> None: ...

class CheckOrderRequest(_message.Message):
    __slots__ = ("account_id", "strategy_id", "instrument_id", "side", "quantity", "is_short")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    IS_SHORT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    strategy_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    is_short: bool
    def __init__(self, account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., is_short: _Optional[bool] = ...) -> None: ...

class CheckOrderResponse(_message.Message):
    __slots__ = ("approved", "matched", "reasons")
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    approved: bool
    matched: _containers.RepeatedCompositeFieldContainer[Restriction]
    reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, approved: _Optional[bool] = ..., matched: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ..., reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class AddRestrictionRequest(_message.Message):
    __slots__ = ("restriction",)
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ...) -> None: ...

class AddRestrictionResponse(_message.Message):
    __slots__ = ("restriction",)
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ...) -> None: ...

class RemoveRestrictionRequest(_message.Message):
    __slots__ = ("restriction_id", "actor", "reason")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    actor: str
    reason: str
    def __init__(self, restriction_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RemoveRestrictionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRestrictionsRequest(_message.Message):
    __slots__ = ("instrument_id", "account_id", "active_only", "page")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    account_id: str
    active_only: bool
    page: _types_pb2.PageRequest
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., account_id: _Optional[str] = ..., active_only: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListRestrictionsResponse(_message.Message):
    __slots__ = ("restrictions", "page")
    RESTRICTIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    restrictions: _containers.RepeatedCompositeFieldContainer[Restriction]
    page: _types_pb2.PageResponse
    def __init__(self, restrictions: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ListSurveillanceAlertsRequest(_message.Message):
    __slots__ = ("account_id", "patterns", "statuses", "min_severity", "period", "page")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    patterns: _containers.RepeatedScalarFieldContainer[SurveillancePattern]
    statuses: _containers.RepeatedScalarFieldContainer[AlertStatus]
    min_severity: _types_pb2.Severity
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, account_id: _Optional[str] = ..., patterns: _Optional[_Iterable[_Union[SurveillancePattern, str]]] = ..., statuses: _Optional[_Iterable[_Union[AlertStatus, str]]] = ..., min_severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListSurveillanceAlertsResponse(_message.Message):
    __slots__ = ("alerts", "page")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[SurveillanceAlert]
    page: _types_pb2.PageResponse
    def __init__(self, alerts: _Optional[_Iterable[_Union[SurveillanceAlert, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ResolveSurveillanceAlertRequest(_message.Message):
    __slots__ = ("alert_id", "status", "actor", "resolution")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    status: AlertStatus
    actor: str
    resolution: str
    def __init__(self, alert_id: _Optional[str] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., actor: _Optional[str] = ..., resolution: _Optional[str] = ...) -> None: ...

class ResolveSurveillanceAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: SurveillanceAlert
    def __init__(self, alert: _Optional[_Union[SurveillanceAlert, _Mapping]] = ...) -> None: ...

class GenerateRegulatoryReportRequest(_message.Message):
    __slots__ = ("type", "period", "account_id", "format")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    type: RegulatoryReportType
    period: _types_pb2.TimeRange
    account_id: str
    format: str
    def __init__(self, type: _Optional[_Union[RegulatoryReportType, str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., account_id: _Optional[str] = ..., format: _Optional[str] = ...) -> None: ...

class GenerateRegulatoryReportResponse(_message.Message):
    __slots__ = ("report_id", "records", "content_type", "content", "sha256")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    records: int
    content_type: str
    content: bytes
    sha256: str
    def __init__(self, report_id: _Optional[str] = ..., records: _Optional[int] = ..., content_type: _Optional[str] = ..., content: _Optional[bytes] = ..., sha256: _Optional[str] = ...) -> None: ...
