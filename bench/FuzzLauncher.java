import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one Jazzer {@code @FuzzTest} class through the JUnit Platform, outside Maven, for bench/fuzz.sh: the long
 * run must not hold the shared build lock for an hour (fuzzing measures no time, so it may share the machine at
 * nice 19), and a Maven test run would have to hold it. Exit status 1 when a test failed (a finding).
 * Run as a source file: {@code java -cp <test classpath> bench/FuzzLauncher.java <class>}.
 */
public class FuzzLauncher {
    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build(), summary);
        summary.getSummary().printTo(new java.io.PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsFoundCount() > 0 ? 0 : 1);
    }
}
