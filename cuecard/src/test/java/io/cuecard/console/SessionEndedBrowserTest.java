package io.cuecard.console;

import static io.cuecard.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In chromium: a logged-in console whose session an admin ends says so and lands on the login page (zh-CN and en);
 * too many failed logins show how long to wait.
 */
@QuarkusTest
class SessionEndedBrowserTest {

    static final String PASSWORD = "browser-password-1";

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void launch() throws Exception {
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        Chromium.close(browser, playwright);
    }

    private static void createUser(String username, String role) {
        as("admin").delete("/api/agents/{u}", username);
        as("admin").contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}")
                .post("/api/agents").then().statusCode(201);
    }

    private Page newPage() {
        return Chromium.newPage(browser, "zh-CN");
    }

    @Test
    void aConsoleWhoseSessionAnAdminEndsSaysSoAndGoesToTheLoginPage() throws Exception {
        createUser("browser-ended", "supervisor");
        Page page = newPage();
        Chromium.logIn(page, base + "login.html", "browser-ended", PASSWORD);
        PlaywrightAssertions.assertThat(page.getByTestId("agent-state")).isVisible();
        PlaywrightAssertions.assertThat(page.getByTestId("banner-disconnected")).isHidden();

        as("admin").delete("/api/users/browser-ended/sessions").then().statusCode(200);

        page.waitForURL(url -> url.contains("/login.html?ended"), new Page.WaitForURLOptions().setTimeout(5_000));
        PlaywrightAssertions.assertThat(page.locator("#login-ended")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#login-ended")).hasText("您的会话已结束，请重新登录。");
        PlaywrightAssertions.assertThat(page.locator("#login-error")).isHidden();
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("session-ended.png")));
        page.click("button[data-lang=en]");
        PlaywrightAssertions.assertThat(page.locator("#login-ended")).hasText("Your session has ended. Please log in again.");

        // the old cookie is gone for good: opening the console again ends on the login page
        page.navigate(base.toString());
        page.waitForURL(url -> url.contains("/login.html"), new Page.WaitForURLOptions().setTimeout(5_000));
        assertThat(page.url()).contains("/login.html");
        page.context().close();
    }

    @Test
    void tooManyFailedLoginsSayHowLongToWait() {
        createUser("browser-throttled", "agent");
        Page page = newPage();
        try {
            for (int i = 1; i <= 5; i++) {
                page.navigate(base + "login.html");
                Chromium.submitLogin(page, "browser-throttled", "wrong-password-" + i);
                page.waitForURL(url -> url.contains("login.html?error"));
                PlaywrightAssertions.assertThat(page.locator("#login-error")).isVisible();
            }
            Chromium.submitLogin(page, "browser-throttled", PASSWORD);
            page.waitForURL(url -> url.contains("login.html?throttled="));
            PlaywrightAssertions.assertThat(page.locator("#login-throttled")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#login-throttled")).hasText("尝试次数过多，请 1 分钟后再试。");
            PlaywrightAssertions.assertThat(page.locator("#login-error")).isHidden();
            page.click("button[data-lang=en]");
            PlaywrightAssertions.assertThat(page.locator("#login-throttled")).hasText("Too many failed attempts. Try again in 1 min.");

            page.navigate(base + "login.html?throttled=600");
            PlaywrightAssertions.assertThat(page.locator("#login-throttled")).hasText("Too many failed attempts. Try again in 10 min.");
        } finally {
            page.context().close();
            as("admin").delete("/api/login-throttle?username=browser-throttled").then().statusCode(200);
        }
    }
}
