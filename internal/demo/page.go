package demo

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

//go:embed page.html style.css
var assets embed.FS

var pageTmpl = template.Must(template.ParseFS(assets, "page.html"))

// Page is the demo's web page: a small Slack for the demo's people.
type Page struct {
	f   *Fakes
	c   *Client
	log *slog.Logger
	mux *http.ServeMux
}

// NewPage returns the page's handler for the fakes, acting through c.
func NewPage(f *Fakes, c *Client, log *slog.Logger) *Page {
	p := &Page{f: f, c: c, log: log, mux: http.NewServeMux()}
	p.mux.HandleFunc("GET /{$}", p.show)
	p.mux.HandleFunc("GET /style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		b, _ := assets.ReadFile("style.css")
		_, _ = w.Write(b)
	})
	p.mux.HandleFunc("GET /activity", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, f.Slack.Activity())
	})
	p.mux.HandleFunc("POST /command", p.command)
	p.mux.HandleFunc("POST /home", p.home)
	p.mux.HandleFunc("POST /action", p.action)
	p.mux.HandleFunc("POST /submit", p.submit)
	p.mux.HandleFunc("POST /close", p.closeModal)
	return p
}

func (p *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.mux.ServeHTTP(w, r) }

// names resolves Slack user IDs to display names.
func (p *Page) names() Names { return p.f.Names() }

// pageURL is the address of user's view of conversation c.
func pageURL(user, c string) string {
	q := url.Values{}
	if user != "" {
		q.Set("as", user)
	}
	if c != "" {
		q.Set("c", c)
	}
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

// done redirects back after an action (POST-redirect-GET), with the error
// shown on the page when there is one.
func (p *Page) done(w http.ResponseWriter, r *http.Request, back string, err error) {
	if back == "" || !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = pageURL(r.FormValue("as"), "")
	}
	if err != nil {
		p.log.Warn("demo action", "err", err)
		sep := "?"
		if strings.Contains(back, "?") {
			sep = "&"
		}
		back += sep + "err=" + url.QueryEscape(err.Error())
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// user returns the acting person from the form, or an error for someone
// who is not in the demo.
func (p *Page) user(r *http.Request) (string, error) {
	id := r.FormValue("as")
	if _, ok := p.f.Person(id); !ok {
		return "", fmt.Errorf("pick who you are first")
	}
	return id, nil
}

func (p *Page) command(w http.ResponseWriter, r *http.Request) {
	user, err := p.user(r)
	if err == nil {
		ch := r.FormValue("c")
		if ch == "home" {
			ch = ""
		}
		var it *Item
		it, err = p.c.Command(r.Context(), user, ch, r.FormValue("text"))
		if err == nil && ch == "" {
			p.done(w, r, pageURL(user, it.Channel), nil)
			return
		}
	}
	p.done(w, r, r.FormValue("back"), err)
}

func (p *Page) home(w http.ResponseWriter, r *http.Request) {
	user, err := p.user(r)
	if err == nil {
		err = p.c.OpenHome(r.Context(), user)
	}
	p.done(w, r, pageURL(r.FormValue("as"), "home"), err)
}

func (p *Page) action(w http.ResponseWriter, r *http.Request) {
	user, err := p.user(r)
	if err == nil {
		k := Click{
			User: user, Where: r.FormValue("where"), Channel: r.FormValue("channel"), TS: r.FormValue("ts"),
			Ephemeral: r.FormValue("ephemeral") != "", Type: r.FormValue("type"),
			ActionID: r.FormValue("action_id"), BlockID: r.FormValue("block_id"),
		}
		k.Value, k.OptionText = splitOption(r.FormValue("value"))
		if id := r.FormValue("item"); id != "" {
			k.Item = p.c.itemByEnvelope(user, id)
		}
		err = p.c.Press(r.Context(), k)
	}
	p.done(w, r, r.FormValue("back"), err)
}

func (p *Page) submit(w http.ResponseWriter, r *http.Request) {
	user, err := p.user(r)
	if err == nil {
		err = r.ParseForm()
	}
	if err == nil {
		err = p.c.Submit(r.Context(), user, stateValues(r.PostForm))
	}
	p.done(w, r, r.FormValue("back"), err)
}

func (p *Page) closeModal(w http.ResponseWriter, r *http.Request) {
	if user, err := p.user(r); err == nil {
		p.c.CloseModal(user)
	}
	p.done(w, r, r.FormValue("back"), nil)
}

// itemByEnvelope finds user's command item by its envelope ID.
func (c *Client) itemByEnvelope(user, id string) *Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key, items := range c.items {
		if !strings.HasPrefix(key, user+"/") {
			continue
		}
		for _, it := range items {
			if it.EnvelopeID == id {
				return it
			}
		}
	}
	return nil
}

// viewJSON decodes a view payload.
func viewJSON(raw []byte) map[string]any {
	var v map[string]any
	_ = json.Unmarshal(raw, &v)
	return v
}
