package io.cuecard.pbx.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded AMI session (the files in {@code cuecard/src/test/resources/ami-traces}): the exact bytes Asterisk sent,
 * CRLF line endings, packets separated by an empty line. A scenario trace starts with the banner line
 * and the login reply and ends with the logoff reply; an {@code action-*} trace is one list reply.
 */
public record AmiTrace(String name, String banner, List<AmiPacket> packets) {

    public static AmiTrace read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses trace text; a line without {@code ": "} is kept as a header with an empty value. */
    public static AmiTrace parse(String name, String text) {
        String banner = null;
        List<AmiPacket> packets = new ArrayList<>();
        List<AmiPacket.Header> current = new ArrayList<>();
        String[] lines = text.split("\r\n", -1);
        for (String line : lines) {
            if (banner == null && packets.isEmpty() && current.isEmpty() && line.startsWith("Asterisk Call Manager/")) {
                banner = line;
                continue;
            }
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    packets.add(new AmiPacket(current));
                    current = new ArrayList<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                current.add(new AmiPacket.Header(line, ""));
            } else {
                String value = line.substring(colon + 1);
                current.add(new AmiPacket.Header(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
            }
        }
        if (!current.isEmpty()) {
            packets.add(new AmiPacket(current));
        }
        return new AmiTrace(name, banner, List.copyOf(packets));
    }

    /**
     * The packets of the call scenario itself: without the login reply before the first event
     * and the logoff reply ({@code Response: Goodbye}) at the end.
     */
    public List<AmiPacket> scenarioPackets() {
        List<AmiPacket> out = new ArrayList<>(packets.size());
        boolean seenEvent = false;
        for (AmiPacket p : packets) {
            if (p.isEvent()) {
                seenEvent = true;
                out.add(p);
            } else if (p.isResponse() && ("Goodbye".equalsIgnoreCase(p.get("Response")) || (!seenEvent && "login-1".equals(p.get("ActionID"))))) {
                continue;
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The recorded traces the tests and the benchmark replay (not used in production: {@code replay} mode takes its
     * files from {@code cuecard.pbx.replay.files}): {@code CUECARD_AMI_TRACES} if set, else the repository's copy,
     * {@code ami-traces} on the test class path ({@code target/test-classes}) or {@code src/test/resources/ami-traces}
     * of the working directory (the product module's folder, {@code cuecard/}, in its tests).
     */
    public static Path sharedTraceDir() {
        String env = System.getenv("CUECARD_AMI_TRACES");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(), AmiTrace.class.getClassLoader()}) {
            java.net.URL readme = loader == null ? null : loader.getResource(REPOSITORY_COPY + "/README.md");
            if (readme != null && "file".equals(readme.getProtocol())) {
                try {
                    return Path.of(readme.toURI()).getParent();
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a plain file: the source folder below
                }
            }
        }
        return Path.of("src", "test", "resources", REPOSITORY_COPY).toAbsolutePath();
    }

    private static final String REPOSITORY_COPY = "ami-traces";
}
