package cli

func TestPrintInLocalZone(t *testing.T) {
	r := runBinaryIn(t, "Europe/Berlin", ".", nil, "--print", "--tz", "local")
	if !strings.Contains(r.stdout, "times: this machine's zone (CET)") || !strings.Contains(r.stdout, "~01:00–03:30   [reported] Tour of Samsung's") {
		t.Errorf("--tz local in Berlin:\n%s", r.stdout)
	}
}
