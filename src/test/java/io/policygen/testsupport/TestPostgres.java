package io.policygen.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for every integration test: each test class gets a database of its own,
 * created fresh ({@code CREATE DATABASE policygen_<class>_<pid>_<n>}) with the Flyway
 * migrations of {@code db/migration} and the report views of {@code db/reports} applied, on the server of this test JVM:
 * <ol>
 *   <li>the server named by {@code POLICYGEN_TEST_DB_URL}
 *       ({@code jdbc:postgresql://HOST:PORT/DATABASE}, the database being one to connect to
 *       for {@code CREATE DATABASE}), with {@code POLICYGEN_TEST_DB_USER} (default
 *       {@code postgres}) and {@code POLICYGEN_TEST_DB_PASSWORD}; the user needs CREATEDB, and
 *       the databases are dropped at JVM exit. System properties of the same names work too;</li>
 *   <li>else a Testcontainers {@code postgres:17-alpine}, when a Docker daemon answers;</li>
 *   <li>else an embedded PostgreSQL (zonky; {@link io.policygen.local.EmbeddedDatabase}),
 *       one per test JVM, started on first use and stopped at JVM exit.</li>
 * </ol>
 *
 * <h2>Plain JDBC tests</h2>
 * Register the extension and ask for a {@link TestDatabase} (url, user, password,
 * {@code dataSource()}) or a {@link DataSource} in a constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method:
 * <pre>{@code
 * @ExtendWith(TestPostgres.class)
 * class PrincipalRepositoryIT {
 *     @Test
 *     void shouldUpsertPrincipals(TestDatabase database) {
 *         var jdbc = JdbcClient.create(database.dataSource());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <h2>{@code @SpringBootTest} and other Spring test contexts</h2>
 * Point {@code spring.datasource.*} at the class's database from a
 * {@code @DynamicPropertySource} method; the database is created when the context starts:
 * <pre>{@code
 * @SpringBootTest
 * class PolicyGenerationJobIT {
 *     @DynamicPropertySource
 *     static void database(DynamicPropertyRegistry registry) {
 *         TestPostgres.registerDataSource(registry);
 *     }
 * }
 * }</pre>
 * The database belongs to the class that declares the method (a subclass that inherits it
 * shares its parent's database, as it shares the parent's cached Spring context). Adding
 * {@code @ExtendWith(TestPostgres.class)} as well gives the same database to test methods.
 *
 * <h2>{@code ApplicationContextRunner}</h2>
 * <pre>{@code
 * @ExtendWith(TestPostgres.class)
 * class JobConfigurationIT {
 *     @Test
 *     void shouldWireTheJobRepository(TestDatabase database) {
 *         new ApplicationContextRunner()
 *                 .withPropertyValues(database.springProperties())
 *                 ...
 *     }
 * }
 * }</pre>
 * or, without the extension, {@code TestPostgres.forClass(JobConfigurationIT.class)}.
 *
 * <p>{@code @Nested} classes share the database of the class that encloses them.
 */
public final class TestPostgres implements BeforeAllCallback, ParameterResolver {

    private static final Map<Class<?>, TestDatabase> databases = new ConcurrentHashMap<>();

    /** Where the job's migrations are, as Flyway's {@code locations} takes them. */
    public static String[] migrationLocations() {
        return TestPostgresServer.MIGRATIONS.clone();
    }

    /** A new database with nothing in it (no migration applied), named after {@code testClass}: one each call. */
    public static TestDatabase emptyDatabase(Class<?> testClass) {
        return TestPostgresServer.get().createEmptyDatabase(testClass);
    }

    /** The fresh, migrated database of {@code testClass}, created on the first call. */
    public static TestDatabase forClass(Class<?> testClass) {
        return databases.computeIfAbsent(owner(testClass), TestPostgresServer.get()::createDatabase);
    }

    /**
     * Registers {@code spring.datasource.url/username/password} of the calling class's
     * database; call it from a static {@code @DynamicPropertySource} method.
     */
    public static void registerDataSource(DynamicPropertyRegistry registry) {
        registerDataSource(registry, StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass());
    }

    /** Registers {@code spring.datasource.url/username/password} of {@code testClass}'s database. */
    public static void registerDataSource(DynamicPropertyRegistry registry, Class<?> testClass) {
        registry.add("spring.datasource.url", () -> forClass(testClass).url());
        registry.add("spring.datasource.username", () -> forClass(testClass).user());
        registry.add("spring.datasource.password", () -> forClass(testClass).password());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        forClass(context.getRequiredTestClass()); // fail fast, before any test of the class runs
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = forClass(context.getRequiredTestClass());
        return parameter.getParameter().getType() == DataSource.class ? database.dataSource() : database;
    }

    /** {@code @Nested} (inner) classes belong to their enclosing class. */
    private static Class<?> owner(Class<?> testClass) {
        Class<?> owner = testClass;
        while (owner.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(owner.getModifiers())) {
            owner = owner.getEnclosingClass();
        }
        return owner;
    }
}
