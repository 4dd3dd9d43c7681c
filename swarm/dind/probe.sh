#!/usr/bin/env bash
# Probe: a real two-node Swarm on one machine, from Docker engines in containers ("docker-in-docker" nodes).
# Builds a node image with node-image.sh (this host's own engine binaries and iptables, FROM scratch: no
# registry needed), starts two nodes on a bridge network, joins
# them into a swarm, runs a task on the second node and calls it over the overlay from a container on the
# first. Prints what works and what fails; removes everything it made (label docker-lab.test=$RUN).
#   swarm/dind/probe.sh          # about a minute once the image is built; needs root and a running engine
# Findings on the team machines (2026-12-02): see docs/docker.md, "A real multi-node swarm on one machine".
set -euo pipefail
RUN=${RUN:-dind-probe-$$}
net="$RUN-net"
cleanup() {
  docker ps -aq --filter "label=docker-lab.test=$RUN" | xargs -r docker rm -f -v >/dev/null
  docker network ls -q --filter "label=docker-lab.test=$RUN" | xargs -r docker network rm >/dev/null
  docker images -q --filter "label=docker-lab.test=$RUN" | xargs -r docker rmi -f >/dev/null
}
trap cleanup EXIT
step() { printf '%-60s' "$1"; }

step "node image from the host's engine binaries and iptables"
"$(dirname "$0")/node-image.sh" "$RUN/node" "docker-lab.test=$RUN" >/dev/null 2>&1 && echo ok

step "--privileged node (the usual docker-in-docker)"
if out=$(docker run -d --privileged --label "docker-lab.test=$RUN" "$RUN/node" 2>&1); then echo ok; else
  echo "FAILS: $(echo "$out" | grep -o 'unable to apply caps.*' | head -1)"; fi

# every capability the host's own bounding set has (it lacks CAP_SYS_RESOURCE), no seccomp/AppArmor profile,
# writable /proc/sys; the cgroup hierarchies are then remounted read-write inside the node
node_args=(--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined
           --security-opt systempaths=unconfined --label "docker-lab.test=$RUN" --network "$net")
docker network create --label "docker-lab.test=$RUN" "$net" >/dev/null
for n in 1 2; do docker run -d --name "$RUN-$n" --hostname "node$n" "${node_args[@]}" "$RUN/node" >/dev/null; done
step "two nodes without --privileged: inner engines answer"
for n in 1 2; do
  for _ in $(seq 1 30); do docker exec "$RUN-$n" docker info >/dev/null 2>&1 && break; sleep 1; done
  docker exec "$RUN-$n" sh -c 'for d in /sys/fs/cgroup/*; do busybox mount -o remount,rw,bind "$d"; done'
  docker save local/jre:25-slim | docker exec -i "$RUN-$n" docker load -q >/dev/null
done
docker exec "$RUN-1" docker info --format '{{.ServerVersion}} {{.Driver}}'

step "a container inside a node"
docker exec "$RUN-1" docker run --rm local/jre:25-slim java -version 2>&1 | head -1

ip() { docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$1"; }
step "swarm: node1 manager, node2 worker"
docker exec "$RUN-1" docker swarm init --advertise-addr "$(ip "$RUN-1")" >/dev/null
docker exec "$RUN-2" docker swarm join --token "$(docker exec "$RUN-1" docker swarm join-token -q worker)" "$(ip "$RUN-1"):2377" >/dev/null
docker exec "$RUN-1" docker node ls --format '{{.Hostname}}:{{.Status}}' | tr '\n' ' '; echo

step "a task on node2, called from node1 over the overlay"
docker exec "$RUN-1" docker network create -d overlay --attachable models >/dev/null
docker exec "$RUN-1" docker service create -d --name web --network models --constraint node.hostname==node2 \
  --endpoint-mode dnsrr local/jre:25-slim busybox httpd -f -p 8000 -h /etc >/dev/null 2>&1
task=""
for _ in $(seq 1 60); do task=$(docker exec "$RUN-2" docker ps -q --filter label=com.docker.swarm.service.name=web); [ -n "$task" ] && break; sleep 1; done
tip=$(docker exec "$RUN-2" docker inspect -f '{{(index .NetworkSettings.Networks "models").IPAddress}}' "$task")
docker exec "$RUN-1" docker run --rm --network models local/jre:25-slim \
  sh -c "printf 'GET /passwd HTTP/1.0\r\n\r\n' | busybox nc -w 5 $tip 8000 | busybox head -1"

step "embedded DNS (tasks.web) inside a node"
if docker exec "$RUN-1" docker run --rm --network models local/jre:25-slim busybox nslookup tasks.web 2>&1 | grep -q "$tip"; then
  echo ok; else echo "FAILS: no answer from 127.0.0.11"; fi
