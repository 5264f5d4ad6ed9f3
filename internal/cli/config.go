package cli

import (
	"github.com/visitline/visitline/internal/config"
	"github.com/visitline/visitline/tui"
)

// readConfig reads --config FILE, else the default config file when there
// is one; a bad file is a usage error, every problem positioned.
func readConfig(o options) (*config.Config, error) {
	known := config.Known{Actions: tui.ActionNames(), Context: tui.ActionContext, Views: tui.ViewNames()}
	if o.config != "" {
		return config.Load(o.config, false, known)
	}
	path := config.DefaultPath()
	if path == "" {
		return &config.Config{}, nil
	}
	return config.Load(path, true, known)
}
