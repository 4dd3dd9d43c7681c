/** Decoding of tree-shaped configuration (YAML files, Docker labels) into the configuration records. */
package io.modelgate.discovery.decode;
