{{/*
Chart label value: <name>-<version>.
*/}}
{{- define "omni-alpha.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels shared by every object of the release. Argument: the root context.
*/}}
{{- define "omni-alpha.commonLabels" -}}
helm.sh/chart: {{ include "omni-alpha.chart" . }}
app.kubernetes.io/part-of: omni-alpha
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Selector labels of one service. Argument: (dict "root" $ "name" <service name>).
*/}}
{{- define "omni-alpha.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
All labels of one service's objects. Argument: (dict "root" $ "name" <name> "svc" <merged>).
*/}}
{{- define "omni-alpha.labels" -}}
{{ include "omni-alpha.commonLabels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: {{ ternary "gateway" "service" .svc.http.enabled }}
app.kubernetes.io/version: {{ regexReplaceAll "[^A-Za-z0-9_.-]" (include "omni-alpha.imageTag" .) "_" | trunc 63 | trimSuffix "-" | trimSuffix "_" | trimSuffix "." | quote }}
{{- end -}}

{{/*
One service's values: serviceDefaults deep-merged with the entry (entry wins).
Argument: (dict "root" $ "name" <name> "entry" <entry>). Returns YAML; use with fromYaml.
*/}}
{{- define "omni-alpha.serviceValues" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy (.entry | default dict)) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/*
Python package of a service: svc_<name with _>.
*/}}
{{- define "omni-alpha.package" -}}
{{- printf "svc_%s" (.name | replace "-" "_") -}}
{{- end -}}

{{/*
gRPC service name the readiness probe checks: omni.<domain>.v1.<CamelName>Service, as in
omni_core.catalogue, unless the entry sets grpcServiceName.
*/}}
{{- define "omni-alpha.grpcServiceName" -}}
{{- if .svc.grpcServiceName -}}
{{- .svc.grpcServiceName -}}
{{- else -}}
{{- printf "omni.%s.v1.%sService" (.name | replace "-" "_") (.name | replace "-" " " | title | replace " " "") -}}
{{- end -}}
{{- end -}}

{{- define "omni-alpha.imageTag" -}}
{{- .svc.image.tag | default .root.Chart.AppVersion | toString -}}
{{- end -}}

{{/*
Image reference: repository defaults to [<registry>/]omni-alpha/<name>, tag to appVersion.
A tag that already holds a digest (tag@sha256:...) is used as it is.
*/}}
{{- define "omni-alpha.image" -}}
{{- $repo := .svc.image.repository -}}
{{- if not $repo -}}
{{- $repo = printf "omni-alpha/%s" .name -}}
{{- with .root.Values.global.imageRegistry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" .) $repo -}}
{{- end -}}
{{- end -}}
{{- printf "%s:%s" $repo (include "omni-alpha.imageTag" .) -}}
{{- end -}}

{{/*
Kafka bootstrap address: kafka.bootstrap, or the Strimzi cluster's bootstrap service.
*/}}
{{- define "omni-alpha.kafkaBootstrap" -}}
{{- if .Values.kafka.bootstrap -}}
{{- .Values.kafka.bootstrap -}}
{{- else if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap.%s.svc:9092" .Values.kafka.strimzi.clusterName (.Values.kafka.strimzi.namespace | default .Release.Namespace) -}}
{{- else -}}
{{- fail "set kafka.bootstrap to the Kafka bootstrap address, or kafka.strimzi.enabled=true" -}}
{{- end -}}
{{- end -}}

{{/*
Sorted list of the enabled service names (the `services:` keys).
*/}}
{{- define "omni-alpha.serviceNames" -}}
{{- keys .Values.services | sortAlpha | toJson -}}
{{- end -}}

{{/*
The non-secret environment of one service (its ConfigMap data): CONVENTIONS "Settings",
then the entry's `env:` on top. Argument: (dict "root" $ "name" <name> "svc" <merged>).
*/}}
{{- define "omni-alpha.configData" -}}
{{- $root := .root -}}
{{- $data := dict
      "OMNI_SERVICE" .name
      "OMNI_PROFILE" $root.Values.config.profile
      "OMNI_KAFKA_BOOTSTRAP" (include "omni-alpha.kafkaBootstrap" $root)
      "OMNI_GRPC_PORT" (toString $root.Values.ports.grpc)
      "OMNI_METRICS_PORT" (toString $root.Values.ports.metrics)
      "OMNI_LOG_LEVEL" $root.Values.config.logLevel
      "OMNI_LOG_FORMAT" $root.Values.config.logFormat
      "OMNI_TENANT_ID" $root.Values.config.tenantId
      "OMNI_HOME" $root.Values.config.home
      "OMNI_KAFKA_SESSION_TIMEOUT_MS" (toString ($root.Values.config.kafkaSessionTimeoutMs | int64))
      "OMNI_KAFKA_HEARTBEAT_INTERVAL_MS" (toString ($root.Values.config.kafkaHeartbeatIntervalMs | int64))
-}}
{{- if .svc.http.enabled -}}
{{- $_ := set $data "OMNI_HTTP_PORT" (toString $root.Values.ports.http) -}}
{{- end -}}
{{- /* the gRPC address of every service that lists this one among its callers */ -}}
{{- range $callee, $entry := $root.Values.services -}}
{{- if has $.name (($entry | default dict).callers | default list) -}}
{{- $var := printf "OMNI_%s_ADDRESS" ($callee | upper | replace "-" "_") -}}
{{- $_ := set $data $var (printf "%s:%v" $callee $root.Values.ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := .svc.env -}}
{{- $_ := set $data $key (toString $value) -}}
{{- end -}}
{{- range $key := keys $data | sortAlpha }}
{{ $key }}: {{ get $data $key | quote }}
{{- end -}}
{{- end -}}

{{/*
The check of startup and liveness probes: the native gRPC health probe on "omni.liveness"
(SERVING while the process serves, whatever its dependencies do), or a TCP connect to the gRPC
port (probes.livenessCheck).
*/}}
{{- define "omni-alpha.livenessCheck" -}}
{{- if eq .svc.probes.livenessCheck "grpc" -}}
grpc:
  port: {{ .root.Values.ports.grpc }}
  service: omni.liveness
{{- else -}}
tcpSocket:
  port: grpc
{{- end -}}
{{- end -}}
