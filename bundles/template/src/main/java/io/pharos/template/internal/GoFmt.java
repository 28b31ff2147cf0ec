package io.pharos.template.internal;

import io.pharos.exposition.GoFloat;
import io.pharos.spi.util.GoStrings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf}, {@code Sprint} and {@code Sprintln} for the values templates handle:
 * flags {@code + - # 0 space}, width and precision (also {@code *}), verbs {@code v s q d b o x X
 * c U t e E f F g G %}, and Go's error notes ({@code %!d(string=x)}, {@code %!s(MISSING)},
 * {@code %!(EXTRA ...)}). Floats are rounded from their exact binary value, half to even, as Go
 * does (Java's Formatter rounds the shortest decimal half up).
 */
final class GoFmt {
    private GoFmt() {
    }

    /** Flags and sizes of one verb. */
    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean zero;
        boolean space;
        int width = -1;
        int prec = -1;
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        int argi = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            Spec s = new Spec();
            for (; i < n; i++) {
                char f = format.charAt(i);
                if (f == '+') {
                    s.plus = true;
                } else if (f == '-') {
                    s.minus = true;
                } else if (f == '#') {
                    s.sharp = true;
                } else if (f == '0') {
                    s.zero = true;
                } else if (f == ' ') {
                    s.space = true;
                } else {
                    break;
                }
            }
            if (i < n && format.charAt(i) == '*') {
                i++;
                s.width = argi < args.size() && args.get(argi) instanceof Long w ? w.intValue() : -1;
                argi++;
                if (s.width < 0 && s.width != -1) {
                    s.minus = true;
                    s.width = -s.width;
                }
            } else {
                int start = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    s.width = Integer.parseInt(format.substring(start, i));
                }
            }
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    i++;
                    s.prec = argi < args.size() && args.get(argi) instanceof Long p ? Math.max(0, p.intValue()) : 0;
                    argi++;
                } else {
                    int start = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    s.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                }
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            format(out, s, verb, args.get(argi++));
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                Object a = args.get(k);
                out.append(k > argi ? ", " : "").append(Values.typeName(a));
                if (a != null) {
                    out.append('=').append(Values.formatV(a));
                }
            }
            out.append(')');
        }
        return out.toString();
    }

    /** Go's {@code Sprint}: a space between operands when neither side is a string. */
    static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            Values.appendV(sb, a);
        }
        return sb.toString();
    }

    /** Go's {@code Sprintln}: always a space between operands, and a newline. */
    static String sprintln(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Values.appendV(sb, args.get(i));
        }
        return sb.append('\n').toString();
    }

    private static void format(StringBuilder out, Spec s, int verb, Object arg) {
        Values.Kind k = Values.kind(arg);
        String body;
        boolean numeric = false;
        if (verb == 'v' && k != Values.Kind.FLOAT && k != Values.Kind.INT) {
            body = arg instanceof String str && s.prec >= 0 ? truncate(str, s.prec) : Values.formatV(arg);
        } else if (arg instanceof GoStringer && (verb == 's' || verb == 'v' || verb == 'q')) {
            body = verb == 'q' ? GoStrings.quote(arg.toString()) : arg.toString();
        } else if (k == Values.Kind.STRING) {
            String str = (String) arg;
            body = switch (verb) {
                case 's' -> s.prec >= 0 ? truncate(str, s.prec) : str;
                case 'q' -> GoStrings.quote(s.prec >= 0 ? truncate(str, s.prec) : str);
                case 'x', 'X' -> hexBytes(str, verb == 'X', s);
                default -> null;
            };
        } else if (k == Values.Kind.INT) {
            long v = Values.toLong(arg);
            numeric = true;
            body = switch (verb) {
                case 'v', 'd' -> integer(v, 10, false, s);
                case 'b' -> integer(v, 2, false, s);
                case 'o' -> integer(v, 8, false, s);
                case 'x' -> integer(v, 16, false, s);
                case 'X' -> integer(v, 16, true, s);
                case 'c' -> new String(Character.toChars(validRune(v)));
                case 'q' -> GoStrings.quoteRune(validRune(v));
                case 'U' -> String.format("U+%04X", v);
                default -> null;
            };
        } else if (k == Values.Kind.FLOAT) {
            numeric = true;
            body = floating(((Number) arg).doubleValue(), verb, s);
        } else if (k == Values.Kind.BOOL) {
            body = verb == 't' ? arg.toString() : null;
        } else if (verb == 's' && (arg instanceof java.util.Map<?, ?> || arg instanceof java.util.Collection<?>)) {
            body = Values.formatV(arg);
        } else {
            body = null;
        }
        if (body == null) {
            out.append("%!").appendCodePoint(verb).append('(').append(Values.typeName(arg));
            if (arg != null) {
                out.append('=').append(Values.formatV(arg));
            }
            out.append(')');
            return;
        }
        pad(out, body, s, numeric && s.zero && !s.minus && !isNonFinite(body));
    }

    private static boolean isNonFinite(String body) {
        return body.endsWith("Inf") || body.endsWith("NaN");
    }

    private static int validRune(long v) {
        return v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (int) v;
    }

    private static String truncate(String s, int runes) {
        int count = s.codePointCount(0, s.length());
        return count <= runes ? s : s.substring(0, s.offsetByCodePoints(0, runes));
    }

    private static String hexBytes(String str, boolean upper, Spec s) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = str.getBytes(StandardCharsets.UTF_8);
        int limit = s.prec >= 0 ? Math.min(s.prec, bytes.length) : bytes.length;
        for (int i = 0; i < limit; i++) {
            sb.append(String.format(upper ? "%02X" : "%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    private static String integer(long v, int base, boolean upper, Spec s) {
        String digits = Long.toUnsignedString(v < 0 ? -v : v, base);
        if (v == Long.MIN_VALUE) {
            digits = Long.toUnsignedString(v, base);
        }
        if (upper) {
            digits = digits.toUpperCase();
        }
        if (s.prec == 0 && v == 0) {
            digits = "";
        }
        if (s.prec > digits.length()) {
            digits = "0".repeat(s.prec - digits.length()) + digits;
        }
        String prefix = "";
        if (s.sharp) {
            prefix = base == 16 ? (upper ? "0X" : "0x") : base == 8 && !digits.startsWith("0") ? "0" : base == 2 ? "0b" : "";
        }
        return sign(v < 0, s) + prefix + digits;
    }

    private static String sign(boolean negative, Spec s) {
        return negative ? "-" : s.plus ? "+" : s.space ? " " : "";
    }

    private static String floating(double v, int verb, Spec s) {
        if (Double.isNaN(v)) {
            return (s.plus ? "+" : s.space ? " " : "") + "NaN";
        }
        if (Double.isInfinite(v)) {
            return (v > 0 ? (s.plus || verb == 'v' || verb == 'g' || verb == 'e' || verb == 'f' ? "+" : "") : "-") + "Inf";
        }
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        String body = switch (verb) {
            case 'v' -> GoFloat.format(abs);
            case 'f', 'F' -> fixed(abs, s.prec < 0 ? 6 : s.prec);
            case 'e', 'E' -> exponent(abs, s.prec < 0 ? 6 : s.prec, verb == 'E');
            case 'g', 'G' -> general(abs, s.prec, verb == 'G', s.sharp);
            default -> null;
        };
        return body == null ? null : sign(negative, s) + body;
    }

    static String fixed(double abs, int prec) {
        return new BigDecimal(abs).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String exponent(double abs, int prec, boolean upper) {
        if (abs == 0) {
            return (prec > 0 ? "0." + "0".repeat(prec) : "0") + (upper ? "E+00" : "e+00");
        }
        BigDecimal r = new BigDecimal(abs).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exp = digits.length() - r.scale() - 1;
        digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
        return mantissa(digits) + exponentSuffix(exp, upper);
    }

    private static String mantissa(String digits) {
        return digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    }

    private static String exponentSuffix(int exp, boolean upper) {
        int a = Math.abs(exp);
        return (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }

    /** {@code %g}: shortest digits without a precision, else that many significant digits. */
    private static String general(double abs, int prec, boolean upper, boolean sharp) {
        if (prec < 0) {
            String g = GoFloat.format(abs);
            return upper ? g.toUpperCase() : g;
        }
        if (prec == 0) {
            prec = 1;
        }
        if (abs == 0) {
            return sharp ? "0." + "0".repeat(prec - 1) : "0";
        }
        BigDecimal r = new BigDecimal(abs).round(new MathContext(prec, RoundingMode.HALF_EVEN));
        String full = r.unscaledValue().toString();
        int exp = full.length() - r.scale() - 1;
        String digits = sharp ? (full + "0".repeat(prec)).substring(0, prec) : full.replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        int eprec = prec;
        int point = exp + 1;
        if (!sharp && eprec > digits.length() && digits.length() >= point) {
            eprec = digits.length();
        }
        if (exp < -4 || exp >= eprec) {
            return mantissa(digits) + exponentSuffix(exp, upper);
        }
        // %f form with exactly the significant digits kept
        StringBuilder sb = new StringBuilder();
        if (point <= 0) {
            sb.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            sb.append(digits).append("0".repeat(point - digits.length()));
        } else {
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return sb.toString();
    }

    private static void pad(StringBuilder out, String body, Spec s, boolean zeroPad) {
        int len = body.codePointCount(0, body.length());
        if (s.width <= len) {
            out.append(body);
            return;
        }
        int fill = s.width - len;
        if (s.minus) {
            out.append(body).append(" ".repeat(fill));
        } else if (zeroPad) {
            int signLen = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
            out.append(body, 0, signLen).append("0".repeat(fill)).append(body, signLen, body.length());
        } else {
            out.append(" ".repeat(fill)).append(body);
        }
    }
}
