package net.libjet;

/** How a command is written (JET_COMMAND_*). Declared in the order of the C constants. */
public enum CommandKind {
    /** CLI text, e.g. show version. */
    CLI,
    /** An XML RPC, e.g. &lt;get-software-information/&gt;. */
    XML;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
