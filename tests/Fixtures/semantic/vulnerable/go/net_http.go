package main

import (
	"encoding/json"
	"html/template"
	"net/http"
	"os"
	"os/exec"
	texttemplate "text/template"
)

type SearchRequest struct {
	Table string `json:"table"`
	Term  string `json:"term"`
}

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	f, err := os.Open("/var/data/" + name) // EXPECT: MCP-TAINT-PATH-001
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	defer f.Close()
}

func convert(w http.ResponseWriter, r *http.Request) {
	format := r.FormValue("format")
	out, _ := exec.Command("/bin/sh", "-c", "convert input.png output."+format).Output() // EXPECT: MCP-TAINT-CMD-001
	_, _ = w.Write(out)
}

func search(w http.ResponseWriter, r *http.Request) {
	var req SearchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	rows, err := db.Query("SELECT * FROM " + req.Table + " WHERE name = $1", req.Term) // EXPECT: MCP-TAINT-SQL-001
	if err != nil {
		return
	}
	defer rows.Close()
}

func greet(w http.ResponseWriter, r *http.Request) {
	page := template.Must(template.New("p").Parse(`<p>Hello {{.}}</p>`))
	_ = page.Execute(w, template.HTML(r.URL.Query().Get("name"))) // EXPECT: MCP-TAINT-XSS-001
}

func render(w http.ResponseWriter, r *http.Request) {
	body := r.FormValue("template")
	t, err := texttemplate.New("user").Parse(body) // EXPECT: MCP-TAINT-CODE-001
	if err != nil {
		return
	}
	_ = t.Execute(w, nil)
}

func main() {
	http.HandleFunc("/download", download)
	http.HandleFunc("/convert", convert)
	http.HandleFunc("/search", search)
	http.HandleFunc("/greet", greet)
	http.HandleFunc("/render", render)
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
