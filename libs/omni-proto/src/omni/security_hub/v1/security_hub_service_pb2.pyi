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

class IncidentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INCIDENT_STATUS_UNSPECIFIED: _ClassVar[IncidentStatus]
    INCIDENT_STATUS_OPEN: _ClassVar[IncidentStatus]
    INCIDENT_STATUS_INVESTIGATING: _ClassVar[IncidentStatus]
    INCIDENT_STATUS_CONTAINED: _ClassVar[IncidentStatus]
    INCIDENT_STATUS_RESOLVED: _ClassVar[IncidentStatus]
    INCIDENT_STATUS_FALSE_POSITIVE: _ClassVar[IncidentStatus]

class PlaybookRunStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLAYBOOK_RUN_STATUS_UNSPECIFIED: _ClassVar[PlaybookRunStatus]
    PLAYBOOK_RUN_STATUS_RUNNING: _ClassVar[PlaybookRunStatus]
    PLAYBOOK_RUN_STATUS_SUCCEEDED: _ClassVar[PlaybookRunStatus]
    PLAYBOOK_RUN_STATUS_FAILED: _ClassVar[PlaybookRunStatus]
    PLAYBOOK_RUN_STATUS_AWAITING_APPROVAL: _ClassVar[PlaybookRunStatus]
INCIDENT_STATUS_UNSPECIFIED: IncidentStatus
INCIDENT_STATUS_OPEN: IncidentStatus
INCIDENT_STATUS_INVESTIGATING: IncidentStatus
INCIDENT_STATUS_CONTAINED: IncidentStatus
INCIDENT_STATUS_RESOLVED: IncidentStatus
INCIDENT_STATUS_FALSE_POSITIVE: IncidentStatus
PLAYBOOK_RUN_STATUS_UNSPECIFIED: PlaybookRunStatus
PLAYBOOK_RUN_STATUS_RUNNING: PlaybookRunStatus
PLAYBOOK_RUN_STATUS_SUCCEEDED: PlaybookRunStatus
PLAYBOOK_RUN_STATUS_FAILED: PlaybookRunStatus
PLAYBOOK_RUN_STATUS_AWAITING_APPROVAL: PlaybookRunStatus

class SecuritySignal(_message.Message):
    __slots__ = ("event_id", "event_type", "source_service", "subject", "severity", "summary", "occurred_at")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SERVICE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    event_type: str
    source_service: str
    subject: str
    severity: _types_pb2.Severity
    summary: str
    occurred_at: _timestamp_pb2.Timestamp
    def __init__(self, event_id: _Optional[str] = ..., event_type: _Optional[str] = ..., source_service: _Optional[str] = ..., subject: _Optional[str] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., summary: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Incident(_message.Message):
    __slots__ = ("incident_id", "tenant_id", "title", "severity", "status", "rule_id", "subjects", "signals", "playbook_run_ids", "assignee", "notes", "opened_at", "updated_at", "resolved_at")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    SIGNALS_FIELD_NUMBER: _ClassVar[int]
    PLAYBOOK_RUN_IDS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    tenant_id: str
    title: str
    severity: _types_pb2.Severity
    status: IncidentStatus
    rule_id: str
    subjects: _containers.RepeatedScalarFieldContainer[str]
    signals: _containers.RepeatedCompositeFieldContainer[SecuritySignal]
    playbook_run_ids: _containers.RepeatedScalarFieldContainer[str]
    assignee: str
    notes: str
    opened_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, incident_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., title: _Optional[str] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., status: _Optional[_Union[IncidentStatus, str]] = ..., rule_id: _Optional[str] = ..., subjects: _Optional[_Iterable[str]] = ..., signals: _Optional[_Iterable[_Union[SecuritySignal, _Mapping]]] = ..., playbook_run_ids: _Optional[_Iterable[str]] = ..., assignee: _Optional[str] = ..., notes: _Optional[str] = ..., opened_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CorrelationRule(_message.Message):
    __slots__ = ("rule_id", "description", "event_types", "group_by", "threshold", "window_seconds", "severity", "playbook_id", "enabled")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    PLAYBOOK_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    description: str
    event_types: _containers.RepeatedScalarFieldContainer[str]
    group_by: str
    threshold: int
    window_seconds: int
    severity: _types_pb2.Severity
    playbook_id: str
    enabled: bool
    def __init__(self, rule_id: _Optional[str] = ..., description: _Optional[str] = ..., event_types: _Optional[_Iterable[str]] = ..., group_by: _Optional[str] = ..., threshold: _Optional[int] = ..., window_seconds: _Optional[int] = ..., severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., playbook_id: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class PlaybookStep(_message.Message):
    __slots__ = ("name", "service", "method", "arguments", "requires_approval")
    class ArgumentsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    name: str
    service: str
    method: str
    arguments: _containers.ScalarMap[str, str]
    requires_approval: bool
    def __init__(self, name: _Optional[str] = ..., service: _Optional[str] = ..., method: _Optional[str] = ..., arguments: _Optional[_Mapping[str, str]] = ..., requires_approval: _Optional[bool] = ...) -> None: ...

class Playbook(_message.Message):
    __slots__ = ("playbook_id", "name", "description", "steps")
    PLAYBOOK_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    playbook_id: str
    name: str
    description: str
    steps: _containers.RepeatedCompositeFieldContainer[PlaybookStep]
    def __init__(self, playbook_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[PlaybookStep, _Mapping]]] = ...) -> None: ...

class StepResult(_message.Message):
    __slots__ = ("step", "success", "detail", "finished_at")
    STEP_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    step: str
    success: bool
    detail: str
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, step: _Optional[str] = ..., success: _Optional[bool] = ..., detail: _Optional[str] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlaybookRun(_message.Message):
    __slots__ = ("run_id", "playbook_id", "incident_id", "status", "steps", "started_by", "started_at", "finished_at")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    PLAYBOOK_ID_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    playbook_id: str
    incident_id: str
    status: PlaybookRunStatus
    steps: _containers.RepeatedCompositeFieldContainer[StepResult]
    started_by: str
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, run_id: _Optional[str] = ..., playbook_id: _Optional[str] = ..., incident_id: _Optional[str] = ..., status: _Optional[_Union[PlaybookRunStatus, str]] = ..., steps: _Optional[_Iterable[_Union[StepResult, _Mapping]]] = ..., started_by: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListIncidentsRequest(_message.Message):
    __slots__ = ("tenant_id", "statuses", "min_severity", "period", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    statuses: _containers.RepeatedScalarFieldContainer[IncidentStatus]
    min_severity: _types_pb2.Severity
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[IncidentStatus, str]]] = ..., min_severity: _Optional[_Union[_types_pb2.Severity, str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListIncidentsResponse(_message.Message):
    __slots__ = ("incidents", "page")
    INCIDENTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    incidents: _containers.RepeatedCompositeFieldContainer[Incident]
    page: _types_pb2.PageResponse
    def __init__(self, incidents: _Optional[_Iterable[_Union[Incident, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetIncidentRequest(_message.Message):
    __slots__ = ("incident_id",)
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    def __init__(self, incident_id: _Optional[str] = ...) -> None: ...

class GetIncidentResponse(_message.Message):
    __slots__ = ("incident", "playbook_runs")
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    PLAYBOOK_RUNS_FIELD_NUMBER: _ClassVar[int]
    incident: Incident
    playbook_runs: _containers.RepeatedCompositeFieldContainer[PlaybookRun]
    def __init__(self, incident: _Optional[_Union[Incident, _Mapping]] = ..., playbook_runs: _Optional[_Iterable[_Union[PlaybookRun, _Mapping]]] = ...) -> None: ...

class UpdateIncidentRequest(_message.Message):
    __slots__ = ("incident_id", "status", "assignee", "notes", "actor")
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    incident_id: str
    status: IncidentStatus
    assignee: str
    notes: str
    actor: str
    def __init__(self, incident_id: _Optional[str] = ..., status: _Optional[_Union[IncidentStatus, str]] = ..., assignee: _Optional[str] = ..., notes: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class UpdateIncidentResponse(_message.Message):
    __slots__ = ("incident",)
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    incident: Incident
    def __init__(self, incident: _Optional[_Union[Incident, _Mapping]] = ...) -> None: ...

class ListPlaybooksRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListPlaybooksResponse(_message.Message):
    __slots__ = ("playbooks",)
    PLAYBOOKS_FIELD_NUMBER: _ClassVar[int]
    playbooks: _containers.RepeatedCompositeFieldContainer[Playbook]
    def __init__(self, playbooks: _Optional[_Iterable[_Union[Playbook, _Mapping]]] = ...) -> None: ...

class RunPlaybookRequest(_message.Message):
    __slots__ = ("playbook_id", "incident_id", "parameters", "actor", "dry_run")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLAYBOOK_ID_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    playbook_id: str
    incident_id: str
    parameters: _containers.ScalarMap[str, str]
    actor: str
    dry_run: bool
    def __init__(self, playbook_id: _Optional[str] = ..., incident_id: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ..., actor: _Optional[str] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class RunPlaybookResponse(_message.Message):
    __slots__ = ("run",)
    RUN_FIELD_NUMBER: _ClassVar[int]
    run: PlaybookRun
    def __init__(self, run: _Optional[_Union[PlaybookRun, _Mapping]] = ...) -> None: ...

class GetPlaybookRunRequest(_message.Message):
    __slots__ = ("run_id",)
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    def __init__(self, run_id: _Optional[str] = ...) -> None: ...

class GetPlaybookRunResponse(_message.Message):
    __slots__ = ("run",)
    RUN_FIELD_NUMBER: _ClassVar[int]
    run: PlaybookRun
    def __init__(self, run: _Optional[_Union[PlaybookRun, _Mapping]] = ...) -> None: ...

class ListCorrelationRulesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListCorrelationRulesResponse(_message.Message):
    __slots__ = ("rules",)
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[CorrelationRule]
    def __init__(self, rules: _Optional[_Iterable[_Union[CorrelationRule, _Mapping]]] = ...) -> None: ...

class UpsertCorrelationRuleRequest(_message.Message):
    __slots__ = ("rule", "actor")
    RULE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    rule: CorrelationRule
    actor: str
    def __init__(self, rule: _Optional[_Union[CorrelationRule, _Mapping]] = ..., actor: _Optional[str] = ...) -> None: ...

class UpsertCorrelationRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: CorrelationRule
    def __init__(self, rule: _Optional[_Union[CorrelationRule, _Mapping]] = ...) -> None: ...

class LayerStatus(_message.Message):
    __slots__ = ("service", "healthy", "events_last_hour", "last_event_at")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    EVENTS_LAST_HOUR_FIELD_NUMBER: _ClassVar[int]
    LAST_EVENT_AT_FIELD_NUMBER: _ClassVar[int]
    service: str
    healthy: bool
    events_last_hour: int
    last_event_at: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., healthy: _Optional[bool] = ..., events_last_hour: _Optional[int] = ..., last_event_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSecurityPostureRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class GetSecurityPostureResponse(_message.Message):
    __slots__ = ("open_incidents", "layers", "posture_score", "as_of")
    class OpenIncidentsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    OPEN_INCIDENTS_FIELD_NUMBER: _ClassVar[int]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    POSTURE_SCORE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    open_incidents: _containers.ScalarMap[str, int]
    layers: _containers.RepeatedCompositeFieldContainer[LayerStatus]
    posture_score: float
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, open_incidents: _Optional[_Mapping[str, int]] = ..., layers: _Optional[_Iterable[_Union[LayerStatus, _Mapping]]] = ..., posture_score: _Optional[float] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
