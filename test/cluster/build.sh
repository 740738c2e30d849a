#!/usr/bin/env bash
# Builds the test cluster's binaries, and the tools the tests run (actionlint), from Go modules
# into a cache outside the repository:
#   $KUBESHIP_CACHE/bin/<component>-<hash>/   (default KUBESHIP_CACHE=~/.cache/kubeship)
# <hash> covers the wrapper module (go.mod, go.sum) and this script, so a version change builds
# a new folder and a warm run builds nothing. Prints the folder of each component on stdout as
# `name=path` lines; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${KUBESHIP_CACHE:-$HOME/.cache/kubeship}
export GOTOOLCHAIN=local   # fail clearly instead of fetching another toolchain
export CGO_ENABLED=0       # static binaries, as upstream builds them
export GOFLAGS=-mod=mod

log() { printf '[cluster build] %s\n' "$*" >&2; }

command -v go >/dev/null || { log "go is not installed; the test cluster is built from Go modules (Go >= 1.26)"; exit 1; }

# Bump when the build flags below change, so that cached binaries are rebuilt.
build_revision=1

key_of() { # the wrapper module's identity: its go.mod, go.sum and the build revision
  { cat "$here/go/$1/go.mod" "$here/go/$1/go.sum"; echo "$build_revision"; } | sha256sum | cut -c1-12
}

module_version() { # version of a required module in a wrapper go.mod
  awk -v m="$2" '$1 == m || ($1 == "require" && $2 == m) { print ($1 == m ? $2 : $3); exit }' "$here/go/$1/go.mod"
}

build() { # build <wrapper> <output dir> <go build args...>
  local wrapper=$1 out=$2; shift 2
  local start=$SECONDS
  log "building $wrapper into $out (first build takes a while; later runs reuse it)"
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  (cd "$here/go/$wrapper" && go build -trimpath -o "$out.tmp/" "$@")
  rm -rf "$out" && mv "$out.tmp" "$out"
  log "built $wrapper in $((SECONDS - start))s"
}

want=${1:-all}   # all = the cluster's components; a tool is built only when named

# KUBESHIP_KUBERNETES selects the Kubernetes minor (test/cluster/layout.ts reads the same setting):
# 1.36, the default, is built from go/k8s; every other minor from go/k8s-<minor>.
kube=${KUBESHIP_KUBERNETES:-1.36}
if [[ $kube == 1.36 ]]; then k8s_wrapper=k8s; else k8s_wrapper=k8s-$kube; fi
[[ -f $here/go/$k8s_wrapper/go.mod ]] || {
  log "KUBESHIP_KUBERNETES=$kube: no wrapper module test/cluster/go/$k8s_wrapper (supported: 1.36, 1.35)"; exit 1; }

if [[ $want == all || $want == k8s ]]; then
  v=$(module_version "$k8s_wrapper" k8s.io/kubernetes)
  out="$cache/bin/k8s-$v-$(key_of "$k8s_wrapper")"
  if [[ ! -x $out/kube-apiserver ]]; then
    minor=${v#v1.}; minor=${minor%%.*}
    ldflags="-s -w -buildid="
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    done
    build "$k8s_wrapper" "$out" -tags=selinux,notest,grpcnotrace -ldflags="$ldflags" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
  fi
  echo "k8s=$out"
fi

if [[ $want == all || $want == etcd ]]; then
  v=$(module_version etcd go.etcd.io/etcd/server/v3)
  out="$cache/bin/etcd-$v-$(key_of etcd)"
  if [[ ! -x $out/etcd ]]; then
    build etcd "$out" -ldflags="-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=$v" go.etcd.io/etcd/server/v3
    mv "$out/server" "$out/etcd"   # go names a /v3 main package after the element before it
  fi
  echo "etcd=$out"
fi

if [[ $want == all || $want == kwok ]]; then
  v=$(module_version kwok sigs.k8s.io/kwok)
  out="$cache/bin/kwok-$v-$(key_of kwok)"
  if [[ ! -x $out/kwok ]]; then
    build kwok "$out" -ldflags="-s -w" sigs.k8s.io/kwok/cmd/kwok
  fi
  if [[ ! -f $out/stages/pod-delete.yaml ]]; then
    # kwok's default node and pod stages ship in its module, not in the binary: keep them beside it.
    mod=$(cd "$here/go/kwok" && go mod download -json "sigs.k8s.io/kwok@$v" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    mkdir -p "$out/stages"
    cp "$mod/kustomize/stage/node/fast/node-initialize.yaml" \
      "$mod/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
      "$mod/kustomize/stage/pod/fast/pod-ready.yaml" "$mod/kustomize/stage/pod/fast/pod-complete.yaml" \
      "$mod/kustomize/stage/pod/fast/pod-delete.yaml" "$out/stages/"
    chmod u+w "$out/stages/"*
  fi
  echo "kwok=$out"
fi

if [[ $want == actionlint ]]; then
  v=$(module_version actionlint github.com/rhysd/actionlint)
  out="$cache/bin/actionlint-$v-$(key_of actionlint)"
  if [[ ! -x $out/actionlint ]]; then
    build actionlint "$out" -ldflags="-s -w -X github.com/rhysd/actionlint.version=$v" github.com/rhysd/actionlint/cmd/actionlint
  fi
  echo "actionlint=$out"
fi
