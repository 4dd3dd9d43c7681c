/**
 * Decoding of tree-shaped configuration into the configuration records — one decoder per element kind
 * ({@code RouterDecoder}, {@code ServiceDecoder}, {@code MiddlewareDecoder}, {@code TlsDecoder}), the same for a
 * YAML file ({@code YamlTree}) and a workload's Docker labels (the {@code docker} package's {@code LabelTree}) —
 * and the merging of elements gathered from several places ({@link io.modelgate.discovery.decode.ElementMerge}:
 * Docker workloads, files of a directory).
 */
package io.modelgate.discovery.decode;
