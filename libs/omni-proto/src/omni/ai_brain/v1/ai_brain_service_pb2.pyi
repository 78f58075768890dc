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

class Action(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTION_UNSPECIFIED: _ClassVar[Action]
    ACTION_BUY: _ClassVar[Action]
    ACTION_SELL: _ClassVar[Action]
    ACTION_HOLD: _ClassVar[Action]

class MetaMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    META_METHOD_UNSPECIFIED: _ClassVar[MetaMethod]
    META_METHOD_PERFORMANCE_WEIGHTED: _ClassVar[MetaMethod]
    META_METHOD_STACKING: _ClassVar[MetaMethod]
    META_METHOD_MAJORITY_VOTE: _ClassVar[MetaMethod]
ACTION_UNSPECIFIED: Action
ACTION_BUY: Action
ACTION_SELL: Action
ACTION_HOLD: Action
META_METHOD_UNSPECIFIED: MetaMethod
META_METHOD_PERFORMANCE_WEIGHTED: MetaMethod
META_METHOD_STACKING: MetaMethod
META_METHOD_MAJORITY_VOTE: MetaMethod

class Specialist(_message.Message):
    __slots__ = ("name", "description", "enabled", "base_weight", "accuracy", "decisions", "model_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    BASE_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    enabled: bool
    base_weight: float
    accuracy: float
    decisions: int
    model_version: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., enabled: _Optional[bool] = ..., base_weight: _Optional[float] = ..., accuracy: _Optional[float] = ..., decisions: _Optional[int] = ..., model_version: _Optional[str] = ...) -> None: ...

class SpecialistOpinion(_message.Message):
    __slots__ = ("specialist", "action", "score", "confidence", "weight", "rationale")
    SPECIALIST_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    RATIONALE_FIELD_NUMBER: _ClassVar[int]
    specialist: str
    action: Action
    score: float
    confidence: float
    weight: float
    rationale: str
    def __init__(self, specialist: _Optional[str] = ..., action: _Optional[_Union[Action, str]] = ..., score: _Optional[float] = ..., confidence: _Optional[float] = ..., weight: _Optional[float] = ..., rationale: _Optional[str] = ...) -> None: ...

class FeatureContribution(_message.Message):
    __slots__ = ("feature", "value", "contribution")
    FEATURE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    feature: str
    value: float
    contribution: float
    def __init__(self, feature: _Optional[str] = ..., value: _Optional[float] = ..., contribution: _Optional[float] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("decision_id", "instrument_id", "account_id", "strategy_id", "action", "score", "confidence", "size_fraction", "method", "opinions", "explanation", "top_features", "decided_at")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FRACTION_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    OPINIONS_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    TOP_FEATURES_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    instrument_id: _types_pb2.InstrumentId
    account_id: str
    strategy_id: str
    action: Action
    score: float
    confidence: float
    size_fraction: float
    method: MetaMethod
    opinions: _containers.RepeatedCompositeFieldContainer[SpecialistOpinion]
    explanation: str
    top_features: _containers.RepeatedCompositeFieldContainer[FeatureContribution]
    decided_at: _timestamp_pb2.Timestamp
    def __init__(self, decision_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., action: _Optional[_Union[Action, str]] = ..., score: _Optional[float] = ..., confidence: _Optional[float] = ..., size_fraction: _Optional[float] = ..., method: _Optional[_Union[MetaMethod, str]] = ..., opinions: _Optional[_Iterable[_Union[SpecialistOpinion, _Mapping]]] = ..., explanation: _Optional[str] = ..., top_features: _Optional[_Iterable[_Union[FeatureContribution, _Mapping]]] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DecideRequest(_message.Message):
    __slots__ = ("instrument_id", "account_id", "strategy_id", "method", "specialists")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    SPECIALISTS_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    account_id: str
    strategy_id: str
    method: MetaMethod
    specialists: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., account_id: _Optional[str] = ..., strategy_id: _Optional[str] = ..., method: _Optional[_Union[MetaMethod, str]] = ..., specialists: _Optional[_Iterable[str]] = ...) -> None: ...

class DecideResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: Decision
    def __init__(self, decision: _Optional[_Union[Decision, _Mapping]] = ...) -> None: ...

class GetDecisionRequest(_message.Message):
    __slots__ = ("decision_id",)
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    def __init__(self, decision_id: _Optional[str] = ...) -> None: ...

class GetDecisionResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: Decision
    def __init__(self, decision: _Optional[_Union[Decision, _Mapping]] = ...) -> None: ...

class ListDecisionsRequest(_message.Message):
    __slots__ = ("instrument_id", "account_id", "period", "page")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    account_id: str
    period: _types_pb2.TimeRange
    page: _types_pb2.PageRequest
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., account_id: _Optional[str] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListDecisionsResponse(_message.Message):
    __slots__ = ("decisions", "page")
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    decisions: _containers.RepeatedCompositeFieldContainer[Decision]
    page: _types_pb2.PageResponse
    def __init__(self, decisions: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ExplainDecisionRequest(_message.Message):
    __slots__ = ("decision_id",)
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    def __init__(self, decision_id: _Optional[str] = ...) -> None: ...

class ExplainDecisionResponse(_message.Message):
    __slots__ = ("decision_id", "explanation", "opinions", "features", "input_event_ids")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    OPINIONS_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    INPUT_EVENT_IDS_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    explanation: str
    opinions: _containers.RepeatedCompositeFieldContainer[SpecialistOpinion]
    features: _containers.RepeatedCompositeFieldContainer[FeatureContribution]
    input_event_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, decision_id: _Optional[str] = ..., explanation: _Optional[str] = ..., opinions: _Optional[_Iterable[_Union[SpecialistOpinion, _Mapping]]] = ..., features: _Optional[_Iterable[_Union[FeatureContribution, _Mapping]]] = ..., input_event_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListSpecialistsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSpecialistsResponse(_message.Message):
    __slots__ = ("specialists",)
    SPECIALISTS_FIELD_NUMBER: _ClassVar[int]
    specialists: _containers.RepeatedCompositeFieldContainer[Specialist]
    def __init__(self, specialists: _Optional[_Iterable[_Union[Specialist, _Mapping]]] = ...) -> None: ...

class ConfigureSpecialistRequest(_message.Message):
    __slots__ = ("name", "enabled", "base_weight")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    BASE_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    name: str
    enabled: bool
    base_weight: float
    def __init__(self, name: _Optional[str] = ..., enabled: _Optional[bool] = ..., base_weight: _Optional[float] = ...) -> None: ...

class ConfigureSpecialistResponse(_message.Message):
    __slots__ = ("specialist",)
    SPECIALIST_FIELD_NUMBER: _ClassVar[int]
    specialist: Specialist
    def __init__(self, specialist: _Optional[_Union[Specialist, _Mapping]] = ...) -> None: ...

class RecordOutcomeRequest(_message.Message):
    __slots__ = ("decision_id", "realized_return", "pnl")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    REALIZED_RETURN_FIELD_NUMBER: _ClassVar[int]
    PNL_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    realized_return: float
    pnl: _types_pb2.Decimal
    def __init__(self, decision_id: _Optional[str] = ..., realized_return: _Optional[float] = ..., pnl: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ...) -> None: ...

class RecordOutcomeResponse(_message.Message):
    __slots__ = ("specialists",)
    SPECIALISTS_FIELD_NUMBER: _ClassVar[int]
    specialists: _containers.RepeatedCompositeFieldContainer[Specialist]
    def __init__(self, specialists: _Optional[_Iterable[_Union[Specialist, _Mapping]]] = ...) -> None: ...
