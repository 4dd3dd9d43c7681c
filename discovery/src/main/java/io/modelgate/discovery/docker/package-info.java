/**
 * The Docker and Swarm provider: Docker API objects become plain {@link io.modelgate.discovery.docker.Workload}
 * records at the edge ({@code DockerJavaEngine}); everything after that line knows nothing of docker-java.
 * {@code LabelDecoder} keeps what is Docker's own (enable, constraints, network choice, the default rule and
 * implicit names, the model convention, Swarm); {@code LabelTree} turns one element's labels into the tree the file
 * provider's YAML becomes, and the {@code decode} package's decoders read it — {@code RouterLabels} adds the Docker
 * defaults for a router, {@code ServiceLabels} the detected port and the servers. {@code decode.ElementMerge}
 * merges the workloads' elements.
 */
package io.modelgate.discovery.docker;
