import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.key_management.v1 import key_management_service_pb2 as _key_management_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class KeyCreated(_message.Message):
    __slots__ = ("tenant_id", "key", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    key: _key_management_service_pb2.Key
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., key: _Optional[_Union[_key_management_service_pb2.Key, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KeyRotated(_message.Message):
    __slots__ = ("tenant_id", "key_id", "previous_version", "new_version", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    NEW_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    key_id: str
    previous_version: int
    new_version: int
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., previous_version: _Optional[int] = ..., new_version: _Optional[int] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KeyVersionDisabled(_message.Message):
    __slots__ = ("tenant_id", "key_id", "version", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    key_id: str
    version: int
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., version: _Optional[int] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SecretAccessed(_message.Message):
    __slots__ = ("tenant_id", "name", "version", "operation", "accessor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    ACCESSOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    version: int
    operation: str
    accessor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., operation: _Optional[str] = ..., accessor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DecryptionFailed(_message.Message):
    __slots__ = ("tenant_id", "key_id", "key_version", "accessor", "reason", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACCESSOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    key_id: str
    key_version: int
    accessor: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., key_id: _Optional[str] = ..., key_version: _Optional[int] = ..., accessor: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
