//! `kinerja user`: reviewer accounts and their API tokens.

use std::io::BufRead;

use model::RegionCode;
use regions::Gazetteer;
use warehouse::accounts::{self, Account, AccountError};
use warehouse::review::{Actor, Role};
use warehouse::DbConnection;

use super::exit;
use crate::cli::UserAction;

/// Shortest password accepted from stdin.
const MIN_PASSWORD: usize = 12;

pub fn run(action: UserAction) -> u8 {
    let url = match &action {
        UserAction::Add { database, .. }
        | UserAction::Disable { database, .. }
        | UserAction::Revoke { database, .. }
        | UserAction::Reset { database, .. }
        | UserAction::Token { database, .. } => database.database_url.clone(),
        UserAction::List(database) => database.database_url.clone(),
    };
    let mut conn = match warehouse::open_ready(&url) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    match act(&mut conn, action) {
        Ok(()) => exit::OK,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            exit::UNREADABLE
        }
        Err(Failure::Database(message)) => {
            eprintln!("error: {message}");
            exit::DATABASE
        }
    }
}

enum Failure {
    Usage(String),
    Database(String),
}

impl From<AccountError> for Failure {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Database(e) => Failure::Database(e.to_string()),
            other => Failure::Usage(other.to_string()),
        }
    }
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Database(e.to_string())
    }
}

fn act(conn: &mut DbConnection, action: UserAction) -> Result<(), Failure> {
    let cli = Actor {
        reviewer_id: None,
        role: Role::Admin,
        region: None,
    };
    match action {
        UserAction::Add {
            email,
            kabupaten,
            provinsi,
            admin,
            password_stdin,
            ..
        } => {
            let (role, region) = scope(kabupaten.as_deref(), provinsi.as_deref(), admin)?;
            if !email.contains('@') {
                return Err(Failure::Usage(format!("`{email}` is not an email address")));
            }
            let (password, generated) = password(password_stdin)?;
            let hash = hash(&password)?;
            let account = accounts::add(conn, &email, &hash, role, region.as_deref())?;
            audit(conn, &cli, "user.add", &account)?;
            println!("added {}", describe(&account));
            if generated {
                println!("password (shown once): {password}");
            }
        }
        UserAction::List(_) => {
            for account in accounts::list(conn)? {
                println!("{}", describe(&account));
            }
        }
        UserAction::Disable { email, .. } => {
            let account = accounts::disable(conn, &email)?;
            audit(conn, &cli, "user.disable", &account)?;
            println!(
                "disabled {} (its API tokens and sessions revoked)",
                account.email
            );
        }
        UserAction::Revoke { email, .. } => {
            let (tokens, sessions) = accounts::revoke(conn, &email)?;
            let account = accounts::find(conn, &email)?
                .ok_or_else(|| Failure::Usage(format!("no account for {email}")))?;
            audit(conn, &cli, "user.revoke", &account)?;
            println!(
                "revoked {tokens} API token(s) and {sessions} session(s) of {}",
                account.email
            );
        }
        UserAction::Reset {
            email,
            password_stdin,
            ..
        } => {
            let (password, generated) = password(password_stdin)?;
            let account = accounts::reset(conn, &email, &hash(&password)?)?;
            audit(conn, &cli, "user.reset", &account)?;
            println!("new password for {}", account.email);
            if generated {
                println!("password (shown once): {password}");
            }
        }
        UserAction::Token { email, label, .. } => {
            let account = accounts::find(conn, &email)?
                .ok_or_else(|| Failure::Usage(format!("no account for {email}")))?;
            if account.disabled {
                return Err(Failure::Usage(format!("{} is disabled", account.email)));
            }
            let token = api::auth::random_secret();
            accounts::add_token(conn, account.id, &api::auth::token_digest(&token), &label)?;
            audit(conn, &cli, "user.token", &account)?;
            println!("API token for {} ({label}), shown once:", account.email);
            println!("{token}");
        }
    }
    Ok(())
}

/// The role and region of `--kabupaten`, `--provinsi` or `--admin`; a region must be an
/// official code.
fn scope(
    kabupaten: Option<&str>,
    provinsi: Option<&str>,
    admin: bool,
) -> Result<(Role, Option<String>), Failure> {
    let gazetteer = Gazetteer::official();
    let code = |raw: &str| {
        raw.parse::<RegionCode>()
            .map_err(|e| Failure::Usage(format!("`{raw}`: {e}")))
    };
    match (kabupaten, provinsi, admin) {
        (_, _, true) => Ok((Role::Admin, None)),
        (Some(k), _, _) => {
            let c = code(k)?;
            gazetteer
                .kabupaten_by_code(&c)
                .map(|_| (Role::Reviewer, Some(c.to_string())))
                .ok_or_else(|| {
                    Failure::Usage(format!("{k} is not an official kabupaten/kota code"))
                })
        }
        (None, Some(p), _) => {
            let c = code(p)?;
            gazetteer
                .provinsi_by_code(&c)
                .map(|_| (Role::Reviewer, Some(c.to_string())))
                .ok_or_else(|| Failure::Usage(format!("{p} is not an official provinsi code")))
        }
        (None, None, false) => Err(Failure::Usage(
            "give --kabupaten, --provinsi or --admin".to_owned(),
        )),
    }
}

/// A password from stdin (`true`: generated instead).
fn password(from_stdin: bool) -> Result<(String, bool), Failure> {
    if !from_stdin {
        // 24 hex digits: 96 bits, typed from the printout once and then changed by reset.
        return Ok((api::auth::random_secret()[..24].to_owned(), true));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::Usage(format!("cannot read the password from stdin: {e}")))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.chars().count() < MIN_PASSWORD {
        return Err(Failure::Usage(format!(
            "the password must have at least {MIN_PASSWORD} characters"
        )));
    }
    Ok((password, false))
}

fn hash(password: &str) -> Result<String, Failure> {
    api::auth::hash_password(password).map_err(|e| Failure::Database(e.to_string()))
}

fn describe(account: &Account) -> String {
    let scope = match (&account.role[..], &account.region_code) {
        ("admin", _) => "admin (every region)".to_owned(),
        (_, Some(region)) => format!("reviewer of {region}"),
        _ => "reviewer of no region".to_owned(),
    };
    let state = if account.disabled {
        ", disabled"
    } else if account.locked_until.is_some() {
        ", locked"
    } else {
        ""
    };
    format!("{}: {scope}{state}", account.email)
}

fn audit(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    account: &Account,
) -> Result<(), Failure> {
    warehouse::review::audit(
        conn,
        &Actor {
            reviewer_id: None,
            ..actor.clone()
        },
        action,
        &format!("reviewer:{}", account.id),
        &serde_json::json!({"role": account.role, "region": account.region_code, "by": "cli"}),
    )?;
    Ok(())
}
