package io.modelgate.gateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The raw-request corpus of {@code src/test/resources/edge/corpus.tsv}: one case per line, replayed by the
 * embedded test and by the socket IT. See the file's header for its format.
 */
public final class EdgeCorpus {

    private EdgeCorpus() {
    }

    /**
     * One case.
     *
     * @param name   what it is
     * @param status the status the client must get
     * @param local  refused or answered by the gateway: nothing reaches the backend
     * @param checks on what the backend got ({@code hdr:n=v}, {@code nohdr:n}, {@code has:n}, {@code uri:u})
     * @param raw    the bytes to send
     */
    public record Case(String name, int status, boolean local, List<String> checks, byte[] raw) {

        public boolean viaAuth() {
            String head = new String(raw, StandardCharsets.ISO_8859_1);
            return head.contains(" /auth ");
        }

        /** Failures of the checks against what the backend got (lower-case header names; duplicates joined by ','). */
        public List<String> failures(String uri, Map<String, String> headers) {
            List<String> out = new ArrayList<>();
            for (String check : checks) {
                String arg = check.substring(check.indexOf(':') + 1);
                if (check.startsWith("uri:") && !arg.equals(uri)) {
                    out.add(check + " but was " + uri);
                } else if (check.startsWith("nohdr:") && headers.containsKey(arg)) {
                    out.add(check + " but was " + headers.get(arg));
                } else if (check.startsWith("has:") && !headers.containsKey(arg)) {
                    out.add(check + " but it is missing");
                } else if (check.startsWith("hdr:")) {
                    String name = arg.substring(0, arg.indexOf('='));
                    String value = arg.substring(arg.indexOf('=') + 1);
                    if (!value.equals(headers.get(name))) {
                        out.add(check + " but was " + headers.get(name));
                    }
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> load() {
        try (InputStream in = EdgeCorpus.class.getResourceAsStream("/edge/corpus.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Case> cases = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                String[] expect = f[1].split(" ");
                List<String> checks = List.of(expect).subList(1, expect.length);
                boolean local = expect[0].charAt(0) != '2' || checks.contains("local");
                cases.add(new Case(f[0], Integer.parseInt(expect[0]), local, checks, unescape(f[2])));
            }
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code \r \n \t \0 \\ \xHH} and {@code {N*c}}. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char n = s.charAt(++i);
                switch (n) {
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case '0' -> out.write(0);
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + n);
                }
            } else if (c == '{' && s.indexOf('}', i) > 0 && s.substring(i + 1, s.indexOf('}', i)).matches("\\d+\\*.")) {
                String spec = s.substring(i + 1, s.indexOf('}', i));
                int n = Integer.parseInt(spec.substring(0, spec.indexOf('*')));
                char r = spec.charAt(spec.length() - 1);
                for (int k = 0; k < n; k++) {
                    out.write(r);
                }
                i = s.indexOf('}', i);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
