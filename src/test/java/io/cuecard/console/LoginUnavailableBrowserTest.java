package io.cuecard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.testsupport.DatabaseProxyResource;
import io.cuecard.testsupport.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In chromium: logging in through the login page while Cuecard cannot reach its database lands on the login page
 * again, which says in zh-CN and en that the service is temporarily unavailable; once the database is back the same
 * login opens the console.
 */
@QuarkusTest
@TestProfile(LoginUnavailableBrowserTest.Outage.class)
class LoginUnavailableBrowserTest {

    /** Cuecard behind a proxy to its database; a connection that cannot be had fails within 2 s. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxyResource.class));
        }
    }

    TcpProxy proxy;

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @Test
    void theLoginPageSaysTheServiceIsTemporarilyUnavailable() throws Exception {
        Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
        try (Playwright playwright = Playwright.create();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                     .setHeadless(true)
                     .setArgs(ConsoleBrowserTest.CHROMIUM_ARGS))) {
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN")).newPage();
            page.navigate(base + "login.html");
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).isHidden();

            proxy.cut();
            page.fill("input[name=j_username]", "agent1");
            page.fill("input[name=j_password]", "agent1");
            page.click("button[type=submit]");
            page.waitForURL(url -> url.contains("/login.html?unavailable"));
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).hasText("服务暂时不可用，请稍后再试。");
            PlaywrightAssertions.assertThat(page.locator("#login-error")).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowserTest.SCREENSHOTS.resolve("login-unavailable.png")));
            page.click("button[data-lang=en]");
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable"))
                    .hasText("The service is temporarily unavailable. Please try again in a moment.");

            proxy.restore();
            for (int attempt = 1; ; attempt++) {
                page.navigate(base + "login.html");
                page.fill("input[name=j_username]", "agent1");
                page.fill("input[name=j_password]", "agent1");
                page.click("button[type=submit]");
                page.waitForURL(url -> !url.endsWith("/login.html"));
                if (!page.url().contains("/login.html")) {
                    break;
                }
                // the pool may take a moment to reconnect; until then the page says the service is unavailable
                assertThat(page.url()).contains("/login.html?unavailable");
                assertThat(attempt).as("attempts after the database returned").isLessThan(10);
                Thread.sleep(1_000);
            }
            PlaywrightAssertions.assertThat(page.getByTestId("agent-state")).isVisible();
        }
    }
}
