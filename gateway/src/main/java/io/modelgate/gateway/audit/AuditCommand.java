package io.modelgate.gateway.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar modelgate-gateway.jar audit verify FILE… [--key-file KEY]…}: checks audit files, oldest
 * first, without starting the gateway. Prints OK with the counts, or the first line that does not fit and why.
 * Exit codes: 0 intact, 1 not intact, 2 a usage mistake or an unreadable file, 3 intact but with records lost
 * before they reached the file (gap lines). Options of the gateway itself ({@code --name=value}) may come
 * before or after the command; they are ignored here.
 */
public final class AuditCommand {

    public static final String USAGE = "usage: modelgate audit verify FILE... [--key-file KEY]...  "
            + "(files oldest first, e.g. audit.log.* audit.log; --key-file once per key in use, to check signatures)";

    private AuditCommand() {
    }

    /**
     * @param args what follows {@code audit} on the command line
     * @return the exit code
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        List<AuditKey> keys = new ArrayList<>();
        try {
            if (args.isEmpty() || !args.getFirst().equals("verify")) {
                throw new IllegalArgumentException(args.isEmpty() ? "no audit command"
                        : "unknown audit command '" + args.getFirst() + "'");
            }
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--key-file")) {
                    if (++i == args.size()) {
                        throw new IllegalArgumentException("--key-file needs a file");
                    }
                    keys.add(AuditKey.load(Path.of(args.get(i))));
                } else if (a.startsWith("--key-file=")) {
                    keys.add(AuditKey.load(Path.of(a.substring("--key-file=".length()))));
                } else if (a.startsWith("-")) {
                    err.println("note: " + a + " is a gateway setting, not an option of audit verify: ignored");
                } else {
                    Path file = Path.of(a);
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException(a + " cannot be read");
                    }
                    files.add(file);
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no file to verify");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<AuditLineCursor.Source> sources = files.stream()
                .map(f -> new AuditLineCursor.Source(f.toString(), () -> lines(f))).toList();
        VerifyReport report;
        try {
            report = new ChainVerifier(keys).verify(sources);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getCause().getMessage());
            return 2;
        }
        return print(report, files.size(), out);
    }

    /** The report in a few lines; the first says OK or FAILED. Returns the exit code. */
    static int print(VerifyReport r, int files, PrintStream out) {
        if (!r.intact()) {
            out.println("FAILED: " + r.problem());
            out.println("  checked before it: " + r.lines() + " lines, " + r.records() + " records");
            return 1;
        }
        out.println("OK: " + r.records() + " records in " + r.lines() + " lines, " + files + " file"
                + (files == 1 ? "" : "s") + ", seq " + r.firstSeq() + "-" + r.lastSeq());
        if (r.continuesFrom() != null) {
            out.println("  the first file continues an earlier one (not given): prev " + r.continuesFrom());
        }
        if (!r.keysChecked()) {
            out.println("  signatures not checked (give --key-file to check the HMAC checkpoints)");
        } else {
            out.println("  " + r.signed() + " signatures checked, the last at " + r.lastSigned() + "; "
                    + r.afterLastSigned() + " line(s) after it are chained but not signed yet");
        }
        r.torn().forEach(t -> out.println("  note: " + t));
        if (r.gaps().isEmpty()) {
            return 0;
        }
        out.println("  WARNING: " + r.lost() + " record(s) lost before they reached the file, in " + r.gaps().size()
                + " gap(s):");
        for (VerifyReport.Gap g : r.gaps()) {
            out.println("    " + g.where() + ": " + g.lost() + " lost between " + g.from() + " and " + g.to()
                    + " (" + g.cause() + ")");
        }
        return 3;
    }

    /** Bytes that are not UTF-8 become U+FFFD, so such a line fails its hash check instead of stopping the read. */
    private static java.util.stream.Stream<String> lines(Path file) {
        try {
            java.io.BufferedReader reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
            return reader.lines().onClose(() -> {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
