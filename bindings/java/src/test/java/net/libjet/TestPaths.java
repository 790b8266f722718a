package net.libjet;

import java.nio.file.Path;

/** Where the tests find the repository and the built artefacts (set by Surefire, see pom.xml). */
final class TestPaths {
    private TestPaths() {}

    /** The libjet repository root. */
    static Path root() {
        return Path.of(System.getProperty("libjet.root", "../..")).toAbsolutePath().normalize();
    }

    /** target/release of the repository. */
    static Path release() {
        return root().resolve("target/release");
    }

    /** The jet tool with the simulator. */
    static Path jetTool() {
        return release().resolve("jet");
    }

    /** The binding's jar, with the native libraries inside. */
    static Path jar() {
        return Path.of(System.getProperty("libjet.jar")).toAbsolutePath();
    }

    /** The compiled test classes. */
    static Path testClasses() {
        return Path.of(System.getProperty("libjet.testClasses")).toAbsolutePath();
    }

    /** The sample events and their topics. */
    static Path events() {
        return root().resolve("tests/data/events");
    }

    /** The java launcher of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
