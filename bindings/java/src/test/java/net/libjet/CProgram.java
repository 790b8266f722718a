package net.libjet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles C programs over jet.h (the C examples, the C side of a test) into a scratch directory and runs them. */
final class CProgram {
    private static Path scratch;

    private CProgram() {}

    /** Compiles {@code sources} (relative to the repository root) into program {@code name}, once per JVM. */
    static synchronized Path build(String name, String... sources) throws IOException, InterruptedException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("jet-java-c-");
        }
        Path program = scratch.resolve(name);
        if (Files.exists(program)) {
            return program;
        }
        List<String> command = new ArrayList<>(List.of("cc", "-std=c99", "-I" + TestPaths.root().resolve("include")));
        for (String source : sources) {
            command.add(TestPaths.root().resolve(source).toString());
        }
        command.addAll(List.of("-L" + TestPaths.release(), "-ljet", "-Wl,-rpath," + TestPaths.release(), "-pthread", "-o",
                program.toString()));
        Process cc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new IllegalStateException("cc failed for " + name + ":\n" + output);
        }
        return program;
    }

    /** Runs a program and returns its stdout (stderr goes to the test's). */
    static String run(Path program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(program + " exited " + process.exitValue());
        }
        return output;
    }
}
