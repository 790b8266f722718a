package jet

// #include "shim.h"
import "C"

import "context"

// CommandKind says how a command is written.
type CommandKind int32

// The command kinds of jet.h.
const (
	// CommandCLI is CLI text, e.g. "show version".
	CommandCLI CommandKind = C.JET_COMMAND_CLI
	// CommandXML is an XML RPC, e.g. "<get-software-information/>".
	CommandXML CommandKind = C.JET_COMMAND_XML
)

// OutputFormat is the format of a command's output.
type OutputFormat int32

// The output formats of jet.h.
const (
	OutputJSON OutputFormat = C.JET_OUTPUT_JSON
	OutputXML  OutputFormat = C.JET_OUTPUT_XML
	OutputText OutputFormat = C.JET_OUTPUT_TEXT
)

// ConfigFormat is the format of configuration to load.
type ConfigFormat int32

// The configuration formats of jet.h.
const (
	ConfigText ConfigFormat = C.JET_CONFIG_TEXT
	ConfigSet  ConfigFormat = C.JET_CONFIG_SET
	ConfigXML  ConfigFormat = C.JET_CONFIG_XML
	ConfigJSON ConfigFormat = C.JET_CONFIG_JSON
)

// LoadType is how configuration is loaded (ignored for ConfigSet).
type LoadType int32

// The load types of jet.h.
const (
	LoadMerge    LoadType = C.JET_LOAD_MERGE
	LoadReplace  LoadType = C.JET_LOAD_REPLACE
	LoadOverride LoadType = C.JET_LOAD_OVERRIDE
	LoadUpdate   LoadType = C.JET_LOAD_UPDATE
)

// RunCommand runs an operational command and returns its whole output.
func (s *Service) RunCommand(ctx context.Context, command string, kind CommandKind, format OutputFormat) (string, error) {
	var out *C.char
	err := s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_management_run(c, p, a.add(command), C.jet_command_kind_t(kind), C.jet_output_format_t(format), t, &out)
	})
	if err != nil {
		return "", err
	}
	return ownedString(out), nil
}

// LoadConfig loads configuration without committing it.
func (s *Service) LoadConfig(ctx context.Context, config string, format ConfigFormat, load LoadType) error {
	return s.load(ctx, config, format, load, nil)
}

// LoadConfigAndCommit loads configuration and commits it with comment
// ("" commits without a comment).
func (s *Service) LoadConfigAndCommit(ctx context.Context, config string, format ConfigFormat, load LoadType, comment string) error {
	return s.load(ctx, config, format, load, &comment)
}

// load is one jet_management_load; a nil comment does not commit.
func (s *Service) load(ctx context.Context, config string, format ConfigFormat, load LoadType, comment *string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		var commit *C.char
		if comment != nil {
			commit = a.add(*comment)
		}
		return C.jg_management_load(c, p, a.add(config), C.jet_config_format_t(format), C.jet_load_type_t(load), commit, t)
	})
}
