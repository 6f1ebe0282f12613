package io.cuecard.script.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link MatcherBenchmark}: 3 forks × (3 warm-up + 5 measured iterations of 1 s) for each text length, about
 * two minutes in all. {@code ./mvnw -q -o -Dskip.ui=true test-compile} then
 * {@code ./mvnw -q -o exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.cuecard.script.bench.RunMatcherBenchmark}
 * (see docs/performance.md). An argument {@code quick} runs 1 fork with shorter iterations.
 */
public final class RunMatcherBenchmark {

    private RunMatcherBenchmark() {
    }

    public static void main(String[] args) throws RunnerException {
        exposeClassPathToForks();
        boolean quick = args.length > 0 && args[0].equals("quick");
        Options options = new OptionsBuilder()
                .include(MatcherBenchmark.class.getName())
                .forks(quick ? 1 : 3)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(5)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .jvmArgsAppend("-Xmx512m")
                .build();
        new Runner(options).run();
    }

    /**
     * JMH starts each fork with this JVM's {@code java.class.path}. Under {@code exec:java} the classes come from a
     * class loader instead, so its URLs are copied into {@code java.class.path} for the forks to find them.
     */
    private static void exposeClassPathToForks() {
        if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                entries.add(url.getPath());
            }
        }
        String current = System.getProperty("java.class.path", "");
        if (!current.isEmpty()) {
            entries.add(current);
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
}
