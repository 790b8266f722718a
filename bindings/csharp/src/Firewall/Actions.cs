namespace LibJet.Firewall
{
    /// <summary>A term's actions: at most one terminating action (Accept, Discard, Reject, RoutingInstance) and any others.</summary>
    public sealed class Actions : JsonModel
    {
        /// <summary>Counter to count matching packets in.</summary>
        public string Count { get; set; }
        /// <summary>Log matching packets.</summary>
        public bool Log { get; set; }
        /// <summary>Send matching packets to syslog.</summary>
        public bool Syslog { get; set; }
        /// <summary>Policer to apply.</summary>
        public string Policer { get; set; }
        /// <summary>Go on with the next term.</summary>
        public bool NextTerm { get; set; }
        /// <summary>Accept the packet.</summary>
        public bool Accept { get; set; }
        /// <summary>Discard the packet silently.</summary>
        public bool Discard { get; set; }
        /// <summary>Reject the packet with this reason (e.g. "port-unreachable").</summary>
        public string Reject { get; set; }
        /// <summary>Send the packet to this routing instance.</summary>
        public string RoutingInstance { get; set; }

        internal bool IsEmpty { get { return ToJson() == "{}"; } }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject();
            if (Count != null) json.Key("count").String(Count);
            if (Log) json.Key("log").Bool(true);
            if (Syslog) json.Key("syslog").Bool(true);
            if (Policer != null) json.Key("policer").String(Policer);
            if (NextTerm) json.Key("next-term").Bool(true);
            if (Accept) json.Key("accept").Bool(true);
            if (Discard) json.Key("discard").Bool(true);
            if (Reject != null) json.Key("reject").String(Reject);
            if (RoutingInstance != null) json.Key("routing-instance").String(RoutingInstance);
            json.EndObject();
        }
    }
}
