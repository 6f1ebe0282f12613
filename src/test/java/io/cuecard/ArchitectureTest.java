package io.cuecard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package edges of docs/architecture.md, enforced. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cuecard");
    }

    @Test
    void onlyThePbxPackageTalksAmi() {
        noClasses().that().resideOutsideOfPackage("io.cuecard.pbx..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(classes);
    }

    @Test
    void theCallStateMachineIsPlainJava() {
        noClasses().that().resideInAnyPackage("io.cuecard.call", "io.cuecard.call.event")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..", "org.hibernate..", "io.smallrye..")
                .check(classes);
    }

    @Test
    void theScriptIsPlainJava() {
        noClasses().that().resideInAPackage("io.cuecard.script")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..", "org.hibernate..", "io.smallrye..")
                .check(classes);
    }

    @Test
    void callsKnowNothingOfPbxConsoleOrScript() {
        noClasses().that().resideInAPackage("io.cuecard.call..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cuecard.pbx..", "io.cuecard.console..", "io.cuecard.script..")
                .check(classes);
    }

    @Test
    void agentsKnowNothingOfCallsPbxOrConsole() {
        noClasses().that().resideInAPackage("io.cuecard.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cuecard.call..", "io.cuecard.pbx..", "io.cuecard.console..", "io.cuecard.script..")
                .check(classes);
    }

    @Test
    void thePbxDoesNotReachIntoTheConsoleOrScript() {
        noClasses().that().resideInAPackage("io.cuecard.pbx..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cuecard.console..", "io.cuecard.script..")
                .check(classes);
    }

    @Test
    void scriptsDoNotDependOnConsoleOrPbx() {
        noClasses().that().resideInAPackage("io.cuecard.script..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cuecard.console..", "io.cuecard.pbx..")
                .check(classes);
    }

    @Test
    void thePlatformKnowsNoDomain() {
        noClasses().that().resideInAPackage("io.cuecard.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cuecard.agent..", "io.cuecard.call..", "io.cuecard.console..",
                        "io.cuecard.pbx..", "io.cuecard.script..")
                .check(classes);
    }
}
