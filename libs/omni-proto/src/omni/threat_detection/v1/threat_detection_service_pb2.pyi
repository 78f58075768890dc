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

class ActivityKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTIVITY_KIND_UNSPECIFIED: _ClassVar[ActivityKind]
    ACTIVITY_KIND_LOGIN: _ClassVar[ActivityKind]
    ACTIVITY_KIND_API_REQUEST: _ClassVar[ActivityKind]
    ACTIVITY_KIND_ORDER: _ClassVar[ActivityKind]
    ACTIVITY_KIND_PERMISSION_CHANGE: _ClassVar[ActivityKind]
    ACTIVITY_KIND_KEY_ACCESS: _ClassVar[ActivityKind]
    ACTIVITY_KIND_SERVICE_CALL: _ClassVar[ActivityKind]

class ThreatCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    THREAT_CATEGORY_UNSPECIFIED: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_CREDENTIAL_STUFFING: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_IMPOSSIBLE_TRAVEL: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_UNUSUAL_ACCESS: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_PRIVILEGE_ESCALATION: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_DATA_EXFILTRATION: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_ANOMALOUS_ORDER_FLOW: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_RATE_ABUSE: _ClassVar[ThreatCategory]
    THREAT_CATEGORY_INJECTION_ATTEMPT: _ClassVar[ThreatCategory]

class ResponseAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESPONSE_ACTION_UNSPECIFIED: _ClassVar[ResponseAction]
    RESPONSE_ACTION_NONE: _ClassVar[ResponseAction]
    RESPONSE_ACTION_REQUIRE_MFA: _ClassVar[ResponseAction]
    RESPONSE_ACTION_THROTTLE: _ClassVar[ResponseAction]
    RESPONSE_ACTION_REVOKE_API_KEY: _ClassVar[ResponseAction]
    RESPONSE_ACTION_LOCK_USER: _ClassVar[ResponseAction]
    RESPONSE_ACTION_BLOCK_IP: _ClassVar[ResponseAction]
    RESPONSE_ACTION_HALT_TRADING: _ClassVar[ResponseAction]

class AlertStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_STATUS_UNSPECIFIED: _ClassVar[AlertStatus]
    ALERT_STATUS_OPEN: _ClassVar[AlertStatus]
    ALERT_STATUS_ACKNOWLEDGED: _ClassVar[AlertStatus]
    ALERT_STATUS_RESOLVED: _ClassVar[AlertStatus]
    ALERT_STATUS_FALSE_POSITIVE: _ClassVar[AlertStatus]
ACTIVITY_KIND_UNSPECIFIED: ActivityKind
ACTIVITY_KIND_LOGIN: ActivityKind
ACTIVITY_KIND_API_REQUEST: ActivityKind
ACTIVITY_KIND_ORDER: ActivityKind
ACTIVITY_KIND_PERMISSION_CHANGE: ActivityKind
ACTIVITY_KIND_KEY_ACCESS: ActivityKind
ACTIVITY_KIND_SERVICE_CALL: ActivityKind
THREAT_CATEGORY_UNSPECIFIED: ThreatCategory
THREAT_CATEGORY_CREDENTIAL_STUFFING: ThreatCategory
THREAT_CATEGORY_IMPOSSIBLE_TRAVEL: ThreatCategory
THREAT_CATEGORY_UNUSUAL_ACCESS: ThreatCategory
THREAT_CATEGORY_PRIVILEGE_ESCALATION: ThreatCategory
THREAT_CATEGORY_DATA_EXFILTRATION: ThreatCategory
THREAT_CATEGORY_ANOMALOUS_ORDER_FLOW: ThreatCategory
THREAT_CATEGORY_RATE_ABUSE: ThreatCategory
THREAT_CATEGORY_INJECTION_ATTEMPT: ThreatCategory
RESPONSE_ACTION_UNSPECIFIED: ResponseAction
RESPONSE_ACTION_NONE: ResponseAction
RESPONSE_ACTION_REQUIRE_MFA: ResponseAction
RESPONSE_ACTION_THROTTLE: ResponseAction
RESPONSE_ACTION_REVOKE_API_KEY: ResponseAction
RESPONSE_ACTION_LOCK_USER: ResponseAction
RESPONSE_ACTION_BLOCK_IP: ResponseAction
RESPONSE_ACTION_HALT_TRADING: ResponseAction
ALERT_STATUS_UNSPECIFIED: AlertStatus
ALERT_STATUS_OPEN: AlertStatus
ALERT_STATUS_ACKNOWLEDGED: AlertStatus
ALERT_STATUS_RESOLVED: AlertStatus
ALERT_STATUS_FALSE_POSITIVE: AlertStatus

class Activity(_message.Message):
    __slots__ = ("kind", "tenant_id", "subject", "account_id", "source_ip", "user_agent", "action", "success", "metrics", "attributes", "source_event_id", "occurred_at")
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KIND_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_IP_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    kind: ActivityKind
    tenant_id: str
    subject: str
    account_id: str
    source_ip: str
    user_agent: str
    action: str
    success: bool
    metrics: _containers.ScalarMap[str, float]
    attributes: _containers.ScalarMap[str, str]
    source_event_id: str
    occurred_at: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[_Union[ActivityKind, str]] = ..., tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., account_id: _Optional[str] = ..., source_ip: _Optional[str] = ..., user_agent: _Optional[str] = ..., action: _Optional[str] = ..., success: _Optional[bool] = ..., metrics: _Optional[_Mapping[str, float]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., source_event_id: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DetectorScore(_message.Message):
    __slots__ = ("detector", "score", "explanation")
    DETECTOR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    detector: str
    score: float
    explanation: str
    def __init__(self, detector: _Optional[str] = ..., score: _Optional[float] = ..., explanation: _Optional[str] = ...) -> None: ...

class Alert(_message.Message):
    __slots__ = ("alert_id", "tenant_id", "category", "severity", "status", "subject", "account_id", "score", "detectors", "summary", "evidence_event_ids", "actions_taken", "actions_proposed", "detected_at", "updated_at")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DETECTORS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_EVENT_IDS_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_TAKEN_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_PROPOSED_FIELD_NUMBER: _ClassVar[int]
    DETECTED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    tenant_id: str
    category: ThreatCategory
    severity: _types_pb2.Severity
    status: AlertStatus
    subject: str
    account_id: str
    score: float
    detectors: _containers.RepeatedCompositeFieldContainer[DetectorScore]
    summary: str
    evidence_event_ids: _containers.RepeatedScalarFieldContainer[str]
    actions_taken: _containers.RepeatedScalarFieldContainer[ResponseAction]
    actions_proposed: _containers.RepeatedScalarFieldContainer[ResponseAction]
    detected_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, alert_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., category: _Optional[_Union[ThreatCategory, str]] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., subject: _Optional[str] = ..., account_id: _Optional[str] = ..., score: _Optional[float] = ..., detectors: _Optional[_Iterable[_Union[DetectorScore, _Mapping]]] = ..., summary: _Optional[str] = ..., evidence_event_ids: _Optional[_Iterable[str]] = ..., actions_taken: _Optional[_Iterable[_Union[ResponseAction, str]]] = ..., actions_proposed: _Optional[_Iterable[_Union[ResponseAction, str]]] = ..., detected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScoreEventRequest(_message.Message):
    __slots__ = ("activity",)
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    activity: Activity
    def __init__(self, activity: _Optional[_Union[Activity, _Mapping]] = ...) -> None: ...

class ScoreEventResponse(_message.Message):
    __slots__ = ("score", "anomalous", "detectors", "alert")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    ANOMALOUS_FIELD_NUMBER: _ClassVar[int]
    DETECTORS_FIELD_NUMBER: _ClassVar[int]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    score: float
    anomalous: bool
    detectors: _containers.RepeatedCompositeFieldContainer[DetectorScore]
    alert: Alert
    def __init__(self, score: _Optional[float] = ..., anomalous: _Optional[bool] = ..., detectors: _Optional[_Iterable[_Union[DetectorScore, _Mapping]]] = ..., alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class ListAlertsRequest(_message.Message):
    __slots__ = ("tenant_id", "statuses", "categories", "min_severity", "period", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    statuses: _containers.RepeatedScalarFieldContainer[AlertStatus]
    categories: _containers.RepeatedScalarFieldContainer[ThreatCategory]
    min_severity: _types_pb2.Severity
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[AlertStatus, str]]] = ..., categories: _Optional[_Iterable[_Union[ThreatCategory, str]]] = ..., min_severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListAlertsResponse(_message.Message):
    __slots__ = ("alerts", "page")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[Alert]
    page: _types_pb2.PageResponse
    def __init__(self, alerts: _Optional[_Iterable[_Union[Alert, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetAlertRequest(_message.Message):
    __slots__ = ("alert_id",)
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    def __init__(self, alert_id: _Optional[str] = ...) -> None: ...

class GetAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class RespondRequest(_message.Message):
    __slots__ = ("alert_id", "action", "actor", "reason", "target")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    action: ResponseAction
    actor: str
    reason: str
    target: str
    def __init__(self, alert_id: _Optional[str] = ..., action: _Optional[_Union[ResponseAction, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., target: _Optional[str] = ...) -> None: ...

class RespondResponse(_message.Message):
    __slots__ = ("alert", "executed", "detail")
    ALERT_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    executed: bool
    detail: str
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ..., executed: _Optional[bool] = ..., detail: _Optional[str] = ...) -> None: ...

class UpdateAlertStatusRequest(_message.Message):
    __slots__ = ("alert_id", "status", "actor", "note")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    status: AlertStatus
    actor: str
    note: str
    def __init__(self, alert_id: _Optional[str] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., actor: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class UpdateAlertStatusResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class Detector(_message.Message):
    __slots__ = ("name", "description", "kinds", "enabled", "threshold", "auto_actions")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    AUTO_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    kinds: _containers.RepeatedScalarFieldContainer[ActivityKind]
    enabled: bool
    threshold: float
    auto_actions: _containers.RepeatedScalarFieldContainer[ResponseAction]
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[ActivityKind, str]]] = ..., enabled: _Optional[bool] = ..., threshold: _Optional[float] = ..., auto_actions: _Optional[_Iterable[_Union[ResponseAction, str]]] = ...) -> None: ...

class ListDetectorsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListDetectorsResponse(_message.Message):
    __slots__ = ("detectors",)
    DETECTORS_FIELD_NUMBER: _ClassVar[int]
    detectors: _containers.RepeatedCompositeFieldContainer[Detector]
    def __init__(self, detectors: _Optional[_Iterable[_Union[Detector, _Mapping]]] = ...) -> None: ...

class ConfigureDetectorRequest(_message.Message):
    __slots__ = ("detector",)
    DETECTOR_FIELD_NUMBER: _ClassVar[int]
    detector: Detector
    def __init__(self, detector: _Optional[_Union[Detector, _Mapping]] = ...) -> None: ...

class ConfigureDetectorResponse(_message.Message):
    __slots__ = ("detector",)
    DETECTOR_FIELD_NUMBER: _ClassVar[int]
    detector: Detector
    def __init__(self, detector: _Optional[_Union[Detector, _Mapping]] = ...) -> None: ...

class GetBaselineRequest(_message.Message):
    __slots__ = ("tenant_id", "subject")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    subject: str
    def __init__(self, tenant_id: _Optional[str] = ..., subject: _Optional[str] = ...) -> None: ...

class GetBaselineResponse(_message.Message):
    __slots__ = ("subject", "means", "stddevs", "usual_ips", "usual_hours_utc", "observations", "updated_at")
    class MeansEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class StddevsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    MEANS_FIELD_NUMBER: _ClassVar[int]
    STDDEVS_FIELD_NUMBER: _ClassVar[int]
    USUAL_IPS_FIELD_NUMBER: _ClassVar[int]
    USUAL_HOURS_UTC_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    subject: str
    means: _containers.ScalarMap[str, float]
    stddevs: _containers.ScalarMap[str, float]
    usual_ips: _containers.RepeatedScalarFieldContainer[str]
    usual_hours_utc: _containers.RepeatedScalarFieldContainer[int]
    observations: int
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, subject: _Optional[str] = ..., means: _Optional[_Mapping[str, float]] = ..., stddevs: _Optional[_Mapping[str, float]] = ..., usual_ips: _Optional[_Iterable[str]] = ..., usual_hours_utc: _Optional[_Iterable[int]] = ..., observations: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
