//! The command-line interface: what a newcomer sees in `kinerja --help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// kinerja turns the yearly performance reports (LKjIP) of Indonesian kecamatan into one
/// public, comparable, citable dataset.
///
/// Typical use: `kinerja serve` starts the API on http://127.0.0.1:8080 over the warehouse (a
/// SQLite file `kinerja.db` unless DATABASE_URL says otherwise), loading the bundled sample
/// reports on first start; `kinerja ingest FOLDER` extracts and loads more reports;
/// `kinerja extract REPORT.txt` shows what would be read from one report, without a database.
#[derive(Debug, Parser)]
#[command(name = "kinerja", version, about, long_about, propagate_version = true)]
pub struct Cli {
    /// More log output on stderr (-v: info, -vv: debug); KINERJA_LOG overrides it.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read report files and print the figures found, as `kinerja.extract/1` JSON.
    ///
    /// One JSON document per file (a JSON array when several are given), on stdout. No
    /// database is touched. Exit code 0 when every file was read as an LKjIP, 2 when a file is
    /// not one (its document says why in `issues`), 6 when a file is a corrupt, truncated or
    /// password-protected document (PDF, DOCX), 1 when a file cannot be read at all.
    Extract {
        /// Report files: DOCX, PDF, or text (.txt, .md, .html), told apart by their bytes.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Extract reports and load them into the warehouse.
    ///
    /// PATH may be report files (DOCX, PDF, or text: .txt, .md, .html; the format is told by
    /// the bytes), extract JSON files (`kinerja extract` output), or folders holding them. Each report is loaded in its own transaction: loading a file again changes
    /// nothing, a new file for the same kecamatan and year supersedes the older one (which is
    /// kept), and a failed report leaves the database as it was.
    ///
    /// Exit codes: 0 every report loaded (or was already there); 3 some reports failed (the
    /// others were loaded; the summary says why each failed); 6 some files are corrupt,
    /// truncated or password-protected documents (not loaded; the others were); 4 the database
    /// could not be used.
    Ingest(IngestArgs),
    /// Read the stored reports again with the current parser and taxonomy.
    ///
    /// Each current report is extracted again from its stored original and its concepts
    /// mapped with the taxonomy, in one transaction per report: a report is either fully
    /// re-extracted or left as it was. Reports already produced by this parser and taxonomy
    /// are skipped, so running it again changes nothing. Every published figure that changes
    /// is recorded in the change log (GET /api/v1/changes) with its cause.
    ///
    /// Exit codes: 0 done; 3 some reports failed (the others were re-extracted); 4 the
    /// database could not be used; 1 the --taxonomy file cannot be read.
    Reextract(ReextractArgs),
    /// Create or update the warehouse's tables (also done by every command that needs them).
    Migrate(DatabaseArgs),
    /// Serve the REST API (/api/v1), its OpenAPI document (/openapi.json) and docs (/docs).
    ///
    /// On first start with an empty warehouse, the sample reports bundled in the binary are
    /// loaded, so there is real data at once. Uploads (POST /api/v1/reports) are enabled by
    /// setting KINERJA_ADMIN_TOKEN. Ctrl-C or SIGTERM stops it gracefully.
    Serve(ServeArgs),
    /// Fill a database of its own with a synthetic national warehouse, for scale tests and
    /// benchmarks: real region codes, figures drawn from the indicators' usual scales, every
    /// report marked synthetic. Refused for a database that holds real reports.
    Synth(SynthArgs),
    /// Recompute the rankings, composite scores and other snapshots (also done after every
    /// ingest, upload and synth, and when the server starts).
    Analytics {
        #[command(subcommand)]
        action: AnalyticsAction,
    },
    /// Manage reviewer accounts: people who confirm, correct or withhold flagged figures of
    /// their region (docs/security.md).
    ///
    /// A new account's password is generated and printed once (or read from stdin with
    /// --password-stdin). Exit codes: 0 done; 1 a wrong argument (an unknown account, an
    /// account that exists, a region code that is not official); 4 the database.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Print the OpenAPI document (or write it to a file, as committed in openapi/openapi.json).
    Openapi {
        /// Where to write it; stdout when absent.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many kecamatan report, spread over the country (7,285 is every one).
    #[arg(long, default_value_t = 7285)]
    pub kecamatan: usize,
    /// How many years each reports for, ending with --last-year.
    #[arg(long, default_value_t = 5)]
    pub years: u16,
    #[arg(long, default_value_t = 2024)]
    pub last_year: u16,
    /// Seed of the random figures: the same seed gives the same warehouse.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The database to fill (required: synthetic data never goes to the default warehouse).
    #[arg(long)]
    pub database_url: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Database connections in the pool [default: one per core on SQLite, four per core on
    /// PostgreSQL].
    #[arg(long)]
    pub pool_size: Option<u32>,

    /// Largest report upload accepted, in MiB.
    #[arg(long, default_value_t = 20)]
    pub max_upload_mb: usize,

    /// Do not load the bundled sample reports into an empty warehouse.
    #[arg(long)]
    pub no_samples: bool,

    /// Take the client's address from `X-Forwarded-For`/`Forwarded` (set this only behind a
    /// reverse proxy that writes them): login and error-report limits are per client.
    #[arg(long, env = "KINERJA_TRUST_FORWARDED")]
    pub trust_forwarded: bool,

    /// Public error reports accepted per client and hour.
    #[arg(long, default_value_t = 10)]
    pub error_reports_per_hour: u32,

    /// A PostgreSQL streaming replica of --database-url: reads go to it, loads, uploads,
    /// reviews and logins to the primary (docs/deployment.md). When the primary is down, reads
    /// keep being served and writes answer 503.
    #[arg(long, env = "DATABASE_REPLICA_URL", hide_env_values = true)]
    pub replica_url: Option<String>,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add an account scoped to a kabupaten, a provinsi, or everything (--admin).
    Add {
        email: String,
        /// The kabupaten/kota it reviews (official code, e.g. 33.13).
        #[arg(long, conflicts_with_all = ["provinsi", "admin"], required_unless_present_any = ["provinsi", "admin"])]
        kabupaten: Option<String>,
        /// The provinsi it reviews (official code, e.g. 33).
        #[arg(long, conflicts_with = "admin")]
        provinsi: Option<String>,
        /// Every region, and account management.
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of stdin instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the accounts (never their passwords).
    List(DatabaseArgs),
    /// End every dashboard session and API token of an account (it stays enabled).
    Revoke {
        email: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Disable an account and revoke its API tokens and sessions.
    Disable {
        email: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Give an account a new password (printed once, or from stdin); enables and unlocks it
    /// and ends its sessions.
    Reset {
        email: String,
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Make an API token for an account, for automation (printed once; kept as its sha256).
    Token {
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnalyticsAction {
    /// Rebuild every snapshot from the current reports, in one transaction.
    Refresh(DatabaseArgs),
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// The warehouse: a SQLite file path, or a postgres:// URL.
    #[arg(long, env = "DATABASE_URL", default_value = warehouse::DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: String,
}

#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// Print the changes it would make, and change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Only the reports of this kabupaten (code, e.g. 33.13).
    #[arg(long, value_name = "CODE")]
    pub kabupaten: Option<String>,

    /// Only this report (its id).
    #[arg(long, value_name = "ID")]
    pub report: Option<i64>,

    /// Map concepts with this taxonomy file instead of the built-in data/indicators.toml (to
    /// try a change to it; reports then record this file's version).
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,

    /// Leave the analytics snapshot behind the re-extracted reports.
    #[arg(long)]
    pub no_refresh: bool,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Report text files, extract JSON files, or folders of them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Treat every file as extract JSON, whatever its extension.
    #[arg(long)]
    pub json: bool,

    /// Say what would be loaded, superseded or refused, and change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Leave the analytics snapshot behind the new reports (for several ingests in a row);
    /// `kinerja analytics refresh` or the next `kinerja serve` brings it up to date.
    #[arg(long)]
    pub no_refresh: bool,

    #[command(flatten)]
    pub database: DatabaseArgs,
}
