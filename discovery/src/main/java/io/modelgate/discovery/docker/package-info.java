/**
 * The Docker and Swarm provider: Docker API objects become plain {@link io.modelgate.discovery.docker.Workload}
 * records at the edge ({@code DockerJavaEngine}); everything after that line knows nothing of docker-java.
 * {@code LabelDecoder} keeps what is Docker's own (enable, constraints, network choice, ports, the model
 * convention, Swarm); {@code ServiceLabels} and {@code RouterLabels} decode one element's labels,
 * {@code LabelTree} turns labels into the tree the file provider's YAML becomes (middlewares are decoded from it
 * by the {@code decode} package), and {@code decode.ElementMerge} merges the workloads' elements.
 */
package io.modelgate.discovery.docker;
