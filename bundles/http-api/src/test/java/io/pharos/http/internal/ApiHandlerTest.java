package io.pharos.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigService;
import io.pharos.config.PrometheusConfig;
import io.pharos.http.HttpRoute;
import io.pharos.promql.PromQLException;
import io.pharos.notifier.Alertmanagers;
import io.pharos.scrape.DroppedTarget;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.scrape.MetricMetadata;
import io.pharos.scrape.TargetMetadata;
import io.pharos.scrape.TargetStatus;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.exporter.Exporter;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.MetricType;
import io.pharos.spi.model.SampleIterator;
import io.pharos.spi.model.Series;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Appender;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageAdmin;
import io.pharos.spi.storage.StorageStatus;
import io.pharos.storage.Storage;
import io.pharos.storage.StorageUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API's JSON shapes, status codes and parameter handling, over a real Jetty. */
class ApiHandlerTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "pharos", "instance", "localhost:9090");
    private static final Labels UP2 = Labels.of("__name__", "up", "job", "node", "instance", "localhost:9100");

    private Server server;
    private int port;
    private static final QueryResult.Annotations ANNOTATIONS = new QueryResult.Annotations(
            List.of("PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)"),
            List.of("PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket:"
                    + " \"foo\" (1:6)"));

    private volatile boolean storageUp = true;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private final AtomicReference<long[]> lastTimes = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Routes routes = new Routes();

    /** Answers a few fixed queries; records what it was asked. */
    private final QueryEngine engine = new QueryEngine() {
        @Override
        public QueryResult instantQuery(String query, long timeMs) {
            lastQuery.set(query);
            lastTimes.set(new long[] {timeMs});
            return switch (query) {
                case "up" -> new QueryResult.VectorResult(List.of(new Sample(UP, timeMs, 1), new Sample(UP2, timeMs, 0.5)));
                case "1.5" -> new QueryResult.ScalarResult(timeMs, 1.5);
                case "\"s\"" -> new QueryResult.StringResult(timeMs, "s");
                case "nan" -> new QueryResult.VectorResult(List.of(new Sample(UP, timeMs, Double.NaN),
                        new Sample(UP2, timeMs, Double.POSITIVE_INFINITY)));
                case "annotated" -> new QueryResult.ScalarResult(timeMs, 2, ANNOTATIONS);
                case "down" -> throw new PromQLException(PromQLException.ErrorType.UNAVAILABLE, "storage unavailable: x");
                default -> throw new PromQLException(PromQLException.ErrorType.BAD_DATA,
                        "1:1: parse error: unexpected character: '" + query.charAt(0) + "'");
            };
        }

        @Override
        public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
            lastTimes.set(new long[] {startMs, endMs, stepMs});
            return new QueryResult.MatrixResult(List.of(new SeriesResult(UP,
                    new long[] {startMs, startMs + stepMs}, new double[] {1, 2})),
                    query.equals("annotated") ? ANNOTATIONS : QueryResult.Annotations.NONE);
        }

        @Override
        public List<LabelMatcher> parseSelector(String selector) {
            if (selector.equals("up")) {
                return List.of(LabelMatcher.equal("__name__", "up"));
            }
            if (selector.equals("{job=\"node\"}")) {
                return List.of(LabelMatcher.equal("job", "node"));
            }
            throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "1:1: parse error: bad selector");
        }

        @Override
        public String formatQuery(String query) {
            if (query.equals("sum(up)by(job)")) {
                return "sum by (job) (up)";
            }
            throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "1:5: parse error: unexpected end of input");
        }

        @Override
        public java.util.Map<String, Object> parseQuery(String query) {
            if (query.equals("-1")) {
                java.util.Map<String, Object> m = new java.util.TreeMap<>();
                m.put("type", "numberLiteral");
                m.put("val", "-1");
                m.put("list", java.util.Arrays.asList(1L, true, null));
                return m;
            }
            throw new PromQLException(PromQLException.ErrorType.BAD_DATA, "1:1: parse error: unexpected end of input");
        }
    };

    private final AtomicReference<String> reloadError = new AtomicReference<>();
    private final AtomicReference<Integer> reloads = new AtomicReference<>(0);

    private final ConfigService config = new ConfigService() {
        @Override
        public PrometheusConfig current() {
            try {
                return io.pharos.config.ConfigLoader.parse("scrape_configs:\n  - job_name: node\n"
                        + "  - job_name: api\n  - job_name: pharos\n", "prometheus.yml");
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public java.nio.file.Path file() {
            return java.nio.file.Path.of("prometheus.yml");
        }

        @Override
        public AutoCloseable subscribe(java.util.function.Consumer<PrometheusConfig> listener) {
            return () -> { };
        }

        @Override
        public void reload() throws ConfigException {
            reloads.set(reloads.get() + 1);
            if (reloadError.get() != null) {
                throw new ConfigException("prometheus.yml", 3, 5, reloadError.get());
            }
        }
    };

    private volatile Alertmanagers alertmanagers;
    private final ScrapeTargets targets = new ScrapeTargets() {
        @Override
        public List<TargetStatus> active() {
            return List.of(
                    new TargetStatus("pharos", "http://localhost:9090/metrics",
                            Labels.of("__address__", "localhost:9090", "__scheme__", "http", "job", "pharos"),
                            Labels.of("instance", "localhost:9090", "job", "pharos"), "up", "", 1435781451781L, 0.012,
                            java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(10)),
                    new TargetStatus("node", "http://localhost:9100/metrics", Labels.of("__address__", "localhost:9100"),
                            Labels.of("instance", "localhost:9100", "job", "node"), "unknown", "", 0, 0,
                            java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(10)));
        }

        @Override
        public List<DroppedTarget> dropped() {
            return List.of(new DroppedTarget("node", Labels.of("__address__", "skip:1")));
        }

        @Override
        public java.util.Map<String, Integer> droppedCounts() {
            return java.util.Map.of("node", 3, "pharos", 0, "api", 0);
        }

        @Override
        public List<TargetMetadata> metadata() {
            MetricMetadata up = new MetricMetadata("up", MetricType.GAUGE, "Whether up.", "");
            return List.of(
                    new TargetMetadata("pharos", Labels.of("instance", "localhost:9090", "job", "pharos"), List.of(
                            new MetricMetadata("go_goroutines", MetricType.GAUGE, "Goroutines.", ""), up)),
                    new TargetMetadata("node", Labels.of("instance", "localhost:9100", "job", "node"), List.of(
                            new MetricMetadata("go_goroutines", MetricType.GAUGE, "Number of goroutines.", ""),
                            new MetricMetadata("node_cpu_seconds_total", MetricType.COUNTER, "CPU.", "seconds"),
                            up)));
        }
    };

    private final Flags flags = new Flags();

    private final List<String> adminCalls = new ArrayList<>();
    private final Storage storage = new Storage() {
        @Override
        public Appender appender() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Querier querier(long mint, long maxt) {
            if (!storageUp) {
                throw new StorageUnavailableException();
            }
            return new Querier() {
                private List<Labels> match(List<LabelMatcher> ms) {
                    List<Labels> out = new ArrayList<>();
                    for (Labels l : List.of(UP, UP2)) {
                        if (ms.stream().allMatch(m -> m.matches(l.get(m.name())))) {
                            out.add(l);
                        }
                    }
                    return out;
                }

                @Override
                public SeriesSet select(boolean sorted, SelectHints hints, List<LabelMatcher> matchers) {
                    List<Series> found = new ArrayList<>();
                    for (Labels l : match(matchers)) {
                        found.add(new Series() {
                            @Override
                            public Labels labels() {
                                return l;
                            }

                            @Override
                            public SampleIterator iterator() {
                                return SampleIterator.EMPTY;
                            }
                        });
                    }
                    return SeriesSet.of(found);
                }

                @Override
                public List<String> labelNames(List<LabelMatcher> matchers) {
                    TreeSet<String> names = new TreeSet<>();
                    match(matchers).forEach(l -> l.forEach((n, v) -> names.add(n)));
                    return new ArrayList<>(names);
                }

                @Override
                public List<String> labelValues(String name, List<LabelMatcher> matchers) {
                    TreeSet<String> values = new TreeSet<>();
                    match(matchers).forEach(l -> {
                        if (l.get(name) != null) {
                            values.add(l.get(name));
                        }
                    });
                    return new ArrayList<>(values);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean available() {
            return storageUp;
        }

        @Override
        public String primaryName() {
            return storageUp ? "fake" : null;
        }

        @Override
        public Optional<StorageAdmin> admin() {
            return Optional.of(new StorageAdmin() {
                @Override
                public String snapshot(boolean skipHead) {
                    adminCalls.add("snapshot skipHead=" + skipHead);
                    return "20261127T100000Z-00000000000000ff";
                }

                @Override
                public void deleteSeries(List<LabelMatcher> matchers, long mint, long maxt) {
                    adminCalls.add("delete " + matchers + " " + mint + " " + maxt);
                }

                @Override
                public void cleanTombstones() {
                    adminCalls.add("clean");
                }
            });
        }

        @Override
        public Optional<StorageStatus.Snapshot> status(int limit) {
            List<StorageStatus.Count> names = List.of(new StorageStatus.Count("up", 2),
                    new StorageStatus.Count("x", 1));
            return Optional.of(new StorageStatus.Snapshot(3, 7, 4, 1000, 2000, names.subList(0, Math.min(limit, 2)),
                    List.of(new StorageStatus.Count("job", 2)), List.of(new StorageStatus.Count("job", 10)),
                    List.of(new StorageStatus.Count("job=node", 2))));
        }
    };

    @BeforeEach
    void start() throws Exception {
        Exporters exporters = new Exporters();
        exporters.add(new Exporter() {
            @Override
            public String name() {
                return SELF;
            }

            @Override
            public void collect(io.pharos.spi.exporter.MetricWriter out) throws java.io.IOException {
                out.family("pharos_test_total", MetricType.COUNTER, "A test counter.");
                out.sample("pharos_test_total", Labels.of("a", "b"), 3);
            }
        });
        exporters.add(new Exporter() {
            @Override
            public String name() {
                return "node";
            }

            @Override
            public void collect(io.pharos.spi.exporter.MetricWriter out) throws java.io.IOException {
                out.family("node_load1", MetricType.GAUGE, "1m load average.");
                out.sample("node_load1", 0.25);
            }
        });
        HttpMetrics metrics = new HttpMetrics();
        exporters.add(metrics);
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new ApiHandler(new Services(storage, () -> engine, () -> config, () -> targets,
                () -> alertmanagers, () -> null), true, true,
                exporters,
                routes, new BuildInfo("0.1.0", "abc123", "main", "ci", "20261127-10:00:00", "java17"), flags,
                metrics, () -> 1_700_000_000_123L));
        server.start();
        port = c.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void instantVectorHasPrometheusShape() throws Exception {
        HttpResponse<String> r = get("/api/v1/query?query=up&time=1435781451.781");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"localhost:9090\",\"job\":\"pharos\"},\"value\":[1435781451.781,\"1\"]},"
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"localhost:9100\",\"job\":\"node\"},\"value\":[1435781451.781,\"0.5\"]}]}}",
                r.body());
    }

    @Test
    void timeDefaultsToNowAndAcceptsRfc3339() throws Exception {
        get("/api/v1/query?query=up");
        assertEquals(1_700_000_000_123L, lastTimes.get()[0]);
        get("/api/v1/query?query=up&time=2015-07-01T20:10:51.781Z");
        assertEquals(1435781451781L, lastTimes.get()[0]);
    }

    @Test
    void postFormBodyIsAccepted() throws Exception {
        HttpResponse<String> r = post("/api/v1/query", "query=up&time=1435781451");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"value\":[1435781451,\"1\"]"), r.body());
        assertEquals("up", lastQuery.get());
    }

    @Test
    void scalarStringAndSpecialValues() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1435781451.1,\"1.5\"]}}"
                        .replace("1435781451.1", "1435781451.100"),
                get("/api/v1/query?query=1.5&time=1435781451.1").body());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[10,\"s\"]}}",
                get("/api/v1/query?query=%22s%22&time=10").body());
        String body = get("/api/v1/query?query=nan&time=10").body();
        assertTrue(body.contains("\"value\":[10,\"NaN\"]") && body.contains("\"value\":[10,\"+Inf\"]"), body);
    }

    @Test
    void rangeQueryMatrixShapeAndParameters() throws Exception {
        HttpResponse<String> r = get("/api/v1/query_range?query=up&start=100&end=200&step=15s");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"localhost:9090\",\"job\":\"pharos\"},"
                + "\"values\":[[100,\"1\"],[115,\"2\"]]}]}}", r.body());
        assertEquals(100_000L, lastTimes.get()[0]);
        assertEquals(15_000L, lastTimes.get()[2]);
        get("/api/v1/query_range?query=up&start=100&end=200&step=0.5");
        assertEquals(500L, lastTimes.get()[2]);
    }

    @Test
    void annotationsAreWrittenAsPrometheusWritesThem() throws Exception {
        String tail = "\"warnings\":[\"PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter, name does not end in"
                + " _total/_sum/_count/_bucket: \\\"foo\\\" (1:6)\"]}";
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[10,\"2\"]}," + tail,
                get("/api/v1/query?query=annotated&time=10").body());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"localhost:9090\",\"job\":\"pharos\"},"
                + "\"values\":[[100,\"1\"],[115,\"2\"]]}]}," + tail,
                get("/api/v1/query_range?query=annotated&start=100&end=200&step=15s").body());
        // Without annotations, neither field is written.
        assertFalse(get("/api/v1/query?query=up&time=10").body().contains("warnings"));
    }

    @Test
    void parseQueryWritesTheEnginesTree() throws Exception {
        HttpResponse<String> r = get("/api/v1/parse_query?query=-1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"success\",\"data\":{\"list\":[1,true,null],\"type\":\"numberLiteral\","
                + "\"val\":\"-1\"}}", r.body());
        assertError(get("/api/v1/parse_query?query=sum("), 400, "bad_data", "1:1: parse error: unexpected end of input");
    }

    @Test
    void rangeQueryParameterErrors() throws Exception {
        assertError(get("/api/v1/query_range?query=up&start=abc&end=100&step=1"), 400, "bad_data",
                "invalid parameter \"start\": cannot parse \"abc\" to a valid timestamp");
        assertError(get("/api/v1/query_range?query=up&start=1&end=100&step=x1"), 400, "bad_data",
                "invalid parameter \"step\": cannot parse \"x1\" to a valid duration");
    }

    @Test
    void queryErrorsHavePrometheusShapeAndStatus() throws Exception {
        assertError(get("/api/v1/query?query=%25"), 400, "bad_data", "1:1: parse error: unexpected character: '%'");
        assertError(get("/api/v1/query?query=down"), 503, "unavailable", "storage unavailable: x");
        assertError(get("/api/v1/query?query=up&time=yesterday"), 400, "bad_data",
                "invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp");
    }

    private static void assertError(HttpResponse<String> r, int status, String type, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\""
                + message.replace("\"", "\\\"") + "\"}", r.body());
    }

    @Test
    void labelsLabelValuesAndSeries() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}",
                get("/api/v1/labels").body());
        assertEquals("{\"status\":\"success\",\"data\":[\"node\",\"pharos\"]}",
                get("/api/v1/label/job/values").body());
        assertEquals("{\"status\":\"success\",\"data\":[\"node\"]}",
                get("/api/v1/label/job/values?match[]=%7Bjob%3D%22node%22%7D").body());
        assertEquals("{\"status\":\"success\",\"data\":[\"node\"]}",
                get("/api/v1/label/job/values?limit=1").body());
        assertEquals("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"localhost:9100\",\"job\":\"node\"}]}",
                get("/api/v1/series?match[]=%7Bjob%3D%22node%22%7D").body());
        assertError(get("/api/v1/series"), 400, "bad_data", "no match[] parameter provided");
        assertError(get("/api/v1/series?match[]=%7B"), 400, "bad_data", "1:1: parse error: bad selector");
        assertEquals(200, post("/api/v1/series", "match[]=up&start=0").statusCode());
    }

    @Test
    void formatQuery() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":\"sum by (job) (up)\"}",
                get("/api/v1/format_query?query=sum(up)by(job)").body());
        assertError(post("/api/v1/format_query", "query=sum("), 400, "bad_data", "1:5: parse error: unexpected end of input");
    }

    @Test
    void reloadAppliesTheConfigOrSaysWhyNot() throws Exception {
        HttpResponse<String> ok = post("/-/reload", "");
        assertEquals(200, ok.statusCode());
        assertEquals(1, reloads.get());
        reloadError.set("field foo not found in type scrape_config");
        HttpResponse<String> bad = post("/-/reload", "");
        assertEquals(500, bad.statusCode());
        assertEquals("failed to reload config: prometheus.yml:3:5: field foo not found in type scrape_config\n",
                bad.body());
        assertEquals(405, get("/-/reload").statusCode());
    }

    @Test
    void reloadIsForbiddenUnlessLifecycleIsEnabled() throws Exception {
        server.stop();
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        server.addConnector(c);
        server.setHandler(new ApiHandler(new Services(storage, () -> engine, () -> config, () -> targets), false,
                false, new Exporters(), new Routes(),
                new BuildInfo("0", "", "", "", "", ""), new Flags(), new HttpMetrics(), () -> 0L));
        server.start();
        port = c.getLocalPort();
        HttpResponse<String> r = post("/-/reload", "");
        assertEquals(403, r.statusCode());
        assertEquals("Lifecycle API is not enabled.\n", r.body());
        assertEquals(0, reloads.get());
        HttpResponse<String> snap = post("/api/v1/admin/tsdb/snapshot", "");
        assertEquals(503, snap.statusCode());
        assertEquals("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}",
                snap.body());
        assertEquals(List.of(), adminCalls);
    }

    @Test
    void targetsHavePrometheusShapeAndFilters() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{\"activeTargets\":["
                + "{\"discoveredLabels\":{\"__address__\":\"localhost:9090\",\"__scheme__\":\"http\",\"job\":\"pharos\"},"
                + "\"labels\":{\"instance\":\"localhost:9090\",\"job\":\"pharos\"},\"scrapePool\":\"pharos\","
                + "\"scrapeUrl\":\"http://localhost:9090/metrics\",\"globalUrl\":\"http://localhost:9090/metrics\","
                + "\"lastError\":\"\",\"lastScrape\":\"2015-07-01T20:10:51.781Z\",\"lastScrapeDuration\":0.012,"
                + "\"health\":\"up\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}],"
                + "\"droppedTargets\":[],\"droppedTargetCounts\":null}}",
                get("/api/v1/targets?state=active&scrapePool=pharos").body());
        String dropped = get("/api/v1/targets?state=dropped").body();
        assertTrue(dropped.contains("\"activeTargets\":[],\"droppedTargets\":[{\"discoveredLabels\":{\"__address__\":\"skip:1\"},\"scrapePool\":\"node\"}]"), dropped);
        assertTrue(dropped.endsWith("\"droppedTargetCounts\":{\"api\":0,\"node\":3,\"pharos\":0}}}"), dropped);
        String any = get("/api/v1/targets").body();
        assertTrue(any.contains("\"lastScrape\":\"0001-01-01T00:00:00Z\"") && any.contains("\"health\":\"unknown\""), any);
        // Sorted by pool, as Prometheus.
        assertTrue(any.indexOf("\"scrapePool\":\"node\"") < any.indexOf("\"scrapePool\":\"pharos\""), any);
        assertTrue(get("/api/v1/targets?state=ANY").body().contains("\"scrapePool\":\"pharos\""));
        assertEquals("{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":[],"
                + "\"droppedTargetCounts\":null}}", get("/api/v1/targets?state=bogus").body());
    }

    @Test
    void lastScrapeIsGoRfc3339Nano() {
        assertEquals("2015-07-01T20:10:51.78Z", TargetApis.rfc3339(1435781451780L));
        assertEquals("2015-07-01T20:10:51Z", TargetApis.rfc3339(1435781451000L));
        assertEquals("2015-07-01T20:10:51.001Z", TargetApis.rfc3339(1435781451001L));
    }

    @Test
    void targetMetadataFiltersByTargetMetricAndLimit() throws Exception {
        String all = get("/api/v1/targets/metadata").body();
        assertTrue(all.startsWith("{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\"localhost:9090\","
                + "\"job\":\"pharos\"},\"metric\":\"go_goroutines\",\"type\":\"gauge\",\"help\":\"Goroutines.\","
                + "\"unit\":\"\"},"), all);
        assertEquals(5, all.split("\"target\"").length - 1, all);
        assertEquals("{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\"localhost:9100\",\"job\":\"node\"},"
                + "\"type\":\"counter\",\"help\":\"CPU.\",\"unit\":\"seconds\"}]}",
                get("/api/v1/targets/metadata?metric=node_cpu_seconds_total").body());
        String node = get("/api/v1/targets/metadata?match_target=%7Bjob%3D%22node%22%7D&metric=go_goroutines").body();
        assertEquals("{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\"localhost:9100\",\"job\":\"node\"},"
                + "\"type\":\"gauge\",\"help\":\"Number of goroutines.\",\"unit\":\"\"}]}", node);
        String one = get("/api/v1/targets/metadata?metric=up&limit=1").body();
        assertEquals(1, one.split("\"target\"").length - 1, one);
        assertError(get("/api/v1/targets/metadata?limit=x"), 400, "bad_data", "limit must be a number");
        assertError(get("/api/v1/targets/metadata?match_target=%7B"), 400, "bad_data", "1:1: parse error: bad selector");
        assertEquals("{\"status\":\"success\",\"data\":[]}", get("/api/v1/targets/metadata?metric=nope").body());
    }

    @Test
    void metadataIsDeduplicatedAcrossTargets() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{"
                + "\"go_goroutines\":[{\"type\":\"gauge\",\"help\":\"Goroutines.\",\"unit\":\"\"},"
                + "{\"type\":\"gauge\",\"help\":\"Number of goroutines.\",\"unit\":\"\"}],"
                + "\"node_cpu_seconds_total\":[{\"type\":\"counter\",\"help\":\"CPU.\",\"unit\":\"seconds\"}],"
                + "\"up\":[{\"type\":\"gauge\",\"help\":\"Whether up.\",\"unit\":\"\"}]}}",
                get("/api/v1/metadata").body());
        assertEquals("{\"status\":\"success\",\"data\":{"
                + "\"go_goroutines\":[{\"type\":\"gauge\",\"help\":\"Goroutines.\",\"unit\":\"\"}]}}",
                get("/api/v1/metadata?limit=1&limit_per_metric=1").body());
        assertEquals("{\"status\":\"success\",\"data\":{"
                + "\"up\":[{\"type\":\"gauge\",\"help\":\"Whether up.\",\"unit\":\"\"}]}}",
                get("/api/v1/metadata?metric=up").body());
        assertEquals("{\"status\":\"success\",\"data\":{}}", get("/api/v1/metadata?metric=nope").body());
        assertError(get("/api/v1/metadata?limit=many"), 400, "bad_data", "limit must be a number");
        assertError(get("/api/v1/metadata?limit_per_metric=x"), 400, "bad_data", "limit_per_metric must be a number");
    }

    @Test
    void statusConfigIsMaskedYaml() throws Exception {
        String body = get("/api/v1/status/config").body();
        assertTrue(body.startsWith("{\"status\":\"success\",\"data\":{\"yaml\":\"global:\\n  scrape_interval: 1m\\n"),
                body);
        assertTrue(body.contains("- job_name: node\\n"), body);
    }

    @Test
    void statusFlagsReportRealSettings() throws Exception {
        flags.http("127.0.0.1", 9090, true, false);
        flags.engine(java.util.Map.of("lookback.delta.ms", 120000L, "timeout.ms", "120000"));
        flags.storage(java.util.Map.of("path", "/var/lib/pharos", "retention.time", "30d", "retention.size", "0"));
        assertEquals("{\"status\":\"success\",\"data\":{\"config.file\":\"prometheus.yml\","
                + "\"query.lookback-delta\":\"2m\",\"query.timeout\":\"2m\","
                + "\"storage.tsdb.path\":\"/var/lib/pharos\",\"storage.tsdb.retention.size\":\"0\","
                + "\"storage.tsdb.retention.time\":\"30d\",\"web.enable-admin-api\":\"false\","
                + "\"web.enable-lifecycle\":\"true\",\"web.listen-address\":\"127.0.0.1:9090\"}}",
                get("/api/v1/status/flags").body());
        flags.engine(java.util.Map.of());
        flags.storage(null);
        String bare = get("/api/v1/status/flags").body();
        assertFalse(bare.contains("query.") || bare.contains("storage."), bare);
        flags.engine(java.util.Map.of("component.name", "engine"));
        assertTrue(get("/api/v1/status/flags").body().contains("\"query.lookback-delta\":\"5m\""));
    }

    @Test
    void storageUnavailableIs503() throws Exception {
        storageUp = false;
        assertError(get("/api/v1/labels"), 503, "unavailable",
                "storage unavailable: no primary storage backend is running");
        assertEquals(503, get("/-/ready").statusCode());
        assertEquals(200, get("/-/healthy").statusCode());
    }

    @Test
    void healthReadyBuildInfo() throws Exception {
        assertEquals("Pharos Server is Healthy.\n", get("/-/healthy").body());
        assertEquals("Pharos Server is Ready.\n", get("/-/ready").body());
        assertEquals("{\"status\":\"success\",\"data\":{\"version\":\"0.1.0\",\"revision\":\"abc123\",\"branch\":\"main\","
                + "\"buildUser\":\"ci\",\"buildDate\":\"20261127-10:00:00\",\"goVersion\":\"java17\"}}",
                get("/api/v1/status/buildinfo").body());
    }

    @Test
    void alertmanagersListsActiveAndDroppedUrls() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[],\"droppedAlertmanagers\":[]}}",
                get("/api/v1/alertmanagers").body(), "no notifier: none");
        alertmanagers = new Alertmanagers() {
            @Override
            public List<URI> active() {
                return List.of(URI.create("http://127.0.0.1:9093/api/v2/alerts"));
            }

            @Override
            public List<URI> dropped() {
                return List.of(URI.create("https://am.example:9093/prefix/api/v2/alerts"));
            }
        };
        assertEquals("{\"status\":\"success\",\"data\":{"
                + "\"activeAlertmanagers\":[{\"url\":\"http://127.0.0.1:9093/api/v2/alerts\"}],"
                + "\"droppedAlertmanagers\":[{\"url\":\"https://am.example:9093/prefix/api/v2/alerts\"}]}}",
                get("/api/v1/alertmanagers").body());
    }

    @Test
    void scrapePoolsListsEveryConfiguredJobSorted() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{\"scrapePools\":[\"api\",\"node\",\"pharos\"]}}",
                get("/api/v1/scrape_pools").body());
    }

    @Test
    void adminApiSnapshotsDeletesAndCleans() throws Exception {
        HttpResponse<String> snap = post("/api/v1/admin/tsdb/snapshot", "skip_head=true");
        assertEquals(200, snap.statusCode());
        assertEquals("{\"status\":\"success\",\"data\":{\"name\":\"20261127T100000Z-00000000000000ff\"}}",
                snap.body());
        assertEquals(400, post("/api/v1/admin/tsdb/snapshot", "skip_head=maybe").statusCode());
        HttpResponse<String> del = post("/api/v1/admin/tsdb/delete_series",
                "match[]=%7Bjob%3D%22node%22%7D&start=10&end=20");
        assertEquals(204, del.statusCode());
        assertEquals("", del.body());
        HttpResponse<String> none = post("/api/v1/admin/tsdb/delete_series", "");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("no match[] parameter provided"), none.body());
        assertEquals(204, post("/api/v1/admin/tsdb/clean_tombstones", "").statusCode());
        assertEquals(405, get("/api/v1/admin/tsdb/snapshot").statusCode());
        assertEquals(List.of("snapshot skipHead=true", "delete [job=\"node\"] 10000 20000", "clean"),
                adminCalls);
    }

    @Test
    void tsdbStatusHasPrometheusShape() throws Exception {
        assertEquals("{\"status\":\"success\",\"data\":{\"headStats\":{\"numSeries\":3,\"numLabelPairs\":7,"
                + "\"chunkCount\":4,\"minTime\":1000,\"maxTime\":2000},"
                + "\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":2}],"
                + "\"labelValueCountByLabelName\":[{\"name\":\"job\",\"value\":2}],"
                + "\"memoryInBytesByLabelName\":[{\"name\":\"job\",\"value\":10}],"
                + "\"seriesCountByLabelValuePair\":[{\"name\":\"job=node\",\"value\":2}]}}",
                get("/api/v1/status/tsdb?limit=1").body());
        HttpResponse<String> bad = get("/api/v1/status/tsdb?limit=0");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must be a positive number\"}",
                bad.body());
    }

    @Test
    void metricsEndpoints() throws Exception {
        HttpResponse<String> own = get("/metrics");
        assertEquals(200, own.statusCode());
        assertTrue(own.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(own.body().contains("# TYPE pharos_test_total counter\npharos_test_total{a=\"b\"} 3\n"), own.body());
        assertTrue(get("/exporters/node/metrics").body().contains("node_load1 0.25"));
        assertEquals(404, get("/exporters/missing/metrics").statusCode());
        assertEquals(404, get("/nothing").statusCode());
        // Requests are counted under Prometheus' metric name.
        assertTrue(get("/metrics").body().contains(
                "prometheus_http_requests_total{code=\"200\",handler=\"/metrics\"} 1\n"));
    }

    @Test
    void valuesAndTimestampsAreFormattedAsPrometheus() {
        assertEquals("1435781451.781", JsonOutput.timestamp(1435781451781L));
        assertEquals("1435781451.001", JsonOutput.timestamp(1435781451001L));
        assertEquals("1435781451", JsonOutput.timestamp(1435781451000L));
        assertEquals("-1.500", JsonOutput.timestamp(-1500));
        assertEquals("0", JsonOutput.timestamp(0));
        assertEquals("1", JsonOutput.value(1));
        assertEquals("-0.25", JsonOutput.value(-0.25));
        assertEquals("0.1", JsonOutput.value(0.1));
        assertEquals("100000", JsonOutput.value(1e5));
        assertEquals("1e+21", JsonOutput.value(1e21));
        assertEquals("123456789012345680000", JsonOutput.value(1.2345678901234568e20));
        assertEquals("0.000001", JsonOutput.value(1e-6));
        assertEquals("1e-07", JsonOutput.value(1e-7));
        assertEquals("1.5e-07", JsonOutput.value(1.5e-7));
        assertEquals("3.141592653589793", JsonOutput.value(Math.PI));
        assertEquals("1.7976931348623157e+308", JsonOutput.value(Double.MAX_VALUE));
        assertEquals("5e-324", JsonOutput.value(Double.MIN_VALUE));
        assertEquals("NaN", JsonOutput.value(Double.NaN));
        assertEquals("-Inf", JsonOutput.value(Double.NEGATIVE_INFINITY));
        assertEquals("0.30000000000000004", JsonOutput.value(0.1 + 0.2));
    }

    /** A route that answers with a fixed status and echoes the method. */
    private static HttpRoute echo(int status) {
        return (request, response, callback) -> {
            response.setStatus(status);
            response.write(true, java.nio.ByteBuffer.wrap(request.getMethod().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)), callback);
            return true;
        };
    }

    @Test
    void registeredRoutesServeTheirPathAndAreCounted() throws Exception {
        assertEquals(404, post("/api/v1/write", "").statusCode());
        HttpRoute first = echo(204);
        HttpRoute second = echo(202);
        routes.add(first, java.util.Map.of(HttpRoute.PATH, "/api/v1/write"));
        routes.add(second, java.util.Map.of(HttpRoute.PATH, "/api/v1/write"));
        routes.add(echo(200), java.util.Map.of());
        assertEquals(204, post("/api/v1/write", "").statusCode());
        HttpResponse<String> get = get("/api/v1/write");
        assertEquals(204, get.statusCode(), "every method goes to the route");
        routes.remove(first);
        HttpResponse<String> taken = post("/api/v1/write", "");
        assertEquals(202, taken.statusCode(), "the waiting route takes over");
        assertEquals("POST", taken.body());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("prometheus_http_requests_total{code=\"204\",handler=\"/api/v1/write\"} 2\n"),
                metrics);
        assertTrue(metrics.contains("prometheus_http_requests_total{code=\"202\",handler=\"/api/v1/write\"} 1\n"),
                metrics);
        routes.remove(second);
        HttpResponse<String> off = post("/api/v1/write", "");
        assertEquals(404, off.statusCode());
        assertTrue(off.body().startsWith("remote write receiver needs to be enabled"), off.body());
    }
}
