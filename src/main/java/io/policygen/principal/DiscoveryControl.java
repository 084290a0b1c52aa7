package io.policygen.principal;

import io.policygen.time.Sleeper;

/** What an account's listing needs of the run: a wait that a stop cuts short, whether to stop, and stopping it. */
public interface DiscoveryControl extends Sleeper {

    boolean stopRequested();

    /** Stops the whole run (its credentials have expired: no account can be entered or read with them). */
    void requestStop(String reason);
}
