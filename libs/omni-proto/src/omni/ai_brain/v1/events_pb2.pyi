import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.ai_brain.v1 import ai_brain_service_pb2 as _ai_brain_service_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BrainDecision(_message.Message):
    __slots__ = ("instrument_id", "decision", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    decision: _ai_brain_service_pb2.Decision
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., decision: _Optional[_Union[_ai_brain_service_pb2.Decision, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SpecialistWeightsUpdated(_message.Message):
    __slots__ = ("instrument_id", "specialists", "event_time")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SPECIALISTS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    specialists: _containers.RepeatedCompositeFieldContainer[_ai_brain_service_pb2.Specialist]
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., specialists: _Optional[_Iterable[_Union[_ai_brain_service_pb2.Specialist, _Mapping]]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
