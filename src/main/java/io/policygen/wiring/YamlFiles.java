package io.policygen.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Spring's YAML loader, saying which file it could not parse: SnakeYAML's message names a line and column "in
 * 'reader'", and a run may read several files (its own {@code application.yml}, the one given, a profile's). Ordered
 * first so that Spring, which takes the first loader claiming an extension, uses this one for every YAML file.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class YamlFiles implements PropertySourceLoader {

    private final YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return yaml.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return yaml.load(name, resource);
        } catch (MarkedYAMLException e) {
            throw new NotYamlException(where(resource), e);
        }
    }

    /** A file's absolute path, which a scheduler's working directory cannot make ambiguous; else Spring's description. */
    static String where(Resource resource) {
        try {
            if (resource.isFile()) {
                return resource.getFile().toPath().toAbsolutePath().normalize().toString();
            }
        } catch (IOException | UncheckedIOException e) {
            // described as Spring does below
        }
        return resource.getDescription();
    }

    /** A configuration file that is not YAML: {@link #file()} as a user would open it, the parser's finding as the cause. */
    public static final class NotYamlException extends IllegalStateException {

        private final String file;

        NotYamlException(String file, MarkedYAMLException cause) {
            super(file + " is not valid YAML", cause);
            this.file = file;
        }

        public String file() {
            return file;
        }

        public MarkedYAMLException yaml() {
            return (MarkedYAMLException) getCause();
        }
    }
}
