package io.policygen.wiring;

import io.policygen.aws.AwsProperties;
import io.policygen.gap.GapProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.run.RunProperties;
import io.policygen.throttle.ThrottleProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The whole configuration, checked before any bean is created: before the database is migrated and before an AWS
 * client is built (the SDK refuses some bad values itself, naming no setting). Unknown {@code policygen.*} keys
 * first, then every value ({@link ConfigurationValidator}); a value that does not bind at all fails here too, with
 * Spring's {@code BindException} naming the property.
 */
public final class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private final UnknownProperties unknown;
    private Environment environment;

    /** {@code propertiesRecords}: every record the application binds, whose components are the known keys. */
    public ConfigurationCheck(Class<?>... propertiesRecords) {
        this.unknown = new UnknownProperties(propertiesRecords);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        verify();
    }

    private void verify() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationValidator.InvalidConfigurationException(problems);
        }
    }

    /**
     * The same check on an environment before its context exists: for a command that must tell a bad setting (which a
     * retry cannot mend) from a database out of reach (which one can) whichever it met first.
     */
    public static void check(Environment environment) {
        ConfigurationCheck check = PolicygenConfiguration.configurationCheck();
        check.setEnvironment(environment);
        check.verify();
    }

    List<String> problems() {
        List<String> unknownKeys = unknown.problems(environment);
        if (!unknownKeys.isEmpty()) {
            return unknownKeys;
        }
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>(ConfigurationValidator.validate(bind(binder, AwsProperties.class),
                bind(binder, OrganizationProperties.class), bind(binder, PrincipalProperties.class),
                bind(binder, GenerationProperties.class), bind(binder, ThrottleProperties.class), bind(binder, RunProperties.class)));
        problems.addAll(bind(binder, GapProperties.class).problems());
        return problems;
    }

    private static <T> T bind(Binder binder, Class<T> type) {
        return binder.bindOrCreate(type.getAnnotation(ConfigurationProperties.class).value(), Bindable.of(type));
    }
}
