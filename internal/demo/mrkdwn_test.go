package demo

import (
	"testing"
)

func TestMrkdwnHTML(t *testing.T) {
	names := func(id string) string {
		if id == "UANN" {
			return "Ann Lee"
		}
		return id
	}
	tests := []struct{ name, in, want string }{
		{"bold italic strike", "*bold* _it_ ~gone~", "<b>bold</b> <i>it</i> <s>gone</s>"},
		{"code keeps its stars", "run `/tt *x*` now", "run <code>/tt *x*</code> now"},
		{"pre keeps its lines", "```a\nb```", "<pre>a\nb</pre>"},
		{"mention", "Hi <@UANN>!", `Hi <span class="mention">@Ann Lee</span>!`},
		{"unknown mention shows the id", "<@U9>", `<span class="mention">@U9</span>`},
		{"link with label", "<https://x.example/a?b=1&amp;c=2|Open *it*>", `<a href="https://x.example/a?b=1&amp;c=2" target="_blank" rel="noopener">Open *it*</a>`},
		{"bold link", "*<https://x.example|X>*", `<b><a href="https://x.example" target="_blank" rel="noopener">X</a></b>`},
		{"no javascript links", "<javascript:alert(1)|click>", "click"},
		{"special mention", "<!here>", `<span class="mention">@here</span>`},
		{"emoji", ":white_check_mark: done :unknown:", "✅ done :unknown:"},
		{"escaped entities stay text", "a &lt;b&gt; & <i>", "a &lt;b&gt; &amp; i"},
		{"quote", "&gt; note\nnext", `<span class="quote">note</span><br>next`},
		{"underscores in words", "user_id and snake_case_name", "user_id and snake_case_name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(mrkdwnHTML(tc.in, names)); got != tc.want {
				t.Errorf("mrkdwnHTML(%q) =\n %s\nwant\n %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestMrkdwnText(t *testing.T) {
	names := func(string) string { return "Ann Lee" }
	got := mrkdwnText("Hi <@UANN>, see <https://x.example|the report> :tada: &amp; more", names)
	want := "Hi @Ann Lee, see the report (https://x.example) 🎉 & more"
	if got != want {
		t.Errorf("mrkdwnText = %q, want %q", got, want)
	}
}
