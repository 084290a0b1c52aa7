package io.policygen.cli;

import io.policygen.run.ExitCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A file the user named that cannot be read or written, as one line. Java's file errors say the file and not why
 * ("/tmp/out"): the reason is their type, or the operating system's words.
 */
final class FileFailure {

    private FileFailure() {
    }

    /** {@code what}: "cannot write /tmp/out", to which the file and the reason are added. */
    static CommandFailure of(String what, IOException e) {
        if (!(e instanceof FileSystemException file)) {
            return new CommandFailure(ExitCode.FAILED, what + ": " + e.getMessage(), e);
        }
        String reason = switch (file) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case NotDirectoryException notDirectory -> "not a directory";
            case FileAlreadyExistsException exists -> "exists already";
            default -> file.getReason() != null ? file.getReason() : file.getClass().getSimpleName();
        };
        // the user's path is wrong, which a retry cannot mend; other failures (a full disk) may pass
        boolean usage = file instanceof NoSuchFileException || file instanceof AccessDeniedException
                || file instanceof NotDirectoryException || "Not a directory".equals(file.getReason());
        return new CommandFailure(usage ? ExitCode.BAD_CONFIGURATION : ExitCode.FAILED,
                what + " (" + (file.getFile() != null ? file.getFile() + ": " : "") + reason + ")", e);
    }
}
