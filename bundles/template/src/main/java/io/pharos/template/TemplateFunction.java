package io.pharos.template;

import java.util.List;

/**
 * A function callable from a template by name. Arguments arrive evaluated: {@link String},
 * {@link Long} (Go int), {@link Double} (Go float64), {@link Boolean}, {@link java.util.Map},
 * {@link java.util.List}, other objects, or {@code null} (Go's nil or a missing value).
 * Returning {@code null} yields Go's nil.
 */
@FunctionalInterface
public interface TemplateFunction {
    /**
     * @throws TemplateException with the reason only; the engine adds the template, position and
     *     {@code error calling <name>:} as Go does
     */
    Object apply(List<Object> args) throws TemplateException;
}
