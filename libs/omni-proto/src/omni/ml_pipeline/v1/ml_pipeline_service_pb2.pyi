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

class ModelStage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODEL_STAGE_UNSPECIFIED: _ClassVar[ModelStage]
    MODEL_STAGE_NONE: _ClassVar[ModelStage]
    MODEL_STAGE_STAGING: _ClassVar[ModelStage]
    MODEL_STAGE_PRODUCTION: _ClassVar[ModelStage]
    MODEL_STAGE_ARCHIVED: _ClassVar[ModelStage]

class ModelTask(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODEL_TASK_UNSPECIFIED: _ClassVar[ModelTask]
    MODEL_TASK_REGRESSION: _ClassVar[ModelTask]
    MODEL_TASK_CLASSIFICATION: _ClassVar[ModelTask]

class ValidationScheme(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VALIDATION_SCHEME_UNSPECIFIED: _ClassVar[ValidationScheme]
    VALIDATION_SCHEME_TIME_SERIES_SPLIT: _ClassVar[ValidationScheme]
    VALIDATION_SCHEME_PURGED_KFOLD: _ClassVar[ValidationScheme]
    VALIDATION_SCHEME_WALK_FORWARD: _ClassVar[ValidationScheme]

class TrainingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRAINING_STATUS_UNSPECIFIED: _ClassVar[TrainingStatus]
    TRAINING_STATUS_QUEUED: _ClassVar[TrainingStatus]
    TRAINING_STATUS_RUNNING: _ClassVar[TrainingStatus]
    TRAINING_STATUS_SUCCEEDED: _ClassVar[TrainingStatus]
    TRAINING_STATUS_FAILED: _ClassVar[TrainingStatus]
    TRAINING_STATUS_CANCELLED: _ClassVar[TrainingStatus]
MODEL_STAGE_UNSPECIFIED: ModelStage
MODEL_STAGE_NONE: ModelStage
MODEL_STAGE_STAGING: ModelStage
MODEL_STAGE_PRODUCTION: ModelStage
MODEL_STAGE_ARCHIVED: ModelStage
MODEL_TASK_UNSPECIFIED: ModelTask
MODEL_TASK_REGRESSION: ModelTask
MODEL_TASK_CLASSIFICATION: ModelTask
VALIDATION_SCHEME_UNSPECIFIED: ValidationScheme
VALIDATION_SCHEME_TIME_SERIES_SPLIT: ValidationScheme
VALIDATION_SCHEME_PURGED_KFOLD: ValidationScheme
VALIDATION_SCHEME_WALK_FORWARD: ValidationScheme
TRAINING_STATUS_UNSPECIFIED: TrainingStatus
TRAINING_STATUS_QUEUED: TrainingStatus
TRAINING_STATUS_RUNNING: TrainingStatus
TRAINING_STATUS_SUCCEEDED: TrainingStatus
TRAINING_STATUS_FAILED: TrainingStatus
TRAINING_STATUS_CANCELLED: TrainingStatus

class FeatureDefinition(_message.Message):
    __slots__ = ("name", "description", "source", "lookback")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    source: str
    lookback: int
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., source: _Optional[str] = ..., lookback: _Optional[int] = ...) -> None: ...

class FeatureVector(_message.Message):
    __slots__ = ("instrument_id", "time", "values")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    time: _timestamp_pb2.Timestamp
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...

class TrainingConfig(_message.Message):
    __slots__ = ("model_name", "algorithm", "task", "features", "label", "instruments", "period", "validation", "folds", "embargo_bars", "hyperparameters", "seed")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_FIELD_NUMBER: _ClassVar[int]
    FOLDS_FIELD_NUMBER: _ClassVar[int]
    EMBARGO_BARS_FIELD_NUMBER: _ClassVar[int]
    HYPERPARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    algorithm: str
    task: ModelTask
    features: _containers.RepeatedScalarFieldContainer[str]
    label: str
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    period: _types_pb2.TimeRange
    validation: ValidationScheme
    folds: int
    embargo_bars: int
    hyperparameters: _containers.RepeatedCompositeFieldContainer[_types_pb2.Parameter]
    seed: int
    def __init__(self, model_name: _Optional[str] = ..., algorithm: _Optional[str] = ..., task: _Optional[_Union[ModelTask, str]] = ..., features: _Optional[_Iterable[str]] = ..., label: _Optional[str] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., validation: _Optional[_Union[ValidationScheme, str]] = ..., folds: _Optional[int] = ..., embargo_bars: _Optional[int] = ..., hyperparameters: _Optional[_Iterable[_Union[_types_pb2.Parameter, _Mapping]]] = ..., seed: _Optional[int] = ...) -> None: ...

class FoldMetrics(_message.Message):
    __slots__ = ("fold", "train", "test", "metrics")
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    FOLD_FIELD_NUMBER: _ClassVar[int]
    TRAIN_FIELD_NUMBER: _ClassVar[int]
    TEST_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    fold: int
    train: _types_pb2.TimeRange
    test: _types_pb2.TimeRange
    metrics: _containers.ScalarMap[str, float]
    def __init__(self, fold: _Optional[int] = ..., train: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., test: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ..., metrics: _Optional[_Mapping[str, float]] = ...) -> None: ...

class TrainingJob(_message.Message):
    __slots__ = ("job_id", "config", "status", "folds", "mean_metrics", "model_version", "error", "trigger", "created_at", "finished_at")
    class MeanMetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FOLDS_FIELD_NUMBER: _ClassVar[int]
    MEAN_METRICS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    config: TrainingConfig
    status: TrainingStatus
    folds: _containers.RepeatedCompositeFieldContainer[FoldMetrics]
    mean_metrics: _containers.ScalarMap[str, float]
    model_version: str
    error: str
    trigger: str
    created_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, job_id: _Optional[str] = ..., config: _Optional[_Union[TrainingConfig, _Mapping]] = ..., status: _Optional[_Union[TrainingStatus, str]] = ..., folds: _Optional[_Iterable[_Union[FoldMetrics, _Mapping]]] = ..., mean_metrics: _Optional[_Mapping[str, float]] = ..., model_version: _Optional[str] = ..., error: _Optional[str] = ..., trigger: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ModelVersion(_message.Message):
    __slots__ = ("model_name", "version", "stage", "algorithm", "task", "features", "metrics", "training_job_id", "artifact_sha256", "created_at", "promoted_at")
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    TRAINING_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    ARTIFACT_SHA256_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PROMOTED_AT_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    stage: ModelStage
    algorithm: str
    task: ModelTask
    features: _containers.RepeatedScalarFieldContainer[str]
    metrics: _containers.ScalarMap[str, float]
    training_job_id: str
    artifact_sha256: str
    created_at: _timestamp_pb2.Timestamp
    promoted_at: _timestamp_pb2.Timestamp
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ..., stage: _Optional[_Union[ModelStage, str]] = ..., algorithm: _Optional[str] = ..., task: _Optional[_Union[ModelTask, str]] = ..., features: _Optional[_Iterable[str]] = ..., metrics: _Optional[_Mapping[str, float]] = ..., training_job_id: _Optional[str] = ..., artifact_sha256: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., promoted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListFeaturesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListFeaturesResponse(_message.Message):
    __slots__ = ("features",)
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    features: _containers.RepeatedCompositeFieldContainer[FeatureDefinition]
    def __init__(self, features: _Optional[_Iterable[_Union[FeatureDefinition, _Mapping]]] = ...) -> None: ...

class GetFeatureVectorsRequest(_message.Message):
    __slots__ = ("instruments", "features", "period")
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    features: _containers.RepeatedScalarFieldContainer[str]
    period: _types_pb2.TimeRange
    def __init__(self, instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., features: _Optional[_Iterable[str]] = ..., period: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetFeatureVectorsResponse(_message.Message):
    __slots__ = ("feature_names", "vectors")
    FEATURE_NAMES_FIELD_NUMBER: _ClassVar[int]
    VECTORS_FIELD_NUMBER: _ClassVar[int]
    feature_names: _containers.RepeatedScalarFieldContainer[str]
    vectors: _containers.RepeatedCompositeFieldContainer[FeatureVector]
    def __init__(self, feature_names: _Optional[_Iterable[str]] = ..., vectors: _Optional[_Iterable[_Union[FeatureVector, _Mapping]]] = ...) -> None: ...

class StartTrainingRequest(_message.Message):
    __slots__ = ("config", "auto_stage")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    AUTO_STAGE_FIELD_NUMBER: _ClassVar[int]
    config: TrainingConfig
    auto_stage: bool
    def __init__(self, config: _Optional[_Union[TrainingConfig, _Mapping]] = ..., auto_stage: _Optional[bool] = ...) -> None: ...

class StartTrainingResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: TrainingJob
    def __init__(self, job: _Optional[_Union[TrainingJob, _Mapping]] = ...) -> None: ...

class GetTrainingJobRequest(_message.Message):
    __slots__ = ("job_id",)
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    def __init__(self, job_id: _Optional[str] = ...) -> None: ...

class GetTrainingJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: TrainingJob
    def __init__(self, job: _Optional[_Union[TrainingJob, _Mapping]] = ...) -> None: ...

class ListTrainingJobsRequest(_message.Message):
    __slots__ = ("model_name", "statuses", "page")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    statuses: _containers.RepeatedScalarFieldContainer[TrainingStatus]
    page: _types_pb2.PageRequest
    def __init__(self, model_name: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[TrainingStatus, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTrainingJobsResponse(_message.Message):
    __slots__ = ("jobs", "page")
    JOBS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[TrainingJob]
    page: _types_pb2.PageResponse
    def __init__(self, jobs: _Optional[_Iterable[_Union[TrainingJob, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ListModelsRequest(_message.Message):
    __slots__ = ("model_name", "stages", "page")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    stages: _containers.RepeatedScalarFieldContainer[ModelStage]
    page: _types_pb2.PageRequest
    def __init__(self, model_name: _Optional[str] = ..., stages: _Optional[_Iterable[_Union[ModelStage, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListModelsResponse(_message.Message):
    __slots__ = ("models", "page")
    MODELS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[ModelVersion]
    page: _types_pb2.PageResponse
    def __init__(self, models: _Optional[_Iterable[_Union[ModelVersion, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetModelRequest(_message.Message):
    __slots__ = ("model_name", "version")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class GetModelResponse(_message.Message):
    __slots__ = ("model",)
    MODEL_FIELD_NUMBER: _ClassVar[int]
    model: ModelVersion
    def __init__(self, model: _Optional[_Union[ModelVersion, _Mapping]] = ...) -> None: ...

class PromoteModelRequest(_message.Message):
    __slots__ = ("model_name", "version", "stage", "actor")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    stage: ModelStage
    actor: str
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ..., stage: _Optional[_Union[ModelStage, str]] = ..., actor: _Optional[str] = ...) -> None: ...

class PromoteModelResponse(_message.Message):
    __slots__ = ("model", "previous")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FIELD_NUMBER: _ClassVar[int]
    model: ModelVersion
    previous: ModelVersion
    def __init__(self, model: _Optional[_Union[ModelVersion, _Mapping]] = ..., previous: _Optional[_Union[ModelVersion, _Mapping]] = ...) -> None: ...

class PredictRequest(_message.Message):
    __slots__ = ("model_name", "version", "instrument_id", "features")
    class FeaturesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    instrument_id: _types_pb2.InstrumentId
    features: _containers.ScalarMap[str, float]
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., features: _Optional[_Mapping[str, float]] = ...) -> None: ...

class PredictResponse(_message.Message):
    __slots__ = ("model_version", "prediction", "probabilities", "predicted_at")
    class ProbabilitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    PREDICTION_FIELD_NUMBER: _ClassVar[int]
    PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_AT_FIELD_NUMBER: _ClassVar[int]
    model_version: str
    prediction: float
    probabilities: _containers.ScalarMap[str, float]
    predicted_at: _timestamp_pb2.Timestamp
    def __init__(self, model_version: _Optional[str] = ..., prediction: _Optional[float] = ..., probabilities: _Optional[_Mapping[str, float]] = ..., predicted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FeatureDrift(_message.Message):
    __slots__ = ("feature", "psi", "ks_statistic", "p_value", "drifted")
    FEATURE_FIELD_NUMBER: _ClassVar[int]
    PSI_FIELD_NUMBER: _ClassVar[int]
    KS_STATISTIC_FIELD_NUMBER: _ClassVar[int]
    P_VALUE_FIELD_NUMBER: _ClassVar[int]
    DRIFTED_FIELD_NUMBER: _ClassVar[int]
    feature: str
    psi: float
    ks_statistic: float
    p_value: float
    drifted: bool
    def __init__(self, feature: _Optional[str] = ..., psi: _Optional[float] = ..., ks_statistic: _Optional[float] = ..., p_value: _Optional[float] = ..., drifted: _Optional[bool] = ...) -> None: ...

class DriftReport(_message.Message):
    __slots__ = ("model_name", "version", "features", "live_performance", "baseline_performance", "retrain_recommended", "window")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    LIVE_PERFORMANCE_FIELD_NUMBER: _ClassVar[int]
    BASELINE_PERFORMANCE_FIELD_NUMBER: _ClassVar[int]
    RETRAIN_RECOMMENDED_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    features: _containers.RepeatedCompositeFieldContainer[FeatureDrift]
    live_performance: float
    baseline_performance: float
    retrain_recommended: bool
    window: _types_pb2.TimeRange
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ..., features: _Optional[_Iterable[_Union[FeatureDrift, _Mapping]]] = ..., live_performance: _Optional[float] = ..., baseline_performance: _Optional[float] = ..., retrain_recommended: _Optional[bool] = ..., window: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetDriftReportRequest(_message.Message):
    __slots__ = ("model_name", "version", "window")
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    version: str
    window: _types_pb2.TimeRange
    def __init__(self, model_name: _Optional[str] = ..., version: _Optional[str] = ..., window: _Optional[_Union[_types_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class GetDriftReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: DriftReport
    def __init__(self, report: _Optional[_Union[DriftReport, _Mapping]] = ...) -> None: ...
