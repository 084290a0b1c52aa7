package io.policygen.cli;

import io.policygen.simulator.SimulatorCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code simulate}: the AWS organization simulator, standalone. Its options, {@code --help} included, are the
 * simulator's own ({@link SimulatorCommand}): the simulator imports nothing of the application.
 */
@Command(name = "simulate", description = "Runs the AWS organization simulator; 'simulate --help' tells more.")
final class SimulateCommand implements Runnable {

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public void run() {
        SimulatorCommand.main(arguments.toArray(String[]::new));
    }
}
