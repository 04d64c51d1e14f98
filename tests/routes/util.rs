//! What every route test shares: a real server over a fresh warehouse holding the sample
//! reports, one request helper, the problem check, reviewer accounts and logins, and the
//! snapshot settings.

use std::net::TcpListener;

use serde_json::Value;
use testkit::{samples, Backend, TestDb};

pub const ADMIN_TOKEN: &str = "test-token-0123456789";

/// The password of every account `reviewer` makes.
pub const PASSWORD: &str = "kata sandi yang panjang";

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub struct Server {
    pub base: String,
    pub db: TestDb,
}

/// A server over a fresh warehouse with the sample reports loaded, as `kinerja serve` starts:
/// the taxonomy stored, the snapshots computed.
pub fn start(backend: Backend) -> Server {
    let db = testkit::sample_warehouse(backend).expect("a test database");
    let pool = warehouse::pool(&db.url, 4).unwrap();
    let mut settings = api::Settings::new(&db.url);
    settings.admin_token = Some(ADMIN_TOKEN.to_owned());
    settings.max_upload_bytes = 1024 * 1024;
    let state = api::AppState::new(pool, settings);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            api::serve_listener(state, listener).unwrap().await.unwrap();
        });
    });
    Server {
        base: format!("http://127.0.0.1:{port}"),
        db,
    }
}

/// An answer: its status, the headers the tests look at, and its body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub etag: Option<String>,
    /// `hit` when the response cache answered, `miss` when the handler did and it was kept.
    pub cache: Option<String>,
    pub retry_after: Option<String>,
    /// Every header, names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The cookies it set, each `name=value; attributes`.
    pub set_cookies: Vec<String>,
    /// The body as sent (a download's bytes).
    pub bytes: Vec<u8>,
    /// The body as text.
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The value of header `name` (lower case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of cookie `name` as set by this answer.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies.iter().find_map(|c| {
            let first = c.split(';').next()?;
            let (n, v) = first.split_once('=')?;
            (n.trim() == name).then(|| v.trim().to_owned())
        })
    }

    /// The whole Set-Cookie line of cookie `name`, with its attributes.
    pub fn cookie_line(&self, name: &str) -> String {
        self.set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .cloned()
            .unwrap_or_else(|| panic!("no {name} cookie in {:?}", self.set_cookies))
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// A request with any method and headers, and a body (its content type, its bytes), as a
/// browser or a script sends it. The one helper under every other.
pub fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> Answer {
    let mut req = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let sent = match body {
        None => agent().run(req.body(()).unwrap()),
        Some((content_type, bytes)) => agent().run(
            req.header("content-type", content_type)
                .body(bytes)
                .unwrap(),
        ),
    };
    let mut res = sent.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let headers: Vec<(String, String)> = res
        .headers()
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let set_cookies = headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v.clone())
        .collect();
    let bytes = res
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_default();
    Answer {
        status: res.status().as_u16(),
        content_type: header("content-type").unwrap_or_default(),
        etag: header("etag"),
        cache: header("x-cache"),
        retry_after: header("retry-after"),
        set_cookies,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
        headers,
    }
}

pub fn get(server: &Server, path: &str) -> Answer {
    request(server, "GET", path, &[], None)
}

pub fn get_with(server: &Server, path: &str, headers: &[(&str, &str)]) -> Answer {
    request(server, "GET", path, headers, None)
}

/// An upload of a text report, with the admin token or another.
pub fn post(server: &Server, path: &str, token: Option<&str>, body: &[u8]) -> Answer {
    post_as(server, path, token, "text/plain", body)
}

/// A POST of `body` as `content_type`, with a bearer token when given.
pub fn post_as(
    server: &Server,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> Answer {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer
        .as_deref()
        .map(|b| ("authorization", b))
        .into_iter()
        .collect();
    request(server, "POST", path, &headers, Some((content_type, body)))
}

/// A POST of a JSON body with the given headers (cookies, CSRF token), as the dashboard sends.
pub fn post_json(server: &Server, path: &str, headers: &[(&str, &str)], body: &Value) -> Answer {
    let body = body.to_string();
    request(
        server,
        "POST",
        path,
        headers,
        Some(("application/json", body.as_bytes())),
    )
}

/// Checks an RFC 9457 problem: its status, its media type, the parameter it names.
pub fn assert_problem(answer: &Answer, status: u16, parameter: Option<&str>) -> Value {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(
        answer.content_type, "application/problem+json",
        "{}",
        answer.body
    );
    let problem = answer.json();
    assert_eq!(problem["status"], status);
    if let Some(name) = parameter {
        assert_eq!(problem["invalid_params"][0]["name"], name, "{problem}");
    }
    problem
}

/// The sample report of Jaten: (file name, bytes).
pub fn jaten_sample() -> (String, Vec<u8>) {
    samples()
        .into_iter()
        .find(|(n, _)| n.contains("jaten"))
        .unwrap_or_else(|| panic!("the Jaten sample"))
}

/// A new version of Jaten's report whose IKM realisasi reads 84,20 instead of 83,20, loaded
/// as `kinerja ingest` would.
pub fn supersede_jaten(server: &Server) {
    let mut conn = server.db.open();
    let (name, bytes) = jaten_sample();
    let text = String::from_utf8_lossy(&bytes).replace("83,20", "84,20");
    let extract = ingest::extract(&name, text.as_bytes());
    warehouse::load_report(&mut conn, &extract, Some(text.as_bytes()))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A report of the samples again, with a line added: it supersedes the loaded one.
pub fn revised_sample() -> Vec<u8> {
    let report = samples().into_iter().next().unwrap().1;
    [report.as_slice(), b"\nLampiran tambahan\n"].concat()
}

/// `revised_sample` loaded by another process, as `kinerja ingest` would, through its own
/// connection.
pub fn load_elsewhere(server: &Server) {
    let mut conn = server.db.open();
    let bytes = revised_sample();
    let extract = ingest::extract("elsewhere.txt", &bytes);
    warehouse::load_report(&mut conn, &extract, Some(&bytes)).unwrap();
}

pub fn kecamatan_of_first_sample(s: &Server) -> String {
    let name = samples().into_iter().next().unwrap().0;
    let reports = get(s, "/api/v1/reports?limit=1000").json();
    reports["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file_name"] == name.as_str())
        .map(|r| r["kecamatan_code"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("{name} in {reports}"))
}

/// A reviewer account of `region` (`None`: admin) with an API token; returns the token.
pub fn reviewer(server: &Server, email: &str, region: Option<&str>) -> String {
    let mut conn = server.db.open();
    let role = if region.is_some() {
        warehouse::review::Role::Reviewer
    } else {
        warehouse::review::Role::Admin
    };
    let hash = api::auth::hash_password(PASSWORD).unwrap();
    let account = warehouse::accounts::add(&mut conn, email, &hash, role, region).unwrap();
    let token = api::auth::random_secret();
    warehouse::accounts::add_token(
        &mut conn,
        account.id,
        &api::auth::token_digest(&token),
        "test",
    )
    .unwrap();
    token
}

/// A review of figure `fact` with an API token (or none).
pub fn review(server: &Server, fact: i64, token: Option<&str>, body: &Value) -> Answer {
    post_as(
        server,
        &format!("/api/v1/facts/{fact}/review"),
        token,
        "application/json",
        body.to_string().as_bytes(),
    )
}

/// The review queue of the reviewer whose API token is `token`.
pub fn queue(server: &Server, token: &str) -> Value {
    get_with(
        server,
        "/api/v1/review/queue",
        &[("authorization", &format!("Bearer {token}"))],
    )
    .json()
}

/// Jaten's 2023 nilai AKIP figure.
pub fn jaten_akip(server: &Server) -> Value {
    let facts = get(
        server,
        "/api/v1/facts?kecamatan=33.13.11&concept=nilai_akip&tahun=2023",
    )
    .json();
    facts["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["is_history"] == false)
        .cloned()
        .unwrap_or_else(|| panic!("Jaten's nilai AKIP: {facts}"))
}

/// Jaten's nilai AKIP of 2023 in the Karanganyar ranking, if ranked.
pub fn ranked_realisasi(server: &Server) -> Option<String> {
    let ranking = get(
        server,
        "/api/v1/rankings/nilai_akip?tahun=2023&kabupaten=33.13",
    )
    .json();
    ranking["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kecamatan_code"] == "33.13.11")
        .map(|r| r["realisasi"].as_str().unwrap_or_default().to_owned())
}

/// The dashboard's login: the CSRF cookie and token of GET /api/v1/session, then the login.
/// Returns the login's answer and the CSRF token it was sent with.
pub fn log_in(server: &Server, email: &str, password: &str) -> (Answer, String) {
    let start = get(server, "/api/v1/session");
    assert_eq!(start.status, 200, "{}", start.body);
    let csrf = start.json()["csrf_token"].as_str().unwrap().to_owned();
    let cookie = format!("kinerja_csrf={csrf}");
    let body = serde_json::json!({"email": email, "password": password});
    let login = post_json(
        server,
        "/api/v1/session",
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &body,
    );
    (login, csrf)
}

/// A logged-in session of `email`: its cookie header (`kinerja_session=…`) and CSRF token.
pub fn session_of(server: &Server, email: &str) -> (String, String) {
    let (login, _) = log_in(server, email, PASSWORD);
    assert_eq!(login.status, 200, "{}", login.body);
    let session = login.cookie("kinerja_session").unwrap();
    let token = login.json()["csrf_token"].as_str().unwrap().to_owned();
    (format!("kinerja_session={session}"), token)
}

/// A message long enough for an error report.
pub const ERROR_REPORT_MESSAGE: &str = "Realisasi nilai AKIP di halaman 14 tertulis lain";

/// `csv` with every value of column `column` replaced by `replacement`, for the snapshots of
/// answers that carry a time.
pub fn redact_csv_column(csv: &str, column: &str, replacement: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = header
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {header:?}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        let redacted: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(i, v)| if i == at { replacement } else { v })
            .collect();
        writer.write_record(&redacted).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// A redaction of the waits in a problem's detail (`try again in 3599 seconds`), which count
/// down while a test runs.
pub fn seconds_redacted() -> insta::internals::Redaction {
    insta::dynamic_redaction(|value, _| {
        let text = value.as_str().unwrap_or_default();
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(" seconds") {
            let (head, tail) = rest.split_at(at);
            let digits = head.trim_end_matches(|c: char| c.is_ascii_digit());
            out.push_str(digits);
            if digits.len() < head.len() {
                out.push_str("[n]");
            }
            out.push_str(" seconds");
            rest = &tail[" seconds".len()..];
        }
        out.push_str(rest);
        out
    })
}
