package net.libjet;

/**
 * A counter's value (jet_counter_t).
 *
 * @param bytes bytes counted
 * @param packets packets counted
 */
public record Counter(long bytes, long packets) {
}
