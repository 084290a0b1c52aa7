package io.policygen.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportPathsTest {

    private static String base(PrincipalKind type, String path, String name) {
        return ExportPaths.base(new GapPrincipal(1, "111111111111", type, name, path, null));
    }

    @Test
    void shouldKeepAnIamNameAndPathAsTheyAre() {
        assertThat(base(PrincipalKind.ROLE, "/", "app-reader_2+=,.@x")).isEqualTo("111111111111/role/app-reader_2+=,.@x");
        assertThat(base(PrincipalKind.USER, "/division/team/", "alice")).isEqualTo("111111111111/user/division/team/alice");
    }

    @Test
    void shouldEscapeWhatCouldClimbOutOrHide() {
        assertThat(ExportPaths.name("..")).isEqualTo("%2E.");
        assertThat(ExportPaths.name(".")).isEqualTo("%2E");
        assertThat(ExportPaths.name(".git")).isEqualTo("%2Egit");
        assertThat(ExportPaths.name("../../etc/passwd")).isEqualTo("%2E.%2F..%2Fetc%2Fpasswd");
        assertThat(ExportPaths.name("a\\b")).isEqualTo("a%5Cb");
        assertThat(ExportPaths.name("nul\0byte")).isEqualTo("nul%00byte");
        assertThat(ExportPaths.name("100%")).isEqualTo("100%25");
        assertThat(ExportPaths.name("rôle")).isEqualTo("r%C3%B4le");
        assertThat(ExportPaths.pathSegment("..")).isEqualTo("%2E%2E");
        assertThat(ExportPaths.pathSegment("x.json")).isEqualTo("x%2Ejson");
        assertThat(ExportPaths.pathSegment("<img src=x onerror=alert(1)>")).isEqualTo("%3Cimg%20src=x%20onerror=alert%281%29%3E");
        assertThat(base(PrincipalKind.ROLE, "/../../tmp/", "x")).isEqualTo("111111111111/role/%2E%2E/%2E%2E/tmp/x");
        assertThat(base(PrincipalKind.ROLE, "//a///", "x")).isEqualTo("111111111111/role/a/x");
    }

    @Test
    void shouldEscapeANameThatEndsLikeAnotherPrincipalsFile() {
        assertThat(ExportPaths.name("x.gap")).isEqualTo("x%2Egap");
        assertThat(ExportPaths.name("x.GAP")).isEqualTo("x%2EGAP");
        assertThat(ExportPaths.name("x-2")).isEqualTo("x%2D2");
        assertThat(ExportPaths.name("x-two")).isEqualTo("x-two");
        assertThat(ExportPaths.name("x.gaps")).isEqualTo("x.gaps");
    }

    @Test
    void shouldCutASegmentTooLongForAFileSystemWithAHashOfTheWhole() {
        String longSegment = "\"".repeat(300);

        String mapped = ExportPaths.pathSegment(longSegment);

        assertThat(mapped).hasSize(200).startsWith("%22%22").contains("~");
        assertThat(mapped).isNotEqualTo(ExportPaths.pathSegment("\"".repeat(299)));
    }

    @Test
    void shouldRefuseAnAccountIdThatIsNoAccountId() {
        assertThatThrownBy(() -> ExportPaths.base(new GapPrincipal(1, "../1111", PrincipalKind.ROLE, "x", "/", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an AWS account id: \"../1111\"");
        assertThatThrownBy(() -> ExportPaths.base(new GapPrincipal(1, "111111111111", PrincipalKind.ROLE, "", "/", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
