namespace LibJet.Firewall
{
    /// <summary>A single-rate two-color policer.</summary>
    public sealed class Policer : JsonModel
    {
        /// <summary>A policer: bandwidth in `bandwidthUnit` ("bps", "kbps", "mbps", "gbps"), burst in `burstUnit` ("bytes", "kbytes", "mbytes", "gbytes").</summary>
        public Policer(string name, ulong bandwidth, string bandwidthUnit, ulong burst, string burstUnit, PolicerThen then)
        {
            Name = name;
            Bandwidth = bandwidth;
            BandwidthUnit = bandwidthUnit;
            Burst = burst;
            BurstUnit = burstUnit;
            Then = then;
        }

        /// <summary>The policer's name.</summary>
        public string Name { get; set; }
        /// <summary>The bandwidth limit.</summary>
        public ulong Bandwidth { get; set; }
        /// <summary>The bandwidth's unit.</summary>
        public string BandwidthUnit { get; set; }
        /// <summary>The burst size limit.</summary>
        public ulong Burst { get; set; }
        /// <summary>The burst size's unit.</summary>
        public string BurstUnit { get; set; }
        /// <summary>What happens to traffic over the limits.</summary>
        public PolicerThen Then { get; set; }
        /// <summary>The scope; null leaves libjet's default (term-specific).</summary>
        public PolicerScope? Scope { get; set; }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject().Key("name").String(Name).Key("two-color").BeginObject();
            json.Key("bandwidth").BeginObject().Key("value").Number(Bandwidth).Key("unit").String(BandwidthUnit).EndObject();
            json.Key("burst").BeginObject().Key("value").Number(Burst).Key("unit").String(BurstUnit).EndObject();
            json.Key("then");
            Then.Write(json);
            json.EndObject();
            if (Scope.HasValue) json.Key("scope").String(Scope.Value == PolicerScope.FilterSpecific ? "filter-specific" : "term-specific");
            json.EndObject();
        }
    }

    /// <summary>What a policer does to traffic over its limits.</summary>
    public sealed class PolicerThen : JsonModel
    {
        private readonly string key;
        private readonly string value;

        private PolicerThen(string key, string value) { this.key = key; this.value = value; }

        /// <summary>Discard it.</summary>
        public static readonly PolicerThen Discard = new PolicerThen(null, null);

        /// <summary>Set its loss priority (e.g. "high").</summary>
        public static PolicerThen LossPriority(string priority) { return new PolicerThen("loss-priority", priority); }

        /// <summary>Set its forwarding class (e.g. "best-effort").</summary>
        public static PolicerThen ForwardingClass(string forwardingClass) { return new PolicerThen("forwarding-class", forwardingClass); }

        internal override void Write(JsonWriter json)
        {
            if (key == null) json.String("discard");
            else json.BeginObject().Key(key).String(value).EndObject();
        }
    }
}
