package io.cuecard.console;

import static io.cuecard.TestUsers.supervisor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.sun.net.httpserver.HttpServer;
import io.cuecard.testsupport.Chromium;
import io.cuecard.testsupport.RequestRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same origin only, in chromium: a page served from another port of the same host (same site, another origin, so
 * the browser sends the victim's session cookie along) tries to open the console WebSocket and to replace a script
 * with a {@code text/plain} POST. Both arrive with the cookie and are refused; nothing changes. And Cuecard's own
 * pages, under their Content-Security-Policy, run without a single violation (the console's WebSocket included), as
 * does the Swagger UI under its own policy.
 */
@QuarkusTest
class ForeignOriginBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Records every Content-Security-Policy violation of a page (init scripts are not subject to the page's policy). */
    static final String RECORD_VIOLATIONS = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));";

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    HttpServer foreign;
    BrowserContext context;
    /** Set when the console's WebSocket delivered its snapshot. */
    final AtomicBoolean snapshot = new AtomicBoolean();
    final List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void launch() {
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        Chromium.close(browser, playwright);
    }

    @AfterEach
    void stop() {
        if (foreign != null) {
            foreign.stop(0);
        }
        if (context != null) {
            context.close();
        }
    }

    /** Cuecard as the victim's browser reaches it: 127.0.0.1, like the foreign page (same site, other port). */
    private String cuecard() {
        return "http://127.0.0.1:" + base.getPort();
    }

    private Page loggedIn(String user) {
        context = browser.newContext(Chromium.screen("en"));
        context.addInitScript(RECORD_VIOLATIONS);
        Page page = context.newPage();
        page.onWebSocket(ws -> {
            sockets.add(ws.url());
            ws.onFrameReceived(frame -> {
                String text = frame.text();
                sockets.add(text == null ? "(binary)" : text.substring(0, Math.min(60, text.length())));
                if (text != null && text.contains("\"type\":\"snapshot\"")) {
                    snapshot.set(true);
                }
            });
            ws.onClose(closed -> sockets.add("closed"));
        });
        page.onConsoleMessage(message -> sockets.add("console: " + message.text()));
        Chromium.logIn(page, cuecard() + "/login.html", user, user);
        return page;
    }

    @Test
    void aPageOnAnotherPortCannotUseTheVictimsCookie() throws Exception {
        String id = supervisor().get("/api/scripts").then().statusCode(200).extract().path("[0].id");
        String original = supervisor().get("/api/scripts/{id}", id).then().statusCode(200).extract().asString();
        int versions = supervisor().get("/api/scripts/{id}/versions", id).then().extract().jsonPath().getList("$").size();
        ObjectNode replaced = (ObjectNode) JSON.readTree(original);
        replaced.put("name", "replaced by a foreign page");
        replaced.remove("version");
        String body = JSON.writeValueAsString(JSON.writeValueAsString(replaced)).replace("</", "<\\/");

        String attack = """
                <!doctype html><html><body><p>Nothing to see here</p><script>
                window.results = { wsOpened: false, wsFrames: 0, wsClose: null, post: null };
                const cuecard = 'CUECARD';
                function finish() { if (results.wsClose !== null && results.post !== null) window.done = true; }
                const ws = new WebSocket(cuecard.replace(/^http/, 'ws') + '/ws/console');
                ws.onopen = () => { results.wsOpened = true; };
                ws.onmessage = () => { results.wsFrames++; ws.close(); };
                ws.onclose = (e) => { results.wsClose = e.code; finish(); };
                fetch(cuecard + '/api/scripts', { method: 'POST', mode: 'no-cors', credentials: 'include',
                    headers: { 'Content-Type': 'text/plain' }, body: BODY })
                  .then(() => { results.post = 'sent'; finish(); }, (e) => { results.post = 'failed: ' + e; finish(); });
                </script></body></html>
                """.replace("CUECARD", cuecard()).replace("BODY", body);
        foreign = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        foreign.createContext("/", exchange -> {
            byte[] page = attack.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        foreign.start();
        String foreignOrigin = "http://127.0.0.1:" + foreign.getAddress().getPort();

        Page page = loggedIn("supervisor");   // the victim: a supervisor with the console open
        PlaywrightAssertions.assertThat(page.getByTestId("banner-disconnected")).isHidden();

        RequestRecorder.start("/");
        List<RequestRecorder.Seen> seen;
        Map<?, ?> results;
        try {
            page.navigate(foreignOrigin + "/attack.html");
            page.waitForFunction("() => window.done === true", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
            results = (Map<?, ?>) page.evaluate("() => window.results");
            Thread.sleep(300);
        } finally {
            seen = RequestRecorder.stop();
        }

        assertThat(results.get("wsOpened")).as("the WebSocket opened").isEqualTo(false);
        assertThat(((Number) results.get("wsFrames")).intValue()).as("frames received").isZero();
        assertThat(results.get("post")).isEqualTo("sent");
        // both arrived, from the foreign origin, with the victim's cookie, and were refused
        List<String> attempts = new ArrayList<>();
        for (RequestRecorder.Seen s : seen) {
            if (s.path().equals("/ws/console") || s.path().equals("/api/scripts")) {
                attempts.add(s.method() + " " + s.path() + " " + s.status());
                assertThat(s.origin()).isEqualTo(foreignOrigin);
                assertThat(s.cookie()).as("the victim's cookie went along").isNotBlank();
            }
        }
        assertThat(attempts).containsExactlyInAnyOrder("GET /ws/console 403", "POST /api/scripts 403");
        // nothing changed
        assertThat(supervisor().get("/api/scripts/{id}/versions", id).then().extract().jsonPath().getList("$")).hasSize(versions);
        assertThat(JSON.readTree(supervisor().get("/api/scripts/{id}", id).then().extract().asString()).get("name"))
                .isEqualTo(JSON.readTree(original).get("name"));
    }

    @Test
    void cuecardsPagesAndTheSwaggerUiRunUnderTheirPolicies() {
        Page page = loggedIn("supervisor");
        // the console: its WebSocket (connect-src 'self') connected, its scripts and styles loaded
        // (Playwright delivers events only while the test waits in one of its calls)
        try {
            page.waitForCondition(snapshot::get, new Page.WaitForConditionOptions().setTimeout(10_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new AssertionError("no snapshot on the console's WebSocket: " + sockets, e);
        }
        PlaywrightAssertions.assertThat(page.getByTestId("banner-disconnected")).isHidden();
        assertThat(page.evaluate("() => window.__violations")).as("CSP violations on the console").asList().isEmpty();
        assertThat(page.evaluate("() => getComputedStyle(document.body).fontFamily")).asString().isNotBlank();
        // and the policy is in force: an injected inline script does not run, and is reported
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true';"
                + " document.body.appendChild(s); }");
        page.waitForCondition(() -> !((List<?>) page.evaluate("() => window.__violations")).isEmpty());
        assertThat(page.evaluate("() => window.__injected === true")).isEqualTo(false);
        assertThat((List<?>) page.evaluate("() => window.__violations")).singleElement().asString().startsWith("script-src");

        page.navigate(cuecard() + "/login.html?error");
        PlaywrightAssertions.assertThat(page.locator("#login-error")).isVisible();   // its script ran
        assertThat(page.evaluate("() => window.__violations")).as("CSP violations on the login page").asList().isEmpty();

        page.navigate(cuecard() + "/error.html");                                      // a failed login lands here
        page.waitForURL(url -> url.endsWith("/login.html?error"));
        PlaywrightAssertions.assertThat(page.locator("#login-error")).isVisible();
        assertThat(page.evaluate("() => window.__violations")).as("CSP violations on the error page").asList().isEmpty();

        page.navigate(cuecard() + "/q/swagger-ui/");
        PlaywrightAssertions.assertThat(page.locator("#swagger-ui .information-container")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#swagger-ui .opblock").first()).isVisible();
        List<?> violations = (List<?>) page.evaluate("() => window.__violations");
        assertThat(violations).as("CSP violations on the Swagger UI").allSatisfy(v ->
                assertThat(v.toString()).as("only the validator badge, an outside image, may be blocked").startsWith("img-src"));
    }
}
