package io.pharos.template.internal;

import io.pharos.relabel.GoRegexp;
import io.pharos.spi.model.PluginConfigException;
import io.pharos.spi.util.GoStrings;
import io.pharos.template.QueryFunction;
import io.pharos.template.QuerySample;
import io.pharos.template.TemplateException;
import io.pharos.template.TemplateFunction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Prometheus' template functions (its template reference), worded and formatted as Prometheus does. */
public final class PromFunctions {
    private PromFunctions() {
    }

    public static Map<String, TemplateFunction> create(QueryFunction query, String externalUrl, long timestampMillis) {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("query", a -> {
            CallError.arity("query", a, 1);
            String expr = str("query", a.get(0));
            try {
                return List.copyOf(query.query(expr, timestampMillis));
            } catch (TemplateException e) {
                throw e;
            } catch (Exception e) {
                throw new TemplateException(String.valueOf(e.getMessage()), e);
            }
        });
        f.put("first", a -> {
            CallError.arity("first", a, 1);
            List<Object> v = a.get(0) == null ? List.of() : Values.asList(a.get(0));
            if (v.isEmpty()) {
                throw new TemplateException("first() called on vector with no elements");
            }
            return v.get(0);
        });
        f.put("label", a -> {
            CallError.arity("label", a, 2);
            return sample("label", a.get(1)).labels().getOrDefault(str("label", a.get(0)), "");
        });
        f.put("value", a -> {
            CallError.arity("value", a, 1);
            return sample("value", a.get(0)).value();
        });
        f.put("strvalue", a -> {
            CallError.arity("strvalue", a, 1);
            return sample("strvalue", a.get(0)).labels().getOrDefault("__value__", "");
        });
        f.put("sortByLabel", a -> {
            CallError.arity("sortByLabel", a, 2);
            String label = str("sortByLabel", a.get(0));
            List<QuerySample> samples = new ArrayList<>();
            for (Object o : a.get(1) == null ? List.of() : Values.asList(a.get(1))) {
                samples.add(sample("sortByLabel", o));
            }
            samples.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, ""))); // stable, as Go's sort.Stable
            return List.copyOf(samples);
        });
        f.put("humanize", a -> Humanize.humanize(toFloat("humanize", a)));
        f.put("humanize1024", a -> Humanize.humanize1024(toFloat("humanize1024", a)));
        f.put("humanizeDuration", a -> Humanize.duration(toFloat("humanizeDuration", a)));
        f.put("humanizePercentage", a -> GoFmt.sprintf("%.4g%%", List.of(toFloat("humanizePercentage", a) * 100)));
        f.put("humanizeTimestamp", a -> {
            double v = toFloat("humanizeTimestamp", a);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return GoFmt.sprintf("%.4g", List.of(v));
            }
            return toTime(v).toString();
        });
        f.put("toTime", a -> toTime(toFloat("toTime", a)));
        f.put("toDuration", a -> {
            double v = toFloat("toDuration", a);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new TemplateException("value is NaN or Inf");
            }
            return new GoDuration((long) (v * 1e9));
        });
        f.put("now", a -> {
            CallError.arity("now", a, 0);
            return timestampMillis / 1000.0;
        });
        f.put("pathPrefix", a -> {
            CallError.arity("pathPrefix", a, 0);
            return path(externalUrl);
        });
        f.put("externalURL", a -> {
            CallError.arity("externalURL", a, 0);
            return externalUrl;
        });
        f.put("graphLink", a -> {
            CallError.arity("graphLink", a, 1);
            return "/graph?g0.expr=" + Escapers.queryEscape(str("graphLink", a.get(0))) + "&g0.tab=0";
        });
        f.put("tableLink", a -> {
            CallError.arity("tableLink", a, 1);
            return "/graph?g0.expr=" + Escapers.queryEscape(str("tableLink", a.get(0))) + "&g0.tab=1";
        });
        f.put("parseDuration", a -> {
            CallError.arity("parseDuration", a, 1);
            return PromDuration.parseSeconds(str("parseDuration", a.get(0)));
        });
        f.put("args", a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                m.put("arg" + i, a.get(i));
            }
            return m;
        });
        f.put("tmpl", (ContextFunction) (set, a) -> {
            CallError.arity("tmpl", a, 2);
            return set.execute(str("tmpl", a.get(0)), a.get(1));
        });
        f.put("safeHtml", stringFunction("safeHtml", s -> s));
        f.put("match", a -> {
            CallError.arity("match", a, 2);
            return regexp(str("match", a.get(0))).find(str("match", a.get(1)));
        });
        f.put("reReplaceAll", a -> {
            CallError.arity("reReplaceAll", a, 3);
            return regexp(str("reReplaceAll", a.get(0))).replaceAll(str("reReplaceAll", a.get(2)),
                    str("reReplaceAll", a.get(1)));
        });
        f.put("title", stringFunction("title", GoText::title));
        f.put("toUpper", stringFunction("toUpper", GoText::upper));
        f.put("toLower", stringFunction("toLower", GoText::lower));
        f.put("stripPort", stringFunction("stripPort", s -> {
            String[] hp = HostPort.split(s);
            return hp == null ? s : hp[0];
        }));
        f.put("stripDomain", stringFunction("stripDomain", HostPort::stripDomain));
        f.put("urlQueryEscape", stringFunction("urlQueryEscape", Escapers::queryEscape));
        return Map.copyOf(f);
    }

    /** A function of one string argument. */
    private static TemplateFunction stringFunction(String name, UnaryOperator<String> op) {
        return a -> {
            CallError.arity(name, a, 1);
            return op.apply(str(name, a.get(0)));
        };
    }

    private static GoRegexp regexp(String re) throws TemplateException {
        try {
            return GoRegexp.compile(re);
        } catch (PluginConfigException e) {
            throw new TemplateException("regexp: Compile(" + GoStrings.quote(re) + "): " + e.getMessage(), e);
        }
    }

    private static String path(String url) {
        try {
            String p = new URI(url).getRawPath();
            return p == null ? "" : p;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    /** Prometheus' floatToTime: millisecond precision, UTC. */
    private static GoTime toTime(double v) throws TemplateException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new TemplateException("value is NaN or Inf");
        }
        double nanos = v * 1e9;
        if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
            throw new TemplateException(GoFmt.sprintf("%v cannot be represented as a nanoseconds timestamp since it overflows int64", List.of(v)));
        }
        long millis = Math.floorDiv((long) nanos, 1_000_000L);
        if ((long) nanos < 0 && (long) nanos % 1_000_000L != 0) {
            millis++; // Go's integer division truncates toward zero
        }
        return new GoTime(Instant.ofEpochMilli(millis));
    }

    private static String str(String fn, Object v) throws TemplateException {
        if (v instanceof String s) {
            return s;
        }
        throw new TemplateException("wrong type for value; expected string; got " + Values.typeName(v));
    }

    private static QuerySample sample(String fn, Object v) throws TemplateException {
        if (v instanceof QuerySample s) {
            return s;
        }
        throw new TemplateException("wrong type for value; expected *template.sample; got " + Values.typeName(v));
    }

    /** Prometheus' convertToFloat: floats, ints, and strings parsed as Go floats. */
    static double toFloat(String fn, List<Object> a) throws TemplateException {
        CallError.arity(fn, a, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            return GoText.parseFloat(s);
        } else if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        } else if (Values.kind(v) == Values.Kind.INT) {
            return Values.toLong(v);
        }
        throw new TemplateException("can't convert " + Values.typeName(v) + " to float");
    }
}
