package net.libjet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads libjetjni (and through it libjet) once, then checks the ABI version.
 * In order: the absolute path in the system property {@value #PATH_PROPERTY};
 * else {@code System.loadLibrary("jetjni")} through java.library.path; else
 * the copies this jar carries for linux-x86_64, extracted to a temporary
 * directory. A failure names everything that was tried.
 */
final class NativeLoader {
    /** The ABI version of jet.h this binding was written for. */
    static final int ABI_VERSION = 3;
    /** System property: absolute path of libjetjni.so to load. */
    static final String PATH_PROPERTY = "libjet.jni.path";
    private static final String RESOURCE_DIR = "/net/libjet/native/linux-x86_64/";

    private static String loadedFrom;
    private static Error failure;

    private NativeLoader() {}

    /** Loads the library on first use; throws the same error on every use if that failed. */
    static synchronized void ensureLoaded() {
        if (failure != null) {
            throw failure;
        }
        if (loadedFrom != null) {
            return;
        }
        try {
            loadedFrom = load();
            int abi = JniLibrary.abiVersion();
            if (abi != ABI_VERSION) {
                throw new UnsatisfiedLinkError("libjet: this binding needs C ABI version " + ABI_VERSION + " but "
                        + libjetFile() + " has version " + abi + " (libjetjni " + loadedFrom + ")");
            }
            JetLogging.install();
            Runtime.getRuntime().addShutdownHook(new Thread(Jet::shutdownQuietly, "libjet-shutdown"));
        } catch (Error e) {
            failure = e;
            throw e;
        }
    }

    /** How libjetjni was found (for messages and tests). */
    static synchronized String loadedFrom() {
        ensureLoaded();
        return loadedFrom;
    }

    private static String load() {
        List<String> tried = new ArrayList<>();
        String path = System.getProperty(PATH_PROPERTY);
        if (path != null) {
            try {
                System.load(path);
            } catch (UnsatisfiedLinkError e) {
                throw new UnsatisfiedLinkError("libjet: cannot load libjetjni from -D" + PATH_PROPERTY + "=" + path
                        + " (an absolute path to libjetjni.so): " + e.getMessage());
            }
            return "-D" + PATH_PROPERTY + "=" + path;
        }
        tried.add("-D" + PATH_PROPERTY + " (not set)");
        try {
            System.loadLibrary("jetjni");
            return "java.library.path";
        } catch (UnsatisfiedLinkError e) {
            tried.add("System.loadLibrary(\"jetjni\") with java.library.path=" + System.getProperty("java.library.path")
                    + ": " + e.getMessage());
        }
        try {
            return extractAndLoad();
        } catch (IOException | UnsatisfiedLinkError e) {
            tried.add("the jar's " + RESOURCE_DIR + ": " + e.getMessage());
        }
        throw new UnsatisfiedLinkError("libjet: cannot load libjetjni; tried " + String.join("; ", tried));
    }

    /** Copies libjet.so and libjetjni.so out of the jar and loads them. */
    private static String extractAndLoad() throws IOException {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the jar carries linux-x86_64 only, this is " + os + " " + arch);
        }
        Path dir = Files.createTempDirectory("libjet-");
        dir.toFile().deleteOnExit();
        Path libjet = extract(dir, "libjet.so");
        Path jni = extract(dir, "libjetjni.so");
        System.load(libjet.toString());
        System.load(jni.toString());
        return "extracted from the jar to " + dir;
    }

    private static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = NativeLoader.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException(name + " is not in the jar");
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }

    /** The libjet file mapped into this process, from /proc/self/maps. */
    private static String libjetFile() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/libjet.so")) {
                    return line.substring(slash);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "libjet.so (location unknown: " + e.getMessage() + ")";
        }
        return "libjet.so";
    }
}
