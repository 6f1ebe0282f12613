package io.cuecard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuecard's packaged jar in its own JVM, as an operator runs it: started, probed over HTTP, measured, stopped. */
final class CuecardProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "bench-admin-password"; // at least 12 characters, as Cuecard requires
    /** Cuecard's AMI event mask (its default, given explicitly), also the yardstick's. */
    static final String AMI_EVENTS = "call,agent,dialplan,system";
    /** Cuecard's AMI keep-alive interval in the bench, also the yardstick's. */
    static final Duration AMI_PING = Duration.ofSeconds(2);
    /** The session cookie's names: Cuecard's own session, or Quarkus' form-login cookie of earlier builds. */
    private static final List<String> SESSION_COOKIES = List.of("cuecard-session=", "quarkus-credential=");
    private static final Pattern METRIC = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminAuth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private CuecardProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code java <jvmOptions> -jar quarkus-run.jar} in Asterisk mode against the simulator's AMI port and the
     * given database URL; its output goes to {@code log}.
     */
    static CuecardProcess start(Path jar, List<String> jvmOptions, int httpPort, int amiPort, String amiSecret, String jdbcUrl, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dcuecard.pbx.mode=asterisk");
        command.add("-Dcuecard.ami.host=127.0.0.1");
        command.add("-Dcuecard.ami.port=" + amiPort);
        command.add("-Dcuecard.ami.secret=" + amiSecret);
        command.add("-Dcuecard.ami.ping-interval=" + AMI_PING.toMillis() + "ms");
        command.add("-Dcuecard.ami.events=" + AMI_EVENTS);
        command.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl);
        command.add("-Dcuecard.call-log.journal-dir=" + log.getParent().resolve("call-log-journal"));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CUECARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return new CuecardProcess(builder.start(), httpPort);
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Waits until {@code /q/health/ready} says UP. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cuecard exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (get("/q/health/ready", false).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Cuecard not ready after " + timeout);
    }

    HttpResponse<String> get(String path, boolean asAdmin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (asAdmin) {
            request.header("Authorization", adminAuth);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            // a kept-alive connection Cuecard closed as idle (quarkus.http.idle-timeout, 60 s: longer than a ratio trial's
            // silence between two reads): one retry on a new connection
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", adminAuth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Form login; returns the session cookie ({@code name=value}) for the WebSocket upgrades. */
    String login(String username, String password) throws IOException, InterruptedException {
        String form = "j_username=" + username + "&j_password=" + password;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/j_security_check")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
            if (SESSION_COOKIES.stream().anyMatch(pair::startsWith) && pair.indexOf('=') < pair.length() - 1) { // not one that clears it
                return pair;
            }
        }
        throw new IllegalStateException("login of " + username + " failed: HTTP " + response.statusCode());
    }

    /** Every sample of {@code /q/metrics}, keyed by name plus labels (e.g. {@code cuecard_calls_live}). */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/q/metrics", false);
        Map<String, Double> values = new HashMap<>();
        Matcher m = METRIC.matcher(response.body());
        while (m.find()) {
            try {
                values.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            } catch (NumberFormatException e) {
                // NaN and friends are skipped
            }
        }
        return values;
    }

    double metric(String name) throws IOException, InterruptedException {
        return metrics().getOrDefault(name, Double.NaN);
    }

    /** Resident set size now and its peak so far ({@code VmHWM}) (kB), from {@code /proc/<pid>/status}. */
    long[] rssKb() throws IOException {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, hwm};
    }

    /** Runs a full GC in the process ({@code jcmd GC.run}) and returns the heap in use afterwards, in MB. */
    double heapAfterGcMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
