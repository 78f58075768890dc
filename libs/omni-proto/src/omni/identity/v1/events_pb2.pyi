import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.identity.v1 import identity_service_pb2 as _identity_service_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CertificateIssued(_message.Message):
    __slots__ = ("tenant_id", "service", "certificate", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    service: str
    certificate: _identity_service_pb2.Certificate
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., service: _Optional[str] = ..., certificate: _Optional[_Union[_identity_service_pb2.Certificate, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CertificateRevoked(_message.Message):
    __slots__ = ("tenant_id", "service", "certificate", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    service: str
    certificate: _identity_service_pb2.Certificate
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., service: _Optional[str] = ..., certificate: _Optional[_Union[_identity_service_pb2.Certificate, _Mapping]] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TokenVerificationFailed(_message.Message):
    __slots__ = ("tenant_id", "subject", "audience", "reason", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    subject: str
    audience: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., audience: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AccessDecided(_message.Message):
    __slots__ = ("tenant_id", "decision_id", "subject", "action", "resource", "decision", "policy_id", "reason", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    decision_id: str
    subject: str
    action: str
    resource: str
    decision: _identity_service_pb2.Decision
    policy_id: str
    reason: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., decision_id: _Optional[str] = ..., subject: _Optional[str] = ..., action: _Optional[str] = ..., resource: _Optional[str] = ..., decision: _Optional[_Union[_identity_service_pb2.Decision, str]] = ..., policy_id: _Optional[str] = ..., reason: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PolicyChanged(_message.Message):
    __slots__ = ("tenant_id", "policy", "actor", "event_time")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    policy: _identity_service_pb2.Policy
    actor: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., policy: _Optional[_Union[_identity_service_pb2.Policy, _Mapping]] = ..., actor: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
