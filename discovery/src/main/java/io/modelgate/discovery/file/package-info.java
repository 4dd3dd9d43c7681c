/** The file provider: Traefik-style dynamic configuration in YAML files, watched for changes. */
package io.modelgate.discovery.file;
