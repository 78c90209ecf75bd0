#!/usr/bin/env bash
# Deploys one environment of Respire with its migrations run BEFORE the new code rolls out:
#
#   ops/deploy.sh staging|production [--skip-topics] [--plan]
#
#   1. the Kafka topics (k8s/overlays/<env>/kafka-topics, in the Strimzi cluster's namespace)
#   2. namespace, ConfigMap, ServiceAccount, NetworkPolicies, Ingress, monitoring
#   3. the migration Jobs: the previous run is deleted (a Job's pod template is immutable), the new
#      ones are applied and awaited; one failing stops the deploy with its logs, the running
#      version untouched
#   4. the API and worker Deployments, Services, autoscalers and disruption budgets, then waits
#      for every rollout
#
# Plain `kubectl apply -k k8s/overlays/<env>` applies everything at once: new pods could start
# before their migration has run. Use this script (or replay its order in your CD tool).
# --plan builds and prints what each step would apply, without touching the cluster.
# Needs kubectl 1.22+ with access to the target cluster (the current context).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENVIRONMENT=${1:-}
shift || true
SKIP_TOPICS=false
PLAN=false
for arg in "$@"; do
  case $arg in
    --skip-topics) SKIP_TOPICS=true ;;
    --plan) PLAN=true ;;
    *) echo "deploy: unknown option $arg" >&2; exit 2 ;;
  esac
done
OVERLAY="$ROOT/k8s/overlays/$ENVIRONMENT"
if [[ -z $ENVIRONMENT || ! -f $OVERLAY/kustomization.yaml ]]; then
  echo "usage: ops/deploy.sh staging|production [--skip-topics] [--plan]" >&2
  exit 2
fi

MIGRATE='app.kubernetes.io/component=migrate'
WORKLOADS='app.kubernetes.io/component in (api,worker)'
# Everything else: objects without a component label match `notin` too.
PLATFORM='app.kubernetes.io/component notin (api,worker,migrate)'
MIGRATION_TIMEOUT_SECONDS=${MIGRATION_TIMEOUT_SECONDS:-900}
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-10m}

log() { printf '\033[1mdeploy %s:\033[0m %s\n' "$ENVIRONMENT" "$*"; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
kubectl kustomize "$OVERLAY" >"$WORK/app.yaml"
NAMESPACE=$(awk '/^kind: Namespace$/ { ns = 1 } ns && /^  name: / { print $2; exit }' "$WORK/app.yaml")
[[ -n $NAMESPACE ]] || { echo "deploy: $OVERLAY defines no Namespace" >&2; exit 1; }

if $PLAN; then
  # kustomize's output is normalised YAML: top-level keys at column 0, metadata's at 2, labels' at 4.
  objects() {
    awk -v want="$1" '
      function flush() { if (kind != "" && (want == "platform" ? comp !~ /^(api|worker|migrate)$/ : want ~ "(^|,)" comp "(,|$)" && comp != "")) print "     " kind "/" name; kind = ""; name = ""; comp = ""; meta = 0 }
      /^---/ { flush(); next }
      /^kind: / { kind = $2 }
      /^metadata:/ { meta = 1; next }
      /^[a-z]/ { meta = 0 }
      meta && /^  name: / && name == "" { name = $2 }
      meta && /^    app.kubernetes.io\/component: / { comp = $2 }
      END { flush() }' "$WORK/app.yaml"
  }
  if [[ -f $OVERLAY/kafka-topics/kustomization.yaml ]] && ! $SKIP_TOPICS; then
    log "1/4 $(kubectl kustomize "$OVERLAY/kafka-topics" | grep -c '^kind: KafkaTopic') KafkaTopic(s)"
  fi
  log "2/4 namespace $NAMESPACE, configuration, network policies, ingress, monitoring"
  objects platform
  log "3/4 migration Jobs, awaited"
  objects migrate
  log "4/4 APIs and workers, then their rollouts"
  objects api,worker
  log "image(s): $(grep -o 'image: .*' "$WORK/app.yaml" | sort -u | cut -d' ' -f2 | tr '\n' ' ')"
  exit 0
fi

if [[ -f $OVERLAY/kafka-topics/kustomization.yaml ]] && ! $SKIP_TOPICS; then
  log "1/4 Kafka topics"
  kubectl apply -k "$OVERLAY/kafka-topics"
fi

log "2/4 namespace $NAMESPACE, configuration, network policies, ingress, monitoring"
kubectl apply -f "$WORK/app.yaml" --selector "$PLATFORM"

log "3/4 migrations"
kubectl -n "$NAMESPACE" delete job --selector "$MIGRATE" --ignore-not-found --wait=true
kubectl apply -f "$WORK/app.yaml" --selector "$MIGRATE"
jobs=$(kubectl -n "$NAMESPACE" get job --selector "$MIGRATE" -o name)
deadline=$((SECONDS + MIGRATION_TIMEOUT_SECONDS))
pending=$jobs
while [[ -n $pending ]]; do
  still=""
  for job in $pending; do
    state=$(kubectl -n "$NAMESPACE" get "$job" \
      -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
    if [[ $state == *Complete* ]]; then
      log "   $job complete"
    elif [[ $state == *Failed* ]]; then
      log "   $job FAILED; nothing was rolled out. Its logs:"
      kubectl -n "$NAMESPACE" logs "$job" --all-containers --tail=100 || true
      exit 1
    else
      still="$still $job"
    fi
  done
  pending=${still# }
  if [[ -n $pending ]]; then
    if ((SECONDS > deadline)); then
      log "   migrations still running after ${MIGRATION_TIMEOUT_SECONDS}s:$still"
      exit 1
    fi
    sleep 5
  fi
done

log "4/4 APIs and workers"
kubectl apply -f "$WORK/app.yaml" --selector "$WORKLOADS"
for deployment in $(kubectl -n "$NAMESPACE" get deployment --selector "$WORKLOADS" -o name); do
  kubectl -n "$NAMESPACE" rollout status "$deployment" --timeout="$ROLLOUT_TIMEOUT"
done
log "done"
