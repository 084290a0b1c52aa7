package io.policygen.job;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Something put between Spring Batch and its job repository, as a JDK proxy of {@link JobRepository} (an interface
 * of some forty methods, of which a decorator changes a few): Object's own methods are the proxy's, every other call
 * is the decorator's {@link #call}.
 */
abstract class JobRepositoryDecorator implements InvocationHandler {

    protected final JobRepository repository;
    private final String name;

    protected JobRepositoryDecorator(JobRepository repository, String name) {
        this.repository = repository;
        this.name = name;
    }

    static JobRepository proxy(JobRepositoryDecorator decorator) {
        return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(), new Class<?>[] {JobRepository.class},
                decorator);
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> name + " " + repository;
            };
        }
        return call(method, args);
    }

    /** A call of one of the repository's methods. */
    protected abstract Object call(Method method, Object[] args) throws Throwable;
}
