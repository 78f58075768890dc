import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.ml_pipeline.v1 import ml_pipeline_service_pb2 as _ml_pipeline_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ModelPrediction(_message.Message):
    __slots__ = ("instrument_id", "model_name", "model_version", "prediction", "probabilities", "horizon", "event_time")
    class ProbabilitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    PREDICTION_FIELD_NUMBER: _ClassVar[int]
    PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    model_name: str
    model_version: str
    prediction: float
    probabilities: _containers.ScalarMap[str, float]
    horizon: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., model_name: _Optional[str] = ..., model_version: _Optional[str] = ..., prediction: _Optional[float] = ..., probabilities: _Optional[_Mapping[str, float]] = ..., horizon: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ModelPromoted(_message.Message):
    __slots__ = ("service", "model", "previous_version", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    model: _ml_pipeline_service_pb2.ModelVersion
    previous_version: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., model: _Optional[_Union[_ml_pipeline_service_pb2.ModelVersion, _Mapping]] = ..., previous_version: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TrainingCompleted(_message.Message):
    __slots__ = ("service", "job", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    job: _ml_pipeline_service_pb2.TrainingJob
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., job: _Optional[_Union[_ml_pipeline_service_pb2.TrainingJob, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DriftDetected(_message.Message):
    __slots__ = ("service", "report", "event_time")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    report: _ml_pipeline_service_pb2.DriftReport
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, service: _Optional[str] = ..., report: _Optional[_Union[_ml_pipeline_service_pb2.DriftReport, _Mapping]] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
