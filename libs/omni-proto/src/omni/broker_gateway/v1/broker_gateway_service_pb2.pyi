import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from omni.common.v1 import types_pb2 as _types_pb2
from omni.order_manager.v1 import order_manager_service_pb2 as _order_manager_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VenueKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VENUE_KIND_UNSPECIFIED: _ClassVar[VenueKind]
    VENUE_KIND_PAPER: _ClassVar[VenueKind]
    VENUE_KIND_ALPACA: _ClassVar[VenueKind]
    VENUE_KIND_CCXT: _ClassVar[VenueKind]

class VenueState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VENUE_STATE_UNSPECIFIED: _ClassVar[VenueState]
    VENUE_STATE_UP: _ClassVar[VenueState]
    VENUE_STATE_TRIPPED: _ClassVar[VenueState]
    VENUE_STATE_PROBING: _ClassVar[VenueState]
    VENUE_STATE_DISABLED: _ClassVar[VenueState]

class DiscrepancyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCREPANCY_KIND_UNSPECIFIED: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_MISSED_FILL: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_STATUS_MISMATCH: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_ORDER_NOT_FOUND: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_UNKNOWN_ORDER: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_POSITION_MISMATCH: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_ORDER_RECOVERED: _ClassVar[DiscrepancyKind]
VENUE_KIND_UNSPECIFIED: VenueKind
VENUE_KIND_PAPER: VenueKind
VENUE_KIND_ALPACA: VenueKind
VENUE_KIND_CCXT: VenueKind
VENUE_STATE_UNSPECIFIED: VenueState
VENUE_STATE_UP: VenueState
VENUE_STATE_TRIPPED: VenueState
VENUE_STATE_PROBING: VenueState
VENUE_STATE_DISABLED: VenueState
DISCREPANCY_KIND_UNSPECIFIED: DiscrepancyKind
DISCREPANCY_KIND_MISSED_FILL: DiscrepancyKind
DISCREPANCY_KIND_STATUS_MISMATCH: DiscrepancyKind
DISCREPANCY_KIND_ORDER_NOT_FOUND: DiscrepancyKind
DISCREPANCY_KIND_UNKNOWN_ORDER: DiscrepancyKind
DISCREPANCY_KIND_POSITION_MISMATCH: DiscrepancyKind
DISCREPANCY_KIND_ORDER_RECOVERED: DiscrepancyKind

class Venue(_message.Message):
    __slots__ = ("name", "kind", "state", "enabled", "instruments", "maker_fee", "taker_fee", "expected_latency_ms", "consecutive_failures", "last_error", "state_changed_at", "open_orders")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    MAKER_FEE_FIELD_NUMBER: _ClassVar[int]
    TAKER_FEE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    CONSECUTIVE_FAILURES_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    STATE_CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    OPEN_ORDERS_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: VenueKind
    state: VenueState
    enabled: bool
    instruments: _containers.RepeatedCompositeFieldContainer[_types_pb2.InstrumentId]
    maker_fee: _types_pb2.Decimal
    taker_fee: _types_pb2.Decimal
    expected_latency_ms: float
    consecutive_failures: int
    last_error: str
    state_changed_at: _timestamp_pb2.Timestamp
    open_orders: int
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[VenueKind, str]] = ..., state: _Optional[_Union[VenueState, str]] = ..., enabled: _Optional[bool] = ..., instruments: _Optional[_Iterable[_Union[_types_pb2.InstrumentId, _Mapping]]] = ..., maker_fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., taker_fee: _Optional[_Union[_types_pb2.Decimal, _Mapping]] = ..., expected_latency_ms: _Optional[float] = ..., consecutive_failures: _Optional[int] = ..., last_error: _Optional[str] = ..., state_changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., open_orders: _Optional[int] = ...) -> None: ...

class ListVenuesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListVenuesResponse(_message.Message):
    __slots__ = ("venues",)
    VENUES_FIELD_NUMBER: _ClassVar[int]
    venues: _containers.RepeatedCompositeFieldContainer[Venue]
    def __init__(self, venues: _Optional[_Iterable[_Union[Venue, _Mapping]]] = ...) -> None: ...

class GetVenueStatusRequest(_message.Message):
    __slots__ = ("venue",)
    VENUE_FIELD_NUMBER: _ClassVar[int]
    venue: str
    def __init__(self, venue: _Optional[str] = ...) -> None: ...

class GetVenueStatusResponse(_message.Message):
    __slots__ = ("venue",)
    VENUE_FIELD_NUMBER: _ClassVar[int]
    venue: Venue
    def __init__(self, venue: _Optional[_Union[Venue, _Mapping]] = ...) -> None: ...

class VenueCost(_message.Message):
    __slots__ = ("venue", "quantity", "available_quantity", "fee_bps", "half_spread_bps", "impact_bps", "latency_bps", "total_bps", "expected_average_price", "expected_latency_ms", "excluded_reason")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    FEE_BPS_FIELD_NUMBER: _ClassVar[int]
    HALF_SPREAD_BPS_FIELD_NUMBER: _ClassVar[int]
    IMPACT_BPS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_BPS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BPS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_REASON_FIELD_NUMBER: _ClassVar[int]
    venue: str
    quantity: float
    available_quantity: float
    fee_bps: float
    half_spread_bps: float
    impact_bps: float
    latency_bps: float
    total_bps: float
    expected_average_price: float
    expected_latency_ms: float
    excluded_reason: str
    def __init__(self, venue: _Optional[str] = ..., quantity: _Optional[float] = ..., available_quantity: _Optional[float] = ..., fee_bps: _Optional[float] = ..., half_spread_bps: _Optional[float] = ..., impact_bps: _Optional[float] = ..., latency_bps: _Optional[float] = ..., total_bps: _Optional[float] = ..., expected_average_price: _Optional[float] = ..., expected_latency_ms: _Optional[float] = ..., excluded_reason: _Optional[str] = ...) -> None: ...

class RouteSlice(_message.Message):
    __slots__ = ("venue", "quantity")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    venue: str
    quantity: float
    def __init__(self, venue: _Optional[str] = ..., quantity: _Optional[float] = ...) -> None: ...

class RouteDecision(_message.Message):
    __slots__ = ("decision_id", "account_id", "order_id", "client_order_id", "instrument_id", "side", "quantity", "slices", "candidates", "chosen_cost_bps", "best_single_venue_cost_bps", "reason", "failover_from", "decided_at")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SLICES_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    CHOSEN_COST_BPS_FIELD_NUMBER: _ClassVar[int]
    BEST_SINGLE_VENUE_COST_BPS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_FROM_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    account_id: str
    order_id: str
    client_order_id: str
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    slices: _containers.RepeatedCompositeFieldContainer[RouteSlice]
    candidates: _containers.RepeatedCompositeFieldContainer[VenueCost]
    chosen_cost_bps: float
    best_single_venue_cost_bps: float
    reason: str
    failover_from: str
    decided_at: _timestamp_pb2.Timestamp
    def __init__(self, decision_id: _Optional[str] = ..., account_id: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., slices: _Optional[_Iterable[_Union[RouteSlice, _Mapping]]] = ..., candidates: _Optional[_Iterable[_Union[VenueCost, _Mapping]]] = ..., chosen_cost_bps: _Optional[float] = ..., best_single_venue_cost_bps: _Optional[float] = ..., reason: _Optional[str] = ..., failover_from: _Optional[str] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetRouteRequest(_message.Message):
    __slots__ = ("instrument_id", "side", "quantity", "order_type", "limit_price")
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    ORDER_TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    instrument_id: _types_pb2.InstrumentId
    side: _types_pb2.Side
    quantity: float
    order_type: _types_pb2.OrderType
    limit_price: float
    def __init__(self, instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., side: _Optional[_Union[_types_pb2.Side, str]] = ..., quantity: _Optional[float] = ..., order_type: _Optional[_Union[_types_pb2.OrderType, str]] = ..., limit_price: _Optional[float] = ...) -> None: ...

class GetRouteResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: RouteDecision
    def __init__(self, decision: _Optional[_Union[RouteDecision, _Mapping]] = ...) -> None: ...

class ListRouteDecisionsRequest(_message.Message):
    __slots__ = ("order_id", "account_id", "page")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    account_id: str
    page: _types_pb2.PageRequest
    def __init__(self, order_id: _Optional[str] = ..., account_id: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListRouteDecisionsResponse(_message.Message):
    __slots__ = ("decisions", "page")
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    decisions: _containers.RepeatedCompositeFieldContainer[RouteDecision]
    page: _types_pb2.PageResponse
    def __init__(self, decisions: _Optional[_Iterable[_Union[RouteDecision, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Discrepancy(_message.Message):
    __slots__ = ("kind", "venue", "order_id", "client_order_id", "venue_order_id", "instrument_id", "ours", "theirs", "action")
    KIND_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    VENUE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    OURS_FIELD_NUMBER: _ClassVar[int]
    THEIRS_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    kind: DiscrepancyKind
    venue: str
    order_id: str
    client_order_id: str
    venue_order_id: str
    instrument_id: _types_pb2.InstrumentId
    ours: str
    theirs: str
    action: str
    def __init__(self, kind: _Optional[_Union[DiscrepancyKind, str]] = ..., venue: _Optional[str] = ..., order_id: _Optional[str] = ..., client_order_id: _Optional[str] = ..., venue_order_id: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., ours: _Optional[str] = ..., theirs: _Optional[str] = ..., action: _Optional[str] = ...) -> None: ...

class ReconcileRequest(_message.Message):
    __slots__ = ("venue",)
    VENUE_FIELD_NUMBER: _ClassVar[int]
    venue: str
    def __init__(self, venue: _Optional[str] = ...) -> None: ...

class ReconcileResponse(_message.Message):
    __slots__ = ("discrepancies", "orders_checked", "venues_checked", "failed_venues")
    DISCREPANCIES_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    VENUES_CHECKED_FIELD_NUMBER: _ClassVar[int]
    FAILED_VENUES_FIELD_NUMBER: _ClassVar[int]
    discrepancies: _containers.RepeatedCompositeFieldContainer[Discrepancy]
    orders_checked: int
    venues_checked: int
    failed_venues: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, discrepancies: _Optional[_Iterable[_Union[Discrepancy, _Mapping]]] = ..., orders_checked: _Optional[int] = ..., venues_checked: _Optional[int] = ..., failed_venues: _Optional[_Iterable[str]] = ...) -> None: ...

class ListVenueOrdersRequest(_message.Message):
    __slots__ = ("venue", "open_only", "page")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    OPEN_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    venue: str
    open_only: bool
    page: _types_pb2.PageRequest
    def __init__(self, venue: _Optional[str] = ..., open_only: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListVenueOrdersResponse(_message.Message):
    __slots__ = ("orders", "page")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[_order_manager_service_pb2.Order]
    page: _types_pb2.PageResponse
    def __init__(self, orders: _Optional[_Iterable[_Union[_order_manager_service_pb2.Order, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Position(_message.Message):
    __slots__ = ("venue", "instrument_id", "quantity", "average_price")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PRICE_FIELD_NUMBER: _ClassVar[int]
    venue: str
    instrument_id: _types_pb2.InstrumentId
    quantity: float
    average_price: float
    def __init__(self, venue: _Optional[str] = ..., instrument_id: _Optional[_Union[_types_pb2.InstrumentId, _Mapping]] = ..., quantity: _Optional[float] = ..., average_price: _Optional[float] = ...) -> None: ...

class GetPositionsRequest(_message.Message):
    __slots__ = ("venue",)
    VENUE_FIELD_NUMBER: _ClassVar[int]
    venue: str
    def __init__(self, venue: _Optional[str] = ...) -> None: ...

class GetPositionsResponse(_message.Message):
    __slots__ = ("positions",)
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    def __init__(self, positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ...) -> None: ...

class SetVenueEnabledRequest(_message.Message):
    __slots__ = ("venue", "enabled", "reason")
    VENUE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    venue: str
    enabled: bool
    reason: str
    def __init__(self, venue: _Optional[str] = ..., enabled: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class SetVenueEnabledResponse(_message.Message):
    __slots__ = ("venue",)
    VENUE_FIELD_NUMBER: _ClassVar[int]
    venue: Venue
    def __init__(self, venue: _Optional[_Union[Venue, _Mapping]] = ...) -> None: ...
