package io.cuecard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The database health group's database state is a real, time-bounded question to the database. */
class CallLogHealthTest {

    @Test
    void aDatabaseThatAnswersIsReachable() {
        assertThat(health(() -> connection(true)).databaseReachable()).isTrue();
    }

    @Test
    void aRefusedConnectionOrAnInvalidOneIsDown() {
        assertThat(health(() -> {
            throw new SQLException("Connection refused");
        }).databaseReachable()).isFalse();
        assertThat(health(() -> connection(false)).databaseReachable()).isFalse();
    }

    @Test
    void aDatabaseThatHangsIsDownWithinTheProbeWait() {
        CountDownLatch release = new CountDownLatch(1);
        CallLogHealth health = health(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return connection(true);
        });
        long start = System.nanoTime();
        assertThat(health.databaseReachable()).isFalse();
        assertThat(health.databaseReachable()).as("the next request shares the hanging probe").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3 * CallLogHealth.PROBE_WAIT.toMillis());
        release.countDown();
    }

    interface Connect {
        Connection get() throws SQLException;
    }

    private static CallLogHealth health(Connect connect) {
        CallLogHealth health = new CallLogHealth();
        health.dataSource = (AgroalDataSource) Proxy.newProxyInstance(CallLogHealthTest.class.getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connect.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return health;
    }

    private static Connection connection(boolean valid) {
        return (Connection) Proxy.newProxyInstance(CallLogHealthTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
