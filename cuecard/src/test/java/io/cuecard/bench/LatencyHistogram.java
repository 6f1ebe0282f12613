package io.cuecard.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Latencies in 10 µs buckets up to 10 s (longer ones in the last bucket), lock-free, with the exact maximum. */
final class LatencyHistogram {

    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 1_000_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong maxMicros = new AtomicLong();

    void record(long micros) {
        long m = Math.max(0, micros);
        counts.incrementAndGet((int) Math.min(BUCKETS - 1, m / BUCKET_MICROS));
        total.incrementAndGet();
        maxMicros.accumulateAndGet(m, Math::max);
    }

    long count() {
        return total.get();
    }

    /** The latency (ms) below which {@code quantile} of the samples fall (bucket upper bound); 0 without samples. */
    double quantileMillis(double quantile) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return maxMillis();
    }

    double maxMillis() {
        return maxMicros.get() / 1000.0;
    }

    void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
        total.set(0);
        maxMicros.set(0);
    }
}
