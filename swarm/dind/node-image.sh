#!/usr/bin/env bash
# Builds a docker-in-docker node image from this host's own engine binaries (Debian's docker.io: dockerd,
# containerd, runc, … and their shared libraries, FROM scratch: no registry needed), with the iptables tools
# (Debian's iptables package: xtables-*-multi, its extension modules and libraries) that the inner dockerd
# needs for the embedded DNS server's redirect and for published ports. The node's dockerd uses vfs, the one
# storage driver that nests on any filesystem.
#   swarm/dind/node-image.sh TAG [LABEL=VALUE]     # used by probe.sh and MultiNodeSwarmIT
set -euo pipefail
tag=$1
label=${2:-docker-lab.test=dind}
command -v xtables-nft-multi >/dev/null || { echo "needs Debian's iptables package: apt-get install iptables" >&2; exit 1; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
root=$ctx/rootfs
mkdir -p "$root/usr/local/bin" "$root/usr/sbin" "$root/tmp" "$root/etc" "$root/run" "$root/var/lib"
for b in /usr/sbin/dockerd /usr/bin/containerd /usr/bin/containerd-shim-runc-v2 /usr/sbin/runc /usr/bin/docker-init \
         /usr/sbin/docker-proxy "$(command -v docker)" "$(command -v busybox)"; do
  cp "$(readlink -f "$b")" "$root/usr/local/bin/$(basename "$b")"
done
ln -s busybox "$root/usr/local/bin/sh"
# iptables: one multi-call binary per backend, named by the link it is called through; the same backend as
# the host's (nft on Debian 12), whose kernel the nodes share
cp /usr/sbin/xtables-nft-multi /usr/sbin/xtables-legacy-multi "$root/usr/sbin/"
backend=$(basename "$(readlink -f /usr/sbin/iptables)")
for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
  ln -s "$backend" "$root/usr/sbin/$t"
done
mkdir -p "$root/usr/lib/x86_64-linux-gnu"
cp -r /usr/lib/x86_64-linux-gnu/xtables "$root/usr/lib/x86_64-linux-gnu/"
for lib in $(ldd /usr/sbin/dockerd /usr/bin/containerd /usr/sbin/runc /usr/sbin/docker-proxy /usr/sbin/xtables-nft-multi \
             /usr/sbin/xtables-legacy-multi /usr/lib/x86_64-linux-gnu/xtables/*.so 2>/dev/null \
             | grep -o '/[^ ]*' | grep -v ':$' | sort -u); do
  mkdir -p "$root$(dirname "$lib")" && cp "$(readlink -f "$lib")" "$root$lib"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/bin:/usr/sbin
ENTRYPOINT ["dockerd", "--storage-driver=vfs"]
DOCKERFILE
docker build -q --label "$label" -t "$tag" "$ctx" >/dev/null
echo "$tag"
