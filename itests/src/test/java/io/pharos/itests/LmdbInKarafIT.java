package io.pharos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Proves that the LMDB bundle, with lmdbjava, jnr-ffi, jffi and both native libraries embedded,
 * resolves in the real Karaf and that LMDB's native library loads and works there, even when the
 * caller's context class loader is the JVM's application loader (as during DS activation).
 *
 * <p>The bundle comes with the distribution's default feature. Its internal classes are reached
 * through the bundle, not imported by the probe, because this module does not depend on it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LmdbInKarafIT {
    private static final String SYMBOLIC_NAME = "io.pharos.storage.lmdb";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(KarafOptions.pharos(KarafOptions.freePort(),
                "global:\n  scrape_interval: 15s\n")));
        return options.toArray(new Option[0]);
    }

    private Bundle lmdbBundle() {
        for (Bundle b : context.getBundles()) {
            if (SYMBOLIC_NAME.equals(b.getSymbolicName())) {
                return b;
            }
        }
        fail("bundle " + SYMBOLIC_NAME + " is not installed");
        return null;
    }

    private static Path scratch(String name) throws Exception {
        Path data = Path.of(System.getProperty("karaf.data"), "lmdb-it");
        Files.createDirectories(data);
        return Files.createTempDirectory(data, name);
    }

    @Test
    public void bundleEmbedsItsLibrariesAndKeepsThemPrivate() {
        Bundle bundle = lmdbBundle();
        assertEquals("state of " + SYMBOLIC_NAME, Bundle.ACTIVE, bundle.getState());
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        List<String> exported = new ArrayList<>();
        for (BundleCapability c : wiring.getCapabilities("osgi.wiring.package")) {
            exported.add((String) c.getAttributes().get("osgi.wiring.package"));
        }
        assertEquals(List.of("io.pharos.storage.lmdb"), exported);
        // lmdbjava, the jnr stack and RoaringBitmap are embedded: apart from Pharos' own packages
        // and logging, every import is the JDK's (wired to the framework).
        for (BundleWire wire : wiring.getRequiredWires("osgi.wiring.package")) {
            String pkg = (String) wire.getCapability().getAttributes().get("osgi.wiring.package");
            if (pkg.startsWith("io.pharos.") || pkg.startsWith("org.slf4j")) {
                continue;
            }
            assertEquals(wire.getCapability().getAttributes() + " is not from the framework",
                    0L, wire.getProvider().getBundle().getBundleId());
        }
    }

    @Test
    public void selfCheckLoadsTheNativeLibraryWhateverTheContextClassLoader() throws Exception {
        Method run = lmdbBundle().loadClass("io.pharos.storage.lmdb.LmdbSelfCheck").getMethod("run", Path.class);
        Path dir = scratch("self-check");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The loader a DS component activates with: it cannot see the bundle's native library.
        ClassLoader app = ClassLoader.getSystemClassLoader();
        thread.setContextClassLoader(app);
        try {
            String version = (String) run.invoke(null, dir);
            assertTrue(version, version.matches("LMDB 0\\.9\\.\\d+"));
            assertSame("the context class loader is restored", app, thread.getContextClassLoader());
            // Reopening the environment it left works too.
            assertEquals(version, run.invoke(null, dir));
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertTrue(Files.exists(dir.resolve("data.mdb")));
    }

    /** The internal environment in the container: grows its map from 64 KiB, reopens with the data. */
    @Test
    public void environmentGrowsAndReopensInTheContainer() throws Exception {
        Class<?> envClass = lmdbBundle().loadClass("io.pharos.storage.lmdb.internal.LmdbEnvironment");
        Method open = envClass.getMethod("open", Path.class, long.class, long.class, List.class);
        Method write = envClass.getMethod("write", Function.class);
        Method read = envClass.getMethod("read", Function.class);
        Method mapSize = envClass.getMethod("mapSize");
        Method close = envClass.getMethod("close");
        Path dir = scratch("env");
        int entries = 5000;

        Object env = open.invoke(null, dir, 64L * 1024, 256L * 1024 * 1024, List.of("samples"));
        try {
            Function<Object, Object> fill = writer -> {
                for (long i = 0; i < entries; i++) {
                    call(writer, "put", "samples", ByteBuffer.allocate(8).putLong(0, i), ByteBuffer.allocate(100));
                }
                return null;
            };
            write.invoke(env, fill);
            long grown = (Long) mapSize.invoke(env);
            assertTrue("map grew from 64 KiB: " + grown, grown >= 1024 * 1024);
        } finally {
            close.invoke(env);
        }

        env = open.invoke(null, dir, 64L * 1024, 256L * 1024 * 1024, List.of("samples"));
        try {
            Class<?> visitorType = lmdbBundle().loadClass(envClass.getName() + "$EntryVisitor");
            Object visitAll = Proxy.newProxyInstance(envClass.getClassLoader(), new Class<?>[] {visitorType},
                    (proxy, method, args) -> Boolean.TRUE);
            Function<Object, Object> count = reader -> call(reader, "forEach", "samples", null, null, visitAll);
            assertEquals((long) entries, read.invoke(env, count));
            Function<Object, Object> last = reader -> {
                ByteBuffer v = (ByteBuffer) call(reader, "get", "samples", ByteBuffer.allocate(8).putLong(0, entries - 1));
                return v == null ? -1 : v.remaining();
            };
            assertEquals(100, read.invoke(env, last));
        } finally {
            close.invoke(env);
        }
    }

    /** Calls the public method {@code name} of a Reader/Writer of the bundle-private environment. */
    private static Object call(Object target, String name, Object... args) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    // Unwrapped: the environment must see LMDB's own exceptions (MDB_MAP_FULL).
                    if (e.getCause() instanceof RuntimeException) {
                        throw (RuntimeException) e.getCause();
                    }
                    throw new IllegalStateException(name + " failed", e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no method " + name + "/" + args.length + " on " + target.getClass());
    }
}
