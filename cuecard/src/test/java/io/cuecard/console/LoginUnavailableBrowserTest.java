package io.cuecard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.testsupport.Chromium;
import io.cuecard.testsupport.DatabaseBehindProxy;
import io.cuecard.testsupport.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In chromium: logging in through the login page while Cuecard cannot reach its database lands on the login page
 * again, which says in zh-CN and en that the service is temporarily unavailable; once the database is back the same
 * login opens the console.
 */
@QuarkusTest
@TestProfile(DatabaseBehindProxy.class)
class LoginUnavailableBrowserTest {

    TcpProxy proxy;

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @Test
    void theLoginPageSaysTheServiceIsTemporarilyUnavailable() throws Exception {
        try (Playwright playwright = Playwright.create();
             Browser browser = Chromium.launch(playwright)) {
            Page page = Chromium.newPage(browser, "zh-CN");
            page.navigate(base + "login.html");
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).isHidden();

            proxy.cut();
            Chromium.submitLogin(page, "agent1", "agent1");
            page.waitForURL(url -> url.contains("/login.html?unavailable"));
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable")).hasText("服务暂时不可用，请稍后再试。");
            PlaywrightAssertions.assertThat(page.locator("#login-error")).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("login-unavailable.png")));
            page.click("button[data-lang=en]");
            PlaywrightAssertions.assertThat(page.locator("#login-unavailable"))
                    .hasText("The service is temporarily unavailable. Please try again in a moment.");

            proxy.restore();
            for (int attempt = 1; ; attempt++) {
                page.navigate(base + "login.html");
                Chromium.submitLogin(page, "agent1", "agent1");
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
