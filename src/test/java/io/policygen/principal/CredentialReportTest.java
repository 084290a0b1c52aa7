package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialReportTest {

    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
            + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n";

    @Test
    void shouldTakeTheLatestOfPasswordAndKeysAndNothingOfTheRootUser() {
        Map<String, LastUse> uses = CredentialReport.lastUses(HEADER
                + "<root_account>,arn:aws:iam::1:root,2019-01-01T00:00:00+00:00,not_supported,2026-05-30T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
                + "web,arn:aws:iam::1:user/web,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-02T00:00:00+00:00,2026-05-01T00:00:00+00:00,us-east-1,s3,true,2025-01-02T00:00:00+00:00,2026-05-02T01:00:00+00:00,eu-west-1,sqs,false,N/A,false,N/A\n"
                + "ann,arn:aws:iam::1:user/people/ann,2025-01-01T00:00:00+00:00,true,2026-05-03T00:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
                + "idle,arn:aws:iam::1:user/idle,2025-01-01T00:00:00+00:00,true,no_information,2025-01-01T00:00:00+00:00,N/A,false,true,2025-01-02T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");

        assertThat(uses).containsOnly(
                Map.entry("arn:aws:iam::1:user/web", new LastUse(Instant.parse("2026-05-02T01:00:00Z"), "access_key_2", true)),
                Map.entry("arn:aws:iam::1:user/people/ann", new LastUse(Instant.parse("2026-05-03T00:00:00Z"), "password", true)),
                Map.entry("arn:aws:iam::1:user/idle", LastUse.never()));
    }

    @Test
    void shouldPutBackANameWithCommasThatTheReportDoesNotQuote() {
        Map<String, LastUse> uses = CredentialReport.lastUses(HEADER
                + "a,b,arn:aws:iam::1:user/a,b,2025-01-01T00:00:00+00:00,true,2026-05-03T00:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");

        assertThat(uses).containsOnly(
                Map.entry("arn:aws:iam::1:user/a,b", new LastUse(Instant.parse("2026-05-03T00:00:00Z"), "password", true)));
    }
}
