package io.pharos.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Declarative Services components without an OSGi framework, for tests: finds the bundles on the
 * test class path (jars and class directories whose {@code META-INF/MANIFEST.MF} has a
 * {@code Service-Component} header), reads their component descriptors and instantiates the
 * components that provide a given service.
 *
 * <p>Limitations: a component is only created when its class has a public no-argument constructor
 * and it has no mandatory reference (cardinality {@code 1..1} or {@code 1..n}), since nothing here
 * can satisfy references; such components are skipped. Activate methods, configuration and
 * service properties are ignored. Descriptor paths with wildcards are not expanded.
 */
public final class DsComponents {
    private DsComponents() {
    }

    /** A component descriptor: its implementation class, the services it provides, and whether it can be created. */
    public record Descriptor(String name, String implementation, List<String> provides, boolean mandatoryReferences) {
    }

    /** A new instance of every component on the class path that provides {@code service}, in class path order. */
    public static <T> List<T> instances(Class<T> service) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = DsComponents.class.getClassLoader();
        }
        List<T> out = new ArrayList<>();
        Set<String> created = new LinkedHashSet<>();
        for (Descriptor d : descriptors(loader)) {
            if (d.mandatoryReferences() || !d.provides().contains(service.getName())
                    || !created.add(d.implementation())) {
                continue;
            }
            T instance = instantiate(loader, d.implementation(), service);
            if (instance != null) {
                out.add(instance);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Every component descriptor of the bundles on the class path of {@code loader}. */
    public static List<Descriptor> descriptors(ClassLoader loader) {
        Map<String, Descriptor> out = new LinkedHashMap<>();
        Enumeration<URL> manifests;
        try {
            manifests = loader.getResources("META-INF/MANIFEST.MF");
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the manifests on the class path", e);
        }
        DocumentBuilder xml = newDocumentBuilder();
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            String header;
            try (InputStream in = url.openStream()) {
                header = new Manifest(in).getMainAttributes().getValue("Service-Component");
            } catch (IOException e) {
                continue;
            }
            if (header == null || header.isBlank()) {
                continue;
            }
            String text = url.toString();
            String base = text.substring(0, text.length() - "META-INF/MANIFEST.MF".length());
            for (String path : header.split(",")) {
                path = path.strip();
                int semi = path.indexOf(';');
                if (semi >= 0) {
                    path = path.substring(0, semi).strip();
                }
                if (path.isEmpty() || path.contains("*")) {
                    continue;
                }
                try (InputStream in = new URL(base + path).openStream()) {
                    parse(xml.parse(in), out);
                } catch (IOException | SAXException e) {
                    throw new IllegalStateException("cannot read component descriptor " + base + path, e);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void parse(Document doc, Map<String, Descriptor> out) {
        Element root = doc.getDocumentElement();
        List<Element> components = new ArrayList<>();
        if (localName(root).equals("component")) {
            components.add(root);
        } else {
            for (Element e : children(root)) {
                if (localName(e).equals("component")) {
                    components.add(e);
                }
            }
        }
        for (Element c : components) {
            String implementation = null;
            List<String> provides = new ArrayList<>();
            boolean mandatory = false;
            for (Element e : children(c)) {
                switch (localName(e)) {
                    case "implementation" -> implementation = e.getAttribute("class");
                    case "service" -> {
                        for (Element p : children(e)) {
                            if (localName(p).equals("provide")) {
                                provides.add(p.getAttribute("interface"));
                            }
                        }
                    }
                    case "reference" -> {
                        String card = e.getAttribute("cardinality");
                        if (card.isEmpty() || card.startsWith("1")) {
                            mandatory = true;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (implementation != null && !implementation.isEmpty()) {
                String name = c.getAttribute("name");
                out.putIfAbsent(implementation, new Descriptor(name.isEmpty() ? implementation : name, implementation,
                        List.copyOf(provides), mandatory));
            }
        }
    }

    private static <T> T instantiate(ClassLoader loader, String className, Class<T> service) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!service.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            Constructor<?> ctor = type.getConstructor();
            return service.cast(ctor.newInstance());
        } catch (NoSuchMethodException e) {
            return null; // no public no-argument constructor: needs what DS would inject
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot create component " + className, e);
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String localName(Element e) {
        String n = e.getLocalName();
        return n != null ? n : e.getTagName();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList list = e.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            Node n = list.item(i);
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }
}
