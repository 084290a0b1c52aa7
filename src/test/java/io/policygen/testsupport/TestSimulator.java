package io.policygen.testsupport;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started AWS organization simulator for a test, as {@link TestPostgres} gives it a database. Register it with
 * the organization the tests share, and start it, or a variant of it, where a test needs it:
 * <pre>{@code
 * @RegisterExtension
 * final TestSimulator simulator = TestSimulator.perTest(o -> o.accounts(6).principalsPerAccount(5));
 *
 * @Test
 * void shouldDoSomething() {
 *     Simulator aws = simulator.start(o -> o.unassumableAccounts(1));   // the shared options, then this test's
 *     ...
 * }
 * }</pre>
 * {@link #perTest} stops the simulator after each test; {@link #perClass} (on a static field) after the class.
 * Stopping frees its port; nothing of one test's simulator is seen by the next.
 */
public final class TestSimulator implements AfterEachCallback, AfterAllCallback {

    private final UnaryOperator<SimulatorOptions.Builder> shared;
    private final boolean perTest;
    private Simulator simulator;

    private TestSimulator(UnaryOperator<SimulatorOptions.Builder> shared, boolean perTest) {
        this.shared = shared;
        this.perTest = perTest;
    }

    public static TestSimulator perTest(UnaryOperator<SimulatorOptions.Builder> shared) {
        return new TestSimulator(shared, true);
    }

    public static TestSimulator perClass(UnaryOperator<SimulatorOptions.Builder> shared) {
        return new TestSimulator(shared, false);
    }

    /**
     * The job tests' organization, a fresh one per test: {@code accounts} accounts of exactly {@code principals}
     * principals, all active and enterable, every principal old and in daily use (all worth a generation),
     * generations of 100 ms that never fail unless a test says so.
     */
    public static TestSimulator forJobTests(long seed, int accounts, int principals) {
        return perTest(o -> o.seed(seed)
                .accounts(accounts)
                .principalsPerAccount(principals)
                .distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0)
                .unassumableAccounts(0)
                .generationTime(java.time.Duration.ofMillis(100))
                .generationJitter(java.time.Duration.ZERO)
                .failureRate(0)
                .mix(io.policygen.simulator.PrincipalMix.ALL_ACTIVE)
                .credentialReportTime(java.time.Duration.ZERO));
    }

    /** Starts a simulator on the shared options and then this test's own, stopping the one running (if any). */
    public synchronized Simulator start(UnaryOperator<SimulatorOptions.Builder> options) {
        stop();
        simulator = Simulator.start(options.apply(shared.apply(SimulatorOptions.builder())).build());
        return simulator;
    }

    /** The running simulator, started on the shared options if none is. */
    public synchronized Simulator get() {
        return simulator != null ? simulator : start(UnaryOperator.identity());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private synchronized void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
