package io.policygen.wiring;

import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Where a setting came from, as a user would go and change it: an environment variable, the command line, a file. */
public final class PropertyOrigin {

    private PropertyOrigin() {
    }

    /**
     * Where {@code name} is set, e.g. "the environment variable SPRING_DATASOURCE_PASSWORD", or
     * "${POLICYGEN_DB_PASSWORD} in file [/etc/policygen/application.yml] - 5:15" when its value is a placeholder.
     * Never the value itself: it may be a secret.
     */
    public static Optional<String> of(Environment environment, String name) {
        ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(property);
            if (found != null) {
                String where = describe(found);
                return Optional.of(found.getValue() instanceof CharSequence value && value.toString().contains("${")
                        ? value + " in " + where : where);
            }
        }
        return Optional.empty();
    }

    static String describe(ConfigurationProperty property) {
        return switch (kind(property)) {
            case "environment variable" -> "the environment variable " + nameAsGiven(property);
            case "command line" -> "the command line (--" + nameAsGiven(property) + ")";
            default -> kind(property);
        };
    }

    /** "environment variable", "command line", or the origin: a file and line, or a property source's name. */
    static String kind(ConfigurationProperty property) {
        Object source = property.getSource() == null ? null : property.getSource().getUnderlyingSource();
        if (source instanceof SystemEnvironmentPropertySource) {
            return "environment variable";
        }
        if (source instanceof CommandLinePropertySource) {
            return "command line";
        }
        Origin origin = property.getOrigin();
        if (origin instanceof PropertySourceOrigin named) {
            return named.getOrigin() != null ? named.getOrigin().toString() : named.getPropertySource().getName();
        }
        return origin == null ? "unknown source" : origin.toString();
    }

    /** The name as the user wrote it: POLICYGEN_GENERATION_DAILYQOUTA, dailyQouta, not Spring's canonical form. */
    static String nameAsGiven(ConfigurationProperty property) {
        return switch (property.getOrigin()) {
            case SystemEnvironmentOrigin variable -> variable.getProperty();
            case PropertySourceOrigin named -> named.getPropertyName();
            case null, default -> property.getName().toString();
        };
    }
}
