package jet

// #include "shim.h"
import "C"

// TLSFiles are the TLS settings both session kinds share.
type TLSFiles struct {
	// CAFile is a PEM file of the CAs to trust ("" trusts the system's roots).
	CAFile string
	// CertFile and KeyFile are a PEM client certificate and its key, for mutual TLS.
	CertFile, KeyFile string
	// ServerName is the name to verify in the server certificate instead of the device.
	ServerName string
	// InsecureSkipVerify accepts any certificate (labs only).
	InsecureSkipVerify bool
}

// tlsFields points at the TLS fields of one of libjet's options structs.
type tlsFields struct {
	ca, cert, key, serverName **C.char
	insecure                  *C.uint8_t
}

// fill writes t into the fields; the strings live in args.
func (t *TLSFiles) fill(args *cstrings, f tlsFields) {
	*f.ca = args.opt(t.CAFile)
	*f.cert = args.opt(t.CertFile)
	*f.key = args.opt(t.KeyFile)
	*f.serverName = args.opt(t.ServerName)
	if t.InsecureSkipVerify {
		*f.insecure = 1
	}
}
