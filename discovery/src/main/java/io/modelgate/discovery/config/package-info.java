/** The dynamic configuration model: immutable records in Traefik's shape, produced by every provider. */
package io.modelgate.discovery.config;
