package io.pharos.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.extra.VMOption;

/**
 * Pax Exam options that boot the built Pharos distribution. Pax Exam builds the JVM command line
 * itself (ignoring bin/karaf), so Karaf's Java 9+ flags are repeated here.
 */
final class KarafOptions {
    private KarafOptions() {
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Option[] pharos(int httpPort, String prometheusYml) {
        String dist = System.getProperty("pharos.distribution");
        String karaf = System.getProperty("karaf.version");
        Path yml;
        try {
            yml = Files.createTempFile("pharos-it", ".yml");
            Files.writeString(yml, prometheusYml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(dist).toURI().toString())
                    .name("Pharos")
                    .unpackDirectory(new File(System.getProperty("project.build.directory"), "exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut("etc/io.pharos.http.cfg", "port", Integer.toString(httpPort)),
            editConfigurationFilePut("etc/io.pharos.http.cfg", "host", "127.0.0.1"),
            editConfigurationFilePut("etc/io.pharos.config.cfg", "config.file", yml.toString()),
            editConfigurationFilePut("etc/io.pharos.config.cfg", "auto.reload.interval.seconds", "1"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            systemProperty("pharos.it.httpPort").value(Integer.toString(httpPort)),
            // Pharos at DEBUG in the container's karaf.log (kept under target/exam) to diagnose failures.
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.pharos.name", "io.pharos"),
            editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.pharos.level", "DEBUG"),
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar"),
            new VMOption("--add-opens"),
            new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"),
            new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"),
            new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"),
            new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"),
            new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"),
            new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            // What lmdbjava needs on Java 17 (the distribution's bin/setenv adds the same).
            new VMOption("--add-opens"),
            new VMOption("java.base/java.nio=ALL-UNNAMED"),
            new VMOption("--add-exports"),
            new VMOption("java.base/sun.nio.ch=ALL-UNNAMED"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }
}
