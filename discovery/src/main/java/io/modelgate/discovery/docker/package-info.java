/**
 * The Docker and Swarm provider: Docker API objects become plain {@link io.modelgate.discovery.docker.Workload}
 * records at the edge ({@code DockerJavaEngine}); everything after that line knows nothing of docker-java.
 */
package io.modelgate.discovery.docker;
