import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.control_plane.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HealthStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEALTH_STATUS_UNSPECIFIED: _ClassVar[HealthStatus]
    HEALTH_STATUS_HEALTHY: _ClassVar[HealthStatus]
    HEALTH_STATUS_DEGRADED: _ClassVar[HealthStatus]
    HEALTH_STATUS_UNHEALTHY: _ClassVar[HealthStatus]
    HEALTH_STATUS_MISSING: _ClassVar[HealthStatus]
    HEALTH_STATUS_STOPPED: _ClassVar[HealthStatus]
HEALTH_STATUS_UNSPECIFIED: HealthStatus
HEALTH_STATUS_HEALTHY: HealthStatus
HEALTH_STATUS_DEGRADED: HealthStatus
HEALTH_STATUS_UNHEALTHY: HealthStatus
HEALTH_STATUS_MISSING: HealthStatus
HEALTH_STATUS_STOPPED: HealthStatus

class ConfigEntry(_message.Message):
    __slots__ = ("service", "key", "value_json", "version", "changed_by", "reason", "changed_at", "created_at", "deleted")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_JSON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    value_json: str
    version: int
    changed_by: str
    reason: str
    changed_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    deleted: bool
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., value_json: _Optional[str] = ..., version: _Optional[int] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deleted: _Optional[bool] = ...) -> None: ...

class PutConfigRequest(_message.Message):
    __slots__ = ("service", "key", "value_json", "expected_version", "changed_by", "reason")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_JSON_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    value_json: str
    expected_version: int
    changed_by: str
    reason: str
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., value_json: _Optional[str] = ..., expected_version: _Optional[int] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PutConfigResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: ConfigEntry
    def __init__(self, entry: _Optional[_Union[ConfigEntry, _Mapping]] = ...) -> None: ...

class GetConfigRequest(_message.Message):
    __slots__ = ("service", "key", "fall_back_to_global")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    FALL_BACK_TO_GLOBAL_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    fall_back_to_global: bool
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., fall_back_to_global: _Optional[bool] = ...) -> None: ...

class GetConfigResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: ConfigEntry
    def __init__(self, entry: _Optional[_Union[ConfigEntry, _Mapping]] = ...) -> None: ...

class ListConfigRequest(_message.Message):
    __slots__ = ("service", "key_prefix", "exclude_global", "page")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_PREFIX_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_GLOBAL_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    service: str
    key_prefix: str
    exclude_global: bool
    page: _types_pb2.PageRequest
    def __init__(self, service: _Optional[str] = ..., key_prefix: _Optional[str] = ..., exclude_global: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListConfigResponse(_message.Message):
    __slots__ = ("entries", "page")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[ConfigEntry]
    page: _types_pb2.PageResponse
    def __init__(self, entries: _Optional[_Iterable[_Union[ConfigEntry, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class DeleteConfigRequest(_message.Message):
    __slots__ = ("service", "key", "expected_version", "changed_by", "reason")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    expected_version: int
    changed_by: str
    reason: str
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., expected_version: _Optional[int] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DeleteConfigResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: ConfigEntry
    def __init__(self, entry: _Optional[_Union[ConfigEntry, _Mapping]] = ...) -> None: ...

class GetConfigHistoryRequest(_message.Message):
    __slots__ = ("service", "key", "page")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    service: str
    key: str
    page: _types_pb2.PageRequest
    def __init__(self, service: _Optional[str] = ..., key: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class GetConfigHistoryResponse(_message.Message):
    __slots__ = ("versions", "page")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[ConfigEntry]
    page: _types_pb2.PageResponse
    def __init__(self, versions: _Optional[_Iterable[_Union[ConfigEntry, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class HealthComponent(_message.Message):
    __slots__ = ("name", "value", "weight", "penalty", "detail")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: float
    weight: float
    penalty: float
    detail: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[float] = ..., weight: _Optional[float] = ..., penalty: _Optional[float] = ..., detail: _Optional[str] = ...) -> None: ...

class InstanceHealth(_message.Message):
    __slots__ = ("instance_id", "score", "ready", "phase", "started_at", "last_heartbeat_at", "heartbeat_interval_seconds", "components", "consumer_lag")
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_AT_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_LAG_FIELD_NUMBER: _ClassVar[int]
    instance_id: str
    score: float
    ready: bool
    phase: _events_pb2.ServicePhase
    started_at: _timestamp_pb2.Timestamp
    last_heartbeat_at: _timestamp_pb2.Timestamp
    heartbeat_interval_seconds: float
    components: _containers.RepeatedCompositeFieldContainer[HealthComponent]
    consumer_lag: int
    def __init__(self, instance_id: _Optional[str] = ..., score: _Optional[float] = ..., ready: _Optional[bool] = ..., phase: _Optional[_Union[_events_pb2.ServicePhase, str]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_heartbeat_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., heartbeat_interval_seconds: _Optional[float] = ..., components: _Optional[_Iterable[_Union[HealthComponent, _Mapping]]] = ..., consumer_lag: _Optional[int] = ...) -> None: ...

class ServiceHealth(_message.Message):
    __slots__ = ("service", "score", "status", "components", "last_heartbeat_at", "ready", "instance_ids", "instances", "restarts", "open_breakers", "heartbeat_age_seconds")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_AT_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_IDS_FIELD_NUMBER: _ClassVar[int]
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    RESTARTS_FIELD_NUMBER: _ClassVar[int]
    OPEN_BREAKERS_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_AGE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    service: str
    score: float
    status: HealthStatus
    components: _containers.RepeatedCompositeFieldContainer[HealthComponent]
    last_heartbeat_at: _timestamp_pb2.Timestamp
    ready: bool
    instance_ids: _containers.RepeatedScalarFieldContainer[str]
    instances: _containers.RepeatedCompositeFieldContainer[InstanceHealth]
    restarts: int
    open_breakers: int
    heartbeat_age_seconds: float
    def __init__(self, service: _Optional[str] = ..., score: _Optional[float] = ..., status: _Optional[_Union[HealthStatus, str]] = ..., components: _Optional[_Iterable[_Union[HealthComponent, _Mapping]]] = ..., last_heartbeat_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ready: _Optional[bool] = ..., instance_ids: _Optional[_Iterable[str]] = ..., instances: _Optional[_Iterable[_Union[InstanceHealth, _Mapping]]] = ..., restarts: _Optional[int] = ..., open_breakers: _Optional[int] = ..., heartbeat_age_seconds: _Optional[float] = ...) -> None: ...

class GetServiceHealthRequest(_message.Message):
    __slots__ = ("service",)
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    service: str
    def __init__(self, service: _Optional[str] = ...) -> None: ...

class GetServiceHealthResponse(_message.Message):
    __slots__ = ("health",)
    HEALTH_FIELD_NUMBER: _ClassVar[int]
    health: ServiceHealth
    def __init__(self, health: _Optional[_Union[ServiceHealth, _Mapping]] = ...) -> None: ...

class ListServiceHealthRequest(_message.Message):
    __slots__ = ("statuses",)
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[HealthStatus]
    def __init__(self, statuses: _Optional[_Iterable[_Union[HealthStatus, str]]] = ...) -> None: ...

class ListServiceHealthResponse(_message.Message):
    __slots__ = ("services", "fleet_score")
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    FLEET_SCORE_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedCompositeFieldContainer[ServiceHealth]
    fleet_score: float
    def __init__(self, services: _Optional[_Iterable[_Union[ServiceHealth, _Mapping]]] = ..., fleet_score: _Optional[float] = ...) -> None: ...

class BreakerBoardEntry(_message.Message):
    __slots__ = ("service", "instance_id", "breaker")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    BREAKER_FIELD_NUMBER: _ClassVar[int]
    service: str
    instance_id: str
    breaker: _events_pb2.BreakerState
    def __init__(self, service: _Optional[str] = ..., instance_id: _Optional[str] = ..., breaker: _Optional[_Union[_events_pb2.BreakerState, _Mapping]] = ...) -> None: ...

class ListCircuitBreakersRequest(_message.Message):
    __slots__ = ("service", "statuses")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    service: str
    statuses: _containers.RepeatedScalarFieldContainer[_events_pb2.BreakerStatus]
    def __init__(self, service: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[_events_pb2.BreakerStatus, str]]] = ...) -> None: ...

class ListCircuitBreakersResponse(_message.Message):
    __slots__ = ("breakers",)
    BREAKERS_FIELD_NUMBER: _ClassVar[int]
    breakers: _containers.RepeatedCompositeFieldContainer[BreakerBoardEntry]
    def __init__(self, breakers: _Optional[_Iterable[_Union[BreakerBoardEntry, _Mapping]]] = ...) -> None: ...
