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

class Verdict(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERDICT_UNSPECIFIED: _ClassVar[Verdict]
    VERDICT_ALLOW: _ClassVar[Verdict]
    VERDICT_REJECT: _ClassVar[Verdict]
    VERDICT_SANITIZE: _ClassVar[Verdict]

class FindingCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FINDING_CATEGORY_UNSPECIFIED: _ClassVar[FindingCategory]
    FINDING_CATEGORY_SCHEMA_VIOLATION: _ClassVar[FindingCategory]
    FINDING_CATEGORY_SIZE_LIMIT: _ClassVar[FindingCategory]
    FINDING_CATEGORY_SQL_INJECTION: _ClassVar[FindingCategory]
    FINDING_CATEGORY_XSS: _ClassVar[FindingCategory]
    FINDING_CATEGORY_COMMAND_INJECTION: _ClassVar[FindingCategory]
    FINDING_CATEGORY_PATH_TRAVERSAL: _ClassVar[FindingCategory]
    FINDING_CATEGORY_SSRF: _ClassVar[FindingCategory]
    FINDING_CATEGORY_HEADER_INJECTION: _ClassVar[FindingCategory]
    FINDING_CATEGORY_PROMPT_INJECTION: _ClassVar[FindingCategory]
    FINDING_CATEGORY_ENCODING_ANOMALY: _ClassVar[FindingCategory]

class RuleAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RULE_ACTION_UNSPECIFIED: _ClassVar[RuleAction]
    RULE_ACTION_REJECT: _ClassVar[RuleAction]
    RULE_ACTION_SANITIZE: _ClassVar[RuleAction]
    RULE_ACTION_LOG: _ClassVar[RuleAction]
VERDICT_UNSPECIFIED: Verdict
VERDICT_ALLOW: Verdict
VERDICT_REJECT: Verdict
VERDICT_SANITIZE: Verdict
FINDING_CATEGORY_UNSPECIFIED: FindingCategory
FINDING_CATEGORY_SCHEMA_VIOLATION: FindingCategory
FINDING_CATEGORY_SIZE_LIMIT: FindingCategory
FINDING_CATEGORY_SQL_INJECTION: FindingCategory
FINDING_CATEGORY_XSS: FindingCategory
FINDING_CATEGORY_COMMAND_INJECTION: FindingCategory
FINDING_CATEGORY_PATH_TRAVERSAL: FindingCategory
FINDING_CATEGORY_SSRF: FindingCategory
FINDING_CATEGORY_HEADER_INJECTION: FindingCategory
FINDING_CATEGORY_PROMPT_INJECTION: FindingCategory
FINDING_CATEGORY_ENCODING_ANOMALY: FindingCategory
RULE_ACTION_UNSPECIFIED: RuleAction
RULE_ACTION_REJECT: RuleAction
RULE_ACTION_SANITIZE: RuleAction
RULE_ACTION_LOG: RuleAction

class Finding(_message.Message):
    __slots__ = ("rule_id", "category", "severity", "location", "pointer", "message", "evidence")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    POINTER_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    category: FindingCategory
    severity: _types_pb2.Severity
    location: str
    pointer: str
    message: str
    evidence: str
    def __init__(self, rule_id: _Optional[str] = ..., category: _Optional[_Union[FindingCategory, str]] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., location: _Optional[str] = ..., pointer: _Optional[str] = ..., message: _Optional[str] = ..., evidence: _Optional[str] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("rule_id", "description", "category", "pattern", "locations", "action", "severity", "enabled")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    LOCATIONS_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    description: str
    category: FindingCategory
    pattern: str
    locations: _containers.RepeatedScalarFieldContainer[str]
    action: RuleAction
    severity: _types_pb2.Severity
    enabled: bool
    def __init__(self, rule_id: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[_Union[FindingCategory, str]] = ..., pattern: _Optional[str] = ..., locations: _Optional[_Iterable[str]] = ..., action: _Optional[_Union[RuleAction, str]] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., enabled: _Optional[bool] = ...) -> None: ...

class Header(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class InspectRequestRequest(_message.Message):
    __slots__ = ("tenant_id", "method", "route", "path", "query", "headers", "body", "content_type", "client_ip", "request_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    method: str
    route: str
    path: str
    query: str
    headers: _containers.RepeatedCompositeFieldContainer[Header]
    body: bytes
    content_type: str
    client_ip: str
    request_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., method: _Optional[str] = ..., route: _Optional[str] = ..., path: _Optional[str] = ..., query: _Optional[str] = ..., headers: _Optional[_Iterable[_Union[Header, _Mapping]]] = ..., body: _Optional[bytes] = ..., content_type: _Optional[str] = ..., client_ip: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class InspectRequestResponse(_message.Message):
    __slots__ = ("verdict", "findings", "sanitized_body", "sanitized_query", "risk_score", "inspection_micros")
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    SANITIZED_BODY_FIELD_NUMBER: _ClassVar[int]
    SANITIZED_QUERY_FIELD_NUMBER: _ClassVar[int]
    RISK_SCORE_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_MICROS_FIELD_NUMBER: _ClassVar[int]
    verdict: Verdict
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    sanitized_body: bytes
    sanitized_query: str
    risk_score: float
    inspection_micros: float
    def __init__(self, verdict: _Optional[_Union[Verdict, str]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., sanitized_body: _Optional[bytes] = ..., sanitized_query: _Optional[str] = ..., risk_score: _Optional[float] = ..., inspection_micros: _Optional[float] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ("categories",)
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    categories: _containers.RepeatedScalarFieldContainer[FindingCategory]
    def __init__(self, categories: _Optional[_Iterable[_Union[FindingCategory, str]]] = ...) -> None: ...

class ListRulesResponse(_message.Message):
    __slots__ = ("rules",)
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    def __init__(self, rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ...) -> None: ...

class UpsertRuleRequest(_message.Message):
    __slots__ = ("rule", "actor")
    RULE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    rule: Rule
    actor: str
    def __init__(self, rule: _Optional[_Union[Rule, _Mapping]] = ..., actor: _Optional[str] = ...) -> None: ...

class UpsertRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: Rule
    def __init__(self, rule: _Optional[_Union[Rule, _Mapping]] = ...) -> None: ...

class DeleteRuleRequest(_message.Message):
    __slots__ = ("rule_id", "actor")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    actor: str
    def __init__(self, rule_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class DeleteRuleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RegisterSchemaRequest(_message.Message):
    __slots__ = ("method", "route", "json_schema", "max_body_bytes")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    MAX_BODY_BYTES_FIELD_NUMBER: _ClassVar[int]
    method: str
    route: str
    json_schema: str
    max_body_bytes: int
    def __init__(self, method: _Optional[str] = ..., route: _Optional[str] = ..., json_schema: _Optional[str] = ..., max_body_bytes: _Optional[int] = ...) -> None: ...

class RegisterSchemaResponse(_message.Message):
    __slots__ = ("schema_id",)
    SCHEMA_ID_FIELD_NUMBER: _ClassVar[int]
    schema_id: str
    def __init__(self, schema_id: _Optional[str] = ...) -> None: ...

class GetInspectionStatsRequest(_message.Message):
    __slots__ = ("tenant_id", "period")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    period: _types_pb2.TimeRange
    def __init__(self, tenant_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetInspectionStatsResponse(_message.Message):
    __slots__ = ("inspected", "allowed", "rejected", "sanitized", "findings_by_category", "as_of")
    class FindingsByCategoryEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    INSPECTED_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    SANITIZED_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_BY_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    inspected: int
    allowed: int
    rejected: int
    sanitized: int
    findings_by_category: _containers.ScalarMap[str, int]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, inspected: _Optional[int] = ..., allowed: _Optional[int] = ..., rejected: _Optional[int] = ..., sanitized: _Optional[int] = ..., findings_by_category: _Optional[_Mapping[str, int]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
