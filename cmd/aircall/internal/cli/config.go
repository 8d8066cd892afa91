package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Profile is one set of saved credentials.
type Profile struct {
	// APIID and APIToken are an API key (Basic authentication).
	APIID    string `json:"api_id,omitempty"`
	APIToken string `json:"api_token,omitempty"`
	// AccessToken is an OAuth access token (Bearer authentication).
	AccessToken string `json:"access_token,omitempty"`
	// BaseURL is the API root; empty means https://api.aircall.io/.
	BaseURL string `json:"base_url,omitempty"`
}

// Config is the config file: named profiles and the default one.
type Config struct {
	DefaultProfile string              `json:"default_profile,omitempty"`
	Profiles       map[string]*Profile `json:"profiles"`
}

// configPath is $AIRCALL_CONFIG, or aircall/config.json in the user's
// config directory (~/.config on Linux).
func (a *App) configPath() (string, error) {
	if p := a.io.Getenv("AIRCALL_CONFIG"); p != "" {
		return p, nil
	}
	dir := a.io.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("finding the config directory: %w (set AIRCALL_CONFIG)", err)
		}
		dir = d
	}
	return filepath.Join(dir, "aircall", "config.json"), nil
}

// loadConfig reads the config file; a missing file is an empty config. It
// warns when the file can be read by others than its owner.
func (a *App) loadConfig() (*Config, string, error) {
	path, err := a.configPath()
	if err != nil {
		return nil, "", err
	}
	cfg := &Config{Profiles: map[string]*Profile{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, path, nil
	}
	if err != nil {
		return nil, path, err
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(a.io.Err, "aircall: warning: %s is readable by others (mode %04o); run: chmod 600 %s\n",
			path, st.Mode().Perm(), path)
	}
	if err := json.Unmarshal(b, cfg); err != nil {
		return nil, path, fmt.Errorf("reading %s: %w", path, err)
	}
	if cfg.Profiles == nil {
		cfg.Profiles = map[string]*Profile{}
	}
	return cfg, path, nil
}

// saveConfig writes the config file with mode 0600 (its directory 0700),
// replacing it atomically.
func saveConfig(path string, cfg *Config) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".config-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// profileNames lists the saved profiles, sorted.
func (c *Config) profileNames() []string {
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
