{{- define "pacer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "pacer.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "pacer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pacer.name" . }}
app.kubernetes.io/component: bot
{{- end }}

{{- define "pacer.labels" -}}
{{ include "pacer.commonLabels" . }}
app.kubernetes.io/component: bot
{{- end }}

{{- define "pacer.commonLabels" -}}
app.kubernetes.io/name: {{ include "pacer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The CloudNativePG cluster's name; its services are <name>-rw, -ro, -r and its app Secret <name>-app. */}}
{{- define "pacer.dbCluster" -}}
{{- printf "%s-db" (include "pacer.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "pacer.secretName" -}}
{{- if .Values.secret.create }}{{ include "pacer.fullname" . }}{{ else }}{{ required "secret.existingSecret is required when secret.create is false" .Values.secret.existingSecret }}{{ end }}
{{- end }}
