# syntax=docker/dockerfile:1.7
#
# One image recipe for every Omni Alpha service. Build from the repository root:
#
#   docker build -f docker/python-service.Dockerfile --build-arg SERVICE=market-data \
#       -t omni-alpha/market-data .
#
# SERVICE is the directory name under services/ (distribution svc-<SERVICE>, package
# svc_<SERVICE with _>). The final stage holds the interpreter and a prebuilt virtual
# environment only: no uv, no compiler, no source tree, and it runs as uid 10001.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG UV_VERSION=0.13.9

FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv

# ---------------------------------------------------------------------------- builder
FROM ${PYTHON_IMAGE} AS builder
ARG SERVICE
COPY --from=uv /uv /usr/local/bin/uv

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv

WORKDIR /src

# Third-party dependencies first, from the lockfile alone, so this layer is reused
# until uv.lock changes.
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    test -n "${SERVICE}" \
    && uv sync --frozen --no-dev --no-install-workspace --package "svc-${SERVICE}"

# Then the workspace members (libs/* and the one service), installed as wheels.
COPY . /src
RUN --mount=type=cache,target=/root/.cache/uv \
    test -f "services/${SERVICE}/pyproject.toml" \
    && uv sync --frozen --no-dev --no-editable --package "svc-${SERVICE}"

# ---------------------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="omni-alpha/${SERVICE}" \
      org.opencontainers.image.description="Omni Alpha service ${SERVICE}"

RUN groupadd --system --gid 10001 omni \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin omni

ENV OMNI_SERVICE=${SERVICE} \
    OMNI_PROFILE=production \
    OMNI_LOG_FORMAT=json \
    OMNI_GRPC_PORT=50051 \
    OMNI_METRICS_PORT=9090 \
    PATH=/app/.venv/bin:${PATH} \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# Owned by root and not writable by the service user; the pod mounts /tmp as an emptyDir.
COPY --from=builder /app/.venv /app/.venv
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/omni-entrypoint

WORKDIR /app
USER 10001:10001
EXPOSE 50051 9090 8080
ENTRYPOINT ["/usr/local/bin/omni-entrypoint"]
