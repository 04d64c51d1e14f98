//! Fixed-window limits. The admin upload has one budget shared by all (uploads are rare and
//! expensive: extract, load, refresh); logins and public error reports have one per client
//! address, so one noisy client does not lock out the others.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    state: Mutex<(Instant, u32)>,
}

impl RateLimiter {
    pub fn per_minute(limit: u32) -> Self {
        RateLimiter {
            limit,
            window: Duration::from_secs(60),
            state: Mutex::new((Instant::now(), 0)),
        }
    }

    /// Takes one unit of the budget; false when the window's budget is spent.
    pub fn try_acquire(&self) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        let now = Instant::now();
        if now.duration_since(state.0) >= self.window {
            *state = (now, 0);
        }
        if state.1 < self.limit {
            state.1 += 1;
            true
        } else {
            false
        }
    }
}

/// Clients remembered at most; past it, windows that ended are forgotten first.
const MAX_CLIENTS: usize = 100_000;

/// A fixed-window budget per client address.
#[derive(Debug)]
pub struct PerClientLimiter {
    limit: u32,
    window: Duration,
    clients: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl PerClientLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        PerClientLimiter {
            limit,
            window,
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one unit of `client`'s budget; `Err(seconds)` until its window ends when spent.
    pub fn try_acquire(&self, client: IpAddr) -> Result<(), u64> {
        let Ok(mut clients) = self.clients.lock() else {
            return Err(self.window.as_secs());
        };
        let now = Instant::now();
        if clients.len() >= MAX_CLIENTS {
            let window = self.window;
            clients.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = clients.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 < self.limit {
            entry.1 += 1;
            Ok(())
        } else {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            Err(left.as_secs().max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_budget() {
        let limiter = PerClientLimiter::new(2, Duration::from_secs(60));
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        assert_eq!(limiter.try_acquire(a), Ok(()));
        assert_eq!(limiter.try_acquire(a), Ok(()));
        let wait = limiter.try_acquire(a).err().unwrap_or(0);
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(
            limiter.try_acquire(b),
            Ok(()),
            "another client is not limited"
        );
    }

    #[test]
    fn refuses_past_the_budget() {
        let limiter = RateLimiter::per_minute(2);
        assert!(limiter.try_acquire());
        assert!(limiter.try_acquire());
        assert!(!limiter.try_acquire());
    }
}
