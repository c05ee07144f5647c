package io.switchboard.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded chat jar holds one Netty: every {@code META-INF/maven/io.netty/<module>/pom.properties}
 * that shading copied in names the same version. Lettuce brings Netty modules of its own; the
 * parent's import of {@code netty-bom} is what lifts them to the transport's version.
 */
class ShadedJarNettyVersionIT {

    private static final Pattern NETTY_POM_PROPERTIES =
            Pattern.compile("META-INF/maven/io\\.netty/[^/]+/pom\\.properties");

    @Test
    void everyNettyModuleInTheJarHasTheSameVersion() throws IOException {
        Map<String, String> versionByModule = nettyVersionsIn(Path.of(System.getProperty("chat.jar")));

        assertFalse(versionByModule.isEmpty(), "no Netty module found in the chat jar");
        Set<String> versions = new TreeSet<>(versionByModule.values());
        assertEquals(1, versions.size(), "Netty modules at more than one version: " + versionByModule);
    }

    private static Map<String, String> nettyVersionsIn(Path jar) throws IOException {
        Map<String, String> versionByModule = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                if (NETTY_POM_PROPERTIES.matcher(entry.getName()).matches()) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    versionByModule.put(properties.getProperty("artifactId"), properties.getProperty("version"));
                }
            }
        }
        return versionByModule;
    }
}
