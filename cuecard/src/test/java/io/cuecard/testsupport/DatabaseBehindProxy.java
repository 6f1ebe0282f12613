package io.cuecard.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A test profile: Cuecard reaches its database through a {@link TcpProxy} the test can cut ({@link DatabaseProxyResource}
 * injects it into the test's {@code TcpProxy} field); a connection that cannot be had fails within 2 s.
 */
public class DatabaseBehindProxy implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "2S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DatabaseProxyResource.class));
    }
}
