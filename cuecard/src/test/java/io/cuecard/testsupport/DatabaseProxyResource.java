package io.cuecard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a {@link TcpProxy} between Cuecard and the test database ({@code _TEST_QUARKUS_DATASOURCE_JDBC_URL}, else
 * {@code cuecard_test} on localhost:5432) and injects it into the test's {@code TcpProxy} field. The JDBC URL gets
 * short connect and socket time-outs so that a cut is noticed in seconds.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+)(?:\\?.*)?");

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String target = System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/cuecard_test");
        Matcher m = URL.matcher(target);
        if (!m.matches()) {
            throw new IllegalStateException("Cannot proxy the test database URL " + target);
        }
        try {
            proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot start the database proxy", e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3) + "?connectTimeout=2&socketTimeout=5";
        return Map.of("quarkus.datasource.jdbc.url", url, "%test.quarkus.datasource.jdbc.url", url);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
