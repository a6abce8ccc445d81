package dev.clusteripam.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user an image's {@code User} field names ({@code uid}, {@code uid:gid}, {@code name} or {@code
 * name:group}), resolved as runtimes resolve it: names and the default group and home from the
 * image's own /etc/passwd and /etc/group.
 */
record ImageUser(int uid, int gid, String home) {

    static ImageUser resolve(Optional<String> spec, RootFilesystem root) {
        String[] userAndGroup = spec.orElse("0").split(":", 2);
        List<String[]> passwd = entries(root.resolve("/etc/passwd"));
        Optional<String[]> account = passwd.stream()
                .filter(fields -> fields[0].equals(userAndGroup[0]) || fields[2].equals(userAndGroup[0]))
                .findFirst();
        int uid = isNumber(userAndGroup[0]) ? Integer.parseInt(userAndGroup[0])
                : Integer.parseInt(account.orElseThrow(() -> new IllegalArgumentException(
                        "the image's /etc/passwd has no user " + userAndGroup[0]))[2]);
        int gid;
        if (userAndGroup.length == 2) {
            gid = isNumber(userAndGroup[1]) ? Integer.parseInt(userAndGroup[1])
                    : Integer.parseInt(entries(root.resolve("/etc/group")).stream()
                            .filter(fields -> fields[0].equals(userAndGroup[1])).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("the image's /etc/group has no group " + userAndGroup[1]))[2]);
        } else {
            gid = account.map(fields -> Integer.parseInt(fields[3])).orElse(0);
        }
        return new ImageUser(uid, gid, account.map(fields -> fields[5]).orElse("/"));
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> entries(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> line.split(":", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
