namespace LibJet
{
    /// <summary>An address family (JET_FAMILY_*).</summary>
    public enum Family
    {
        /// <summary>IPv4 (family inet).</summary>
        Inet = 1,
        /// <summary>IPv6 (family inet6).</summary>
        Inet6 = 2,
    }

    /// <summary>A bind direction (JET_DIRECTION_*).</summary>
    public enum Direction
    {
        /// <summary>Packets entering the interface.</summary>
        Input = 1,
        /// <summary>Packets leaving the interface.</summary>
        Output = 2,
    }

    /// <summary>A policer scope (JET_POLICER_*).</summary>
    public enum PolicerScope
    {
        /// <summary>An instance per term that names the policer (the Junos default).</summary>
        TermSpecific = 0,
        /// <summary>One instance for the whole filter.</summary>
        FilterSpecific = 1,
    }

    /// <summary>A connection state (JET_CONNECTION_*).</summary>
    public enum ConnectionState
    {
        /// <summary>Making the first connection.</summary>
        Connecting = 0,
        /// <summary>Connected; subscriptions in force.</summary>
        Connected = 1,
        /// <summary>Connection lost; reconnecting with backoff (subscriptions are restored).</summary>
        Reconnecting = 2,
        /// <summary>Closed.</summary>
        Closed = 3,
        /// <summary>Made by Notifications.Create; not connected yet.</summary>
        Idle = 4,
    }

    /// <summary>Which IDL generation a service session speaks (JET_API_*).</summary>
    public enum Api
    {
        /// <summary>Find out per service (default).</summary>
        Auto = 0,
        /// <summary>The jnx.jet.* IDL (Junos 19.3 and later, Evolved).</summary>
        Jnx = 1,
        /// <summary>The legacy IDL (Junos 17.x to 19.2).</summary>
        Legacy = 2,
    }

    /// <summary>
    /// What a service session does about the JET state it created (filters
    /// with their binds, policers, interface addresses) after its connection
    /// was lost and made again (JET_SERVICE_STATE_*).
    /// </summary>
    public enum StateMode
    {
        /// <summary>Nothing (default).</summary>
        Off = 0,
        /// <summary>Check what the device still has and raise Service.StateReported.</summary>
        Report = 1,
        /// <summary>As Report, and add the purged objects again.</summary>
        Reapply = 2,
    }

    /// <summary>A JET service (JET_SERVICE_*).</summary>
    public enum ServiceKind
    {
        /// <summary>Login.</summary>
        Authentication = 0,
        /// <summary>Firewall filters, policers and counters.</summary>
        Firewall = 1,
        /// <summary>Interface addresses.</summary>
        Interfaces = 2,
        /// <summary>Operational commands and configuration.</summary>
        Management = 3,
    }

    /// <summary>The generation a service is spoken in (JET_GENERATION_*).</summary>
    public enum Generation
    {
        /// <summary>Not known yet (auto mode, before the service's first call).</summary>
        Unknown = 0,
        /// <summary>The jnx.jet.* IDL.</summary>
        Jnx = 1,
        /// <summary>The legacy IDL.</summary>
        Legacy = 2,
    }

    /// <summary>A topic operation (JET_OP_*).</summary>
    public enum Op
    {
        /// <summary>Object added.</summary>
        Add = 0,
        /// <summary>Object changed.</summary>
        Change = 1,
        /// <summary>Object deleted.</summary>
        Delete = 2,
        /// <summary>Any operation.</summary>
        All = 3,
    }

    /// <summary>How a command is written (JET_COMMAND_*).</summary>
    public enum CommandKind
    {
        /// <summary>CLI text, e.g. "show version".</summary>
        Cli = 0,
        /// <summary>An XML RPC, e.g. "&lt;get-software-information/&gt;".</summary>
        Xml = 1,
    }

    /// <summary>An output format (JET_OUTPUT_*).</summary>
    public enum OutputFormat
    {
        /// <summary>JSON.</summary>
        Json = 0,
        /// <summary>XML.</summary>
        Xml = 1,
        /// <summary>CLI text.</summary>
        Text = 2,
    }

    /// <summary>A configuration format (JET_CONFIG_*).</summary>
    public enum ConfigFormat
    {
        /// <summary>Curly-brace text.</summary>
        Text = 0,
        /// <summary>set commands, one per line.</summary>
        Set = 1,
        /// <summary>XML.</summary>
        Xml = 2,
        /// <summary>JSON.</summary>
        Json = 3,
    }

    /// <summary>A load mode (JET_LOAD_*; ignored for ConfigFormat.Set).</summary>
    public enum LoadType
    {
        /// <summary>load merge.</summary>
        Merge = 0,
        /// <summary>load replace.</summary>
        Replace = 1,
        /// <summary>load override.</summary>
        Override = 2,
        /// <summary>load update.</summary>
        Update = 3,
    }

    /// <summary>What a session does when the application falls behind (JET_OVERFLOW_*).</summary>
    public enum Overflow
    {
        /// <summary>Keep reading; drop the newest events and count them.</summary>
        Drop = 0,
        /// <summary>Stop reading the broker until the application has room.</summary>
        Wait = 1,
    }
}
