package io.modelgate.discovery;

/** Element names across providers: {@code name@provider}. */
public final class QualifiedName {

    private QualifiedName() {
    }

    /** {@code name} as written in {@code provider}'s configuration, qualified: {@code a} → {@code a@file}. */
    public static String qualify(String name, String provider) {
        return name.indexOf('@') >= 0 ? name : name + "@" + provider;
    }
}
