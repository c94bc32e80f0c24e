package demo

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// pageData is what page.html shows.
type pageData struct {
	People   []personView
	Me       *personView
	Convs    []convView
	Current  string
	Header   string
	Sub      string
	IsHome   bool
	HomeOpen bool
	Home     template.HTML
	Messages []msgView
	Modal    *modalView
	Activity int
	Error    string
	Back     string
}

type personView struct {
	ID, Name, Handle, Role, Kind, TimeZone string
}

type convView struct {
	ID, Name, Icon string
	Active         bool
}

type msgView struct {
	Author, Time string
	Bot, Mine    bool
	Ephemeral    bool
	Body         template.HTML
	sort         time.Time
}

type modalView struct {
	Title, Submit, Close string
	Body                 template.HTML
}

// kindOf says whether a demo person is a member, a manager or an admin.
func kindOf(admin, manager bool) string {
	switch {
	case admin:
		return "admin"
	case manager:
		return "manager"
	}
	return "member"
}

func (p *Page) show(w http.ResponseWriter, r *http.Request) {
	names := p.names()
	d := pageData{Activity: p.f.Slack.Activity(), Error: r.FormValue("err")}
	for _, x := range p.f.Workspace.People {
		d.People = append(d.People, personView{ID: x.SlackID, Name: x.Name, Handle: x.Handle, Role: x.Role,
			Kind: kindOf(x.Admin, x.Manager), TimeZone: x.TimeZone})
	}
	me := r.FormValue("as")
	if i := slices.IndexFunc(d.People, func(pv personView) bool { return pv.ID == me }); i >= 0 {
		d.Me = &d.People[i]
	}
	if d.Me == nil {
		p.render(w, d)
		return
	}
	loc, err := time.LoadLocation(d.Me.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	d.Current = r.FormValue("c")
	if d.Current == "" {
		d.Current = "home"
	}
	d.Back = pageURL(me, d.Current)
	d.IsHome = d.Current == "home"
	d.Convs = append(d.Convs, convView{ID: "home", Name: "Clockbot — Home", Icon: "🏠", Active: d.IsHome})
	for _, cv := range p.f.Slack.Conversations(me) {
		c := convView{ID: cv.ID, Active: cv.ID == d.Current}
		switch cv.Kind {
		case slacktest.KindIM:
			c.Name, c.Icon = "clockbot", "🤖"
		case slacktest.KindMPIM:
			var others []string
			for _, m := range cv.Members {
				if m != me && m != p.f.Slack.BotUserID {
					others = append(others, strings.Fields(names(m))[0])
				}
			}
			c.Name, c.Icon = strings.Join(append(others, "clockbot"), ", "), "👥"
		default:
			c.Name, c.Icon = cv.Name, "#"
		}
		if c.Active {
			d.Header = c.Icon + " " + c.Name
			if cv.Kind == slacktest.KindMPIM {
				d.Sub = "Group message: you, " + c.Name
			}
		}
		d.Convs = append(d.Convs, c)
	}
	if d.IsHome {
		d.Header = "🏠 Clockbot"
		d.Sub = "App Home"
		if raw, ok := p.f.Slack.View(me); ok {
			d.HomeOpen = true
			v := viewJSON(raw)
			d.Home = renderBlocks(v["blocks"], names, target{User: me, Where: "home", Back: d.Back, Users: p.userChoices()})
		}
	} else {
		d.Messages = p.messages(me, d.Current, names, loc, d.Back)
	}
	if _, raw, ok := p.f.Slack.ModalView(me); ok {
		v := viewJSON(raw)
		m := &modalView{Title: plainOf(asMap(v["title"])), Submit: plainOf(asMap(v["submit"])), Close: plainOf(asMap(v["close"]))}
		if m.Close == "" {
			m.Close = "Cancel"
		}
		m.Body = renderBlocks(v["blocks"], names, target{User: me, Where: "modal", Back: d.Back,
			ModalForm: "modal-submit", Errors: p.c.ModalErrors(me), Users: p.userChoices()})
		d.Modal = m
	}
	p.render(w, d)
}

func (p *Page) render(w http.ResponseWriter, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, d); err != nil {
		p.log.Error("demo page", "err", err)
	}
}

// userChoices lists the people for users_select elements.
func (p *Page) userChoices() []userChoice {
	var out []userChoice
	for _, x := range p.f.Workspace.People {
		out = append(out, userChoice{ID: x.SlackID, Name: x.Name})
	}
	return out
}

// messages is what me sees in channel: the bot's posts, ephemeral
// messages shown to me, and my commands with their answers, in time order.
func (p *Page) messages(me, channel string, names Names, loc *time.Location, back string) []msgView {
	var out []msgView
	at := func(ts string) time.Time {
		sec, frac, _ := strings.Cut(ts, ".")
		s, _ := strconv.ParseInt(sec, 10, 64)
		us, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
		return time.Unix(s, us*1000)
	}
	bot := func(m slacktest.Message, eph bool) msgView {
		t := at(m.TS)
		body := renderBlocks(m.Blocks, names, target{User: me, Where: "message", Channel: m.Channel, TS: m.TS, Ephemeral: eph, Back: back})
		if len(asList(m.Blocks)) == 0 {
			body = mrkdwnHTML(m.Text, names)
		}
		return msgView{Author: "clockbot", Bot: true, Ephemeral: eph, Time: t.In(loc).Format("Mon 15:04"), Body: body, sort: t}
	}
	for _, m := range p.f.Slack.Messages(channel) {
		out = append(out, bot(m, false))
	}
	for _, m := range p.f.Slack.Ephemerals(channel) {
		if m.Recipient == me {
			out = append(out, bot(m, true))
		}
	}
	for _, it := range p.c.Items(me, channel) {
		if it.Text != "" {
			out = append(out, msgView{Author: names(me), Mine: true, Time: it.At.In(loc).Format("Mon 15:04"),
				Body: template.HTML(`<code>` + template.HTMLEscapeString(it.Text) + `</code>`), sort: it.At})
		}
		for i, a := range p.c.Answers(it) {
			body := renderBlocks(a["blocks"], names, target{User: me, Where: "message", Channel: channel, Item: it.EnvelopeID, Ephemeral: true, Back: back})
			if len(asList(a["blocks"])) == 0 {
				text, _ := a["text"].(string)
				body = mrkdwnHTML(text, names)
			}
			eph := a["response_type"] != "in_channel"
			out = append(out, msgView{Author: "clockbot", Bot: true, Ephemeral: eph, Time: it.At.In(loc).Format("Mon 15:04"),
				Body: body, sort: it.At.Add(time.Duration(i+1) * time.Microsecond)})
		}
	}
	slices.SortStableFunc(out, func(a, b msgView) int { return a.sort.Compare(b.sort) })
	return out
}
