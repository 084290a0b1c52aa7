package io.policygen;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application behind the {@code run} command (and the demo's runs): the job, its features and their
 * wiring. The process's entry point is {@link io.policygen.cli.Main}, which builds a context from this class only
 * for the commands that need one.
 */
@SpringBootApplication
public class PolicygenApplication {
}
