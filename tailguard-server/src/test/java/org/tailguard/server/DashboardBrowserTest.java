package org.tailguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailguard.monitor.MonitorDemo;
import org.tailguard.store.Run;

/**
 * The dashboard end to end in headless Chromium (Debian's {@code /usr/bin/chromium}, driven by Playwright for
 * Java; no browser is ever downloaded), on real data: the monitor demo, two simulated lab runs and a guard
 * pipeline summary. Each page is checked for its content and charts, and screenshotted into
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir
  static Path dir;
  static TailguardServer server;
  static Playwright playwright;
  static Browser browser;
  static List<Run> runs;
  static MonitorDemo.Result demo;
  BrowserContext context;
  Page page;
  final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at /usr/bin/chromium (bin/setup installs it); "
        + "the browser tests are skipped");
    Path data = dir.resolve("data");
    long t0 = System.nanoTime();
    Files.createDirectories(data);
    DashboardFixture.pipeline(data, "web-books-70-30");
    server = TailguardServer.start(ServerConfig.of(data, 0).withToken(ApiTest.TOKEN)
        .withMonitor(DashboardFixture.monitorConfig()));
    // The lab runs and the monitor demo touch different stores: fill them side by side.
    var lab = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return DashboardFixture.labRuns(data);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    demo = DashboardFixture.monitorDemo(server.monitor());
    runs = lab.join();
    System.out.printf("fixture: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    Files.createDirectories(SHOTS);
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 900));
    page = context.newPage();
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        problems.add("console: " + m.text());
      }
    });
    page.onPageError(e -> problems.add("page error: " + e));
    page.onRequestFailed(r -> problems.add("request failed: " + r.url()));
  }

  @AfterEach
  void close() {
    context.close();
    assertEquals(List.of(), problems, "the page logged errors");
  }

  void go(String hash) {
    page.navigate(server.uri() + hash);
    page.waitForSelector("#view[data-ready=true]");
  }

  void shot(String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  /** How many Chart.js charts the page holds, and how many of them have drawn data. */
  int charts() {
    return ((Number) page.evaluate("() => Object.values(Chart.instances).filter(c => c.data.datasets.some(d => "
        + "d.data.some(x => x !== null))).length")).intValue();
  }

  @Test
  void monitorOverview_showsBothModelsWithWarningsOnlyOnTheCollapsingOne() {
    assertFalse(demo.collapsing().isEmpty(), "the demo's collapsing model raised warnings");
    go("#/monitor");
    Locator cards = page.locator("[data-testid=model-card]");
    assertEquals(2, cards.count());
    Locator collapsing = page.locator("[data-model=" + MonitorDemo.COLLAPSING + "]");
    assertTrue(collapsing.locator(".badge.bad").textContent().contains("warning"));
    Locator control = page.locator("[data-model=" + MonitorDemo.CONTROL + "]");
    assertEquals(demo.control().isEmpty() ? "quiet" : demo.control().size() + " warning" + (demo.control().size() == 1 ? "" : "s"),
        control.locator(".badge").textContent());
    page.waitForFunction("() => Object.keys(Chart.instances).length >= 2"); // the sparklines load after the cards
    assertTrue(page.locator("nav a.active").textContent().contains("Monitor"));
    shot("monitor-overview");
  }

  @Test
  void monitorModel_chartsIndicatorsWithWarningMarkersAndEvidence() {
    go("#/monitor/" + MonitorDemo.COLLAPSING);
    assertEquals(MonitorDemo.COLLAPSING, page.locator("[data-testid=model-title]").textContent());
    assertEquals(demo.collapsing().size(), page.locator("[data-testid=warning]").count());
    assertTrue(page.locator(".chart-box.flagged").count() >= 1, "a flagged indicator's chart is marked");
    assertTrue(charts() >= 6, "indicator charts drew data");
    // Each warning's version and indicator is a red cell of the table.
    assertTrue(page.locator("[data-testid=indicator-table] td.flag").count() >= 1);
    // The markers dataset holds a point exactly where a warning is.
    Object markers = page.evaluate("() => Object.values(Chart.instances).map(c => c.data.datasets[1]?.data ?? [])"
        + ".flat().filter(x => x !== null).length");
    assertTrue(((Number) markers).intValue() >= 1);
    shot("monitor-collapsing");
    // Compare the first and the last version: the drift test and the indicator changes.
    page.locator("[data-testid=compare]").click();
    page.waitForSelector("[data-testid=changes-table]", new Page.WaitForSelectorOptions().setTimeout(60_000));
    assertTrue(page.locator("[data-testid=changes-table] tbody tr").count() >= 5);
    assertTrue(page.locator("[data-testid=comparison]").textContent().contains("Drift AUC"));
    page.locator("[data-testid=comparison]").screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("monitor-compare.png")));
  }

  @Test
  void monitorControl_isQuiet() {
    go("#/monitor/" + MonitorDemo.CONTROL);
    if (demo.control().isEmpty()) {
      assertTrue(page.locator("[data-testid=no-warnings]").isVisible());
    } else {
      assertEquals(demo.control().size(), page.locator("[data-testid=warning]").count());
    }
    assertTrue(charts() >= 6);
    shot("monitor-control");
  }

  @Test
  void labRun_showsCurvesWithBandsAndTheSeedTable() {
    go("#/runs");
    assertEquals(2, page.locator("[data-testid=run-row]").count());
    shot("runs");
    page.locator("a", new Page.LocatorOptions().setHasText(runs.get(0).id())).click();
    page.waitForSelector("[data-testid=run-title]");
    page.waitForSelector("#view[data-ready=true]");
    assertEquals(runs.get(0).id(), page.locator("[data-testid=run-title]").textContent());
    assertTrue(charts() >= 2);
    // Three datasets per chart: the band's upper edge, its lower edge filled to it, and the median.
    Object bands = page.evaluate("() => Object.values(Chart.instances).every(c => c.data.datasets.length === 3 "
        + "&& c.data.datasets[1].fill === '-1')");
    assertEquals(Boolean.TRUE, bands);
    assertEquals(0, page.locator("[data-testid=seed-table]").count(), "a Gaussian run has no seed table");
    shot("run-gaussian");
    go("#/runs/" + runs.get(1).id());
    Locator seed = page.locator("[data-testid=seed-table] tbody tr");
    assertEquals(runs.get(1).generations() + 1, seed.count());
    assertTrue(seed.first().textContent().contains("100%"), "generation 0 is 100% of itself");
    shot("run-text");
  }

  @Test
  void pipeline_showsStageCountsHistogramsAndMixture() {
    go("#/pipelines");
    assertEquals(1, page.locator("[data-testid=pipeline-card]").count());
    page.locator("[data-testid=pipeline-card]").click();
    page.waitForSelector("[data-testid=pipeline-title]");
    page.waitForSelector("#view[data-ready=true]");
    assertEquals(2, page.locator("[data-testid=stage-table]").count());
    assertEquals(4, page.locator("[data-testid=histogram]").count());
    assertEquals(2, page.locator("[data-testid=mixture-table] tbody tr").count());
    assertTrue(page.locator("[data-testid=stage-table]").first().textContent().contains("11,020"));
    assertEquals(6, charts(), "2 stage charts and 4 histograms");
    shot("pipeline");
  }

  @Test
  void darkScheme_followsTheSystemPreference() {
    context.close();
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 900)
        .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    page = context.newPage();
    page.onPageError(e -> problems.add("page error: " + e));
    go("#/monitor/" + MonitorDemo.COLLAPSING);
    String bg = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
    assertEquals("rgb(15, 20, 27)", bg, "the dark palette's background");
    assertTrue(charts() >= 6);
    shot("monitor-collapsing-dark");
  }

  @Test
  void unknownThings_showAClearMessage() {
    go("#/runs/no-such-run");
    assertTrue(page.locator("[data-testid=error]").textContent().contains("no-such-run"));
    problems.removeIf(p -> p.startsWith("console: Failed to load resource")); // the 404 itself
  }
}
