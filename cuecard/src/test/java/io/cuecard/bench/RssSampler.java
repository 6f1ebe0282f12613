package io.cuecard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident set size ({@code VmRSS}) of Cuecard's process every {@link #PERIOD_MILLIS} ms through the whole
 * run, in every phase: the peak per phase ({@link #newPhase}) and over the run. The kernel's own peak ({@code VmHWM},
 * {@link CuecardProcess#rssKb}) bounds the run's peak from above between samples.
 */
final class RssSampler implements AutoCloseable {

    static final long PERIOD_MILLIS = 100;

    private final Path status;
    private final Thread thread;
    private final AtomicLong runPeak = new AtomicLong();
    private final AtomicLong phasePeak = new AtomicLong();
    private volatile boolean running = true;

    RssSampler(long pid) {
        status = Path.of("/proc", String.valueOf(pid), "status");
        thread = new Thread(this::sample, "bench-rss");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        runPeak.accumulateAndGet(kb, Math::max);
                        phasePeak.accumulateAndGet(kb, Math::max);
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The peak sampled since the previous call (the phase that ends now), in kB; a new phase starts. */
    long newPhase() {
        return phasePeak.getAndSet(0);
    }

    /** The peak sampled over the run so far, in kB. */
    long runPeakKb() {
        return runPeak.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
