//! The client a request comes from, for the per-client limits (login, error reports).

use std::net::{IpAddr, Ipv4Addr};

use actix_web::HttpRequest;

use crate::error::ApiError;
use crate::ratelimit::PerClientLimiter;

/// The client's address: the TCP peer, or — when the server is told it runs behind a reverse
/// proxy (`--trust-forwarded`) — the address the proxy wrote in `Forwarded`/`X-Forwarded-For`.
/// A request without a known peer (a test harness) counts as one client, 0.0.0.0.
fn address(req: &HttpRequest, trust_forwarded: bool) -> IpAddr {
    let forwarded = trust_forwarded
        .then(|| {
            req.connection_info()
                .realip_remote_addr()
                .and_then(parse_host)
        })
        .flatten();
    forwarded
        .or_else(|| req.peer_addr().map(|a| a.ip()))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Takes one unit of the request's client's budget in `limiter`; a 429 naming `what` (with
/// Retry-After) when it is spent.
pub fn take_budget(
    limiter: &PerClientLimiter,
    req: &HttpRequest,
    trust_forwarded: bool,
    what: &'static str,
) -> Result<(), ApiError> {
    limiter
        .try_acquire(address(req, trust_forwarded))
        .map_err(|retry_after| ApiError::TooManyRequests { what, retry_after })
}

/// `203.0.113.7`, `203.0.113.7:5123`, `[2001:db8::1]:80` or `2001:db8::1` → the address.
fn parse_host(host: &str) -> Option<IpAddr> {
    host.parse::<IpAddr>()
        .ok()
        .or_else(|| host.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// Whether the request came over TLS (directly, or as the trusted proxy says): cookies are
/// then marked `Secure`.
pub fn is_https(req: &HttpRequest, trust_forwarded: bool) -> bool {
    trust_forwarded && req.connection_info().scheme() == "https"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_hosts_with_or_without_a_port_are_addresses() {
        assert_eq!(parse_host("203.0.113.7"), Some([203, 0, 113, 7].into()));
        assert_eq!(
            parse_host("203.0.113.7:5123"),
            Some([203, 0, 113, 7].into())
        );
        assert!(parse_host("[2001:db8::1]:80").is_some_and(|a| a.is_ipv6()));
        assert_eq!(parse_host("unknown"), None);
    }
}
