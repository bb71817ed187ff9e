package br.com.recebiveishub.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The dependency rules between the SDK, the hub and its capability packages (BRIEF §3: packages by
 * capability, each with a small public surface, rules checked by a test). Each rule says what it
 * protects. The rules describe the code as it is: a new dependency that breaks one is a design
 * decision to make on purpose (change the rule in the same commit, with the reason), not by accident.
 */
@AnalyzeClasses(packages = "br.com.recebiveishub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String HUB = "br.com.recebiveishub.hub";

    private static String cap(String name) {
        return HUB + "." + name + "..";
    }

    private static String[] caps(String... names) {
        return Arrays.stream(names).map(ArchitectureTest::cap).toArray(String[]::new);
    }

    /**
     * Classes of capability {@code name} may depend, inside the hub, only on their own package and on
     * {@code allowed}; anything outside the hub (JDK, SDK, libraries) is free.
     */
    private static ArchRule dependsOnlyOn(String name, String... allowed) {
        String[] permitted = Stream.concat(Stream.of(cap(name)), Arrays.stream(caps(allowed))).toArray(String[]::new);
        return classes().that().resideInAPackage(cap(name))
                .should().onlyDependOnClassesThat(not(resideInAPackage(HUB + "..")).or(resideInAnyPackage(permitted)));
    }

    // (a) Protects the plugin contract: partners compile against the SDK alone, and a plugin loads the
    // SDK parent-first from the hub; any framework or hub type in it would leak into every plugin's
    // class path and couple plugin binaries to the hub's internals (BRIEF §3: "no Spring, no JPA").
    @ArchTest
    static final ArchRule sdkIsFrameworkFree = noClasses().that().resideInAPackage("br.com.recebiveishub.sdk..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate..",
                    "org.apache.camel..", HUB + "..")
            .because("the SDK is the plugins' only compile-time contract: no Spring, JPA, Hibernate, Camel or hub types");

    // (b) Protects the plugin boundary: the hub reaches plugins only through SDK extension points loaded
    // by PF4J at run time; linking an implementation class would bypass the plugin class loader and
    // make the hub unable to start without that plugin.
    @ArchTest
    static final ArchRule hubNeverLinksPluginImplementations = noClasses().that().resideInAPackage(HUB + "..")
            .should().dependOnClassesThat().resideInAnyPackage("br.com.recebiveishub.plugin..", "br.com.recebiveishub.connector..")
            .because("the hub never links a plugin's classes at compile time (BRIEF §3)");

    // (c) Protects the ability to reason about, test and later split each capability on its own: a cycle
    // makes two capabilities one in all but name.
    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles = slices().matching(HUB + ".(*)..")
            .should().beFreeOfCycles();

    // (d) Layering, as the code is today.

    // audit is the bottom: the audit context and revision writers must never call into what they audit,
    // or an audited change could recursively trigger more audited work.
    @ArchTest
    static final ArchRule auditDependsOnNoCapability = dependsOnlyOn("audit")
            .because("audit is the foundation every capability writes through");

    // platform is infrastructure shared by all capabilities (settings, embedded database, errors, uploads,
    // inbox routes). It may open an audit scope (the inbox route does), but knows no business capability;
    // otherwise the foundation would depend on what is built on it.
    @ArchTest
    static final ArchRule platformDependsOnlyOnAudit = dependsOnlyOn("platform", "audit")
            .because("platform is infrastructure: it may open an audit scope but knows no business capability");

    // tenant is the root of the domain: every other capability is per tenant; if tenant knew them,
    // onboarding would drag in receivables, charges and engines. It may ask the plugin runtime (which
    // knows no capability, so no cycle) whether an installed payment provider serves a bank account's
    // bank: an account no plugin can charge must be refused at onboarding, not at the first issue run.
    @ArchTest
    static final ArchRule tenantDependsOnlyOnFoundation = dependsOnlyOn("tenant", "platform", "audit", "plugin")
            .because("tenant is the root every other capability hangs from");

    // receivable is the canonical model: it must not know how records arrive (ingest), how they are
    // charged (charge, payment) or reconciled, so every engine can build on it.
    @ArchTest
    static final ArchRule receivableDependsOnlyOnTenantAndFoundation = dependsOnlyOn("receivable", "platform", "audit", "tenant")
            .because("the canonical receivable model is below every engine that reads or writes it");

    // The plugin runtime is infrastructure used by the engines; it must not know which engine uses it.
    @ArchTest
    static final ArchRule pluginRuntimeDependsOnlyOnPlatform = dependsOnlyOn("plugin", "platform")
            .because("the plugin runtime serves every engine and knows none of them");

    // sync runs ERP API connectors for tenants and applies what they read through the import path: it
    // sits beside ingest, and nothing below it may call it (a lower capability triggering syncs would
    // invert the layers).
    @ArchTest
    static final ArchRule syncDependsOnIngestAndBelow = dependsOnlyOn("sync", "ingest", "tenant", "plugin", "platform", "audit")
            .because("ERP API syncs reuse the import path; they do not drive charges or reconciliation");

    // KPIs are a read model over the canonical data: computing them must not run or depend on the
    // engines that change that data, so reporting cannot trigger imports, charges or reconciliation.
    @ArchTest
    static final ArchRule kpiIsAReadModel = noClasses().that().resideInAPackage(cap("kpi"))
            .should().dependOnClassesThat().resideInAnyPackage(caps("ingest", "charge", "reconcile", "demo"))
            .because("KPIs read the canonical model; they do not drive the engines");

    // demo is the composition root of the walkthrough: it may use every capability, and no capability may
    // depend on it, or demo code would become part of the product.
    @ArchTest
    static final ArchRule nothingDependsOnDemo = noClasses().that().resideInAPackage(HUB + "..")
            .and().resideOutsideOfPackage(cap("demo"))
            .should().dependOnClassesThat().resideInAPackage(cap("demo"))
            .because("demo composes everything and nothing composes demo");

    // Only demo composes the top engines: reconciliation and KPIs sit on top of ingest and charge, and
    // no other capability may call into them (a lower capability calling up would invert the layers).
    @ArchTest
    static final ArchRule onlyDemoUsesTheTopEngines = noClasses().that().resideInAPackage(HUB + "..")
            .and().resideOutsideOfPackages(caps("demo", "reconcile", "kpi"))
            .should().dependOnClassesThat().resideInAnyPackage(caps("reconcile", "kpi"))
            .because("reconcile and kpi are top engines; only the demo composition root uses them");
}
