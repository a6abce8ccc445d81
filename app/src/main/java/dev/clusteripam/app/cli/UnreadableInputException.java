package dev.clusteripam.app.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Input the CLI cannot make sense of: a missing file, broken YAML, a value of the wrong type, a
 * line that is not an address. The message names the file and what is wrong, ready to print.
 */
final class UnreadableInputException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableInputException(String message) {
        super(message);
    }

    static UnreadableInputException cannotRead(Path file, IOException cause) {
        String reason = cause instanceof NoSuchFileException ? "no such file" : "cannot be read: " + cause;
        return new UnreadableInputException(file + ": " + reason);
    }
}
