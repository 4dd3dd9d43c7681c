/** Traefik v2 routing rules: parsing, matching, and the host/path index that keeps lookup cheap. */
package io.modelgate.discovery.rule;
