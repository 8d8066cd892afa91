package cli

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

// credentials are the resolved credentials of a run, and where they came from.
type credentials struct {
	Source  string // "environment" or "profile <name>"
	Profile Profile
}

// profileName is the profile asked for: --profile, $AIRCALL_PROFILE, the
// config's default, or "default".
func (a *App) profileName(cfg *Config) string {
	switch {
	case a.profile != "":
		return a.profile
	case a.io.Getenv("AIRCALL_PROFILE") != "":
		return a.io.Getenv("AIRCALL_PROFILE")
	case cfg != nil && cfg.DefaultProfile != "":
		return cfg.DefaultProfile
	}
	return "default"
}

// credentials resolves the credentials: an explicit --profile first, then
// the environment (AIRCALL_ACCESS_TOKEN, or AIRCALL_API_ID and
// AIRCALL_API_TOKEN), then the saved profile. AIRCALL_BASE_URL, when set,
// overrides the profile's API root.
func (a *App) credentials() (*credentials, error) {
	env := a.io.Getenv
	var c *credentials
	if a.profile == "" {
		switch {
		case env("AIRCALL_ACCESS_TOKEN") != "":
			c = &credentials{Source: "environment (AIRCALL_ACCESS_TOKEN)", Profile: Profile{AccessToken: env("AIRCALL_ACCESS_TOKEN")}}
		case env("AIRCALL_API_ID") != "" && env("AIRCALL_API_TOKEN") != "":
			c = &credentials{Source: "environment (AIRCALL_API_ID, AIRCALL_API_TOKEN)",
				Profile: Profile{APIID: env("AIRCALL_API_ID"), APIToken: env("AIRCALL_API_TOKEN")}}
		case env("AIRCALL_API_ID") != "" || env("AIRCALL_API_TOKEN") != "":
			return nil, &authError{"AIRCALL_API_ID and AIRCALL_API_TOKEN must be set together"}
		}
	}
	if c == nil {
		cfg, path, err := a.loadConfig()
		if err != nil {
			return nil, err
		}
		name := a.profileName(cfg)
		p, ok := cfg.Profiles[name]
		if !ok {
			if a.profile != "" {
				return nil, &authError{fmt.Sprintf("no profile %q in %s: run 'aircall auth login --profile %s'", name, path, name)}
			}
			return nil, &authError{"no credentials: run 'aircall auth login', or set AIRCALL_API_ID and AIRCALL_API_TOKEN (or AIRCALL_ACCESS_TOKEN)"}
		}
		c = &credentials{Source: "profile " + name + " (" + path + ")", Profile: *p}
	}
	if u := env("AIRCALL_BASE_URL"); u != "" {
		c.Profile.BaseURL = u
	}
	return c, nil
}

// options turns credentials into SDK options.
func (p Profile) options() []aircall.Option {
	var opts []aircall.Option
	if p.AccessToken != "" {
		opts = append(opts, aircall.WithBearerToken(p.AccessToken))
	} else {
		opts = append(opts, aircall.WithBasicAuth(p.APIID, p.APIToken))
	}
	if p.BaseURL != "" {
		opts = append(opts, aircall.WithBaseURL(p.BaseURL))
	}
	return opts
}

// client builds an SDK client with the resolved credentials.
func (a *App) client() (*aircall.Client, *credentials, error) {
	c, err := a.credentials()
	if err != nil {
		return nil, nil, err
	}
	cl, err := a.newClient(c.Profile)
	return cl, c, err
}

func (a *App) newClient(p Profile) (*aircall.Client, error) {
	opts := append(p.options(), aircall.WithUserAgent("aircall-cli/"+Version))
	if a.verbose {
		opts = append(opts, aircall.WithLogger(slog.New(slog.NewTextHandler(a.io.Err, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	return aircall.NewClient(append(opts, a.clientOpts...)...)
}

// completeProfiles completes --profile with the saved profiles.
func (a *App) completeProfiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, _, err := a.loadConfig()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cfg.profileNames(), cobra.ShellCompDirectiveNoFileComp
}

// mask shows the start of an identifier and hides the rest.
func mask(s string) string {
	if len(s) <= 4 {
		return strings.Repeat("*", len(s))
	}
	return s[:4] + strings.Repeat("*", min(len(s)-4, 8))
}
