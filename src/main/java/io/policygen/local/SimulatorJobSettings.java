package io.policygen.local;

import io.policygen.simulator.Simulator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The job's properties for running against a simulator and a database: used by the demo and the tests alike. */
public final class SimulatorJobSettings {

    private SimulatorJobSettings() {
    }

    public static Map<String, Object> forSimulator(Simulator simulator, String jdbcUrl, String user, String password) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("policygen.aws.region", simulator.organization().region());
        properties.put("policygen.aws.endpoint", simulator.endpoint().toString());
        properties.put("policygen.aws.clock", "simulator");
        properties.put("policygen.aws.api-call-attempt-timeout", "PT10S");
        properties.put("policygen.organization.member-role-name", simulator.organization().memberRoleName());
        properties.put("policygen.generation.trails[0].arn", simulator.organization().trailArn());
        // 30 days of the home Region: under the simulator's 100,000-log-file limit, and one generation time long
        properties.put("policygen.generation.trails[0].all-regions", "false");
        properties.put("policygen.generation.trails[0].regions[0]", simulator.organization().region());
        properties.put("policygen.generation.lookback", "P30D");
        properties.put("policygen.generation.access-role-arn-template",
                simulator.organization().accessRoleArn("{accountId}"));
        properties.put("policygen.generation.poll-min", "PT0.01S");
        // the simulator's outages are counted in calls, not minutes: asking a page again sooner proves as much
        properties.put("policygen.principals.listing-retry-after", "PT1S");
        properties.put("policygen.organization.listing-retry-after", "PT1S");
        properties.put("policygen.throttle.per-account-rate", "1000");
        properties.put("policygen.throttle.overall-rate", "10000");
        return properties;
    }

    /** The simulator's management credentials where the SDK's default chain looks for them (system properties). */
    public static void useManagementCredentials(Simulator simulator) {
        System.setProperty("aws.accessKeyId", simulator.credentials().accessKeyId());
        System.setProperty("aws.secretAccessKey", simulator.credentials().secretAccessKey());
    }
}
