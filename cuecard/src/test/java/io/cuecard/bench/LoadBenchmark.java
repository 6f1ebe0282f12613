package io.cuecard.bench;

import io.cuecard.pbx.trace.AmiTrace;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatorSettings;
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
 * {@code bench/run}: Cuecard's load benchmark (issues 4 and 8, docs/performance.md). Starts the PBX simulator in load
 * mode, Cuecard's packaged jar in its own JVM against it and a real PostgreSQL (through a TCP proxy it can cut), and one
 * console WebSocket per agent; then runs the phases and prints one summary line last:
 * <ol>
 *   <li>set-up and warm-up: calls up, consoles open, {@code --warmup} s at {@code --rate} events/s;</li>
 *   <li>steady: {@code --rate} events/s for {@code --duration} s with {@code --agents} calls up and {@code --queued}
 *       callers waiting: ingest rate, AMI Timestamp → console latency, RSS;</li>
 *   <li>link cuts: the AMI link is cut {@code --cuts} times under load; time to reconnect and resync;</li>
 *   <li>database outage: PostgreSQL unreachable for {@code --outage} s under load; call-log drain rate afterwards;</li>
 *   <li>console churn: {@code --churn} consoles connect and disconnect under load; heap after GC before and after;</li>
 *   <li>hang-up: every call hung up; calls logged vs expected;</li>
 *   <li>ratio (Cuecard): the highest paced rate Cuecard holds for {@code --ratio-duration} s with zero loss and no overload;</li>
 *   <li>ratio (asterisk-java): the same search for asterisk-java with a no-op listener, in its own JVM, on a connection
 *       made and configured as Cuecard's own.</li>
 * </ol>
 *
 * <p>Loss is counted in every phase (and in every trial of the ratio search) the same way, at a quiet moment after it:
 * the simulator's count of events handed to Cuecard's session and Cuecard's {@code cuecard_ami_events_total}, read when
 * both (and Cuecard's call queue, and the consoles' frames) have stood still for a second, must be equal; events that
 * arrived but could not be translated ({@code cuecard_ami_events_untranslatable_total}) are lost too; and every change
 * the simulator made on an agent's call must have shown at the agent's console, in order and with the content it
 * implies, with no {@code seq} gap ({@link BenchConsole#check}). Phases follow each other from quiet moment to quiet
 * moment, so together they cover the whole run from Cuecard's first login.
 */
public final class LoadBenchmark {

    private static final String AMI_SECRET = "bench-secret";
    private static final String DATABASE = "cuecard_bench";
    /** How long both sides must stand still for a quiet moment, and how often they are read meanwhile. */
    private static final int QUIET_READS = 4;
    private static final long QUIET_POLL_MILLIS = 250;
    private static final Duration QUIET_MAX = Duration.ofSeconds(60);

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
                    Long.parseLong(o.getOrDefault("seed", "42")), Path.of(o.getOrDefault("jar", "cuecard/target/quarkus-app/quarkus-run.jar")),
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
    private RssSampler rss;
    private TcpProxy database;
    /** Lost in the phases before the ratio search (the summary's {@code lost}). */
    private long lostTotal;
    /** The quiet moment the previous phase ended at: the next one starts there. */
    private Reading last = Reading.ZERO;
    /** The Cuecard under test has no untranslatable-events metric (a build older than issue 8, e.g. for an A/B run). */
    private boolean untranslatableUnknown;

    private LoadBenchmark(Options options, PrintWriter report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        try (PrintWriter report = new PrintWriter(Files.newBufferedWriter(options.out().resolve("report.txt")), true)) {
            new LoadBenchmark(options, report).run();
        } catch (Throwable e) {
            // the simulator's and the clients' threads would keep a failed run's JVM alive
            e.printStackTrace();
            System.exit(1);
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
        rss = new RssSampler(cuecard.pid());
        try {
            cuecard.awaitReady(Duration.ofMinutes(3));
            await("AMI link up", Duration.ofSeconds(60), () -> metric("cuecard_ami_connected") == 1);
            HttpResponse<String> agents = cuecard.get("/api/agents", true);
            if (agents.statusCode() != 200 || !agents.body().contains("\"agent" + o.agents() + "\"")) {
                throw new IllegalStateException("Cuecard does not list the bench's agents: HTTP " + agents.statusCode());
            }
            logIn();
            load = new LoadGenerator(simulator, mix, o.seed());
            long t0 = System.nanoTime();
            load.setUp(o.agents(), o.queued(), 250);
            await("all calls live in Cuecard", Duration.ofMinutes(3), () -> metric("cuecard_calls_live") >= o.agents() + o.queued());
            say("set-up: %d calls up and %d queued in %.1f s", o.agents(), o.queued(), (System.nanoTime() - t0) / 1e9);
            openConsoles();
            phaseEnd("set-up (from Cuecard's first login)", true);

            Steady steady = steady();
            cuts();
            outage();
            churn();
            long[] calls = hangUpAndCount();
            phaseEnd("hang-up", true);
            Reading whole = last;
            say("whole run before the ratio search: the simulator handed Cuecard's sessions %d events, Cuecard received %d (%s),"
                    + " %d untranslatable; lost in all (events, untranslatable, call changes not shown, seq gaps) %d",
                    whole.sent(), whole.received(), difference(whole.sent(), whole.received()), whole.untranslatable(), lostTotal);
            say("cuecard process: peak RSS so far %d MB (VmHWM), sampled peak %d MB", cuecard.rssKb()[1] / 1024, rss.runPeakKb() / 1024);
            double cuecardMax = Double.NaN;
            if (!o.skipRatio()) {
                // the search runs past the rate Cuecard holds, where the PBX drops its session and calls that begin
                // and end meanwhile are never seen: it comes after the calls are counted, on fresh calls
                Thread.sleep(2000);
                freshCalls();
                phaseEnd("ratio set-up (fresh calls; not in the summary's lost)", false);
                cuecardMax = ratioSearch("cuecard", this::cuecardTrial);
            }
            long peakKb = Math.max(cuecard.rssKb()[1], rss.runPeakKb());
            rss.close();
            closeConsoles();
            cuecard.close();
            say("cuecard process: peak RSS over the whole run %d MB (VmHWM before it stopped; sampled every %d ms through all phases: %d MB)",
                    peakKb / 1024, RssSampler.PERIOD_MILLIS, rss.runPeakKb() / 1024);
            double rawMax = o.skipRatio() ? Double.NaN : rawSearch();
            double ratio = cuecardMax / rawMax;
            say("cuecard-bench: ami_events_per_s=%.0f raw_events_per_s=%.0f ratio=%.2f p50_ms=%.2f p99_ms=%.2f lost=%d calls_logged=%d calls_expected=%d rss_mb=%d rss_peak_mb=%d",
                    steady.ingestedPerSecond, rawMax, ratio, steady.p50, steady.p99, lostTotal, calls[0], calls[1], steady.rssPeakKb / 1024,
                    peakKb / 1024);
        } finally {
            rss.close();
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
            BenchConsole console = new BenchConsole("agent" + (i + 1), latency, true);
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

    // ---- counting -------------------------------------------------------------------------------------------

    /**
     * Both sides' counts at one moment, since the simulator started: events the simulator handed to logged-in sessions
     * (only Cuecard's is logged in) and, from Cuecard's metrics, events received, events that could not be translated,
     * events asterisk-java dropped, the call queue; and the frames the consoles received.
     *
     * @param sameMoment the simulator's count did not change while the rest was read
     */
    record Reading(long sent, long received, long untranslatable, long dropped, long queue, long frames, boolean sameMoment) {
        static final Reading ZERO = new Reading(0, 0, 0, 0, 0, 0, true);

        boolean sameCounts(Reading other) {
            return sent == other.sent && received == other.received && untranslatable == other.untranslatable && frames == other.frames;
        }
    }

    /** A reading taken once everything stood still ({@code quiet}), or when the wait for that ran out. */
    record Quiet(Reading at, boolean quiet, double waitedSeconds) {
    }

    /** What one phase lost; {@link #total()} is what the summary's {@code lost} adds up. */
    record Loss(long sent, long received, long untranslatable, long dropped, long expected, long shown, long mismatched, long unchecked,
            long gaps, int closedByServer, boolean quiet, long rssPeakKb) {

        /** Events not received (or received beyond those sent), untranslatable events, call changes not shown, seq gaps. */
        long total() {
            return Math.abs(sent - received) + untranslatable + mismatched + gaps;
        }
    }

    private Reading read() {
        long before = simulator.eventsSent();
        Map<String, Double> m = metrics();
        long frames = 0;
        for (BenchConsole console : consoles) {
            frames += console.frames();
        }
        long after = simulator.eventsSent();
        long untranslatable = 0;
        if (m.containsKey("cuecard_ami_events_untranslatable_total")) {
            untranslatable = count(m, "cuecard_ami_events_untranslatable_total");
        } else if (!untranslatableUnknown) {
            untranslatableUnknown = true;
            say("NOTE: this Cuecard build has no cuecard_ami_events_untranslatable_total (older than issue 8): events it received"
                    + " and could not translate are invisible to this run");
        }
        return new Reading(after, count(m, "cuecard_ami_events_total"), untranslatable, count(m, "cuecard_ami_events_dropped_total"),
                count(m, "cuecard_calls_queue"), frames, before == after);
    }

    private static long count(Map<String, Double> metrics, String name) {
        Double value = metrics.get(name);
        if (value == null || value.isNaN()) {
            throw new IllegalStateException("Cuecard's metrics lack " + name);
        }
        return Math.round(value);
    }

    /**
     * Waits until the simulator's and Cuecard's counts, Cuecard's call queue (empty) and the consoles' frames have stood
     * still for {@link #QUIET_READS} reads {@link #QUIET_POLL_MILLIS} ms apart, at most {@code max}.
     */
    private Quiet quiet(Duration max) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        Reading previous = read();
        int still = 0;
        while (true) {
            Thread.sleep(QUIET_POLL_MILLIS);
            Reading now = read();
            boolean same = now.sameMoment() && previous.sameMoment() && now.sameCounts(previous) && now.queue() == 0;
            still = same ? still + 1 : 0;
            previous = now;
            if (still >= QUIET_READS || System.nanoTime() > deadline) {
                return new Quiet(now, still >= QUIET_READS, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /**
     * Ends a phase at the next quiet moment and counts what it lost since the previous one: events (sent and received
     * must be equal), untranslatable events, and at every console the call changes the simulator made that did not show
     * ({@link BenchConsole#check}) and the {@code seq} gaps. {@code counted}: added to the summary's {@code lost}.
     */
    /** Consoles whose end was already reported (once each). */
    private final java.util.Set<Integer> closeCauses = new java.util.HashSet<>();

    private Loss phaseEnd(String phase, boolean counted) throws InterruptedException {
        Quiet q = quiet(QUIET_MAX);
        Reading from = last;
        Reading to = q.at();
        long expected = 0;
        long shown = 0;
        long mismatched = 0;
        long unchecked = 0;
        long gaps = 0;
        int closedByServer = 0;
        List<String> samples = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < consoles.size(); i++) {
            BenchConsole.Check check = consoles.get(i).check(load == null ? List.of() : load.takeChanges(i));
            expected += check.expected();
            shown += check.shown();
            mismatched += check.mismatched();
            unchecked += check.unchecked();
            gaps += check.gaps();
            if (samples.size() < 5) {
                samples.addAll(check.samples());
            }
            if (consoles.get(i).closedByServer()) {
                closedByServer++;
                if (closeCauses.add(i)) {
                    ended.add(consoles.get(i).username + ": " + consoles.get(i).closeCause());
                }
            }
        }
        Loss loss = new Loss(to.sent() - from.sent(), to.received() - from.received(), to.untranslatable() - from.untranslatable(),
                to.dropped() - from.dropped(), expected, shown, mismatched, unchecked, gaps, closedByServer, q.quiet(), rss.newPhase());
        last = to;
        if (counted) {
            lostTotal += loss.total();
        }
        say("  loss in %s: events sent %d, received %d (%s), untranslatable %d, dropped by asterisk-java %d; call changes expected at"
                        + " the consoles %d, shown %d, not shown %d%s; seq gaps %d%s → lost %d%s; RSS peak %d MB",
                phase, loss.sent(), loss.received(), difference(loss.sent(), loss.received()), loss.untranslatable(), loss.dropped(),
                loss.expected(), loss.shown(), loss.mismatched(), loss.unchecked() > 0 ? " (" + loss.unchecked() + " on calls no longer checked)" : "",
                loss.gaps(), closedByServer > 0 ? "; CONSOLES CLOSED BY CUECARD " + closedByServer : "", loss.total(),
                q.quiet() ? "" : String.format(Locale.ROOT, " (NOT QUIET after %.0f s: read then)", q.waitedSeconds()), loss.rssPeakKb() / 1024);
        for (String sample : samples) {
            say("    not shown: %s", sample);
        }
        for (String console : ended) {
            say("    console ended by Cuecard or the network: %s", console);
        }
        return loss;
    }

    /** {@code lost 0}, {@code lost 12}, or {@code SURPLUS 3} when more arrived than was sent (an error too). */
    private static String difference(long sent, long received) {
        return received > sent ? "SURPLUS " + (received - sent) + ": more received than sent" : "lost " + (sent - received);
    }

    // ---- steady phase ---------------------------------------------------------------------------------------

    record Steady(double ingestedPerSecond, double p50, double p99, double max, long rssPeakKb) {
    }

    private Steady steady() throws Exception {
        if (options.warmup() > 0) {
            say("warm-up: %.0f events/s for %d s, not measured (the JIT compiles Cuecard's hot paths)", options.rate(), options.warmup());
            load.pace(options.rate());
            Thread.sleep(options.warmup() * 1000L);
            load.pace(0);
            phaseEnd("warm-up", true);
        }
        say("phase steady: %.0f events/s for %d s", options.rate(), options.duration());
        latency.reset();
        long t0 = System.nanoTime();
        load.pace(options.rate());
        Thread.sleep(options.duration() * 1000L);
        load.pace(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] stream = load.streamEvents();
        Loss loss = phaseEnd("steady", true);
        say("  sent %d events (%.0f/s; stream so far %d call activity + %d noise), Cuecard ingested %d (%.0f/s)", loss.sent(), loss.sent() / seconds,
                stream[0], stream[1], loss.received(), loss.received() / seconds);
        say("  latency samples %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms", latency.count(), latency.quantileMillis(0.5),
                latency.quantileMillis(0.99), latency.maxMillis());
        say("  Cuecard's own histogram (Timestamp → handed to the sockets): p99 %.2f ms; peak RSS during the phase %d MB (sampled every %d ms)",
                metric("cuecard_ami_to_console_seconds{quantile=\"0.99\"}") * 1000, loss.rssPeakKb() / 1024, RssSampler.PERIOD_MILLIS);
        return new Steady(loss.received() / seconds, latency.quantileMillis(0.5), latency.quantileMillis(0.99), latency.maxMillis(),
                loss.rssPeakKb());
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
            if (confirmed(who, trial, rate)) {
                held = rate;
            } else {
                failed = rate;
                break;
            }
        }
        if (!Double.isNaN(failed)) {
            for (int i = 0; i < 3; i++) {
                double rate = Math.round((held + failed) / 2 / 100) * 100;
                if (confirmed(who, trial, rate)) {
                    held = rate;
                } else {
                    failed = rate;
                }
            }
        }
        say("  %s holds %.0f events/s%s", who, held, Double.isNaN(failed) ? " (the search's ceiling)" : " (fails at " + Math.round(failed) + ")");
        return held;
    }

    /**
     * One rate for Cuecard: held when it was paced, nothing was lost (counted as in every phase, at the quiet moment
     * after the trial), no overload episode, no event dropped by asterisk-java and no reconnect.
     */
    /**
     * A rate fails only when two trials in a row fail: one transient stall (a GC pause, the load generator or the OS
     * taking both cores for a moment) fails a single trial at any rate, and then decided the whole search (issue 9's
     * new 2: 16,000 held, 32,000 failed once, 52,000 had held in the run before). The same rule for Cuecard and for
     * the yardstick, so the ratio stays a like-for-like comparison; both attempts are in the report.
     */
    private boolean confirmed(String who, Trial trial, double rate) throws Exception {
        if (trial.run(rate)) {
            return true;
        }
        say("  %s %.0f/s failed once: trying the same rate again before it counts", who, rate);
        return trial.run(rate);
    }

    private boolean cuecardTrial(double rate) throws Exception {
        Map<String, Double> before = metrics();
        long t0 = System.nanoTime();
        load.pace(rate);
        Thread.sleep(options.ratioDuration() * 1000L);
        load.pace(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Loss loss = phaseEnd(String.format(Locale.ROOT, "cuecard at %.0f/s", rate), false);
        Map<String, Double> after = metrics();
        double episodes = delta(before, after, "cuecard_overload_episodes_total");
        double reconnects = delta(before, after, "cuecard_ami_reconnects_total");
        boolean paced = loss.sent() >= 0.97 * rate * options.ratioDuration();
        boolean held = paced && loss.quiet() && loss.total() == 0 && !(episodes > 0) && !(loss.dropped() > 0) && !(reconnects > 0);
        say("  cuecard %.0f/s: sent %.0f/s, ingested %d of %d (%s), untranslatable %d, call changes not shown %d, seq gaps %d, overload episodes %.0f,"
                        + " dropped by asterisk-java %d, reconnects %.0f → %s",
                rate, loss.sent() / seconds, loss.received(), loss.sent(), difference(loss.sent(), loss.received()), loss.untranslatable(),
                loss.mismatched(), loss.gaps(), episodes, loss.dropped(), reconnects, held ? "held" : "NOT held");
        if (!held) {
            // what the consoles show of the calls changed meanwhile no longer follows from the changes: not checked again
            consoles.forEach(BenchConsole::taint);
            // let it recover before the next rate: link back, queue drained
            await("Cuecard recovered", Duration.ofMinutes(3), () -> metric("cuecard_ami_connected") == 1 && metric("cuecard_calls_queue") == 0);
            Thread.sleep(3000);
            phaseEnd(String.format(Locale.ROOT, "recovery after %.0f/s", rate), false);
        }
        return held;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, Double.NaN) - before.getOrDefault(name, 0d);
    }

    /**
     * The yardstick: {@link io.cuecard.pbx.RawAmiListener} in its own JVM with Cuecard's JVM options, connected as Cuecard
     * connects (the same connection class and settings, event mask and ping interval, asterisk-java's log levels from
     * Cuecard's application.properties), counting events by Cuecard's rule and doing nothing else.
     */
    private double rawSearch() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), io.cuecard.pbx.RawAmiListener.class.getName(), "127.0.0.1",
                String.valueOf(simulator.port()), "cuecard", AMI_SECRET, CuecardProcess.AMI_EVENTS,
                String.valueOf(CuecardProcess.AMI_PING.toMillis())));
        Process raw = new ProcessBuilder(command).redirectError(options.out().resolve("raw-listener.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(raw.getOutputStream(), true);
        try {
            expectLine(out, "raw: ready");
            // the same calls up and waiting as for Cuecard's search
            freshCalls();
            rawQuiet(in, out);
            discardChanges();
            return ratioSearch("asterisk-java no-op listener", rate -> rawTrial(rate, in, out));
        } finally {
            in.println("quit");
            if (!raw.waitFor(10, TimeUnit.SECONDS)) {
                raw.destroyForcibly();
            }
        }
    }

    /** As for Cuecard: events sent and received read at the quiet moment after the trial must be equal, no disconnect. */
    private boolean rawTrial(double rate, PrintWriter in, BufferedReader out) throws Exception {
        long[] before = rawQuiet(in, out);
        long t0 = System.nanoTime();
        load.pace(rate);
        Thread.sleep(options.ratioDuration() * 1000L);
        load.pace(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] after = rawQuiet(in, out);
        discardChanges();
        long sent = after[0] - before[0];
        long received = after[1] - before[1];
        long disconnects = after[2] - before[2];
        boolean paced = sent >= 0.97 * rate * options.ratioDuration();
        boolean held = paced && after[3] == 1 && received == sent && disconnects == 0;
        say("  raw %.0f/s: sent %.0f/s, received %d of %d (%s), disconnects %d%s → %s", rate, sent / seconds, received, sent,
                difference(sent, received), disconnects, after[3] == 1 ? "" : " (NOT QUIET: read after 60 s)", held ? "held" : "NOT held");
        if (!held) {
            await("raw listener reconnected", Duration.ofSeconds(60), () -> simulator.connectedClients() > 0);
            Thread.sleep(3000);
        }
        return held;
    }

    /** The simulator's and the raw listener's counts once they stood still (at most 60 s): sent, received, disconnects, quiet (1/0). */
    private long[] rawQuiet(PrintWriter in, BufferedReader out) throws Exception {
        long deadline = System.nanoTime() + QUIET_MAX.toNanos();
        long[] previous = rawReading(in, out);
        int still = 0;
        while (true) {
            Thread.sleep(QUIET_POLL_MILLIS);
            long[] now = rawReading(in, out);
            boolean same = now[0] == previous[0] && now[1] == previous[1] && now[2] == previous[2] && now[3] == 1 && previous[3] == 1;
            still = same ? still + 1 : 0;
            previous = now;
            if (still >= QUIET_READS || System.nanoTime() > deadline) {
                return new long[] {now[0], now[1], now[2], still >= QUIET_READS ? 1 : 0};
            }
        }
    }

    /** {sent, received, disconnects, 1 if the simulator's count did not change meanwhile}. */
    private long[] rawReading(PrintWriter in, BufferedReader out) throws IOException {
        long before = simulator.eventsSent();
        long[] raw = rawCount(in, out);
        long after = simulator.eventsSent();
        return new long[] {after, raw[0], raw[1], before == after ? 1 : 0};
    }

    /** The simulator journals call changes for the consoles; without consoles (the yardstick's search) they are dropped. */
    private void discardChanges() {
        for (int i = 0; i < options.agents(); i++) {
            load.takeChanges(i);
        }
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

    /**
     * Link cuts under load. Before each cut the stream pauses until both sides are quiet, so no event is on the wire
     * when the connection is cut: events in flight at an abrupt cut are lost on the wire with any AMI client (Asterisk
     * replays nothing) and would hide Cuecard's own losses. Then the connection is cut (the simulator refuses new ones
     * for 300 ms while the noise goes on, reaching no session, and one call ends), and the reconnect and resync happen
     * under load. Sent and received are compared at the quiet moment after the last cut.
     */
    private void cuts() throws Exception {
        if (options.cuts() <= 0) {
            return;
        }
        say("phase link cuts: %d cuts of the AMI link under %.0f events/s (the stream drained before each cut)", options.cuts(), options.rate());
        List<Double> reconnectMillis = new ArrayList<>();
        List<String> endedWhileDown = new ArrayList<>();
        int notQuiet = 0;
        load.pace(options.rate());
        for (int k = 0; k < options.cuts(); k++) {
            Thread.sleep(1000);
            load.callActivity(false);
            Thread.sleep(300);
            load.pace(0);
            notQuiet += quiet(Duration.ofSeconds(30)).quiet() ? 0 : 1;
            double resyncs = metric("cuecard_ami_resyncs_total");
            simulator.setAccepting(false);
            simulator.dropConnections();
            load.pace(options.rate());
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
        phaseEnd("link cuts", true);
        reconnectMillis.sort(null);
        say("  reconnect + resync after the PBX accepts again: median %.0f ms, max %.0f ms (target ≤ 2000 ms)%s",
                reconnectMillis.get(reconnectMillis.size() / 2), reconnectMillis.get(reconnectMillis.size() - 1),
                notQuiet == 0 ? "" : "; NOT QUIET before " + notQuiet + " cut(s): events may have been on the wire");
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
        load.pace(options.rate());
        Thread.sleep(2000);
        database.cut();
        boolean sawDown = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.outage());
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            // the database group since issue 9; a jar from before it (--jar) reported the database in the pbx group
            HttpResponse<String> health = cuecard.get("/q/health/group/database", false);
            HttpResponse<String> pbx = cuecard.get("/q/health/group/pbx", false);
            sawDown |= (health.statusCode() == 503 && health.body().contains("DOWN")) || pbx.body().matches("(?s).*\"database\"\\s*:\\s*\"DOWN\".*");
        }
        load.pace(0);
        quiet(QUIET_MAX); // every event in before the restore: the backlog is complete
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
        phaseEnd("database outage", true);
        say("  health group pbx showed the database DOWN during the outage: %s; backlog at restore %.0f calls", sawDown ? "yes" : "NO", backlog);
        say("  drained in %.2f s after the restore, %.0f calls/s from the last full sample (target ≥ 500)",
                (drained - restored) / 1e9, backlog / Math.max(1e-3, (drained - lastFull) / 1e9));
    }

    /**
     * Consoles connect (each gets its snapshot) and disconnect, 100 at a time, while the stream goes on: the agents'
     * own consoles must not lose a frame meanwhile. Heap after GC before and after; then, at a quiet moment, the first
     * agent's console reconnects and must get a fresh snapshot (seq 1), and is checked from there on.
     */
    private void churn() throws Exception {
        if (options.churn() <= 0) {
            return;
        }
        say("phase console churn: %d consoles connect and disconnect under %.0f events/s", options.churn(), options.rate());
        double baseline = cuecard.heapAfterGcMb();
        double connected = metric("cuecard_console_connected");
        int round = 100;
        LatencyHistogram ignored = new LatencyHistogram();
        load.pace(options.rate());
        for (int done = 0; done < options.churn(); done += round) {
            List<BenchConsole> batch = new ArrayList<>();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < Math.min(round, options.churn() - done); i++) {
                int agent = (done + i) % options.agents();
                BenchConsole console = new BenchConsole("agent" + (agent + 1), ignored, false);
                batch.add(console);
                ready.add(console.open(wsClient, consoleUri(), cookies.get(agent)).thenCompose(BenchConsole::snapshot));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            batch.forEach(BenchConsole::close);
        }
        await("churned consoles closed", Duration.ofSeconds(60), () -> metric("cuecard_console_connected") == connected);
        load.pace(0);
        phaseEnd("console churn", true);
        // a console that reconnects gets a fresh snapshot (seq 1) and then live frames in sequence
        BenchConsole first = consoles.get(0);
        first.close();
        BenchConsole again = new BenchConsole(first.username, latency, true);
        again.open(wsClient, consoleUri(), cookies.get(0)).thenCompose(BenchConsole::snapshot).get(30, TimeUnit.SECONDS);
        consoles.set(0, again);
        double after = cuecard.heapAfterGcMb();
        say("  heap after GC: %.1f MB before, %.1f MB after (%+.1f MB); open consoles back to %.0f; a reconnecting console got a fresh snapshot",
                baseline, after, after - baseline, metric("cuecard_console_connected"));
    }

    private long[] hangUpAndCount() throws Exception {
        say("phase hang-up: every call hung up, waiting callers give up");
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
