package io.modelgate.discovery;

/** Element names across providers: {@code name@provider}. */
public final class QualifiedName {

    /**
     * Traefik v3 names its Swarm provider {@code swarm}; here one Docker provider reads containers and Swarm
     * services alike, so {@code x@swarm} written in a Traefik stack means {@code x@docker}.
     */
    private static final String SWARM = "@swarm";

    private QualifiedName() {
    }

    /** {@code name} as written in {@code provider}'s configuration, qualified: {@code a} → {@code a@file}. */
    public static String qualify(String name, String provider) {
        if (name.endsWith(SWARM)) {
            return name.substring(0, name.length() - SWARM.length()) + "@docker";
        }
        return name.indexOf('@') >= 0 ? name : name + "@" + provider;
    }
}
