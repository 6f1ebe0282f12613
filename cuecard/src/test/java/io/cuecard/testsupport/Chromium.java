package io.cuecard.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The browser tests' chromium: Debian's {@code /usr/bin/chromium} (or {@code $CHROMIUM}), headless, with the flags
 * this machine needs; pages the size of an agent's screen; the login form filled as a person fills it.
 */
public final class Chromium {

    public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
    /** Where the tests leave their screenshots (created by {@link #launch}). */
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Chromium() {
    }

    public static Browser launch(Playwright playwright) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(ARGS));
    }

    /** The options of a new context: 1280×860, the given console language ({@code zh-CN} or {@code en}). */
    public static Browser.NewContextOptions screen(String locale) {
        return new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale(locale);
    }

    /** A page in a new context of its own (its own cookies). */
    public static Page newPage(Browser browser, String locale) {
        return browser.newContext(screen(locale)).newPage();
    }

    /** Fills and sends the login form of the page it is on. */
    public static void submitLogin(Page page, String username, String password) {
        page.fill("input[name=j_username]", username);
        page.fill("input[name=j_password]", password);
        page.click("button[type=submit]");
    }

    /** Opens the login page, logs in and waits for the console. */
    public static void logIn(Page page, String loginPage, String username, String password) {
        page.navigate(loginPage);
        submitLogin(page, username, password);
        page.waitForURL(url -> !url.contains("login"));
    }

    public static void close(Browser browser, Playwright playwright) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
