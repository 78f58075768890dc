"""ApiGatewayService over gRPC: tenants (create, get, list, update), API keys (create, list is
list, validate, revoke), quotas (set, usage) and white-label branding
(get by tenant or custom domain, set), on the same stores the HTTP layer uses."""

from __future__ import annotations

from typing import Any

from omni.api_gateway.v1 import api_gateway_service_pb2 as pb
from omni.api_gateway.v1 import api_gateway_service_pb2_grpc as pb_grpc
from omni.common.v1 import types_pb2 as common
from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound, ResourceExhausted

from svc_api_gateway.keys import SCOPES, ApiKeyStore, KeyInfo, _aware, new_secret
from svc_api_gateway.tenants import QuotaGate, TenantStore

__all__ = ["ApiGatewayServicer", "FULL_NAME", "add_to_server"]

FULL_NAME = "omni.api_gateway.v1.ApiGatewayService"
add_to_server = pb_grpc.add_ApiGatewayServiceServicer_to_server


def _key(info: KeyInfo, prefix: str = "") -> pb.ApiKey:
    return pb.ApiKey(key_id=info.key_id, tenant_id=info.tenant_id, name=info.name,
                     prefix=prefix, scopes=sorted(info.scopes))


class ApiGatewayServicer(pb_grpc.ApiGatewayServiceServicer):
    def __init__(self, store: ApiKeyStore, tenant_id: str, tenants: TenantStore,
                 quotas: QuotaGate) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.tenants = tenants
        self.quotas = quotas

    # ---- tenants -----------------------------------------------------------------------

    async def CreateTenant(self, request: pb.CreateTenantRequest, context: Any) -> Any:  # noqa: N802
        t = await self.tenants.create(
            request.name, request.plan,
            request.quota if request.HasField("quota") else None,
            request.branding if request.HasField("branding") else None)
        return pb.CreateTenantResponse(tenant=t)

    async def GetTenant(self, request: pb.GetTenantRequest, context: Any) -> Any:  # noqa: N802
        return pb.GetTenantResponse(tenant=await self.tenants.get(request.tenant_id))

    async def ListTenants(self, request: pb.ListTenantsRequest, context: Any) -> Any:  # noqa: N802
        if request.page.page_size < 0:
            raise InvalidArgument("page.page_size must not be negative")
        rows, token, total = await self.tenants.list(
            list(request.statuses), request.page.page_size, request.page.page_token)
        return pb.ListTenantsResponse(
            tenants=rows, page=common.PageResponse(next_page_token=token, total_size=total))

    async def UpdateTenant(self, request: pb.UpdateTenantRequest, context: Any) -> Any:  # noqa: N802
        t = await self.tenants.update(request.tenant_id, name=request.name,
                                      status=request.status, plan=request.plan,
                                      account_ids=list(request.account_ids))
        return pb.UpdateTenantResponse(tenant=t)

    # ---- API keys ----------------------------------------------------------------------

    async def CreateApiKey(self, request: pb.CreateApiKeyRequest, context: Any) -> Any:  # noqa: N802
        tenant_id = request.tenant_id or self.tenant_id
        tenant = await self.tenants.get(tenant_id)
        if not request.name.strip():
            raise InvalidArgument("name is required")
        bad = [s for s in request.scopes if s != "*" and s not in SCOPES]
        if bad or not request.scopes:
            raise InvalidArgument(f"scopes must be some of {', '.join(SCOPES)} or '*'")
        if tenant.status != pb.TENANT_STATUS_ACTIVE:
            raise FailedPrecondition(f"tenant {tenant_id!r} is not active")
        if tenant.quota.max_api_keys and \
                await self.tenants.key_count(tenant_id) >= tenant.quota.max_api_keys:
            raise ResourceExhausted(f"tenant {tenant_id!r} already holds "
                                    f"{tenant.quota.max_api_keys} API keys (quota)")
        secret = new_secret()
        info = await self.store.create(secret, tenant_id=tenant_id, name=request.name,
                                       scopes=list(request.scopes))
        return pb.CreateApiKeyResponse(api_key=_key(info, secret[:8]), secret=secret)

    async def ListApiKeys(self, request: pb.ListApiKeysRequest, context: Any) -> Any:  # noqa: N802
        tenant_id = request.tenant_id or self.tenant_id
        await self.tenants.get(tenant_id)
        if request.page.page_size < 0:
            raise InvalidArgument("page.page_size must not be negative")
        rows, token = await self.store.list(
            tenant_id, include_revoked=request.include_revoked,
            limit=min(request.page.page_size or 100, 1000), after=request.page.page_token)
        keys = []
        for r in rows:
            k = pb.ApiKey(key_id=r.key_id, tenant_id=r.tenant_id, name=r.name, prefix=r.prefix,
                          scopes=sorted(r.scopes.split()), revoked=r.revoked)
            k.created_at.FromDatetime(_aware(r.created_at))
            if r.expires_at is not None:
                k.expires_at.FromDatetime(_aware(r.expires_at))
            keys.append(k)
        return pb.ListApiKeysResponse(api_keys=keys,
                                      page=common.PageResponse(next_page_token=token))

    async def ValidateApiKey(self, request: pb.ValidateApiKeyRequest, context: Any) -> Any:  # noqa: N802
        if not request.secret:
            raise InvalidArgument("secret is required")
        info = await self.store.lookup(request.secret)
        if info is None:
            return pb.ValidateApiKeyResponse(valid=False, reason="unknown")
        key = _key(info, request.secret[:8])
        tenant = await self.tenants.cached(info.tenant_id)
        if tenant is None:
            return pb.ValidateApiKeyResponse(valid=False, api_key=key, reason="unknown")
        if tenant.status != pb.TENANT_STATUS_ACTIVE:
            return pb.ValidateApiKeyResponse(valid=False, api_key=key, tenant=tenant,
                                             reason="tenant_suspended")
        return pb.ValidateApiKeyResponse(valid=True, api_key=key, tenant=tenant)

    async def RevokeApiKey(self, request: pb.RevokeApiKeyRequest, context: Any) -> Any:  # noqa: N802
        if not request.key_id:
            raise InvalidArgument("key_id is required")
        if not await self.store.revoke(request.key_id):
            raise NotFound(f"no API key {request.key_id!r}")
        return pb.RevokeApiKeyResponse(api_key=pb.ApiKey(key_id=request.key_id, revoked=True))

    # ---- quotas ------------------------------------------------------------------------

    async def SetQuota(self, request: pb.SetQuotaRequest, context: Any) -> Any:  # noqa: N802
        if not request.HasField("quota"):
            raise InvalidArgument("quota is required")
        return pb.SetQuotaResponse(tenant=await self.tenants.set_quota(request.tenant_id,
                                                                       request.quota))

    async def GetQuotaUsage(self, request: pb.GetQuotaUsageRequest, context: Any) -> Any:  # noqa: N802
        tenant = await self.tenants.get(request.tenant_id)
        requests, throttled, orders = await self.quotas.usage(tenant.tenant_id)
        return pb.GetQuotaUsageResponse(
            quota=tenant.quota, requests_today=requests, throttled_today=throttled,
            orders_last_minute=orders, api_keys=await self.tenants.key_count(tenant.tenant_id))

    # ---- branding ----------------------------------------------------------------------

    async def GetBranding(self, request: pb.GetBrandingRequest, context: Any) -> Any:  # noqa: N802
        if request.tenant_id:
            t = await self.tenants.get(request.tenant_id)
        elif request.domain:
            found = await self.tenants.by_domain(request.domain)
            if found is None:
                raise NotFound(f"no tenant serves the domain {request.domain!r}")
            t = found
        else:
            raise InvalidArgument("tenant_id or domain is required")
        return pb.GetBrandingResponse(tenant_id=t.tenant_id, branding=t.branding)

    async def SetBranding(self, request: pb.SetBrandingRequest, context: Any) -> Any:  # noqa: N802
        if not request.HasField("branding"):
            raise InvalidArgument("branding is required")
        return pb.SetBrandingResponse(branding=await self.tenants.set_branding(
            request.tenant_id, request.branding))
