package net.libjet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM running with -Xcheck:jni, its stdout read line by line and its stderr kept in a file. */
final class ChildJvm {
    private final Process process;
    private final BufferedReader out;
    private final Path err;

    /** Starts {@code java -Xcheck:jni [jvmArgs] -cp classpath mainClass args}. */
    ChildJvm(List<String> jvmArgs, String classpath, String mainClass, String... args) throws IOException {
        err = Files.createTempFile("jet-java-child-", ".err");
        List<String> command = new ArrayList<>(List.of(TestPaths.java(), "-Xcheck:jni"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The next line of stdout, or null at its end. */
    String readLine() throws IOException {
        return out.readLine();
    }

    /** All that is left of stdout. */
    String readRest() throws IOException {
        StringBuilder rest = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            rest.append(line).append('\n');
        }
        return rest.toString();
    }

    /** The process. */
    Process process() {
        return process;
    }

    /** Everything written to stderr so far. */
    String stderr() throws IOException {
        return Files.readString(err);
    }
}
