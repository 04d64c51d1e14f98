//! A fixed-window limit for the admin upload: uploads are rare and expensive (extract, load,
//! refresh), so a simple shared budget per minute protects the server.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_budget() {
        let limiter = RateLimiter::per_minute(2);
        assert!(limiter.try_acquire());
        assert!(limiter.try_acquire());
        assert!(!limiter.try_acquire());
    }
}
