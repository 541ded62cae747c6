package io.flinkk8s.sdk.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The house rules of ARCHITECTURE.md, checked on the library modules' main classes (core, fluent,
 * testkit, delivery) as the build packaged them: the core's layers, internal packages kept
 * internal, no package cycles. Sizes (lines per class, types per package) are {@link
 * SizeBudgetTest}'s.
 */
@AnalyzeClasses(
        packages = {
            "io.flinkk8s.sdk.core",
            "io.flinkk8s.sdk.fluent",
            "io.flinkk8s.sdk.testkit",
            "io.flinkk8s.sdk.delivery"
        },
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "io.flinkk8s.sdk.core";

    /**
     * A module's root package with its {@code internal} engine is a component (the testkit's
     * cluster facade and the API server behind it); so is each other package with what is below.
     */
    private static final SliceAssignment COMPONENTS =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass type) {
                    String[] parts = type.getPackageName().split("\\.");
                    if (parts.length < 4 || !type.getPackageName().startsWith("io.flinkk8s.sdk.")) {
                        return SliceIdentifier.ignore();
                    }
                    return parts.length == 4 || parts[4].equals("internal")
                            ? SliceIdentifier.of(parts[3])
                            : SliceIdentifier.of(parts[3] + "." + parts[4]);
                }

                @Override
                public String getDescription() {
                    return "components (a module's root package with its internal engine; a"
                            + " package below it with its sub-packages)";
                }
            };

    /**
     * spec ← validation ← render ← export / deploy, and Flink's client below deploy only: a lower
     * layer never reaches a higher one. The base packages (error, naming, config, the core's
     * internal helpers) are checked by {@link #basePackagesImportNoLayerAboveTheSpec}.
     */
    @ArchTest
    static final ArchRule coreLayersOnlyLookDown =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("spec")
                    .definedBy(CORE + ".spec..")
                    .layer("validation")
                    .definedBy(CORE + ".validation..")
                    .layer("render")
                    .definedBy(CORE + ".render..")
                    .layer("export")
                    .definedBy(CORE + ".export..")
                    .layer("flink")
                    .definedBy(CORE + ".flink..")
                    .layer("deploy")
                    .definedBy(CORE + ".deploy..")
                    .whereLayer("deploy")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("export")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("flink")
                    .mayOnlyBeAccessedByLayers("deploy")
                    .whereLayer("render")
                    .mayOnlyBeAccessedByLayers("export", "deploy")
                    .whereLayer("validation")
                    .mayOnlyBeAccessedByLayers("render", "export", "deploy")
                    .whereLayer("spec")
                    .mayOnlyBeAccessedByLayers("validation", "render", "export", "flink", "deploy");

    /** The base packages sit under every layer: they import none of validation and above. */
    @ArchTest
    static final ArchRule basePackagesImportNoLayerAboveTheSpec =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            CORE + ".error..",
                            CORE + ".naming..",
                            CORE + ".config..",
                            CORE + ".internal..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            CORE + ".validation..",
                            CORE + ".render..",
                            CORE + ".export..",
                            CORE + ".flink..",
                            CORE + ".deploy..");

    @ArchTest
    static final ArchRule coreKnowsNeitherTheDslNorTheTestkit =
            noClasses()
                    .that()
                    .resideInAPackage(CORE + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.flinkk8s.sdk.fluent..",
                            "io.flinkk8s.sdk.testkit..",
                            "io.flinkk8s.sdk.delivery..");

    @ArchTest
    static final ArchRule theOtherModulesUseNoInternalPackageOfTheCore =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "io.flinkk8s.sdk.fluent..",
                            "io.flinkk8s.sdk.testkit..",
                            "io.flinkk8s.sdk.delivery..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(CORE + "..internal..");

    @ArchTest
    static final ArchRule theDslUsesNoPartOfTheTestkit =
            noClasses()
                    .that()
                    .resideInAPackage("io.flinkk8s.sdk.fluent..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.flinkk8s.sdk.testkit..");

    /** Delivery (images, charts) is optional: neither the DSL nor the testkit needs it. */
    @ArchTest
    static final ArchRule theDslAndTheTestkitUseNoPartOfDelivery =
            noClasses()
                    .that()
                    .resideInAnyPackage("io.flinkk8s.sdk.fluent..", "io.flinkk8s.sdk.testkit..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.flinkk8s.sdk.delivery..");

    /**
     * The core's own conversions (copies, typed/generic conversions, YAML export, CRD reading)
     * share one fabric8 serialization, so Jackson introspects each model type once for all of them.
     */
    @ArchTest
    static final ArchRule theCoreMakesOneKubernetesSerialization =
            noClasses()
                    .that()
                    .resideInAPackage(CORE + "..")
                    .and()
                    .doNotHaveFullyQualifiedName(CORE + ".internal.KubeSerialization")
                    .should()
                    .callConstructorWhere(
                            JavaCall.Predicates.target(
                                    HasOwner.Predicates.With.owner(
                                            JavaClass.Predicates.assignableTo(
                                                    KubernetesSerialization.class))));

    /** What a consumer may call never makes them name a type that may change any release. */
    @ArchTest
    static final ArchRule noPublicSignatureNamesAnInternalType =
            classes()
                    .that()
                    .arePublic()
                    .and()
                    .resideOutsideOfPackage("..internal..")
                    .should(exposeNoInternalType());

    /**
     * No two components import each other, directly or round about. A component is a package of a
     * module's top level with its sub-packages ({@code core.deploy} with its {@code status} and its
     * {@code internal} engine, {@code core.render} with its built-in steps): a facade that creates
     * its engine, and the engine that returns the facade's value types, are one component.
     */
    @ArchTest
    static final ArchRule componentsFormNoCycle =
            slices().assignedFrom(COMPONENTS).should().beFreeOfCycles();

    /** Inside the deployer's engine, its packages form no cycle either. */
    @ArchTest
    static final ArchRule deployEnginePackagesFormNoCycle =
            slices().matching(CORE + ".deploy.internal.(*)..").should().beFreeOfCycles();

    /** The testkit's engine packages (server, http, json, controllers, faults) form no cycle. */
    @ArchTest
    static final ArchRule testkitEnginePackagesFormNoCycle =
            slices().matching("io.flinkk8s.sdk.testkit.internal.(*)..").should().beFreeOfCycles();

    /**
     * The supertypes, public and protected constructors, methods and fields of a public type name
     * no type of an {@code internal} package, not even as a type argument.
     */
    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("name no type of an internal package in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                if (type.getRawSuperclass().isPresent()) {
                    collect(type.getSuperclass().orElseThrow(), type.getName() + " extends", found);
                }
                for (JavaType i : type.getInterfaces()) {
                    collect(i, type.getName() + " implements", found);
                }
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (!exposed(unit.getModifiers())) {
                        continue;
                    }
                    collect(unit.getReturnType(), unit.getFullName(), found);
                    for (JavaType p : unit.getParameterTypes()) {
                        collect(p, unit.getFullName(), found);
                    }
                }
                for (JavaField field : type.getFields()) {
                    if (exposed(field.getModifiers())) {
                        collect(field.getType(), field.getFullName(), found);
                    }
                }
                for (String f : found) {
                    events.add(SimpleConditionEvent.violated(type, f));
                }
            }
        };
    }

    private static boolean exposed(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC)
                || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void collect(JavaType type, String where, List<String> found) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().contains(".internal")
                    && raw.getPackageName().startsWith("io.flinkk8s.sdk")) {
                found.add(where + " names internal type " + raw.getName());
            }
        }
    }
}
