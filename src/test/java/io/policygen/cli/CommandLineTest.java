package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's help, version and usage errors: nothing here starts Spring, a database or the simulator. */
class CommandLineTest {

    /** Would fail at once if anything tried to connect to it. */
    private static final String NO_DATABASE = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void shouldPrintHelpNamingEveryCommandAtTheTop() {
        Cli cli = Cli.run("--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage: policygen [-hV] COMMAND").contains("  run ", "  demo ", "  report ", "  export ", "  simulate ")
                .contains("Exit codes: 0 done; 3 stopped at a quota");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void shouldPrintHelpForRunWithoutStartingARun() {
        Cli cli = Cli.run("run", "--help", NO_DATABASE);

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage: policygen run [--verbose] [--NAME=VALUE...]")
                .contains("--spring.config.additional-location=file:application.yml", "--verbose");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void shouldPrintHelpForEveryOtherCommand() {
        assertThat(Cli.run("demo", "--help").out()).startsWith("Usage: policygen demo").contains("--daily-quota=N");
        assertThat(Cli.run("report", "--help").out()).startsWith("Usage: policygen report [NAME]").contains("policygen_reader")
                .contains("policygen report privilege_gap --format html > gap.html");
        assertThat(Cli.run("export", "--help").out()).startsWith("Usage: policygen export --dir DIR").contains("index.json");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).matches("policygen \\d+\\.\\d+\\.\\d+.*"));
        assertThat(Cli.run("run", "--version").out()).isEqualTo(cli.out());
    }

    @Test
    void shouldAskForACommandWhenThereIsNone() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly(
                "policygen: a command is needed: run, check, demo, report, export, simulate; see 'policygen --help'");
    }

    @Test
    void shouldRefuseAnUnknownCommandInOneLineSuggestingTheNearestOne() {
        Cli cli = Cli.run("rnu");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen: unexpected argument 'rnu' (did you mean run?); see 'policygen --help'");
        assertThat(Cli.run("bogus").errLines()).containsExactly("policygen: unexpected argument 'bogus'; see 'policygen --help'");
    }

    @Test
    void shouldRefuseAMisspeltReportOptionBeforeTakingItsValueForTheReport() {
        Cli cli = Cli.run("report", "--fromat", "csv", NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly(
                "policygen report: unknown option '--fromat' (did you mean --format?); see 'policygen report --help'");
    }

    @Test
    void shouldRefuseAnArgumentThatIsNoSettingInOneLine() {
        Cli cli = Cli.run("run", "foo", NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly(
                "policygen run: unexpected argument 'foo': settings are given as --NAME=VALUE; see 'policygen run --help'");
    }

    @Test
    void shouldRefuseAnUnknownOptionSuggestingTheNearestOne() {
        Cli cli = Cli.run("run", "--verbos", NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly(
                "policygen run: unknown option '--verbos' (did you mean --verbose or --version?); see 'policygen run --help'");
    }

    @Test
    void shouldRefuseASettingWithoutItsValue() {
        Cli cli = Cli.run("run", "--spring.datasource.url", "jdbc:postgresql://db/policygen");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen run: '--spring.datasource.url' needs its value after '=':"
                + " --spring.datasource.url=VALUE; see 'policygen run --help'");
    }

    @Test
    void shouldRefuseABadDemoOptionInOneLine() {
        assertThat(Cli.run("demo", "--acounts", "3").errLines()).containsExactly(
                "policygen demo: unknown option '--acounts' (did you mean --accounts?); see 'policygen demo --help'");
        Cli quota = Cli.run("demo", "--daily-quota", "51");
        assertThat(quota.exitCode()).isEqualTo(2);
        assertThat(quota.errLines()).containsExactly(
                "policygen demo: --daily-quota must be between 1 and 50, was 51; see 'policygen demo --help'");
        assertThat(Cli.run("demo", "--generation-time", "soon").errLines()).containsExactly("policygen demo: invalid value for option"
                + " '--generation-time': must be an ISO-8601 duration such as PT1S, was 'soon'; see 'policygen demo --help'");
    }

    @Test
    void shouldRefuseAnUnknownReportBeforeLookingForADatabase() {
        Cli cli = Cli.run("report", "secrets", NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen report: no report named 'secrets' (the reports: report_account_progress,"
                + " report_failures, report_gap_actions, report_gap_by_account, report_permission_set_gap, report_policies,"
                + " report_principal_status, report_privilege_gap, report_runs, report_unused_principals);"
                + " see 'policygen report --help'");
        assertThat(Cli.run("report", "runs", "--format=xml", NO_DATABASE).errLines()).containsExactly(
                "policygen report: --format must be table, csv, json or html (privilege_gap only), not 'xml'; see 'policygen report --help'");
    }

    @Test
    void shouldRefuseABadFormatEvenWithoutAReportNamed() {
        Cli cli = Cli.run("report", "--format", "xml", NO_DATABASE);

        assertThat(cli.exitCode()).as("not the list of reports, as if all were well").isEqualTo(2);
        assertThat(cli.errLines()).containsExactly(
                "policygen report: --format must be table, csv, json or html (privilege_gap only), not 'xml'; see 'policygen report --help'");
    }

    @Test
    void shouldWriteHtmlForThePrivilegeGapOnly() {
        Cli cli = Cli.run("report", "runs", "--format", "html", NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen report: --format html is for privilege_gap only (the page of the"
                + " least-privilege gap); report_runs prints as table, csv or json; see 'policygen report --help'");
    }

    @Test
    void shouldRefuseAnExportWithoutADirectoryInOneLine() {
        Cli missing = Cli.run("export", NO_DATABASE);

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly(
                "policygen export: missing required option: '--dir=DIR'; see 'policygen export --help'");
        Cli file = Cli.run("export", "--dir", "pom.xml", NO_DATABASE);
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.errLines()).containsExactly("policygen export: --dir pom.xml is not a directory; see 'policygen export --help'");
    }

    @Test
    void shouldRefuseToExportIntoAccountDirectoriesNoExportWrote(@TempDir Path temp) throws IOException {
        Path policies = Files.createDirectories(temp.resolve("policies/123456789012/role"));
        Files.writeString(policies.resolve("kept-by-hand.json"), "{}\n");

        Cli cli = Cli.run("export", "--dir", temp.resolve("policies").toString(), NO_DATABASE);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).singleElement().asString().startsWith("policygen export: --dir " + temp.resolve("policies")
                + " holds account directories (123456789012/...) but no index.json of an earlier export");
        assertThat(policies.resolve("kept-by-hand.json")).exists();
    }
}
