package net.libjet;

import java.time.Duration;

import static net.libjet.Utf8.cstring;

/** Operational commands and configuration of a {@link Service} (jet_management_*). */
public final class Management {
    private final NativeHandle session;

    Management(NativeHandle session) {
        this.session = session;
    }

    /** Runs an operational command and returns its whole output, with the session's deadline. */
    public String run(String command, CommandKind kind, OutputFormat format) {
        return run(command, kind, format, null);
    }

    /** Runs an operational command (CLI text or an XML RPC) and returns its whole output. */
    public String run(String command, CommandKind kind, OutputFormat format, Duration timeout) {
        byte[] cCommand = cstring(command);
        int ms = NativeHandle.millis(timeout);
        return session.blocking((h, cancel) -> JniService.run(h, cCommand, kind.code(), format.code(), ms, cancel));
    }

    /** Loads configuration, with the session's deadline; see {@link #load(String, ConfigFormat, LoadType, String, Duration)}. */
    public void load(String config, ConfigFormat format, LoadType loadType, String commitComment) {
        load(config, format, loadType, commitComment, null);
    }

    /**
     * Loads configuration and commits it with {@code commitComment} when that
     * is not null ("" commits without a comment).
     */
    public void load(String config, ConfigFormat format, LoadType loadType, String commitComment, Duration timeout) {
        byte[] cConfig = cstring(config);
        byte[] cComment = cstring(commitComment);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniService.load(h, cConfig, format.code(), loadType.code(), cComment, ms, cancel);
            return null;
        });
    }
}
