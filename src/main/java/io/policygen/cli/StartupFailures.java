package io.policygen.cli;

import io.policygen.log.Causes;
import io.policygen.run.ExitCode;
import io.policygen.store.SchemaMigration.SchemaNeedsAPersonException;
import io.policygen.wiring.ConfigurationValidator.InvalidConfigurationException;
import io.policygen.wiring.ConfigurationFileLoaders.UnreadableFileException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.Environment;

/** Why the application's context could not start, as the one line (or the lines, one per bad setting) a user acts on. */
final class StartupFailures {

    /** Enum.valueOf's refusal: "No enum constant CLASS.VALUE". */
    private static final Pattern NO_ENUM_CONSTANT = Pattern.compile("No enum constant ([\\w.$]+)\\.[^.]*");

    private StartupFailures() {
    }

    /** {@code environment}: the context's, when it got that far (it tells where the database password came from). */
    static CommandFailure describe(Throwable e, Environment environment) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case CommandFailure failure -> {
                    return failure;
                }
                case InvalidConfigurationException invalid -> {
                    return new CommandFailure(ExitCode.BAD_CONFIGURATION,
                            invalid.problems().stream().map(problem -> "invalid configuration: " + problem).toList(), e);
                }
                case BindException bind -> {
                    return new CommandFailure(ExitCode.BAD_CONFIGURATION, "invalid configuration: " + bind.getProperty().getName()
                            + ": cannot use '" + bind.getProperty().getValue() + "': " + why(Causes.root(bind)), e);
                }
                case ConfigDataResourceNotFoundException missing -> {
                    return new CommandFailure(ExitCode.BAD_CONFIGURATION, "invalid configuration: " + ConfigurationFiles.missing(missing), e);
                }
                case UnreadableFileException unreadable -> {
                    return new CommandFailure(ExitCode.BAD_CONFIGURATION, "invalid configuration: "
                            + ConfigurationFiles.unreadable(unreadable.file(), unreadable.getCause()), e);
                }
                case SchemaNeedsAPersonException schema -> {
                    return new CommandFailure(ExitCode.BAD_CONFIGURATION, schema.getMessage(), e);
                }
                case SQLException sql when environment != null -> {
                    return DatabaseLogin.failure(DatabaseSettings.of(environment), sql);
                }
                default -> {
                }
            }
        }
        return new CommandFailure(ExitCode.FAILED, "cannot start: " + Causes.root(e), e);
    }

    /** The converter's reason, where it is Java's ("For input string", "No enum constant io.policygen...") in words. */
    private static String why(Throwable conversion) {
        String message = String.valueOf(conversion.getMessage());
        if (conversion instanceof NumberFormatException) {
            return "not a number";
        }
        Matcher constant = NO_ENUM_CONSTANT.matcher(message);
        if (constant.matches()) {
            try {
                Object[] values = Class.forName(constant.group(1)).getEnumConstants();
                if (values != null) {
                    return "must be one of " + Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(", "));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // the message as it is
            }
        }
        return message;
    }
}
