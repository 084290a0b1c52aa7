package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceCountsTest {

    @Test
    void shouldCountTheBitsOfAnyRangeAcrossWords() {
        Random random = new Random(7);
        BitSet bits = new BitSet();
        for (int i = 0; i < 1000; i++) {
            if (random.nextInt(3) == 0) {
                bits.set(i);
            }
        }
        long[] words = bits.toLongArray();

        for (int from = 0; from < 300; from += 7) {
            for (int to = from + 1; to <= 1000; to += 13) {
                assertThat(ServiceCounts.count(words, from, to)).as("[%d, %d)", from, to).isEqualTo(bits.get(from, to).cardinality());
            }
        }
        assertThat(ServiceCounts.count(words, 1990, 2000)).isZero();
    }

    @Test
    void shouldAddUpToTheGapsTotalsOnTheBundledCatalog() {
        GapCalculator calculator = new GapCalculator(ActionCatalog.bundled());
        CurrentPolicies current = CurrentPolicies.of(
                AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess", policy(allow("\"*\""))),
                AttachedPolicy.inline("new", policy(allow("[\"s3:NotYetInTheCatalog\", \"brandnew:DoIt\"]"))));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("[\"s3:GetObject\", \"ec2:DescribeInstances\", \"ssm:*\"]"))));
        List<ServiceGap> services = gap.services();

        assertThat(services.stream().mapToInt(ServiceGap::granted).sum()).isEqualTo(gap.granted());
        assertThat(services.stream().mapToInt(ServiceGap::used).sum()).isEqualTo(gap.used()).isEqualTo(2);
        assertThat(services.stream().mapToInt(ServiceGap::usedAtServiceLevel).sum()).isEqualTo(gap.usedAtServiceLevel());
        assertThat(services.stream().mapToInt(ServiceGap::unused).sum()).isEqualTo(gap.unused());
        assertThat(services.stream().mapToLong(ServiceGap::unusedWeight).sum()).isEqualTo(gap.score());
        assertThat(services).extracting(ServiceGap::service).isSorted().contains("brandnew", "s3", "ssm");
        ServiceGap ssm = services.stream().filter(s -> s.service().equals("ssm")).findFirst().orElseThrow();
        assertThat(ssm.unused()).isZero();
        assertThat(ssm.serviceLevel()).isTrue();
        ServiceGap s3 = services.stream().filter(s -> s.service().equals("s3")).findFirst().orElseThrow();
        assertThat(s3.granted()).isEqualTo(s3.catalogActions() + 1);
        assertThat(s3.everyActionUnused()).isFalse();
        assertThat(services.stream().filter(s -> s.service().equals("sqs")).findFirst().orElseThrow().everyActionUnused()).isTrue();
        assertThat(gap.unusedDetails()).hasSize(gap.unused());
        assertThat(gap.unusedActions()).contains("brandnew:DoIt", "s3:NotYetInTheCatalog", "s3:PutObject").doesNotContain("s3:GetObject");
    }
}
