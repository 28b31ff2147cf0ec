package io.pharos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.protobuf.CodedOutputStream;
import io.pharos.spi.storage.StorageBackend;
import io.pharos.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.xerial.snappy.Snappy;

/**
 * Boots the built distribution in a real Karaf and checks the platform end to end: every Pharos
 * bundle is active, a target served by this test is scraped and its sample read back through the
 * HTTP API, and stopping the storage plugin makes the API answer 503 until it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PharosContainerIT {
    private static final int HTTP_PORT = Integer.getInteger("pharos.it.httpPort", 0);
    private static final int TARGET_PORT = Integer.getInteger("pharos.it.targetPort", 0);
    private static Server target;

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        int httpPort = KarafOptions.freePort();
        int targetPort = KarafOptions.freePort();
        String yml = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: it\n    static_configs:\n      - targets: ['127.0.0.1:" + targetPort + "']\n";
        List<Option> options = new ArrayList<>(List.of(KarafOptions.pharos(httpPort, yml)));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("pharos.it.targetPort").value(Integer.toString(targetPort)));
        options.add(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut(
                "etc/io.pharos.remotewrite.cfg", "enabled", "true"));
        options.add(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut(
                "etc/io.pharos.http.cfg", "admin.enabled", "true"));
        return options.toArray(new Option[0]);
    }

    /** Pax Exam runs class-level hooks around every test method in the container. */
    @AfterClass
    public static synchronized void stopTarget() throws Exception {
        if (target != null) {
            target.stop();
            target = null;
        }
    }

    /** Serves a fixed exposition on the port the scrape config points at. */
    private static synchronized void startTarget() throws Exception {
        if (target != null) {
            return;
        }
        target = new Server();
        ServerConnector c = new ServerConnector(target);
        c.setHost("127.0.0.1");
        c.setPort(TARGET_PORT);
        target.addConnector(c);
        target.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                byte[] body = ("# HELP it_answer The answer.\n# TYPE it_answer gauge\n"
                        + "it_answer{kind=\"test\"} 42\n").getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/plain; version=0.0.4");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        target.start();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the predicate holds, for at most 30 s; returns the last response. */
    private static HttpResponse<String> await(String pathAndQuery, Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = get(pathAndQuery);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // retry
            }
            Thread.sleep(200);
        }
        String up;
        try {
            up = get("/api/v1/query?query=up").body();
        } catch (IOException e) {
            up = e.toString();
        }
        fail("timed out waiting for " + pathAndQuery + "; last response: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()) + "; up: " + up);
        return last;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        fail("bundle " + symbolicName + " is not installed");
        return null;
    }

    @Test
    public void everyPharosBundleIsActiveAndItsServicesAreUp() {
        List<String> expected = List.of("io.pharos.spi", "io.pharos.exposition", "io.pharos.config",
                "io.pharos.storage", "io.pharos.tsdb", "io.pharos.storage.lmdb", "io.pharos.scrape", "io.pharos.promql",
                "io.pharos.http.api", "io.pharos.shell", "io.pharos.remotewrite.receiver", "io.pharos.discovery.file",
                "io.pharos.discovery.http");
        for (String name : expected) {
            assertEquals(name + " is not active", Bundle.ACTIVE, bundle(name).getState());
        }
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("io.pharos")) {
                assertEquals(b.getSymbolicName() + " is not active", Bundle.ACTIVE, b.getState());
            }
        }
        // A failed activation still leaves a reference: check the service object itself.
        ServiceReference<Storage> ref = context.getServiceReference(Storage.class);
        assertNotNull(ref);
        assertNotNull(context.getService(ref));
        assertTrue(context.getService(ref).available());
    }

    @Test
    public void scrapesATargetAndAnswersTheQueryOverHttp() throws Exception {
        startTarget();
        HttpResponse<String> r = await("/api/v1/query?query=it_answer%7Bjob%3D%22it%22%7D",
                resp -> resp.statusCode() == 200 && resp.body().contains("\"42\""));
        assertTrue(r.body(), r.body().contains("\"resultType\":\"vector\""));
        assertTrue(r.body(), r.body().contains("\"__name__\":\"it_answer\""));
        assertTrue(r.body(), r.body().contains("\"job\":\"it\""));
        assertTrue(r.body(), r.body().contains("\"instance\":\"127.0.0.1:" + TARGET_PORT + "\""));
        assertTrue(r.body(), r.body().contains("\"kind\":\"test\""));
        await("/api/v1/query?query=up", resp -> resp.body().contains("\"1\"")
                && resp.body().contains("\"job\":\"it\""));
        HttpResponse<String> targets = get("/api/v1/targets?scrapePool=it");
        assertTrue(targets.body(), targets.body().contains("\"scrapeUrl\":\"http://127.0.0.1:" + TARGET_PORT + "/metrics\""));
        assertTrue(targets.body(), targets.body().contains("\"health\":\"up\""));
    }

    @Test
    public void storageRestartAnswers503MeanwhileAndKeepsEveryStoredSample() throws Exception {
        startTarget();
        await("/-/ready", resp -> resp.statusCode() == 200);
        String count = "/api/v1/query?query=count_over_time(it_answer%5B1h%5D)";
        long before = countIn(await(count, resp -> resp.statusCode() == 200
                && resp.body().contains("\"value\"")).body());
        Bundle lmdb = bundle("io.pharos.storage.lmdb");
        lmdb.stop();
        try {
            assertEquals(0, context.getServiceReferences(StorageBackend.class, null) == null ? 0
                    : context.getServiceReferences(StorageBackend.class, null).size());
            HttpResponse<String> down = get("/api/v1/query?query=up");
            assertEquals(down.body(), 503, down.statusCode());
            assertTrue(down.body(), down.body().contains("\"status\":\"error\""));
            assertTrue(down.body(), down.body().contains("\"errorType\":\"unavailable\""));
            assertTrue(down.body(), down.body().contains("storage unavailable"));
            assertEquals(503, get("/-/ready").statusCode());
            assertEquals(200, get("/-/healthy").statusCode());
        } finally {
            lmdb.start();
        }
        // Every sample stored before the stop is still there, and scrapes go on storing.
        long after = countIn(await(count, resp -> resp.statusCode() == 200
                && resp.body().contains("\"value\"")).body());
        assertTrue("samples before the restart " + before + ", after " + after, after >= before);
        await(count, resp -> resp.statusCode() == 200 && countIn(resp.body()) > after);
    }

    /** The value of the single sample of an instant-vector answer. */
    private static long countIn(String body) {
        int v = body.indexOf("\"value\":[");
        int q = body.indexOf('"', body.indexOf(',', v) + 1);
        return Long.parseLong(body.substring(q + 1, body.indexOf('"', q + 1)));
    }

    @Test
    public void queryCommandPrintsAnAlignedTable() throws Exception {
        startTarget();
        await("/api/v1/query?query=it_answer%7Bjob%3D%22it%22%7D",
                resp -> resp.statusCode() == 200 && resp.body().contains("\"42\""));
        String printed = shell("pharos:query 'it_answer{job=\"it\"}'");
        assertTrue(printed, printed.contains("Series"));
        assertTrue(printed, printed.contains("Value"));
        assertTrue(printed, printed.contains("it_answer{instance=\"127.0.0.1:" + TARGET_PORT + "\", job=\"it\", kind=\"test\"}"));
        assertTrue(printed, printed.contains(" 42 "));
    }

    /** What a console command prints. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void ruleCommandsCheckAndUnitTestRuleFiles() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("it-rules");
        java.nio.file.Files.writeString(dir.resolve("rules.yml"), "groups:\n  - name: g\n    rules:\n"
                + "      - alert: Down\n        expr: up == 0\n        for: 1m\n"
                + "        annotations:\n          summary: '{{ $labels.instance }} is down'\n");
        java.nio.file.Files.writeString(dir.resolve("test.yml"), "rule_files: [rules.yml]\nevaluation_interval: 1m\n"
                + "tests:\n  - interval: 1m\n    input_series:\n      - series: 'up{job=\"j\", instance=\"a\"}'\n"
                + "        values: '0x5'\n    alert_rule_test:\n      - eval_time: 3m\n        alertname: Down\n"
                + "        exp_alerts:\n          - exp_labels: {job: j, instance: a}\n"
                + "            exp_annotations: {summary: 'a is down'}\n");
        String checked = shell("pharos:check-rules " + dir.resolve("rules.yml"));
        assertTrue(checked, checked.contains("SUCCESS: 1 rules found"));
        String tested = shell("pharos:test-rules " + dir.resolve("test.yml"));
        assertTrue(tested, tested.contains("SUCCESS"));
        assertFalse(tested, tested.contains("FAILED"));
    }

    /** A rule file that does not load fails the whole reload (the rule manager's ConfigValidator). */
    @Test
    public void aBrokenRuleFileFailsTheReload() throws Exception {
        ServiceReference<io.pharos.config.ConfigService> ref = context.getServiceReference(io.pharos.config.ConfigService.class);
        io.pharos.config.ConfigService config = context.getService(ref);
        java.nio.file.Path file = config.file();
        String original = java.nio.file.Files.readString(file);
        java.nio.file.Path rules = file.resolveSibling("it-broken-rules.yml");
        try {
            java.nio.file.Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up{\n");
            java.nio.file.Files.writeString(file, "rule_files: [it-broken-rules.yml]\n" + original);
            io.pharos.config.PrometheusConfig before = config.current();
            try {
                config.reload();
                fail("a broken rule file must fail the reload");
            } catch (io.pharos.config.ConfigException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("could not parse expression"));
            }
            assertTrue(config.current() == before);
        } finally {
            java.nio.file.Files.writeString(file, original);
            java.nio.file.Files.deleteIfExists(rules);
        }
    }

    @Test
    public void editedConfigIsAppliedAndABrokenOneIsRejected() throws Exception {
        startTarget();
        ServiceReference<io.pharos.config.ConfigService> ref = context.getServiceReference(io.pharos.config.ConfigService.class);
        java.nio.file.Path file = context.getService(ref).file();
        String original = java.nio.file.Files.readString(file);
        try {
            java.nio.file.Files.writeString(file, original
                    + "  - job_name: it2\n    static_configs:\n      - targets: ['127.0.0.1:" + TARGET_PORT + "']\n");
            await("/api/v1/query?query=up%7Bjob%3D%22it2%22%7D", resp -> resp.body().contains("\"1\""));

            java.nio.file.Files.writeString(file, original + "  - job_nam: broken\n");
            await("/metrics", resp -> resp.body().contains("prometheus_config_last_reload_successful 0\n"));
            // The previous configuration keeps scraping both jobs.
            long before = System.currentTimeMillis();
            await("/api/v1/query?query=up%7Bjob%3D%22it2%22%7D", resp -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"value\":\\[([0-9.]+),").matcher(resp.body());
                return m.find() && Double.parseDouble(m.group(1)) * 1000 > before;
            });
        } finally {
            java.nio.file.Files.writeString(file, original);
        }
    }

    /** Functions are plugins: stopping a family's bundle removes its functions, starting it restores them. */
    @Test
    public void stoppingAFunctionBundleMakesItsFunctionsUnknownUntilItStarts() throws Exception {
        startTarget();
        String rate = "/api/v1/query?query=" + java.net.URLEncoder.encode("sum(rate(it_answer[1m])) + sum(it_answer)",
                StandardCharsets.UTF_8);
        await(rate, resp -> resp.statusCode() == 200 && resp.body().contains("\"42\""));
        Bundle rates = bundle("io.pharos.promql.functions.rate");
        rates.stop();
        try {
            HttpResponse<String> unknown = get(rate);
            assertEquals(unknown.body(), 400, unknown.statusCode());
            assertTrue(unknown.body(), unknown.body().contains("\"errorType\":\"bad_data\""));
            assertTrue(unknown.body(), unknown.body().contains("unknown function with name \\\"rate\\\""));
            // Other families keep working.
            HttpResponse<String> abs = get("/api/v1/query?query=abs(vector(-1))");
            assertEquals(abs.body(), 200, abs.statusCode());
        } finally {
            rates.start();
        }
        await(rate, resp -> resp.statusCode() == 200 && resp.body().contains("\"42\""));
    }

    /**
     * Discovery providers are plugins: a file_sd target appears, goes when the file provider's
     * bundle stops, and comes back when it starts, without a restart.
     */
    @Test
    public void fileDiscoveredTargetFollowsItsProviderBundle() throws Exception {
        startTarget();
        ServiceReference<io.pharos.config.ConfigService> ref = context.getServiceReference(io.pharos.config.ConfigService.class);
        java.nio.file.Path file = context.getService(ref).file();
        java.nio.file.Path sd = file.resolveSibling("it-file-sd.json");
        String original = java.nio.file.Files.readString(file);
        String scrapeUrl = "\"scrapeUrl\":\"http://127.0.0.1:" + TARGET_PORT + "/metrics\"";
        String pool = "/api/v1/targets?scrapePool=itfile";
        Bundle provider = bundle("io.pharos.discovery.file");
        try {
            java.nio.file.Files.writeString(sd, "[{\"targets\": [\"127.0.0.1:" + TARGET_PORT + "\"],"
                    + " \"labels\": {\"origin\": \"file\"}}]");
            java.nio.file.Files.writeString(file, original
                    + "  - job_name: itfile\n    file_sd_configs:\n      - files: ['it-file-sd.json']\n");
            HttpResponse<String> found = await(pool, resp -> resp.body().contains(scrapeUrl));
            assertTrue(found.body(), found.body().contains("\"__meta_filepath\":\"" + sd + "\""));
            assertTrue(found.body(), found.body().contains("\"origin\":\"file\""));
            await("/api/v1/query?query=up%7Bjob%3D%22itfile%22%7D", resp -> resp.body().contains("\"1\""));

            provider.stop();
            await(pool, resp -> resp.statusCode() == 200 && !resp.body().contains(scrapeUrl));
            provider.start();
            await(pool, resp -> resp.body().contains(scrapeUrl));
        } finally {
            if (provider.getState() != Bundle.ACTIVE) {
                provider.start();
            }
            java.nio.file.Files.writeString(file, original);
            java.nio.file.Files.deleteIfExists(sd);
        }
    }

    /** A {@code prometheus.WriteRequest} of one series. */
    private static byte[] writeRequest(String name, String job, long t, double v) throws IOException {
        return WriteRequests.request(WriteRequests.series(new java.util.TreeMap<>(java.util.Map.of(
                "__name__", name, "job", job)), t, v));
    }

    private static HttpResponse<String> postWrite(byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/v1/write"))
                        .header("Content-Type", "application/x-protobuf")
                        .header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** snappy-java (native, loaded through its bundle) and protobuf-java work in the container. */
    @Test
    public void remoteWriteIsStoredAndQueryable() throws Exception {
        await("/-/ready", resp -> resp.statusCode() == 200);
        long now = System.currentTimeMillis();
        HttpResponse<String> written = postWrite(Snappy.compress(writeRequest("rw_it_temperature", "rw", now, 21.5)));
        assertEquals(written.body(), 204, written.statusCode());
        HttpResponse<String> q = get("/api/v1/query?query=rw_it_temperature");
        assertEquals(q.body(), 200, q.statusCode());
        assertTrue(q.body(), q.body().contains("\"__name__\":\"rw_it_temperature\""));
        assertTrue(q.body(), q.body().contains("\"job\":\"rw\""));
        assertTrue(q.body(), q.body().contains("\"21.5\""));

        // Not snappy: 400 with the reason, and nothing of it stored.
        HttpResponse<String> bad = postWrite(writeRequest("rw_it_rejected", "rw", now, 1));
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().startsWith("snappy: corrupt input"));
        assertTrue(get("/api/v1/query?query=rw_it_rejected").body().contains("\"result\":[]"));
        // An older sample of the same series: out of order, 400.
        HttpResponse<String> old = postWrite(Snappy.compress(writeRequest("rw_it_temperature", "rw", now - 60_000, 3)));
        assertEquals(old.body(), 400, old.statusCode());
        assertTrue(old.body(), old.body().startsWith("out of order sample"));

        // Counted once the answer is sent: wait for it.
        await("/metrics", resp -> resp.body().matches("(?s).*\npharos_remote_write_samples_appended_total [1-9].*")
                && resp.body().contains("prometheus_http_requests_total{code=\"400\",handler=\"/api/v1/write\"}"));
    }

    /** Remote write 2.0: symbols "", __name__, rw_it_v2, job, rw; one series of refs 1 2 3 4. */
    @Test
    public void remoteWrite2IsStoredAndCounted() throws Exception {
        await("/-/ready", resp -> resp.statusCode() == 200);
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream ts = CodedOutputStream.newInstance(series);
        ts.writeByteArray(1, new byte[] {1, 2, 3, 4});
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(sample);
        s.writeDouble(1, 7.25);
        s.writeInt64(2, System.currentTimeMillis());
        s.flush();
        ts.writeByteArray(2, sample.toByteArray());
        ts.flush();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(request);
        for (String symbol : List.of("", "__name__", "rw_it_v2", "job", "rw")) {
            r.writeString(4, symbol);
        }
        r.writeByteArray(5, series.toByteArray());
        r.flush();
        HttpResponse<String> written = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/v1/write"))
                        .header("Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request")
                        .header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Write-Version", "2.0.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request.toByteArray()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(written.body(), 204, written.statusCode());
        assertEquals("1", written.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written").orElse(""));
        HttpResponse<String> q = get("/api/v1/query?query=rw_it_v2%7Bjob%3D%22rw%22%7D");
        assertTrue(q.body(), q.body().contains("\"7.25\""));
    }

    @Test
    public void remoteWriteWithStorageStoppedAnswers503() throws Exception {
        await("/-/ready", resp -> resp.statusCode() == 200);
        byte[] body = Snappy.compress(writeRequest("rw_it_down", "rw", System.currentTimeMillis(), 1));
        Bundle lmdb = bundle("io.pharos.storage.lmdb");
        lmdb.stop();
        try {
            HttpResponse<String> down = postWrite(body);
            assertEquals(down.body(), 503, down.statusCode());
            assertTrue(down.body(), down.body().contains("storage unavailable"));
        } finally {
            lmdb.start();
        }
        await("/-/ready", resp -> resp.statusCode() == 200);
        HttpResponse<String> up = postWrite(body);
        assertEquals(up.body(), 204, up.statusCode());
    }

    private static HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The TSDB admin API on the LMDB storage: a snapshot directory appears, deleted samples go. */
    @Test
    public void adminApiSnapshotsAndDeletesOnTheLmdbStorage() throws Exception {
        await("/-/ready", resp -> resp.statusCode() == 200);
        long now = System.currentTimeMillis();
        assertEquals(204, postWrite(Snappy.compress(writeRequest("admin_it_doomed", "rw", now, 7))).statusCode());
        assertTrue(get("/api/v1/query?query=admin_it_doomed").body().contains("\"7\""));

        HttpResponse<String> snap = postForm("/api/v1/admin/tsdb/snapshot", "");
        assertEquals(snap.body(), 200, snap.statusCode());
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"").matcher(snap.body());
        assertTrue(snap.body(), name.find());
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("karaf.data"), "pharos", "tsdb", "snapshots",
                name.group(1));
        assertTrue(dir + " has no data.mdb", java.nio.file.Files.exists(dir.resolve("data.mdb")));

        HttpResponse<String> del = postForm("/api/v1/admin/tsdb/delete_series",
                "match[]=" + java.net.URLEncoder.encode("admin_it_doomed", StandardCharsets.UTF_8));
        assertEquals(del.body(), 204, del.statusCode());
        assertTrue(get("/api/v1/query?query=admin_it_doomed").body().contains("\"result\":[]"));
        assertEquals(204, postForm("/api/v1/admin/tsdb/clean_tombstones", "").statusCode());
    }
}
