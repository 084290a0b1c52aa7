package io.policygen.wiring;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Spring's loaders of configuration files, saying which file they could not parse: SnakeYAML names its input
 * "reader", the properties parser names nothing, and a run may read several files (its own {@code application.yml},
 * the one given, a profile's). Each is ordered first, so that Spring, which takes the first loader claiming an
 * extension, uses these for every file.
 */
public final class ConfigurationFileLoaders {

    private ConfigurationFileLoaders() {
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static final class Yaml extends Named {

        public Yaml() {
            super(new YamlPropertySourceLoader(), MarkedYAMLException.class::isInstance);
        }
    }

    /** The properties parser's refusal (a malformed unicode escape, say) is an IllegalStateException or IllegalArgumentException. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static final class Properties extends Named {

        public Properties() {
            super(new PropertiesPropertySourceLoader(), e -> e instanceof IllegalStateException || e instanceof IllegalArgumentException);
        }
    }

    /** Spring's loader, its parser's refusal ({@code refusal}) said with the file's path. */
    abstract static class Named implements PropertySourceLoader {

        private final PropertySourceLoader loader;
        private final Predicate<RuntimeException> refusal;

        Named(PropertySourceLoader loader, Predicate<RuntimeException> refusal) {
            this.loader = loader;
            this.refusal = refusal;
        }

        @Override
        public String[] getFileExtensions() {
            return loader.getFileExtensions();
        }

        @Override
        public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
            try {
                return loader.load(name, resource);
            } catch (RuntimeException e) {
                if (refusal.test(e)) {
                    throw new UnreadableFileException(where(resource), e);
                }
                throw e;
            }
        }
    }

    /**
     * A file's absolute path (whether it exists or not), which a scheduler's working directory cannot make ambiguous;
     * else, a resource that is no file (in a jar, say), Spring's description.
     */
    public static String where(Resource resource) {
        try {
            return resource.getFile().toPath().toAbsolutePath().normalize().toString();
        } catch (IOException | RuntimeException notAFile) {
            return resource.getDescription();
        }
    }

    /** A configuration file that could not be parsed: {@link #file()} as a user would open it, the parser's refusal as the cause. */
    public static final class UnreadableFileException extends IllegalStateException {

        private final String file;

        UnreadableFileException(String file, RuntimeException cause) {
            super(file + " cannot be parsed", cause);
            this.file = file;
        }

        public String file() {
            return file;
        }
    }
}
