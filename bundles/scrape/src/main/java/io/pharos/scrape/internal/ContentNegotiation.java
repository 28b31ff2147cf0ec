package io.pharos.scrape.internal;

import io.pharos.config.ScrapeProtocol;
import io.pharos.config.ScrapeProtocols;
import io.pharos.scrape.internal.ScrapeLoop.ScrapeException;
import io.pharos.spi.util.GoStrings;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation of a scrape as Prometheus 3.x does it: the Accept header offers the job's
 * {@code scrape_protocols} with falling weights, and the response's Content-Type picks the parser.
 * A missing, unparseable or unknown Content-Type uses {@code fallback_scrape_protocol}, and without
 * one fails the scrape with Prometheus' message.
 *
 * @param protocols the job's protocols and fallback
 */
record ContentNegotiation(ScrapeProtocols protocols) {

    /** The format a body is parsed as. */
    enum Format { PROMETHEUS_TEXT, OPENMETRICS }

    static final ContentNegotiation DEFAULT =
            new ContentNegotiation(new ScrapeProtocols(ScrapeProtocols.DEFAULT, null, null));

    /**
     * The Accept header: each protocol with {@code q} falling from 0.6 by 0.1 in list order, as
     * Prometheus weighs them, then {@code *}{@code /*} below them all.
     */
    String accept() {
        StringBuilder sb = new StringBuilder(256);
        int weight = ScrapeProtocol.values().length + 1;
        for (ScrapeProtocol p : protocols.accept()) {
            // There is no protobuf parser yet: never ask for protobuf. The other protocols keep
            // the weights Prometheus gives them, so the header is Prometheus' minus that element.
            if (p != ScrapeProtocol.PROMETHEUS_PROTO) {
                sb.append(p.header());
                if (p.takesEscaping()) {
                    sb.append(";escaping=").append(protocols.escapingScheme());
                }
                sb.append(";q=0.").append(weight).append(',');
            }
            weight--;
        }
        return sb.append("*/*;q=0.").append(weight).toString();
    }

    /** The format of a response with this Content-Type header (null when absent). */
    Format select(String contentType) throws ScrapeException {
        String problem;
        if (contentType == null || contentType.isEmpty()) {
            problem = "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol "
                    + "specified for target";
        } else {
            String mediaType = null;
            try {
                mediaType = mediaType(contentType);
                problem = "received unsupported Content-Type " + GoStrings.quote(contentType)
                        + " and no fallback_scrape_protocol specified for target";
            } catch (IllegalArgumentException e) {
                problem = "cannot parse Content-Type " + GoStrings.quote(contentType)
                        + " and no fallback_scrape_protocol for target: " + e.getMessage();
            }
            if (ScrapeProtocol.PROMETHEUS_PROTO.mediaType().equals(mediaType)) {
                throw new ScrapeException("received protobuf Content-Type " + GoStrings.quote(contentType)
                        + ", which Pharos cannot parse yet");
            }
            Format f = formatOf(mediaType);
            if (f != null) {
                return f;
            }
        }
        ScrapeProtocol fallback = protocols.fallback();
        if (fallback == null) {
            throw new ScrapeException(problem);
        }
        Format f = formatOf(fallback.mediaType());
        if (f == null) {
            throw new ScrapeException("fallback_scrape_protocol " + fallback.configName() + " is not supported yet");
        }
        return f;
    }

    private static Format formatOf(String mediaType) {
        if ("text/plain".equals(mediaType)) {
            return Format.PROMETHEUS_TEXT;
        }
        return "application/openmetrics-text".equals(mediaType) ? Format.OPENMETRICS : null;
    }

    /**
     * The media type of a Content-Type value, lower-cased, checked as Go's mime.ParseMediaType
     * checks it (with its error messages).
     */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        int type = tokenEnd(base, 0);
        if (type == 0) {
            throw new IllegalArgumentException("mime: no media type");
        }
        if (type < base.length()) {
            if (base.charAt(type) != '/') {
                throw new IllegalArgumentException("mime: expected slash after first token");
            }
            int sub = tokenEnd(base, type + 1);
            if (sub == type + 1) {
                throw new IllegalArgumentException("mime: expected token after slash");
            }
            if (sub < base.length()) {
                throw new IllegalArgumentException("mime: unexpected content after media subtype");
            }
        }
        if (semicolon >= 0) {
            checkParameters(contentType.substring(semicolon));
        }
        return base;
    }

    /** Each {@code ;name=value} must be a token and a token or quoted string; a last ";" is fine. */
    private static void checkParameters(String params) {
        List<String> parts = List.of(params.substring(1).split(";", -1));
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i).trim();
            if (p.isEmpty() && i == parts.size() - 1) {
                return;
            }
            int eq = p.indexOf('=');
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            if (eq < 0 || name.isEmpty() || tokenEnd(name, 0) != name.length() || value.isEmpty()
                    || !quoted && tokenEnd(value, 0) != value.length()) {
                throw new IllegalArgumentException("mime: invalid media parameter");
            }
        }
    }

    /** The end of the RFC 2045 token at {@code from}. */
    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i;
    }
}
