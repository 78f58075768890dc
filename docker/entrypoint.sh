#!/bin/sh
# Runs the service named by OMNI_SERVICE (set from the image's SERVICE build argument):
# market-data -> python -m svc_market_data. Extra arguments are passed to the module.
set -eu
: "${OMNI_SERVICE:?OMNI_SERVICE is not set; build the image with --build-arg SERVICE=<name>}"
module="svc_$(printf '%s' "${OMNI_SERVICE}" | tr '-' '_')"
exec python -m "${module}" "$@"
