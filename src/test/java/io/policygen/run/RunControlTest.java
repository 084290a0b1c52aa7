package io.policygen.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunControlTest {

    private final RunControl control = new RunControl(Ticker.SYSTEM);

    @Test
    void aStopWakesEveryWaiterAtOnce() throws Exception {
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            waiters.add(Thread.ofVirtual().start(() -> {
                try {
                    control.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        awaitParked(waiters);

        control.requestStop("asked");

        for (Thread waiter : waiters) {
            assertThat(waiter.join(Duration.ofSeconds(30))).as("woken by the stop").isTrue();
        }
        assertThat(control.stopRequested()).isTrue();
        assertThat(control.stopReason()).isEqualTo("asked");
    }

    @Test
    void aWaitAfterTheStopEndsAtOnce() throws Exception {
        control.requestStop("first");
        control.requestStop("second");
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                control.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
        assertThat(control.stopReason()).as("the first reason is kept").isEqualTo("first");
    }

    @Test
    void aWaitLastsItsDurationWithoutAStop() throws Exception {
        long start = System.nanoTime();
        control.sleep(Duration.ofMillis(50));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(control.stopRequested()).isFalse();
    }

    @Test
    void anInterruptEndsTheWaitWithInterruptedException() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                control.sleep(Duration.ofHours(1));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitParked(List.of(waiter));
        waiter.interrupt();
        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThatThrownBy(() -> {
            Thread.currentThread().interrupt();
            control.sleep(Duration.ofHours(1));
        }).isInstanceOf(InterruptedException.class);
    }

    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            while (thread.getState() != Thread.State.TIMED_WAITING) {
                assertThat(System.nanoTime()).as("%s parked within 30 s", thread).isLessThan(deadline);
                Thread.onSpinWait();
                Thread.sleep(1);
            }
        }
    }
}
