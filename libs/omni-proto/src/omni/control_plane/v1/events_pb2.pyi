import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ServicePhase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVICE_PHASE_UNSPECIFIED: _ClassVar[ServicePhase]
    SERVICE_PHASE_STARTING: _ClassVar[ServicePhase]
    SERVICE_PHASE_READY: _ClassVar[ServicePhase]
    SERVICE_PHASE_DEGRADED: _ClassVar[ServicePhase]
    SERVICE_PHASE_STOPPING: _ClassVar[ServicePhase]
    SERVICE_PHASE_STOPPED: _ClassVar[ServicePhase]

class BreakerStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BREAKER_STATUS_UNSPECIFIED: _ClassVar[BreakerStatus]
    BREAKER_STATUS_CLOSED: _ClassVar[BreakerStatus]
    BREAKER_STATUS_OPEN: _ClassVar[BreakerStatus]
    BREAKER_STATUS_HALF_OPEN: _ClassVar[BreakerStatus]
SERVICE_PHASE_UNSPECIFIED: ServicePhase
SERVICE_PHASE_STARTING: ServicePhase
SERVICE_PHASE_READY: ServicePhase
SERVICE_PHASE_DEGRADED: ServicePhase
SERVICE_PHASE_STOPPING: ServicePhase
SERVICE_PHASE_STOPPED: ServicePhase
BREAKER_STATUS_UNSPECIFIED: BreakerStatus
BREAKER_STATUS_CLOSED: BreakerStatus
BREAKER_STATUS_OPEN: BreakerStatus
BREAKER_STATUS_HALF_OPEN: BreakerStatus

class BreakerState(_message.Message):
    __slots__ = ("name", "status", "consecutive_failures", "failures_total", "successes_total", "changed_at")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CONSECUTIVE_FAILURES_FIELD_NUMBER: _ClassVar[int]
    FAILURES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    SUCCESSES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    name: str
    status: BreakerStatus
    consecutive_failures: int
    failures_total: int
    successes_total: int
    changed_at: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., status: _Optional[_Union[BreakerStatus, str]] = ..., consecutive_failures: _Optional[int] = ..., failures_total: _Optional[int] = ..., successes_total: _Optional[int] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ServiceHeartbeat(_message.Message):
    __slots__ = ("service", "instance_id", "ready", "started_at", "sent_at", "uptime_seconds", "requests_total", "request_errors_total", "messages_processed_total", "messages_failed_total", "dead_lettered_total", "consumer_lag", "breakers", "interval_seconds")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ERRORS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_PROCESSED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FAILED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    DEAD_LETTERED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_LAG_FIELD_NUMBER: _ClassVar[int]
    BREAKERS_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    service: str
    instance_id: str
    ready: bool
    started_at: _timestamp_pb2.Timestamp
    sent_at: _timestamp_pb2.Timestamp
    uptime_seconds: float
    requests_total: int
    request_errors_total: int
    messages_processed_total: int
    messages_failed_total: int
    dead_lettered_total: int
    consumer_lag: int
    breakers: _containers.RepeatedCompositeFieldContainer[BreakerState]
    interval_seconds: float
    def __init__(self, service: _Optional[str] = ..., instance_id: _Optional[str] = ..., ready: _Optional[bool] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., uptime_seconds: _Optional[float] = ..., requests_total: _Optional[int] = ..., request_errors_total: _Optional[int] = ..., messages_processed_total: _Optional[int] = ..., messages_failed_total: _Optional[int] = ..., dead_lettered_total: _Optional[int] = ..., consumer_lag: _Optional[int] = ..., breakers: _Optional[_Iterable[_Union[BreakerState, _Mapping]]] = ..., interval_seconds: _Optional[float] = ...) -> None: ...

class ServiceLifecycleChanged(_message.Message):
    __slots__ = ("service", "instance_id", "phase", "detail")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    service: str
    instance_id: str
    phase: ServicePhase
    detail: str
    def __init__(self, service: _Optional[str] = ..., instance_id: _Optional[str] = ..., phase: _Optional[_Union[ServicePhase, str]] = ..., detail: _Optional[str] = ...) -> None: ...

class CircuitBreakerChanged(_message.Message):
    __slots__ = ("service", "instance_id", "breaker")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    BREAKER_FIELD_NUMBER: _ClassVar[int]
    service: str
    instance_id: str
    breaker: BreakerState
    def __init__(self, service: _Optional[str] = ..., instance_id: _Optional[str] = ..., breaker: _Optional[_Union[BreakerState, _Mapping]] = ...) -> None: ...

class ConfigChanged(_message.Message):
    __slots__ = ("service", "key", "value_json", "version", "changed_by", "reason", "deleted")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_JSON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    value_json: str
    version: int
    changed_by: str
    reason: str
    deleted: bool
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., value_json: _Optional[str] = ..., version: _Optional[int] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ..., deleted: _Optional[bool] = ...) -> None: ...
