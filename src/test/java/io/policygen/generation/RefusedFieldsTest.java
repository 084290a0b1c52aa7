package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefusedFieldsTest {

    @Test
    void shouldReadTheFieldsAsPathsOrAsMembersOwnNames() {
        assertThat(RefusedFields.of(List.of("policyGenerationDetails.principalArn"))).isEqualTo(RefusedFields.PRINCIPAL);
        assertThat(RefusedFields.of(List.of("PrincipalArn"))).isEqualTo(RefusedFields.PRINCIPAL);
        assertThat(RefusedFields.of(List.of("cloudTrailDetails.trails.cloudTrailArn"))).isEqualTo(RefusedFields.TRAIL_DETAILS);
        assertThat(RefusedFields.of(List.of("trails[0].cloudTrailArn", "accessRole"))).isEqualTo(RefusedFields.TRAIL_DETAILS);
        assertThat(RefusedFields.of(List.of(" cloudTrailDetails "))).isEqualTo(RefusedFields.TRAIL_DETAILS);
    }

    @Test
    void shouldKnowNothingOfNoFieldsOfBothPartsOrOfNeither() {
        assertThat(RefusedFields.of(List.of())).isEqualTo(RefusedFields.UNKNOWN);
        assertThat(RefusedFields.of(List.of("principalArn", "cloudTrailDetails.accessRole"))).isEqualTo(RefusedFields.UNKNOWN);
        assertThat(RefusedFields.of(List.of("clientToken"))).isEqualTo(RefusedFields.UNKNOWN);
        assertThat(RefusedFields.of(List.of(""))).isEqualTo(RefusedFields.UNKNOWN);
    }
}
