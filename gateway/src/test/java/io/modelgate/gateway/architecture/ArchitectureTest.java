package io.modelgate.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code docs/architecture.md}: the data plane ({@code proxy}), the compiled configuration
 * ({@code runtime}), load balancing ({@code lb}) and the middleware contract ({@code pipeline}) never name a
 * concrete middleware, and no two packages depend on each other. Each rule is also run against
 * {@code architecture.broken}, a few test classes that break it on purpose, to show it can fail.
 */
class ArchitectureTest {

    private static final String ROOT = "io.modelgate.gateway";
    private static final String BROKEN = ROOT + ".architecture.broken";

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses BROKEN_CLASSES = new ClassFileImporter().importPackages(BROKEN);

    /** The core (data plane, compiled configuration, selection, contract) imports no middleware package. */
    static ArchRule coreNamesNoMiddleware(String root) {
        return noClasses().that().resideInAnyPackage(root + ".proxy..", root + ".runtime..", root + ".lb..",
                        root + ".pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".middleware.*..")
                .because("a middleware lives entirely in its own package; the core only knows the contract");
    }

    /** The data plane does not even know the middleware factory. */
    static ArchRule proxyNamesNoMiddlewareAtAll(String root) {
        return noClasses().that().resideInAPackage(root + ".proxy..")
                .should().dependOnClassesThat().resideInAPackage(root + ".middleware..");
    }

    /** Packages form no cycle. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void theCoreNamesNoConcreteMiddleware() {
        coreNamesNoMiddleware(ROOT).check(GATEWAY);
        proxyNamesNoMiddlewareAtAll(ROOT).check(GATEWAY);
    }

    @Test
    void packagesFormNoCycle() {
        noCycles(ROOT).check(GATEWAY);
    }

    @Test
    void theRulesFailOnCodeThatBreaksThem() {
        EvaluationResult core = coreNamesNoMiddleware(BROKEN).evaluate(BROKEN_CLASSES);
        assertThat(core.hasViolation()).isTrue();
        assertThat(core.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("BadCore")
                .contains("middleware.errors.SomeMiddleware"));
        EvaluationResult proxy = proxyNamesNoMiddlewareAtAll(BROKEN).evaluate(BROKEN_CLASSES);
        assertThat(proxy.hasViolation()).isTrue();
        EvaluationResult cycles = noCycles(BROKEN).evaluate(BROKEN_CLASSES);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(cycles.getFailureReport().toString()).contains("runtime").contains("proxy");
    }
}
