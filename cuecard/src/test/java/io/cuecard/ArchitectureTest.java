package io.cuecard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package table of {@code docs/architecture.md}, enforced row by row: every package of {@code io.cuecard} belongs
 * to a row (the row naming it or its nearest parent), and a class uses only its own row and the rows in its
 * "May use" column. No cycles between packages; the rules the table cannot say (plain Java, who talks AMI) below.
 */
class ArchitectureTest {

    /** The repository's docs (the tests run in the product module's folder, cuecard/). */
    private static final Path TABLE = Path.of("..", "docs", "architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z.]+`(?:, `[a-z.]+`)*) \\|.*\\| ([^|]+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cuecard");
    }

    /** A row of the table: its packages (relative to io.cuecard) and the packages it may use. */
    record Row(Set<String> packages, Set<String> mayUse) {
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("## Packages")) {
                inTable = true;
            } else if (inTable && line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (inTable && m.matches()) {
                rows.add(new Row(names(m.group(1)), names(m.group(2))));
            }
        }
        return rows;
    }

    private static Set<String> names(String cell) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The row a package belongs to: the row naming it or its nearest parent; null when none does. */
    static Row rowOf(List<Row> rows, String packageName) {
        String name = packageName.equals("io.cuecard") ? "" : packageName.substring("io.cuecard.".length());
        while (!name.isEmpty()) {
            for (Row row : rows) {
                if (row.packages().contains(name)) {
                    return row;
                }
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
        return null;
    }

    @Test
    void theTableIsReadable() throws IOException {
        List<Row> rows = table();
        assertThat(rows).as("rows of the package table in " + TABLE).hasSizeGreaterThan(10);
        Set<String> named = new TreeSet<>();
        rows.forEach(r -> named.addAll(r.packages()));
        for (Row row : rows) {
            assertThat(named).as("the packages row %s may use", row.packages()).containsAll(row.mayUse());
        }
    }

    @Test
    void everyPackageUsesOnlyWhatItsRowAllows() throws IOException {
        List<Row> rows = table();
        Map<String, Set<String>> violations = new LinkedHashMap<>();
        Set<String> homeless = new TreeSet<>();
        for (JavaClass source : classes) {
            Row from = rowOf(rows, source.getPackageName());
            if (from == null) {
                homeless.add(source.getPackageName());
                continue;
            }
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("io.cuecard")) {
                    continue;
                }
                Row to = rowOf(rows, target.getPackageName());
                if (to == null || to == from || to.packages().stream().anyMatch(from.mayUse()::contains)) {
                    continue;
                }
                violations.computeIfAbsent(source.getPackageName() + " → " + target.getPackageName(), k -> new TreeSet<>())
                        .add(source.getSimpleName() + " → " + target.getSimpleName());
            }
        }
        assertThat(homeless).as("packages without a row in the table of " + TABLE).isEmpty();
        assertThat(violations).as("uses the table of " + TABLE + " does not allow").isEmpty();
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.cuecard.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRulesOfTheCallNeverCallBackIntoTheTracker() {
        noClasses().that().resideInAPackage("io.cuecard.call").and().doNotHaveFullyQualifiedName("io.cuecard.call.CallTracker")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.cuecard.call.CallTracker")
                .check(classes);
    }

    @Test
    void onlyThePbxPackageTalksAmi() {
        noClasses().that().resideOutsideOfPackage("io.cuecard.pbx..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(classes);
    }

    @Test
    void theCallStateMachineAndTheScriptArePlainJava() {
        noClasses().that().resideInAnyPackage("io.cuecard.call", "io.cuecard.call.event", "io.cuecard.script", "io.cuecard.script.notes")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..", "org.hibernate..", "io.smallrye..")
                .check(classes);
    }

    @Test
    void theLinkToThePbxDoesNotDependOnTheSimulator() {
        noClasses().that().resideInAPackage("io.cuecard..").and().resideOutsideOfPackages("io.cuecard.simulator..")
                .should().dependOnClassesThat().resideInAPackage("io.cuecard.simulator..")
                .check(classes);
    }
}
