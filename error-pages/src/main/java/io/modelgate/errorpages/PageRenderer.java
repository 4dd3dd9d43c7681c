package io.modelgate.errorpages;

/**
 * Turns an {@link ErrorPage} into a self-contained HTML document (inline CSS, no external resources, no
 * scripts) or a JSON object {@code {"status":413,"error":"…","message":"…"}}. Every inserted text is escaped.
 */
public final class PageRenderer {

    private PageRenderer() {
    }

    public static String render(ErrorPage page, PageFormat format) {
        return format == PageFormat.JSON ? json(page) : html(page);
    }

    public static String json(ErrorPage page) {
        return "{\"status\":" + page.status()
                + ",\"error\":" + jsonString(page.title())
                + ",\"message\":" + jsonString(page.explanation()) + "}\n";
    }

    public static String html(ErrorPage page) {
        String status = Integer.toString(page.status());
        String title = escapeHtml(page.title());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
                <title>%1$s %2$s · modelgate</title>
                <style>
                  :root { color-scheme: light dark; --accent: #5b5bd6; }
                  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
                         font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                         background: Canvas; color: CanvasText; }
                  main { max-width: 34rem; padding: 2rem; }
                  .brand { font-weight: 600; letter-spacing: .04em; color: var(--accent); font-size: .9rem; }
                  .brand span { display: inline-block; width: .7em; height: .7em; margin-right: .4em;
                                border-radius: 2px; background: var(--accent); }
                  .status { font-size: 4rem; font-weight: 700; margin: 1.5rem 0 0; line-height: 1; }
                  h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
                  p { line-height: 1.5; margin: 0; opacity: .85; }
                </style>
                </head>
                <body>
                <main>
                <div class="brand"><span></span>modelgate</div>
                <p class="status">%1$s</p>
                <h1>%2$s</h1>
                <p>%3$s</p>
                </main>
                </body>
                </html>
                """.formatted(status, title, escapeHtml(page.explanation()));
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A JSON string literal; also escapes {@code <} and {@code >} so the JSON is harmless if shown as HTML. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
