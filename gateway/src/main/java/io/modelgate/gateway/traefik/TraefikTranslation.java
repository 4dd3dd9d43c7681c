package io.modelgate.gateway.traefik;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Traefik static configuration became: modelgate properties, one line per option that maps with a
 * difference or does not map, and the errors that stop the start (bad values, options Traefik does not have).
 *
 * @param source     where the options came from ({@code flags}, {@code environment}, a file path), or null
 *                   when there was no Traefik configuration at all
 * @param properties {@code modelgate.*} (and {@code logging.*}) properties, in the order they were set
 */
public record TraefikTranslation(String source, Map<String, String> properties, List<Notice> notices, List<String> errors) {

    public TraefikTranslation {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        notices = List.copyOf(notices);
        errors = List.copyOf(errors);
    }

    static TraefikTranslation none() {
        return new TraefikTranslation(null, Map.of(), List.of(), List.of());
    }

    /**
     * One option that does not map as written.
     *
     * @param key     the option as the operator wrote it ({@code --api.debug}, {@code TRAEFIK_API_DEBUG}, {@code api.debug})
     * @param refused true: nothing was done with it; false: it maps, with the difference in the message
     */
    public record Notice(String key, boolean refused, String message) {
        @Override
        public String toString() {
            return key + ": " + (refused ? "not supported, ignored: " : "supported with a difference: ") + message;
        }
    }

    /** Collects the translation of one source. */
    static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<Notice> notices = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();

        /** Sets a property (a later option setting the same one wins, as the later flag does in Traefik). */
        void set(String property, String value) {
            properties.put(property, value);
        }

        String get(String property) {
            return properties.get(property);
        }

        String remove(String property) {
            return properties.remove(property);
        }

        void notice(String key, boolean refused, String message) {
            notices.add(new Notice(key, refused, message));
        }

        boolean hasErrors() {
            return !errors.isEmpty();
        }

        void error(String message) {
            errors.add(message);
        }

        TraefikTranslation build(String source) {
            return new TraefikTranslation(source, properties, notices, errors);
        }
    }
}
