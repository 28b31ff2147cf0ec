package io.pharos.http.internal;

import io.pharos.config.ConfigException;
import io.pharos.config.ConfigService;
import io.pharos.config.ConfigYaml;
import io.pharos.notifier.Alertmanagers;
import io.pharos.promql.PromQLException;
import io.pharos.rules.RuleManager;
import io.pharos.scrape.ScrapeTargets;
import io.pharos.promql.QueryEngine;
import io.pharos.promql.QueryResult;
import io.pharos.promql.Sample;
import io.pharos.promql.SeriesResult;
import io.pharos.spi.model.LabelMatcher;
import io.pharos.spi.model.Labels;
import io.pharos.spi.model.SeriesSet;
import io.pharos.spi.storage.Querier;
import io.pharos.spi.storage.SelectHints;
import io.pharos.spi.storage.StorageAdmin;
import io.pharos.spi.storage.StorageException;
import io.pharos.spi.storage.StorageStatus;
import io.pharos.storage.Storage;
import io.pharos.exposition.TextFormatWriter;
import io.pharos.http.HttpRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request of the HTTP server: the Prometheus API under {@code /api/v1}, the
 * health endpoints, and the metrics endpoints of the platform and its exporters.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Supplier<QueryEngine> engine;
    private final Supplier<ConfigService> config;
    private final Supplier<ScrapeTargets> targets;
    private final Supplier<Alertmanagers> alertmanagers;
    private final Supplier<RuleManager> rules;
    private final boolean lifecycle;
    private final boolean admin;
    private final Storage storage;
    private final Exporters exporters;
    private final Routes routes;
    private final BuildInfo build;
    private final Flags flags;
    private final HttpMetrics metrics;
    private final LongSupplier clock;

    ApiHandler(Services services, boolean lifecycle, boolean admin, Exporters exporters, Routes routes, BuildInfo build,
               Flags flags, HttpMetrics metrics, LongSupplier clock) {
        this.engine = services.engine();
        this.config = services.config();
        this.targets = services.targets();
        this.alertmanagers = services.alertmanagers();
        this.rules = services.rules();
        this.lifecycle = lifecycle;
        this.admin = admin;
        this.storage = services.storage();
        this.exporters = exporters;
        this.routes = routes;
        this.build = build;
        this.flags = flags;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean get = HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);
        boolean getOrPost = get || HttpMethod.POST.is(method);
        HttpRoute route = routes.get(path);
        if (route != null && route.handle(request, response, counting(path, response, callback))) {
            return true;
        }
        int status;
        if (path.equals("/-/healthy") && get) {
            status = text(response, callback, 200, "Pharos Server is Healthy.\n");
        } else if (path.equals("/-/ready") && get) {
            status = ready()
                    ? text(response, callback, 200, "Pharos Server is Ready.\n")
                    : text(response, callback, 503, "Service Unavailable\n");
        } else if (path.equals("/-/reload") && (HttpMethod.POST.is(method) || HttpMethod.PUT.is(method))) {
            status = reload(response, callback);
        } else if (path.equals("/metrics") && get) {
            status = exposition(response, callback, "pharos");
        } else if (path.startsWith("/exporters/") && path.endsWith("/metrics") && get) {
            String name = path.substring("/exporters/".length(), path.length() - "/metrics".length());
            status = exporters.has(name) && !name.contains("/")
                    ? exposition(response, callback, name)
                    : text(response, callback, 404, "404 page not found\n");
        } else if (path.equals("/api/v1/write") && HttpMethod.POST.is(method)) {
            // Prometheus' answer while its receiver is off (--web.enable-remote-write-receiver).
            status = text(response, callback, 404, "remote write receiver needs to be enabled: install the feature"
                    + " pharos-remote-write-receiver and set enabled = true in etc/io.pharos.remotewrite.cfg\n");
        } else if (path.startsWith("/api/v1/admin/tsdb/")
                && (HttpMethod.POST.is(method) || HttpMethod.PUT.is(method))) {
            status = admin(path.substring("/api/v1/admin/tsdb/".length()), request, response, callback);
        } else if (path.startsWith("/api/v1/admin/tsdb/")) {
            status = text(response, callback, 405, "Method Not Allowed\n");
        } else if (path.startsWith("/api/v1/") && getOrPost) {
            status = api(path.substring("/api/v1/".length()), request, response, callback);
            path = handlerName(path);
        } else if (path.equals("/")) {
            response.getHeaders().put(HttpHeader.LOCATION, "/api/v1/status/buildinfo");
            status = text(response, callback, 302, "");
        } else {
            status = text(response, callback, path.startsWith("/api/") || isKnown(path) ? 405 : 404,
                    isKnown(path) ? "Method Not Allowed\n" : "404 page not found\n");
        }
        metrics.count(path.startsWith("/exporters/") ? "/exporters" : path, status);
        return true;
    }

    /** Counts a route's answer in the request metrics once it is sent (or failed). */
    private Callback counting(String path, Response response, Callback callback) {
        return new Callback() {
            @Override
            public void succeeded() {
                metrics.count(path, response.getStatus());
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                metrics.count(path, response.isCommitted() ? response.getStatus() : 500);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }

    private static boolean isKnown(String path) {
        return path.equals("/-/healthy") || path.equals("/-/ready") || path.equals("/metrics")
                || path.equals("/-/reload");
    }

    private static String handlerName(String path) {
        return path.startsWith("/api/v1/label/") ? "/api/v1/label/:name/values" : path;
    }

    /** Prometheus' lifecycle endpoint: validates and applies the config file, or says why not. */
    private int reload(Response response, Callback callback) {
        if (!lifecycle) {
            return text(response, callback, 403, "Lifecycle API is not enabled.\n");
        }
        ConfigService c = config.get();
        if (c == null) {
            return text(response, callback, 503, "configuration service unavailable\n");
        }
        try {
            c.reload();
            return text(response, callback, 200, "");
        } catch (ConfigException e) {
            return text(response, callback, 500, "failed to reload config: " + e.getMessage() + "\n");
        }
    }

    /**
     * Prometheus' TSDB admin API (snapshot, delete_series, clean_tombstones), off unless enabled
     * like its --web.enable-admin-api.
     */
    private int admin(String op, Request request, Response response, Callback callback) throws IOException {
        try {
            if (!admin) {
                throw ApiException.of("unavailable", "admin APIs disabled");
            }
            Fields params = parameters(request);
            StorageAdmin tsdb = storage.admin().orElseThrow(() -> ApiException.of("unavailable",
                    "storage backend '" + storage.primaryName() + "' has no admin operations"));
            switch (op) {
                case "snapshot" -> {
                    String skip = params.getValue("skip_head");
                    if (skip != null && !skip.isEmpty() && !skip.matches("(?i)true|false|1|0|t|f")) {
                        throw ApiException.badData("unable to parse boolean 'skip_head' argument: " + skip);
                    }
                    boolean skipHead = skip != null && skip.matches("(?i)true|1|t");
                    String name = tsdb.snapshot(skipHead);
                    ByteArrayOutputStream body = new ByteArrayOutputStream(128);
                    try (JsonOutput json = new JsonOutput(body)) {
                        json.beginSuccess();
                        json.gen.writeStartObject();
                        json.gen.writeStringField("name", name);
                        json.gen.writeEndObject();
                        json.endSuccess(List.of(), List.of());
                    }
                    return send(response, callback, 200, JSON, body.toByteArray());
                }
                case "delete_series" -> {
                    List<List<LabelMatcher>> sets = matchers(params);
                    if (sets.isEmpty()) {
                        throw ApiException.badData("no match[] parameter provided");
                    }
                    long start = ApiParams.time("start", params.getValue("start"), ApiParams.MIN_TIME);
                    long end = ApiParams.time("end", params.getValue("end"), ApiParams.MAX_TIME);
                    for (List<LabelMatcher> m : sets) {
                        tsdb.deleteSeries(m, start, end);
                    }
                    return noContent(response, callback);
                }
                case "clean_tombstones" -> {
                    tsdb.cleanTombstones();
                    return noContent(response, callback);
                }
                default -> throw ApiException.of("not_found", "unknown API endpoint /api/v1/admin/tsdb/" + op);
            }
        } catch (ApiException e) {
            return error(response, callback, e);
        } catch (StorageException e) {
            return error(response, callback, e.retryable()
                    ? ApiException.of("unavailable", e.getMessage())
                    : ApiException.of("internal", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.error("admin API /api/v1/admin/tsdb/{} failed", op, e);
            return error(response, callback, ApiException.of("internal", op + ": " + e.getMessage()));
        }
    }

    private static int noContent(Response response, Callback callback) {
        response.setStatus(204);
        response.write(true, ByteBuffer.allocate(0), callback);
        return 204;
    }

    private boolean ready() {
        return storage.available() && engine.get() != null;
    }

    private int api(String endpoint, Request request, Response response, Callback callback) throws IOException {
        try {
            Fields params = parameters(request);
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            try (JsonOutput json = new JsonOutput(body)) {
                switch (endpoint) {
                    case "query" -> query(params, json);
                    case "query_range" -> queryRange(params, json);
                    case "format_query" -> formatQuery(params, json);
                    case "parse_query" -> parseQuery(params, json);
                    case "labels" -> labels(params, json);
                    case "series" -> series(params, json);
                    case "status/buildinfo" -> buildInfo(json);
                    case "status/tsdb" -> tsdbStatus(params, json);
                    case "targets" -> targets(params, json);
                    case "targets/metadata" -> TargetApis.targetMetadata(requireTargets(), params,
                            this::matchTarget, json);
                    case "metadata" -> TargetApis.metadata(requireTargets(), params, json);
                    case "scrape_pools" -> scrapePools(json);
                    case "alertmanagers" -> alertmanagers(json);
                    case "rules" -> RuleApis.rules(requireRules(), params, json);
                    case "alerts" -> RuleApis.alerts(requireRules(), json);
                    case "status/config" -> statusConfig(json);
                    case "status/flags" -> statusFlags(json);
                    default -> {
                        if (endpoint.startsWith("label/") && endpoint.endsWith("/values")) {
                            labelValues(endpoint.substring(6, endpoint.length() - 7), params, json);
                        } else {
                            throw ApiException.of("not_found", "unknown API endpoint /api/v1/" + endpoint);
                        }
                    }
                }
            }
            return send(response, callback, 200, JSON, body.toByteArray());
        } catch (ApiException e) {
            return error(response, callback, e);
        } catch (PromQLException e) {
            return error(response, callback, ApiException.of(e.errorType().text(), e.getMessage()));
        } catch (StorageException e) {
            return error(response, callback, e.retryable()
                    ? ApiException.of("unavailable", e.getMessage())
                    : ApiException.of("execution", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("API request /api/v1/{} failed", endpoint, e);
            return error(response, callback, ApiException.of("internal", String.valueOf(e.getMessage())));
        }
    }

    private static Fields parameters(Request request) throws ApiException {
        try {
            return Request.getParameters(request);
        } catch (Exception e) {
            throw ApiException.badData("error parsing form values: " + e.getMessage());
        }
    }

    private QueryEngine requireEngine() throws ApiException {
        QueryEngine e = engine.get();
        if (e == null) {
            throw ApiException.of("unavailable", "query engine unavailable: the PromQL bundle is not running");
        }
        return e;
    }

    private void query(Fields params, JsonOutput json) throws IOException, ApiException {
        String q = params.getValue("query");
        long t = ApiParams.time("time", params.getValue("time"), clock.getAsLong());
        QueryResult result = requireEngine().instantQuery(q == null ? "" : q, t);
        json.beginSuccess();
        writeResult(result, json);
        json.endSuccess(result.warnings(), result.infos());
    }

    private void queryRange(Fields params, JsonOutput json) throws IOException, ApiException {
        String q = params.getValue("query");
        long start = requiredTime(params, "start");
        long end = requiredTime(params, "end");
        String stepParam = params.getValue("step");
        long step = ApiParams.duration("step", stepParam == null ? "" : stepParam);
        // The engine checks end >= start, step > 0 and the 11,000-point limit, for every caller.
        QueryResult result = requireEngine().rangeQuery(q == null ? "" : q, start, end, step);
        json.beginSuccess();
        writeResult(result, json);
        json.endSuccess(result.warnings(), result.infos());
    }

    private void formatQuery(Fields params, JsonOutput json) throws IOException, ApiException {
        String q = params.getValue("query");
        String formatted = requireEngine().formatQuery(q == null ? "" : q);
        json.beginSuccess();
        json.gen.writeString(formatted);
        json.endSuccess(List.of(), List.of());
    }

    private void parseQuery(Fields params, JsonOutput json) throws IOException, ApiException {
        String q = params.getValue("query");
        java.util.Map<String, Object> tree;
        try {
            tree = requireEngine().parseQuery(q == null ? "" : q);
        } catch (UnsupportedOperationException e) {
            throw ApiException.of("not_found", "unknown API endpoint /api/v1/parse_query");
        }
        json.beginSuccess();
        json.value(tree);
        json.endSuccess(List.of(), List.of());
    }

    private static long requiredTime(Fields params, String name) throws ApiException {
        String v = params.getValue(name);
        if (v == null || v.isEmpty()) {
            throw ApiException.badData("invalid parameter \"" + name + "\": cannot parse \"\" to a valid timestamp");
        }
        return ApiParams.time(name, v, 0);
    }

    static void writeResult(QueryResult result, JsonOutput json) throws IOException {
        var g = json.gen;
        g.writeStartObject();
        g.writeStringField("resultType", result.type().text());
        g.writeFieldName("result");
        if (result instanceof QueryResult.VectorResult v) {
                g.writeStartArray();
                for (Sample s : v.samples()) {
                    g.writeStartObject();
                    g.writeFieldName("metric");
                    json.labels(s.labels());
                    g.writeFieldName("value");
                    json.samplePair(s.t(), s.v());
                    g.writeEndObject();
                }
                g.writeEndArray();
        } else if (result instanceof QueryResult.MatrixResult m) {
                g.writeStartArray();
                for (SeriesResult s : m.series()) {
                    g.writeStartObject();
                    g.writeFieldName("metric");
                    json.labels(s.labels());
                    g.writeArrayFieldStart("values");
                    long[] ts = s.timestamps();
                    double[] vs = s.values();
                    for (int i = 0; i < ts.length; i++) {
                        json.samplePair(ts[i], vs[i]);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
        } else if (result instanceof QueryResult.ScalarResult s) {
            json.samplePair(s.t(), s.v());
        } else if (result instanceof QueryResult.StringResult s) {
            g.writeStartArray();
            g.writeRawValue(JsonOutput.timestamp(s.t()));
            g.writeString(s.v());
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Parses every {@code match[]} selector; an empty list when there is none. */
    private List<List<LabelMatcher>> matchers(Fields params) throws ApiException {
        List<String> selectors = params.getValues("match[]");
        List<List<LabelMatcher>> out = new ArrayList<>();
        if (selectors == null) {
            return out;
        }
        for (String s : selectors) {
            try {
                out.add(requireEngine().parseSelector(s));
            } catch (PromQLException e) {
                throw ApiException.badData(e.getMessage());
            }
        }
        return out;
    }

    private void labels(Fields params, JsonOutput json) throws IOException, ApiException {
        List<List<LabelMatcher>> sets = matchers(params);
        long start = ApiParams.time("start", params.getValue("start"), ApiParams.MIN_TIME);
        long end = ApiParams.time("end", params.getValue("end"), ApiParams.MAX_TIME);
        Set<String> names = new TreeSet<>();
        try (Querier q = storage.querier(start, end)) {
            if (sets.isEmpty()) {
                names.addAll(q.labelNames(List.of()));
            }
            for (List<LabelMatcher> m : sets) {
                names.addAll(q.labelNames(m));
            }
        }
        writeStrings(json, limit(names, params));
    }

    private void labelValues(String name, Fields params, JsonOutput json) throws IOException, ApiException {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw ApiException.badData("invalid label name: \"" + name + "\"");
        }
        List<List<LabelMatcher>> sets = matchers(params);
        long start = ApiParams.time("start", params.getValue("start"), ApiParams.MIN_TIME);
        long end = ApiParams.time("end", params.getValue("end"), ApiParams.MAX_TIME);
        Set<String> values = new TreeSet<>();
        try (Querier q = storage.querier(start, end)) {
            if (sets.isEmpty()) {
                values.addAll(q.labelValues(name, List.of()));
            }
            for (List<LabelMatcher> m : sets) {
                values.addAll(q.labelValues(name, m));
            }
        }
        writeStrings(json, limit(values, params));
    }

    private void series(Fields params, JsonOutput json) throws IOException, ApiException {
        List<List<LabelMatcher>> sets = matchers(params);
        if (sets.isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        long start = ApiParams.time("start", params.getValue("start"), ApiParams.MIN_TIME);
        long end = ApiParams.time("end", params.getValue("end"), ApiParams.MAX_TIME);
        Set<Labels> found = new TreeSet<>();
        try (Querier q = storage.querier(start, end)) {
            for (List<LabelMatcher> m : sets) {
                try (SeriesSet set = q.select(false, new SelectHints(start, end, 0, "series", 0, true), m)) {
                    while (set.next()) {
                        found.add(set.at().labels());
                    }
                }
            }
        }
        json.beginSuccess();
        json.gen.writeStartArray();
        for (Labels l : limit(found, params)) {
            json.labels(l);
        }
        json.gen.writeEndArray();
        json.endSuccess(List.of(), List.of());
    }

    /** Applies the optional {@code limit} parameter (0 or absent: no limit). */
    private static <T> Iterable<T> limit(Set<T> all, Fields params) throws ApiException {
        String l = params.getValue("limit");
        if (l == null || l.isEmpty()) {
            return all;
        }
        int n;
        try {
            n = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw ApiException.badData("invalid parameter \"limit\": cannot parse \"" + l + "\" to a valid limit");
        }
        if (n < 0) {
            throw ApiException.badData("invalid parameter \"limit\": limit must be non-negative");
        }
        return n == 0 ? all : all.stream().limit(n).toList();
    }

    private static void writeStrings(JsonOutput json, Iterable<String> values) throws IOException {
        json.beginSuccess();
        json.gen.writeStartArray();
        for (String v : values) {
            json.gen.writeString(v);
        }
        json.gen.writeEndArray();
        json.endSuccess(List.of(), List.of());
    }

    /** Prometheus' {@code /api/v1/scrape_pools}: every configured job, sorted, with or without targets. */
    private void scrapePools(JsonOutput json) throws IOException, ApiException {
        ConfigService c = requireConfig();
        TreeSet<String> pools = new TreeSet<>();
        c.current().scrapeConfigs().forEach(sc -> pools.add(sc.jobName()));
        json.beginSuccess();
        json.gen.writeStartObject();
        json.gen.writeArrayFieldStart("scrapePools");
        for (String p : pools) {
            json.gen.writeString(p);
        }
        json.gen.writeEndArray();
        json.gen.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    /**
     * Prometheus' {@code /api/v1/alertmanagers}: the push URLs in use and those relabeling dropped.
     * Without the notifier bundle there are none.
     */
    private void alertmanagers(JsonOutput json) throws IOException {
        Alertmanagers a = alertmanagers.get();
        json.beginSuccess();
        json.gen.writeStartObject();
        writeUrls(json, "activeAlertmanagers", a == null ? List.of() : a.active());
        writeUrls(json, "droppedAlertmanagers", a == null ? List.of() : a.dropped());
        json.gen.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    private static void writeUrls(JsonOutput json, String field, List<java.net.URI> urls) throws IOException {
        json.gen.writeArrayFieldStart(field);
        for (java.net.URI u : urls) {
            json.gen.writeStartObject();
            json.gen.writeStringField("url", u.toString());
            json.gen.writeEndObject();
        }
        json.gen.writeEndArray();
    }

    private void targets(Fields params, JsonOutput json) throws IOException, ApiException {
        TargetApis.targets(requireTargets(), params, json);
    }

    private ScrapeTargets requireTargets() throws ApiException {
        ScrapeTargets t = targets.get();
        if (t == null) {
            throw ApiException.of("unavailable", "scrape manager unavailable: the scrape bundle is not running");
        }
        return t;
    }

    private RuleManager requireRules() throws ApiException {
        RuleManager r = rules.get();
        if (r == null) {
            throw ApiException.of("unavailable", "rule manager unavailable: the rules bundle is not running");
        }
        return r;
    }

    /** A {@code match_target} selector, parsed as a series selector; empty matches every target. */
    private List<LabelMatcher> matchTarget(String selector) throws ApiException {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        try {
            return requireEngine().parseSelector(selector);
        } catch (PromQLException e) {
            throw ApiException.badData(e.getMessage());
        }
    }

    private ConfigService requireConfig() throws ApiException {
        ConfigService c = config.get();
        if (c == null) {
            throw ApiException.of("unavailable", "configuration service unavailable: the config bundle is not running");
        }
        return c;
    }

    /** Prometheus' {@code /api/v1/status/config}: the loaded configuration, secrets masked. */
    private void statusConfig(JsonOutput json) throws IOException, ApiException {
        String yaml = ConfigYaml.masked(requireConfig().current());
        json.beginSuccess();
        json.gen.writeStartObject();
        json.gen.writeStringField("yaml", yaml);
        json.gen.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    /** Prometheus' {@code /api/v1/status/flags}: the settings Pharos has, under Prometheus' flag names. */
    private void statusFlags(JsonOutput json) throws IOException {
        ConfigService c = config.get();
        json.beginSuccess();
        json.value(flags.current(c == null ? null : c.file()));
        json.endSuccess(List.of(), List.of());
    }

    private void buildInfo(JsonOutput json) throws IOException {
        json.beginSuccess();
        var g = json.gen;
        g.writeStartObject();
        g.writeStringField("version", build.version());
        g.writeStringField("revision", build.revision());
        g.writeStringField("branch", build.branch());
        g.writeStringField("buildUser", build.buildUser());
        g.writeStringField("buildDate", build.buildDate());
        g.writeStringField("goVersion", build.javaVersion());
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    /** Prometheus' {@code /api/v1/status/tsdb}: head statistics and the largest cardinalities. */
    private void tsdbStatus(Fields params, JsonOutput json) throws IOException, ApiException {
        int limit = 10;
        String l = params.getValue("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit <= 0) {
                throw ApiException.badData("limit must be a positive number");
            }
        }
        StorageStatus.Snapshot s = storage.status(limit).orElseThrow(() -> ApiException.of("unavailable",
                "storage backend '" + storage.primaryName() + "' does not report TSDB statistics"));
        json.beginSuccess();
        var g = json.gen;
        g.writeStartObject();
        g.writeObjectFieldStart("headStats");
        g.writeNumberField("numSeries", s.numSeries());
        g.writeNumberField("numLabelPairs", s.numLabelPairs());
        g.writeNumberField("chunkCount", s.chunkCount());
        g.writeNumberField("minTime", s.minTime());
        g.writeNumberField("maxTime", s.maxTime());
        g.writeEndObject();
        counts(g, "seriesCountByMetricName", s.seriesCountByMetricName());
        counts(g, "labelValueCountByLabelName", s.labelValueCountByLabelName());
        counts(g, "memoryInBytesByLabelName", s.memoryInBytesByLabelName());
        counts(g, "seriesCountByLabelValuePair", s.seriesCountByLabelValuePair());
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    private static void counts(com.fasterxml.jackson.core.JsonGenerator g, String field,
            List<StorageStatus.Count> counts) throws IOException {
        g.writeArrayFieldStart(field);
        for (StorageStatus.Count c : counts) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeNumberField("value", c.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private int exposition(Response response, Callback callback, String name) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(16384);
        try (Writer w = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            exporters.write(name, w);
        } catch (IOException | RuntimeException e) {
            LOG.warn("exporter '{}' failed", name, e);
            return text(response, callback, 500, "error collecting metrics: " + e.getMessage() + "\n");
        }
        return send(response, callback, 200, TextFormatWriter.CONTENT_TYPE, body.toByteArray());
    }

    private static int error(Response response, Callback callback, ApiException e) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try (JsonOutput json = new JsonOutput(body)) {
            json.error(e.errorType(), e.getMessage());
        }
        return send(response, callback, e.status(), JSON, body.toByteArray());
    }

    private static int text(Response response, Callback callback, int status, String body) {
        return send(response, callback, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    private static int send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return status;
    }
}
