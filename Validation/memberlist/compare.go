package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// metricRule says how one quantity is read on each side and judged.
type metricRule struct {
	name string
	sim  func(row map[string]string) float64 // from GossipSim's runs.csv row
	// bytes: a load (bytes or messages per node per second), which agrees when the means are
	// within 15%; anything else agrees when the 95% interval of the difference (Welch) holds 0.
	bytes bool
	// detection: a time the CI verdict guards (-gross): it fails when the time is missing, or
	// when the means differ by more than a factor 2 and the difference is significant (its 95%
	// interval excludes 0), so that three noisy seeds alone cannot fail CI.
	detection bool
	// exposure: for a rate or count of rare events, the column of what it is counted over
	// (perRun: a count per run). A side whose runs saw no event shows the exact Poisson upper end
	// of the rate, -ln(0.025) over the pooled exposure: the t interval over its runs would be
	// [0, 0], as if the rate were known to be 0.
	exposure string
}

// perRun: the exposure of a count per run, each run counting one.
const perRun = "(each run)"

func col(name string) func(map[string]string) float64 {
	return func(row map[string]string) float64 { return num(row[name]) }
}

var rules = []metricRule{
	{name: "bytes_per_node_s_mean", sim: col("bytes_per_node_s_mean"), bytes: true},
	{name: "udp_bytes_per_node_s", sim: func(r map[string]string) float64 {
		return num(r["bytes_per_node_s_mean"]) - num(r["bytes_push_pull_per_node_s"])
	}, bytes: true},
	{name: "tcp_bytes_per_node_s", sim: col("bytes_push_pull_per_node_s"), bytes: true},
	{name: "bytes_ping_per_node_s", sim: col("bytes_ping_per_node_s"), bytes: true},
	{name: "bytes_ack_per_node_s", sim: col("bytes_ack_per_node_s"), bytes: true},
	{name: "bytes_ping_req_per_node_s", sim: col("bytes_ping_req_per_node_s"), bytes: true},
	{name: "bytes_nack_per_node_s", sim: col("bytes_nack_per_node_s"), bytes: true},
	{name: "bytes_suspect_per_node_s", sim: col("bytes_suspect_per_node_s"), bytes: true},
	{name: "bytes_alive_per_node_s", sim: col("bytes_alive_per_node_s"), bytes: true},
	{name: "bytes_dead_per_node_s", sim: col("bytes_dead_per_node_s"), bytes: true},
	{name: "bytes_compound_per_node_s", sim: col("bytes_compound_per_node_s"), bytes: true},
	{name: "msgs_per_node_s_mean", sim: col("msgs_per_node_s_mean"), bytes: true},
	{name: "fp_per_node_hour", sim: col("fp_per_node_hour"), exposure: "observer_node_hours"},
	{name: "fp_declarations", sim: col("fp_declarations"), exposure: perRun},
	{name: "detect_first_suspect_s", sim: col("detect_first_suspect_s"), detection: true},
	{name: "detect_first_s", sim: col("detect_first_s"), detection: true},
	{name: "detect_all_s", sim: col("detect_all_s"), detection: true},
	{name: "join_all_s", sim: col("join_t100_s"), detection: true},
	{name: "reconverge_s", sim: col("reconverge_s")},
	// Only the real side has these: memberlist's own log lines, which GossipSim has no column for.
	{name: "false_suspicions_per_node_hour"},
	{name: "refutations"},
	{name: "size_ping_b"},
	{name: "size_ack_b"},
	{name: "size_compound_b"},
	{name: "size_push_pull_b"},
	{name: "udp_payload_bytes_per_node_s"},
	{name: "tcp_payload_bytes_per_node_s"},
	{name: "bytes_compressed_per_node_s"},
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// stats: mean, 95% half-width (Student t), count of finite values.
func stats(xs []float64) (mean, half float64, k int) {
	var sum float64
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
			sum += x
		}
	}
	k = len(v)
	if k == 0 {
		return math.NaN(), math.NaN(), 0
	}
	mean = sum / float64(k)
	if k < 2 {
		return mean, math.NaN(), k
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(k-1))
	return mean, tQuantile975(float64(k-1)) * sd / math.Sqrt(float64(k)), k
}

// tQuantile975 is Student's t at 0.975 for df degrees of freedom (df rounded down, which widens
// the interval for Welch's fractional df).
func tQuantile975(df float64) float64 {
	table := []float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
		2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
		2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}
	d := int(math.Floor(df))
	switch {
	case d < 1:
		return math.NaN()
	case d <= len(table):
		return table[d-1]
	case d <= 60:
		return 2.000
	case d <= 120:
		return 1.980
	}
	return 1.960
}

// welchHalf: the 95% half-width of the difference of two means.
func welchHalf(h1 float64, k1 int, h2 float64, k2 int) float64 {
	if k1 < 2 || k2 < 2 {
		return math.NaN()
	}
	// Back from half-widths to squared standard errors.
	se1 := math.Pow(h1/tQuantile975(float64(k1-1)), 2)
	se2 := math.Pow(h2/tQuantile975(float64(k2-1)), 2)
	if se1+se2 == 0 {
		return 0
	}
	df := (se1 + se2) * (se1 + se2) / (se1*se1/float64(k1-1) + se2*se2/float64(k2-1))
	return tQuantile975(df) * math.Sqrt(se1+se2)
}

// interval shows a mean with its 95% t interval over k runs. Every compared quantity (a time
// after a fault, bytes, messages, counts, lag) is at least 0, so the interval's low end is cut at
// 0: no possible mean lies below it, and the cut interval holds the true mean exactly when the
// whole one does, so its coverage stays 95%. With 3 seeds a t interval of a time often reaches
// below 0 (crash-n30's first suspicion: 2.4 ± 2.41 s), which read as a negative time.
func interval(mean, half float64, k int) string {
	switch {
	case k == 0:
		return "—"
	case math.IsNaN(half):
		return fmt.Sprintf("%.3g (%d)", mean, k)
	}
	return fmt.Sprintf("%.3g [%.3g, %.3g] (%d)", mean, math.Max(0, mean-half), mean+half, k)
}

// noEventsBound: a rate whose runs all saw no event, shown with the exact 95% Poisson upper end
// over the runs' pooled exposure ("0 [0, 0.295] (5)"); any other rate as shown is returned as is.
func noEventsBound(shown string, mean float64, k int, rows []map[string]string, exposure string) string {
	if k == 0 || mean != 0 {
		return shown
	}
	total := 0.0
	for _, row := range rows {
		if exposure == perRun {
			total++
		} else {
			total += num(row[exposure])
		}
	}
	if !(total > 0) {
		return shown
	}
	return fmt.Sprintf("0 [0, %.3g] (%d)", -math.Log(0.025)/total, k)
}

func compareMain(args []string) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	realPath := fs.String("real", "", "runs CSV written by the run command")
	simDir := fs.String("sim", "", "GossipSim output folder (runs.csv, events.csv)")
	scenario := fs.String("scenario", "", "scenario name in the GossipSim output")
	table := fs.String("table", "", "markdown file the rows are appended to")
	gross := fs.Bool("gross", false, "exit 1 when a detection time is missing, or differs significantly by more than a factor 2")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *realPath == "" || *simDir == "" || *scenario == "" || *table == "" {
		fmt.Fprintln(os.Stderr, "compare: -real, -sim, -scenario and -table are required")
		return 2
	}
	realRows, err := readCSV(*realPath)
	if err == nil && len(realRows) == 0 {
		err = fmt.Errorf("%s: no runs", *realPath)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		return 1
	}
	sim, err := simRows(*simDir, *scenario)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		return 1
	}
	f, err := os.OpenFile(*table, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		return 1
	}
	defer f.Close()
	status := 0
	for _, rule := range rules {
		var rv, sv []float64
		present := false
		for _, row := range realRows {
			if s, ok := row[rule.name]; ok && s != "" {
				present = true
				rv = append(rv, num(s))
			}
		}
		if !present {
			continue
		}
		if rule.sim != nil {
			for _, row := range sim {
				sv = append(sv, rule.sim(row))
			}
		}
		rm, rh, rk := stats(rv)
		sm, sh, sk := stats(sv)
		if rule.sim != nil && sk == 0 && rm == 0 {
			continue // GossipSim leaves out a message type it never sent, and so did memberlist
		}
		verdict, diff := "real only", "—"
		significant := false
		if sk > 0 && rk > 0 {
			d := sm - rm
			diff = fmt.Sprintf("%+.3g", d)
			if rm != 0 {
				diff += fmt.Sprintf(" (%+.0f%%)", 100*d/math.Abs(rm))
			}
			wh := welchHalf(rh, rk, sh, sk)
			switch {
			case rule.bytes && math.Abs(d) <= 0.15*math.Abs(rm):
				verdict = "agree (within 15%)"
			case rule.bytes:
				verdict = "differ (> 15%)"
			case d == 0:
				verdict = "agree"
			case math.IsNaN(wh):
				verdict = "n/a (one run a side)"
			case math.Abs(d) <= wh:
				verdict = "agree (95% CI of the difference holds 0)"
			default:
				verdict = "differ"
				significant = true
			}
		}
		if rule.detection && *gross && (rk == 0 || sk == 0 || (significant && (rm > 2*sm || sm > 2*rm))) {
			verdict += " — GROSS (missing, or differs significantly by more than 2x)"
			status = 1
		}
		n := ""
		if len(realRows) > 0 {
			n = realRows[0]["nodes"]
		}
		realShown, simShown := interval(rm, rh, rk), interval(sm, sh, sk)
		if rule.exposure != "" {
			realShown = noEventsBound(realShown, rm, rk, realRows, rule.exposure)
			simShown = noEventsBound(simShown, sm, sk, sim, rule.exposure)
		}
		fmt.Fprintf(f, "| %s | %s | %s | %s | %s | %s | %s |\n", *scenario, n, rule.name,
			realShown, simShown, diff, verdict)
	}
	return status
}

// simRows: the scenario's ok runs from runs.csv, each with its join event's t100 (events.csv)
// as join_t100_s.
func simRows(dir, scenario string) ([]map[string]string, error) {
	runs, err := readCSV(filepath.Join(dir, "runs.csv"))
	if err != nil {
		return nil, err
	}
	events, err := readCSV(filepath.Join(dir, "events.csv"))
	if err != nil {
		return nil, err
	}
	joinT100 := map[string]string{}
	for _, e := range events {
		if e["kind"] == "join" && e["converged"] == "true" {
			joinT100[e["run_id"]] = e["t100_s"]
		}
	}
	var rows []map[string]string
	for _, r := range runs {
		if r["scenario"] != scenario || r["status"] != "ok" {
			continue
		}
		r["join_t100_s"] = joinT100[r["run_id"]]
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no ok runs of scenario %q", dir, scenario)
	}
	return rows, nil
}
