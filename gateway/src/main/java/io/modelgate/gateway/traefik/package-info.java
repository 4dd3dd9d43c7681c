/**
 * Traefik's static configuration (CLI flags, {@code TRAEFIK_*} variables, {@code traefik.yml}/{@code .toml})
 * translated into {@code modelgate.*} properties at start-up, every option that does not map reported.
 */
package io.modelgate.gateway.traefik;
