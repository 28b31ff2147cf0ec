package io.pharos.template.internal;

import io.pharos.template.TemplateException;
import io.pharos.template.TemplateFunction;
import java.util.List;

/** A function that needs the template set it runs in (Prometheus' {@code tmpl}). */
public interface ContextFunction extends TemplateFunction {
    Object apply(TemplateSet set, List<Object> args) throws TemplateException;

    @Override
    default Object apply(List<Object> args) throws TemplateException {
        throw new TemplateException("called outside a template");
    }
}
