package io.policygen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version (META-INF/build-info.properties, else the jar's manifest). */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"policygen " + version(), "Java " + Runtime.version()};
    }

    static String version() {
        try (InputStream in = Version.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                Properties info = new Properties();
                info.load(in);
                String version = info.getProperty("build.version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall back to the manifest
        }
        String manifest = Version.class.getPackage().getImplementationVersion();
        return manifest == null ? "(unknown version)" : manifest;
    }
}
