package io.modelgate.discovery.file;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ElementMerge;
import io.modelgate.discovery.decode.HttpConfigDecoder;
import io.modelgate.discovery.decode.YamlTree;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The file provider ({@code @file}): one YAML file, or every {@code *.yml}/{@code *.yaml} in a directory,
 * in Traefik's dynamic-configuration format. Watched through the directory (so editors that write a temp
 * file and rename it, and symlink swaps, are seen), debounced, and pushed only when the content changed.
 * A file that stops parsing keeps its last good configuration; the error is reported with its line.
 */
public final class FileConfigSource implements ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileConfigSource.class);
    public static final String NAME = "file";

    private final Path path;
    private final boolean watch;
    private final Duration debounce;
    private final Map<Path, FileState> files = new TreeMap<>();
    private volatile boolean running;
    private WatchService watcher;
    private Thread thread;
    private ProviderSnapshot lastPushed;
    private int reloads;

    /** What one file last gave: its last good decoding, and the current parse error if any. */
    private record FileState(String text, HttpConfigDecoder.Result good, Problem error) {
    }

    /**
     * @param path     a YAML file or a directory of them
     * @param watch    reload on change
     * @param debounce wait after a change event before reading, so a burst of writes is read once
     */
    public FileConfigSource(Path path, boolean watch, Duration debounce) {
        this.path = path.toAbsolutePath().normalize();
        this.watch = watch;
        this.debounce = debounce;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(Consumer<ProviderSnapshot> sink) {
        running = true;
        reload(sink);
        if (!watch) {
            return;
        }
        Path dir = Files.isDirectory(path) ? path : path.getParent();
        try {
            watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("file provider: cannot watch {} ({}); changes need a restart", dir, e.toString());
            return;
        }
        thread = Thread.ofPlatform().daemon().name("modelgate-file-provider").start(() -> watchLoop(sink));
    }

    private void watchLoop(Consumer<ProviderSnapshot> sink) {
        while (running) {
            try {
                WatchKey key = watcher.take();
                // a burst (write temp, rename, chmod) becomes one read
                Thread.sleep(debounce.toMillis());
                boolean relevant = relevant(key);
                key.reset();
                WatchKey more;
                while ((more = watcher.poll(0, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= relevant(more);
                    more.reset();
                }
                if (relevant) {
                    reload(sink);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    /**
     * Whether any event concerns the configuration: the file itself, a YAML file of the directory, or a
     * Kubernetes-style {@code ..data} symlink swap. Other files in the same directory (logs!) are ignored.
     */
    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path p) {
                String n = p.getFileName().toString();
                relevant |= Files.isDirectory(path)
                        ? n.endsWith(".yml") || n.endsWith(".yaml") || n.startsWith("..")
                        : n.equals(path.getFileName().toString()) || n.startsWith("..");
            } else {
                relevant = true; // overflow: events were lost, read everything
            }
        }
        return relevant;
    }

    /** Reads everything again and pushes a snapshot if it differs from the last one. */
    synchronized void reload(Consumer<ProviderSnapshot> sink) {
        reloads++;
        List<Path> current = yamlFiles();
        boolean changed = lastPushed == null || !files.keySet().equals(java.util.Set.copyOf(current));
        List<Problem> problems = new ArrayList<>();
        if (current.isEmpty() && !Files.isDirectory(path)) {
            // a single file that vanished (mid-deploy, unmounted): keep serving what it said
            problems.add(new Problem(NAME, "file", path.toString(), "file not found; keeping the last good configuration"));
        } else {
            files.keySet().retainAll(current); // in a directory, deleting a file removes its configuration
        }
        changed |= !problems.isEmpty();
        for (Path f : current) {
            FileState before = files.get(f);
            FileState after = read(f, before);
            changed |= after != before;
            files.put(f, after);
        }
        if (!changed) {
            return; // same text everywhere: nothing to decode or merge again
        }
        ProviderSnapshot snapshot = merge(problems);
        if (running && !snapshot.equals(lastPushed)) {
            lastPushed = snapshot;
            snapshot.problems().forEach(p -> LOG.warn("file provider: {}", p));
            sink.accept(snapshot);
        }
    }

    private List<Path> yamlFiles() {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.filter(p -> {
                    String n = p.getFileName().toString();
                    return (n.endsWith(".yml") || n.endsWith(".yaml")) && Files.isRegularFile(p);
                }).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        return Files.isRegularFile(path) ? List.of(path) : List.of();
    }

    private FileState read(Path f, FileState previous) {
        String name = path.equals(f) ? f.getFileName().toString() : path.relativize(f).toString();
        String text;
        try {
            text = Files.readString(f);
        } catch (IOException e) {
            return failed(previous, new Problem(NAME, "file", name, "cannot read: " + e.getMessage()));
        }
        if (previous != null && previous.error() == null && text.equals(previous.text())) {
            return previous;
        }
        try {
            HttpConfigDecoder.Result result = HttpConfigDecoder.decode(YamlTree.parse(text, name), NAME);
            return new FileState(text, result, null);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? name : name + ":" + (e.getProblemMark().getLine() + 1);
            return failed(previous, new Problem(NAME, "file", where, "not valid YAML (" + e.getProblem()
                    + "); keeping the last good configuration"));
        } catch (YAMLException e) {
            return failed(previous, new Problem(NAME, "file", name, "not valid YAML (" + e.getMessage()
                    + "); keeping the last good configuration"));
        } catch (ConfigException e) {
            return failed(previous, new Problem(NAME, "file", e.origin(), e.getMessage()
                    + "; keeping the last good configuration"));
        }
    }

    private static FileState failed(FileState previous, Problem error) {
        return new FileState(null, previous == null ? null : previous.good(), error);
    }

    /** All files' last good configurations together; a name defined in two files is dropped from both. */
    private ProviderSnapshot merge(List<Problem> problems) {
        ElementMerge merge = new ElementMerge(NAME, ElementMerge.Policy.EXCLUSIVE);
        TlsSections tls = new TlsSections();
        for (FileState s : files.values()) {
            if (s.error() != null) {
                problems.add(s.error());
            }
            if (s.good() == null) {
                continue;
            }
            problems.addAll(s.good().problems());
            merge.addAll(s.good().config());
            tls.add(s.good().config().tls(), problems);
        }
        return new ProviderSnapshot(NAME, merge.build(tls.merged(), problems), problems);
    }

    /** How many times the files were read (for tests). */
    synchronized int reloads() {
        return reloads;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public String toString() {
        return "FileConfigSource{" + path + ", watch=" + watch + "}";
    }
}
