package net.libjet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The device's sample events (tests/data/events) with the topics of topics.tsv. */
final class Samples {
    /** One sample: its file and the topic it is published on. */
    record Sample(Path file, String topic) {
        /** Whether this is one of the two malformed samples. */
        boolean malformed() {
            String name = file.getFileName().toString();
            return name.equals("doc-missing-comma.json") || name.equals("not-json.txt");
        }

        /** The payload's bytes. */
        byte[] bytes() throws IOException {
            return Files.readAllBytes(file);
        }
    }

    private Samples() {}

    /** Every sample, in the order of topics.tsv. */
    static List<Sample> all() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(TestPaths.events().resolve("topics.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            samples.add(new Sample(TestPaths.events().resolve(fields[0]), fields[1]));
        }
        return samples;
    }

    /** Publishes every sample in order. */
    static void publishAll(Mosquitto broker) throws IOException, InterruptedException {
        for (Sample sample : all()) {
            broker.publish(sample.topic(), sample.file());
        }
    }
}
