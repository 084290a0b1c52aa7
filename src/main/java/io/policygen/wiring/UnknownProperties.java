package io.policygen.wiring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code policygen.*} settings that no properties record binds: Spring would ignore them and the run would go
 * ahead without them (a misspelled {@code daily-qouta=10} means 50 a day). Each is named with where it came from
 * and the known key nearest to it.
 *
 * <p>Environment variables count only under a group ({@code POLICYGEN_GENERATION_...}) or a near misspelling of
 * one: {@code POLICYGEN_DB_PASSWORD}, which the example configuration reads through a placeholder, is no setting.
 */
final class UnknownProperties {

    private static final ConfigurationPropertyName POLICYGEN = ConfigurationPropertyName.of("policygen");

    private final KnownProperties known;

    UnknownProperties(Class<?>... propertiesRecords) {
        this.known = KnownProperties.of(propertiesRecords);
    }

    /** One line per unknown key, e.g. {@code policygen.generation.daily-qouta (command line): not a setting; ...}. */
    List<String> problems(Environment environment) {
        Set<String> problems = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                boolean fromEnvironment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
                names.stream()
                        .filter(POLICYGEN::isAncestorOf)
                        .filter(name -> !fromEnvironment || nearAGroup(name))
                        .filter(name -> !known.isKnown(name))
                        .forEach(name -> problems.add(describe(name, names.getConfigurationProperty(name), fromEnvironment)));
            }
        }
        return new ArrayList<>(problems);
    }

    private boolean nearAGroup(ConfigurationPropertyName name) {
        String group = name.getElement(1, Form.UNIFORM);
        return known.isGroup(1, group) || known.groups(1).stream()
                .anyMatch(candidate -> group.length() > 3 && Edits.distance(group, KnownProperties.uniform(candidate)) <= 2);
    }

    private String describe(ConfigurationPropertyName name, ConfigurationProperty property, boolean fromEnvironment) {
        String hint = known.closest(name)
                .map(closest -> "did you mean " + (fromEnvironment ? environmentVariable(closest) + " (" + closest + ")" : closest) + "?")
                .orElse("the settings are listed in config/application.example.yml");
        if (property == null) {
            return name + ": not a policygen setting; " + hint;
        }
        return PropertyOrigin.nameAsGiven(property) + " (" + PropertyOrigin.kind(property) + "): not a policygen setting; " + hint;
    }

    /** policygen.generation.daily-quota as the environment spells it: POLICYGEN_GENERATION_DAILYQUOTA. */
    static String environmentVariable(String name) {
        return name.replace("-", "").replaceAll("\\[(\\d+)]", "_$1").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
