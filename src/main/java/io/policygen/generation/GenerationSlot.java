package io.policygen.generation;

/**
 * One partition of the generate step: an account's slot in one Region for one run, and the reader, writer and
 * listener that work it over that account's Access Analyzer. Closing it releases the account's clients.
 */
public class GenerationSlot implements AutoCloseable {

    private final AccountSlot state;
    private final DuePrincipalReader reader;
    private final GenerationWriter writer;
    private final AccountSlotListener listener;
    private final Runnable release;

    GenerationSlot(AccountSlot state, DuePrincipalReader reader, GenerationWriter writer, AccountSlotListener listener, Runnable release) {
        this.state = state;
        this.reader = reader;
        this.writer = writer;
        this.listener = listener;
        this.release = release;
    }

    public AccountSlot state() {
        return state;
    }

    public DuePrincipalReader reader() {
        return reader;
    }

    public GenerationWriter writer() {
        return writer;
    }

    public AccountSlotListener listener() {
        return listener;
    }

    @Override
    public void close() {
        release.run();
    }
}
