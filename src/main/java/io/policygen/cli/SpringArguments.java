package io.policygen.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The arguments a command passes on to Spring: property settings, {@code --name=value} with a dotted name
 * ({@code --spring.datasource.url=...}, {@code --policygen.generation.daily-quota=10},
 * {@code --spring.config.additional-location=file:application.yml}). Anything else is a usage error.
 */
final class SpringArguments {

    private static final Pattern PROPERTY = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*", Pattern.DOTALL);
    private static final Pattern PROPERTY_WITHOUT_VALUE = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\[\\]-]+)+");

    private SpringArguments() {
    }

    static List<String> of(List<String> unmatched, CommandLine command) {
        List<String> properties = new ArrayList<>();
        for (String argument : unmatched) {
            if (PROPERTY.matcher(argument).matches()) {
                properties.add(argument);
            } else if (PROPERTY_WITHOUT_VALUE.matcher(argument).matches()) {
                throw new ParameterException(command, "'" + argument + "' needs its value after '=': " + argument + "=VALUE");
            } else if (argument.startsWith("-")) {
                throw new UnmatchedArgumentException(command, List.of(argument));
            } else {
                throw new ParameterException(command, "unexpected argument '" + argument + "': settings are given as --NAME=VALUE");
            }
        }
        return properties;
    }
}
