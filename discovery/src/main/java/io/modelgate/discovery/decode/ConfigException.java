package io.modelgate.discovery.decode;

/** A decoding problem at a node: the message is for operators, the origin says where. */
public final class ConfigException extends IllegalArgumentException {

    private final String origin;

    public ConfigException(String origin, String message) {
        super(message);
        this.origin = origin;
    }

    public String origin() {
        return origin;
    }
}
