package io.policygen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in this JVM, as {@code java -jar policygen.jar ARGS} would, and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
