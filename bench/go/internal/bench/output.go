package bench

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// JSON builds the one-line JSON object a program prints at the end.
type JSON struct {
	b strings.Builder
}

// name writes the separator and the quoted name of the next member.
func (j *JSON) name(name string) {
	if j.b.Len() > 0 {
		j.b.WriteString(", ")
	}
	fmt.Fprintf(&j.b, "%q: ", name)
}

// Int adds an integer member.
func (j *JSON) Int(name string, value int64) {
	j.name(name)
	j.b.WriteString(strconv.FormatInt(value, 10))
}

// Num adds a number with `decimals` digits after the point (null if not finite).
func (j *JSON) Num(name string, value float64, decimals int) {
	j.name(name)
	j.b.WriteString(number(value, decimals))
}

// Nums adds an array of numbers.
func (j *JSON) Nums(name string, values []float64, decimals int) {
	j.name(name)
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = number(v, decimals)
	}
	j.b.WriteString("[" + strings.Join(parts, ", ") + "]")
}

// number formats one value, null when it is not finite.
func number(value float64, decimals int) string {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return "null"
	}
	return strconv.FormatFloat(value, 'f', decimals, 64)
}

// Print writes the object and its line on stdout.
func (j *JSON) Print() {
	fmt.Fprintf(os.Stdout, "{%s}\n", j.b.String())
}

// Ready prints the line "ready" on stdout.
func Ready() {
	fmt.Fprintln(os.Stdout, "ready")
}
