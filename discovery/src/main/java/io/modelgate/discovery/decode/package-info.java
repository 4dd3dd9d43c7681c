/**
 * Decoding of tree-shaped configuration (YAML files, Docker labels) into the configuration records, and the
 * merging of elements gathered from several places ({@link io.modelgate.discovery.decode.ElementMerge}: Docker
 * workloads, files of a directory).
 */
package io.modelgate.discovery.decode;
