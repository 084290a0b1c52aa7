package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaVersionCheckTest {

    @Test
    void shouldRefuseAnOlderJavaNamingTheOneNeededAndTheOneFound() {
        assertThat(JavaVersionCheck.refusal(Runtime.Version.parse("17.0.15+6"), "/usr/lib/jvm/java-17-openjdk-amd64"))
                .startsWith("policygen needs Java 25 or newer; this is Java 17.0.15+6 (/usr/lib/jvm/java-17-openjdk-amd64).");
        assertThat(JavaVersionCheck.refusal(Runtime.Version.parse("24.0.2"), "/opt/jdk-24")).contains("this is Java 24.0.2");
    }

    @Test
    void shouldLetJava25AndNewerThrough() {
        assertThat(JavaVersionCheck.refusal(Runtime.Version.parse("25"), "/opt/jdk")).isNull();
        assertThat(JavaVersionCheck.refusal(Runtime.Version.parse("26.0.1"), "/opt/jdk")).isNull();
        assertThat(JavaVersionCheck.refusal(Runtime.version(), System.getProperty("java.home"))).isNull();
    }
}
