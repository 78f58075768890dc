"""ApiGatewayService over gRPC: the API-key calls of the contract (create, validate, revoke) on
the same store the HTTP layer uses. Tenants, quotas and branding are not implemented yet
(UNIMPLEMENTED); the gateway serves one default tenant."""

from __future__ import annotations

from typing import Any

from omni.api_gateway.v1 import api_gateway_service_pb2 as pb
from omni.api_gateway.v1 import api_gateway_service_pb2_grpc as pb_grpc
from omni_core.errors import InvalidArgument, NotFound

from svc_api_gateway.keys import SCOPES, ApiKeyStore, KeyInfo, new_secret

__all__ = ["ApiGatewayServicer", "FULL_NAME", "add_to_server"]

FULL_NAME = "omni.api_gateway.v1.ApiGatewayService"
add_to_server = pb_grpc.add_ApiGatewayServiceServicer_to_server


def _key(info: KeyInfo, prefix: str = "") -> pb.ApiKey:
    return pb.ApiKey(key_id=info.key_id, tenant_id=info.tenant_id, name=info.name,
                     prefix=prefix, scopes=sorted(info.scopes))


class ApiGatewayServicer(pb_grpc.ApiGatewayServiceServicer):
    def __init__(self, store: ApiKeyStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    async def CreateApiKey(self, request: pb.CreateApiKeyRequest, context: Any) -> Any:  # noqa: N802
        tenant = request.tenant_id or self.tenant_id
        if tenant != self.tenant_id:
            raise NotFound(f"unknown tenant {tenant!r}")
        if not request.name.strip():
            raise InvalidArgument("name is required")
        bad = [s for s in request.scopes if s != "*" and s not in SCOPES]
        if bad or not request.scopes:
            raise InvalidArgument(f"scopes must be some of {', '.join(SCOPES)} or '*'")
        secret = new_secret()
        info = await self.store.create(secret, tenant_id=tenant, name=request.name,
                                       scopes=list(request.scopes))
        return pb.CreateApiKeyResponse(api_key=_key(info, secret[:8]), secret=secret)

    async def ValidateApiKey(self, request: pb.ValidateApiKeyRequest, context: Any) -> Any:  # noqa: N802
        if not request.secret:
            raise InvalidArgument("secret is required")
        info = await self.store.lookup(request.secret)
        if info is None:
            return pb.ValidateApiKeyResponse(valid=False, reason="unknown")
        return pb.ValidateApiKeyResponse(valid=True, api_key=_key(info, request.secret[:8]),
                                         tenant=pb.Tenant(tenant_id=info.tenant_id,
                                                          status=pb.TENANT_STATUS_ACTIVE))

    async def RevokeApiKey(self, request: pb.RevokeApiKeyRequest, context: Any) -> Any:  # noqa: N802
        if not request.key_id:
            raise InvalidArgument("key_id is required")
        if not await self.store.revoke(request.key_id):
            raise NotFound(f"no API key {request.key_id!r}")
        return pb.RevokeApiKeyResponse(api_key=pb.ApiKey(key_id=request.key_id, revoked=True))
