package io.pharos.config;

/**
 * A configuration file could not be loaded. The message is {@code <file>:<line>:<col>: <reason>}
 * (line and column 1-based; parts that are unknown, reported as 0, are left out), so an operator
 * can jump straight to the offending node.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ConfigException(String file, int line, int column, String reason) {
        this(file, line, column, reason, null);
    }

    public ConfigException(String file, int line, int column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.column = Math.max(column, 0);
        this.reason = reason;
    }

    /** The file name as given to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending node, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending node, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    private static String format(String file, int line, int column, String reason) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(reason).toString();
    }
}
