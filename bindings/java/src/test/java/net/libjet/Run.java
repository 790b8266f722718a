package net.libjet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished program: its exit status, stdout and stderr. */
record Run(int status, String stdout, String stderr) {
    /** Starts {@code command} with stdout and stderr going to files. */
    static Started start(List<String> command) throws IOException {
        Path out = Files.createTempFile("jet-java-run-", ".out");
        Path err = Files.createTempFile("jet-java-run-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(process, out, err);
    }

    /** Runs {@code command} to its end (at most 120 s). */
    static Run of(List<String> command) throws IOException, InterruptedException {
        return start(command).finish();
    }

    /** The C example {@code name} (built once) with {@code args}. */
    static Run c(String name, String... args) throws IOException, InterruptedException {
        return start(cCommand(name, args)).finish();
    }

    /** The Java example {@code name} through bindings/java/run-example. */
    static Run java(String name, String... args) throws IOException, InterruptedException {
        return start(javaCommand(name, args)).finish();
    }

    static List<String> cCommand(String name, String... args) throws IOException, InterruptedException {
        Path program = name.equals("watch")
                ? CProgram.build(name, "examples/c/watch.c")
                : CProgram.build(name, "examples/c/" + name + ".c", "examples/c/service_args.c");
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static List<String> javaCommand(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(TestPaths.root().resolve("bindings/java/run-example").toString(), name));
        command.addAll(List.of(args));
        return command;
    }

    /** A program that is running. */
    record Started(Process process, Path out, Path err) {
        /** Waits for its end (at most 120 s) and collects what it wrote. */
        Run finish() throws IOException, InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 120 s: " + process.info().commandLine().orElse("?"));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
