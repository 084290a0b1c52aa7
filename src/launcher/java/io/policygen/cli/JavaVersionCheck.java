package io.policygen.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's start class, compiled for Java 17 (the oldest Spring Boot's launcher runs on) so that {@code java -jar}
 * on an older JDK than policygen's says so in one line (exit 2) instead of an UnsupportedClassVersionError's trace.
 * On Java 25 or newer it hands over to {@link Main}, which it must not name: loading it is what fails.
 */
public final class JavaVersionCheck {

    static final int REQUIRED = 25;
    private static final String MAIN = "io.policygen.cli.Main";
    /** ExitCode.BAD_CONFIGURATION: nothing was called. */
    private static final int BAD_CONFIGURATION = 2;

    private JavaVersionCheck() {
    }

    public static void main(String[] args) throws Throwable {
        String refusal = refusal(Runtime.version(), System.getProperty("java.home"));
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(BAD_CONFIGURATION);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(MAIN), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** The line that refuses this Java, or null when it is new enough. */
    static String refusal(Runtime.Version version, String javaHome) {
        if (version.feature() >= REQUIRED) {
            return null;
        }
        return "policygen needs Java " + REQUIRED + " or newer; this is Java " + version + " (" + javaHome + "). Run it with"
                + " a JDK " + REQUIRED + "'s java, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar policygen.jar ...";
    }
}
