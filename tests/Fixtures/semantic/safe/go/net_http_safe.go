package main

import (
	"encoding/json"
	"html/template"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

var page = template.Must(template.New("p").Parse(`<p>Hello {{.}}</p>`))

func greet(w http.ResponseWriter, r *http.Request) {
	// html/template escapes a plain string.
	_ = page.Execute(w, r.URL.Query().Get("name"))
	_ = page.Execute(w, template.HTML("<b>static banner</b>"))
}

func thumbnail(w http.ResponseWriter, r *http.Request) {
	size, err := strconv.Atoi(r.FormValue("size"))
	if err != nil {
		http.Error(w, "bad size", http.StatusBadRequest)
		return
	}
	out, _ := exec.Command("sh", "-c", "convert in.png -resize "+strconv.Itoa(size)+" out.png").Output()
	_, _ = w.Write(out)
}

func asset(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("name"))
	data, err := os.ReadFile(filepath.Join("/srv/assets", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}

type Item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func create(w http.ResponseWriter, r *http.Request) {
	var item Item
	if err := json.NewDecoder(r.Body).Decode(&item); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	_, _ = db.Exec("INSERT INTO items (id, name) VALUES ($1, $2)", item.ID, item.Name)
	w.WriteHeader(http.StatusCreated)
}
