//! Prometheus counters for `/metrics`: requests by status class and their total latency. A
//! handful of atomics is all this needs; a metrics library would outweigh it.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Metrics {
    requests: [AtomicU64; 5],
    latency_micros: AtomicU64,
    reports_uploaded: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, status: u16, elapsed: Duration) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.requests[class].fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.latency_micros.fetch_add(micros, Ordering::Relaxed);
    }

    pub fn report_uploaded(&self) {
        self.reports_uploaded.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition format.
    pub fn render(&self, reports_current: i64) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP kinerja_http_requests_total HTTP requests answered, by status class.\n",
        );
        out.push_str("# TYPE kinerja_http_requests_total counter\n");
        for (i, counter) in self.requests.iter().enumerate() {
            let _ = writeln!(
                out,
                "kinerja_http_requests_total{{class=\"{}xx\"}} {}",
                i + 1,
                counter.load(Ordering::Relaxed)
            );
        }
        out.push_str(
            "# HELP kinerja_http_request_seconds_sum Total time spent answering requests.\n",
        );
        out.push_str("# TYPE kinerja_http_request_seconds_sum counter\n");
        let seconds = self.latency_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "kinerja_http_request_seconds_sum {seconds}");
        out.push_str(
            "# HELP kinerja_reports_uploaded_total Reports loaded through the admin upload.\n",
        );
        out.push_str("# TYPE kinerja_reports_uploaded_total counter\n");
        let _ = writeln!(
            out,
            "kinerja_reports_uploaded_total {}",
            self.reports_uploaded.load(Ordering::Relaxed)
        );
        out.push_str("# HELP kinerja_reports_current Reports in the warehouse that no newer version supersedes.\n");
        out.push_str("# TYPE kinerja_reports_current gauge\n");
        let _ = writeln!(out, "kinerja_reports_current {reports_current}");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_status_class() {
        let m = Metrics::default();
        m.observe(200, Duration::from_millis(2));
        m.observe(404, Duration::from_millis(1));
        m.observe(404, Duration::from_millis(1));
        let text = m.render(4);
        assert!(
            text.contains("kinerja_http_requests_total{class=\"2xx\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("kinerja_http_requests_total{class=\"4xx\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("kinerja_reports_current 4\n"), "{text}");
    }
}
