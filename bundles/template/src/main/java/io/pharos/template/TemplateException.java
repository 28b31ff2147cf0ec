package io.pharos.template;

/**
 * A template that does not parse or fails to execute, with a message worded as Go's, e.g.
 * {@code template: name:3: unexpected "}" in operand} or
 * {@code template: name:1:3: executing "name" at <.Foo>: ...}.
 */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
