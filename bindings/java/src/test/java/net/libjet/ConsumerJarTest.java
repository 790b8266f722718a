package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jar from a separate consumer project (plain javac in a scratch
 * directory): it works with the native libraries it carries, with the
 * override property, and names everything it tried when neither works.
 */
class ConsumerJarTest {
    private static final String CONSUMER = String.join("\n",
            "import java.nio.file.*;",
            "import net.libjet.*;",
            "public class Consumer {",
            "    public static void main(String[] args) throws Exception {",
            "        System.out.println(Jet.version() + \" abi \" + Jet.abiVersion());",
            "        System.out.println(Jet.loadedFrom());",
            "        System.out.println(Topics.ifd(Op.ADD, \"ge-0/0/0\"));",
            "        for (String line : Files.readAllLines(Path.of(\"/proc/self/maps\"))) {",
            "            if (line.endsWith(\"/libjet.so\")) { System.out.println(line.substring(line.indexOf('/'))); break; }",
            "        }",
            "    }",
            "}",
            "");
    private static Path project;

    @BeforeAll
    static void buildConsumer() throws Exception {
        project = Files.createTempDirectory("jet-java-consumer-");
        Files.writeString(project.resolve("Consumer.java"), CONSUMER);
        Run javac = Run.of(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-cp",
                TestPaths.jar().toString(), "-d", project.toString(), project.resolve("Consumer.java").toString()));
        assertEquals(0, javac.status(), javac.stderr());
    }

    private static Run consumer(Path jar, String... jvmArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestPaths.java(), "-Xcheck:jni"));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", jar + ":" + project, "Consumer"));
        return Run.of(command);
    }

    @Test
    void theJarCarriesAndExtractsItsNativeLibraries() throws Exception {
        Run run = consumer(TestPaths.jar());
        assertEquals(0, run.status(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(Jet.version() + " abi 3", lines.get(0));
        assertTrue(lines.get(1).startsWith("extracted from the jar to "), lines.get(1));
        assertEquals("/junos/events/kernel/interfaces/ifd/add/ge-0/0/0", lines.get(2));
        String extractedDir = lines.get(1).substring("extracted from the jar to ".length());
        assertEquals(extractedDir + "/libjet.so", lines.get(3), "libjet.so is the jar's copy");
        assertFalse(run.stderr().contains("WARNING in native method"), run.stderr());
    }

    @Test
    void theOverridePropertyNamesTheLibrary() throws Exception {
        Path jni = Path.of(System.getProperty("java.library.path")).resolve("libjetjni.so");
        Run run = consumer(TestPaths.jar(), "-Dlibjet.jni.path=" + jni);
        assertEquals(0, run.status(), run.stderr());
        assertEquals("-Dlibjet.jni.path=" + jni, run.stdout().lines().toList().get(1));

        Run missing = consumer(TestPaths.jar(), "-Dlibjet.jni.path=/nonexistent/libjetjni.so");
        assertNotEquals(0, missing.status());
        assertTrue(missing.stderr().contains("cannot load libjetjni from -Dlibjet.jni.path=/nonexistent/libjetjni.so"), missing.stderr());
    }

    @Test
    void aClearErrorNamesWhatWasTried() throws Exception {
        Path bare = project.resolve("libjet-without-native.jar");
        copyWithoutNative(TestPaths.jar(), bare);
        Run run = consumer(bare, "-Djava.library.path=/nonexistent");
        assertNotEquals(0, run.status());
        assertTrue(run.stderr().contains("libjet: cannot load libjetjni; tried -Dlibjet.jni.path (not set); "
                + "System.loadLibrary(\"jetjni\") with java.library.path=/nonexistent"), run.stderr());
        assertTrue(run.stderr().contains("the jar's /net/libjet/native/linux-x86_64/: libjet.so is not in the jar"), run.stderr());
    }

    /** Copies a jar without its native libraries. */
    private static void copyWithoutNative(Path from, Path to) throws IOException {
        try (JarFile jar = new JarFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("net/libjet/native/")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
