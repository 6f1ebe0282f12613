package io.cuecard.bench;

import io.cuecard.pbx.simulator.LoadGenerator;
import io.cuecard.pbx.simulator.PbxSimulator;
import io.cuecard.pbx.simulator.SimulatorSettings;
import io.cuecard.pbx.trace.AmiTrace;
import io.cuecard.testsupport.TcpProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code bench/run}: Cuecard's load benchmark (issue 4, docs/performance.md). Starts the PBX simulator in load mode,
 * Cuecard's packaged jar in its own JVM against it and a real PostgreSQL (through a TCP proxy it can cut), and one
 * console WebSocket per agent; then runs the phases and prints one summary line last:
 * <ol>
 *   <li>steady: {@code --rate} events/s for {@code --duration} s with {@code --agents} calls up and {@code --queued}
 *       callers waiting: ingest rate, AMI Timestamp → console latency, frames lost, RSS;</li>
 *   <li>ratio (Cuecard): the highest paced rate Cuecard holds for {@code --ratio-duration} s with zero loss and no overload;</li>
 *   <li>link cuts: the AMI link is cut {@code --cuts} times under load; time to reconnect and resync;</li>
 *   <li>database outage: PostgreSQL unreachable for {@code --outage} s under load; call-log drain rate afterwards;</li>
 *   <li>console churn: {@code --churn} consoles connect and disconnect; heap after GC before and after;</li>
 *   <li>every call hung up: calls logged vs expected;</li>
 *   <li>ratio (asterisk-java): the same search for asterisk-java with a no-op listener, in its own JVM.</li>
 * </ol>
 */
public final class LoadBenchmark {

    private static final String AMI_SECRET = "bench-secret";
    private static final String DATABASE = "cuecard_bench";

    record Options(int agents, int queued, double rate, int duration, int warmup, double ratioRate, int ratioDuration, double ratioMax, int cuts,
            int outage, int churn, int httpPort, long seed, Path jar, Path out, List<String> jvm, boolean skipRatio) {

        static Options parse(String[] args) {
            Map<String, String> o = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + a + " (flags: see bench/run --help)");
                }
                if (a.equals("--skip-ratio")) {
                    o.put("skip-ratio", "true");
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    o.put(a.substring(2), args[++i]);
                }
            }
            Set<String> known = Set.of("agents", "queued", "rate", "duration", "warmup", "ratio-rate", "ratio-duration", "ratio-max", "cuts", "outage",
                    "churn", "http-port", "seed", "jar", "out", "jvm", "skip-ratio");
            for (String k : o.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown flag --" + k + " (known: " + known + ")");
                }
            }
            int agents = Integer.parseInt(o.getOrDefault("agents", "500"));
            return new Options(agents, Integer.parseInt(o.getOrDefault("queued", "500")), Double.parseDouble(o.getOrDefault("rate", "2000")),
                    Integer.parseInt(o.getOrDefault("duration", "60")), Integer.parseInt(o.getOrDefault("warmup", "20")),
                    Double.parseDouble(o.getOrDefault("ratio-rate", "4000")),
                    Integer.parseInt(o.getOrDefault("ratio-duration", "60")), Double.parseDouble(o.getOrDefault("ratio-max", "256000")),
                    Integer.parseInt(o.getOrDefault("cuts", "20")), Integer.parseInt(o.getOrDefault("outage", "30")),
                    Integer.parseInt(o.getOrDefault("churn", "1000")), Integer.parseInt(o.getOrDefault("http-port", "18090")),
                    Long.parseLong(o.getOrDefault("seed", "42")), Path.of(o.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar")),
                    Path.of(o.getOrDefault("out", "target/bench")),
                    List.of(o.getOrDefault("jvm", "-Xmx256m -XX:+UseG1GC -XX:MaxGCPauseMillis=10").trim().split("\\s+")),
                    o.containsKey("skip-ratio"));
        }
    }

    private final Options options;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final List<BenchConsole> consoles = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private final HttpClient wsClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final PrintWriter report;
    private PbxSimulator simulator;
    private LoadGenerator load;
    private CuecardProcess cuecard;
    private TcpProxy database;
    private long lostTotal;

    private LoadBenchmark(Options options, PrintWriter report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        try (PrintWriter report = new PrintWriter(Files.newBufferedWriter(options.out().resolve("report.txt")), true)) {
            new LoadBenchmark(options, report).run();
        }
        System.exit(0);
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.println(line);
    }

    private void run() throws Exception {
        Options o = options;
        say("cuecard-bench: %d agents on calls, %d queued, %.0f events/s for %d s; JVM %s; %d CPUs; Java %s", o.agents(), o.queued(), o.rate(),
                o.duration(), String.join(" ", o.jvm()), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        prepareDatabase();
        LoadGenerator.Mix mix = LoadGenerator.Mix.fromTraces(AmiTrace.sharedTraceDir());
        say("event mix from %s: %.1f %% call activity, %d recorded noise events to copy", AmiTrace.sharedTraceDir(), mix.callShare() * 100,
                mix.noise().size());
        List<String> interfaces = new ArrayList<>();
        for (int i = 1; i <= o.agents(); i++) {
            interfaces.add("PJSIP/agent" + i);
        }
        simulator = PbxSimulator.start(new SimulatorSettings("127.0.0.1", 0, "cuecard", AMI_SECRET, interfaces, "service", 0, 3, 12, 0, o.seed()));
        try (java.net.ServerSocket probe = new java.net.ServerSocket(o.httpPort(), 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + o.httpPort() + " is in use (another Cuecard still running?); stop it or pass --http-port");
        }
        database = new TcpProxy("127.0.0.1", 5432);
        cuecard = CuecardProcess.start(o.jar(), o.jvm(), o.httpPort(), simulator.port(), AMI_SECRET,
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + DATABASE, o.out().resolve("cuecard.log"));
        try {
            cuecard.awaitReady(Duration.ofMinutes(3));
            await("AMI link up", Duration.ofSeconds(60), () -> metric("cuecard_ami_connected") == 1);
            HttpResponse<String> agents = cuecard.get("/api/agents", true);
            if (agents.statusCode() != 200 || !agents.body().contains("\"agent" + o.agents() + "\"")) {
                throw new IllegalStateException("Cuecard does not list the bench's agents: HTTP " + agents.statusCode());
            }
            logIn();
            load = simulator.load(mix, o.seed());
            long t0 = System.nanoTime();
            load.setUp(o.agents(), o.queued(), 250);
            await("all calls live in Cuecard", Duration.ofMinutes(3), () -> metric("cuecard_calls_live") >= o.agents() + o.queued());
            say("set-up: %d calls up and %d queued in %.1f s", o.agents(), o.queued(), (System.nanoTime() - t0) / 1e9);
            openConsoles();

            Steady steady = steady();
            cuts();
            outage();
            churn();
            long[] calls = hangUpAndCount();
            long[] rss = cuecard.rssKb();
            say("cuecard process: peak RSS so far %d MB", rss[1] / 1024);
            double cuecardMax = Double.NaN;
            if (!o.skipRatio()) {
                // the search runs past the rate Cuecard holds, where the PBX drops its session and calls that begin
                // and end meanwhile are never seen: it comes after the calls are counted, on fresh calls
                Thread.sleep(2000);
                freshCalls();
                cuecardMax = ratioSearch("cuecard", this::cuecardTrial);
            }
            closeConsoles();
            cuecard.close();
            double rawMax = o.skipRatio() ? Double.NaN : rawSearch();
            double ratio = cuecardMax / rawMax;
            say("cuecard-bench: ami_events_per_s=%.0f raw_events_per_s=%.0f ratio=%.2f p50_ms=%.2f p99_ms=%.2f lost=%d calls_logged=%d calls_expected=%d rss_mb=%d",
                    steady.ingestedPerSecond, rawMax, ratio, steady.p50, steady.p99, lostTotal, calls[0], calls[1], steady.rssPeakKb / 1024);
        } finally {
            closeConsoles();
            cuecard.close();
            database.close();
            simulator.close();
        }
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    /**
     * A fresh database with Cuecard's schema (its own Flyway migrations) and the agents: users with their agent rows,
     * as {@code POST /api/agents} writes them. They are written here, before Cuecard starts, only to save the set-up
     * time of 500 bcrypt hashes of cost 10 at creation and again at login: these hashes have cost 4. Cuecard loads
     * its agent directory from the database at start-up.
     */
    private void prepareDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
            try (ResultSet role = c.createStatement().executeQuery("select 1 from pg_roles where rolname = 'cuecard'")) {
                if (!role.next()) {
                    c.createStatement().execute("create role cuecard login password 'cuecard'");
                }
            }
            c.createStatement().execute("create database " + DATABASE + " owner cuecard");
        }
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "cuecard", "cuecard")
                .locations("classpath:db/migration").load().migrate();
        long t0 = System.nanoTime();
        try (Connection c = connect();
             PreparedStatement user = c.prepareStatement("insert into app_user (username, password_hash, roles, display_name) values (?, ?, 'agent', ?)");
             PreparedStatement agent = c.prepareStatement("insert into agent (username, employee_no, member_interface, extension) values (?, ?, ?, ?)")) {
            for (int n = 1; n <= options.agents(); n++) {
                user.setString(1, "agent" + n);
                user.setString(2, io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password(n), 4));
                user.setString(3, "Agent " + n);
                user.addBatch();
                agent.setString(1, "agent" + n);
                agent.setString(2, "E" + n);
                agent.setString(3, "PJSIP/agent" + n);
                agent.setString(4, String.valueOf(200 + n));
                agent.addBatch();
            }
            user.executeBatch();
            agent.executeBatch();
        }
        say("set-up: database %s migrated, %d agents written in %.1f s", DATABASE, options.agents(), (System.nanoTime() - t0) / 1e9);
    }

    private static String password(int agent) {
        return "agent" + agent + "-pw";
    }

    /** Every agent logs in (form login, as the console does); the cookies open the consoles. */
    private void logIn() throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<String>> logins = new ArrayList<>();
        for (int i = 1; i <= options.agents(); i++) {
            int n = i;
            logins.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return cuecard.login("agent" + n, password(n));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        for (CompletableFuture<String> login : logins) {
            cookies.add(login.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        say("set-up: %d agents logged in in %.1f s", options.agents(), (System.nanoTime() - t0) / 1e9);
    }

    private URI consoleUri() {
        return URI.create("ws://127.0.0.1:" + options.httpPort() + "/ws/console");
    }

    private void openConsoles() throws Exception {
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(50);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < options.agents(); i++) {
            BenchConsole console = new BenchConsole("agent" + (i + 1), latency);
            consoles.add(console);
            inFlight.acquire();
            ready.add(console.open(wsClient, consoleUri(), cookies.get(i)).thenCompose(BenchConsole::snapshot)
                    .whenComplete((ok, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        say("set-up: %d consoles open with their snapshots in %.1f s", consoles.size(), (System.nanoTime() - t0) / 1e9);
    }

    private void closeConsoles() {
        consoles.forEach(BenchConsole::close);
        consoles.clear();
    }

    // ---- steady phase ---------------------------------------------------------------------------------------

    record Steady(double ingestedPerSecond, double p50, double p99, double max, long rssPeakKb) {
    }

    /** Counters at the start of a stretch of load, to tell what the stretch lost. */
    private final class Marks {
        final long emitted = simulator.eventsSent();
        final double received = metric("cuecard_ami_events_total");
        final int[] toggles = new int[consoles.size()];
        final int[] changes = new int[consoles.size()];
        final long gaps = consoles.stream().mapToLong(BenchConsole::gaps).sum();
        final Map<String, Double> metrics = metrics();
        final long nanos = System.nanoTime();

        Marks() {
            for (int i = 0; i < consoles.size(); i++) {
                toggles[i] = load.toggles(i);
                changes[i] = consoles.get(i).holdChanges();
            }
        }

        /** Events the simulator handed to Cuecard's AMI session (the only one connected). */
        long sent() {
            return simulator.eventsSent() - emitted;
        }

        long received() {
            return (long) (metric("cuecard_ami_events_total") - received);
        }

        double delta(String metric) {
            return metric(metric) - metrics.getOrDefault(metric, 0d);
        }

        /** Hold changes the agents' consoles should have seen but did not, plus sequence gaps. */
        long framesLost() {
            long lost = consoles.stream().mapToLong(BenchConsole::gaps).sum() - gaps;
            for (int i = 0; i < consoles.size(); i++) {
                lost += Math.max(0, (load.toggles(i) - toggles[i]) - (consoles.get(i).holdChanges() - changes[i]));
            }
            return lost;
        }

        long expectedChanges() {
            long n = 0;
            for (int i = 0; i < consoles.size(); i++) {
                n += load.toggles(i) - toggles[i];
            }
            return n;
        }
    }

    private Steady steady() throws Exception {
        if (options.warmup() > 0) {
            say("warm-up: %.0f events/s for %d s, not measured (the JIT compiles Cuecard's hot paths)", options.rate(), options.warmup());
            Marks warm = new Marks();
            load.pace(options.rate());
            Thread.sleep(options.warmup() * 1000L);
            load.pace(0);
            settle(warm);
        }
        say("phase steady: %.0f events/s for %d s", options.rate(), options.duration());
        latency.reset();
        Marks marks = new Marks();
        long rssPeak = 0;
        load.pace(options.rate());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.duration());
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            rssPeak = Math.max(rssPeak, cuecard.rssKb()[0]);
        }
        load.pace(0);
        double seconds = (System.nanoTime() - marks.nanos) / 1e9;
        long sent = marks.sent();
        settle(marks);
        long received = marks.received();
        long lost = marks.framesLost() + Math.max(0, sent - received);
        lostTotal += lost;
        long[] stream = load.streamEvents();
        say("  sent %d events (%.0f/s; stream so far %d call activity + %d noise), Cuecard ingested %d (%.0f/s)", sent, sent / seconds, stream[0],
                stream[1], received, received / seconds);
        say("  hold changes expected at the consoles %d, frames lost %d; latency samples %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                marks.expectedChanges(), lost, latency.count(), latency.quantileMillis(0.5), latency.quantileMillis(0.99), latency.maxMillis());
        say("  Cuecard's own histogram (Timestamp → handed to the sockets): p99 %.2f ms; peak RSS during the phase %d MB",
                metric("cuecard_ami_to_console_seconds{quantile=\"0.99\"}") * 1000, rssPeak / 1024);
        return new Steady(received / seconds, latency.quantileMillis(0.5), latency.quantileMillis(0.99), latency.maxMillis(), rssPeak);
    }

    /** Waits until Cuecard has taken in every event sent and its call queue is empty (at most 60 s), then 1 s for frames in flight. */
    private void settle(Marks marks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (marks.received() < marks.sent() || metric("cuecard_calls_queue") > 0)) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
    }

    // ---- throughput ratio -----------------------------------------------------------------------------------

    interface Trial {
        /** Runs {@code rate} events/s for the trial's duration; true when it held with zero loss. */
        boolean run(double rate) throws Exception;
    }

    /** Doubles the rate from {@code --ratio-rate} while it holds, then halves the gap three times; the highest rate held. */
    private double ratioSearch(String who, Trial trial) throws Exception {
        say("phase ratio (%s): %d s per rate", who, options.ratioDuration());
        double held = 0;
        double failed = Double.NaN;
        for (double rate = options.ratioRate(); rate <= options.ratioMax(); rate *= 2) {
            if (trial.run(rate)) {
                held = rate;
            } else {
                failed = rate;
                break;
            }
        }
        if (!Double.isNaN(failed)) {
            for (int i = 0; i < 3; i++) {
                double rate = Math.round((held + failed) / 2 / 100) * 100;
                if (trial.run(rate)) {
                    held = rate;
                } else {
                    failed = rate;
                }
            }
        }
        say("  %s holds %.0f events/s%s", who, held, Double.isNaN(failed) ? " (the search's ceiling)" : " (fails at " + Math.round(failed) + ")");
        return held;
    }

    private boolean cuecardTrial(double rate) throws Exception {
        Marks marks = new Marks();
        load.pace(rate);
        Thread.sleep(options.ratioDuration() * 1000L);
        load.pace(0);
        double seconds = (System.nanoTime() - marks.nanos) / 1e9;
        long sent = marks.sent();
        settle(marks);
        long received = marks.received();
        long framesLost = marks.framesLost();
        double episodes = marks.delta("cuecard_overload_episodes_total");
        double dropped = marks.delta("cuecard_ami_events_dropped_total");
        double reconnects = marks.delta("cuecard_ami_reconnects_total");
        boolean paced = sent >= 0.97 * rate * options.ratioDuration();
        boolean held = paced && received >= sent && framesLost == 0 && !(episodes > 0) && !(dropped > 0) && !(reconnects > 0);
        say("  cuecard %.0f/s: sent %.0f/s, ingested %d of %d, frames lost %d, overload episodes %.0f, dropped by asterisk-java %.0f, reconnects %.0f → %s",
                rate, sent / seconds, received, sent, framesLost, episodes, dropped, reconnects, held ? "held" : "NOT held");
        if (!held) {
            // let it recover before the next rate: link back, queue drained
            await("Cuecard recovered", Duration.ofMinutes(3), () -> metric("cuecard_ami_connected") == 1 && metric("cuecard_calls_queue") == 0);
            Thread.sleep(3000);
        }
        return held;
    }

    private double rawSearch() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), io.cuecard.pbx.RawAmiListener.class.getName(), "127.0.0.1",
                String.valueOf(simulator.port()), "cuecard", AMI_SECRET));
        Process raw = new ProcessBuilder(command).redirectError(options.out().resolve("raw-listener.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(raw.getOutputStream(), true);
        try {
            expectLine(out, "raw: ready");
            // the same calls up and waiting as for Cuecard's search
            freshCalls();
            long[] last = rawCount(in, out);
            do {
                Thread.sleep(1000);
                long[] now = rawCount(in, out);
                if (now[0] == last[0]) {
                    break;
                }
                last = now;
            } while (true);
            return ratioSearch("asterisk-java no-op listener", rate -> rawTrial(rate, in, out));
        } finally {
            in.println("quit");
            if (!raw.waitFor(10, TimeUnit.SECONDS)) {
                raw.destroyForcibly();
            }
        }
    }

    private boolean rawTrial(double rate, PrintWriter in, BufferedReader out) throws Exception {
        long[] before = rawCount(in, out);
        long emitted = simulator.eventsSent();
        long t0 = System.nanoTime();
        load.pace(rate);
        Thread.sleep(options.ratioDuration() * 1000L);
        load.pace(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sent = simulator.eventsSent() - emitted;
        long[] after = rawCount(in, out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (after[0] - before[0] < sent && System.nanoTime() < deadline) {
            Thread.sleep(200);
            long[] next = rawCount(in, out);
            if (next[0] == after[0] && next[1] > before[1]) {
                break;
            }
            after = next;
        }
        long received = after[0] - before[0];
        boolean paced = sent >= 0.97 * rate * options.ratioDuration();
        boolean held = paced && received >= sent && after[1] == before[1];
        say("  raw %.0f/s: sent %.0f/s, received %d of %d, disconnects %d → %s", rate, sent / seconds, received, sent, after[1] - before[1],
                held ? "held" : "NOT held");
        if (!held) {
            await("raw listener reconnected", Duration.ofSeconds(60), () -> simulator.connectedClients() > 0);
            Thread.sleep(3000);
        }
        return held;
    }

    /** All calls hung up before: every agent un-paused (Cuecard pauses them in wrap-up), then calls up and queued again. */
    private void freshCalls() {
        load.hangUpAll();
        for (int i = 0; i < options.agents(); i++) {
            simulator.pauseAgent(load.agentInterface(i), false, "bench");
        }
        load.setUp(options.agents(), options.queued(), 1000);
    }

    private static long[] rawCount(PrintWriter in, BufferedReader out) throws IOException {
        in.println("count");
        String line = expectLine(out, "raw: events=");
        String[] parts = line.substring("raw: ".length()).split(" ");
        return new long[] {Long.parseLong(parts[0].substring("events=".length())), Long.parseLong(parts[1].substring("disconnects=".length()))};
    }

    private static String expectLine(BufferedReader out, String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the raw listener ended before printing " + prefix);
    }

    // ---- faults ---------------------------------------------------------------------------------------------

    private void cuts() throws Exception {
        if (options.cuts() <= 0) {
            return;
        }
        say("phase link cuts: %d cuts of the AMI link under %.0f events/s", options.cuts(), options.rate());
        Marks marks = new Marks();
        List<Double> reconnectMillis = new ArrayList<>();
        List<String> endedWhileDown = new ArrayList<>();
        load.pace(options.rate());
        for (int k = 0; k < options.cuts(); k++) {
            Thread.sleep(1000);
            load.callActivity(false);
            Thread.sleep(300);
            double resyncs = metric("cuecard_ami_resyncs_total");
            simulator.setAccepting(false);
            simulator.dropConnections();
            String ended = load.endSomeCall();
            if (ended != null) {
                endedWhileDown.add(ended);
            }
            Thread.sleep(300);
            long up = System.nanoTime();
            simulator.setAccepting(true);
            await("resync after cut " + (k + 1), Duration.ofSeconds(30), () -> metric("cuecard_ami_resyncs_total") > resyncs);
            reconnectMillis.add((System.nanoTime() - up) / 1e6);
            load.callActivity(true);
        }
        Thread.sleep(1000);
        load.pace(0);
        settle(marks);
        long lost = marks.framesLost();
        lostTotal += lost;
        reconnectMillis.sort(null);
        say("  reconnect + resync after the PBX accepts again: median %.0f ms, max %.0f ms (target ≤ 2000 ms); frames lost while up %d",
                reconnectMillis.get(reconnectMillis.size() / 2), reconnectMillis.get(reconnectMillis.size() - 1), lost);
        await("calls ended while the link was down are logged", Duration.ofSeconds(60), () -> endedWhileDownLogged(endedWhileDown) == endedWhileDown.size());
        say("  %d calls ended while the link was down: all logged with hangupBy=system and flag link-lost", endedWhileDown.size());
    }

    private long endedWhileDownLogged(List<String> ids) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select count(*) from call_log where id = any(?) and ended_at is not null"
                + " and view->>'hangupBy' = 'system' and view->'flags' @> '[{\"rule\":\"link-lost\"}]'")) {
            s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private void outage() throws Exception {
        if (options.outage() <= 0) {
            return;
        }
        say("phase database outage: PostgreSQL unreachable for %d s under %.0f events/s", options.outage(), options.rate());
        Marks marks = new Marks();
        load.pace(options.rate());
        Thread.sleep(2000);
        database.cut();
        boolean sawDown = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.outage());
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            HttpResponse<String> health = cuecard.get("/q/health/group/pbx", false);
            sawDown |= health.statusCode() == 503 && health.body().contains("DOWN");
        }
        load.pace(0);
        settleEvents(marks);
        double backlog = metric("cuecard_calllog_backlog");
        long lastFull = System.nanoTime();
        database.restore();
        long restored = System.nanoTime();
        long firstWrite = 0;
        while (true) {
            double now = metric("cuecard_calllog_backlog");
            long t = System.nanoTime();
            if (now >= backlog) {
                lastFull = t;
            } else if (firstWrite == 0) {
                firstWrite = t;
            }
            if (now == 0 || t - restored > TimeUnit.MINUTES.toNanos(3)) {
                break;
            }
            Thread.sleep(20);
        }
        long drained = System.nanoTime();
        long lost = marks.framesLost();
        lostTotal += lost;
        say("  health group pbx showed the database DOWN during the outage: %s; backlog at restore %.0f calls", sawDown ? "yes" : "NO", backlog);
        say("  drained in %.2f s after the restore, %.0f calls/s from the last full sample (target ≥ 500); frames lost %d",
                (drained - restored) / 1e9, backlog / Math.max(1e-3, (drained - lastFull) / 1e9), lost);
    }

    /** As {@link #settle} but only for the AMI events (the call log may still be waiting). */
    private void settleEvents(Marks marks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (marks.received() < marks.sent() || metric("cuecard_calls_queue") > 0)) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
    }

    private void churn() throws Exception {
        if (options.churn() <= 0) {
            return;
        }
        say("phase console churn: %d consoles connect and disconnect", options.churn());
        double baseline = cuecard.heapAfterGcMb();
        double connected = metric("cuecard_console_connected");
        int round = 100;
        LatencyHistogram ignored = new LatencyHistogram();
        for (int done = 0; done < options.churn(); done += round) {
            List<BenchConsole> batch = new ArrayList<>();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < Math.min(round, options.churn() - done); i++) {
                int agent = (done + i) % options.agents();
                BenchConsole console = new BenchConsole("agent" + (agent + 1), ignored);
                batch.add(console);
                ready.add(console.open(wsClient, consoleUri(), cookies.get(agent)).thenCompose(BenchConsole::snapshot));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            batch.forEach(BenchConsole::close);
        }
        await("churned consoles closed", Duration.ofSeconds(60), () -> metric("cuecard_console_connected") == connected);
        // a console that reconnects gets a fresh snapshot (seq 1) and then live frames in sequence
        BenchConsole first = consoles.get(0);
        first.close();
        BenchConsole again = new BenchConsole(first.username, latency);
        again.open(wsClient, consoleUri(), cookies.get(0)).thenCompose(BenchConsole::snapshot).get(30, TimeUnit.SECONDS);
        consoles.set(0, again);
        double after = cuecard.heapAfterGcMb();
        say("  heap after GC: %.1f MB before, %.1f MB after (%+.1f MB); open consoles back to %.0f; a reconnecting console got a fresh snapshot",
                baseline, after, after - baseline, metric("cuecard_console_connected"));
    }

    private long[] hangUpAndCount() throws Exception {
        load.hangUpAll();
        List<String> ids = load.callIds();
        long[] logged = new long[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select count(*) from call_log where id = any(?) and ended_at is not null")) {
                s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    logged[0] = r.getLong(1);
                }
            }
            if (logged[0] >= ids.size()) {
                break;
            }
            Thread.sleep(500);
        }
        say("calls: %d started by the simulator, %d in the call log as ended", ids.size(), logged[0]);
        return new long[] {logged[0], ids.size()};
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "cuecard", "cuecard");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Map<String, Double> metrics() {
        try {
            return cuecard.metrics();
        } catch (Exception e) {
            throw new IllegalStateException("reading Cuecard's metrics", e);
        }
    }

    private double metric(String name) {
        return metrics().getOrDefault(name, Double.NaN);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
