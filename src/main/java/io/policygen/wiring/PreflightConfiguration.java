package io.policygen.wiring;

import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.preflight.Preflight;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code policygen check}'s bean: the preflight, on the job's own clients and settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AwsProperties.class, OrganizationProperties.class, GenerationProperties.class})
public class PreflightConfiguration {

    @Bean
    Preflight preflight(AwsClients awsClients, OrganizationProperties organization, GenerationProperties generation,
                        AwsProperties aws) {
        return Preflight.create(awsClients, organization, generation, aws);
    }
}
