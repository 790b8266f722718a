using System.Collections.Generic;

namespace LibJet.Firewall
{
    /// <summary>A term's match conditions; empty lists are left out.</summary>
    public sealed class Matches : JsonModel
    {
        /// <summary>Source prefixes, e.g. "192.0.2.0/24".</summary>
        public List<AddressMatch> SourceAddresses { get; private set; }
        /// <summary>Destination prefixes.</summary>
        public List<AddressMatch> DestinationAddresses { get; private set; }
        /// <summary>Source or destination prefixes.</summary>
        public List<AddressMatch> Addresses { get; private set; }
        /// <summary>Source ports or ranges.</summary>
        public List<RangeMatch> SourcePorts { get; private set; }
        /// <summary>Destination ports or ranges.</summary>
        public List<RangeMatch> DestinationPorts { get; private set; }
        /// <summary>Source or destination ports.</summary>
        public List<RangeMatch> Ports { get; private set; }
        /// <summary>IP protocols, by number or name ("icmp", "tcp").</summary>
        public List<RangeMatch> Protocols { get; private set; }
        /// <summary>ICMP types.</summary>
        public List<RangeMatch> IcmpTypes { get; private set; }
        /// <summary>ICMP codes.</summary>
        public List<RangeMatch> IcmpCodes { get; private set; }
        /// <summary>DSCP values.</summary>
        public List<RangeMatch> Dscp { get; private set; }
        /// <summary>Packet lengths.</summary>
        public List<RangeMatch> PacketLengths { get; private set; }
        /// <summary>TTLs.</summary>
        public List<RangeMatch> Ttls { get; private set; }
        /// <summary>A fragment condition by name (libjet's names), or null.</summary>
        public string Fragment { get; set; }
        /// <summary>Interface names.</summary>
        public List<string> Interfaces { get; private set; }

        /// <summary>No conditions yet.</summary>
        public Matches()
        {
            SourceAddresses = new List<AddressMatch>();
            DestinationAddresses = new List<AddressMatch>();
            Addresses = new List<AddressMatch>();
            SourcePorts = new List<RangeMatch>();
            DestinationPorts = new List<RangeMatch>();
            Ports = new List<RangeMatch>();
            Protocols = new List<RangeMatch>();
            IcmpTypes = new List<RangeMatch>();
            IcmpCodes = new List<RangeMatch>();
            Dscp = new List<RangeMatch>();
            PacketLengths = new List<RangeMatch>();
            Ttls = new List<RangeMatch>();
            Interfaces = new List<string>();
        }

        internal bool IsEmpty
        {
            get { return ToJson() == "{}"; }
        }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject();
            List("source-addresses", SourceAddresses, json);
            List("destination-addresses", DestinationAddresses, json);
            List("addresses", Addresses, json);
            List("source-ports", SourcePorts, json);
            List("destination-ports", DestinationPorts, json);
            List("ports", Ports, json);
            List("protocols", Protocols, json);
            List("icmp-types", IcmpTypes, json);
            List("icmp-codes", IcmpCodes, json);
            List("dscp", Dscp, json);
            List("packet-lengths", PacketLengths, json);
            List("ttls", Ttls, json);
            if (Fragment != null) json.Key("fragment").String(Fragment);
            if (Interfaces.Count > 0)
            {
                json.Key("interfaces").BeginArray();
                foreach (string name in Interfaces) json.String(name);
                json.EndArray();
            }
            json.EndObject();
        }

        private static void List<T>(string key, List<T> items, JsonWriter json) where T : JsonModel
        {
            if (items.Count == 0) return;
            json.Key(key).BeginArray();
            foreach (T item in items) item.Write(json);
            json.EndArray();
        }
    }

    /// <summary>A prefix to match, or (Except) to exclude.</summary>
    public sealed class AddressMatch : JsonModel
    {
        /// <summary>A prefix such as "192.0.2.0/24".</summary>
        public AddressMatch(string prefix, bool except = false)
        {
            Prefix = prefix;
            Except = except;
        }

        /// <summary>The prefix.</summary>
        public string Prefix { get; private set; }
        /// <summary>Exclude this prefix.</summary>
        public bool Except { get; private set; }

        /// <summary>A prefix that matches.</summary>
        public static implicit operator AddressMatch(string prefix) { return new AddressMatch(prefix); }

        internal override void Write(JsonWriter json)
        {
            if (!Except) json.String(Prefix);
            else json.BeginObject().Key("prefix").String(Prefix).Key("except").Bool(true).EndObject();
        }
    }

    /// <summary>A number, a "low-high" range or a name (protocols), to match or (Except) exclude.</summary>
    public sealed class RangeMatch : JsonModel
    {
        private readonly ulong? number;
        private readonly string text;

        /// <summary>One number.</summary>
        public RangeMatch(ulong value, bool except = false) { number = value; Except = except; }

        /// <summary>A "low-high" range, a number as text, or a name such as "icmp".</summary>
        public RangeMatch(string value, bool except = false) { text = value; Except = except; }

        /// <summary>Exclude these values.</summary>
        public bool Except { get; private set; }

        /// <summary>One number that matches.</summary>
        public static implicit operator RangeMatch(int value) { return new RangeMatch((ulong)value); }

        /// <summary>A range or name that matches.</summary>
        public static implicit operator RangeMatch(string value) { return new RangeMatch(value); }

        internal override void Write(JsonWriter json)
        {
            if (Except) json.BeginObject().Key("range");
            if (number.HasValue) json.Number(number.Value); else json.String(text);
            if (Except) json.Key("except").Bool(true).EndObject();
        }
    }
}
