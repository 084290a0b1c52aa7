package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class IamPrincipalReaderTest {

    private static final String ACCOUNT = "111111111111";

    private final InMemoryIamPrincipals iam = new InMemoryIamPrincipals()
            .principal(ACCOUNT, PrincipalType.USER, "/", "alice")
            .principal(ACCOUNT, PrincipalType.ROLE, "/", "app-billing")
            .principal(ACCOUNT, PrincipalType.ROLE, "/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport")
            .principal(ACCOUNT, PrincipalType.ROLE, "/", "app-billing-legacy")
            .unenterable("222222222222");
    private final ExecutionContext context = new ExecutionContext();

    @Test
    void shouldReadRolesThenUsersThatTheFilterAdmits() {
        PrincipalProperties filter = new PrincipalProperties(List.of(PrincipalType.ROLE, PrincipalType.USER),
                List.of("/aws-service-role/"), List.of(), List.of(Pattern.compile(".*-legacy")), 8, 1000);

        List<DiscoveredPrincipal> read = readAll(ACCOUNT, filter);

        assertThat(read).extracting(DiscoveredPrincipal::name).containsExactly("app-billing", "alice");
        assertThat(iam.open).as("listings closed").isZero();
    }

    @Test
    void shouldRecordWhyAnAccountCannotBeEnteredAndReadNothing() {
        PrincipalProperties filter = new PrincipalProperties(List.of(PrincipalType.ROLE), List.of(), List.of(), List.of(), 8, 1000);

        List<DiscoveredPrincipal> read = readAll("222222222222", filter);

        assertThat(read).isEmpty();
        assertThat(context.getString(IamPrincipalReader.ACCESS_ERROR_CODE)).isEqualTo("AccessDenied");
        assertThat(context.getString(IamPrincipalReader.ACCESS_ERROR_MESSAGE))
                .isEqualTo("account 222222222222: cannot assume the member role: not authorized");
    }

    @Test
    void shouldForgetAnEarlierAccessErrorWhenARestartedListingSucceeds() {
        context.putString(IamPrincipalReader.ACCESS_ERROR_CODE, "AccessDenied");
        context.putString(IamPrincipalReader.ACCESS_ERROR_MESSAGE, "from an earlier attempt");
        PrincipalProperties filter = new PrincipalProperties(List.of(PrincipalType.USER), List.of(), List.of(), List.of(), 8, 1000);

        assertThat(readAll(ACCOUNT, filter)).extracting(DiscoveredPrincipal::name).containsExactly("alice");
        assertThat(context.containsKey(IamPrincipalReader.ACCESS_ERROR_CODE)).isFalse();
    }

    private List<DiscoveredPrincipal> readAll(String accountId, PrincipalProperties filter) {
        IamPrincipalReader reader = new IamPrincipalReader(iam, accountId, filter);
        reader.open(context);
        List<DiscoveredPrincipal> principals = new ArrayList<>();
        for (DiscoveredPrincipal p = reader.read(); p != null; p = reader.read()) {
            principals.add(p);
        }
        reader.close();
        return principals;
    }
}
