package io.pharos.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pharos.exposition.GoFloat;
import io.pharos.rules.AlertInfo;
import io.pharos.rules.RuleGroupInfo;
import io.pharos.rules.RuleInfo;
import io.pharos.rules.RuleManager;
import io.pharos.spi.util.GoStrings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /api/v1/rules} and {@code /api/v1/alerts} with Prometheus 3.x's parameters, field order
 * and formats: durations as float seconds, times in RFC 3339 with nanoseconds (Go's zero time when
 * never evaluated), alert values in Go's {@code %e} form.
 */
final class RuleApis {
    private RuleApis() {
    }

    static void rules(RuleManager manager, Fields params, JsonOutput json) throws IOException, ApiException {
        String type = value(params, "type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiException.badData("invalid parameter \"type\": not supported value " + GoStrings.quote(type));
        }
        boolean alerts = type.isEmpty() || type.equals("alert");
        boolean records = type.isEmpty() || type.equals("record");
        Set<String> names = set(params, "rule_name[]");
        Set<String> groups = set(params, "rule_group[]");
        Set<String> files = set(params, "file[]");
        JsonGenerator g = json.gen;
        json.beginSuccess();
        g.writeStartObject();
        g.writeArrayFieldStart("groups");
        for (RuleGroupInfo group : manager.groups()) {
            if (!groups.isEmpty() && !groups.contains(group.name()) || !files.isEmpty() && !files.contains(group.file())) {
                continue;
            }
            List<RuleInfo> rules = group.rules().stream()
                    .filter(r -> names.isEmpty() || names.contains(r.name()))
                    .filter(r -> r.type() == RuleInfo.Type.ALERTING ? alerts : records)
                    .toList();
            if (rules.isEmpty()) {
                continue; // every rule filtered out: Prometheus leaves the group out
            }
            g.writeStartObject();
            g.writeStringField("name", group.name());
            g.writeStringField("file", group.file());
            g.writeArrayFieldStart("rules");
            for (RuleInfo r : rules) {
                rule(r, json);
            }
            g.writeEndArray();
            seconds(g, "interval", group.interval());
            g.writeNumberField("limit", group.limit());
            seconds(g, "evaluationTime", group.evaluationTime());
            g.writeStringField("lastEvaluation", time(group.lastEvaluation()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    static void alerts(RuleManager manager, JsonOutput json) throws IOException {
        JsonGenerator g = json.gen;
        json.beginSuccess();
        g.writeStartObject();
        g.writeArrayFieldStart("alerts");
        for (AlertInfo a : manager.alerts()) {
            alert(a, json);
        }
        g.writeEndArray();
        g.writeEndObject();
        json.endSuccess(List.of(), List.of());
    }

    private static void rule(RuleInfo r, JsonOutput json) throws IOException {
        JsonGenerator g = json.gen;
        g.writeStartObject();
        if (r.type() == RuleInfo.Type.ALERTING) {
            g.writeStringField("state", r.state().text());
            g.writeStringField("name", r.name());
            g.writeStringField("query", r.query());
            seconds(g, "duration", r.duration());
            seconds(g, "keepFiringFor", r.keepFiringFor());
            g.writeFieldName("labels");
            json.labels(r.labels());
            g.writeFieldName("annotations");
            json.labels(r.annotations());
            g.writeArrayFieldStart("alerts");
            for (AlertInfo a : r.alerts()) {
                alert(a, json);
            }
            g.writeEndArray();
        } else {
            g.writeStringField("name", r.name());
            g.writeStringField("query", r.query());
            g.writeFieldName("labels");
            json.labels(r.labels());
        }
        g.writeStringField("health", r.health().text());
        if (!r.lastError().isEmpty()) {
            g.writeStringField("lastError", r.lastError());
        }
        seconds(g, "evaluationTime", r.evaluationTime());
        g.writeStringField("lastEvaluation", time(r.lastEvaluation()));
        g.writeStringField("type", r.type().text());
        g.writeEndObject();
    }

    private static void alert(AlertInfo a, JsonOutput json) throws IOException {
        JsonGenerator g = json.gen;
        g.writeStartObject();
        g.writeFieldName("labels");
        json.labels(a.labels());
        g.writeFieldName("annotations");
        json.labels(a.annotations());
        g.writeStringField("state", a.state().text());
        g.writeStringField("activeAt", time(a.activeAt()));
        if (a.keepFiringSince() != null) {
            g.writeStringField("keepFiringSince", time(a.keepFiringSince()));
        }
        g.writeStringField("value", exponent(a.value()));
        g.writeEndObject();
    }

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: shortest digits, {@code d.ddde±XX}. */
    static String exponent(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String g = GoFloat.format(Math.abs(v));
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        String mantissa = g;
        int exp = 0;
        int e = g.indexOf('e');
        if (e >= 0) {
            mantissa = g.substring(0, e);
            exp = Integer.parseInt(g.substring(e + 1));
        }
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String frac = dot < 0 ? "" : mantissa.substring(dot + 1);
        String digits = intPart + frac;
        exp += intPart.length() - 1;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        exp -= lead;
        digits = digits.replaceAll("0+$", "");
        if (digits.isEmpty()) {
            return sign + "0e+00";
        }
        StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    /** A duration as float seconds, written as Go's encoding/json writes a float64 ({@code 30}, {@code 0.0015}). */
    private static void seconds(JsonGenerator g, String field, Duration d) throws IOException {
        double v = d == null ? 0 : d.toNanos() / 1e9;
        g.writeFieldName(field);
        g.writeNumber(GoFloat.formatApiValue(v).replace("e-0", "e-").replace("e+0", "e+"));
    }

    /** Go's {@code time.Time} JSON (RFC 3339, nanoseconds without trailing zeros), UTC. */
    static String time(Instant t) {
        if (t == null) {
            return TargetApis.ZERO_TIME;
        }
        String s = t.toString(); // ISO-8601 in UTC, fraction in groups of three digits
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
    }

    private static Set<String> set(Fields params, String name) {
        Set<String> out = new HashSet<>();
        Fields.Field f = params.get(name);
        if (f != null) {
            out.addAll(f.getValues());
        }
        return out;
    }

    private static String value(Fields params, String name) {
        String v = params.getValue(name);
        return v == null ? "" : v;
    }
}
