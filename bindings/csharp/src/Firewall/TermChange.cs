using System.Collections.Generic;

namespace LibJet.Firewall
{
    /// <summary>One change of <see cref="Service.ModifyFilter(string, Family, IEnumerable{TermChange}, System.TimeSpan, System.Threading.CancellationToken)"/>: add, delete or replace a term.</summary>
    public sealed class TermChange : JsonModel
    {
        private readonly string op;
        private readonly Term term;
        private readonly string adjacencyKey;
        private readonly string adjacentTerm;

        private TermChange(string op, Term term, string adjacencyKey, string adjacentTerm)
        {
            this.op = op;
            this.term = term;
            this.adjacencyKey = adjacencyKey;
            this.adjacentTerm = adjacentTerm;
        }

        /// <summary>Adds `term` at the end.</summary>
        public static TermChange Add(Term term) { return new TermChange("add", term, null, null); }
        /// <summary>Adds `term` after term `existing`.</summary>
        public static TermChange AddAfter(Term term, string existing) { return new TermChange("add", term, "after", existing); }
        /// <summary>Adds `term` before term `existing`.</summary>
        public static TermChange AddBefore(Term term, string existing) { return new TermChange("add", term, "before", existing); }
        /// <summary>Deletes term `name`.</summary>
        public static TermChange Delete(string name) { return new TermChange("delete", new Term(name), null, null); }
        /// <summary>Replaces the term of the same name in place.</summary>
        public static TermChange Replace(Term term) { return new TermChange("replace", term, null, null); }

        internal override void Write(JsonWriter json)
        {
            json.BeginObject().Key("op").String(op).Key("term");
            if (op == "delete") term.WriteName(json); else term.Write(json);
            if (adjacencyKey != null) json.Key("adjacency").BeginObject().Key(adjacencyKey).String(adjacentTerm).EndObject();
            json.EndObject();
        }

        /// <summary>`changes` as the C ABI's JSON list.</summary>
        internal static string ListJson(IEnumerable<TermChange> changes)
        {
            var json = new JsonWriter();
            json.BeginArray();
            foreach (TermChange change in changes) change.Write(json);
            json.EndArray();
            return json.ToString();
        }
    }
}
