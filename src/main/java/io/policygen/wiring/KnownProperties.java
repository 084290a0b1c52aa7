package io.policygen.wiring;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * The property names the application binds, read from its {@code @ConfigurationProperties} records: a record's
 * components are its keys (kebab-case), a list or array takes an index ({@code trails[0].arn}) or a whole value
 * ({@code types=ROLE,USER}), a map any key. Names compare as Spring relaxes them: {@code dailyQuota},
 * {@code daily-quota} and the environment's {@code DAILYQUOTA} are one name.
 */
final class KnownProperties {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final List<Root> roots;

    private record Root(ConfigurationPropertyName prefix, Class<?> type) {
    }

    private KnownProperties(List<Root> roots) {
        this.roots = roots;
    }

    static KnownProperties of(Class<?>... propertiesRecords) {
        List<Root> roots = new ArrayList<>();
        for (Class<?> type : propertiesRecords) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            if (annotation == null || !type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a @ConfigurationProperties record");
            }
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            roots.add(new Root(ConfigurationPropertyName.of(prefix), type));
        }
        return new KnownProperties(List.copyOf(roots));
    }

    boolean isKnown(ConfigurationPropertyName name) {
        return roots.stream().anyMatch(root -> root.prefix().isAncestorOf(name)
                && matches(root.type(), name, root.prefix().getNumberOfElements()));
    }

    /** Whether {@code element} (e.g. the second of {@code policygen.generation.x}) names one of the groups. */
    boolean isGroup(int index, String element) {
        return roots.stream().anyMatch(root -> root.prefix().getNumberOfElements() > index
                && uniform(root.prefix().getElement(index, Form.UNIFORM)).equals(uniform(element)));
    }

    /** The group names at {@code index}, e.g. aws, organization, ... at 1. */
    List<String> groups(int index) {
        return roots.stream().filter(root -> root.prefix().getNumberOfElements() > index)
                .map(root -> root.prefix().getElement(index, Form.DASHED)).toList();
    }

    /** Every settable name, a list's elements as {@code [0]}: {@code policygen.generation.trails[0].arn}. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        roots.forEach(root -> collect(root.type(), root.prefix().toString(), names));
        return names;
    }

    /** The known name nearest to {@code name} (same indexes), if it is near enough to be a misspelling of it. */
    Optional<String> closest(ConfigurationPropertyName name) {
        List<String> names = names();
        for (ConfigurationPropertyName parent = name.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
            String setting = uniform(parent.toString());
            if (names.stream().anyMatch(known -> uniform(known).equals(setting))) {
                return Optional.of(parent.toString()); // policygen.aws.region.name: the setting is policygen.aws.region
            }
        }
        String asked = uniform(name.toString());
        String shape = INDEX.matcher(asked).replaceAll("[0]");
        return names.stream()
                .map(known -> new Candidate(known, Edits.distance(shape, uniform(known))))
                .filter(candidate -> candidate.distance() <= Math.max(2, shape.length() / 6))
                .min(Comparator.comparingInt(Candidate::distance))
                .map(candidate -> withIndexes(candidate.name(), asked));
    }

    private record Candidate(String name, int distance) {
    }

    private static boolean matches(Type type, ConfigurationPropertyName name, int index) {
        Class<?> raw = raw(type);
        if (index == name.getNumberOfElements()) {
            return !raw.isRecord();
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return name.isNumericIndex(index) && matches(elementType(type, 0), name, index + 1);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return matches(elementType(type, 1), name, index + 1);
        }
        if (raw.isRecord() && !name.isNumericIndex(index)) {
            String element = uniform(name.getElement(index, Form.UNIFORM));
            for (RecordComponent component : raw.getRecordComponents()) {
                if (uniform(component.getName()).equals(element)) {
                    return matches(component.getGenericType(), name, index + 1);
                }
            }
        }
        return false;
    }

    private static void collect(Type type, String name, List<String> names) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                collect(component.getGenericType(), name + "." + kebab(component.getName()), names);
            }
        } else if ((raw.isArray() || Collection.class.isAssignableFrom(raw)) && raw(elementType(type, 0)).isRecord()) {
            collect(elementType(type, 0), name + "[0]", names);
        } else {
            names.add(name);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type elementType(Type type, int argument) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > argument) {
            return p.getActualTypeArguments()[argument];
        }
        return Object.class;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Spring's relaxed form: lower case, no dashes. */
    static String uniform(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** {@code known} with the indexes of {@code asked}: trails[0].arn for trails[2].arm is trails[2].arn. */
    private static String withIndexes(String known, String asked) {
        Matcher indexes = INDEX.matcher(asked);
        StringBuilder result = new StringBuilder();
        int from = 0;
        int at;
        while ((at = known.indexOf("[0]", from)) >= 0 && indexes.find()) {
            result.append(known, from, at).append(indexes.group());
            from = at + 3;
        }
        return result.append(known.substring(from)).toString();
    }
}
