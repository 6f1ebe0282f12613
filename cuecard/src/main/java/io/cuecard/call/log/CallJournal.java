package io.cuecard.call.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.call.CallView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The call log's local overflow: an append-only journal of {@link CallView}s, one JSON object per line, in segment
 * files {@code calls-<n>.jsonl} of a directory. {@link CallLogWriter} spills calls here when more are waiting for the
 * database than it keeps in memory, and writes them to the database (then deletes the segment) once it is reachable.
 *
 * <p>Segments are append-only and never reopened: a journal opened on a directory with files in it (after a crash or a
 * stop while the database was down) starts a new segment, so a line torn by a crash can only be the last line of an
 * old segment; {@link #read} skips lines it cannot parse. A segment holds at most {@code segmentCalls} lines, so
 * replaying one segment keeps at most that many calls in memory. Each append is flushed and forced to disk
 * ({@code fsync}) once per spill, not per call.
 *
 * <p>Thread-safe: appends (the spill thread) and sealing/deleting (the writer thread) may run concurrently.
 */
public final class CallJournal {

    private static final Logger LOG = Logger.getLogger(CallJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("calls-(\\d+)\\.jsonl");

    private final Path dir;
    private final ObjectMapper json;
    private final int segmentCalls;
    /** Every segment not yet deleted, oldest first, with its number of lines. */
    private final TreeMap<Long, Integer> segments = new TreeMap<>();
    private long next;
    private FileChannel current;
    private long currentSeq = -1;
    /** Lines in the journal, and segments in it: read without the monitor, so a caller never waits for an fsync. */
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger segmentFiles = new AtomicInteger();

    /** Opens (and creates) the journal directory; segments already there are kept for {@link #seal()}. */
    public CallJournal(Path dir, ObjectMapper json, int segmentCalls) {
        this.dir = dir;
        this.json = json;
        this.segmentCalls = Math.max(1, segmentCalls);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Matcher m = SEGMENT.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        long seq = Long.parseLong(m.group(1));
                        int lines = countLines(file);
                        segments.put(seq, lines);
                        segmentFiles.set(segments.size());
                        calls.addAndGet(lines);
                        next = Math.max(next, seq + 1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the call log journal in " + dir.toAbsolutePath(), e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** Calls (lines) in the journal, counting every version of a call. */
    public int size() {
        return calls.get();
    }

    /** True when there is no segment file (not even an empty one) to replay. */
    public boolean isEmpty() {
        return segmentFiles.get() == 0;
    }

    /** Appends calls as JSON lines to the current segment (starting a new one when it is full) and forces them to disk. */
    public synchronized void append(Collection<CallView> views) throws IOException {
        List<CallView> left = new ArrayList<>(views);
        int from = 0;
        while (from < left.size()) {
            if (current == null || segments.get(currentSeq) >= segmentCalls) {
                open();
            }
            int room = segmentCalls - segments.get(currentSeq);
            int to = Math.min(left.size(), from + room);
            StringBuilder text = new StringBuilder();
            for (CallView call : left.subList(from, to)) {
                text.append(line(call)).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
            current.force(false);
            segments.merge(currentSeq, to - from, Integer::sum);
            calls.addAndGet(to - from);
            from = to;
        }
    }

    /** Closes the segment being appended to and lists every segment in the journal, oldest first, for replay. */
    public synchronized List<Path> seal() throws IOException {
        closeCurrent();
        return segments.keySet().stream().map(this::file).toList();
    }

    /** Removes a replayed segment. */
    public synchronized void delete(Path segment) throws IOException {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a journal segment: " + segment);
        }
        long seq = Long.parseLong(m.group(1));
        if (seq == currentSeq) {
            closeCurrent();
        }
        Files.deleteIfExists(segment);
        Integer lines = segments.remove(seq);
        segmentFiles.set(segments.size());
        if (lines != null) {
            calls.addAndGet(-lines);
        }
    }

    /**
     * The calls in a segment, newest version of each call only, in the order they were first journalled. Lines that
     * cannot be read (a write torn by a crash) are skipped with a warning.
     */
    public Map<String, CallView> read(Path segment) throws IOException {
        Map<String, CallView> calls = new LinkedHashMap<>();
        int lineNo = 0;
        try (BufferedReader in = reader(segment)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                CallView call;
                try {
                    call = json.readValue(line, CallView.class);
                } catch (JsonProcessingException e) {
                    LOG.warnf("Call log journal %s line %d is not readable and is skipped: %s", segment, lineNo, e.getOriginalMessage());
                    continue;
                }
                if (call == null || call.id() == null) {
                    continue;
                }
                CallView known = calls.get(call.id());
                if (known == null || known.version() <= call.version()) {
                    calls.put(call.id(), call);
                }
            }
        }
        return calls;
    }

    /** Every call in the journal, newest version of each (for tests and tools; the writer reads one segment at a time). */
    public Map<String, CallView> readAll() throws IOException {
        Map<String, CallView> all = new LinkedHashMap<>();
        List<Path> files;
        synchronized (this) {
            files = segments.keySet().stream().map(this::file).toList();
        }
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            for (CallView call : read(file).values()) {
                CallView known = all.get(call.id());
                if (known == null || known.version() <= call.version()) {
                    all.put(call.id(), call);
                }
            }
        }
        return all;
    }

    /** Closes the open segment (the files stay). */
    public synchronized void close() throws IOException {
        closeCurrent();
    }

    private void open() throws IOException {
        closeCurrent();
        currentSeq = next++;
        current = FileChannel.open(file(currentSeq), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.put(currentSeq, 0);
        segmentFiles.set(segments.size());
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        currentSeq = -1;
    }

    private Path file(long seq) {
        return dir.resolve(String.format("calls-%012d.jsonl", seq));
    }

    private String line(CallView call) {
        try {
            return json.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write call " + call.id() + " as JSON", e);
        }
    }

    private static int countLines(Path file) throws IOException {
        try (BufferedReader in = reader(file)) {
            return (int) in.lines().filter(l -> !l.isBlank()).count();
        }
    }

    /** Malformed UTF-8 (a write torn inside a character) becomes U+FFFD instead of failing the whole segment. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }
}
