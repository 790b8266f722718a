using System.Collections.Generic;

namespace LibJet.Firewall
{
    /// <summary>A firewall filter: a name, a family and terms evaluated in order.</summary>
    public sealed class Filter : JsonModel
    {
        /// <summary>A filter with no terms yet.</summary>
        public Filter(string name, Family family = Family.Inet)
        {
            Name = name;
            Family = family;
            Terms = new List<Term>();
        }

        /// <summary>The filter's name.</summary>
        public string Name { get; set; }
        /// <summary>The address family.</summary>
        public Family Family { get; set; }
        /// <summary>The terms, in order.</summary>
        public List<Term> Terms { get; private set; }

        /// <summary>Adds a term at the end and returns this filter.</summary>
        public Filter Add(Term term)
        {
            Terms.Add(term);
            return this;
        }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject().Key("name").String(Name).Key("family").String(FamilyName(Family));
            json.Key("terms").BeginArray();
            foreach (Term term in Terms) term.Write(json);
            json.EndArray().EndObject();
        }

        /// <summary>"inet" or "inet6".</summary>
        internal static string FamilyName(Family family) { return family == Family.Inet6 ? "inet6" : "inet"; }
    }

    /// <summary>A term: what it matches and what it does.</summary>
    public sealed class Term : JsonModel
    {
        /// <summary>A term that matches everything and does nothing yet.</summary>
        public Term(string name)
        {
            Name = name;
            Matches = new Matches();
            Actions = new Actions();
        }

        /// <summary>The term's name.</summary>
        public string Name { get; set; }
        /// <summary>The match conditions (none: every packet).</summary>
        public Matches Matches { get; set; }
        /// <summary>The actions.</summary>
        public Actions Actions { get; set; }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject().Key("name").String(Name);
            if (Matches != null && !Matches.IsEmpty) { json.Key("matches"); Matches.Write(json); }
            if (Actions != null && !Actions.IsEmpty) { json.Key("actions"); Actions.Write(json); }
            json.EndObject();
        }

        /// <summary>Just the name (for a delete change).</summary>
        internal void WriteName(JsonWriter json) { json.BeginObject().Key("name").String(Name).EndObject(); }
    }
}
