package io.policygen.cli;

import io.policygen.wiring.ConfigurationFileLoaders;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.config.StandardConfigDataResource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A configuration file Spring could not read, said in one line: Spring's own report is a page, printed before
 * logging is configured.
 */
final class ConfigurationFiles {

    private ConfigurationFiles() {
    }

    /** A relative path is the directory policygen runs in, which a scheduler chooses: the line gives it whole. */
    static String missing(ConfigDataResourceNotFoundException e) {
        String where = e.getResource() instanceof StandardConfigDataResource standard
                ? " (looked for " + ConfigurationFileLoaders.where(standard.getResource()) + ")" : "";
        return "the configuration file " + (e.getLocation() != null ? e.getLocation() : e.getResource()) + " does not exist"
                + where + "; give the file's path, absolute or from the directory policygen runs in";
    }

    /** {@code why}: the YAML parser's refusal, with its line and column, or the properties parser's. */
    static String unreadable(String file, Throwable why) {
        if (why instanceof MarkedYAMLException yaml) {
            return file + " is not valid YAML: " + yaml.getProblem() + at(yaml.getProblemMark())
                    + (yaml.getContext() != null ? ", " + yaml.getContext() + at(yaml.getContextMark()) : "");
        }
        return file + " is not a valid properties file: " + why.getMessage();
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
