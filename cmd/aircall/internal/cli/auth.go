package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

func (a *App) newAuthCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "auth <command>",
		Short:   "Save, check and remove credentials",
		GroupID: groupTools,
		Long: `Save, check and remove credentials.

Profiles are kept in $AIRCALL_CONFIG, or aircall/config.json in your config
directory (~/.config on Linux), written with mode 0600. The environment
(AIRCALL_API_ID and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN) wins over the
saved default profile; --profile NAME wins over the environment.`,
		Example: `  aircall auth login --api-id "$AIRCALL_API_ID" < token.txt
  aircall auth status
  aircall auth logout --profile staging`,
		Args: noArgs,
	}
	cmd.AddCommand(a.newAuthLoginCmd(), a.newAuthStatusCmd(), a.newAuthLogoutCmd())
	return cmd
}

func (a *App) newAuthLoginCmd() *cobra.Command {
	var (
		apiID, baseURL string
		bearer, noTest bool
	)
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Save credentials in a profile",
		Long: `Save an API key (api_id and api_token) or an OAuth access token in a profile.

The secret is never taken from the command line, where other users and your
shell history could see it: it is read from standard input when that is not a
terminal (one line), or asked for at a prompt that does not echo. The api_id
is not secret: give it with --api-id or at the prompt.

The credentials are checked with GET /v1/company before they are saved,
unless --no-verify says otherwise. The profile file is written with mode 0600.`,
		Example: `  # API key, token from a file or a secret manager
  aircall auth login --api-id "$AIRCALL_API_ID" < token.txt
  pass show aircall/token | aircall auth login --api-id 0a1b2c --profile prod

  # OAuth access token
  aircall auth login --access-token < access_token.txt

  # interactive: prompts for the api_id and, without echo, the api_token
  aircall auth login`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, path, err := a.loadConfig()
			if err != nil {
				return err
			}
			name := a.profileName(cfg)
			p := Profile{BaseURL: baseURL}
			if bearer {
				if p.AccessToken, err = a.io.prompt("Access token: ", true); err != nil {
					return err
				}
				if p.AccessToken == "" {
					return usagef("no access token on standard input")
				}
			} else {
				if apiID == "" {
					if !a.io.InTTY {
						return usagef("--api-id is required when the token comes from standard input")
					}
					if apiID, err = a.io.prompt("api_id: ", false); err != nil {
						return err
					}
				}
				p.APIID = apiID
				if p.APIToken, err = a.io.prompt("api_token: ", true); err != nil {
					return err
				}
				if p.APIID == "" || p.APIToken == "" {
					return usagef("an api_id and an api_token are both needed")
				}
			}
			if !noTest {
				if u := a.io.Getenv("AIRCALL_BASE_URL"); u != "" && p.BaseURL == "" {
					p.BaseURL = u
				}
				cl, err := a.newClient(p)
				if err != nil {
					return err
				}
				company, _, err := cl.Company.Get(cmd.Context())
				if err != nil {
					return fmt.Errorf("checking the credentials: %w", err)
				}
				fmt.Fprintf(a.io.Err, "Credentials work for %s.\n", company.Name)
				p.BaseURL = baseURL
			}
			cfg.Profiles[name] = &p
			if cfg.DefaultProfile == "" {
				cfg.DefaultProfile = name
			}
			if err := saveConfig(path, cfg); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Err, "Saved profile %q in %s.\n", name, path)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&apiID, "api-id", "", "the api_id of the API key (not secret)")
	f.BoolVar(&bearer, "access-token", false, "save an OAuth access token instead of an API key")
	f.StringVar(&baseURL, "base-url", "", "API root to use with this profile (default https://api.aircall.io)")
	f.BoolVar(&noTest, "no-verify", false, "save without checking the credentials")
	cmd.MarkFlagsMutuallyExclusive("api-id", "access-token")
	return cmd
}

// authStatus is what "auth status" reports; it holds no secret.
type authStatus struct {
	Source   string     `json:"source"`
	BaseURL  string     `json:"base_url"`
	Auth     string     `json:"auth"`
	APIID    string     `json:"api_id,omitempty"`
	Company  string     `json:"company,omitempty"`
	Users    int        `json:"users_count,omitempty"`
	Numbers  int        `json:"numbers_count,omitempty"`
	Limit    int        `json:"rate_limit,omitempty"`
	Left     int        `json:"rate_limit_remaining,omitempty"`
	Reset    *time.Time `json:"rate_limit_reset,omitempty"`
	Error    string     `json:"error,omitempty"`
	Verified bool       `json:"verified"`
}

func (a *App) newAuthStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show which credentials are used, the company and the rate limit",
		Long: `Show where the credentials come from, the company they belong to and the
rate limit the API reported (GET /v1/company). Secrets are never printed: the
api_id is shown masked. The exit code is 6 when the credentials are missing or
refused.`,
		Example: `  aircall auth status
  aircall auth status --json
  AIRCALL_PROFILE=staging aircall auth status`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, c, err := a.client()
			if err != nil {
				return err
			}
			st := authStatus{Source: c.Source, BaseURL: cl.BaseURL(), Auth: "API key (Basic)"}
			if c.Profile.AccessToken != "" {
				st.Auth = "OAuth access token (Bearer)"
			} else {
				st.APIID = mask(c.Profile.APIID)
			}
			company, resp, err := cl.Company.Get(cmd.Context())
			if resp != nil && resp.Rate.Limit > 0 {
				st.Limit, st.Left = resp.Rate.Limit, resp.Rate.Remaining
				if !resp.Rate.Reset.IsZero() {
					r := resp.Rate.Reset.UTC()
					st.Reset = &r
				}
			}
			if err == nil {
				st.Verified, st.Company, st.Users, st.Numbers = true, company.Name, company.UsersCount, company.NumbersCount
			} else {
				st.Error = err.Error()
			}
			if perr := a.printer(cmd.Context()).value(st); perr != nil {
				return perr
			}
			if err != nil {
				if errors.Is(err, aircall.ErrForbidden) {
					return &exitError{ExitAuth, fmt.Errorf("credentials refused: %w", err)}
				}
				return err
			}
			return nil
		},
	}
}

func (a *App) newAuthLogoutCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Remove a saved profile",
		Example: `  aircall auth logout
  aircall auth logout --profile staging`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, path, err := a.loadConfig()
			if err != nil {
				return err
			}
			name := a.profileName(cfg)
			if _, ok := cfg.Profiles[name]; !ok {
				return &exitError{ExitNotFound, fmt.Errorf("no profile %q in %s", name, path)}
			}
			delete(cfg.Profiles, name)
			if cfg.DefaultProfile == name {
				cfg.DefaultProfile = ""
			}
			if err := saveConfig(path, cfg); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Err, "Removed profile %q from %s.\n", name, path)
			return nil
		},
	}
}
