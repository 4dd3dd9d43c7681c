package io.modelgate.errorpages;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * All built-in page texts, in one place. The statuses the gateway itself produces have their own wording;
 * any other status in 400–599 gets its reason phrase and a generic line.
 */
public final class ErrorPageCatalog {

    private static final Map<Integer, ErrorPage> PAGES = Stream.of(
            new ErrorPage(400, "Bad request",
                    "The request could not be understood: check its syntax, headers and body."),
            new ErrorPage(401, "Authentication required",
                    "This endpoint needs credentials: sign in or send a valid token with your request."),
            new ErrorPage(403, "Access denied",
                    "Your credentials are valid, but they do not give access to this model or endpoint."),
            new ErrorPage(404, "Not found",
                    "Nothing is served at this address: check the path and the model name."),
            new ErrorPage(405, "Method not allowed",
                    "This endpoint does not accept the HTTP method of your request."),
            new ErrorPage(408, "Request timeout",
                    "Your request did not arrive completely in time; please send it again."),
            new ErrorPage(413, "Request body too large",
                    "The body of your request is larger than this endpoint accepts."),
            new ErrorPage(414, "Address too long",
                    "The address of your request is longer than the gateway accepts; send large parameters in the body."),
            new ErrorPage(429, "Too many requests",
                    "You have sent too many requests in a short time; wait a moment, then try again."),
            new ErrorPage(431, "Request headers too large",
                    "The headers of your request are larger than the gateway accepts; large cookies are a common cause."),
            new ErrorPage(500, "Internal error",
                    "Something went wrong on our side while handling your request; please try again later."),
            new ErrorPage(502, "Bad gateway",
                    "The model service sent an invalid answer or closed the connection; please try again."),
            new ErrorPage(503, "Service unavailable",
                    "The model service is not available right now, for example while it starts or is updated; please try again shortly."),
            new ErrorPage(504, "Gateway timeout",
                    "The model service did not answer in time; please try again later or with a smaller request."))
            .collect(Collectors.toUnmodifiableMap(ErrorPage::status, p -> p));

    private ErrorPageCatalog() {
    }

    /** The statuses with their own wording. */
    public static java.util.Set<Integer> specificStatuses() {
        return PAGES.keySet();
    }

    /** The page for a path segment such as {@code "503"}; empty unless it is exactly three digits in 400–599. */
    public static Optional<ErrorPage> find(String status) {
        OptionalInt code = parseStatus(status);
        return code.isPresent() ? Optional.of(page(code.getAsInt())) : Optional.empty();
    }

    /** The page for a status in 400–599: its own wording, else the reason phrase and a generic line. */
    public static ErrorPage page(int status) {
        ErrorPage page = PAGES.get(status);
        if (page != null) {
            return page;
        }
        boolean client = status < 500;
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : client ? "Client error" : "Server error";
        return new ErrorPage(status, title, client
                ? "The request could not be handled as it was sent."
                : "The server could not complete your request; please try again later.");
    }

    /** Exactly three ASCII digits, 400–599; anything else (signs, spaces, other digits, 0404) is empty. */
    static OptionalInt parseStatus(String s) {
        if (s == null || s.length() != 3) {
            return OptionalInt.empty();
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value >= 400 && value <= 599 ? OptionalInt.of(value) : OptionalInt.empty();
    }
}
