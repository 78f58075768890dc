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

class TenantStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TENANT_STATUS_UNSPECIFIED: _ClassVar[TenantStatus]
    TENANT_STATUS_ACTIVE: _ClassVar[TenantStatus]
    TENANT_STATUS_SUSPENDED: _ClassVar[TenantStatus]
    TENANT_STATUS_CLOSED: _ClassVar[TenantStatus]

class TenantPlan(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TENANT_PLAN_UNSPECIFIED: _ClassVar[TenantPlan]
    TENANT_PLAN_FREE: _ClassVar[TenantPlan]
    TENANT_PLAN_PROFESSIONAL: _ClassVar[TenantPlan]
    TENANT_PLAN_ENTERPRISE: _ClassVar[TenantPlan]
TENANT_STATUS_UNSPECIFIED: TenantStatus
TENANT_STATUS_ACTIVE: TenantStatus
TENANT_STATUS_SUSPENDED: TenantStatus
TENANT_STATUS_CLOSED: TenantStatus
TENANT_PLAN_UNSPECIFIED: TenantPlan
TENANT_PLAN_FREE: TenantPlan
TENANT_PLAN_PROFESSIONAL: TenantPlan
TENANT_PLAN_ENTERPRISE: TenantPlan

class Quota(_message.Message):
    __slots__ = ("requests_per_second", "burst", "requests_per_day", "orders_per_minute", "max_api_keys", "max_strategies")
    REQUESTS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    BURST_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_PER_DAY_FIELD_NUMBER: _ClassVar[int]
    ORDERS_PER_MINUTE_FIELD_NUMBER: _ClassVar[int]
    MAX_API_KEYS_FIELD_NUMBER: _ClassVar[int]
    MAX_STRATEGIES_FIELD_NUMBER: _ClassVar[int]
    requests_per_second: float
    burst: int
    requests_per_day: int
    orders_per_minute: int
    max_api_keys: int
    max_strategies: int
    def __init__(self, requests_per_second: _Optional[float] = ..., burst: _Optional[int] = ..., requests_per_day: _Optional[int] = ..., orders_per_minute: _Optional[int] = ..., max_api_keys: _Optional[int] = ..., max_strategies: _Optional[int] = ...) -> None: ...

class Branding(_message.Message):
    __slots__ = ("display_name", "logo_url", "favicon_url", "primary_color", "secondary_color", "custom_domain", "support_email", "footer_text")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LOGO_URL_FIELD_NUMBER: _ClassVar[int]
    FAVICON_URL_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_COLOR_FIELD_NUMBER: _ClassVar[int]
    SECONDARY_COLOR_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_DOMAIN_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    FOOTER_TEXT_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    logo_url: str
    favicon_url: str
    primary_color: str
    secondary_color: str
    custom_domain: str
    support_email: str
    footer_text: str
    def __init__(self, display_name: _Optional[str] = ..., logo_url: _Optional[str] = ..., favicon_url: _Optional[str] = ..., primary_color: _Optional[str] = ..., secondary_color: _Optional[str] = ..., custom_domain: _Optional[str] = ..., support_email: _Optional[str] = ..., footer_text: _Optional[str] = ...) -> None: ...

class Tenant(_message.Message):
    __slots__ = ("tenant_id", "name", "status", "plan", "quota", "branding", "account_ids", "created_at", "updated_at")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    BRANDING_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    status: TenantStatus
    plan: TenantPlan
    quota: Quota
    branding: Branding
    account_ids: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[TenantStatus, str]] = ..., plan: _Optional[_Union[TenantPlan, str]] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ..., branding: _Optional[_Union[Branding, _Mapping]] = ..., account_ids: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ApiKey(_message.Message):
    __slots__ = ("key_id", "tenant_id", "name", "prefix", "scopes", "allowed_cidrs", "revoked", "created_at", "expires_at", "last_used_at", "user_id")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_CIDRS_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_USED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    tenant_id: str
    name: str
    prefix: str
    scopes: _containers.RepeatedScalarFieldContainer[str]
    allowed_cidrs: _containers.RepeatedScalarFieldContainer[str]
    revoked: bool
    created_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    last_used_at: _timestamp_pb2.Timestamp
    user_id: str
    def __init__(self, key_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., prefix: _Optional[str] = ..., scopes: _Optional[_Iterable[str]] = ..., allowed_cidrs: _Optional[_Iterable[str]] = ..., revoked: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_used_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user_id: _Optional[str] = ...) -> None: ...

class CreateTenantRequest(_message.Message):
    __slots__ = ("name", "plan", "quota", "branding")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    BRANDING_FIELD_NUMBER: _ClassVar[int]
    name: str
    plan: TenantPlan
    quota: Quota
    branding: Branding
    def __init__(self, name: _Optional[str] = ..., plan: _Optional[_Union[TenantPlan, str]] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ..., branding: _Optional[_Union[Branding, _Mapping]] = ...) -> None: ...

class CreateTenantResponse(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: Tenant
    def __init__(self, tenant: _Optional[_Union[Tenant, _Mapping]] = ...) -> None: ...

class GetTenantRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class GetTenantResponse(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: Tenant
    def __init__(self, tenant: _Optional[_Union[Tenant, _Mapping]] = ...) -> None: ...

class ListTenantsRequest(_message.Message):
    __slots__ = ("statuses", "page")
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[TenantStatus]
    page: _types_pb2.PageRequest
    def __init__(self, statuses: _Optional[_Iterable[_Union[TenantStatus, str]]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTenantsResponse(_message.Message):
    __slots__ = ("tenants", "page")
    TENANTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenants: _containers.RepeatedCompositeFieldContainer[Tenant]
    page: _types_pb2.PageResponse
    def __init__(self, tenants: _Optional[_Iterable[_Union[Tenant, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class UpdateTenantRequest(_message.Message):
    __slots__ = ("tenant_id", "name", "status", "plan", "account_ids")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_IDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    status: TenantStatus
    plan: TenantPlan
    account_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[TenantStatus, str]] = ..., plan: _Optional[_Union[TenantPlan, str]] = ..., account_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdateTenantResponse(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: Tenant
    def __init__(self, tenant: _Optional[_Union[Tenant, _Mapping]] = ...) -> None: ...

class CreateApiKeyRequest(_message.Message):
    __slots__ = ("tenant_id", "name", "scopes", "allowed_cidrs", "expires_at", "user_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_CIDRS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    scopes: _containers.RepeatedScalarFieldContainer[str]
    allowed_cidrs: _containers.RepeatedScalarFieldContainer[str]
    expires_at: _timestamp_pb2.Timestamp
    user_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., scopes: _Optional[_Iterable[str]] = ..., allowed_cidrs: _Optional[_Iterable[str]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user_id: _Optional[str] = ...) -> None: ...

class CreateApiKeyResponse(_message.Message):
    __slots__ = ("api_key", "secret")
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    api_key: ApiKey
    secret: str
    def __init__(self, api_key: _Optional[_Union[ApiKey, _Mapping]] = ..., secret: _Optional[str] = ...) -> None: ...

class ListApiKeysRequest(_message.Message):
    __slots__ = ("tenant_id", "include_revoked", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_REVOKED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    include_revoked: bool
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., include_revoked: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListApiKeysResponse(_message.Message):
    __slots__ = ("api_keys", "page")
    API_KEYS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    api_keys: _containers.RepeatedCompositeFieldContainer[ApiKey]
    page: _types_pb2.PageResponse
    def __init__(self, api_keys: _Optional[_Iterable[_Union[ApiKey, _Mapping]]] = ..., page: _Optional[_Union[_types_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class RevokeApiKeyRequest(_message.Message):
    __slots__ = ("key_id", "actor", "reason")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    actor: str
    reason: str
    def __init__(self, key_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeApiKeyResponse(_message.Message):
    __slots__ = ("api_key",)
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    api_key: ApiKey
    def __init__(self, api_key: _Optional[_Union[ApiKey, _Mapping]] = ...) -> None: ...

class ValidateApiKeyRequest(_message.Message):
    __slots__ = ("secret", "client_ip")
    SECRET_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    secret: str
    client_ip: str
    def __init__(self, secret: _Optional[str] = ..., client_ip: _Optional[str] = ...) -> None: ...

class ValidateApiKeyResponse(_message.Message):
    __slots__ = ("valid", "api_key", "tenant", "reason")
    VALID_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    api_key: ApiKey
    tenant: Tenant
    reason: str
    def __init__(self, valid: _Optional[bool] = ..., api_key: _Optional[_Union[ApiKey, _Mapping]] = ..., tenant: _Optional[_Union[Tenant, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetQuotaRequest(_message.Message):
    __slots__ = ("tenant_id", "quota")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    quota: Quota
    def __init__(self, tenant_id: _Optional[str] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ...) -> None: ...

class SetQuotaResponse(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: Tenant
    def __init__(self, tenant: _Optional[_Union[Tenant, _Mapping]] = ...) -> None: ...

class GetQuotaUsageRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class GetQuotaUsageResponse(_message.Message):
    __slots__ = ("quota", "requests_today", "throttled_today", "orders_last_minute", "api_keys")
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_TODAY_FIELD_NUMBER: _ClassVar[int]
    THROTTLED_TODAY_FIELD_NUMBER: _ClassVar[int]
    ORDERS_LAST_MINUTE_FIELD_NUMBER: _ClassVar[int]
    API_KEYS_FIELD_NUMBER: _ClassVar[int]
    quota: Quota
    requests_today: int
    throttled_today: int
    orders_last_minute: int
    api_keys: int
    def __init__(self, quota: _Optional[_Union[Quota, _Mapping]] = ..., requests_today: _Optional[int] = ..., throttled_today: _Optional[int] = ..., orders_last_minute: _Optional[int] = ..., api_keys: _Optional[int] = ...) -> None: ...

class GetBrandingRequest(_message.Message):
    __slots__ = ("tenant_id", "domain")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    domain: str
    def __init__(self, tenant_id: _Optional[str] = ..., domain: _Optional[str] = ...) -> None: ...

class GetBrandingResponse(_message.Message):
    __slots__ = ("tenant_id", "branding")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    BRANDING_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    branding: Branding
    def __init__(self, tenant_id: _Optional[str] = ..., branding: _Optional[_Union[Branding, _Mapping]] = ...) -> None: ...

class SetBrandingRequest(_message.Message):
    __slots__ = ("tenant_id", "branding")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    BRANDING_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    branding: Branding
    def __init__(self, tenant_id: _Optional[str] = ..., branding: _Optional[_Union[Branding, _Mapping]] = ...) -> None: ...

class SetBrandingResponse(_message.Message):
    __slots__ = ("branding",)
    BRANDING_FIELD_NUMBER: _ClassVar[int]
    branding: Branding
    def __init__(self, branding: _Optional[_Union[Branding, _Mapping]] = ...) -> None: ...
